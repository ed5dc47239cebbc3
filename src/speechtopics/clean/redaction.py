"""Redaction marks: the signs template sites put where a name or number was removed.

This module owns recognising those marks (``X``, ``XX``, ``×``, ``**``, ``○○``, ``□□``, ``某某`` ...) and
replacing each run with the one canonical mark :data:`~speechtopics.clean.options.REDACTION_MARK`, so the
segmenter sees one symbol it can drop. The rules are hand-written (no library knows Chinese template
conventions) and each guards a real use of the same character: Latin words and acronyms (GDP, 5G,
PM2.5, U型), ``×`` between numbers (2×3), and ``〇`` as a zero in dates (二〇二一年), as are ``○`` and
``◯`` in a year written in numerals (一九七○年: they become ``〇``).
"""

from __future__ import annotations

import re

from speechtopics.clean.options import REDACTION_MARK

__all__ = ["mark_redactions", "count_redactions", "CANDIDATE_CHARS"]

_HAN_DIGITS = "零〇一二三四五六七八九十百千万"

# X or x runs that are not part of a Latin word (no ASCII letter on either side). "X光"/"X射线" are words;
# one X against a digit is a code or a product (4X100米 relay, train X8489), a run (20XX年) is a mark;
# one X beside 平台 is the social-media platform (社交媒体平台X, X平台).
# one X that closes a quoted name after a Han character is the name's (“创新X”系列 satellites); after a
# plus, X is a policy's name ("1+X"证书制度, 医学+X).
_LATIN_X = re.compile(r"(?:(?<![A-Za-z0-9+＋])(?<!平台)[Xx](?![A-Za-z0-9]|平台)(?!(?<=[\u4e00-\u9fff][Xx])[”’》])"
                      r"|(?<![A-Za-z])[Xx]{2,}(?![A-Za-z]))(?!光|射线|线)")
# a text that names the platform X (平台X, X平台) means it by its other single X's too (公报说，X的…)
_PLATFORM_X = re.compile(r"平台[Xx](?![A-Za-z0-9])|(?<![A-Za-z0-9])[Xx]平台")
_LATIN_XX = re.compile(r"(?<![A-Za-z])[Xx]{2,}(?![A-Za-z])(?!光|射线|线)")
# × runs, unless a multiplication between numbers (2×3, 10 × 20).
_TIMES = re.compile(r"(?<![\d.]\s)(?<![\d.])×+(?!\s?\d)|(?<=[\d.])×+(?!\s?\d)|(?<![\d.])(?<![\d.]\s)×+(?=\s?\d)")
# Symbol placeholders: runs of stars, circles, squares, triangles (also one, except a bullet at line start).
_SYMBOLS = re.compile(r"(?<!^)[*＊]+|[*＊]{2,}|[○◯□■△▲☆★◇◆]{2,}|(?<=[^\s\n])[○◯□△☆◇]", re.M)
# 〇 is a zero when it touches a Chinese numeral or 年 (二〇二一年); otherwise a placeholder.
_LING = re.compile(rf"(?<![{_HAN_DIGITS}])〇+(?![{_HAN_DIGITS}年])")
# a year in Chinese numerals written with a circle for zero (一九七○年, 二○二一): the circles are zeros
_CIRCLE_YEAR = re.compile(r"[一二三四五六七八九〇零○◯]{2,}(?=年)|[一二三四五六七八九〇零○◯]{4}")
_NONZERO_DIGIT = re.compile("[一二三四五六七八九]")
_MOU = re.compile(r"某{2,}")
CANDIDATE_CHARS = "Xx×*＊○◯□■△▲☆★◇◆〇某〓"
"""Every redaction mark starts with one of these: a text without any of them has none."""
_CANDIDATE = re.compile(f"[{re.escape(CANDIDATE_CHARS)}]")
_RUN = re.compile(re.escape(REDACTION_MARK) + "+")


def mark_redactions(text: str) -> tuple[str, int]:
    """Replace every run of redaction marks with the canonical mark.

    Parameters
    ----------
    text : str
        Clean-ish text (full-width letters already ASCII).

    Returns
    -------
    tuple of (str, int)
        The text with ``〓`` for each run, and the number of runs (redactions) in it, including
        canonical marks already present (so counting is idempotent).

    Examples
    --------
    >>> mark_redactions("县委X届十次全会,开工率达X%,GDP增长")
    ('县委〓届十次全会,开工率达〓%,GDP增长', 2)
    >>> mark_redactions("在社交媒体平台X发文，X平台上，“1+X”证书，42厘米×59.4厘米")
    ('在社交媒体平台X发文，X平台上，“1+X”证书，42厘米×59.4厘米', 0)
    >>> mark_redactions("对社交媒体平台X罚款。公报说，X的不合规行为包括，“创新X”系列首发星")
    ('对社交媒体平台X罚款。公报说，X的不合规行为包括，“创新X”系列首发星', 0)
    """
    mark = REDACTION_MARK
    if not _CANDIDATE.search(text):
        return text, 0
    if "○" in text or "◯" in text:
        text = _CIRCLE_YEAR.sub(_circle_zeros, text)
    text = (_LATIN_XX if _PLATFORM_X.search(text) else _LATIN_X).sub(mark, text)
    if "×" in text:
        text = _TIMES.sub(lambda m: m.group(0) if _multiplies(text, m) else mark, text)
    text = _SYMBOLS.sub(mark, text)
    if "〇" in text:
        text = _LING.sub(mark, text)
    if "某某" in text:
        text = _MOU.sub(mark, text)
    text = _RUN.sub(mark, text)
    return text, text.count(mark)


_FACTOR_END = re.compile(r"[\d）)%％]\s?$|[米元克升吨亩]\s?$")
_FACTOR_START = re.compile(r"^\s?[\d（(]")


def _multiplies(text: str, m: re.Match) -> bool:
    """Whether one × stands between two factors of a product: after a figure, a closing bracket or a
    unit (42厘米×59.4厘米, 333元／平方米×（…）) and before a figure or an opening bracket."""
    return len(m.group(0).strip()) == 1 and bool(_FACTOR_END.search(text[max(0, m.start() - 3):m.start()])) \
        and bool(_FACTOR_START.match(text[m.end():m.end() + 2]))


def _circle_zeros(m: re.Match) -> str:
    """A numeral year's circles as 〇, when it has a digit besides them (○○年 stays a redaction)."""
    run = m.group(0)
    return run.replace("○", "〇").replace("◯", "〇") if _NONZERO_DIGIT.search(run) else run


def count_redactions(text: str) -> int:
    """Number of canonical redaction marks (runs collapsed) in ``text``."""
    return len(_RUN.findall(text))
