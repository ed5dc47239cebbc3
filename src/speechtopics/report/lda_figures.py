"""Figures of the LDA analysis: criteria against K, topic stability, speech x topic heatmap, topic
shares over years, the speech dendrogram and seeded vs unseeded models. Each returns a Figure."""

from __future__ import annotations

import re
import warnings
from collections.abc import Sequence

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.ticker import MaxNLocator

from speechtopics.report import style  # noqa: F401  (applies the one style and the CJK font)
from speechtopics.report.effect_figures import document_gaps, shade_gaps
from speechtopics.report.labels import LabelMode, figure_text

_LABELS = {"c_v": "c_v", "c_npmi": "c_npmi", "c_v_heldout": "c_v (held-out)",
           "c_npmi_heldout": "c_npmi (held-out)", "heldout_coverage": "top words seen in held-out units", "u_mass": "u_mass", "perplexity": "held-out perplexity",
           "diversity": "topic diversity", "exclusivity": "exclusivity (FREX)", "stability": "stability"}
#: The criteria in Chinese (``report.labels: zh``); the measures' own abbreviations kept.
_LABELS_ZH = {"c_v": "语义一致性 c_v", "c_npmi": "语义一致性 c_npmi", "c_v_heldout": "语义一致性 c_v（留出集）",
              "c_npmi_heldout": "语义一致性 c_npmi（留出集）", "heldout_coverage": "主题词在留出单元中的覆盖率",
              "u_mass": "语义一致性 u_mass", "perplexity": "留出集困惑度", "diversity": "主题多样性",
              "exclusivity": "排他性 (FREX)", "stability": "稳定性"}


def criterion_text(name: str, lang: LabelMode = "zh") -> str:
    """The name of a model-selection criterion (a column of the sweep summary) in a figure; a name with no
    description is drawn as it is.

    Examples
    --------
    >>> criterion_text("perplexity", "en"), criterion_text("stability")
    ('held-out perplexity', '稳定性')
    """
    if name not in _LABELS:
        return figure_text(name, name, lang, both=name)
    return figure_text(_LABELS_ZH[name], _LABELS[name], lang,
                       both=_LABELS_ZH[name] if _LABELS[name] in _LABELS_ZH[name] else None)


#: The suffix that tells two documents of one name apart: （2020-10-24） or （1a2b3c4d5e6f）.
_TELLS_APART = re.compile(r"（(?:\d{4}-\d{2}-\d{2}|[0-9a-f]{12})）$")


def clip(label, width: int) -> str:
    """``label`` as text of at most ``width`` characters, ``…`` marking a cut; a final date or id that
    tells two documents of one name apart is kept whole, the cut made before it.

    Examples
    --------
    >>> clip("在纪念中国人民志愿军抗美援朝出国作战70周年大会上的讲话（2020-10-24）", 24)
    '在纪念中国人民志愿军抗…（2020-10-24）'
    """
    text = str(label)
    if len(text) <= width:
        return text
    tail = _TELLS_APART.search(text)
    if tail and width > len(tail.group(0)) + 4:
        head = text[: tail.start()]
        return head[: width - len(tail.group(0)) - 1].rstrip() + "…" + tail.group(0)
    return text[: width - 1].rstrip() + "…"


