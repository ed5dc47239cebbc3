"""One figure style for every plot, the CJK font, and the one place figures are written.

The font is the WenQuanYi Micro Hei file shipped in the package (``fonts/`` of
:mod:`speechtopics.resources`, Apache-2.0), registered with matplotlib at import, so figures render
Chinese glyphs on any machine without root or a system font, and every machine renders with the same glyphs (byte-identical figures need the same font file).
A character the bundled font lacks is drawn with DejaVu Sans, shipped with matplotlib (matplotlib's
font fallback: Uyghur's Arabic letters, some emoji); one that neither has (𠮷, Tibetan, Mongolian) would
be an empty box, and :func:`save_figure` names it in a
:class:`~speechtopics.report.glyphs.MissingGlyphWarning` and in the run's summary.
PDFs embed it as a TrueType subset (fonttype 42; matplotlib subsets the right face of the .ttc with
fontTools); PNG/PDF/SVG metadata carry no dates or software versions, SVG ids use a fixed
``svg.hashsalt``, and ``SOURCE_DATE_EPOCH`` is pinned so nothing falls back to the clock. The same
config on the same platform therefore gives byte-identical figure files.

Resolution comes from ``report.dpi`` in the config (the notebook runner passes it as
``SPEECHTOPICS_DPI``); the default is 300.
"""

from __future__ import annotations

import os
import warnings
from pathlib import Path

import matplotlib

if not os.environ.get("MPLBACKEND"):
    # scripts and the CLI never open a window; a Jupyter kernel sets MPLBACKEND to its inline backend,
    # which is kept so a notebook shows its figures (saving goes through the same Agg/PDF renderers)
    matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib import font_manager  # noqa: E402

from speechtopics import resources  # noqa: E402
from speechtopics.report import glyphs  # noqa: E402
from speechtopics.report.registry import DPI_ENV  # noqa: E402  (set from report.dpi)

os.environ.setdefault("SOURCE_DATE_EPOCH", "0")

FONT_FILE = resources.resource_path("fonts/wqy-microhei.ttc")
FONT_NAME = "WenQuanYi Micro Hei"
#: The font matplotlib falls back to for characters the bundled font lacks (it ships with matplotlib).
FALLBACK_NAME = "DejaVu Sans"
FALLBACK_FILE = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"
#: The font files figure text is drawn from, in order.
FIGURE_FONTS = (FONT_FILE, FALLBACK_FILE)

# Fixed metadata: no creation dates, no software version strings that change between installs.
PNG_METADATA = {"Software": None}
PDF_METADATA = {"Creator": None, "Producer": None, "CreationDate": None, "ModDate": None}
SVG_METADATA = {"Date": None, "Creator": None}

_saved: list[dict] = []



def register_font() -> str:
    """Register the bundled CJK font with matplotlib and return its family name.

    Warns (once, at import) when the font file is missing: figures would then show boxes for Chinese.
    """
    if not FONT_FILE.exists():
        warnings.warn(f"{FONT_FILE}: bundled CJK font missing; Chinese text will not render", stacklevel=2)
    elif FONT_NAME not in {f.name for f in font_manager.fontManager.ttflist}:
        font_manager.fontManager.addfont(str(FONT_FILE))
    return FONT_NAME


def resolved_font_file() -> Path:
    """The file matplotlib actually uses for the style's sans-serif text (for the manifest)."""
    return Path(font_manager.findfont(font_manager.FontProperties(family=["sans-serif"]),
                                      fallback_to_default=True))


def font_info() -> dict:
    """Family, file name and sha256 of the font used for figure text."""
    from speechtopics.cache import hash_file

    used = resolved_font_file()
    return {"family": FONT_NAME, "file": used.name, "bundled": used.resolve() == FONT_FILE.resolve(),
            "sha256": hash_file(used) if used.exists() else None,
            "pdf_fonttype": plt.rcParams["pdf.fonttype"]}


def default_dpi() -> int:
    """``$SPEECHTOPICS_DPI`` (set from ``report.dpi``) or 300."""
    try:
        return int(os.environ.get(DPI_ENV, "300"))
    except ValueError:
        return 300


