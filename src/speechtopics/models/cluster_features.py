"""What speeches are clustered on: the policy and rhetoric representations of :func:`speechtopics.cluster`.

This module owns turning a corpus's segmented records into matrices, one row per speech:

* :func:`lda_shares` -- policy by LDA: one gensim LDA on the corpus's content-token units per seed,
  speech shares as the token-weighted mean of its units' shares, then ``sqrt`` (Euclidean distance
  between rows is then the Hellinger distance between the speeches' topic distributions, up to √2);
  :func:`lda_roots` gives those shares with each fit's top words (:func:`topic_words_table`), and
  :func:`run_roots` the same of LDA runs fitted already (``Project.speech_clusters``), so the
  ``topic_t`` features of a clustering can be read as words;
* :func:`embedding_vectors` -- policy by embedding: the configured embedding route's vectors
  (:func:`speechtopics.models.embeddings.embed_texts`) without the stance block, L2-normalised;
* :func:`rhetoric_features` -- the rhetoric stage's per-speech features in named groups
  (:data:`RHETORIC_GROUPS`), each column standardised and each group scaled to equal total variance;
* :func:`unit_variance` -- a block scaled to total variance 1, so that blocks can be weighted 1:1.
"""

from __future__ import annotations

import warnings
from dataclasses import replace

import numpy as np
import pandas as pd

from speechtopics.rhetoric.address import ADDRESS_CLASSES, address_table

#: The rhetoric stage's per-speech features, by group (:func:`rhetoric_features`). Each group gets the
#: same total variance, so none counts more for having more columns.
RHETORIC_GROUPS: dict[str, tuple[str, ...]] = {
    "moves": ("move_achievement", "move_problem", "move_deployment", "move_mobilisation",
              "move_alignment", "move_other"),
    "opening_closing": ("has_opening", "has_closing", "share_opening", "share_closing"),
    "structure": ("log_sections", "log_subsections", "depth"),
    "formulas": ("formulaic_share", "formulas_per_1k", "lexicon_ratio"),
    "address": tuple(ADDRESS_CLASSES),
}


def standardise(x: np.ndarray) -> np.ndarray:
    """Column z-scores (population SD); constant columns become 0."""
    x = np.asarray(x, dtype=np.float64)
    sd = x.std(axis=0)
    return (x - x.mean(axis=0)) / np.where(sd > 0, sd, 1.0)


def unit_variance(x: np.ndarray) -> np.ndarray:
    """``x`` centred and scaled so that the sum of its column variances is 1 (0 stays 0)."""
    x = np.asarray(x, dtype=np.float64)
    x = x - x.mean(axis=0)
    total = float(x.var(axis=0).sum())
    return x / np.sqrt(total) if total > 0 else x


def content_units(records: list[dict], corpus_cfg):
    """The corpus's LDA units, dictionary and bags of words (:func:`speechtopics.stages.build_corpus`)."""
    from speechtopics.stages import build_corpus

    return build_corpus(records, corpus_cfg)


def lda_shares(built: dict, doc_ids: list[str], topics: int, lda_cfg, seeds: list[int]) -> list[np.ndarray]:
    """Speech topic shares (rows ``doc_ids``) of one LDA fit per seed, square-rooted.

    A speech with no unit left after the vocabulary filter has no row in ``built``; callers drop it
    first (``doc_ids`` are the speeches that have units). :func:`lda_roots` gives each fit's words too.
    """
    return lda_roots(built, doc_ids, topics, lda_cfg, seeds)[1]


def lda_roots(built: dict, doc_ids: list[str], topics: int, lda_cfg,
              seeds: list[int]) -> tuple[list[str], list[np.ndarray], list[pd.DataFrame]]:
    """One LDA fit per seed on ``built``'s units: ``(doc_ids, roots, words)``, the ``roots`` argument of
    :func:`speechtopics.models.speech_clusters.partition`.

    Parameters
    ----------
    built : dict
        ``units``, ``bow`` and ``dictionary`` (:func:`content_units`).
    doc_ids : list of str
        The speeches to give shares of, each with a unit in ``built``.
    topics : int
        Topics of each fit.
    lda_cfg : LdaConfig
        The fits' settings (:func:`speechtopics.models.lda.fit_lda`).
    seeds : list of int
        One fit per seed.

    Returns
    -------
    doc_ids : list of str
        As given.
    roots : list of ndarray
        Per seed the speeches' topic shares (rows ``doc_ids``), square-rooted.
    words : list of DataFrame
        Per seed its topics' words (:func:`topic_words_table`); topic ``t`` is column ``t - 1`` of
        the seed's shares.
    """
    from speechtopics.models.lda import document_topics, fit_lda

    roots, words = [], []
    for s in seeds:
        model = fit_lda(built["bow"], built["dictionary"], topics, lda_cfg, s)
        roots.append(speech_roots(built["units"], document_topics(model, built["bow"]), doc_ids)[1])
        words.append(topic_words_table(model.get_topics(), built["dictionary"]))
    return list(doc_ids), roots, words