def plot_sweep(summary: pd.DataFrame, best_k: int | None = None, stability_threshold: float | None = None,
               lang: LabelMode = "zh"):
    """One small panel per criterion against K (mean over seeds, bars = 1 sd); the chosen K marked.

    With the rule's columns (``score``, ``score_se``: :data:`speechtopics.models.sweep.RULE`) a last
    panel draws the score of the admissible Ks with its standard error and the line one SE below the
    best, the rule's cut; ``stability_threshold`` draws the admissibility line on the stability panel.
    ``summary`` is ``select_k(...).summary_`` or the result of ``select_k`` itself. ``lang``
    (``report.labels``: ``zh``, ``en`` or ``both``) is the language of the panel titles and axis labels.
    """
    if hasattr(summary, "summary_"):  # the LdaSweep select_k returns
        best_k = summary.best_k_ if best_k is None else best_k
        summary = summary.summary_
    crits = [c for c in _LABELS if c in summary]
    if "score" in summary and summary["score"].notna().any():
        crits.append("score")
    n_cols = 3
    n_rows = int(np.ceil(len(crits) / n_cols))
    fig, axes = plt.subplots(n_rows, n_cols, figsize=(3.2 * n_cols, 2.3 * n_rows), squeeze=False)
    for ax, c in zip(axes.flat, crits):
        sd = summary["score_se" if c == "score" else f"{c}_sd"] if (c == "score" or f"{c}_sd" in summary) else None
        ax.errorbar(summary["k"], summary[c], yerr=sd, marker="o", ms=3, lw=1, capsize=2, color="#4C72B0")
        if best_k is not None:
            ax.axvline(best_k, color="#C44E52", lw=0.8, ls=":")
        if c == "score":
            top = summary.loc[summary["score"].idxmax()]
            ax.axhline(top["score"] - top["score_se"], color="grey", lw=0.8, ls="--")
        if c == "stability" and stability_threshold is not None:
            ax.axhline(stability_threshold, color="grey", lw=0.8, ls="--")
        if c == "score":
            title = figure_text("选择规则得分（可接受的 K；虚线：最优值 − 1 SE）",
                                "rule's score (admissible K; dashed: best − 1 SE)", lang)
        else:
            title = criterion_text(c, lang)
            if c == "stability" and stability_threshold is not None:
                title = figure_text(_LABELS_ZH[c] + "（虚线以上为可接受）", _LABELS[c] + " (dashed: admissible above)",
                                    lang)
        ax.set_title(title, fontsize=8)
        ax.set_xlabel(figure_text("主题数 K", "K", lang))
        ax.set_xticks(list(summary["k"]))
    for ax in list(axes.flat)[len(crits):]:
        ax.axis("off")
    fig.tight_layout()
    return fig


def plot_stability(stability: np.ndarray, labels: Sequence[str], threshold: float, lang: LabelMode = "zh"):
    """Per-topic stability (mean matched similarity across seeds); unstable topics in red with a dagger.

    ``lang`` (``report.labels``) is the language of the axis label (``zh``, ``both``: Chinese and English;
    ``en``: English); topic labels are drawn as given."""
    k = len(stability)
    if len(labels) < k:
        raise ValueError(f"plot_stability: {len(labels)} labels for {k} topics")
    fig, ax = plt.subplots(figsize=(6, 0.28 * k + 1))
    colors = ["#C44E52" if s < threshold else "#4C72B0" for s in stability]
    ax.barh(range(k), stability, color=colors)
    ax.set_yticks(range(k), [f"{t + 1} {labels[t]}" + (" †" if stability[t] < threshold else "")
                             for t in range(k)])
    ax.invert_yaxis()
    ax.axvline(threshold, color="grey", lw=0.8, ls="--")
    ax.set_xlim(0, 1)
    ax.set_xlabel(figure_text("稳定性 stability (1 − JS distance, matched across seeds)",
                              "stability (1 − JS distance, matched across seeds)", lang))
    fig.tight_layout()
    return fig


def plot_doc_topic_heatmap(theta_docs: np.ndarray, doc_labels: Sequence[str], topic_labels: Sequence[str],
                           order: Sequence[int] | None = None, max_docs: int = 80, lang: LabelMode = "zh"):
    """Speech x topic shares as a heatmap.

    Parameters
    ----------
    theta_docs : numpy.ndarray
        ``(n_speeches, k)`` topic shares.
    doc_labels, topic_labels : sequence of str
        A name per speech (row of ``theta_docs``) and per topic.
    order : sequence of int, optional
        The rows in drawing order (e.g. dendrogram leaf order; default: as given).
    max_docs : int
        Most speeches drawn: the first ``max_docs`` of ``order``. When speeches are cut, a warning and
        the figure's title say how many of how many are shown (pass ``len(theta_docs)`` to draw all).
    lang : {"zh", "en", "both"}
        ``report.labels``: the language of the title and colour bar; names are drawn as given.

    Returns
    -------
    matplotlib.figure.Figure
    """
    order = list(order) if order is not None else list(range(len(theta_docs)))
    total = len(order)
    order = order[:max_docs]
    if len(order) < total:
        warnings.warn(f"plot_doc_topic_heatmap: {len(order)} of {total} speeches drawn (max_docs={max_docs}); "
                      f"pass max_docs={total} to draw all", UserWarning, stacklevel=2)
    m = theta_docs[order]
    fig, ax = plt.subplots(figsize=(0.35 * m.shape[1] + 3, 0.14 * len(order) + 1.5))
    if len(order) < total:
        ax.set_title(figure_text(f"共 {total} 篇讲话，显示前 {len(order)} 篇",
                                 f"first {len(order)} of {total} speeches", lang), fontsize=7)
    im = ax.imshow(m, aspect="auto", cmap="Blues", vmin=0, vmax=max(float(m.max()), 1e-9))
    ax.set_xticks(range(m.shape[1]), [f"{t + 1} {clip(lab, 14)}" for t, lab in enumerate(topic_labels)],
                  rotation=90, fontsize=6)
    ax.set_yticks(range(len(order)), [clip(doc_labels[i], 24) for i in order], fontsize=5)
    fig.colorbar(im, ax=ax, fraction=0.03, label=figure_text("主题比例", "topic share", lang))
    fig.tight_layout()
    return fig


