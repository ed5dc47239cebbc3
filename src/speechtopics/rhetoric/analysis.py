"""Orchestration of the rhetoric layer for the notebook: one call per result, all from the config.

Each function takes plain records (clean or segmented) and the config and returns DataFrames or
figures; nothing here writes files (the notebook saves through ``report.style``/``report.tables``).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from speechtopics.rhetoric import cluster, density, formulas, lda, plots, validation
from speechtopics.rhetoric.cues import MoveCues, hand_weighted, load_move_cues
from speechtopics.rhetoric.moves import classify_many
from speechtopics.rhetoric.options import RhetoricConfig
from speechtopics.rhetoric.speech import corpus_moves, corpus_structure, record_paragraphs
from speechtopics.rhetoric.structure import StructureCues, load_structure_cues


@dataclass
class Rhetoric:
    """The loaded cue files and options of one run."""

    cfg: RhetoricConfig
    seed: int
    cues: MoveCues
    scues: StructureCues

    @classmethod
    def from_config(cls, config) -> Rhetoric:
        """Build from a :class:`speechtopics.config.Config`."""
        rc = config.rhetoric
        return cls(rc, config.seed, load_move_cues(rc.cue_file), load_structure_cues(rc.structure_file))


def moves_table(records: list[dict], rh: Rhetoric) -> pd.DataFrame:
    """One row per paragraph with part, section, move and scores."""
    return pd.DataFrame(corpus_moves(records, rh.cues, rh.scues))


def structure_table(records: list[dict], rh: Rhetoric) -> pd.DataFrame:
    """One row per speech with section counts, depth and part shares."""
    return pd.DataFrame(corpus_structure(records, rh.scues))


def formulas_and_diffusion(records: list[dict], rh: Rhetoric,
                           lang: str = "zh") -> tuple[pd.DataFrame, pd.DataFrame, object]:
    """Formula counts per document, the diffusion table of the dated documents, and its figure
    (None when no formula is shared by enough dated documents, a small or undated corpus, or when the
    documents span one year: spread over time needs two years at least). ``lang`` (``report.labels``:
    zh, en or both) is the language of the figure's fixed text."""
    table = formulas.formulas_table(records, rh.cfg.slogan_min_chars, rh.cfg.slogan_max_chars)
    years = {r["doc_id"]: int(r["year"]) for r in records if str(r.get("year") or "").isdigit()}
    diff = formulas.diffusion_table(table, years, rh.cfg.diffusion_min_docs)
    top = diff.sort_values(["n_docs", "formula"], ascending=[False, True]).head(rh.cfg.diffusion_top_n)
    matrix = formulas.year_matrix(table, years, top["formula"])
    if matrix.empty or len(set(years.values())) < 2:
        return table, diff, None
    fig = plots.plot_diffusion(matrix, top.set_index("formula")["first_year"], lang=lang)
    return table, diff, fig


def density_results(records: list[dict], rh: Rhetoric, lang: str = "zh") -> tuple[pd.DataFrame, dict, object]:
    """Formula density per speech, its rank correlation with the lexicon ratio, and a scatter plot (its
    fixed text in ``lang``, ``report.labels``: zh, en or both)."""
    table = density.density_table(records, rh.cues)
    return table, density.compare_density(table), plots.plot_density(table, lang=lang)


def rhetorical_clusters(moves: pd.DataFrame, structure: pd.DataFrame, dens: pd.DataFrame, rh: Rhetoric,
                        policy: pd.DataFrame | None = None, names: dict[str, str] | None = None,
                        lang: str = "zh"):
    """Profiles, clusters, cluster means, dendrogram and (given a policy table) the cross-tabulation.

    ``names`` maps ``doc_id`` to the name the dendrogram shows (``display_name``; default the id);
    ``lang`` (``report.labels``: zh, en or both) is the language of the dendrogram's fixed text.
    """
    profile = cluster.rhetorical_profile(moves, structure, dens)
    labels, z = cluster.cluster_profiles(profile, rh.cfg.n_clusters, rh.cfg.cluster_linkage)
    fig = plots.plot_dendrogram(z, [(names or {}).get(i, i) for i in profile.index], rh.cfg.n_clusters,
                                lang=lang)
    cross = cluster.crosstab_policy(labels, policy) if policy is not None else None
    return profile, labels, cluster.describe_clusters(profile, labels), fig, cross


def validation_predictions(rh: Rhetoric, segment_cfg) -> tuple[pd.DataFrame, dict[str, list[str]]]:
    """The validation set and the methods' predictions on it (text only: no part bonus).

    ``lexicon`` is the scorer as configured (fitted weights when the cue file names them), ``lexicon_hand``
    the same cues with their hand weights only (shown when they differ), ``seeded_lda`` the seeded LDA.
    """
    from speechtopics.segment import segment_texts

    df = validation.load_validation(rh.cfg.validation_file)
    lex = classify_many(df["text"], rh.cues)
    segs = segment_texts(df["text"].tolist(), segment_cfg)
    docs = [lda.layer_tokens(s, rh.cfg.lda_layer) for s in segs]
    model, dictionary = lda.fit_seeded_lda(docs, rh.cues, rh.cfg, rh.seed)
    seeded, _ = lda.predict_moves(model, dictionary, docs, rh.cues)
    preds = {"lexicon": lex}
    if rh.cues.fitted is not None:
        preds["lexicon_hand"] = classify_many(df["text"], hand_weighted(rh.cues))
    return df, {**preds, "seeded_lda": seeded}


def validation_table(rh: Rhetoric, segment_cfg) -> pd.DataFrame:
    """Per-class precision/recall/F1 of each method on each split (tune ... heldout3) and on all."""
    df, preds = validation_predictions(rh, segment_cfg)
    return validation.evaluate(df, preds)


def part_move_shares(moves: pd.DataFrame) -> pd.DataFrame:
    """Share of each move within each part, rows in reading order: opening, body, closing.

    The last columns say what each row's shares rest on: ``n_paragraphs``, the part's paragraphs, and,
    when ``moves`` has a ``doc_id`` column, ``n_documents``, the documents with such a part (a news
    broadcast has an opening in a few documents only, so its shares may rest on a handful of paragraphs).

    Examples
    --------
    >>> moves = pd.DataFrame({"doc_id": ["a", "a", "b", "b"], "part": ["opening", "body", "body", "body"],
    ...                       "move": ["alignment", "other", "other", "achievement"]})
    >>> part_move_shares(moves)[["n_paragraphs", "n_documents"]].to_dict("index")
    {'opening': {'n_paragraphs': 1, 'n_documents': 1}, 'body': {'n_paragraphs': 3, 'n_documents': 2}}
    """
    table = pd.crosstab(moves["part"], moves["move"], normalize="index").round(4)
    table["n_paragraphs"] = moves.groupby("part").size()
    if "doc_id" in moves:
        table["n_documents"] = moves.groupby("part")["doc_id"].nunique()
    table.columns.name = "move"
    order = [p for p in ("opening", "body", "closing") if p in table.index]
    return table.loc[order + [p for p in table.index if p not in order]]


__all__ = ["Rhetoric", "moves_table", "structure_table", "formulas_and_diffusion", "density_results",
           "rhetorical_clusters", "validation_table", "part_move_shares", "record_paragraphs"]
