"""The report's figures, public: each function returns a matplotlib Figure and never saves it.

Importing this module applies the one figure style and registers the bundled CJK font with matplotlib
(``import speechtopics`` alone changes no matplotlib setting). Save with
:func:`speechtopics.save_figure` (PNG + PDF, fixed metadata, registered for the appendix).

Examples
--------
>>> import numpy as np
>>> from speechtopics import plots
>>> fig = plots.plot_stability(np.array([0.9, 0.4]), ["经济·发展", "党·干部"], threshold=0.5)
>>> type(fig).__name__
'Figure'
"""

from __future__ import annotations

from speechtopics.report.effect_figures import plot_effect
from speechtopics.report.specification_figures import plot_specification_curve
from speechtopics.report.effect_panels import plot_effect_grid, plot_specification_curves
from speechtopics.report.cluster_figures import plot_cluster_k
from speechtopics.report.embedding_figures import cluster_map_html, plot_cluster_map
from speechtopics.report.figures import plot_corpus_overview, plot_top_words
from speechtopics.report.lda_figures import (
    plot_dendrogram,
    plot_doc_topic_heatmap,
    plot_model_comparison,
    plot_stability,
    plot_sweep,
    plot_topic_trends,
)
from speechtopics.report.network_figures import plot_topic_network
from speechtopics.report.style import apply_style, save_figure
from speechtopics.rhetoric.plots import plot_density, plot_diffusion, plot_move_profile
from speechtopics.rhetoric.plots import plot_dendrogram as plot_rhetoric_dendrogram

__all__ = [
    "apply_style", "cluster_map_html", "plot_cluster_k", "plot_cluster_map", "plot_corpus_overview", "plot_dendrogram",
    "plot_density", "plot_diffusion", "plot_doc_topic_heatmap", "plot_effect", "plot_effect_grid",
    "plot_model_comparison",
    "plot_move_profile", "plot_rhetoric_dendrogram", "plot_specification_curve", "plot_specification_curves", "plot_stability", "plot_sweep",
    "plot_top_words", "plot_topic_network", "plot_topic_trends", "save_figure",
]
