"""Which characters of a figure or an offline page no bundled font draws, and the warning naming them.

Figures draw their text with the bundled WenQuanYi Micro Hei and, for what it lacks, DejaVu Sans
(shipped with matplotlib; matplotlib's font fallback, :data:`speechtopics.report.style.FIGURE_FONTS`).
Offline pages embed a subset of the bundled font only. A character that none of these fonts has (a CJK
Extension B ideograph such as 𠮷, Tibetan or Mongolian script, a flag emoji) is drawn in a figure as
matplotlib's LastResort box, and on a page it is left to the reader's system fonts. This module finds
those characters (:func:`missing_glyphs`) and names them in one :class:`MissingGlyphWarning` per output.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path


class MissingGlyphWarning(UserWarning):
    """A figure or an offline page shows characters that no bundled font draws."""


@lru_cache(maxsize=8)
def font_characters(path: str, number: int = 0) -> frozenset[int]:
    """The code points of the font file ``path`` (face ``number`` of a collection)."""
    from fontTools.ttLib import TTFont

    with TTFont(path, fontNumber=number, lazy=True) as font:  # closes the file: only the cmap is kept
        return frozenset(font.getBestCmap())


def _invisible(c: str) -> bool:
    """Spaces, controls, format characters and variation selectors: no font is asked to draw them."""
    return (unicodedata.category(c)[0] in "CZ" or 0xFE00 <= ord(c) <= 0xFE0F
            or 0xE0100 <= ord(c) <= 0xE01EF)


def missing_glyphs(text: str, fonts: Iterable[str | Path]) -> list[str]:
    """The characters of ``text`` that none of ``fonts`` has, each once, in order of first appearance.

    Parameters
    ----------
    text : str
        The text an output shows.
    fonts : iterable of str or Path
        Font files (the first face of a collection is read).

    Returns
    -------
    list of str
        Characters with no glyph in any of the fonts; spaces, controls and variation selectors are
        never listed.

    Examples
    --------
    >>> from speechtopics import resources
    >>> missing_glyphs("张堃在𠮷祥村", [resources.resource_path("fonts/wqy-microhei.ttc")])
    ['𠮷']
    """
    have = frozenset().union(*(font_characters(str(f)) for f in fonts))
    return [c for c in dict.fromkeys(text) if ord(c) not in have and not _invisible(c)]


def describe(chars: list[str], limit: int = 12) -> str:
    """``𠮷 (U+20BB7), ᠮ (U+182E)``: the characters with their code points, the first ``limit`` of them."""
    shown = ", ".join(f"{c} (U+{ord(c):04X})" for c in chars[:limit])
    return shown + (f" and {len(chars) - limit} more" if len(chars) > limit else "")


def figure_text(fig) -> str:
    """Every visible text of a matplotlib figure (titles, labels, tick labels, legends, annotations)."""
    from matplotlib.text import Text

    return "".join(t.get_text() for t in fig.findobj(Text) if t.get_visible())


class _Visible(HTMLParser):
    """Collects the text of a page outside ``<script>`` and ``<style>``."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        self._hidden += tag in ("script", "style")

    def handle_endtag(self, tag):
        self._hidden -= tag in ("script", "style") and self._hidden > 0

    def handle_data(self, data):
        if not self._hidden:
            self.parts.append(data)


def html_text(page: str) -> str:
    """The text an HTML page shows outside its scripts and styles (character references resolved)."""
    parser = _Visible()
    parser.feed(page)
    parser.close()
    return "".join(parser.parts)


__all__ = ["MissingGlyphWarning", "describe", "figure_text", "font_characters", "html_text", "missing_glyphs"]
