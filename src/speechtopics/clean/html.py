"""HTML pages: the article body and the page's own metadata.

This module owns turning an HTML page into body lines plus ``{title, h1, date, site}``. It parses with
BeautifulSoup over lxml, removes elements that are furniture by their tag (``nav``, ``footer``,
``script`` ...) or by their ``class``/``id`` vocabulary (``breadcrumb``, ``share``, ``copyright``,
``related`` ...), then picks the content block by text density: the deepest element that holds most of
the page's sentence-like Han text. Inline markup stays inside its sentence; block elements and ``<br>``
become line breaks. Whatever chrome survives is left to :mod:`speechtopics.clean.chrome`.
"""

from __future__ import annotations

import re
from typing import Any

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

from speechtopics.clean.normalize import HAN
from speechtopics.clean.truncation import is_pager

__all__ = ["looks_like_html", "html_to_lines"]

_DROP_TAGS = ("script", "style", "noscript", "nav", "footer", "header", "aside", "form", "iframe",
              "button", "select", "input", "textarea", "svg", "canvas", "template", "object", "embed")
_BLOCK_TAGS = ("p", "div", "section", "article", "li", "ul", "ol", "tr", "table", "h1", "h2", "h3", "h4",
               "h5", "h6", "blockquote", "pre", "dd", "dt", "dl", "center", "td", "th", "main", "body")
# Class/id words of page furniture; matched against the tokens of class and id ("share-box" -> "share").
_CHROME_WORDS = {
    "nav", "navbar", "navigation", "menu", "footer", "foot", "header", "breadcrumb", "crumb", "crumbs",
    "share", "bdshare", "social", "copyright", "copy", "sidebar", "side", "aside", "related", "relate",
    "recommend", "comment", "comments", "ad", "ads", "advert", "banner", "login", "register", "pager",
    "pagination", "prev", "next", "prenext", "toolbar", "tags", "tag", "hot", "rank", "position",
    "location", "weizhi", "dqwz", "bread", "xgwz", "xgwd", "tuijian", "fenxiang", "gotop", "top",
}
_HAN_RE = re.compile(f"[{HAN}]")
_TOKEN = re.compile(r"[A-Za-z]+")


def looks_like_html(text: str) -> bool:
    """Whether a text is an HTML page (doctype, ``<html>`` or several block tags near the start)."""
    head = text[:2000].lower()
    if "<!doctype html" in head or "<html" in head:
        return True
    return len(re.findall(r"<(?:p|div|br|body|table)\b", text[:20000], re.I)) >= 3


def _is_chrome_element(tag: Tag) -> bool:
    attrs = " ".join(tag.get("class", []) or []) + " " + str(tag.get("id", "") or "")
    tokens = {t.lower() for t in _TOKEN.findall(attrs)}
    return bool(tokens & _CHROME_WORDS)


def _meta(soup: BeautifulSoup) -> dict[str, Any]:
    found: dict[str, Any] = {}
    if soup.title and soup.title.string:
        found["html_title"] = soup.title.get_text(" ", strip=True)
    h1 = soup.find("h1")
    if h1:
        found["h1"] = h1.get_text("", strip=True)
    for m in soup.find_all("meta"):
        key = (m.get("property") or m.get("name") or m.get("itemprop") or "").lower()
        val = (m.get("content") or "").strip()
        if not val:
            continue
        if key in ("og:site_name", "sitename", "site_name", "application-name") and "site" not in found:
            found["site"] = val
        elif key in ("article:published_time", "pubdate", "publishdate", "publish_date", "datepublished",
                     "og:release_date", "firstpublishedtime", "date", "dc.date") and "date" not in found:
            found["date"] = val
        elif key in ("og:title", "articletitle") and "og_title" not in found:
            found["og_title"] = val
    return found


_PUBLISH = re.compile(r"(?:发布|发表|更新|时间|日期)[^0-9\n]{0,6}((?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2})"
                      # or a byline without a label: a date, its time, then the source (2013年04月29日05:12  来源：…)
                      r"|((?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2})\s*日?\s*(?:\d{1,2}:\d{2}(?::\d{2})?)?\s*来源\s*[:：]")
_ANY_DATE = re.compile(r"(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}")


_OWN_DATE = re.compile(r"^[（(]\s*(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*(?:[，,、][^（）()\d]{1,12})?[)）]$")


