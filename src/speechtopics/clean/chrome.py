"""Site chrome in text pages: deciding, line by line and from evidence, what is not speech.

This module owns the body/chrome decision for the lines of a page. It does not match whole strings
from known sites; it scores each line on evidence that generalises across templates:

* **vocabulary** of site chrome (navigation, download/VIP, login, share, copyright/ICP, related
  articles, editor intros, licence footers), split into *strong* cues that a speech never contains and
  *weak* cues that only count on a line that does not read like a sentence;
* **shape** (:mod:`speechtopics.clean.shape`): length, sentence punctuation, share of Han characters,
  separators such as ``>``/``|``, rows of bracketed buttons (【打印】【关闭】);
* **position**: a head zone before the first body line (titles, bylines, breadcrumbs, date lines); and,
  from the neighbours (:mod:`speechtopics.clean.layout`), a tail after a tail marker (相关文章, 上一篇),
  lists of titles, and unpunctuated furniture or rights notices after the last speech paragraph;
* **repetition**: a line equal to the title, or a line that recurs across many pages of one site
  (passed in by :func:`speechtopics.clean.clean_documents`).

Every dropped line keeps its reasons so a user can audit the decision.
"""

from __future__ import annotations

import re

from speechtopics.clean.apparatus import AGENCY_LEAD
from speechtopics.clean.dates import parse_date
from speechtopics.clean.layout import keep_subheadings, mark_after_body, mark_licence_tail, mark_lists, mark_tail
from speechtopics.clean.metadata import byline_line
from speechtopics.clean.shape import (
    CLAUSE,
    DATE_ONLY,
    SENT_END,
    LineVerdict,
    han_capped,
    han_count,
    is_heading,
    is_page_title,
    is_salutation,
    is_sentence_like,
)

__all__ = ["LineVerdict", "classify_lines", "one_cell_line", "CELL_FORMATS", "is_sentence_like", "is_heading", "is_salutation", "han_count",
           "looks_like_chrome"]

