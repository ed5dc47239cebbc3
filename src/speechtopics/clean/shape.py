"""The shape of a line of text: how much Han text it has and whether it reads like speech.

This module owns the line-shape evidence the clean stage's line decisions share
(:mod:`speechtopics.clean.chrome`, :mod:`speechtopics.clean.layout`, :mod:`speechtopics.clean.paragraphs`):
Han counts, sentence-likeness, outline headings, opening addresses, date-only lines, and
:class:`LineVerdict`, the decision about one line with the evidence it was taken on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from speechtopics.clean.normalize import HAN

__all__ = ["LineVerdict", "SENT_END", "CLAUSE", "DATE_ONLY", "han_count", "han_capped", "is_sentence_like",
           "is_heading", "is_salutation", "is_page_title"]

SENT_END = re.compile(r"[。！？!?；;]")
"""Sentence-ending punctuation."""
CLAUSE = re.compile(r"[，,、：:。！？；;]")
"""Clause or sentence punctuation."""
# a document named by its date (一九七〇年五月二十日声明, 3月5日讲话) is a heading, not a date line
_DATED_DOCUMENT = r"(?!的?(?:声明|讲话|谈话|指示|批示|社论|通知|决定|命令|公告|报告|来信|文章|题词))"
DATE_ONLY = re.compile(
    r"^[\s(（\[]*(?>\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?|"
    r"[一二三四五六七八九〇零○]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日)"
    + _DATED_DOCUMENT + r"[^。！？]{0,20}[)）\]]?\s*$"
)
_SALUTATION = re.compile(
    r"^(?:尊敬的|亲爱的|各位|同志们|同胞们|乡亲们|女士们|先生们|朋友们|老师们|同学们|代表们|青年朋友们|大家好)"
    r"[^。！？]{0,40}[：:，,！!]$|^[^。！？：:]{0,30}们[：:]$"
    # a short address to named people or groups (崔世安行政长官先生， 全国同胞们， 主席先生，各位同事：), also
    # a legislature's members and a city's people (Hong Kong's 主席女士、各位立法会议员、各位市民：)
    r"|^[^。！？]{0,30}(?:先生|女士|阁下|同事|同胞|朋友|代表|来宾|嘉宾|同志|议员|委员|市民)们?[：:，,]$"
    # a dignitary named by office on a line of the address (克里国务卿， 雅各布·卢财长， 托尔库诺夫院长，)
    r"|^[^。！？，,：:]{1,24}(?:总统|总理|主席|首相|国务卿|部长|财长|外长|大使|秘书长|院长|校长|国王|陛下|殿下|亲王"
    r"|议长|市长|省长|州长|书记|行长|会长|理事长|总干事|总裁|董事长|主任)[：:，,]$"
)
_HEADING = re.compile(
    r"^(?:[一二三四五六七八九十百]+[、．.]|[(（][一二三四五六七八九十]+[)）]|\d{1,2}[.．、](?!\d)|[(（]\d{1,2}[)）]|"
    r"第[一二三四五六七八九十]+[、，,:：部分章节篇]|[一二三四五六七八九十]+[是要])"
)

# ``[x][x]*`` rather than ``[x]+`` so the regex engine scans with its fast character-set search
_NON_HAN_RE = re.compile(f"[^{HAN}][^{HAN}]*")
# Every Han-count threshold of this module is at most this; counts are capped at it internally.
_HAN_CAP = 60


def han_count(line: str, cap: int = 200) -> int:
    """Number of Han characters in the first ``cap`` characters of ``line`` (enough for every threshold
    used here, and keeps long paragraphs cheap)."""
    return len(_NON_HAN_RE.sub("", line[:cap]))


def han_capped(line: str) -> int:
    """``min(han_count(line), 60)``: the same answer to every threshold test here, and for a long
    paragraph usually settled by its first 80 characters."""
    han = len(_NON_HAN_RE.sub("", line[:80]))
    if han < _HAN_CAP and len(line) > 80:
        han = han_count(line)
    return min(han, _HAN_CAP)


def is_sentence_like(line: str, han: int | None = None) -> bool:
    """Whether a line reads like speech: enough Han text with clause or sentence punctuation."""
    han = han_capped(line) if han is None else han
    if han >= 40:
        return True
    return han >= 12 and bool(SENT_END.search(line)) or han >= 20 and len(CLAUSE.findall(line)) >= 2


def is_heading(line: str) -> bool:
    """Whether a line starts like a numbered outline heading (一、 （一） 1. 第一 一是 一要)."""
    return bool(_HEADING.match(line))


# a headline with no comma or sentence end, then a channel or site after a title separator
_PAGE_TITLE = re.compile(r"^[^，。；！？,;!?]{5,}(?:_|\||｜|--|\s[-–—]\s)[^，。；！？,;!?_|｜]{1,20}$")


def is_page_title(line: str) -> bool:
    """Whether a line is a page's ``<title>`` as a page saved as text opens with it: a headline, then its
    channel and site after title separators (``…讲话_滚动新闻_中国政府网``, ``…--时政--人民网``, ``… - 某某网``).
    At 40 Han characters such a line would pass as a sentence (:func:`is_sentence_like`)."""
    return bool(_PAGE_TITLE.match(line))


def is_salutation(line: str) -> bool:
    """Whether a line is an opening address (同志们： 尊敬的…， 各位代表：)."""
    return bool(_SALUTATION.match(line))



@dataclass
class LineVerdict:
    """The decision about one line."""

    text: str
    keep: bool = True
    reasons: list[str] = field(default_factory=list)
    role: str = "body"  # body | title | header | chrome | tail
    han: int = 0  # Han characters, capped at 60 (see han_capped)
    sentence: bool = False  # is_sentence_like(text)