def _page_date(body: Tag, block: Tag | None = None) -> dict[str, str]:
    """The page's date: the speech's own date line above the text (（2020年9月8日）), else a publication
    date: a 发布时间-style byline (or a date and time before 来源：) outside the content
    ``block`` (a notice's own 时间：… line is its schedule, not its date), else a short dated line above
    the block (作者：体卫艺处　2018-08-07), else such a byline anywhere, else a time/date element."""
    strings = list(body.find_all(string=True))
    inside = [block is not None and any(p is block for p in s.parents) for s in strings]
    before = strings[:inside.index(True)] if any(inside) else []  # a byline above the text: 作者：…　2018-08-07
    own = next((str(s).strip() for s in before if _OWN_DATE.match(str(s).strip())), None)
    if own:  # the speech's own date line under its title (（2020年9月8日）), not a repost's 发布时间
        return {"date": own}
    outside = "\n".join(str(s) for s, i in zip(strings, inside) if not i)
    m = _PUBLISH.search(outside)
    if m:
        return {"date": m.group(1) or m.group(2)}
    for s in before:
        m = _ANY_DATE.search(s)
        if m and len(s.strip()) <= 40:
            return {"date": m.group(0)}
    m = _PUBLISH.search(body.get_text("\n"))
    if m:
        return {"date": m.group(1) or m.group(2)}
    for tag in body.find_all(True):
        attrs = " ".join(tag.get("class", []) or []) + " " + str(tag.get("id", "") or "")
        if tag.name == "time" or re.search(r"time|date|pubdate|info", attrs, re.I):
            m = _ANY_DATE.search(tag.get_text(" "))
            if m:
                return {"date": m.group(0)}
    return {}


def _content_block(body: Tag) -> Tag:
    """Deepest element holding at least 80 % of the page's sentence-like Han text."""
    weight: dict[int, int] = {}
    nodes: dict[int, Tag] = {}
    total = 0
    for s in body.find_all(string=True):
        if isinstance(s, Comment) or s.find_parent("a") is not None:
            continue
        han = len(_HAN_RE.findall(s))
        if han < 8 or not re.search(r"[，。；！？、,;]", s):
            continue
        total += han
        for parent in s.parents:
            if parent is body.parent:
                break
            weight[id(parent)] = weight.get(id(parent), 0) + han
            nodes[id(parent)] = parent
    if total == 0:
        return body
    best, best_depth = body, 0
    for key, w in weight.items():
        if w >= 0.8 * total:
            node = nodes[key]
            depth = len(list(node.parents))
            if depth > best_depth:
                best, best_depth = node, depth
    return _with_split_parts(best, body)


#: class/id words of a headline's element (title, art-tit, news_bt, biaoti)
_TITLE_WORDS = {"title", "tit", "bt", "biaoti", "headline", "heading"}
_HEADING_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6")


def _headline_above(body: Tag, block: Tag) -> str | None:
    """The page's headline when it stands above the content ``block`` in an element other than ``<h1>``:
    the last element before the block that is marked as a heading (``<h2>``–``<h6>``, a class or id
    word such as ``title``, or a ``<b>``/``<strong>`` that is all of its line) and reads as a headline
    (8 to 90 characters, 6 or more Han, no comma or sentence end, no ``>`` path). ``None`` when
    there is none or the block holds it already."""
    found = None
    for tag in body.find_all(True):
        if tag is block:
            break
        if any(p is block for p in tag.parents):
            break
        attrs = " ".join(tag.get("class", []) or []) + " " + str(tag.get("id", "") or "")
        marked = (tag.name in _HEADING_TAGS or bool({t.lower() for t in _TOKEN.findall(attrs)} & _TITLE_WORDS)
                  or tag.name in ("b", "strong") and tag.parent is not None
                  and tag.parent.get_text(strip=True) == tag.get_text(strip=True))
        text = tag.get_text("", strip=True)
        if (marked and 8 <= len(text) <= 90 and len(_HAN_RE.findall(text)) >= 6
                and not re.search(r"[，。；！？,;!?>›»]|首页", text)):
            found = text
    return found


def _paragraph_text(tag: Tag) -> bool:
    """Whether ``tag`` holds a paragraph of running text: 20+ Han characters ending a sentence."""
    return any(len(_HAN_RE.findall(s)) >= 20 and re.search(r"[。！？!?]", s)
               for s in tag.find_all(string=True) if not isinstance(s, Comment) and s.find_parent("a") is None)


def _with_split_parts(best: Tag, body: Tag, levels: int = 3) -> Tag:
    """``best`` joined with the other parts of a text split over sibling containers: an opening in a
    styled box before the main one, a second ``TRS_Editor`` after a video. Up to ``levels`` ancestors
    up, a sibling that holds running text is a part when it comes before the chain (an article's
    opening), or comes after it as the same kind of element (same tag and class) with only elements
    without text (a video, a picture) between; running text right after the body, or in an element of
    another kind (a related article's summary), is not. The parts are moved, in page order,
    into one new element in place of the first."""
    parts, node = [best], best
    for _ in range(levels):
        parent = node.parent
        if parent is None or node is body:
            break
        kind = (node.name, tuple(node.get("class") or ()))
        before, bridged = True, False
        for sib in parent.find_all(recursive=False):
            if sib is node:
                before = False
                continue
            if before:
                if _paragraph_text(sib):
                    parts.append(sib)
            elif not sib.get_text(strip=True):
                bridged = True  # a video, a picture, an empty box: the text may go on after it
            elif bridged and (sib.name, tuple(sib.get("class") or ())) == kind and _paragraph_text(sib):
                parts.append(sib)
            else:
                break  # text of another kind, or with nothing between: not the same text going on
        if parent is body:
            break
        node = parent
    if len(parts) == 1:
        return best
    order = {id(t): i for i, t in enumerate(body.find_all(True))}
    parts.sort(key=lambda t: order[id(t)])
    wrapper = body.new_tag("div")
    parts[0].insert_before(wrapper)
    for part in parts:
        wrapper.append(part.extract())
    return wrapper