# Strong cues: vocabulary of page furniture that a speech does not use. Grouped by what they signal
# so the dropped-line reason is readable. Patterns, not site strings: they describe the furniture.
STRONG_CUES: dict[str, str] = {
    "breadcrumb": r"您(?:当前)?的?(?:位置|所在位置)|当前位置|所在位置[:：]|^\s*首页\s*[>›»/]|[>›»]{2}|\S\s*[>›»]\s*\S+\s*[>›»]\s*\S",
    # a template site's editor talking ("以下是小编整理的…，供大家参考"); a speaker's own "讲几点意见，供大家
    #参考" and "为大家带来了精彩节目" are speech, so 供大家… counts only after the editor's verbs
    "editor intro": r"小编|(?:以上|本文|文章|范文|内容|资料)[^。！？]{0,6}仅供参考|欢迎(?:大家)?(?:阅读|借鉴|参考|下载)|以下是.{0,30}(?:整理|收集|分享|带来)的|为大家(?:整理|收集|分享|推荐)|(?:整理|收集|精选|推荐|分享)[^。！？]{0,20}供大家(?:参考|阅读|借鉴|学习)",
    # a file name (附件：…细则.docx) sits in notices too: a cue on short lines only (below) and on 1.材料.docx
    "file name": r"\.(?:docx?|pdf|wps|txt|xlsx?|zip|rar)\s*》?",
    "download/VIP": r"文档下载|免费下载|下载(?:本文|全文|文档|到电脑|word)|推荐度|VIP|WPS|Word文档|下载券|积分下载|会员(?:下载|专享|免费|可)|开通会员|(?:在线|立即|会员)充值|充值(?:会员|中心|下载)|付费(?:阅读|下载)",
    "preview upsell": r"预览(?:阅读)?(?:已)?结束|试读结束|阅读已结束|联系(?:老师|客服)|获取完整|下载完整|查看完整|完整版请|全文(?:阅读|下载)|阅读全文|展开全文|点击(?:查看|下载|阅读|展开|进入)",
    # 相关内容/相关资料 only as a label alone: 现就相关内容进行如下解读：, 做好相关资料的准备工作 are text
    "related articles": r"相关(?:文章|热搜|推荐|阅读|范文|文档|链接|专题|搜索)|猜你(?:还)?(?:喜欢|想看|爱看|要看)|你可能(?:还)?(?:喜欢|感兴趣|想看)|延伸阅读|推荐阅读|热门(?:文章|推荐|阅读|排行|搜索)|精选(?:范文|文章)|更多(?:精彩|相关|范文|文章)|上一篇|下一篇|上一页|下一页|本文(?:链接|地址|标签)|原文(?:链接|地址)|浏览记录|大家(?:都在看|在看)|^\s*相关(?:文件|新闻|报道|政策|稿件|内容|资料)\s*[:：]?\s*$",
    "login/service": r"登录|注册(?:账号|会员|用户)|会员中心|个人中心|在线客服|客服(?:热线|电话|QQ|微信)?|联系我们|关于我们|网站地图|意见反馈|帮助中心|退出登录|忘记密码|用户协议|隐私(?:政策|条款)",
    "copyright/ICP": r"ICP|备案号|公网安备|版权所有|版权声明|版权归|Copyright|©|\(c\)\s*\d{4}|All\s+Rights\s+Reserved|侵权|免责声明|转载请|未经(?:书面)?(?:授权|许可)|(?:主办|承办)(?:单位)?\s*[:：]|技术支持|网站标识码",
    "share widget": r"分享到|一键分享|扫一扫|扫码|二维码|微信(?:扫|好友|朋友圈|公众号)|QQ空间|新浪微博|复制链接|收藏本(?:文|页|站)|加入收藏|设为首页|打印本页|关闭窗口|字号[:：]?\s*[大中小]|【\s*[大中小]\s*】|无障碍(?:浏览|阅读|模式)|长者模式|关怀模式|适老化(?:浏览|模式)|繁[体體]版",
    # a licence notice names the licence (知识共享署名, CC BY, GNU 自由文档许可协议), not knowledge sharing
    # or a technology licence agreement, which speeches and notices talk about
    "licence footer": r"本作品(?:在|采用|依据|根据|属于|已|是|来自|的)|公有领域|Public\s*domain|维基(?:文库|百科)|Wikisource|知识共享\s*[-－—]?\s*(?:署名|许可|协议)|Creative\s*Commons|CC[- ]BY|GNU|(?:知识共享|自由|开放|CC|GNU)\S{0,12}许可协议",
    # the news agency's lead before a republished speech (新华社北京12月31日电 … 全文如下：) and photo
    # captions (新华社记者李涛摄): the publisher talking, never the speaker
    # (:data:`~speechtopics.clean.apparatus.AGENCY_LEAD`; prepared pages have those spans cut out already)
    "publication lead": AGENCY_LEAD + r"|(?:全文|原文|文章)如下\s*[:：。]?\s*$|记者\s*\S{2,5}\s*摄\s*[)）]?\s*$",
    # a printed page's number: 第 1 页 共 6 页, 共6页 第2页, 第2页 (a PDF's running footer)
    "page number": r"^\s*(?:第\s*\d+\s*页(?:\s*[/，,、]?\s*共\s*\d+\s*页)?|共\s*\d+\s*页\s*[/，,、]?\s*第\s*\d+\s*页)\s*$",
    # 时间：2020-… alone is a page's; 培训时间：/报名时间： belong to the text (a notice's schedule)
    # a page's own line (来源：新华网, 文章来源：…), not a compound of the text (主要资金来源：)
    "publish line": r"(?:(?<![\u4e00-\u9fff])|(?<=文章|信息|新闻|稿件|本文|本站|本网|图片|视频|网页|页面|频道|栏目|网站))"
                    r"(?:发布|发表|更新|上传|录入|编辑|来源|作者|出处|浏览|阅读|点击|访问|生成|成文|发文)(?:时间|日期|次数|量|数)?\s*[:：]|阅读\s*[(（]?\s*\d+\s*[)）]?\s*次?$|\d+\s*(?:次|人)(?:阅读|浏览|查看)|责任编辑|(?<![\u4e00-\u9fff])(?:时间|日期)\s*[:：]\s*\d{2,4}",
}
# Weak cues: words that also occur in speeches ("注册资本", "分享经验", "下载") and only mark chrome on a
# line that does not read like a sentence.
WEAK_CUES = (r"首页|返回|顶部|注册|下载|收藏|打印|分享|评论|关注|订阅|微信|微博|QQ|网站|频道|栏目|标签|Tags?|"
    r"热门|推荐|排行|专题|导航|菜单|搜索|更多|全文|会员|文档|范文|模板|频道|编辑|作者|来源|时间|日期|阅读|浏览"
)
_NEVER_IN_SPEECH = ("editor intro", "preview upsell", "licence footer", "download/VIP", "publication lead")
_STRONG_ORDER = tuple(STRONG_CUES)
_FILE_AT_END = re.compile(r"^[^，。；：:,;]*" + STRONG_CUES["file name"] + r"\s*$", re.I)


