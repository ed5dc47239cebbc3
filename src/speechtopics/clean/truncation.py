"""Paywall and preview cuts, and one page of an article split over several.

This module owns finding the notices a site leaves where it withheld text (``……(…省略2310字,正式会员可
完整阅读)……``, ``未完,全文共9800字,当前仅显示2400字``, ``预览阅读已结束``), removing them, recording that
the document is truncated with the total and shown character counts the page states, and leaving a
paragraph break where text is missing so two halves of different sentences never fuse. A pager of an
article's pages (第1页 下一页 共2页) is such a notice too: the page holds one part of the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Truncation", "detect_truncation", "is_pager"]

_NUM = r"(\d[\d,，]*)"
# A notice is a bracketed or ellipsis-delimited stretch holding a cut vocabulary word; written as
# patterns over the *vocabulary* (省略/未完/仅显示/预览/会员/完整阅读 ...) rather than site strings;
# 正式会员国 (a full member state of the UN, the WTO) is news, not a paywall's member; (可省略) in a form's
# note (this part may be left out) is an instruction, not a cut.
_CUT_WORDS = (
    r"(?<!可)省略|未完(?:待续)?(?![\u4e00-\u9fff])|仅显示|当前显示|仅展示|预览(?:阅读)?(?:已)?结束|试读结束|阅读已结束|剩余\s*\d|"
    r"正式会员(?!国)|完整阅读|阅读全文|查看全文|下载全文|全文共\s*\d|余下全文|后面还有|隐藏\s*\d"
)
_CUT_RX = re.compile(_CUT_WORDS)
# The stretch around the cut word never crosses an ellipsis: "……此处隐藏3200字……" inside a paragraph is
# the notice, the sentences on either side of the ellipses are speech.
_NOTICE = re.compile(
    rf"[…\.]*\s*[(（\[【]?[…\.]*[^()（）\[\]【】\n…。]{{0,40}}?(?:{_CUT_WORDS})[^()（）\[\]【】\n…]{{0,60}}"
    rf"[)）\]】]?\s*[…\.]*"
)
#: A pager of an article's pages (第1页 第2页 下一页 共2页, 上一页 2/3 下一页) on a line of its own: the page
#: holds one part of the text. A printed page's number (第 1 页 共 6 页) names no other page and is no pager.
_PAGER = re.compile(r"(?=.*(?:[上下]一页|尾页|末页))(?=.*(?:第\s*\d+\s*页|共\s*\d+\s*页|\d+\s*/\s*\d+)).{0,80}")
#: A pager's own words; a line holding more than :data:`_PAGER_OTHER_HAN` Han characters besides them, or a
#: sentence's end, is a sentence that speaks of pages (请大家翻到材料第3页，下一页是任务分工表。), no pager.
_PAGER_WORDS = re.compile(r"[上下]一页|首页|尾页|末页|第\s*\d+\s*页|共\s*\d+\s*页|跳转|转到|到第|分页|页")
_PAGER_OTHER_HAN = 2

#: A serial's marker (to be continued): a cut only where no speech follows it on the page.
_SERIAL = re.compile(r"未完待续|待续")
_HAN_CHAR = re.compile(r"[\u4e00-\u9fff]")
_FOLD = re.compile(r"(?:阅读|查看|展开)全文")


def is_pager(line: str) -> bool:
    """Whether ``line`` is a pager of an article's pages (第1页 下一页 共2页, 上一页 2/2), not a sentence.

    Examples
    --------
    >>> is_pager("第1页 第2页 下一页 共2页"), is_pager("上一页 2/2"), is_pager("第 1 页 共 6 页")
    (True, True, False)
    >>> is_pager("请大家翻到会议材料第3页，下一页是任务分工表。")
    False
    """
    line = line.strip()
    if not _PAGER.fullmatch(line) or re.search(r"[。！？；]", line):
        return False
    return len(_HAN_CHAR.findall(_PAGER_WORDS.sub("", line))) <= _PAGER_OTHER_HAN


def _han(lines: list[str]) -> int:
    return sum(len(_HAN_CHAR.findall(line)) for line in lines)


_TOTAL = re.compile(rf"(?:全文共|全文|共计|总共|全篇共|共)\s*{_NUM}\s*字")
_SHOWN = re.compile(rf"(?:仅显示|当前显示|显示了?|仅展示|已显示|可预览|预览了?)\s*(?:前)?\s*{_NUM}\s*字")
_OMITTED = re.compile(rf"(?:省略|隐藏|剩余|余下|还有)\s*{_NUM}\s*字")


@dataclass
class Truncation:
    """What a page says about text it withheld."""

    truncated: bool = False
    total_chars: int | None = None
    shown_chars: int | None = None
    notices: tuple[str, ...] = ()
    #: Buttons that unfold a text the page holds whole (打开APP 阅读全文, then the rest of the speech).
    folds: tuple[str, ...] = ()


def _int(s: str) -> int:
    return int(re.sub(r"[,，]", "", s))


_STRONG = re.compile(
    r"省略\s*\d|未完(?:待续)?(?![\u4e00-\u9fff])|仅显示|当前显示|预览(?:阅读)?(?:已)?结束|试读结束|阅读已结束|正式会员(?!国)|全文共\s*\d|"
    r"(?:剩余|隐藏|余下)\s*\d[\d,]*\s*字"
)


def _is_notice(fragment: str, line: str) -> bool:
    """A matched stretch is a notice only if it is short and either holds a strong cut word, or is set off
    by brackets/ellipses, or is the whole (short, unpunctuated) line; never a sentence of the speech."""
    core = fragment.strip()
    if not 0 < len(core) <= 90:
        return False
    inner = core.strip("….。 ()（）[]【】")
    if re.search(r"[。！？!?]", inner) and len(inner) > 30:
        return False  # a whole sentence of the speech that happens to use a cut word
    if _STRONG.search(core):
        return True
    delimited = bool(re.match(r"^[…\.]*[(（\[【]", core)) or core.startswith("…") or core.endswith("…")
    whole_line = core == line.strip() and len(core) <= 30 and not re.search(r"[。！？]", core)
    return delimited or whole_line


def detect_truncation(lines: list[str]) -> tuple[list[str], Truncation]:
    """Remove cut notices from lines and record the truncation.

    Parameters
    ----------
    lines : list of str
        The page's lines.

    Returns
    -------
    tuple of (list of str, Truncation)
        The lines with notices removed (a notice inside a line splits it in two, so a paragraph break
        marks the gap; an empty string is left where a whole-line notice was), and what was found.
    """
    trunc = Truncation()
    notices: list[str] = []
    out: list[str] = []
    serial_at = None  # the line of the last 未完待续 (a serial's "to be continued")
    at: list[int] = []  # where each notice was, in ``out``
    for line in lines:
        if is_pager(line):  # one page of several: the rest of the text is on the others
            notices.append(line.strip())
            at.append(len(out))
            out.append("")
            continue
        if not _CUT_RX.search(line):
            out.append(line)
            continue
        if _SERIAL.search(line):
            serial_at = len(out)
        pieces: list[str] = []
        pos = 0
        for m in _NOTICE.finditer(line):
            if not _is_notice(m.group(0), line):
                continue
            notices.append(m.group(0).strip())
            at.append(len(out))
            pieces.append(line[pos : m.start()])
            pos = m.end()
        if not pieces:
            out.append(line)
            continue
        pieces.append(line[pos:])
        # a piece after a cut never starts with closing punctuation: it would be glued back on re-cleaning
        kept = [p.strip().lstrip("，。、；：！？）》」”,.;:!?)") if i else p.strip() for i, p in enumerate(pieces)]
        kept = [p for p in kept if p.strip(" …")]
        out.extend(kept if kept else [""])
    if notices and all(_SERIAL.search(n) for n in notices) and serial_at is not None and _han(out[serial_at:]) >= 100:
        notices = []  # the parts of a serial joined on one page: the speech goes on after the marker
    # a button that unfolds the text (打开APP 阅读全文) with the speech going on after it: the page is whole
    folds = [n for n, i in zip(notices, at) if _FOLD.search(n) and not _STRONG.search(n) and _han(out[i:]) >= 100]
    trunc.folds = tuple(folds)
    notices = [n for n in notices if n not in folds]
    if notices:
        trunc.truncated = True
        trunc.notices = tuple(notices)
        blob = " ".join(notices)
        total = _TOTAL.search(blob)
        shown = _SHOWN.search(blob)
        omitted = _OMITTED.search(blob)
        trunc.total_chars = _int(total.group(1)) if total else None
        trunc.shown_chars = _int(shown.group(1)) if shown else None
        if omitted and trunc.total_chars is None and trunc.shown_chars is not None:
            trunc.total_chars = trunc.shown_chars + _int(omitted.group(1))
    return out, trunc
