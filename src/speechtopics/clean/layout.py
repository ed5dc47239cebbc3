"""Layout evidence: where a line sits among its neighbours, for the body/chrome decision.

:mod:`speechtopics.clean.chrome` judges each line on its own words and shape; this module owns the
evidence that only the *neighbourhood* gives, so that page furniture no template list names is still
found:

* **after a marker** (:func:`mark_tail`): once a related-articles, pager or footer marker is seen after
  the body, the listed titles that follow are dropped, until a long multi-sentence paragraph; and the
  notes below a footnote rule typed as text (``——————`` then ``[1] 参见《…》``) at the end, when every
  line after the rule opens with a note mark (a line of speech after it keeps everything);
* **lists** (:func:`mark_lists`): a run of short lines with no punctuation at their end, after a line
  that ended a sentence, with at least three of them long enough to be titles (related-article
  titles, menus, footer fields), is a list, not speech; outline headings and opening addresses never
  count, and link text cut out of a sentence (short pieces after a line that runs on) is not a list;
* **after the body** (:func:`mark_after_body`): past the last paragraph that reads like speech, a line
  that is not a sentence and ends with no punctuation at all (share bars, 【打印】【关闭】, 责任编辑：…,
  a related-articles list) is furniture, and so is a short rights notice (版权所有, 未经…许可, 不得转载);
  a toast's lines (为…的健康， 干杯！) end with punctuation and stay, and so do outline headings and,
  from an ``附件`` line on, a notice's attachment (its title and outline), but not the numbered list of
  attachments (``附件：1.…``) and the signature below it;
* **a licence footer** (:func:`mark_licence_tail`): from the first line of a licence notice in the last
  third of the page to the end, everything is the notice (Wikisource's public-domain template runs over
  lines with no cue of their own: 《刑事审判参考》2011年第1集…);
* **between paragraphs** (:func:`keep_subheadings`): a short line dropped only for a common page word
  (关注民生，回应关切; 时间紧、任务重) that sits between two kept speech paragraphs is a sub-heading.

The rules read the shape of lines (:mod:`speechtopics.clean.shape`), not strings of a site.
"""

from __future__ import annotations

import re

from speechtopics.clean.shape import SENT_END, LineVerdict, is_heading, is_salutation

__all__ = ["NOTE_RULE", "RIGHTS_NOTICE", "mark_tail", "mark_lists", "mark_after_body", "ends_with_punctuation"]

# Tail markers: once one of these is seen after the body, what follows is listed titles and footer.
_TAIL_MARKER = re.compile(
    r"相关(?:文章|热搜|推荐|阅读|范文|文档|内容|链接)|猜你(?:还)?(?:喜欢|想看|爱看|要看)|延伸阅读|推荐阅读|热门(?:文章|推荐)|"
    r"上一篇|下一篇|浏览记录|文档下载|\.docx?》|本作品|Public\s*domain|版权所有|免责声明|Copyright|ICP|大家(?:都在看|在看)|"
    # a related-items label alone on its line (相关新闻, 相关稿件：); in a sentence it is text
    r"^\s*相关(?:新闻|报道|稿件)\s*[:：]?\s*$",
    re.I,
)
#: A notice of rights and reproduction, the words any site's copyright line is made of.
RIGHTS_NOTICE = (
    r"版权所有|版权声明|版权归|Copyright|©|All\s+Rights\s+Reserved|未经[^，。,；;]{0,8}?(?:授权|许可|同意|允许)|"
    r"(?:不得|禁止|严禁|请勿|谢绝)[^，。,；;]{0,10}?(?:转载|复制|摘编|镜像|转贴)"
)
_RIGHTS = re.compile(RIGHTS_NOTICE, re.I)
_CLOSERS = "”’」』)）》 "
# the line that opens an attachment of a notice: 附件, 附件：…, 附件2. …; but 附件：1.…清单 / 2.…办法 is the
# numbered list of attachments (附件说明) below the text, furniture like the signature after it
_ATTACHMENT_LIST = re.compile(r"\s*附\s*件\s*[:：]\s*[0-9０-９]{1,2}\s*[.．、]")
_ATTACHMENT = re.compile(r"(?!\s*附\s*件\s*[:：]\s*[0-9０-９]{1,2}\s*[.．、])"
                         r"\s*附\s*件\s*[0-9０-９一二三四五六七八九十]{0,2}\s*(?:[:：.、．]|$)")