def _caseless(rx: str) -> re.Pattern[str]:
    """Compile a cue pattern to run on lower-cased text: ASCII literals lower-cased, escapes kept.

    ``re.IGNORECASE`` makes Python's regex engine several times slower on CJK text, so lines are
    lower-cased once and the patterns are compiled case-sensitively instead.
    """
    return re.compile(re.sub(r"(?<!\\)[A-Z]", lambda m: m.group(0).lower(), rx))


_STRONG = {name: _caseless(rx) for name, rx in STRONG_CUES.items()}
# Characters every match of a cue must contain: a line without any of them cannot match, and testing for
# them is one fast character-class scan (the full patterns start with ``\S`` or a digit and are tried at
# every position). Only the costly cues have one; tests check them against the cue lists.
CUE_TRIGGERS: dict[str, str] = {"breadcrumb": "[位首>›»]", "publish line": "[:：阅浏查编]",
                                "publication lead": "[电如摄]"}
_TRIGGER = {name: re.compile(rx) for name, rx in CUE_TRIGGERS.items()}
# The cues a speech never uses, as one flat alternation (a group per cue is several times slower): most
# lines are long speech paragraphs, and one failed search settles them all. Cues with a trigger stay out
# (their first characters, 中, 人, 全, would stop the scan all the time); they are asked after it.
_NEVER_PLAIN = tuple(name for name in _NEVER_IN_SPEECH if name not in CUE_TRIGGERS)
_NEVER_TRIGGERED = tuple(name for name in _NEVER_IN_SPEECH if name in CUE_TRIGGERS)
_NEVER_ANY = _caseless("|".join(STRONG_CUES[name] for name in _NEVER_PLAIN))
_WEAK = _caseless(WEAK_CUES)
# separators of menu items and site paths, a spaced dash included ("某某网 - 讲话稿 - 领导讲话")
_SEPARATORS = re.compile(r"[>›»|｜/\\·•]|\s[-–—]\s")
# a short bracketed item: buttons and widgets (【打印】 [关闭窗口] 〖返回顶部〗 （收藏）)
_BRACKETED = re.compile(r"[【\[〖〔［(（][^【】\[\]〖〗〔〕［］()（）]{1,8}[】\]〗〕］)）]")


def looks_like_chrome(line: str) -> list[str]:
    """Evidence that one line, taken alone, is page furniture.

    Parameters
    ----------
    line : str
        One normalised line.

    Returns
    -------
    list of str
        Reasons (empty when the line looks like speech).
    """
    han = han_capped(line)
    return _chrome_reasons(line, han, is_sentence_like(line, han))


def _chrome_reasons(line: str, han: int, sentence: bool) -> list[str]:
    """:func:`looks_like_chrome` for a line whose (capped) Han count and sentence shape are known."""
    reasons: list[str] = []
    long_sentence = sentence and (
        han >= 60 and len(SENT_END.findall(line, 0, 400)) >= 2
        or han >= 30 and line[-1] in "。！？" and len(CLAUSE.findall(line, 0, 400)) >= 3
    )
    guarded = long_sentence or is_heading(line) and not _FILE_AT_END.search(line)
    # Furniture glued to a long paragraph sits at its start or end; probing only there keeps the
    # cue scan linear in the number of lines rather than in the size of the corpus.
    probe = (line if len(line) <= 240 else line[:120] + "\n" + line[-120:]).lower()
    # A strong cue inside a long, multi-sentence paragraph or an outline heading is the speech talking
    # about the thing ("加强版权保护", "（三）信访投诉"), unless it is a cue a speech never uses.
    if guarded:
        if _NEVER_ANY.search(probe):
            reasons += [name for name in _NEVER_PLAIN if _STRONG[name].search(probe)]
        reasons += [name for name in _NEVER_TRIGGERED if _TRIGGER[name].search(probe) and _STRONG[name].search(probe)]
    else:
        for name in _STRONG_ORDER:
            trigger = _TRIGGER.get(name)
            if (trigger is None or trigger.search(probe)) and _STRONG[name].search(probe):
                reasons.append(name)
        if "file name" in reasons and han >= 60:  # a notice that names its attachment file, not a link
            reasons.remove("file name")
    if not sentence:
        if _WEAK.search(probe) and han <= 30 and not is_heading(line):
            reasons.append("chrome vocabulary, not a sentence")
        if len(_SEPARATORS.findall(line)) >= 2 and han <= 40:
            reasons.append("separator-joined items")
        if len(_BRACKETED.findall(line)) >= 2 and han_count(_BRACKETED.sub("", line)) <= 2:
            reasons.append("a row of bracketed buttons")
        if han == 0:
            reasons.append("no Han characters")
        elif DATE_ONLY.match(line):
            reasons.append("date line")
    return reasons


