"""Punctuation in presentation forms, written back as the standard CJK punctuation.

This module owns one character step of the clean stage: punctuation that Unicode keeps only for
compatibility with legacy character sets and layouts, as Taiwan and Hong Kong texts, Big5 files and text
copied out of vertically set pages carry it. Those are the vertical forms (``︐ ︒ ︰ ﹁ ﹂``,
U+FE10–U+FE19 and U+FE30–U+FE4F), the small forms Big5 encodes beside the ordinary ones (``﹐ ﹑ ﹔ ﹕ ﹖``,
U+FE50–U+FE6B) and the half-width CJK punctuation (``｡ ｢ ｣ ､``, U+FF61–U+FF64). Each becomes the
character its Unicode compatibility decomposition (NFKC) names, an ASCII comma, colon, semicolon, mark or
bracket in its full-width form, as Chinese text writes them (``︐`` -> ``，``, ``﹁`` -> ``「``,
``｡`` -> ``。``), so sentences, clauses and quotations are found in such a text as in any other.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["PRESENTATION_FORMS", "standard_punctuation"]

#: The code point ranges read as presentation forms (inclusive).
PRESENTATION_FORMS = ((0xFE10, 0xFE19), (0xFE30, 0xFE6B), (0xFF61, 0xFF64))

# ASCII punctuation that Chinese text writes full width (NFKC of ︐ is "," where the text means "，").
_WIDE = ",:;!?()[]{}"
# Forms whose NFKC is not what a horizontal Chinese text means by them: Big5's ︰ (A14A) is typed as the
# colon, and the vertical ellipsis ︙ is one character, not three full stops.
_MEANT = {"\ufe30": "：", "\ufe19": "…"}


def _table() -> dict[int, str]:
    table: dict[int, str] = {}
    for lo, hi in PRESENTATION_FORMS:
        for code in range(lo, hi + 1):
            char = chr(code)
            form = _MEANT.get(char) or unicodedata.normalize("NFKC", char)
            if form == char or len(form) != 1:  # unassigned, or no single character (an overline)
                continue
            table[code] = chr(ord(form) + 0xFEE0) if form in _WIDE else form
    return table


_TABLE = _table()
_FORM = re.compile("[" + "".join(f"{chr(lo)}-{chr(hi)}" for lo, hi in PRESENTATION_FORMS) + "]")


def standard_punctuation(text: str) -> str:
    """Write vertical, small and half-width punctuation forms as the standard CJK punctuation.

    Parameters
    ----------
    text : str
        Any text.

    Returns
    -------
    str
        The text with every presentation form of :data:`PRESENTATION_FORMS` that stands for one
        character replaced by it; other characters are left as they are.

    Examples
    --------
    >>> standard_punctuation("女士们︐先生们︰﹁一国两制﹂︒")
    '女士们，先生们：「一国两制」。'
    >>> standard_punctuation("推动改革､扩大开放｡电话﹕123")
    '推动改革、扩大开放。电话：123'
    """
    return text.translate(_TABLE) if _FORM.search(text) else text
