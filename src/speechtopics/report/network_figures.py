"""The topic correlation network as a figure: topics on a circle, edges for positive correlations.

One responsibility: draw a ``TopicCorrelations`` result (``speechtopics.models.topic_correlations``) as a
matplotlib Figure with a hand-made circular layout (networkx is not a dependency). It never saves the
figure; importing ``speechtopics.report.style`` applies the project style and the CJK font.
"""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.pyplot as plt
import numpy as np

from speechtopics.report import style  # noqa: F401  (applies the one style and the CJK font)
from speechtopics.report.labels import LabelMode, figure_text


def plot_topic_network(result, labels: Sequence[str] | None = None, *, positive_only: bool = True,
                       lang: LabelMode = "zh"):
    """Topics on a circle (first at the top, clockwise), an edge per pair above the cut-off.

    Parameters
    ----------
    result : TopicCorrelations
        ``.matrix`` (indexed by topic id), ``.edges()``, ``.method``, ``.cutoff``.
    labels : list of str, optional
        One per topic (default ``result.labels``); nodes read ``"id: label"``.
    positive_only : bool
        Draw only positive edges (stm's default); otherwise negative ones dashed.
    lang : {"zh", "en", "both"}
        ``report.labels``: the language of the title (and of the default node names ``主题 t`` / ``Topic t``);
        labels are drawn as given.

    Returns
    -------
    matplotlib.figure.Figure
        Edge width grows with the correlation.

    Examples
    --------
    >>> import pandas as pd
    >>> from speechtopics.models.topic_correlations import TopicCorrelations
    >>> m = pd.DataFrame([[1, .3, 0], [.3, 1, -.2], [0, -.2, 1]], index=[1, 2, 3], columns=[1, 2, 3])
    >>> fig = plot_topic_network(TopicCorrelations(m, "simple", 0.01, None, ["a", "b", "c"]))
    >>> len(fig.axes[0].lines)
    1
    """
    if not hasattr(result, "matrix"):
        raise TypeError(f"plot_topic_network takes st.topic_correlations(model), not a {type(result).__name__}")
    ids = list(result.matrix.index)
    default = [figure_text(f"主题 {t}", f"Topic {t}", lang, both=f"主题 Topic {t}") for t in ids]
    labels = list(labels if labels is not None else (result.labels or default))
    if len(labels) != len(ids):
        raise ValueError(f"labels has {len(labels)} entries for {len(ids)} topics")
    angle = np.pi / 2 - 2 * np.pi * np.arange(len(ids)) / max(len(ids), 1)
    pos = {t: (np.cos(a), np.sin(a)) for t, a in zip(ids, angle)}
    longest = max((len(f"{t}: {lab}") for t, lab in zip(ids, labels)), default=0)
    reach = 1.15 + 0.075 * longest  # label length in data units at fontsize 7 (radial labels)
    size = 4.0 + 0.12 * longest
    fig, ax = plt.subplots(figsize=(size, size))
    edges = result.edges(positive_only=positive_only)
    top = float(edges["weight"].abs().max()) if len(edges) else 1.0
    for e in edges.itertuples():
        (x0, y0), (x1, y1) = pos[e.topic_a], pos[e.topic_b]
        ax.plot([x0, x1], [y0, y1], color="#4C72B0" if e.weight > 0 else "#C44E52",
                ls="-" if e.weight > 0 else "--", lw=0.5 + 3.5 * abs(e.weight) / top, alpha=0.7, zorder=1)
    xy = np.array([pos[t] for t in ids])
    ax.scatter(xy[:, 0], xy[:, 1], s=120, color="#DD8452", zorder=2)
    for t, a, lab in zip(ids, angle, labels):
        x, y = pos[t]
        right = np.cos(a) >= -1e-9  # radial labels, read left to right on both halves
        ax.text(1.1 * x, 1.1 * y, f"{t}: {lab}", ha="left" if right else "right", va="center",
                rotation=np.degrees(a) if right else np.degrees(a) + 180, rotation_mode="anchor", fontsize=7)
    ax.set_xlim(-reach, reach)
    ax.set_ylim(-reach, reach)
    ax.set_aspect("equal")
    ax.axis("off")
    glasso = result.method == "glasso"
    kind = "partial correlations (graphical lasso)" if glasso else "correlations"
    zh_kind = "偏相关系数 (graphical lasso) " if glasso else "相关系数"
    ax.set_title(figure_text(f"主题间{zh_kind}高于 {result.cutoff:g}：{len(edges)} 条边",
                             f"Topic {kind} above {result.cutoff:g}: {len(edges)} edges", lang))
    return fig