_TITLE_NOISE = re.compile(r"[\s(（)）【】\[\]《》“”\"':：,，。_\-—]")


def _same_title(line: str, title: str | None) -> bool:
    if not title:
        return False
    a = _TITLE_NOISE.sub("", line)
    b = _TITLE_NOISE.sub("", title)
    if not a or not b:
        return False
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    # "在县…动员会上讲话(全文)" vs "在县…动员会上的讲话": near-equal titles differ by a few characters
    return len(short) >= 8 and (short in long_ and len(short) >= 0.7 * len(long_) or _near_equal(a, b, 0.9))


def _continues_title(line: str, title: str) -> bool:
    """Whether ``line`` is a longer title that opens with ``title`` (marks and spaces aside) and runs
    on from it. ``title`` must not read as a whole headline already (one ending in 讲话, 通知 … is not
    cut short: …的讲话　县委书记　张三 is its title and a byline; a 《…》 it quotes aside); the line must
    run on where ``title`` stops (:func:`_runs_on`), and more than a date must follow (``…的说明（2015年
    11月3日）`` is the title and its date line)."""
    a, b = _TITLE_NOISE.sub("", line), _TITLE_NOISE.sub("", title)
    rest = a[len(b):]
    if (not (len(b) >= 4 and a.startswith(b) and rest and not DATE_ONLY.match(rest))
            or _HEADLINE.search(_TITLE_NOISE.sub("", _QUOTED_TITLE.sub("", title)))):
        return False
    seen = 0  # find where the title's characters end in the line itself
    for end, ch in enumerate(line):
        seen += not _TITLE_NOISE.match(ch)
        if seen == len(b):
            break
    tail = title[len(title.rstrip("》”」）)")):]  # marks closing the title in the name itself (…决定》)
    after = line[end + 1:]
    if tail and after.startswith(tail):
        end, after = end + len(tail), after[len(tail):]
    return _runs_on(title, line[end], after) and _title_like(_headline(line))


#: A title quoted in a title (关于《…决定》的说明): its own ending says nothing of the outer one's.
_QUOTED_TITLE = re.compile(r"《[^《》]*》?")
_CLOSERS = {"》": "《", "”": "“", "」": "「", "）": "（", ")": "("}


def _runs_on(title: str, last: str, after: str) -> bool:
    """Whether the text ``after`` a cut ``title`` (whose last character is ``last``) continues it: a Han
    character; a digit after a digit (中法建交5|0周年); a mark closing one the title opened (在庆祝“五一|”);
    one dash between two words (中国－东盟). Two dashes (——县委书记) or a bracket open a byline or a note."""
    if not after:
        return False
    nxt = after[0]
    if "\u4e00" <= nxt <= "\u9fff" or (nxt.isdigit() and last.isdigit()):
        return True
    if nxt in _CLOSERS:
        return title.count(_CLOSERS[nxt]) > title.count(nxt)
    return nxt in "－-" and after[1:2] not in ("", "－", "-", "—") and "\u4e00" <= after[1:2] <= "\u9fff"


def _near_equal(a: str, b: str, at_least: float) -> bool:
    """Whether difflib's similarity ratio of ``a`` and ``b`` reaches ``at_least``."""
    from difflib import SequenceMatcher

    matcher = SequenceMatcher(None, a, b, autojunk=False)
    # the quick ratios are upper bounds of ratio(); most lines are far from the title and stop there
    return (matcher.real_quick_ratio() >= at_least and matcher.quick_ratio() >= at_least
            and matcher.ratio() >= at_least)


