"""Reduction, clustering, cluster labels and agreement between routes (the BERTopic-style back half).

Owns :class:`EmbeddingClusterer` -- a reducer and a clusterer passed in as scikit-learn objects
(UMAP or PCA; spherical KMeans, agglomerative or HDBSCAN), so either can be swapped -- plus the
class-based TF-IDF and FREX labels of clusters (a kept duplicate counting with its original speech,
:func:`speech_ids`), their representative passages, and the comparison of embedding clusters with LDA
speech clusters (contingency table, nearest neighbours in both spaces; their NMI and ARI are
:func:`speechtopics.evaluate.agreement`).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, ClusterMixin
from sklearn.cluster import HDBSCAN, AgglomerativeClustering, KMeans
from sklearn.decomposition import PCA
from sklearn.preprocessing import normalize

from speechtopics.models.embedding_options import EmbeddingConfig


def renumber_by_size(labels: np.ndarray) -> np.ndarray:
    """Relabel clusters 0, 1, ... by decreasing size (ties: first appearance); -1 stays -1."""
    labels = np.asarray(labels)
    counts = Counter(int(x) for x in labels if x >= 0)
    first = {}
    for i, x in enumerate(labels):
        first.setdefault(int(x), i)
    order = sorted(counts, key=lambda c: (-counts[c], first[c]))
    mapping = {c: i for i, c in enumerate(order)}
    return np.array([mapping.get(int(x), -1) for x in labels], dtype=int)


class SphericalKMeans(ClusterMixin, BaseEstimator):
    """KMeans on L2-normalised rows (cosine geometry), best of ``n_init`` seeded inits.

    Parameters
    ----------
    n_clusters : int
    n_init : int
        Initialisations drawn from ``random_state``; the lowest inertia wins.
    random_state : int, optional
    """

    def __init__(self, n_clusters: int = 8, n_init: int = 20, random_state: int | None = None):
        self.n_clusters = n_clusters
        self.n_init = n_init
        self.random_state = random_state

    def fit(self, X, y=None):
        X = normalize(np.asarray(X, dtype=np.float64))
        km = KMeans(min(self.n_clusters, len(X)), n_init=self.n_init, random_state=self.random_state).fit(X)
        self.labels_ = renumber_by_size(km.labels_)
        self.cluster_centers_ = np.vstack([normalize(X[self.labels_ == c].mean(0, keepdims=True))
                                           for c in range(self.labels_.max() + 1)])
        self.inertia_ = float(km.inertia_)
        return self


def make_reducer(name: str, n_components: int, seed: int, n_samples: int | None = None):
    """``None`` (no reduction), :class:`~sklearn.decomposition.PCA` or seeded UMAP (cosine)."""
    if name in (None, "none"):
        return None
    if name == "pca":
        return PCA(n_components, random_state=seed)
    if name == "umap":
        import warnings

        with warnings.catch_warnings():  # umap imports tqdm.auto, which warns in a kernel without ipywidgets
            warnings.filterwarnings("ignore", message="IProgress not found")
            import umap

        nn = 15 if n_samples is None else max(2, min(15, n_samples - 1))
        return umap.UMAP(n_components=n_components, n_neighbors=nn, min_dist=0.0, metric="cosine",
                         random_state=seed, n_jobs=1)
    raise ValueError(f"embeddings.reducer: unknown {name!r}")


def make_clusterer(cfg: EmbeddingConfig, k: int, seed: int):
    """The configured clusterer: spherical KMeans, agglomerative (Ward) or HDBSCAN."""
    if cfg.clusterer == "kmeans":
        return SphericalKMeans(k, n_init=cfg.n_init, random_state=seed)
    if cfg.clusterer == "agglomerative":
        return AgglomerativeClustering(k, linkage="ward")
    if cfg.clusterer == "hdbscan":
        return HDBSCAN(min_cluster_size=cfg.min_cluster_size, copy=True)
    raise ValueError(f"embeddings.clusterer: unknown {cfg.clusterer!r}")


class EmbeddingClusterer(ClusterMixin, BaseEstimator):
    """Reduce, then cluster: both steps are scikit-learn objects passed in.

    Parameters
    ----------
    clusterer : estimator with ``fit`` and ``labels_``
    reducer : estimator with ``fit_transform``, optional
        None clusters the vectors as they are.
    """

    def __init__(self, clusterer=None, reducer=None):
        self.clusterer = clusterer
        self.reducer = reducer

    @classmethod
    def from_config(cls, cfg: EmbeddingConfig, k: int, seed: int, n_samples: int | None = None):
        """The configured pipeline (``reducer``, ``clusterer``) at ``k`` clusters, seeded."""
        reducer = make_reducer(cfg.reducer, cfg.reduce_dim, seed, n_samples)
        return cls(make_clusterer(cfg, k, seed), reducer)

    def fit(self, X, y=None):
        X = np.asarray(X, dtype=np.float64)
        if self.reducer is not None and hasattr(self.reducer, "n_neighbors"):
            self.reducer.set_params(n_neighbors=max(2, min(self.reducer.n_neighbors, len(X) - 1)))
        self.embedding_ = self.reducer.fit_transform(X) if self.reducer is not None else X
        self.labels_ = renumber_by_size(self.clusterer.fit(self.embedding_).labels_)
        return self


# ---- labels and passages ------------------------------------------------------------------------
def class_tfidf(token_lists: Sequence[Sequence[str]], labels: Sequence[int], top_n: int = 10
                ) -> dict[int, list[tuple[str, float]]]:
    """Top words of each cluster by class-based TF-IDF (BERTopic's c-TF-IDF).

    Each cluster's documents are joined into one; a word's weight is its frequency in the cluster
    (normalised by the cluster's length) times ``log(1 + A / f)``, A the mean words per cluster and f
    the word's frequency over all clusters. Ties break alphabetically so the output is stable.
    """
    classes = sorted({int(c) for c in labels if c >= 0})
    counts = {c: Counter() for c in classes}
    for toks, c in zip(token_lists, labels):
        if c >= 0:
            counts[int(c)].update(toks)
    total = Counter()
    for cnt in counts.values():
        total.update(cnt)
    avg = sum(total.values()) / max(len(classes), 1)
    out = {}
    for c in classes:
        n = sum(counts[c].values()) or 1
        scored = [(w, (f / n) * np.log(1 + avg / total[w])) for w, f in counts[c].items()]
        out[c] = sorted(scored, key=lambda x: (-x[1], x[0]))[:top_n]
    return out


#: The reason clean gives a kept copy of another kept document (``clean.duplicates: keep``, the default):
#: ``kept: exact duplicate of <doc_id>`` or ``kept: near duplicate of <doc_id>``.
COPY_REASON = re.compile(r"^kept: (?:exact|near) duplicate of (.+)$")


def speech_ids(records: Sequence[dict]) -> list[str]:
    """The speech each record is: the ``doc_id`` of the document it is a kept copy of (its ``reason``,
    :data:`COPY_REASON`; followed to the first copy when a copy's original is itself a copy), else its own.

    Examples
    --------
    >>> speech_ids([{"doc_id": "a", "reason": ""}, {"doc_id": "b", "reason": "kept: near duplicate of a"},
    ...             {"doc_id": "c"}])
    ['a', 'a', 'c']
    """
    parent = {}
    for r in records:
        match = COPY_REASON.match(str(r.get("reason") or ""))
        parent[r["doc_id"]] = match.group(1) if match else r["doc_id"]
    out = []
    for r in records:
        seen, d = {r["doc_id"]}, parent[r["doc_id"]]
        while parent.get(d, d) != d and parent[d] not in seen:  # a copy of a copy; never loop
            seen.add(d)
            d = parent[d]
        out.append(d)
    return out


def class_frex(token_lists: Sequence[Sequence[str]], labels: Sequence[int], top_n: int = 10,
               weight: float = 0.5, min_docs: int = 2, speeches: Sequence | None = None
               ) -> dict[int, list[tuple[str, float]]]:
    """Top words of each cluster by FREX over the clusters (:func:`speechtopics.evaluate.frex`: the
    harmonic mean of a word's exclusivity and frequency ranks, after stm's, without its James-Stein
    shrinkage of exclusivity; ``weight`` is the weight of exclusivity).

    c-TF-IDF (:func:`class_tfidf`) ranks a word high wherever it is frequent, so clusters of one corpus
    of speeches share labels (中国·发展·合作 twice); FREX weighs how frequent a word is in the cluster
    against how exclusive to it it is, the score the LDA route labels topics with
    (:func:`speechtopics.evaluate.frex`). Only words in at least ``min_docs`` documents *of the
    cluster* compete for its label (all of them in a cluster smaller than that), so that one speech's
    name, typo or topic (节能诊断 144 times in one document) does not label its cluster. Ties break
    alphabetically.

    ``speeches`` (one id per document, e.g. :func:`speech_ids`) says which documents are one speech: a
    kept duplicate (clean's ``duplicates: keep``) counts with its original, so a speech published twice
    is one speech toward ``min_docs`` (and toward the cluster's size), not two. Default: every
    document its own speech. A word's frequency still counts every document's tokens.

    Returns
    -------
    dict
        Cluster -> ``[(word, score), ...]`` best first (noise, -1, left out).
    """
    from speechtopics.evaluate import frex

    labels = np.asarray(labels)
    speeches = list(range(len(token_lists))) if speeches is None else list(speeches)
    if len(speeches) != len(token_lists):
        raise ValueError(f"speeches has {len(speeches)} ids for {len(token_lists)} documents")
    classes = sorted({int(c) for c in labels.tolist() if c >= 0})
    holders, in_cluster = defaultdict(set), defaultdict(set)  # the speeches holding a word (in a cluster)
    for toks, c, sp in zip(token_lists, labels, speeches):
        if c >= 0:
            for w in set(toks):
                holders[w].add(sp)
                in_cluster[(int(c), w)].add(sp)
    vocab = sorted(w for w, held in holders.items() if len(held) >= min_docs)
    if not classes or not vocab:
        return {c: [] for c in classes}
    index = {w: j for j, w in enumerate(vocab)}
    counts = np.zeros((len(classes), len(vocab)))
    row = {c: i for i, c in enumerate(classes)}
    for toks, c in zip(token_lists, labels):
        if c >= 0:
            for w in toks:
                if w in index:
                    counts[row[int(c)], index[w]] += 1
    docs = np.array([[len(in_cluster.get((c, w), ())) for w in vocab] for c in classes], dtype=np.int64)
    size = {c: len({sp for sp, lab in zip(speeches, labels.tolist()) if lab == c}) for c in classes}
    beta = counts / np.maximum(counts.sum(axis=1, keepdims=True), 1)
    scores = frex(beta, weight)
    out = {}
    for c, i in row.items():
        present = np.flatnonzero(docs[i] >= min(min_docs, size[c]))  # vocab sorted: stable ties alphabetical
        best = present[np.argsort(-scores[i, present], kind="stable")][:top_n]
        out[c] = [(vocab[j], float(scores[i, j])) for j in best]
    return out


def representative(X: np.ndarray, labels: Sequence[int], n: int = 3) -> dict[int, list[int]]:
    """Indices of the ``n`` items nearest (cosine) to each cluster's mean vector."""
    X, labels = normalize(np.asarray(X, dtype=np.float64)), np.asarray(labels)
    out = {}
    for c in sorted({int(c) for c in labels if c >= 0}):
        idx = np.flatnonzero(labels == c)
        centre = normalize(X[idx].mean(0, keepdims=True))[0]
        sims = X[idx] @ centre
        out[c] = [int(idx[j]) for j in np.lexsort((idx, -sims))[:n]]
    return out


# ---- agreement between routes (NMI and ARI: :func:`speechtopics.evaluate.agreement`) ---------------
def contingency(labels_a: Sequence, labels_b: Sequence, name_a: str = "embedding",
                name_b: str = "lda") -> pd.DataFrame:
    """Counts of items per (cluster in a, cluster in b); rows a, columns b, a flat table."""
    tab = pd.crosstab(pd.Series(list(labels_a), name=name_a), pd.Series(list(labels_b), name=name_b))
    tab.columns = [f"{name_b} {c}" for c in tab.columns]
    return tab.reset_index()


def nearest_neighbours(X: np.ndarray, n: int = 5, metric: str = "cosine") -> np.ndarray:
    """Indices of each row's ``n`` nearest other rows (cosine, or Hellinger for topic shares)."""
    X = np.asarray(X, dtype=np.float64)
    if metric == "hellinger":
        R = np.sqrt(np.clip(X, 0, None))
        sim = -(np.square(R[:, None, :] - R[None, :, :]).sum(-1))
    else:
        Xn = normalize(X)
        sim = Xn @ Xn.T
    np.fill_diagonal(sim, -np.inf)
    n = min(n, len(X) - 1)
    order = np.argsort(-sim, axis=1, kind="stable")
    return order[:, :n]


def neighbours_both(ids: Sequence[str], X_emb: np.ndarray, theta: np.ndarray, n: int = 5,
                    titles: Sequence[str] | None = None) -> pd.DataFrame:
    """For each speech, its nearest neighbours by embedding (cosine) and by LDA shares (Hellinger)."""
    titles = list(titles) if titles is not None else list(ids)
    a, b = nearest_neighbours(X_emb, n), nearest_neighbours(theta, n, metric="hellinger")
    rows = []
    for i, doc in enumerate(ids):
        rows.append({"doc_id": doc, "display_name": titles[i],
                     "embedding_neighbours": "; ".join(titles[j] for j in a[i]),
                     "lda_neighbours": "; ".join(titles[j] for j in b[i]),
                     "shared": len(set(a[i]) & set(b[i]))})
    return pd.DataFrame(rows)
