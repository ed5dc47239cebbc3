"""estimate_effect, topic_correlations and robust_effects on the real TopicModel (not the stand-in)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import speechtopics as st

XI = Path(__file__).resolve().parents[2] / "data" / "raw" / "xi_speeches_2013_2016"


@pytest.fixture(scope="module")
def models():
    files = sorted(XI.glob("*.txt"))[::3][:24]
    df = pd.DataFrame({"text": [f.read_text(encoding="utf-8") for f in files],
                       "date": [f.name[:10] for f in files],
                       "venue": ["abroad" if i % 2 else "home" for i in range(len(files))]})
    corpus = st.read_corpus(df, meta=["venue"])
    fit = [st.TopicModel(k=k, seed=s, passes=3, iterations=30).fit(corpus) for k, s in ((4, 1), (4, 2), (5, 1))]
    return fit


def test_effect_on_the_topic_model_is_exact_under_the_seed(models):
    model = models[0]
    effect = st.estimate_effect(model, "~ year + C(venue)", nsims=5, seed=3)
    table = effect.summary()
    assert list(table.columns) == ["topic", "term", "estimate", "std_error", "ci_lower", "ci_upper", "p_value",
                                 "reference"]
    assert set(table["topic"]) == {1, 2, 3, 4}
    again = st.estimate_effect(model, "~ year + C(venue)", nsims=5, seed=3).summary()
    assert table.to_csv() == again.to_csv()
    pred = effect.predict(pd.DataFrame({"year": [2013, 2016], "venue": ["home", "home"]}))
    assert {"topic", "estimate", "ci_lower", "ci_upper"} <= set(pred.columns)
    fig = effect.plot("year", method="continuous", topics=[1, 2])
    assert type(fig).__name__ == "Figure"


def test_correlations_and_robustness_across_models(models):
    corr = st.topic_correlations(models[0], method="simple")
    assert corr.matrix.shape == (4, 4)
    table = st.robust_effects("~ year", models, reference=models[0], covariate="year", nsims=3, seed=1)
    assert {"k", "seed", "reference_topic", "matched_topic", "estimate", "matched"} <= set(table.columns)
    assert set(table["k"]) == {4, 5}


def test_posterior_mean_effect_is_ols_on_the_document_topics_table(models):
    import numpy as np
    import statsmodels.api as sm

    model = models[0]
    effect = st.estimate_effect(model, "~ year", uncertainty="none")
    table = model.document_topics()
    x = sm.add_constant(table["year"].astype(float).to_numpy())
    for t in range(model.k):
        ols = sm.OLS(table[f"topic_{t + 1}"].to_numpy(), x).fit()
        np.testing.assert_allclose(effect.params[0, t], ols.params, rtol=1e-8, atol=1e-10)


def test_a_specification_curve_refuses_models_of_other_documents(models):
    files = sorted(XI.glob("*.txt"))[::3][:12]
    df = pd.DataFrame({"text": [f.read_text(encoding="utf-8") for f in files], "date": [f.name[:10] for f in files]})
    other = st.TopicModel(k=4, seed=1, passes=2, iterations=20).fit(st.read_corpus(df))
    with pytest.raises(ValueError, match=r"models\[1\] was fitted on \d+ documents, models\[0\] on \d+"):
        st.robust_effects("~ year", [models[0], other], covariate="year")
