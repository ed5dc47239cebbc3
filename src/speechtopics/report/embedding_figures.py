"""Figures of the embedding route: the 2-D map of speeches by cluster, static and offline-interactive.

:func:`plot_cluster_map` returns a matplotlib Figure (saved by the caller with ``save_figure``);
:func:`cluster_map_html` returns one self-contained HTML page -- inline SVG, inline CSS and a few lines
of inline script, no ``http(s)`` reference at all -- and :func:`save_cluster_map_html` writes it.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from speechtopics.report import style  # noqa: F401  (registers the CJK font and the figure style)
from speechtopics.report.glyphs import html_text
from speechtopics.report.labels import LabelMode, figure_text
from speechtopics.report.webfont import FONT_STACK, font_face_css, page_missing

_URL = re.compile(r"(?i)\b(?:https?|ftp)://\S*|\bwww\.\S*|\bhttps?\b")


def _colour(c: int) -> str:
    import matplotlib

    if c < 0:
        return "#bbbbbb"
    r, g, b, _ = matplotlib.colormaps["tab20"](c % 20)
    return f"#{int(r * 255):02x}{int(g * 255):02x}{int(b * 255):02x}"


def centres(coords: np.ndarray, labels: Sequence[int]) -> dict[int, np.ndarray]:
    """Median 2-D position of each cluster (noise, -1, left out)."""
    labels = np.asarray(labels)
    return {int(c): np.median(coords[labels == c], axis=0) for c in sorted(set(labels.tolist())) if c >= 0}


def plot_cluster_map(coords: np.ndarray, labels: Sequence[int], centre_labels: dict[int, str],
                     title: str = "", size: float = 18, lang: LabelMode = "zh"):
    """Scatter of speeches (or paragraphs) in 2-D, coloured by cluster, Chinese labels at cluster centres.

    Parameters
    ----------
    coords : array (n, 2)
    labels : sequence of int
        Cluster per point (-1: noise, grey).
    centre_labels : dict
        Cluster -> text written at the cluster's median position (e.g. top c-TF-IDF words).
    title : str
    lang : {"zh", "en", "both"}
        ``report.labels``: the language of the axis labels (维度 1 / dimension 1); labels are drawn as given.
    """
    import matplotlib.pyplot as plt

    labels = np.asarray(labels)
    fig, ax = plt.subplots(figsize=(7.5, 6))
    ax.scatter(coords[:, 0], coords[:, 1], c=[_colour(int(c)) for c in labels], s=size, linewidths=0.3,
               edgecolors="white", alpha=0.9)
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_xlabel(figure_text("维度 1", "dimension 1", lang, both="维度 dimension 1"))
    ax.set_ylabel(figure_text("维度 2", "dimension 2", lang, both="维度 dimension 2"))
    if title:
        ax.set_title(title)
    texts = [ax.text(*xy, f"{c}: {centre_labels.get(c, '')}", ha="center", va="center", fontsize=8,
                     bbox={"boxstyle": "round,pad=0.25", "fc": "white", "ec": _colour(c), "alpha": 0.85})
             for c, xy in centres(coords, labels).items()]
    _separate_labels(ax, texts)
    return fig


def _separate_labels(ax, texts) -> None:
    """Move overlapping cluster labels apart (adjustText), each with a thin line back to its centre.

    A fixed number of iterations and no time limit: adjustText's default stops after one second of
    wall time, which would make the figure depend on the machine's speed (its random nudges of
    coinciding labels are seeded inside the library).
    """
    from adjustText import adjust_text

    if len(texts) > 1:
        adjust_text(texts, ax=ax, iter_lim=_LABEL_ITERATIONS, time_lim=None, ensure_inside_axes=True,
                    arrowprops={"arrowstyle": "-", "color": "0.4", "lw": 0.6})


_LABEL_ITERATIONS = 500


def _clean(text: str) -> str:
    """Escaped text for the page, with any URL-like substring removed (the page stays offline)."""
    return html.escape(_URL.sub("", str(text)))


def cluster_map_html(coords: np.ndarray, labels: Sequence[int], hover: Sequence[str],
                     centre_labels: dict[int, str], title: str = "Map") -> str:
    """A self-contained interactive map: hover shows a speech, clicking a legend entry highlights a cluster.

    The page carries the glyphs of its own text (title, hover names, cluster labels) as a subset of the
    bundled CJK font (:func:`speechtopics.report.webfont.font_face_css`), so Chinese shows without a
    system font; the same input gives the same bytes.
    """
    labels = np.asarray(labels)
    lo, hi = coords.min(0), coords.max(0)
    span = np.where(hi - lo > 0, hi - lo, 1.0)
    xy = 20 + (coords - lo) / span * np.array([760, 560])
    dots = [f'<circle class="c{int(c)}" cx="{x:.1f}" cy="{600 - y:.1f}" r="4" fill="{_colour(int(c))}">'
            f"<title>[{int(c)}] {_clean(h)}</title></circle>" for (x, y), c, h in zip(xy, labels, hover)]
    marks = []
    for c, (x, y) in centres(xy, labels).items():
        marks.append(f'<text x="{x:.1f}" y="{600 - y:.1f}" text-anchor="middle" class="lab">'
                     f"{c}: {_clean(centre_labels.get(c, ''))}</text>")
    legend = "".join(f'<li data-c="{c}"><span style="background:{_colour(c)}"></span>{c}: '
                     f"{_clean(centre_labels.get(c, ''))}</li>" for c in sorted(centre_labels))
    return f"""<!DOCTYPE html>
<html lang="zh"><head><meta charset="utf-8"><title>{_clean(title)}</title>
<style>{font_face_css(title + "".join(map(str, hover)) + "".join(map(str, centre_labels.values())))}
body{{font-family:{FONT_STACK};margin:1em}} svg text{{font-family:{FONT_STACK}}} svg{{border:1px solid #ddd}} circle{{opacity:.85}}
.dim{{opacity:.08}} .lab{{font-size:12px;paint-order:stroke;stroke:#fff;stroke-width:3px}}
li{{cursor:pointer;list-style:none}} li span{{display:inline-block;width:10px;height:10px;margin-right:4px}}
</style></head><body><h3>{_clean(title)}</h3>
<svg width="800" height="620" viewBox="0 0 800 620">{''.join(dots)}{''.join(marks)}</svg>
<ul id="legend">{legend}</ul>
<script>
document.querySelectorAll('#legend li').forEach(function(li){{li.onclick=function(){{
 var c=li.getAttribute('data-c'), on=li.classList.toggle('on');
 document.querySelectorAll('#legend li').forEach(function(o){{if(o!==li)o.classList.remove('on');}});
 document.querySelectorAll('circle').forEach(function(p){{
  p.classList.toggle('dim', on && !p.classList.contains('c'+c));}});}};}});
</script></body></html>
"""


def save_cluster_map_html(page: str, name: str, out_dir: Path | None = None, description: str = "") -> Path:
    """Write the page to ``reports/figures/<name>.html`` and register it as a view.

    Characters of the page that the embedded font lacks are named in a ``MissingGlyphWarning`` and in
    the run's summary.
    """
    from speechtopics.report.registry import record, reports_dir

    out_dir = Path(out_dir or reports_dir() / "figures")
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"{name}.html"
    path.write_text(page, encoding="utf-8", newline="\n")
    record("view", name, [path], description or "Interactive map of speeches by embedding cluster (offline)")
    note = page_missing(html_text(page), name)  # characters the embedded font cannot show: warned, listed
    if note:
        record("glyphs", name, [path], note)
    return path