#: A speech page's headline or subtitle, however long (…开幕式上的讲话（全文）, ——在…的讲话): it names a
#: speech and ends there, so it is never the first line of the body.
_HEADLINE = re.compile(r"^——|(?:讲话|致辞|演讲|贺词|发言|讲稿|主旨演讲)(?:[（(](?:全文|摘要|节选|要点)[）)])?$"
                       # an official document's title, however long (…关于印发…的讲话的通知, …实施方案（试行）)
                       r"|(?:通知|意见|决定|办法|方案|规定|细则|规划|纲要|报告|批复|通报|公告|决议|条例|措施|指引|指南|函)"
                       r"(?:[（(][^（）()]{1,12}[）)])?$")
_CLAUSE = re.compile(r"[，。；！？,;!?]")


# a social-media headline's opening cry (重磅！, 刚刚！, 暖心！): the headline is what follows it
_HYPE = re.compile(r"^\s*[\u4e00-\u9fff]{2,4}[！!]\s*(?=\S)")


def _headline(text: str) -> str:
    """``text`` without a headline's opening cry (``重磅！``), when what follows reads as a title."""
    rest = _HYPE.sub("", text)
    return rest if rest != text and not _CLAUSE.search(rest) and _title_like(rest) else text


def _body_start(verdicts: list[LineVerdict]) -> int:
    """Index of the first body line: a salutation, an outline heading or a sentence-like line."""
    for i, v in enumerate(verdicts):
        if not v.keep or not v.text:
            continue
        if _headline(v.text) != v.text:
            continue  # 重磅！习近平…讲话（全文）: a headline, whatever it ends with
        if _HEADLINE.search(v.text) and not _CLAUSE.search(v.text) and not is_heading(v.text) or is_page_title(v.text):
            continue  # a headline, subtitle or saved <title> (…_滚动新闻_某某网); an outline heading (一、…讲话) is body
        if v.sentence or is_salutation(v.text):
            return i
        if v.han >= 4 and is_heading(v.text):
            return i
    return len(verdicts)


def classify_lines(
    lines: list[str],
    title: str | None = None,
    boilerplate: frozenset[str] = frozenset(),
    title_may_be_cut: bool = False,
) -> tuple[list[LineVerdict], str | None]:
    """Decide for every line whether it is speech, and find the title in the head zone.

    Parameters
    ----------
    lines : list of str
        Normalised lines of one page (empty strings are paragraph breaks).
    title : str, optional
        A title already known (from the record's metadata or the HTML); lines equal to it are dropped.
    boilerplate : frozenset of str
        Lines that recur across many pages of the same site.
    title_may_be_cut : bool
        Whether ``title`` is a file name's, which users and file systems cut short: a head-zone line
        that reads as a title and continues it (the name ``2015-09-23_在西雅图出席侨界举行``, the line
        ``在西雅图出席侨界举行的欢迎招待会时的讲话``) is then the title.

    Returns
    -------
    tuple of (list of LineVerdict, str or None)
        One verdict per line, and the title (the known one, or the one found in the head zone).
    """
    verdicts = [LineVerdict(text=line) for line in lines]
    for v in verdicts:
        if not v.text:
            continue
        v.han = han_capped(v.text)
        v.sentence = is_sentence_like(v.text, v.han)
        reasons = _chrome_reasons(v.text, v.han, v.sentence)
        if v.text in boilerplate and not v.sentence:
            reasons.append("repeated across pages of this site")
        if reasons:
            v.keep, v.reasons, v.role = False, reasons, "chrome"
    start = _body_start(verdicts)
    # a book reprint's chapter heading above the speech's own title (十二、推动构建新型大国关系, then the
    # title): a line repeating the known title among the first lines after the start ends the header,
    # unless a cover notice comes before it (为…制定了《<title>》，现予以印发 above 附件：<title>: a
    # sentence that distributes the document; a news lead, 12月16日，…开幕。, stays a header)
    again = next((j for j in range(start, min(start + 4, len(verdicts)))
                  if verdicts[j].keep and _same_title(verdicts[j].text, title)), None) if title else None
    if again is not None and again > start and not any(
            v.sentence and ("印发" in v.text or f"《{title}" in v.text) for v in verdicts[start:again]):
        start = again
    found_title = title
    for i, v in enumerate(verdicts[:start]):
        if not v.text or (not v.keep and not (found_title is None and v.reasons == ["chrome vocabulary, not a sentence"])):
            continue
        weak_only = v.keep or set(v.reasons) <= {"chrome vocabulary, not a sentence"}
        if found_title is None and weak_only and _title_like(_headline(v.text)):
            found_title = _headline(v.text)
            v.keep, v.reasons, v.role = False, ["title"], "title"
            rest = _title_second_line(found_title, verdicts[i + 1:start])
            if rest is not None:  # a title printed over two lines (…关于支持康养产业 / 发展若干措施的通知)
                found_title += rest.text
                rest.keep, rest.reasons, rest.role = False, ["title (its second line)"], "title"
        elif title_may_be_cut and title and found_title == title and _continues_title(v.text, title):
            found_title = v.text.strip().lstrip("—―-－ ")  # the file name held only the title's opening words
            v.keep, v.reasons, v.role = False, ["title (the file name's is cut short)"], "title"
        elif _same_title(v.text, found_title):
            v.keep, v.reasons, v.role = False, ["title repeated"], "title"
        else:
            v.keep, v.reasons, v.role = False, ["header before the body (byline, place or date line)"], "header"
    _mark_repeated_titles(verdicts[start:], found_title)
    mark_tail(verdicts, start)
    mark_lists(verdicts, start)
    mark_after_body(verdicts, start)
    mark_licence_tail(verdicts)
    keep_subheadings(verdicts, start)
    return verdicts, found_title