def apply_style(dpi: int | None = None) -> None:
    """Set the one figure style: CJK font, sizes, fixed hashes and embedded fonts."""
    dpi = dpi or default_dpi()
    register_font()
    plt.rcParams.update({
        # the families themselves, not the generic "sans-serif": matplotlib falls back along this list
        # glyph by glyph, and both fonts travel with the installation, so figures stay the same everywhere
        "font.family": [FONT_NAME, FALLBACK_NAME],
        "font.sans-serif": [FONT_NAME, "Noto Sans CJK SC", "DejaVu Sans"],
        "axes.unicode_minus": False,
        "figure.dpi": 100,
        "savefig.dpi": dpi,
        "savefig.bbox": "tight",
        "pdf.fonttype": 42,
        "ps.fonttype": 42,
        "svg.fonttype": "path",
        "svg.hashsalt": "speechtopics",
        "path.simplify": True,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.titlesize": 11,
        "axes.labelsize": 9,
        "xtick.labelsize": 8,
        "ytick.labelsize": 8,
        "legend.fontsize": 8,
        "figure.titlesize": 12,
    })


def save_figure(fig, name: str, folder: str | Path | None = None, *, out_dir: Path | None = None,
                formats: tuple[str, ...] = ("png", "pdf"), description: str = "", dpi: int | None = None) -> list[Path]:
    """Write ``fig`` as ``<name>.png`` and ``<name>.pdf`` (and more formats) into ``folder``.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure; it is not closed.
    name : str
        File stem, e.g. ``lda_top_words``.
    folder : str or Path, optional
        Where to write (default ``reports/figures`` of this run).
    out_dir : Path, optional
        The same as ``folder`` (the older keyword).
    formats : str or tuple of str
        Any of ``png``, ``pdf``, ``svg``; each gets fixed metadata (no dates).
    description : str
        What the figure shows, for ``reports/appendix.md``.
    dpi : int, optional
        Raster resolution (default ``report.dpi``, 300).

    Returns
    -------
    list of Path
        The written files; they are registered for the appendix and the manifest.

    Warns
    -----
    MissingGlyphWarning
        When the figure shows characters that no bundled font draws (they would be empty boxes),
        naming them and the figure; the run's summary and ``appendix.md`` list them too.

    Examples
    --------
    >>> import tempfile
    >>> import matplotlib.pyplot as plt
    >>> from speechtopics import save_figure
    >>> fig, ax = plt.subplots(); _ = ax.set_title("经济发展")
    >>> [p.name for p in save_figure(fig, "demo", tempfile.mkdtemp())]
    ['demo.png', 'demo.pdf']
    """
    from speechtopics.report.registry import reports_dir

    if not hasattr(fig, "savefig"):
        hint = ": pass its figure, ax.figure" if hasattr(fig, "figure") else ""
        raise TypeError(f"save_figure needs a matplotlib Figure, not {type(fig).__name__}{hint}")
    formats = (formats,) if isinstance(formats, str) else tuple(formats)
    unknown = [f for f in formats if f not in ("png", "pdf", "svg")]
    if unknown or not formats:
        raise ValueError(f"save_figure: formats are any of png, pdf, svg (got {unknown or formats!r})")
    out_dir = Path(folder or out_dir or reports_dir() / "figures")
    out_dir.mkdir(parents=True, exist_ok=True)
    metadata = {"png": PNG_METADATA, "pdf": PDF_METADATA, "svg": SVG_METADATA}
    written = []
    name = name[:-4] if name.lower().endswith((".png", ".pdf", ".svg")) else name  # "fig1.png" -> fig1.png, .pdf
    missing = glyphs.missing_glyphs(glyphs.figure_text(fig), [f for f in FIGURE_FONTS if f.exists()])
    note = (f"figure {name}: no bundled font draws {glyphs.describe(missing)}; they show as empty boxes "
            "(change the titles or labels that hold them)") if missing else ""
    if missing:
        warnings.warn(note, glyphs.MissingGlyphWarning, stacklevel=2)
    for fmt in formats:
        path = out_dir / f"{name}.{fmt}"
        path.parent.mkdir(parents=True, exist_ok=True)  # a name may hold a subfolder ("appendix/fig1")
        with warnings.catch_warnings():  # matplotlib's per-glyph, per-draw warnings: named once above
            warnings.filterwarnings("ignore", message=r"Glyph \d+ .*missing from font", category=UserWarning)
            fig.savefig(path, format=fmt, metadata=metadata.get(fmt), dpi=dpi or plt.rcParams["savefig.dpi"])
        written.append(path)
    _saved.append({"name": name, "files": [str(p) for p in written], "description": description})
    from speechtopics.report.registry import record

    record("figure", name, written, description)
    if missing:
        record("glyphs", name, written, note)
    return written


def saved_figures() -> list[dict]:
    """Figures written by :func:`save_figure` in this process, in order."""
    return list(_saved)


apply_style()
