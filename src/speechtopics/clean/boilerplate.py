"""Site boilerplate: short lines and lead phrases that recur across many pages of one site.

This module owns grouping a run's pages by site (:func:`site_key`: the site named in the metadata, the
URL's host, else the source's folder) and finding the short, non-sentence lines that recur on many
of them (navigation, footers, widget labels), which :mod:`speechtopics.clean.chrome` then treats as
chrome, and the lead phrases that open paragraphs on many of them (央视网消息（新闻联播）：, a source's
dateline label), which :func:`strip_leads` cuts from the paragraphs they open, as a span: the
paragraph itself is the text; and, the same way, the footers glued after many pages' last sentence
(``更多信息请关注官方微信“河北人社”``, :func:`tail_phrase`).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import PurePath
from urllib.parse import urlparse

from speechtopics.clean.shape import is_heading, is_salutation, is_sentence_like

__all__ = ["site_key", "find_boilerplate", "eligible_lines", "SiteLineCounts", "lead_phrase", "strip_leads",
           "tail_phrase", "tail_phrases", "tail_region", "LEAD_MARK", "TAIL_MARK", "TITLE_MARK"]

#: How a lead phrase is kept among a site's boilerplate lines (no line starts with a NUL).
LEAD_MARK = "\x00lead:"
#: A paragraph's lead: up to 20 characters with no sentence end, closed by a colon, then the paragraph
#: (or, six characters or more, alone on its line, the paragraph on the next: 央视网消息（新闻联播）：).
#: How a glued-on tail (a footer after a paragraph's last sentence) is kept among the boilerplate lines.
TAIL_MARK = "\x00tail:"
#: How a page's headline (``<title>``, ``og:title``, ``<h1>``) is kept: one on most pages names the site.
TITLE_MARK = "\x00title:"
_TAIL = re.compile(r".*(?:(?<=[。！？!?》A-Za-z])|(?<=[0-9０-９〇零一二三四五六七八九十]日))([^。！？!?…A-Za-z\n]{4,40})$")
_SENTENCE_END = re.compile(r"[。！？!?]")
_LEAD = re.compile(r"([^。！？!?；;：:\n]{2,20}[：:])(?=\s*\S.{9})|([^。！？!?；;：:\n]{5,20}[：:])\s*$")


def lead_phrase(line: str) -> str | None:
    """The phrase a paragraph opens with up to a colon (``央视网消息（新闻联播）：``), or None; an opening
    address (同志们：) is the speech's, not a lead.

    Examples
    --------
    >>> lead_phrase("央视网消息（新闻联播）：国务院总理今天主持召开国务院常务会议，研究部署有关工作。")
    '央视网消息（新闻联播）：'
    >>> lead_phrase("同志们：今天我们召开全县经济工作会议，主要任务是总结工作。") is None
    True
    """
    m = _LEAD.match(line)
    if m is None:
        return None
    lead = m.group(1) or m.group(2)
    return None if is_salutation(lead) else lead


def tail_phrase(line: str) -> str | None:
    """What follows a paragraph's last sentence, the date a document is signed with, or an attachment's
    name (``….docx``, ``《…》``), without ending a sentence itself (a footer glued on: ``…2023年11月30日更多信息请关注官方微信“河北人社”``), 4 to 40
    characters, or None. A closing sentence (谢谢大家！) ends with its mark and is never a tail.

    Examples
    --------
    >>> tail_phrase("为民服务永无止境。更多信息请关注官方微信“河北人社”")
    '更多信息请关注官方微信“河北人社”'
    >>> tail_phrase("同志们，让我们携手奋进。谢谢大家！") is None
    True
    """
    m = _TAIL.match(line.rstrip())
    return m.group(1).strip() if m else None


def tail_phrases(line: str) -> list[str]:
    """:func:`tail_phrase` and its ends after a closing bracket inside it, longest first: the footer
    of ``（此件主动公开）更多信息请关注官方微信“河北人社”`` is counted with the pages that have no note."""
    tail = tail_phrase(line)
    if not tail:
        return []
    cuts = [m.end() for m in re.finditer(r"[）)】\]]", tail) if len(tail) - m.end() >= 4]
    return [tail] + [tail[i:].lstrip() for i in cuts]


def tail_region(lines: list[str]) -> int:
    """Index of the first line of a page's tail region: its last line that ends a sentence and every
    line after it (a signature, a date, furniture), where a footer glued after the page's last sentence
    can be. A paragraph inside the text is never in it, so a note that many paragraphs end with
    (（各乡镇人民政府负责）) is not counted as a footer.

    Examples
    --------
    >>> tail_region(["第一段。（县财政局负责）", "第二段。（县财政局负责）", "县人民政府", "2023年3月5日"])
    1
    """
    return next((i for i in range(len(lines) - 1, -1, -1) if _SENTENCE_END.search(lines[i])), 0)


def strip_leads(lines: list[str], boilerplate: frozenset[str]) -> tuple[list[str], list[str]]:
    """``lines`` with each lead phrase that is site boilerplate (``LEAD_MARK + phrase``) cut from the
    start of the paragraph it opens, and each boilerplate tail (``TAIL_MARK + phrase``) from the end of
    a line in the page's :func:`tail_region`; and the phrases cut, in order (for ``dropped_lines``)."""
    leads = any(b.startswith(LEAD_MARK) for b in boilerplate)
    # a footer known to be the site's is cut where a line of the tail region ends with it, also glued
    # after a word
    tails = sorted((b[len(TAIL_MARK):] for b in boilerplate if b.startswith(TAIL_MARK)), key=len, reverse=True)
    if not (leads or tails):
        return lines, []
    out, cut = [], []
    tail_from = tail_region(lines)
    counted = page_leads(lines) if leads else set()  # what eligible_lines counted: the memo's address
    for i, line in enumerate(lines):
        lead = lead_phrase(line) if leads else None
        if lead and lead in counted and LEAD_MARK + lead in boilerplate:
            line = line[len(lead):].lstrip()
            cut.append(lead)
        end = line.rstrip()
        tail = next((t for t in tails if end.endswith(t) and len(end) > len(t)), None) if i >= tail_from else None
        if tail:
            cut.append(tail)
        out.append(end[: -len(tail)].rstrip() if tail else line)
    return out, cut


