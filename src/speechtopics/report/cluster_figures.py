"""Figures of the speech clusters (:func:`speechtopics.cluster`): the k rule's curve. Each returns a Figure."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from speechtopics.report import style  # noqa: F401  (applies the one style and the CJK font)
from speechtopics.report.labels import LabelMode, figure_text


def plot_cluster_k(curve: pd.DataFrame, tolerance: float = 0.05, lang: LabelMode = "zh"):
    """Bootstrap stability (mean ARI with the full-data clustering, bars = 1 sd, cut at ARI's maximum
    of 1) against k; the band of ``tolerance`` below the best shaded and the chosen k (the largest k in
    the band) marked.

    ``curve`` is :attr:`SpeechClusters.k_curve <speechtopics.models.speech_clusters.SpeechClusters>`
    (columns ``k, stability, sd, chosen``) or the ``cluster`` result itself; ``lang`` (``report.labels``:
    ``zh``, ``en`` or ``both``) is the language of the axis labels.
    """
    if hasattr(curve, "k_curve"):  # the SpeechClusters result itself
        curve = curve.k_curve
    if curve is None:
        raise ValueError("plot_cluster_k: this clustering was given its k, so the k rule drew no curve; "
                         "cluster with k=None to see it")
    fig, ax = plt.subplots(figsize=(5, 3))
    upper = np.minimum(curve["sd"], 1.0 - curve["stability"])  # an ARI is at most 1
    ax.errorbar(curve["k"], curve["stability"], yerr=[curve["sd"], upper], marker="o", ms=4, lw=1, capsize=2,
                color="#4C72B0")
    best = float(curve["stability"].max())
    ax.axhspan(best - tolerance, best, color="#4C72B0", alpha=0.12, lw=0)
    chosen = curve.loc[curve["chosen"], "k"]
    if len(chosen):
        ax.axvline(int(chosen.iloc[0]), color="#C44E52", lw=0.8, ls="--")
    ax.set_xlabel(figure_text("聚类数 k", "k (clusters)", lang, both="聚类数 k (clusters)"))
    ax.set_ylabel(figure_text("稳定性（ARI，自助法）", "stability (ARI, bootstrap)", lang,
                              both="稳定性 stability (ARI, bootstrap)"))
    ax.set_xticks(list(curve["k"]))
    fig.tight_layout()
    return fig
