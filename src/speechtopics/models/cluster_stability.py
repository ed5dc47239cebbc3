"""K-means on a fixed representation, agreement across seeds, cluster recurrence and the rule that chooses k.

This module owns the partition side of :func:`speechtopics.cluster`: :func:`kmeans_labels` (seeded
k-means, labels renumbered by size), :func:`medoid_run` (of several runs, the partition that agrees most
with the others), :func:`pairwise_ari` (mean adjusted Rand index between runs), :func:`recurrence`
(Hennig's clusterwise stability: each cluster's mean best Jaccard similarity in the other runs) and
:func:`choose_k` (the k rule over bootstrap resamples of one representation). Nothing here fits a topic
model: it works on matrices.
"""

from __future__ import annotations

from itertools import combinations

import numpy as np
import pandas as pd

#: k-means initialisations per fit (best inertia wins); fixed, not a setting.
N_INIT = 10
#: Bootstrap resamples per candidate k of :func:`choose_k`.
N_RESAMPLES = 20
#: :func:`choose_k` takes the largest k whose resample stability is within this of the best.
K_TOLERANCE = 0.05
#: A cluster whose mean best Jaccard across the other runs is this or below does not recur
#: (Hennig 2007; fpc::clusterboot: below 0.5 a cluster "dissolves").
RECUR_THRESHOLD = 0.5


def kmeans_labels(x: np.ndarray, k: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Seeded k-means (``N_INIT`` inits): labels renumbered 0, 1, ... by decreasing size, and the centres
    in that order."""
    from sklearn.cluster import KMeans

    from speechtopics.models.cluster import renumber_by_size

    km = KMeans(n_clusters=min(k, len(x)), n_init=N_INIT, random_state=seed).fit(x)
    labels = renumber_by_size(km.labels_)
    centres = np.vstack([x[labels == c].mean(axis=0) for c in range(labels.max() + 1)])
    return labels, centres


def pairwise_ari(runs: list[np.ndarray]) -> float:
    """Mean adjusted Rand index over all pairs of runs (1.0 for a single run)."""
    from sklearn.metrics import adjusted_rand_score

    pairs = list(combinations(range(len(runs)), 2))
    if not pairs:
        return 1.0
    return float(np.mean([adjusted_rand_score(runs[i], runs[j]) for i, j in pairs]))


def medoid_run(runs: list[np.ndarray]) -> int:
    """Index of the run whose mean ARI with the other runs is highest (ties: the first)."""
    from sklearn.metrics import adjusted_rand_score

    if len(runs) < 2:
        return 0
    scores = [np.mean([adjusted_rand_score(a, b) for j, b in enumerate(runs) if j != i])
              for i, a in enumerate(runs)]
    return int(np.argmax(scores))


def jaccard_best(members: np.ndarray, other: np.ndarray) -> float:
    """Best Jaccard similarity of the index set ``members`` with any cluster of the labelling ``other``."""
    inside = np.zeros(len(other), dtype=bool)
    inside[members] = True
    best = 0.0
    for c in np.unique(other):
        theirs = other == c
        union = np.logical_or(inside, theirs).sum()
        best = max(best, float(np.logical_and(inside, theirs).sum() / union) if union else 0.0)
    return best


def recurrence(labels: np.ndarray, others: list[np.ndarray]) -> pd.DataFrame:
    """Per cluster of ``labels``: size, mean best Jaccard in the ``others`` runs, and ``recurs``
    (mean above :data:`RECUR_THRESHOLD`; true when there are no other runs to compare)."""
    rows = []
    for c in sorted(set(labels.tolist())):
        members = np.flatnonzero(labels == c)
        jac = [jaccard_best(members, o) for o in others]
        mean = float(np.mean(jac)) if jac else 1.0
        rows.append({"cluster": int(c), "n": int(len(members)), "jaccard": mean,
                     "recurs": bool(mean > RECUR_THRESHOLD)})
    return pd.DataFrame(rows, columns=["cluster", "n", "jaccard", "recurs"])


def k_max(n: int) -> int:
    """The largest k :func:`choose_k` tries: 10, or fewer so that clusters average at least 5 speeches."""
    return max(2, min(10, n // 5))


def choose_k(x: np.ndarray, seed: int, ks=None) -> tuple[int, pd.DataFrame]:
    """The k rule: the largest k whose bootstrap stability is within :data:`K_TOLERANCE` of the best.

    For each k in ``ks`` (default ``2 .. k_max(n)``; none above the number of distinct rows) the rows of
    ``x`` are clustered in full, then
    :data:`N_RESAMPLES` times on a bootstrap resample (drawn once, the same for every k, seeded); each
    resample's centres label every row (nearest centre), and k's stability is the mean adjusted Rand index
    of those labellings with the full-data one. Stability falls as k passes the number of groups the data
    support; taking the largest k close to the best keeps the rule from always answering 2.

    Returns
    -------
    (int, DataFrame)
        The chosen k, and the curve: ``k, stability, sd, chosen``.
    """
    import warnings

    from sklearn.exceptions import ConvergenceWarning
    from sklearn.metrics import adjusted_rand_score
    from threadpoolctl import threadpool_limits

    n = len(x)
    ks = list(ks) if ks is not None else list(range(2, k_max(n) + 1))
    distinct = len(np.unique(x, axis=0))  # identical rows (copies of a text): no k above their number
    ks = [k for k in ks if 2 <= k < n and k <= distinct] or [min(2, n)]
    rng = np.random.default_rng(seed)
    draws = [rng.integers(0, n, size=n) for _ in range(N_RESAMPLES)]
    rows = []
    with threadpool_limits(1), warnings.catch_warnings():  # many small fits: threads cost more than they save
        # a resample of a few speeches can hold fewer distinct rows than k: expected, not the user's to act on
        warnings.filterwarnings("ignore", category=ConvergenceWarning)
        for k in ks:
            full, _ = kmeans_labels(x, k, seed)
            scores = []
            for b, idx in enumerate(draws):
                _, centres = kmeans_labels(x[idx], k, seed + 1 + b)
                d = ((x[:, None, :] - centres[None, :, :]) ** 2).sum(-1)
                scores.append(adjusted_rand_score(full, d.argmin(axis=1)))
            rows.append({"k": k, "stability": float(np.mean(scores)), "sd": float(np.std(scores))})
    curve = pd.DataFrame(rows, columns=["k", "stability", "sd"])
    best = curve["stability"].max()
    chosen = int(curve.loc[curve["stability"] >= best - K_TOLERANCE, "k"].max())
    curve["chosen"] = curve["k"] == chosen
    return chosen, curve