_LIST_REASON = "a run of short unpunctuated lines (a list)"
_PUNCT = "。！？!?；;，,：:、…"
_LEADS_ON = "。！？!?；;：:…"  # a line ending so is followed by a new sentence (or a list after a colon)


#: A line of dashes or underscores only: a footnote rule typed as text.
NOTE_RULE = re.compile(r"[—―─━\-－_＿]{3,}")
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
# a note's mark at its line's start: ①, [1], ［1］, 〔1〕, 注1, 注①, 注：, *
_NOTE_MARK = re.compile(rf"\s*(?:[{_CIRCLED}]|[\[［〔【]\s*\d{{1,3}}\s*[\]］〕】]|注\s*(?:\d{{1,3}}|[{_CIRCLED}])|注\s*[:：]|[*＊](?!\s))")


def ends_with_punctuation(text: str) -> bool:
    """Whether ``text`` ends with sentence or clause punctuation (closing quotes and brackets aside)."""
    core = text.rstrip(_CLOSERS)
    return bool(core) and core[-1] in _PUNCT


def mark_tail(verdicts: list[LineVerdict], start: int) -> None:
    """After a tail marker past the body's start, drop listed titles and short fragments, and the notes
    below a footnote rule at the end.

    A long multi-sentence paragraph after the marker ends the tail (the marker was a widget inside the
    page), so body text after a misplaced widget is not lost.
    """
    in_tail = False
    for v in verdicts[start:]:
        if not v.text:
            continue
        if not v.keep and _TAIL_MARKER.search(v.text):
            in_tail = True
            continue
        if not in_tail or not v.keep:
            continue
        if v.sentence and v.han >= 60 and len(SENT_END.findall(v.text)) >= 2:
            in_tail = False
            continue
        v.keep, v.reasons, v.role = False, ["listed after a related-articles/footer marker"], "tail"
    _mark_notes(verdicts, start)


def _mark_notes(verdicts: list[LineVerdict], start: int) -> None:
    """The notes below the last footnote rule past the body's start (``——————`` / ``[1] 参见《…》``), when
    every kept line after the rule opens with a note mark: a line of speech after it keeps them all, and
    so does a ①② that the text before the rule does not carry as a reference (a list's numbers)."""
    rules = [i for i in range(start, len(verdicts)) if NOTE_RULE.fullmatch(verdicts[i].text.strip())]
    notes = [v for v in verdicts[rules[-1] + 1:] if v.text and v.keep] if rules else []
    cited = "".join(v.text.strip()[1:] for v in verdicts[start:rules[-1]]) if rules else ""
    if notes and all(_NOTE_MARK.match(v.text) and (v.text.strip()[0] not in _CIRCLED or v.text.strip()[0] in cited)
                     for v in notes):
        for v in notes:
            v.keep, v.reasons, v.role = False, ["note below a footnote rule"], "tail"


def _list_item(v: LineVerdict, max_chars: int) -> bool:
    return (len(v.text) <= max_chars and not v.sentence and not ends_with_punctuation(v.text)
            and not is_heading(v.text) and not is_salutation(v.text))


def mark_lists(verdicts: list[LineVerdict], start: int, min_run: int = 3, max_chars: int = 40,
               min_title_han: int = 6) -> None:
    """Drop lists after the body's start: runs of short lines with no punctuation at their end.

    Blank lines and lines already dropped as chrome continue a run (a list's label is often dropped
    for its words, and a dropped title still counts as an item); any other line ends it. A run is a
    list when the kept line before it ended a sentence (or there is none) and at least ``min_run`` of
    its lines have ``min_title_han`` Han characters: link text that a wiki export cut out of a sentence
    ("新建" / "高速铁路" / "投产里程…") follows a line that runs on, and is mostly short.

    Parameters
    ----------
    verdicts : list of LineVerdict
        The page's lines, decided line by line.
    start : int
        Index of the first body line.
    min_run : int
        Shortest run that is a list.
    max_chars : int
        Longest line that can be a list item.
    min_title_han : int
        Han characters of a line long enough to be a listed title.
    """
    run: list[LineVerdict] = []  # the run's lines, those already dropped as chrome included
    before: LineVerdict | None = None  # the kept line before the run
    for v in [*verdicts[start:], None]:
        if v is not None and not v.text:
            continue
        if v is not None and (v.keep or v.role == "chrome") and _list_item(v, max_chars):
            run.append(v)
            continue
        if v is not None and not v.keep and v.role == "chrome":
            continue
        after_sentence = before is None or before.text.rstrip(_CLOSERS)[-1:] in _LEADS_ON
        if after_sentence and sum(item.han >= min_title_han for item in run) >= min_run:
            for item in run:
                if item.keep:
                    item.keep, item.reasons, item.role = False, [_LIST_REASON], "tail"
        run = []
        before = v if v is not None and v.keep else before