def _title_second_line(first: str, after: list[LineVerdict]) -> LineVerdict | None:
    """The next line of a title over two (kept, no clause punctuation or date, ends like a title: …等3个方案的通知)
    after a first that does not end like one; or a slogan title's subtitle ——在…的讲话, which names the occasion."""
    nxt = next((v for v in after if v.text), None)
    if (_HEADLINE.search(first) or nxt is None or not nxt.keep or _CLAUSE.search(nxt.text)
            or parse_date(nxt.text) or DATE_ONLY.match(nxt.text) or len(first) + len(nxt.text) > 90 or not _HEADLINE.search(nxt.text)
            or nxt.text.startswith("——") and not re.search(r"^——在.*(?:讲话|致辞|发言|报告)$", nxt.text)):
        return None
    return nxt


_TITLE_WORDS = re.compile(r"讲话|致辞|报告|发言|讲稿|演讲|贺词|主持词|讲话稿|会议|动员|部署|总结|工作|座谈|纪要|决议|决定|意见|方案|通知|公报")


def _title_like(line: str) -> bool:
    han = han_count(line)
    if han < 5 or len(line) > 90 or SENT_END.search(line.rstrip("。")) or is_heading(line):
        return False
    if DATE_ONLY.match(line) or is_salutation(line):
        return False
    if "首页" in line:  # navigation: a menu or path that starts at the site's home page (首页政务公开…)
        return False
    if _ISSUER_HEAD.match(line):  # a red-head document's issuing office (中共平山县委办公室文件), not its title
        return False
    return bool(_TITLE_WORDS.search(line)) or han >= 8


# the issuing office printed above an official document's number and title (发文机关标志)
_ISSUER_HEAD = re.compile(r"^\s*[\u4e00-\u9fff（）()]{2,30}(?:委员会|政府|办公室|办公厅|厅|局|委|部|院|会)?文件\s*$")


def _mark_repeated_titles(verdicts: list[LineVerdict], title: str | None) -> None:
    if not title:
        return
    lo, hi, since = 0.6 * len(title), 1.6 * len(title) + 6, 9  # since: lines after the last repeated title
    for v in (v for v in verdicts if v.text):
        since += 1
        if v.keep and since <= 3 and byline_line(v.text):  # its byline (中华人民共和国主席  习近平)
            v.keep, v.reasons, v.role = False, ["header before the body (byline, place or date line)"], "header"
        if v.keep and lo <= len(v.text) <= hi and (not v.sentence or _headline(v.text) == title or v.text == title
                                                   ) and _same_title(v.text, title):
            v.keep, v.reasons, v.role, since = False, ["title repeated"], "title", 0


#: Formats whose text is a table cell the user named: there, the text is the body, not a page.
CELL_FORMATS = frozenset({"csv", "tsv", "json", "jsonl", "xlsx", "xls", "ods", "dta", "parquet", "feather", "dataframe"})


def one_cell_line(doc: dict, verdicts: list) -> None:
    """A table cell's only line (a headline, a one-sentence statement) is its body: the head-zone rules
    read a page's first short line as its title or byline, which left every such row without a body."""
    lines = [v for v in verdicts if v.text]
    if (doc.get("format") or "").lower() in CELL_FORMATS and len(lines) == 1 and lines[0].role in ("title", "header"):
        lines[0].keep, lines[0].role, lines[0].reasons = True, "body", []
