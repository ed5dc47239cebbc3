"""Public building blocks of the report notebooks: tables and measures over a Project's results.

The bundled notebooks (and a researcher's own) import from here, from :mod:`speechtopics` and from
:mod:`speechtopics.plots` only. Every name is the stage's own implementation, re-exported, so a
table built here is the table the report writes.

Examples
--------
>>> import numpy as np
>>> from speechtopics import analysis
>>> analysis.topic_stability([np.eye(3), np.eye(3)]).round(3).tolist()
[1.0, 1.0, 1.0]
"""

from __future__ import annotations

from speechtopics.corpus import aggregate_to_docs
from speechtopics.evaluate import topic_stability
from speechtopics.models.effect_support import rows_used, supported_formula
from speechtopics.models.embedding_analysis import (
    MIN_MAP_DOCS,
    assignment_table,
    lda_agreement,
    lda_speech_clusters,
    run_table,
    word_neighbour_table,
)
from speechtopics.models.embedding_analysis import cluster_table as embedding_cluster_table
from speechtopics.models.labels import (
    frex_top_words,
    representative_passages,
    suggest_labels,
    term_frequencies,
    topic_words,
    unique_labels,
)
from speechtopics.models.lda import hierarchical_clusters, top_words
from speechtopics.models.seeded import compare_models
from speechtopics.models.sweep import RULE
from speechtopics.report.embedding_figures import save_cluster_map_html
from speechtopics.report.labels import display_label, figure_text, format_label, format_labels, gloss_table, short_label
from speechtopics.report.ldavis import prepare_gensim, save_ldavis
from speechtopics.report.overview import collection_summary, documents_frame, ledger_frame
from speechtopics.report.data_tables import save_data_table
from speechtopics.report.tables import save_table
from speechtopics.stages import CorpusTooSmall
from speechtopics.rhetoric.analysis import (
    Rhetoric,
    density_results,
    formulas_and_diffusion,
    moves_table,
    part_move_shares,
    rhetorical_clusters,
    structure_table,
    validation_table,
)
from speechtopics.report.topics import (
    cluster_table,
    model_comparison_table,
    sweep_table,
    topic_labels_table,
    topic_terms_table,
)

__all__ = [
    "CorpusTooSmall", "MIN_MAP_DOCS", "RULE", "Rhetoric", "display_label", "density_results", "formulas_and_diffusion", "moves_table", "part_move_shares",
    "rhetorical_clusters", "structure_table", "validation_table", "aggregate_to_docs", "assignment_table", "cluster_table", "collection_summary", "compare_models",
    "documents_frame", "embedding_cluster_table", "format_label", "format_labels", "hierarchical_clusters",
    "lda_agreement", "lda_speech_clusters", "ledger_frame", "model_comparison_table", "prepare_gensim",
    "representative_passages", "rows_used", "run_table", "save_cluster_map_html", "save_data_table", "save_ldavis",
    "save_table", "short_label", "figure_text", "gloss_table", "suggest_labels", "supported_formula", "frex_top_words", "unique_labels", "sweep_table", "term_frequencies", "top_words", "topic_labels_table",
    "topic_stability", "topic_terms_table", "topic_words", "word_neighbour_table",
]
