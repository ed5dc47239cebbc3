"""Figures of the rhetoric layer. Each function returns a matplotlib Figure and never saves it.

Their fixed text (titles, axis labels, move and part names) follows ``lang``, the config's
``report.labels`` (``zh``: as drawn by default; ``en``: English only; ``both``: Chinese and English)."""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from scipy.cluster.hierarchy import dendrogram

from speechtopics.report.labels import LabelMode, figure_text


def plot_diffusion(matrix: pd.DataFrame, first_years: pd.Series | None = None, title: str | None = None,
                   lang: LabelMode = "zh"):
    """Formula-by-year heat map of the documents citing each formula: rows formulas (ordered by first
    appearance), columns years; grey columns are years without any dated document.

    Parameters
    ----------
    matrix : DataFrame
        Output of :func:`speechtopics.rhetoric.formulas.year_matrix`.
    first_years : Series, optional
        ``formula -> first year``, to order rows.
    title : str, optional
        The title (default 提法的扩散 / Diffusion of formulas, per ``lang``).
    lang : {"zh", "en", "both"}
        Language of the fixed text (``report.labels``); formulas are drawn as written.
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
    ax.set_xlabel(figure_text("年份", "year", lang))
    ax.set_title(figure_text("提法的扩散", "Diffusion of formulas", lang) if title is None else title)
    fig.colorbar(im, ax=ax, label=figure_text(
        "log(1 + 引用的文档数)；灰：该年无文档", "log(1 + documents citing it); grey: a year without documents",
        lang, both="log(1 + 引用的文档数 documents citing it)；灰 grey：该年无文档 a year without documents"))
    return fig


def plot_dendrogram(linkage_matrix: np.ndarray, labels: Sequence[str], n_clusters: int,
                    title: str | None = None, lang: LabelMode = "zh"):
    """Dendrogram of speeches by rhetorical profile, coloured at the cut into ``n_clusters``.

    ``title`` defaults to 讲话的修辞画像聚类 / Speeches clustered by rhetorical profile, per ``lang``
    (``report.labels``: zh, en or both), which also sets the axis label; speech names are drawn as given."""
    fig, ax = plt.subplots(figsize=(10, max(3, 0.18 * len(labels) + 1)))
    if len(labels) >= 2:
        k = min(n_clusters, len(labels))
        threshold = linkage_matrix[-(k - 1), 2] if k > 1 else 0
        dendrogram(linkage_matrix, labels=list(labels), orientation="left", ax=ax,
                   color_threshold=threshold, leaf_font_size=6)
    ax.set_title(figure_text("讲话的修辞画像聚类", "Speeches clustered by rhetorical profile", lang)
                 if title is None else title)
    ax.set_xlabel(figure_text("距离 (Ward)", "distance (Ward)", lang, both="距离 distance (Ward)"))
    return fig


#: Chinese names of the moves and parts (coding_guide.md's definitions), shown beside their ids in figures.
MOVE_NAMES = {"achievement": "成绩", "problem": "问题", "deployment": "部署", "mobilisation": "动员",
              "alignment": "看齐", "other": "其他"}
PART_NAMES = {"opening": "开头", "body": "主体", "closing": "结尾"}


def plot_move_profile(shares: pd.DataFrame, title: str | None = None, lang: LabelMode = "zh"):
    """Stacked bars: share of each move (columns) per group (rows); moves and parts are named in Chinese
    beside their ids (成绩 achievement, 开头 opening), other labels as they are. Columns ``n_paragraphs``
    and ``n_documents`` (:func:`speechtopics.analysis.part_move_shares`) are not stacked but written under
    their row's name (``开头 opening`` / ``n=6 段 · 4 篇``), so a bar resting on a few paragraphs says so.
    With ``lang="en"`` (``report.labels``) every fixed text is English (``opening`` / ``n=6 paragraphs · 4
    documents``; default title Rhetorical moves by part); ``zh`` and ``both`` draw the names as above."""
    fig, ax = plt.subplots(figsize=(7, 3.5))
    counts = [c for c in ("n_paragraphs", "n_documents") if c in shares]
    en = lang == "en"
    units = {"n_paragraphs": " paragraphs" if en else " 段", "n_documents": " documents" if en else " 篇"}

    def row_name(i):
        name = (str(i) if en else f"{PART_NAMES[i]} {i}") if i in PART_NAMES else str(i)
        if not counts:
            return name
        return name + "\nn=" + " · ".join(f"{int(shares.at[i, c]):,}{units[c]}" for c in counts)

    named = shares.drop(columns=counts).rename(
        columns=lambda c: (c if en else f"{MOVE_NAMES[c]} {c}") if c in MOVE_NAMES else c, index=row_name)
    named.plot(kind="barh", stacked=True, ax=ax, width=0.8, colormap="tab10")
    ax.invert_yaxis()  # the first row (the opening) on top, as the table reads
    ax.set_xlabel(figure_text("段落比例 (share of paragraphs)", "share of paragraphs", lang))
    ax.set_ylabel(figure_text("部分 (part)", "part", lang))
    ax.set_title(figure_text("各部分的修辞行为", "Rhetorical moves by part", lang) if title is None else title)
    ax.legend(loc="center left", bbox_to_anchor=(1, 0.5))
    return fig


def plot_density(density: pd.DataFrame, title: str | None = None, lang: LabelMode = "zh"):
    """Scatter of formulaic-token share against the lexicon ratio, one point per speech.

    ``title`` defaults to 程式化表述密度与词表比例 / Formulaic share and lexicon ratio, per ``lang``
    (``report.labels``: zh, en or both), which also sets the axis labels."""
    fig, ax = plt.subplots(figsize=(5, 4))
    ax.scatter(density["lexicon_ratio"], density["formulaic_share"], s=12, alpha=0.7)
    ax.set_xlabel(figure_text("词表比例 (lexicon ratio)", "lexicon ratio", lang))
    ax.set_ylabel(figure_text("程式化词语比例 (formulaic share)", "formulaic share", lang))
    ax.set_title(figure_text("程式化表述密度与词表比例", "Formulaic share and lexicon ratio", lang)
                 if title is None else title)
    return fig
