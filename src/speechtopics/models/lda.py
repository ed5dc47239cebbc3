"""LDA runs: one model at one K under one seed, its document-topic matrix and its top words.

gensim's ``LdaModel`` is used, not ``LdaMulticore``: under a fixed ``random_state`` LdaModel is exact
(the same corpus, K and seed give the same topics bit for bit), LdaMulticore is not, and on 2 cores it
is no faster (see STACK.md measurements).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace

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


def fit_lda(bow, dictionary, k: int, cfg: LdaConfig, seed: int, eta=None) -> LdaModel:
    """Fit gensim LdaModel deterministically (single process, fixed random_state)."""
    id2word = {i: dictionary[i] for i in range(len(dictionary))}
    alpha = cfg.alpha if cfg.alpha in ("auto", "symmetric", "asymmetric") else float(cfg.alpha)
    if eta is None:
        eta = cfg.eta if cfg.eta in ("auto", "symmetric") else float(cfg.eta)
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
    """Fit one model and return it with theta, topic-word matrix and wall time."""
    start = time.perf_counter()
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
    return _renumber(raw), z


def speech_cluster_table(units: list[dict], theta: np.ndarray, n_clusters: int):
    """Speech clusters of a unit-level model: unit shares aggregated to speeches (token-weighted), then
    :func:`hierarchical_clusters`. Returns a DataFrame ``doc_id, cluster`` (0-based), speeches in
    :func:`~speechtopics.corpus.aggregate_to_docs` order."""
    import pandas as pd

    from speechtopics.corpus import aggregate_to_docs

    doc_ids, theta_docs = aggregate_to_docs(units, theta)
    labels, _ = hierarchical_clusters(theta_docs, n_clusters)
    return pd.DataFrame({"doc_id": list(doc_ids), "cluster": labels.astype(int)})


def speech_clusters(config):
    """The policy clusters of the speeches, as notebook 02 reports them.

    Parameters
    ----------
    config : Config or path
        The run config (a path is loaded).

    Returns
    -------
    pandas.DataFrame
        ``doc_id, cluster`` (0-based; ``lda.n_clusters`` clusters): average-linkage clustering on
        Jensen-Shannon distance of the speech topic mixtures of the reported model (the sweep's K when
        ``lda.choose_k``, the config seed). Cached by the :class:`~speechtopics.pipeline.Pipeline`;
        ``dict(zip(t.doc_id, t.cluster))`` gives the ``doc_id -> cluster`` mapping.
    """
    from speechtopics.pipeline import Pipeline

    return Pipeline(config).speech_clusters()


def _renumber(labels) -> np.ndarray:
    order: dict = {}
    return np.array([order.setdefault(v, len(order)) for v in labels], dtype=int)


def cluster_mixtures(thetas, k: int, random_state: int, n_neighbors: int = 15) -> np.ndarray:
    """``k`` groups of documents from one or more topic-mixture matrices (rows = documents).

    Each matrix is mapped to its Hellinger embedding (square roots of the shares: Euclidean distance
    there is the Hellinger distance between mixtures) and the embeddings of runs under different seeds
    are placed side by side, so two documents are close only if they are close under every seed.
    Spectral clustering on the symmetric ``n_neighbors`` nearest-neighbour graph (seeded) then cuts
    that graph into ``k`` groups: unlike k-means on the mixtures it follows groups that are not round
    and is not pulled apart by a few long documents (on the Hebei department set NMI 0.45-0.49 against
    0.30-0.44 for k-means). Labels are numbered by first appearance.
    """
    from sklearn.cluster import KMeans, SpectralClustering

    thetas = [thetas] if isinstance(thetas, np.ndarray) else list(thetas)
    x = np.hstack([np.sqrt(np.clip(t, 0, None)) for t in thetas]) / np.sqrt(len(thetas))
    k = min(k, len(x))
    if len(x) <= n_neighbors + 1:  # too few documents for a neighbour graph
        return _renumber(KMeans(n_clusters=k, n_init=20, random_state=random_state).fit(x).labels_)
    sc = SpectralClustering(n_clusters=k, affinity="nearest_neighbors", n_neighbors=n_neighbors,
                            random_state=random_state, n_init=20).fit(x)
    return _renumber(sc.labels_)


# ---- the general clustering command --------------------------------------------------------------
def prepare_texts(texts, cfg=None) -> list[list[str]]:
    """Content token lists for ``cluster_texts``: light normalisation (markup, traditional ->
    simplified, full-width -> ASCII, whitespace), then the configured segmenter; formulaic tokens are
    kept, since genre and register (讲话 vs 解读 vs 新闻) live in them as much as topic does."""
    from speechtopics.segment import segment_texts

    seg_cfg = getattr(cfg, "segment", None)
    return [s["tokens"] + s["formulaic_tokens"] for s in segment_texts(_normalise(texts), seg_cfg)]


def register_tokens(texts) -> list[list[str]]:
    """Every word of each normalised text, function words and punctuation included (the register
    layer of :func:`cluster_tokens`; the embedding route's :func:`~speechtopics.models.embeddings.word_tokens`)."""
    from speechtopics.models.embeddings import word_tokens

    return word_tokens(_normalise(texts))


def _normalise(texts) -> list[str]:
    from speechtopics.clean.normalize import (fullwidth_to_ascii, normalise_whitespace, strip_markup,
                                              to_simplified)

    return [normalise_whitespace(fullwidth_to_ascii(to_simplified(strip_markup(str(t or ""))))) for t in texts]


def _topic_grid(n: int) -> list[int]:
    return sorted({max(2, round(n * f)) for f in (0.5, 1.0, 1.5)})


def cluster_tokens(token_lists, k: int, seed: int, cfg: LdaConfig | None = None,
                   register=None) -> tuple[np.ndarray, list]:
    """``k`` groups of token lists by LDA (more topics than groups) and clustering of the mixtures.

    A model with exactly ``k`` topics and argmax assignment would tie each group to one topic, and
    topics of one run are neither the only nor the most stable partition of a corpus. Instead an
    ensemble of LDA models is fitted and their document mixtures are clustered together into ``k``
    groups by :func:`cluster_mixtures` (seeded spectral clustering of Hellinger embeddings):

    * content layer (``token_lists``): ``cfg.cluster_topics`` topics (0: ``max(4k, 20)``) and half
      and one and a half times as many, each under ``cfg.cluster_seeds`` seeds;
    * register layer (``register``, every word with function words and punctuation, restricted to the
      ``cfg.cluster_register_terms`` most frequent): ``cfg.cluster_register_topics`` topics and the
      same grid around it. Genre (讲话 / 解读 / 新闻) is register more than topic, and an LDA over
      substantive tokens alone does not see it; pooling runs over K and seeds also damps the
      seed-to-seed swings of any single run's mixtures (see ``benchmarks/validate_clusters.py``).

    Seeds are ``seed, seed + 1, ...``; fits run in ``cfg.n_jobs`` processes (each exact).
    Returns ``(labels, runs)``.
    """
    from joblib import Parallel, delayed

    from speechtopics.corpus import CorpusConfig, build_dictionary, to_bow

    cfg = cfg or LdaConfig()
    fit_cfg = replace(cfg, passes=cfg.cluster_passes, iterations=cfg.cluster_iterations)
    n = len(token_lists)
    layers = [([list(t) for t in token_lists], CorpusConfig(no_below=max(2, min(5, n // 100)), no_above=0.5),
               _topic_grid(cfg.cluster_topics or max(4 * k, 20)))]
    if register is not None and cfg.cluster_register_terms > 0:
        layers.append(([list(t) for t in register], CorpusConfig(no_below=2, no_above=1.0,
                                                                 keep_n=cfg.cluster_register_terms),
                       _topic_grid(cfg.cluster_register_topics)))
    jobs = []
    for docs, ccfg, grid in layers:
        dictionary = build_dictionary(docs, ccfg)
        bow = to_bow(dictionary, docs)
        jobs += [(bow, dictionary, nt, seed + s) for nt in grid for s in range(max(1, cfg.cluster_seeds))]
    runs = Parallel(n_jobs=max(1, min(cfg.n_jobs, len(jobs))), backend="loky")(
        delayed(run_lda)(bow, d, nt, fit_cfg, s) for bow, d, nt, s in jobs)
    return cluster_mixtures([r.theta for r in runs], k, seed), runs


def cluster_texts(texts, k: int, seed: int, cfg=None) -> np.ndarray:
    """Cluster raw texts into ``k`` groups with LDA (see :func:`cluster_tokens`).

    Parameters
    ----------
    texts : list of str
        Already-clean texts (light normalisation is applied here).
    k : int
        Number of groups.
    seed : int
        The one random seed.
    cfg : Config, optional
        The run config (its ``segment`` and ``lda`` slices are used); defaults when omitted.

    Returns
    -------
    numpy.ndarray
        One integer label per text.
    """
    lda_cfg = getattr(cfg, "lda", None) or LdaConfig()
    register = register_tokens(texts) if lda_cfg.cluster_register_terms > 0 else None
    labels, _ = cluster_tokens(prepare_texts(texts, cfg), k, seed, lda_cfg, register=register)
    return labels