def site_key(doc: dict) -> str:
    """The key pages of one site share: metadata ``site``, else the URL's host, else the table a row
    comes from (a workbook's sheet: ``book.xlsx#人社厅``), else the source folder.

    Examples
    --------
    >>> site_key({"source": "book.xlsx#人社厅!row7"}), site_key({"source": "docs.csv#row7"})
    ('book.xlsx#人社厅', 'docs.csv')
    """
    meta = doc.get("meta") or {}
    if meta.get("site"):
        return str(meta["site"])
    if meta.get("url"):
        return urlparse(str(meta["url"])).netloc
    source = str(doc.get("source") or "")
    if "#" in source:  # a table's row: the table is its source (two departments' tables in one folder,
        # or one workbook's sheets: one department a sheet)
        table, _, row = source.partition("#")
        sheet = row.rpartition("!")[0]
        return f"{table}#{sheet}" if sheet else table
    return str(PurePath(source.split("::")[0]).parent) if source else ""


def _eligible(line: str) -> bool:
    """Short lines only, and never a salutation, heading or a line that ends a sentence ("谢谢大家！")."""
    return (
        0 < len(line) <= 40
        and not is_salutation(line)
        and not is_heading(line)
        and line[-1] not in "。！？!?；;：:"
        and not is_sentence_like(line)
    )


def page_leads(lines: list[str]) -> set[str]:
    """The lead phrases of a page that may be its source's: the one that opens its first paragraph
    with a lead, and any that recurs on the page (one per news item); a label that opens one paragraph
    inside the text (工作目标：) is the document's own."""
    opened = [p for p in map(lead_phrase, lines) if p]
    return {p for i, p in enumerate(opened) if i == 0 or opened.count(p) > 1}


def eligible_lines(lines: list[str], titles: Iterable[str | None] = ()) -> frozenset[str]:
    """The distinct lines of one page that may be site boilerplate (short, not a salutation, heading or
    sentence), its paragraphs' lead phrases (as ``LEAD_MARK + phrase``) and its headlines ``titles``
    (``<title>``, ``og:title``, ``<h1>``, as ``TITLE_MARK + title``): what :class:`SiteLineCounts` counts."""
    leads = {LEAD_MARK + p for p in page_leads(lines)}
    tails = {TAIL_MARK + p for line in lines[tail_region(lines):] for p in tail_phrases(line)}
    last = next((ln.strip() for ln in reversed(lines) if ln.strip()), "")
    if _eligible(last):  # a footer on a line of its own (a note cut before it) counts with the glued ones
        tails.add(TAIL_MARK + last)
    heads = {TITLE_MARK + str(t).strip() for t in titles if t and str(t).strip()}
    return frozenset(ln for ln in lines if _eligible(ln)) | leads | tails | heads


class SiteLineCounts:
    """The reduction behind :func:`find_boilerplate`: pages per site key and, per line, the pages of
    the site that hold it. Pages may be added in any grouping (per chunk, per worker); the result only
    depends on the pages added."""

    def __init__(self):
        self.counts: dict[str, Counter[str]] = defaultdict(Counter)
        self.sizes: Counter[str] = Counter()

    def add(self, key: str, lines: frozenset[str]) -> None:
        """Count one page of site ``key`` whose eligible lines (:func:`eligible_lines`) are ``lines``."""
        self.sizes[key] += 1
        self.counts[key].update(lines)

    def boilerplate(self, min_docs: int, min_share: float) -> dict[str, frozenset[str]]:
        """Site key to the lines on at least ``min_docs`` pages and ``min_share`` of the site's pages."""
        out: dict[str, frozenset[str]] = {}
        for key, counter in self.counts.items():
            need = max(min_docs, min_share * self.sizes[key])
            out[key] = frozenset(ln for ln, n in counter.items() if n >= need)
        return out


def find_boilerplate(pages: Iterable[tuple[dict, list[str]]], min_docs: int, min_share: float
                     ) -> dict[str, frozenset[str]]:
    """Lines that recur across pages of one site, per site key.

    Parameters
    ----------
    pages : iterable of (dict, list of str) or (dict, list of str, titles)
        Every document of a run (its raw record) with its normalised lines, and its headlines.
    min_docs : int
        A line must recur on at least this many pages of the site ...
    min_share : float
        ... and on at least this share of them.

    Returns
    -------
    dict
        Site key (:func:`site_key`) to the set of boilerplate lines.
    """
    counts = SiteLineCounts()
    for doc, lines, *titles in pages:
        counts.add(site_key(doc), eligible_lines(lines, titles[0] if titles else ()))
    return counts.boilerplate(min_docs, min_share)
