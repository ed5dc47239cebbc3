"""estimate_effect(uncertainty="refit"): the document bootstrap that refits the topic model.

Small and seeded (tiny planted corpora, a few refits); the coverage study is ``benchmarks/sim_effects.py``.
"""

from __future__ import annotations

import numpy as np
import pytest
from gensim.models import LdaModel
from models.effect_stub import fitted_model
from scipy import stats

from speechtopics.models.effects import estimate_effect
from speechtopics.models.topic_refits import fit_refits, refit_settings


@pytest.mark.parametrize("refits", [4, 1, 0, -3, 1001, 2.5, True, "5", None])
def test_bad_refits_are_refused_before_any_work(refits):
    # a model with nothing in it: any work would fail with AttributeError, not the ValueError
    with pytest.raises(ValueError, match="refits must be an integer from 5 to 1000"):
        estimate_effect(object(), "group", uncertainty="refit", refits=refits)
    with pytest.raises(ValueError, match="refits"):
        fit_refits(object(), refits, seed=1)


def test_refit_settings_reproduce_the_reported_model():
    m = fitted_model(n_docs=60, doc_len=20, passes=2)
    again = LdaModel(corpus=m.bow_, random_state=m.seed, **refit_settings(m.model_))
    assert np.array_equal(again.get_topics(), m.model_.get_topics())


def test_refits_are_exact_under_the_seed_and_matched():
    m = fitted_model(n_docs=60, doc_len=20, passes=2)
    a, b = fit_refits(m, 5, seed=5), fit_refits(m, 5, seed=5)
    c = fit_refits(m, 5, seed=6)
    for x, y in zip(a, b):
        assert np.array_equal(x.model.get_topics(), y.model.get_topics())
        assert np.array_equal(x.picked, y.picked) and x.draw_seed == y.draw_seed
    assert not np.array_equal(a[0].picked, c[0].picked)
    for r in a:
        assert sorted(r.match.tolist()) == [0, 1, 2]  # a permutation of the refit's topics
        assert len(r.picked) == len(m.documents_) and np.all(np.diff(r.picked) >= 0)
        assert len(np.unique(r.picked)) < len(r.picked)  # drawn with replacement
        assert len(r.units) == len(r.picked)  # one unit per document in this model


def test_same_seed_same_bytes_and_estimates_are_globals():
    m = fitted_model(n_docs=60, doc_len=20, passes=2)
    call = dict(uncertainty="refit", refits=5, nsims=2)
    a = estimate_effect(m, "~ group + year", **call)
    b = estimate_effect(m, "~ group + year", **call)
    assert a.summary().to_csv() == b.summary().to_csv()
    assert a.predict({"group": ["a", "b"]}).to_csv() == b.predict({"group": ["a", "b"]}).to_csv()
    other = estimate_effect(m, "~ group + year", seed=m.seed + 1, **call)
    assert a.summary().to_csv() != other.summary().to_csv()
    g = estimate_effect(m, "~ group + year", uncertainty="global", nsims=2)
    assert np.array_equal(a.params, g.params)  # the reported model's own fits
    s = a.summary()
    # pooled draws are centred on the reported model's estimate: equal up to Monte-Carlo error
    center = g.params.mean(axis=0).ravel()
    assert np.all(np.abs(s["estimate"].to_numpy() - center) < 4 * s["std_error"].to_numpy() / np.sqrt(1000))
    assert a.refit_similarity.shape == (5, 3) and a.settings["refits"] == 5 and g.settings["refits"] == 0
    # std_error is the bootstrap standard error; interval and p use one t with refits_used - 1 df
    df = a.settings["df_inference"]
    assert df == a.settings["refits_used"] - 1 == 4
    np.testing.assert_allclose(s["std_error"], a.bootstrap_se.ravel(), rtol=1e-12)
    q = stats.t.ppf(0.975, df)
    np.testing.assert_allclose(s["ci_upper"] - s["estimate"], q * s["std_error"], rtol=1e-10)
    assert (((s["ci_lower"] > 0) | (s["ci_upper"] < 0)) == (s["p_value"] < 0.05)).all()
    # ... and the t draws the predictions use have that scale: their 95% percentiles are about +- q SE
    spread = np.percentile(a.sims, [2.5, 97.5], axis=1)
    np.testing.assert_allclose((spread[1] - spread[0]).ravel() / 2, q * a.bootstrap_se.ravel(), rtol=0.2)


def test_refit_intervals_are_wider_than_global_on_short_documents():
    m = fitted_model(n_docs=100, doc_len=10, seed=0, passes=3)
    widths = {}
    for mode in ("global", "refit"):
        s = estimate_effect(m, "group + year", uncertainty=mode, nsims=3, refits=6).summary()
        s = s[s["term"] != "Intercept"]
        widths[mode] = (s["ci_upper"] - s["ci_lower"]).to_numpy()
    assert widths["refit"].mean() > widths["global"].mean()
    assert np.median(widths["refit"] / widths["global"]) > 1.0


def test_refit_at_unit_level_with_clustered_rows():
    m = fitted_model(n_docs=40, doc_len=30, unit="paragraph", passes=2)
    eff = estimate_effect(m, "group", uncertainty="refit", refits=5, nsims=2, cov_type="cluster",
                          groups="doc_id")
    s = eff.summary()
    assert s["std_error"].gt(0).all() and (s["ci_lower"] < s["ci_upper"]).all()
    assert eff.settings["unit_level"] and eff.refit_similarity.shape == (5, 3)


def test_a_bootstrap_sample_without_a_rare_level_is_left_out_and_said():
    m = fitted_model(n_docs=60, doc_len=20, passes=2)
    data = m.documents_.reset_index(drop=True).copy()
    data["rare"] = ["r" if i == 0 else "c" for i in range(len(data))]  # one document: P(not drawn) ~ 0.37
    with pytest.warns(UserWarning, match=r"of 12 bootstrap samples left out: they did not identify"):
        eff = estimate_effect(m, "~ rare", data=data, uncertainty="refit", refits=12, nsims=2)
    assert 5 <= eff.settings["refits_used"] < 12
    row = eff.summary().query("topic == 1 and term == 'rare[T.r]'").iloc[0]
    assert np.isfinite(row["std_error"]) and row["std_error"] > 0