#: A JavaScript string literal in double or single quotes (escapes kept for :func:`_js_string`).
_JS_STRING = re.compile(r'"((?:[^"\\\n]|\\.)*)"|\'((?:[^\'\\\n]|\\.)*)\'')


def _js_string(body: str) -> str:
    """The text of a JavaScript string literal's body (``\\n``, ``\\"``, ``\\'``, ``\\u4e2d`` unescaped)."""
    import json

    plain = body.replace("\\'", "'").replace('\\"', '"').replace('"', '\\"')
    try:
        return json.loads(f'"{plain}"')
    except ValueError:  # an escape JSON does not know (\x41): the text with its line breaks at least
        return body.replace('\\"', '"').replace("\\'", "'").replace("\\n", "\n").replace("\\/", "/")


def _fill_from_script(soup: BeautifulSoup) -> None:
    """A page whose text is only in a script (``var content = "<p>…</p>"`` written into the page by
    ``innerHTML``, on some county portals) gets that text as a ``<div>`` at the end of its body: the
    longest string literal of its scripts with at least 200 Han characters, when the page outside its
    scripts has fewer than 100. Other pages are left as they are."""
    scripts = soup.find_all("script")
    if not scripts:
        return
    visible = 0
    for t in soup.find_all(string=True):  # stop at 100: an ordinary page gets there in its first lines
        if t.parent is not None and t.parent.name not in ("script", "style", "title"):
            visible += len(_HAN_RE.findall(str(t)))
            if visible >= 100:
                return
    best = ""
    for script in scripts:
        for m in _JS_STRING.finditer(script.string or ""):
            text = _js_string(m.group(1) if m.group(1) is not None else m.group(2))
            if len(_HAN_RE.findall(text)) >= 200 and len(text) > len(best):
                best = text
    if best:
        parsed = BeautifulSoup(best, "lxml")
        holder = soup.new_tag("div")
        holder.append(parsed.body or parsed)
        (soup.body or soup).append(holder)


#: A pager's words (上一页, 下一页, 尾页) and the page count beside them (第1页, 共2页, 1/2): the text goes on
#: (or began) on another page of the same address.
_PAGER_WORD = re.compile(r"[上下]一页|尾页|末页")


def _pager(body: Tag) -> str | None:
    """The text of a pager of the article's pages (第1页 第2页 下一页 共2页), wherever the page puts it."""
    for s in body.find_all(string=_PAGER_WORD):
        box = s.parent
        while box.parent is not None and box.parent.name not in ("body", "html") and len(box.parent.get_text(" ", strip=True)) <= 80:
            box = box.parent
        text = " ".join(box.get_text(" ", strip=True).split())
        if is_pager(text):
            return text
    return None


def html_to_lines(page: str) -> tuple[str, dict[str, Any]]:
    """Body text of an HTML page and its metadata.

    Parameters
    ----------
    page : str
        The decoded HTML.

    Returns
    -------
    tuple of (str, dict)
        The text (``\\n`` between blocks) with the page title prepended as the first line when the
        content block does not hold it, and ``{html_title?, h1?, og_title?, headline?, date?, site?}``
        (``headline``: a headline above the block in another element, when the page has no ``<h1>``). A pager
        of the article's pages (第1页 下一页 共2页) outside the block is added as the last line.
    """
    soup = BeautifulSoup(page, "lxml")
    _fill_from_script(soup)
    meta = _meta(soup)
    for c in soup.find_all(string=lambda s: isinstance(s, Comment)):
        c.extract()
    pager = _pager(soup.body or soup)  # before the furniture goes: the pager is one, but says the text is cut
    for tag in soup.find_all(_DROP_TAGS):
        tag.decompose()
    for tag in soup.find_all(True):
        if getattr(tag, "decomposed", False):
            continue
        if tag.name not in ("html", "body") and _is_chrome_element(tag):
            tag.decompose()
    body = soup.body or soup
    block = _content_block(body)
    if "date" not in meta:
        meta.update(_page_date(body, block))
    for br in block.find_all("br"):
        br.replace_with(NavigableString("\n"))
    for tag in block.find_all(_BLOCK_TAGS):
        tag.insert_before(NavigableString("\n"))
        tag.append(NavigableString("\n"))
    text = block.get_text("")
    if "h1" not in meta:  # a headline above the text in an <h2> or a styled box (the <title> may name only the site)
        above = _headline_above(body, block)
        if above:
            meta["headline"] = above
    heading = meta.get("h1") or meta.get("headline")
    if heading and heading not in text:
        text = heading + "\n" + text
    if pager and pager not in text:  # the truncation step reads it, and takes it out
        text += "\n" + pager
    return text, meta
