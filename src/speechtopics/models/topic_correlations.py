"""Correlations between topics across documents (R stm's ``topicCorr``), as a matrix and an edge list.

One responsibility: from a fitted model's document topic shares, estimate which topics tend to occur
together. ``method="simple"`` is stm's default: Pearson correlations of the posterior-mean shares, with an
edge where the correlation exceeds ``cutoff`` (0.01). ``method="glasso"`` estimates a sparse precision
matrix P with ``sklearn.covariance.GraphicalLasso`` on the standardised centred log-ratios of the shares
(``log theta - mean(log theta)`` per document) and reports partial correlations ``-P_ij / sqrt(P_ii P_jj)``.
Penalty rule: ``alpha`` when given, else ``alpha = sqrt(log(k) / n)`` (the usual rate for the graphical
lasso with k variables and n documents). Not cross-validated: the shares sum to one (their log-ratios to
zero), so the covariance is singular, and ``GraphicalLassoCV`` keeps picking the smallest penalty, where
every partial correlation tends to -1 (measured on planted data: all about -0.9). Even with the rule the
closure pulls every partial correlation down (by roughly 1/(k-1)); read the positive entries. Edges are
the entries above ``cutoff`` (positive ones, as stm draws them).
The figure is ``speechtopics.report.network_figures.plot_topic_network`` (re-exported here).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from speechtopics.report.network_figures import plot_topic_network

__all__ = ["TopicCorrelations", "topic_correlations", "plot_topic_network"]
METHODS = ("simple", "glasso")


@dataclass
class TopicCorrelations:
    """Topic-by-topic (partial) correlations.

    Attributes
    ----------
    matrix : pandas.DataFrame
        ``k x k``, index and columns the 1-based topic ids.
    method : str
    cutoff : float
        Edges are entries above it.
    alpha : float or None
        The graphical-lasso penalty used (None for ``simple``).
    labels : list of str
        Topic labels, ``labels[t - 1]`` for topic t.
    """

    matrix: pd.DataFrame
    method: str
    cutoff: float
    alpha: float | None = None
    labels: list = field(default_factory=list)

    def edges(self, positive_only: bool = True) -> pd.DataFrame:
        """Topic pairs joined by an edge: ``topic_a < topic_b``, ``weight`` the (partial) correlation.

        ``positive_only=False`` also lists pairs whose value is below ``-cutoff``.
        """
        m = self.matrix.to_numpy()
        ids = list(self.matrix.index)
        rows = []
        for i in range(len(ids)):
            for j in range(i + 1, len(ids)):
                w = m[i, j]
                if w > self.cutoff or (not positive_only and w < -self.cutoff):
                    rows.append((ids[i], ids[j], float(w)))
        return pd.DataFrame(rows, columns=["topic_a", "topic_b", "weight"])


def topic_correlations(model, method: str = "simple", *, cutoff: float = 0.01, alpha: float | None = None,
                       shares: pd.DataFrame | None = None) -> TopicCorrelations:
    """Correlations of document topic shares (stm's ``topicCorr``).

    Parameters
    ----------
    model : fitted topic model
        Needs ``k``, ``labels_`` and ``document_topics()`` (columns ``topic_1 ... topic_k``).
    method : {"simple", "glasso"}
    cutoff : float
        Edge threshold (stm's ``cutoff``, default 0.01).
    alpha : float, optional
        Graphical-lasso penalty; default ``sqrt(log(k) / n_documents)`` (see the module docstring).
    shares : pandas.DataFrame, optional
        Use these ``topic_*`` columns instead of ``model.document_topics()``.

    Returns
    -------
    TopicCorrelations

    Examples
    --------
    >>> from speechtopics import topic_correlations
    >>> from speechtopics.models.effect_simulation import simulate_corpus, fit_stand_in
    >>> m = fit_stand_in(simulate_corpus(n_docs=60, doc_len=30, seed=4), k=3, seed=4, passes=3)
    >>> r = topic_correlations(m)
    >>> r.matrix.shape, list(r.edges().columns)
    ((3, 3), ['topic_a', 'topic_b', 'weight'])
    """
    if method not in METHODS:
        raise ValueError(f"method={method!r} is not allowed; use one of {', '.join(map(repr, METHODS))}")
    k = int(model.k)
    shares = model.document_topics() if shares is None else shares
    cols = [f"topic_{t}" for t in range(1, k + 1)]
    x = shares[cols].to_numpy(dtype=float)
    ids = pd.Index(range(1, k + 1), name="topic")
    labels = list(getattr(model, "labels_", None) or [f"Topic {t}" for t in ids])
    if method == "simple":
        with np.errstate(invalid="ignore", divide="ignore"):
            corr = np.corrcoef(x, rowvar=False)
        return TopicCorrelations(pd.DataFrame(corr, index=ids, columns=ids), method, cutoff, None, labels)
    from sklearn.covariance import GraphicalLasso

    logs = np.log(np.maximum(x, 1e-12))
    clr = logs - logs.mean(axis=1, keepdims=True)
    sd = clr.std(axis=0)
    z = (clr - clr.mean(axis=0)) / np.where(sd > 0, sd, 1.0)
    used = float(np.sqrt(np.log(k) / len(z))) if alpha is None else float(alpha)
    p = GraphicalLasso(alpha=used, max_iter=500).fit(z).precision_
    d = np.sqrt(np.diag(p))
    partial = -p / np.outer(d, d)
    np.fill_diagonal(partial, 1.0)
    return TopicCorrelations(pd.DataFrame(partial, index=ids, columns=ids), method, cutoff, used, labels)
