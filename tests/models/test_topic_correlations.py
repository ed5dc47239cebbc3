"""topic_correlations: stm's simple rule, graphical-lasso partial correlations, and the network figure."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from models.effect_stub import fitted_model

from speechtopics.models.topic_correlations import plot_topic_network, topic_correlations


def planted_shares(n=300, seed=0):
    """Topics 1 and 2 rise together; 3 and 4 rise together (and the two pairs trade off)."""
    rng = np.random.default_rng(seed)
    a = rng.normal(size=n)
    eta = np.column_stack([a, a, -a, -a, np.zeros(n)]) + 0.5 * rng.normal(size=(n, 5))
    theta = np.exp(eta) / np.exp(eta).sum(axis=1, keepdims=True)
    return pd.DataFrame(theta, columns=[f"topic_{t}" for t in range(1, 6)])


class _Shares:
    k, labels_ = 5, ["甲", "乙", "丙", "丁", "戊"]


def test_simple_matches_pearson_and_cutoff():
    shares = planted_shares()
    r = topic_correlations(_Shares(), shares=shares)
    np.testing.assert_allclose(r.matrix.to_numpy(), shares.corr().to_numpy(), atol=1e-12)
    assert list(r.matrix.index) == [1, 2, 3, 4, 5]
    edges = r.edges()
    assert {(1, 2), (3, 4)} <= set(zip(edges["topic_a"], edges["topic_b"]))
    assert (edges["weight"] > 0.01).all() and (1, 3) not in set(zip(edges["topic_a"], edges["topic_b"]))
    assert len(topic_correlations(_Shares(), shares=shares, cutoff=0.99).edges()) == 0


def graph_shares(n=400, k=8, seed=0):
    """Logistic-normal shares whose logits have a sparse precision: edges 1-2 and 3-4 only."""
    rng = np.random.default_rng(seed)
    prec = np.eye(k)
    prec[0, 1] = prec[1, 0] = prec[2, 3] = prec[3, 2] = -0.6
    eta = rng.multivariate_normal(np.zeros(k), np.linalg.inv(prec), size=n)
    theta = np.exp(eta) / np.exp(eta).sum(axis=1, keepdims=True)
    return pd.DataFrame(theta, columns=[f"topic_{t}" for t in range(1, k + 1)])


class _Eight:
    k, labels_ = 8, list("abcdefgh")


def test_glasso_partial_correlations_find_the_planted_graph():
    r = topic_correlations(_Eight(), "glasso", shares=graph_shares())
    assert r.alpha == pytest.approx(np.sqrt(np.log(8) / 400))
    m = r.matrix.to_numpy()
    np.testing.assert_allclose(m, m.T, atol=1e-6)
    assert set(zip(r.edges()["topic_a"], r.edges()["topic_b"])) == {(1, 2), (3, 4)}
    heavy = topic_correlations(_Eight(), "glasso", shares=graph_shares(), alpha=0.5)
    assert heavy.alpha == 0.5 and len(heavy.edges()) <= len(r.edges())


def test_on_a_fitted_model_and_the_figure():
    m = fitted_model()
    r = topic_correlations(m)
    assert r.matrix.shape == (3, 3) and r.labels == m.labels_
    fig = plot_topic_network(r)
    assert len(fig.axes[0].lines) == len(r.edges())
    assert any(m.labels_[0] in t.get_text() for t in fig.axes[0].texts)
    plt.close(fig)
    with pytest.raises(ValueError, match="method"):
        topic_correlations(m, "huge")