def plot_topic_trends(shares_by_year: pd.DataFrame, topic_labels: Sequence[str], n_cols: int = 4,
                      flagged: Sequence[bool] | None = None, lang: LabelMode = "zh"):
    """Mean topic share per year (rows = years, columns = topics), one small panel per topic.

    A dot per year with documents; the line is broken, and the span shaded, where the years jump by
    more than a tenth of their range (:func:`~speechtopics.report.effect_figures.document_gaps`), so
    no trend is drawn through years without a document. ``lang`` (``report.labels``) is the language of
    the title; topic labels are drawn as given.
    """
    k = shares_by_year.shape[1]
    n_rows = int(np.ceil(k / n_cols))
    fig, axes = plt.subplots(n_rows, n_cols, figsize=(2.6 * n_cols, 1.8 * n_rows + 0.4), squeeze=False,
                             sharex=True)
    years = shares_by_year.index.to_numpy(dtype=float)
    breaks = [hi for _, hi in document_gaps(years)]
    gaps = False
    for t, ax in enumerate(axes.flat):
        if t >= k:
            ax.axis("off")
            continue
        y = shares_by_year.iloc[:, t].to_numpy(dtype=float)
        at = np.searchsorted(years, breaks)
        ax.plot(np.insert(years, at, np.nan), np.insert(y, at, np.nan), lw=1, color="#4C72B0",
                marker="o", ms=1.5)
        gaps = shade_gaps(ax, years)
        title = f"{t + 1} {clip(topic_labels[t], 12)}" + (" †" if flagged is not None and flagged[t] else "")
        ax.set_title(title, fontsize=7)
        ax.tick_params(labelsize=6)
        if np.all(years == np.round(years)):  # whole years: no tick at 2013.5
            ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    zh, en = "各年份文档的平均主题比例", "Mean topic share of each year's documents"
    if gaps:
        zh, en = zh + "；灰色：无文档", en + "; grey: no documents"
    fig.suptitle(figure_text(zh, en, lang), fontsize=8)
    fig.tight_layout()
    return fig


def plot_dendrogram(linkage: np.ndarray, labels: Sequence[str], n_clusters: int, lang: LabelMode = "zh"):
    """Dendrogram of speeches (average linkage, Jensen-Shannon distance), leaves labelled with titles,
    the first leaf at the top (as the first row of :func:`plot_doc_topic_heatmap` in leaf order),
    coloured by the cut into ``n_clusters`` groups; ``lang`` (``report.labels``) is the language of the
    axis label."""
    from scipy.cluster.hierarchy import dendrogram

    n = len(labels)
    fig, ax = plt.subplots(figsize=(8, 0.13 * n + 1.5))
    if len(linkage):
        cut = linkage[-(n_clusters - 1), 2] if n_clusters > 1 and n_clusters <= n else None
        dendrogram(linkage, labels=[clip(lab, 28) for lab in labels], orientation="left", ax=ax,
                   color_threshold=cut, leaf_font_size=5)
        ax.invert_yaxis()  # scipy draws the first leaf at the bottom; a heatmap's first row is at the top
    ax.set_xlabel(figure_text("Jensen–Shannon 距离", "Jensen–Shannon distance", lang,
                              both="Jensen–Shannon 距离 distance"))
    fig.tight_layout()
    return fig


def plot_model_comparison(table: pd.DataFrame, metrics: Sequence[str] = ("c_npmi", "c_v", "stability"),
                          lang: LabelMode = "zh"):
    """Bars of each metric for each model (e.g. seeded vs unseeded); ``lang`` (``report.labels``) is the
    language of the panel titles (语义一致性 c_npmi, 稳定性; ``en``: the metric's name)."""
    metrics = [m for m in metrics if m in table]
    fig, axes = plt.subplots(1, len(metrics), figsize=(3 * len(metrics), 2.6), squeeze=False)
    for ax, m in zip(axes.flat, metrics):
        ax.bar(table["model"].astype(str), table[m], color=["#4C72B0", "#DD8452", "#55A868"][: len(table)])
        ax.set_title(figure_text(_LABELS_ZH.get(m, m), m, lang), fontsize=9)
        ax.tick_params(axis="x", labelsize=7)
    fig.tight_layout()
    return fig
