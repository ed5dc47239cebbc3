"""Figures of the rhetoric layer. Each function returns a matplotlib Figure and never saves it."""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from scipy.cluster.hierarchy import dendrogram


def plot_diffusion(matrix: pd.DataFrame, first_years: pd.Series | None = None, title: str = "提法的扩散"):
    """Formula-by-year heat map of the documents citing each formula: rows formulas (ordered by first
    appearance), columns years; grey columns are years without any dated document.

    Parameters
    ----------
    matrix : DataFrame
        Output of :func:`speechtopics.rhetoric.formulas.year_matrix`.
    first_years : Series, optional
        ``formula -> first year``, to order rows.
    """
    if first_years is not None:
        matrix = matrix.loc[[f for f in first_years.sort_values(kind="stable").index if f in matrix.index]]
    fig, ax = plt.subplots(figsize=(10, max(3, 0.28 * len(matrix) + 1)))
    data = np.ma.masked_invalid(np.log1p(matrix.to_numpy(dtype=float)))  # a year with no dated document
    cmap = plt.get_cmap("Reds").copy()
    cmap.set_bad("#d9d9d9")
    im = ax.imshow(data, aspect="auto", cmap=cmap, interpolation="nearest")
    ax.set_yticks(range(len(matrix)), matrix.index)
    years = list(matrix.columns)
    step = max(1, len(years) // 20)
    ax.set_xticks(range(0, len(years), step), [str(y) for y in years[::step]], rotation=90)
    ax.set_xlabel("年份")
    ax.set_title(title)
    fig.colorbar(im, ax=ax, label="log(1 + 引用的文档数)；灰：该年无文档")
    return fig


def plot_dendrogram(linkage_matrix: np.ndarray, labels: Sequence[str], n_clusters: int,
                    title: str = "讲话的修辞画像聚类"):
    """Dendrogram of speeches by rhetorical profile, coloured at the cut into ``n_clusters``."""
    fig, ax = plt.subplots(figsize=(10, max(3, 0.18 * len(labels) + 1)))
    if len(labels) >= 2:
        k = min(n_clusters, len(labels))
        threshold = linkage_matrix[-(k - 1), 2] if k > 1 else 0
        dendrogram(linkage_matrix, labels=list(labels), orientation="left", ax=ax,
                   color_threshold=threshold, leaf_font_size=6)
    ax.set_title(title)
    ax.set_xlabel("距离 (Ward)")
    return fig


#: Chinese names of the moves and parts (coding_guide.md's definitions), shown beside their ids in figures.
MOVE_NAMES = {"achievement": "成绩", "problem": "问题", "deployment": "部署", "mobilisation": "动员",
              "alignment": "看齐", "other": "其他"}
PART_NAMES = {"opening": "开头", "body": "主体", "closing": "结尾"}


def plot_move_profile(shares: pd.DataFrame, title: str = "各部分的修辞行为"):
    """Stacked bars: share of each move (columns) per group (rows); moves and parts are named in Chinese
    beside their ids (成绩 achievement, 开头 opening), other labels as they are. Columns ``n_paragraphs``
    and ``n_documents`` (:func:`speechtopics.analysis.part_move_shares`) are not stacked but written under
    their row's name (``开头 opening`` / ``n=6 段 · 4 篇``), so a bar resting on a few paragraphs says so."""
    fig, ax = plt.subplots(figsize=(7, 3.5))
    counts = [c for c in ("n_paragraphs", "n_documents") if c in shares]
    units = {"n_paragraphs": "段", "n_documents": "篇"}

    def row_name(i):
        name = f"{PART_NAMES[i]} {i}" if i in PART_NAMES else str(i)
        if not counts:
            return name
        return name + "\nn=" + " · ".join(f"{int(shares.at[i, c]):,} {units[c]}" for c in counts)

    named = shares.drop(columns=counts).rename(
        columns=lambda c: f"{MOVE_NAMES[c]} {c}" if c in MOVE_NAMES else c, index=row_name)
    named.plot(kind="barh", stacked=True, ax=ax, width=0.8, colormap="tab10")
    ax.invert_yaxis()  # the first row (the opening) on top, as the table reads
    ax.set_xlabel("段落比例 (share of paragraphs)")
    ax.set_ylabel("部分 (part)")
    ax.set_title(title)
    ax.legend(loc="center left", bbox_to_anchor=(1, 0.5))
    return fig


def plot_density(density: pd.DataFrame, title: str = "程式化表述密度与词表比例"):
    """Scatter of formulaic-token share against the lexicon ratio, one point per speech."""
    fig, ax = plt.subplots(figsize=(5, 4))
    ax.scatter(density["lexicon_ratio"], density["formulaic_share"], s=12, alpha=0.7)
    ax.set_xlabel("词表比例 (lexicon ratio)")
    ax.set_ylabel("程式化词语比例 (formulaic share)")
    ax.set_title(title)
    return fig
