"""Recovery on planted data: LDA on documents whose topic prevalence depends on known covariates.

Small and seeded (8 replications of 200 documents, K=3); the full coverage study is
``benchmarks/sim_effects.py``. True effects are on the expected-share scale, by Monte Carlo from the
generative model (``effect_simulation.true_effects``).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from speechtopics.models.effect_simulation import run_replication, simulate_corpus, true_effects


@pytest.fixture(scope="module")
def truth():
    return true_effects(simulate_corpus(n_docs=5, doc_len=5, seed=0).params, n_mc=20000)


def test_true_effects_have_the_planted_signs(truth):
    t = truth.set_index(["true_topic", "estimand"])["truth"]
    assert t[(1, "factor")] > 0.1 and t[(2, "factor")] < 0 and t[(3, "factor")] < 0
    assert t[(2, "trend")] > 0.01 and t[(3, "trend")] < -0.01 and abs(t[(1, "trend")]) < 0.005
    assert t[(3, "smooth")] > 0.1
    # shares sum to one, so the effects on all topics sum to zero
    assert abs(truth.groupby("estimand")["truth"].sum()).max() < 1e-9


def test_recovery_of_factor_and_trend(truth):
    rows = pd.concat([run_replication(seed, n_docs=200, doc_len=40, nsims=5, passes=10, truth=truth)
                      for seed in range(8)], ignore_index=True)
    assert (rows["similarity"] > 0.6).all()  # the Hungarian alignment found the planted topics
    means = rows.groupby(["estimand", "true_topic"])["estimate"].mean()
    t = truth.set_index(["estimand", "true_topic"])["truth"]
    for key in [("factor", 1), ("factor", 2), ("factor", 3), ("trend", 2), ("trend", 3)]:
        signs = np.sign(rows.query("estimand == @key[0] and true_topic == @key[1]")["estimate"])
        assert (signs == np.sign(t[key])).mean() >= 7 / 8, key
        assert abs(means[key] - t[key]) < 0.5 * abs(t[key]), (key, means[key], t[key])
    main = rows[rows["estimand"].isin(["factor", "trend"])]
    assert main["covered"].mean() >= 0.8


def test_global_uncertainty_is_wider_than_posterior_mean_on_short_documents(truth):
    rows = pd.concat([run_replication(seed, n_docs=200, doc_len=8, nsims=10, passes=10, truth=truth,
                                      uncertainty=("global", "none")) for seed in range(3)], ignore_index=True)
    rows["width"] = rows["ci_upper"] - rows["ci_lower"]
    wide = rows.pivot_table(index=["replication", "true_topic", "estimand"], columns="uncertainty",
                            values="width")
    assert (wide["global"] > wide["none"]).mean() >= 0.8
    assert wide["global"].mean() > 1.02 * wide["none"].mean()
