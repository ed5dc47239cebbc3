"""LDA runs: one model at one K under one seed, its document-topic matrix and its top words, and the
speech clusters of its topic mixtures (average linkage on Jensen-Shannon distance, labels numbered by
first appearance with :func:`renumber`).

gensim's ``LdaModel`` is used, not ``LdaMulticore``: under a fixed ``random_state`` LdaModel is exact
(the same corpus, K and seed give the same topics bit for bit), LdaMulticore is not, and on 2 cores it
is no faster (see STACK.md measurements).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np
from gensim.models import LdaModel

from speechtopics.models.options import LdaConfig


@dataclass
class LdaRun:
    """A fitted LDA model with what the report needs."""

    model: LdaModel
    k: int
    seed: int
    theta: np.ndarray  # (n_units, k) topic shares per unit, rows sum to 1
    topic_word: np.ndarray  # (k, n_terms) topic-word probabilities
    seconds: float = 0.0
    scores: dict = field(default_factory=dict)


def fit_lda(bow, dictionary, k: int, cfg: LdaConfig, seed: int, eta=None, shares: bool = False):
    """Fit LDA deterministically: gensim ``LdaModel`` in one process (``cfg.backend == "gensim"``), or the
    partitioned batch EM on ``cfg.n_jobs`` processes or the cluster at ``cfg.scheduler`` (``partitioned``;
    the same bytes for any number of workers). With ``shares`` (``partitioned`` only) the documents'
    topic shares are inferred on the same workers and returned with the model."""
    id2word = {i: dictionary[i] for i in range(len(dictionary))}
    alpha = cfg.alpha if cfg.alpha in ("auto", "symmetric", "asymmetric") else float(cfg.alpha)
    if eta is None:
        eta = cfg.eta if cfg.eta in ("auto", "symmetric") else float(cfg.eta)
    if cfg.backend == "partitioned":
        from speechtopics.models.parallel_lda import fit_lda_parallel

        return fit_lda_parallel(bow, id2word, k, passes=cfg.passes, iterations=cfg.iterations, alpha=alpha,
                                eta=eta, partition_size=cfg.partition_size, seed=seed,
                                update_every=cfg.partitions_per_update,
                                scheduler=cfg.scheduler, workers=cfg.n_jobs, shares=shares)
    return LdaModel(corpus=bow, id2word=id2word, num_topics=k, passes=cfg.passes,
                    iterations=cfg.iterations, alpha=alpha, eta=eta, chunksize=cfg.chunksize,
                    random_state=seed, eval_every=None, minimum_probability=0.0, dtype=np.float64)


def document_topics(model: LdaModel, bow) -> np.ndarray:
    """Dense (n_docs, k) matrix of topic shares; rows sum to 1."""
    theta = np.zeros((len(bow), model.num_topics))
    for i, doc in enumerate(bow):
        for t, p in model.get_document_topics(doc, minimum_probability=0.0):
            theta[i, t] = p
    theta /= np.maximum(theta.sum(axis=1, keepdims=True), 1e-12)
    return theta


def run_lda(bow, dictionary, k: int, cfg: LdaConfig, seed: int, eta=None) -> LdaRun:
    """Fit one model and return it with theta, topic-word matrix and wall time (the ``partitioned``
    backend infers theta partition by partition on its workers, the ``gensim`` one unit by unit here)."""
    start = time.perf_counter()
    if cfg.backend == "partitioned":
        model, theta = fit_lda(bow, dictionary, k, cfg, seed, eta=eta, shares=True)
    else:
        model = fit_lda(bow, dictionary, k, cfg, seed, eta=eta)
        theta = document_topics(model, bow)
    return LdaRun(model=model, k=k, seed=seed, theta=theta, topic_word=model.get_topics(),
                  seconds=time.perf_counter() - start)


def top_words(topic_word: np.ndarray, dictionary, n: int = 10) -> list[list[tuple[str, float]]]:
    """Top ``n`` (word, probability) pairs per topic, ties broken by word so order is stable."""
    out = []
    for row in topic_word:
        idx = sorted(range(len(row)), key=lambda j: (-round(float(row[j]), 12), dictionary[j]))[:n]
        out.append([(dictionary[j], float(row[j])) for j in idx])
    return out


# ---- clustering of topic mixtures ----------------------------------------------------------------
def js_distance_matrix(theta: np.ndarray) -> np.ndarray:
    """Condensed Jensen-Shannon distances (base 2) between the rows of ``theta`` (scipy ``pdist``)."""
    from scipy.spatial.distance import pdist

    t = np.asarray(theta, dtype=float)
    t = t / np.maximum(t.sum(axis=1, keepdims=True), 1e-300)
    # natural-log JS distance scaled to base 2 (scipy's pdist takes no ``base`` keyword)
    return np.nan_to_num(pdist(t, "jensenshannon")) / np.sqrt(np.log(2))


def hierarchical_clusters(theta: np.ndarray, n_clusters: int):
    """Average-linkage hierarchical clustering of topic mixtures on Jensen-Shannon distance.

    Deterministic (no random choice). Returns ``(labels, linkage)``; labels are 0-based and numbered
    by first appearance, ``linkage`` is scipy's matrix for a dendrogram.
    """
    from scipy.cluster.hierarchy import fcluster, linkage

    if len(theta) < 2:
        return np.zeros(len(theta), dtype=int), np.zeros((0, 4))
    z = linkage(js_distance_matrix(theta), method="average")
    raw = fcluster(z, t=min(n_clusters, len(theta)), criterion="maxclust")
    return renumber(raw), z


def speech_cluster_table(units: list[dict], theta: np.ndarray, n_clusters: int):
    """Speech clusters of a unit-level model: unit shares aggregated to speeches (token-weighted), then
    :func:`hierarchical_clusters`. Returns a DataFrame ``doc_id, cluster`` (0-based), speeches in
    :func:`~speechtopics.corpus.aggregate_to_docs` order."""
    import pandas as pd

    from speechtopics.corpus import aggregate_to_docs

    doc_ids, theta_docs = aggregate_to_docs(units, theta)
    labels, _ = hierarchical_clusters(theta_docs, n_clusters)
    return pd.DataFrame({"doc_id": list(doc_ids), "cluster": labels.astype(int)})


def renumber(labels) -> np.ndarray:
    """Labels renumbered 0, 1, ... by first appearance (any hashable labels in, ints out)."""
    order: dict = {}
    return np.array([order.setdefault(v, len(order)) for v in labels], dtype=int)

