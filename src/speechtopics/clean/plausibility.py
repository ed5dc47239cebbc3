"""How ordinary a decoded text looks as Chinese: the score that chooses among codecs.

This module owns :func:`plausibility` (the share of characters ordinary in Chinese text) and the sets
of frequent characters it rests on (:func:`common_simplified`, GB2312 level 1; Big5 level 1), which
:mod:`speechtopics.clean.decode` uses to choose a codec and :mod:`speechtopics.clean.mojibake` to
tell a misdecoded run from text.
"""

from __future__ import annotations

import functools

__all__ = ["common_simplified", "plausibility"]


@functools.lru_cache(maxsize=1)
def common_simplified() -> frozenset[str]:
    """GB2312 level-1 Han characters: the 3755 most frequent simplified characters."""
    chars = []
    for hi in range(0xB0, 0xD8):
        for lo in range(0xA1, 0xFF):
            try:
                chars.append(bytes((hi, lo)).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return frozenset(chars)


@functools.lru_cache(maxsize=1)
def _common_traditional() -> frozenset[str]:
    """Big5 level-1 Han characters (0xA440-0xC67E): the 5401 frequent traditional characters."""
    chars = []
    for hi in range(0xA4, 0xC7):
        for lo in list(range(0x40, 0x7F)) + list(range(0xA1, 0xFF)):
            if (hi, lo) > (0xC6, 0x7E):
                break
            try:
                chars.append(bytes((hi, lo)).decode("big5"))
            except UnicodeDecodeError:
                pass
    return frozenset(chars)


def plausibility(text: str) -> float:
    """Share of characters that are ordinary in Chinese text (0..1).

    Ordinary: printable ASCII, whitespace, CJK and full-width punctuation, and Han characters among the
    frequent simplified or traditional ones. A wrong codec turns GB bytes into rare characters, Latin-1
    letters or U+FFFD, so the right decoding scores highest.

    Parameters
    ----------
    text : str
        A decoded sample.

    Returns
    -------
    float
        The ordinary share; 0.0 for empty text.
    """
    if not text:
        return 0.0
    simp, trad = common_simplified(), _common_traditional()
    good = 0
    for ch in text:
        o = ord(ch)
        if (
            32 <= o < 127
            or ch in "\n\t\u3000\xa0"
            or 0x3000 <= o <= 0x303F
            or 0xFF01 <= o <= 0xFF5E
            or 0x2010 <= o <= 0x2027
            or ch in simp
            or ch in trad
        ):
            good += 1
    return good / len(text)
