"""One figure style for every plot, the CJK font, and the one place figures are written.

The font is the WenQuanYi Micro Hei file shipped in ``data/external/fonts`` (Apache-2.0), registered
with matplotlib at import, so figures render Chinese glyphs on any machine without root or a system
font, and every machine renders with the same glyphs (byte-identical figures need the same font file).
PDFs embed it as TrueType (fonttype 42); PNG/PDF/SVG metadata carry no dates.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib import font_manager  # noqa: E402

from speechtopics import paths  # noqa: E402

FONT_FILE = paths.FONTS / "wqy-microhei.ttc"
FONT_NAME = "WenQuanYi Micro Hei"

# Fixed metadata: no creation dates, no software version strings that change between installs.
PNG_METADATA = {"Software": None}
PDF_METADATA = {"Creator": None, "Producer": None, "CreationDate": None, "ModDate": None}
SVG_METADATA = {"Date": None, "Creator": None}

_saved: list[dict] = []


def register_font() -> str:
    """Register the bundled CJK font with matplotlib and return its family name."""
    if FONT_FILE.exists() and FONT_NAME not in {f.name for f in font_manager.fontManager.ttflist}:
        font_manager.fontManager.addfont(str(FONT_FILE))
    return FONT_NAME


def apply_style(dpi: int = 300) -> None:
    """Set the one figure style: CJK font, sizes, fixed hashes and embedded fonts."""
    register_font()
    plt.rcParams.update({
        "font.family": "sans-serif",
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


def save_figure(fig, name: str, *, out_dir: Path | None = None, formats: tuple[str, ...] = ("png", "pdf"),
                description: str = "", dpi: int | None = None) -> list[Path]:
    """Write ``fig`` as ``<name>.png`` and ``<name>.pdf`` (and more formats) into reports/figures.

    The figure is registered (name, files, description) for ``reports/appendix.md`` and the manifest.
    Returns the written paths.
    """
    out_dir = Path(out_dir or paths.FIGURES)
    out_dir.mkdir(parents=True, exist_ok=True)
    metadata = {"png": PNG_METADATA, "pdf": PDF_METADATA, "svg": SVG_METADATA}
    written = []
    for fmt in formats:
        path = out_dir / f"{name}.{fmt}"
        fig.savefig(path, format=fmt, metadata=metadata.get(fmt), dpi=dpi or plt.rcParams["savefig.dpi"])
        written.append(path)
    _saved.append({"name": name, "files": [str(p) for p in written], "description": description})
    from speechtopics.report.registry import record

    record("figure", name, written, description)
    return written


def saved_figures() -> list[dict]:
    """Figures written by :func:`save_figure` in this process, in order."""
    return list(_saved)


apply_style()
