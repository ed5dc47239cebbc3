"""Runs of mojibake inside otherwise good text.

This module owns finding, counting and removing stretches a wrong codec left in a page: U+FFFD runs,
UTF-8 read as Latin-1/cp1252 (``å›½å®¶``), UTF-8 read as GBK (``鍦ㄥ幙鏀垮簻``: runs of rare characters
and bopomofo), the classic ``锟斤拷``/``烫烫烫`` fillers, private-use and C1 control characters. The text
is otherwise good (the document was decoded by evidence), so the test is local: a run of characters
that ordinary Chinese text almost never strings together. Regexes are built once from the GB2312
level-1 set so the scan stays linear and fast.
"""

from __future__ import annotations

import functools
import re

from speechtopics.clean.plausibility import common_simplified

__all__ = ["find_mojibake", "remove_mojibake", "trigger_class"]

_LATIN1_JUNK = "\u00a0-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"


def _ranges(chars: set[int]) -> str:
    """Compact regex class body for a set of code points."""
    out, run = [], []
    for cp in sorted(chars):
        if run and cp == run[-1] + 1:
            run.append(cp)
            continue
        if run:
            out.append(_fmt(run))
        run = [cp]
    if run:
        out.append(_fmt(run))
    return "".join(out)


def _fmt(run: list[int]) -> str:
    if len(run) == 1:
        return f"\\u{run[0]:04x}"
    return f"\\u{run[0]:04x}-\\u{run[-1]:04x}"


@functools.lru_cache(maxsize=1)
def _pattern() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The mojibake pattern, and a one-character trigger class every match starts with (a fast pre-scan)."""
    rare = _rare_class()
    han = "\u4e00-\u9fff"
    parts = [
        r"\ufffd+",
        r"(?:锟斤拷)+|烫{3,}|屯{3,}",
        r"[\x80-\x9f]+",
        r"[\ue000-\uf8ff]+",
        # UTF-8 read as cp1252/latin-1: an accented lead byte then continuation-looking symbols
        rf"[\u00c0-\u00ef][{_LATIN1_JUNK}]{{2,}}(?:[{_LATIN1_JUNK}]|[\u00c0-\u00ef])*",
        # UTF-8 read as GBK: at least four rare characters, at most one common one between two of them
        rf"[{rare}](?:[{han}]?[{rare}]){{3,}}",
    ]
    return re.compile("|".join(parts)), re.compile(f"[{trigger_class()}]")


@functools.lru_cache(maxsize=1)
def _rare_class() -> str:
    """Class body of rare Han, bopomofo, extension A/B+, private use, box drawing, Greek/Cyrillic and
    letterlike symbols: what GBK-decoded UTF-8 bytes turn into."""
    common = {ord(c) for c in common_simplified()}
    rare_han = set(range(0x4E00, 0xA000)) - common
    return (_ranges(rare_han) + "\u3100-\u312f\u3400-\u4dbf\ue000-\uf8ff\u2500-\u257f\u0370-\u04ff"
            "\u2100-\u214f\U00020000-\U0003134f")


def trigger_class() -> str:
    """Body of a regex character class holding every character a mojibake run can start with."""
    return rf"\ufffd锟烫屯\x80-\x9f\ue000-\uf8ff\u00c0-\u00ef{_rare_class()}"


def find_mojibake(text: str) -> list[tuple[int, int]]:
    """Spans ``(start, end)`` of mojibake runs in ``text``.

    Parameters
    ----------
    text : str
        Simplified-character text (run it after traditional-to-simplified conversion: traditional
        characters are rare in the simplified set and would look like mojibake).

    Returns
    -------
    list of tuple of (int, int)
        Non-overlapping spans, in order.
    """
    pattern, trigger = _pattern()
    spans: list[tuple[int, int]] = []
    end = 0
    for hit in trigger.finditer(text):
        if hit.start() < end:
            continue
        m = pattern.match(text, hit.start())  # every alternative starts with a trigger character
        if m:
            spans.append(m.span())
            end = m.end()
    return spans


def remove_mojibake(text: str) -> tuple[str, int]:
    """Delete mojibake runs from ``text``.

    Returns
    -------
    tuple of (str, int)
        The text without the runs, and how many runs were removed.
    """
    spans = find_mojibake(text)
    if not spans:
        return text, 0
    pieces, pos = [], 0
    for start, end in spans:
        pieces.append(text[pos:start])
        pos = end
    pieces.append(text[pos:])
    return "".join(pieces), len(spans)