def run_roots(units, runs, dictionary) -> tuple[list[str], list[np.ndarray], list[pd.DataFrame]]:
    """:func:`lda_roots` of LDA runs fitted already (:class:`~speechtopics.models.lda.LdaRun`, an
    iterable used one at a time, each with ``theta`` over ``units``): the speeches are those of the
    units, in first-seen order; ``dictionary`` is the one the runs were fitted with."""
    doc_ids, roots, words = None, [], []
    for run in runs:
        doc_ids, root = speech_roots(units, run.theta, doc_ids)
        roots.append(root)
        words.append(topic_words_table(run.topic_word, dictionary))
    return doc_ids or [], roots, words


def speech_roots(units, theta: np.ndarray, doc_ids: list[str] | None = None) -> tuple[list[str], np.ndarray]:
    """``doc_ids`` (None: every speech of ``units``, in first-seen order) and the square roots of their
    shares: the token-weighted mean of their units' rows of ``theta``
    (:func:`speechtopics.corpus.aggregate_to_docs`)."""
    from speechtopics.corpus import aggregate_to_docs

    ids, shares = aggregate_to_docs(units, theta)
    doc_ids = ids if doc_ids is None else list(doc_ids)
    pos = {d: i for i, d in enumerate(ids)}
    return doc_ids, np.sqrt(np.clip(shares[[pos[d] for d in doc_ids]], 0, None))


def topic_words_table(topic_word: np.ndarray, dictionary, n: int = 10) -> pd.DataFrame:
    """``topic, rank, word, prob``: each topic's ``n`` most probable words (topics numbered 1, 2, ... as
    the ``topic_<t>`` features; ties broken by word, :func:`speechtopics.models.lda.top_words`;
    ``prob`` rounded to 6 decimals).

    Examples
    --------
    >>> tw = np.array([[0.7, 0.2, 0.1], [0.1, 0.3, 0.6]])
    >>> topic_words_table(tw, ["改革", "开放", "扶贫"], 2).values.tolist()
    [[1, 1, '改革', 0.7], [1, 2, '开放', 0.2], [2, 1, '扶贫', 0.6], [2, 2, '开放', 0.3]]
    """
    from speechtopics.models.lda import top_words

    rows = [(t + 1, r + 1, w, round(p, 6)) for t, ws in enumerate(top_words(topic_word, dictionary, n))
            for r, (w, p) in enumerate(ws)]
    return pd.DataFrame(rows, columns=["topic", "rank", "word", "prob"])


def embedding_vectors(texts: list[str], tokens: list[list[str]], config, seeds: list[int]) -> list[np.ndarray]:
    """The configured embedding route's vectors of ``texts`` under each seed, without the stance block.

    A pretrained encoder (``embeddings.vectorizer: encoder``) fits nothing and draws nothing: it encodes
    the texts once, and every seed gets those vectors (the seeds then differ in k-means' starts only)."""
    from speechtopics.models.embeddings import embed_texts
    from speechtopics.models.embedding_options import EmbeddingConfig

    ecfg = replace(getattr(config, "embeddings", None) or EmbeddingConfig(), stance_weight=0.0)
    out = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", category=FutureWarning)
        for s in seeds:
            if out and ecfg.vectorizer == "encoder":
                out.append(out[0])
                continue
            X, _ = embed_texts(texts, ecfg, s, segment_cfg=getattr(config, "segment", None), tokens=tokens)
            norms = np.linalg.norm(X, axis=1, keepdims=True)
            out.append(X / np.where(norms > 0, norms, 1.0))
    return out