def mark_after_body(verdicts: list[LineVerdict], start: int) -> None:
    """Drop furniture after the last paragraph that reads like speech.

    The last such paragraph is the last kept sentence-like line with at least 20 Han characters that
    is not a rights notice. After it, a line that is not sentence-like and ends with no punctuation is
    dropped (``谢谢大家！`` and ``为…的健康，`` stay), unless it is an outline heading (``一、…``) or
    part of an attachment (from a line ``附件``/``附件：…`` on); a rights notice shorter than 60 Han
    characters is dropped, and so is a last label whose colon introduces no kept line.

    Parameters
    ----------
    verdicts : list of LineVerdict
        The page's lines, decided line by line.
    start : int
        Index of the first body line.
    """
    last = None
    for i in range(len(verdicts) - 1, start - 1, -1):
        v = verdicts[i]
        if v.keep and v.text and v.sentence and v.han >= 20 and not _RIGHTS.search(v.text):
            last = i
            break
    if last is None:
        return
    attachment = False  # inside an attachment (附件 alone on its line): its title and outline are the document's
    listing = False  # in the list of attachments (附件：1.…清单 / 2.…办法): its numbers are no outline
    for v in verdicts[last + 1 :]:
        if not v.keep or not v.text:
            continue
        attachment = attachment or bool(_ATTACHMENT.match(v.text))
        listing = bool(_ATTACHMENT_LIST.match(v.text)) or (listing and not v.sentence)
        if v.han < 60 and _RIGHTS.search(v.text):
            v.keep, v.reasons, v.role = False, ["rights notice after the body"], "tail"
        elif (not v.sentence and not ends_with_punctuation(v.text) and not attachment
              and (listing or not is_heading(v.text))):
            v.keep, v.reasons, v.role = False, ["after the body, not a sentence"], "tail"
    for v in reversed(verdicts[last + 1 :]):  # a label whose colon introduces nothing kept (猜你喜欢：)
        if not v.keep or not v.text:
            continue
        if v.sentence or v.text.rstrip(_CLOSERS)[-1:] not in "：:":
            break
        v.keep, v.reasons, v.role = False, ["after the body, a label that introduces nothing"], "tail"


WEAK_ONLY = ["chrome vocabulary, not a sentence"]


def keep_subheadings(verdicts: list[LineVerdict], start: int) -> None:
    """Keep a body line dropped only for a common page word (关注, 时间, 网站 …) when it is no label (no
    colon: 标签：…, 来源：…), comes before the last paragraph of the speech, and the nearest lines before
    and after it are kept, one of them a sentence-like paragraph: page furniture does not sit inside a
    speech's run of paragraphs, a sub-heading does (关注民生，回应关切; 时间紧、任务重、要求高)."""
    body = [i for i in range(start, len(verdicts)) if verdicts[i].text]
    last = max((i for i in body if verdicts[i].keep and verdicts[i].sentence and verdicts[i].han >= 20), default=-1)
    for before, i, after in zip(body, body[1:], body[2:]):
        v, near = verdicts[i], (verdicts[before], verdicts[after])
        if (v.reasons == WEAK_ONLY and i < last and not re.search("[：:]", v.text)  # not a label (标签：…)
                and all(n.keep for n in near) and any(n.sentence for n in near)):
            v.keep, v.reasons, v.role = True, [], "body"


def mark_licence_tail(verdicts: list[LineVerdict]) -> None:
    """Drop every line after the first licence-footer line when that line lies in the last third of the
    page's lines: the notice is one span to the end, and its lines without a cue of their own are its."""
    lines = [i for i, v in enumerate(verdicts) if v.text]
    first = next((i for i in lines if "licence footer" in verdicts[i].reasons), None)
    if first is None or lines.index(first) < 2 * len(lines) / 3:
        return
    for v in verdicts[first + 1:]:
        if v.keep and v.text:
            v.keep, v.reasons, v.role = False, ["inside the licence footer"], "tail"
