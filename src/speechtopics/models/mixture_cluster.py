"""Clustering of topic mixtures into K groups: the second half of the ``cluster --method lda`` route.

This module owns how documents' topic mixtures (one or more blocks, each the mixtures of several LDA
runs) become groups: the Hellinger features of the blocks (:func:`hellinger_blocks`), the seeded
spectral cut (:func:`cluster_mixtures`), the scalar columns gated by what the first cut explains
(:func:`gated_column`, :func:`length_column`) and the choice of the neighbourhood size by stability
across halves of the seeds (:func:`choose_neighbors`). It knows nothing of tokens or LDA fitting
(:mod:`speechtopics.models.lda_cluster` fits the runs).
"""

from __future__ import annotations

import numpy as np

from speechtopics.models.lda import renumber


def hellinger_blocks(thetas, weight: float = 1.0) -> np.ndarray:
    """Square-rooted topic mixtures side by side, scaled so the block has squared norm ``weight**2``
    per document: Euclidean distance there is ``weight`` times the root-mean-square Hellinger
    distance over the runs (two documents are close only if close under every run)."""
    thetas = [thetas] if isinstance(thetas, np.ndarray) else list(thetas)
    return weight * np.hstack([np.sqrt(np.clip(t, 0, None)) for t in thetas]) / np.sqrt(len(thetas))


def cluster_mixtures(thetas, k: int, random_state: int, n_neighbors: int = 15,
                     weights=None, lengths=None, length_weight: float = 0.0,
                     rates=None, rate_weight: float = 0.0) -> np.ndarray:
    """``k`` groups of documents from one or more groups of topic-mixture matrices (rows = documents).

    ``thetas`` is one matrix, a list of matrices (one block) or a list of such lists (several
    blocks, e.g. content and register, whole text and opening); each block is mapped to
    :func:`hellinger_blocks` with its weight in ``weights`` (default 1) and the blocks are concatenated.
    Spectral clustering on the symmetric ``n_neighbors`` nearest-neighbour graph (seeded) then cuts
    that graph into ``k`` groups: unlike k-means on the mixtures it follows groups that are not round
    and is not pulled apart by a few long documents (tuning halves of ``benchmarks/validate_clusters.py``:
    Hebei departments NMI 0.66 against 0.51-0.55 for spherical k-means best of 20 on the same
    blocks; genres 0.71 for both). Labels are numbered by first appearance.

    With ``lengths`` (one count per document) and ``length_weight > 0``, or ``rates`` (one row of
    register rates per document, :func:`~speechtopics.models.text_features.voice_rates`) and ``rate_weight > 0``, the cut is made
    twice: the second time with the log lengths and each rate as one more column
    (:func:`gated_column`), each weighted by how far the groups of the first cut already differ in it.
    """
    columns = _scalar_columns(lengths, length_weight, rates, rate_weight)
    return _cut_with_columns(_features(thetas, weights), k, random_state, n_neighbors, columns)


def _scalar_columns(lengths, length_weight: float, rates, rate_weight: float) -> list:
    """``(values, weight)`` pairs for :func:`_cut_with_columns`: log lengths, then each rate column."""
    columns = []
    if lengths is not None and length_weight > 0:
        columns.append((np.log1p(np.asarray(lengths, dtype=float)), length_weight))
    if rates is not None and rate_weight > 0:
        rates = np.asarray(rates, dtype=float)
        rates = rates[:, None] if rates.ndim == 1 else rates
        columns += [(rates[:, j], rate_weight) for j in range(rates.shape[1])]
    return columns


def _features(thetas, weights=None) -> np.ndarray:
    """The weighted :func:`hellinger_blocks` of :func:`cluster_mixtures`'s blocks, side by side."""
    if isinstance(thetas, np.ndarray) or (len(thetas) and isinstance(thetas[0], np.ndarray)):
        thetas = [thetas]
    weights = list(weights) if weights is not None else [1.0] * len(thetas)
    return np.hstack([hellinger_blocks(b, w) for b, w in zip(thetas, weights) if w > 0])


def _cut_with_columns(x: np.ndarray, k: int, random_state: int, n_neighbors: int, columns=()) -> np.ndarray:
    """:func:`_cut` of ``x``, then again with each of ``columns`` (``(values, weight)`` pairs)
    appended as a :func:`gated_column` of the first cut's groups, when there are any."""
    labels = _cut(x, k, random_state, n_neighbors)
    if not columns:
        return labels
    extra = [gated_column(values, labels, weight)[:, None] for values, weight in columns]
    return _cut(np.hstack([x, *extra]), k, random_state, n_neighbors)


def _cut(x: np.ndarray, k: int, random_state: int, n_neighbors: int) -> np.ndarray:
    """Seeded spectral clustering of the rows of ``x`` (k-means when too few rows for a graph)."""
    from sklearn.cluster import KMeans, SpectralClustering

    k = min(k, len(x))
    if len(x) <= n_neighbors + 1:  # too few documents for a neighbour graph
        return renumber(KMeans(n_clusters=k, n_init=20, random_state=random_state).fit(x).labels_)
    sc = SpectralClustering(n_clusters=k, affinity="nearest_neighbors", n_neighbors=n_neighbors,
                            random_state=random_state, n_init=20).fit(x)
    return renumber(sc.labels_)