def rhetoric_table(records: list[dict], config) -> pd.DataFrame:
    """The rhetoric stage's raw features of each record (rows ``doc_id`` in record order, the columns
    of :data:`RHETORIC_GROUPS`): move shares, opening and closing forms, numbered structure, formula
    and stock-phrase density, and the forms of address it uses (:mod:`speechtopics.rhetoric.address`)."""
    from speechtopics.rhetoric.analysis import Rhetoric, moves_table, structure_table
    from speechtopics.rhetoric.cluster import move_shares
    from speechtopics.rhetoric.density import density_table

    rh = Rhetoric.from_config(config)
    ids = [r["doc_id"] for r in records]
    moves = move_shares(moves_table(records, rh)).reindex(ids).fillna(0.0)
    struct = structure_table(records, rh).set_index("doc_id").reindex(ids)
    dens = density_table(records, rh.cues).set_index("doc_id").reindex(ids)
    table = pd.DataFrame(index=pd.Index(ids, name="doc_id"))
    for col in RHETORIC_GROUPS["moves"]:
        table[col] = moves[col] if col in moves else 0.0
    for col in ("has_opening", "has_closing", "share_opening", "share_closing", "depth"):
        table[col] = struct[col].astype(float)
    table["log_sections"] = np.log1p(struct["n_sections"].astype(float))
    table["log_subsections"] = np.log1p(struct["n_subsections"].astype(float))
    for col in RHETORIC_GROUPS["formulas"]:
        table[col] = dens[col].astype(float)
    address = address_table(records).set_index("doc_id").reindex(ids)
    for col in RHETORIC_GROUPS["address"]:
        table[col] = address[col].astype(float)
    columns = [c for cols in RHETORIC_GROUPS.values() for c in cols]
    return table[columns].fillna(0.0)


def rhetoric_features(table: pd.DataFrame) -> np.ndarray:
    """The clustering matrix of a :func:`rhetoric_table`: every column standardised, then each group of
    :data:`RHETORIC_GROUPS` divided by the square root of its number of non-constant columns, so every
    group has total variance 1 (a constant group contributes 0)."""
    blocks = []
    for cols in RHETORIC_GROUPS.values():
        z = standardise(table[list(cols)].to_numpy(dtype=float))
        live = int((z.std(axis=0) > 0).sum())
        blocks.append(z / np.sqrt(live) if live else z)
    return np.hstack(blocks)


def smd_table(values: pd.DataFrame, labels: np.ndarray) -> pd.DataFrame:
    """Standardised mean difference of each column between each cluster and the rest:
    ``(mean_in - mean_out) / pooled SD`` (Cohen's d; 0 where the pooled SD is 0; none, NaN, for a
    cluster of one speech, which has no spread of its own). Long format:
    ``cluster, feature, mean_in, mean_out, smd``, by cluster then descending ``|smd|``."""
    x = values.to_numpy(dtype=float)
    rows = []
    for c in sorted(set(labels.tolist())):
        inside, outside = x[labels == c], x[labels != c]
        if len(outside) == 0:
            continue
        n1, n0 = len(inside), len(outside)
        v1 = inside.var(axis=0, ddof=1) if n1 > 1 else np.zeros(x.shape[1])
        v0 = outside.var(axis=0, ddof=1) if n0 > 1 else np.zeros(x.shape[1])
        pooled = np.sqrt(((n1 - 1) * v1 + (n0 - 1) * v0) / max(n1 + n0 - 2, 1))
        diff = inside.mean(axis=0) - outside.mean(axis=0)
        smd = np.where(pooled > 0, diff / np.where(pooled > 0, pooled, 1.0), 0.0) if n1 > 1 else \
            np.full(x.shape[1], np.nan)
        for j, name in enumerate(values.columns):
            rows.append({"cluster": int(c), "feature": str(name), "mean_in": float(inside[:, j].mean()),
                         "mean_out": float(outside[:, j].mean()), "smd": float(smd[j])})
    out = pd.DataFrame(rows, columns=["cluster", "feature", "mean_in", "mean_out", "smd"])
    if out.empty:
        return out
    out["abs"] = out["smd"].abs().fillna(-1.0)  # a singleton's rows last, by feature
    out = out.sort_values(["cluster", "abs", "feature"], ascending=[True, False, True], kind="stable")
    return out.drop(columns="abs").reset_index(drop=True)
