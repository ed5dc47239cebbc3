"""The bundled CJK font inside offline pages: a subset of its glyphs as a ``@font-face`` data URL.

The pyLDAvis page and the embedding map are opened years later on machines that may have no
Chinese font at all (a minimal Linux, a locked-down archive reader); without one every Chinese word
shows as a box. Each page therefore carries the glyphs it uses: the first face of the bundled
WenQuanYi Micro Hei (``fonts/wqy-microhei.ttc``, the font of the figures) is subset with fontTools to
the characters of the page, stored as WOFF (zlib), base64-encoded into a ``@font-face`` rule, and the
page's CSS names that family first. The subset is a function of the characters only (no timestamp:
the ``head`` dates are kept from the font file), so the same page gives the same bytes.

A base64 string can contain ``http`` by chance; in the CSS string it is written with the escape
``\\68`` (``h``), so an offline page never contains ``http`` (see :mod:`speechtopics.report.ldavis`).
"""

from __future__ import annotations

import base64
import io
from functools import lru_cache

from speechtopics import resources

#: The family name the pages use for the embedded subset (listed first in their CSS).
FAMILY = "speechtopics CJK"
#: The family list of page text: the embedded subset, then system CJK fonts, then any sans-serif.
FONT_STACK = f'"{FAMILY}", "WenQuanYi Micro Hei", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif'
FONT_FILE = resources.resource_path("fonts/wqy-microhei.ttc")
_ASCII = "".join(chr(c) for c in range(32, 127))


@lru_cache(maxsize=8)
def _subset_woff(chars: str) -> bytes:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(str(FONT_FILE), fontNumber=0, recalcTimestamp=False, recalcBBoxes=True)
    cmap = font.getBestCmap()
    options = subset.Options()
    options.flavor = "woff"
    options.hinting = False
    options.desubroutinize = True
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6]
    options.drop_tables = [*options.drop_tables, "FFTM"]  # FontForge's build timestamps
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted({ord(c) for c in chars} & set(cmap)))
    subsetter.subset(font)
    out = io.BytesIO()
    font.flavor = "woff"
    font.save(out, reorderTables=True)
    return out.getvalue()


def subset_font(text: str) -> bytes:
    """The bundled font's first face cut down to the characters of ``text`` (and printable ASCII), as WOFF.

    Parameters
    ----------
    text : str
        Every text the page shows.

    Returns
    -------
    bytes
        A WOFF font; the same set of characters always gives the same bytes.
    """
    return _subset_woff("".join(sorted(set(text) | set(_ASCII))))


def page_missing(text: str, page: str) -> str:
    """Warn, naming ``page``, when ``text`` holds characters the bundled font lacks; return that note.

    Parameters
    ----------
    text : str
        Every text the page shows.
    page : str
        The page's name, for the warning.

    Returns
    -------
    str
        The warning's text, or ``""`` when the embedded subset covers every character.
    """
    import warnings

    from speechtopics.report.glyphs import MissingGlyphWarning, describe, missing_glyphs

    missing = missing_glyphs(text, [FONT_FILE])
    if not missing:
        return ""
    note = (f"page {page}: the embedded font has no glyph for {describe(missing)}; a reader sees them only "
            "where their system has a font for them")
    warnings.warn(note, MissingGlyphWarning, stacklevel=3)
    return note


def font_face_css(text: str) -> str:
    """A ``@font-face`` rule for :data:`FAMILY` holding :func:`subset_font` of ``text`` as a data URL.

    Parameters
    ----------
    text : str
        Every text the page shows.

    Returns
    -------
    str
        CSS text with no ``http`` in it (``h`` of a chance ``http`` in the base64 written ``\\68``).

    Examples
    --------
    >>> css = font_face_css("经济发展")
    >>> css.startswith('@font-face { font-family: "speechtopics CJK"') and "http" not in css
    True
    """
    data = base64.b64encode(subset_font(text)).decode("ascii").replace("http", "\\68ttp")
    return (f'@font-face {{ font-family: "{FAMILY}"; font-style: normal; font-weight: normal; '
            f'src: url("data:font/woff;base64,{data}") format("woff"); }}')


__all__ = ["FAMILY", "FONT_STACK", "font_face_css", "page_missing", "subset_font"]
