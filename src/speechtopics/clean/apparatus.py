"""Publication apparatus: what a newspaper or news agency adds around a speech it republishes.

This module owns recognising that apparatus as *spans* of a line and cutting them out, so a line that
holds both the publisher's words and the speech keeps the speech:

* agency and paper datelines: ``新华社北京5月18日电``, ``（新华社北京9月3日电）``, ``新华网巴黎3月27日电``,
  ``本报北京8月17日电（记者张洋、易舒冉）``;
* page lines of a printed paper: ``《人民日报》（2020年05月19日 01 版）``;
* photo captions: ``2020年3月6日，…出席座谈会。 新华社记者 鞠鹏/摄`` (the credit and the caption
  sentences just before it);
* notes: ``※ 这是习近平总书记2020年2月两篇讲话中…的节选。``, ``（回信全文另发）``, a republication's
  ``原标题：…`` (the headline the first publisher gave), an editor's note that the text was transcribed
  and not reviewed (``注：本文根据录音整理，未经本人审阅。``);
* image credits and captions (``（图片：视觉中国）``, ``图为9月9日，…交流。``), and an editor's line or a share
  bar glued after the last sentence (``…奋勇前进！【责任编辑：孙小红】 分享到：微信微博``).

:func:`cut_apparatus` removes the spans from a line and returns the pieces left on either side; each
piece is then judged on its own by :mod:`speechtopics.clean.chrome`. The patterns describe the shape
of the apparatus (agency name, place, day, 电; paper title, date, 版; 记者, name, 摄) rather than
strings of one site. :data:`AGENCY_LEAD` is also the ``publication lead`` cue of
:mod:`speechtopics.clean.chrome`, so the two never disagree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["AGENCY_LEAD", "Apparatus", "cut_apparatus", "cut_apparatus_lines"]

_D = "[0-9０-９]"
#: An agency's dateline: agency, place (a few characters), month and day, 电 (新华社北京5月18日电).
AGENCY_LEAD = (
    rf"(?:新华社|新华网|中新社|中新网|人民网|央视网|中国新闻社|本报|本刊)[^，。,（）()]{{0,12}}?{_D}{{1,2}}\s*月\s*{_D}{{1,2}}\s*日\s*电"
)
_HAN = "\u4e00-\u9fff"
# 记者 and one or more names, then 摄 (新华社记者 鞠鹏/摄, 本报记者 张三、李四摄)
_CREDIT = rf"(?:新华社|本报|人民日报|中新社|新华网)?(?:特约)?记者\s*[{_HAN}]{{2,4}}(?:\s*[、,，]\s*[{_HAN}]{{2,4}})*\s*[/／]?\s*摄"
# a caption: a sentence that opens dated (2020年3月6日，…) or with 这是, and at most two more short ones
_CAPTION_SENTENCE = (rf"(?:(?:{_D}{{4}}年)?{_D}{{1,2}}月{_D}{{1,2}}日|这是)[^。！？\n]{{0,160}}[。！？]"
                     rf"(?:\s*[^。！？\n]{{2,100}}[。！？]){{0,2}}")
# what an editor's note says of a transcribed text: 根据（讲话）录音整理, 未经本人审阅
_UNREVIEWED = r"(?:(?:根据|据)[^。！？\n（）()]{0,6}?录音[^。！？\n（）()]{0,2}?整理|未经(?:本人|讲话人|讲话者|作者)审(?:阅|定))"
_SPANS: tuple[tuple[str, str], ...] = (
    # （新华社北京9月3日电）, （据新华社合肥8月21日电 习近平在安徽考察时强调…）
    ("publication lead", rf"[（(]\s*据?{AGENCY_LEAD}[^（）()\n]{{0,80}}[）)]"),
    # 新华社北京5月18日电, 本报北京8月17日电（记者张洋、易舒冉）
    ("publication lead", rf"(?:[（(]\s*)?据?{AGENCY_LEAD}"
                         rf"(?:\s*[（(]?\s*(?:记者|通讯员)(?:[\s、，,]*[{_HAN}]{{2,4}}){{1,4}}\s*[）)]?)?"),
    # a republication's note of the original headline: 原标题：…, (原标题：习近平在上合峰会讲话：…)
    ("note", r"[（(]\s*原标题\s*[:：][^（）()\n]{1,100}[）)]|^\s*原标题\s*[:：][^\n]{1,100}$"),
    # an editor's note that the full text is printed elsewhere: （回信全文另发）
    ("note", r"[（(][^（）()\n]{0,8}全文另发[）)]"),
    # 《人民日报》（2020年05月19日 01 版）, 《光明日报》(2020年3月5日第2版)
    ("page line", rf"《\s*[{_HAN}]{{2,10}}\s*》\s*[（(]\s*{_D}{{4}}\s*年\s*{_D}{{1,2}}\s*月\s*{_D}{{1,2}}\s*日\s*"
                  rf"(?:第?\s*{_D}{{1,2}}\s*版)?\s*[）)]"),
    # a line that is only a caption: one to three sentences closed by a photographer's credit at the line's
    # end (新年前夕，国家主席习近平通过…发表新年贺词。新华社记者 鞠鹏 摄); a speech's paragraph never ends so
    ("photo caption", rf"^\s*(?:[^。！？\n]{{2,160}}[。！？]\s*){{1,3}}{_CREDIT}\s*$"),
    # caption sentences ending in a photographer's credit
    ("photo caption", rf"(?:(?<=[。！？”])|^)\s*(?:{_CAPTION_SENTENCE}\s*)?{_CREDIT}"),
    # a dated caption ending the line with a bare credit, a name and 摄 (11月9日，…演练。陈骥旻摄)
    ("photo caption", rf"(?:(?<=[。！？”])|^)\s*{_CAPTION_SENTENCE}\s*[{_HAN}]{{2,4}}\s*[/／]?\s*摄\s*$"),
    # a ※ note closing the line (※ 这是习近平总书记…的节选。)
    ("note", r"※\s*这是[^※\n]{0,200}$"),
    # an image credit on a line of its own or after a sentence: （图片：视觉中国）, (图/新华社)
    ("photo credit", r"(?:(?<=[。！？”])|^)\s*[（(]\s*(?:图片来源|图片|图源|供图|摄影|图)\s*[:：/／]\s*[^（）()\n]{1,20}[）)]"
                     r"(?=\s|$)"),
    # a caption sentence that describes the picture: 图为9月9日，…亲切交流。
    ("photo caption", r"(?:(?<=[。！？”])|^)\s*图为[^。！？\n]{0,160}[。！？]"),
    # the same caption alone on its line without a full stop, as a CMS sets it under the picture
    # (图为县委书记…在会上讲话): short, one clause, nothing after it
    ("photo caption", r"^\s*图为[^。！？，,；;\n]{2,60}$"),
    # an editor's line glued after the last sentence: …奋勇前进！【责任编辑：孙小红】
    ("editor line", rf"(?<=[。！？”」』])\s*[【\[（(]?\s*(?:责任编辑|责编|编辑|审核|校对|终审)\s*[:：]\s*"
                    rf"[{_HAN}A-Za-z·]{{1,10}}\s*[】\]）)]?(?=\s*(?:$|[【\[（(]|分享|扫一扫|打印|关闭))"),
    # an official document's disclosure and contact notes: （此件主动公开）（联系单位：省人社厅 电话：…）
    ("document note", r"[（(]\s*此件(?:主动公开|公开发布|不予公开|依申请公开|删减后公开)\s*[）)]"
                      r"|[（(]\s*联系(?:单位|人|电话|方式)\s*[:：][^（）()\n]{1,80}[）)]"),
    # a document's own number (发文字号) at the start of a line, glued to its addressees (冀人社发〔2024〕23号
    # 各市…：); a number cited inside a sentence (（国发〔2020〕12号）) stays, a span cut there would split it
    ("document number", r"^\s*[\u4e00-\u9fff]{1,10}[〔\[［]\s*\d{4}\s*[〕\]］]\s*\d{1,4}\s*号"),
    # an official document's distribution line (抄送：县委各部门，县人大常委会办公室。): whom copies go to
    ("distribution line", r"^\s*(?:抄\s*送|抄\s*报|分\s*送)\s*[:：][^\n]{1,300}$"),
    # an editor's note that the text was transcribed and not reviewed by the speaker (注：本文根据录音整理，未经
    # 本人审阅。, （根据录音整理）): a sentence that says so, from its line's start, a note's 注： or a sentence's end
    ("editor's note", rf"[（(]\s*(?:注\s*[:：]\s*)?[^（）()\n]{{0,12}}?{_UNREVIEWED}[^（）()\n]{{0,30}}[）)]"
                      rf"|(?:^|(?<=[。！？”]))\s*(?:(?:注|编者注|编注|编者按|说明)\s*[:：][^。！？\n]{{0,60}}?|[^。！？\n：:]{{0,12}}?)"
                      rf"{_UNREVIEWED}[^。！？\n]{{0,30}}(?:[。！？]|$)"),
    # a share bar glued after the last sentence or the editor's line: …】 分享到：微信微博
    ("share widget", r"(?<=[。！？”」』】\]）)])\s*(?:分享到|一键分享)\s*[:：]?[^。！？\n]{0,30}$"),
)
_SPAN_RX = re.compile("|".join(f"(?P<s{i}>{rx})" for i, (_, rx) in enumerate(_SPANS)))
_REASONS = tuple(name for name, _ in _SPANS)
# every span holds one of these: a line without any is left alone after one fast scan
_TRIGGER = re.compile("[电版摄※图编审校〔［]|另发|分享|原标题|此件|联系|抄|分送|整理")


@dataclass(frozen=True)
class Apparatus:
    """One span of publication apparatus cut from a line: its text and what it is."""

    text: str
    reason: str


def cut_apparatus(line: str) -> tuple[list[str], list[Apparatus]]:
    """Cut the publication apparatus out of one line.

    Parameters
    ----------
    line : str
        One normalised line.

    Returns
    -------
    tuple of (list of str, list of Apparatus)
        The pieces of the line left between the spans (stripped, empty ones left out; ``[line]`` when
        there is no span) and the spans removed.

    Examples
    --------
    >>> cut_apparatus("共同创造更加美好的未来！（新华社北京9月3日电）《人民日报》（2020年09月04日 02 版）")[0]
    ['共同创造更加美好的未来！']
    >>> cut_apparatus("新华社北京5月18日电国家主席习近平5月17日给留学生回信。")[0]
    ['国家主席习近平5月17日给留学生回信。']
    """
    if not _TRIGGER.search(line):
        return [line], []
    pieces: list[str] = []
    spans: list[Apparatus] = []
    pos = 0
    for m in _SPAN_RX.finditer(line):
        if not m.group(0).strip():
            continue
        pieces.append(line[pos : m.start()])
        spans.append(Apparatus(m.group(0).strip(), _REASONS[int(m.lastgroup[1:])]))
        pos = m.end()
    if not spans:
        return [line], []
    pieces.append(line[pos:])
    kept = [p.strip(" \u3000") for p in pieces]
    return [p for p in kept if p.strip("，,、；; ")], spans


_CREDIT_START = re.compile(rf"\s*{_CREDIT}")


def cut_apparatus_lines(lines: list[str]) -> tuple[list[str], list[Apparatus]]:
    """:func:`cut_apparatus` over the lines of a page.

    A line with a span becomes its pieces, each on its own line (so text on either side of a span never
    fuses into one paragraph); blank lines are kept as they are. A line that starts with a photo credit
    (``新华社记者 鞠鹏/摄``, put on a line of its own by the paragraph split) is read with the line before,
    whose last sentences may be the caption.

    Parameters
    ----------
    lines : list of str
        The page's lines.

    Returns
    -------
    tuple of (list of str, list of Apparatus)
        The lines with apparatus cut out, and every span removed, in order.
    """
    out: list[str] = []
    removed: list[Apparatus] = []
    joined: list[str] = []
    for line in lines:  # a credit cut onto a line of its own takes its caption back from the line before
        if joined and joined[-1].strip() and _CREDIT_START.match(line):
            joined[-1] = f"{joined[-1]} {line}"
        else:
            joined.append(line)
    for line in joined:
        pieces, spans = cut_apparatus(line) if line else ([line], [])
        out.extend(pieces)
        removed.extend(spans)
    return out, removed