def explained_share(values, labels) -> float:
    """Share of the variance of ``values`` that lies between the groups of ``labels`` (eta squared;
    0 when ``values`` do not vary)."""
    values, labels = np.asarray(values, dtype=float), np.asarray(labels)
    total = float(np.square(values - values.mean()).sum())
    if total <= 0:
        return 0.0
    between = sum((labels == c).sum() * (values[labels == c].mean() - values.mean()) ** 2
                  for c in np.unique(labels))
    return float(between / total)


def gated_column(values, labels, weight: float) -> np.ndarray:
    """``values`` standardised, scaled by ``weight`` times the share of their variance that the groups
    ``labels`` already explain (:func:`explained_share`); zeros when they do not vary.

    A scalar the words do not show (length, how often a text speaks in its own first person) counts
    where the groups found from the words already differ in it, and settles the documents whose words
    are ambiguous; where the groups do not differ in it, it all but vanishes.
    """
    z = np.asarray(values, dtype=float)
    sd = z.std()
    if sd <= 0:
        return np.zeros_like(z)
    z = (z - z.mean()) / sd
    return weight * explained_share(z, labels) * z


def length_column(lengths, labels, weight: float) -> np.ndarray:
    """Documents' log lengths as a :func:`gated_column` of the groups ``labels``.

    Length is a register signal in some corpora (news items short, speeches long, interpretations in
    between: 57 % of the log-length variance of the proxy genre set lies between its genres) and noise
    in others (4 % between the Hebei departments). The groups found from the words decide which: where
    they differ in length the column counts and settles the documents whose words are ambiguous; where
    they do not, it all but vanishes (departments: about 0.08 of ``weight``; genres: 0.5-0.6).
    """
    return gated_column(np.log1p(np.asarray(lengths, dtype=float)), labels, weight)


#: Complementary halves of an ensemble's seeds: seed ``i`` is in the first half of a split when
#: ``i & mask`` has an even number of bits (for 7 seeds: {0,1,2,3}, {0,2,4,6}, {0,1,4,5}, {0,3,5,6}).
SEED_SPLIT_MASKS: tuple[int, ...] = (4, 1, 2, 7)


def seed_halves(n_seeds: int) -> list[frozenset]:
    """The first halves of the :data:`SEED_SPLIT_MASKS` splits of ``range(n_seeds)`` (one-sided
    splits, which fewer than 2 seeds or a mask above the seeds' bits give, are left out)."""
    halves = []
    for mask in SEED_SPLIT_MASKS:
        first = frozenset(i for i in range(n_seeds) if bin(i & mask).count("1") % 2 == 0)
        if 0 < len(first) < n_seeds and first not in halves:
            halves.append(first)
    return halves


def choose_neighbors(thetas, k: int, random_state: int, n_seeds: int, candidates, weights=None,
                     lengths=None, length_weight: float = 0.0, rates=None,
                     rate_weight: float = 0.0) -> tuple[int, dict]:
    """The neighbourhood size whose cut is most reproducible across independent halves of the ensemble.

    ``thetas`` are :func:`cluster_mixtures` blocks, each a list of the mixtures of every run, run ``j``
    fitted under seed number ``j % n_seeds`` (the order :func:`~speechtopics.models.lda_cluster.cluster_tokens` fits them in). For
    each candidate the runs of each half of the seeds (:func:`seed_halves`) are cut apart, the two
    cuts compared by the adjusted Rand index, and the mean over the splits is the candidate's
    stability; the most stable wins (ties: the earlier candidate). Clustering stability (Ben-Hur et
    al. 2002; Lange et al. 2004) asks the data which cut it supports instead of fixing one graph for
    every corpus: a sparse graph follows groups with sub-groups of their own, and cuts coarse groups
    that span many topics along a topic (see :func:`~speechtopics.models.lda_cluster.cluster_tokens`).

    Returns
    -------
    (int, dict)
        The chosen size, and each candidate's stability.
    """
    from sklearn.metrics import adjusted_rand_score

    candidates = [candidates] if isinstance(candidates, int) else list(candidates)
    halves = seed_halves(n_seeds)
    if len(candidates) == 1 or not halves:
        return candidates[0], {}

    def features(half, side):
        return _features([[t for j, t in enumerate(block) if (j % n_seeds in half) == side] for block in thetas],
                         weights)

    pairs = [(features(half, True), features(half, False)) for half in halves]  # the same for every size
    columns = _scalar_columns(lengths, length_weight, rates, rate_weight)
    stability = {}
    for nn in candidates:
        scores = [adjusted_rand_score(*(_cut_with_columns(x, k, random_state, nn, columns) for x in pair))
                  for pair in pairs]
        stability[nn] = float(np.mean(scores))
    return max(candidates, key=lambda nn: stability[nn]), stability
