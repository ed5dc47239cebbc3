"""robust_effects across K and seeds, matched to a reference by the Hungarian assignment, and its figure."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest

from speechtopics.models.effect_simulation import fit_stand_in, simulate_corpus
from speechtopics.models.robustness import COLUMNS, covariate_terms, plot_specification_curve, robust_effects


@pytest.fixture(scope="module")
def models():
    sim = simulate_corpus(n_docs=120, doc_len=30, seed=5)
    return [fit_stand_in(sim, k=k, seed=s, passes=5) for k, s in ((3, 1), (3, 2), (4, 1), (2, 1))]


def test_table_matches_topics_to_the_reference(models):
    t = robust_effects("~ group + year", models, covariate="group", nsims=2)
    assert list(t.columns) == COLUMNS
    assert set(t["term"]) == {"group[T.b]"} and len(t) == 4 * 3
    own = t[(t["k"] == 3) & (t["seed"] == 1)]
    assert (own["matched_topic"] == own["reference_topic"]).all() and np.allclose(own["similarity"], 1.0)
    # K=2 leaves one reference topic without a partner
    two = t[t["k"] == 2]
    assert (two["matched_topic"] == 0).sum() == 1 and two.loc[two["matched_topic"] == 0, "estimate"].isna().all()
    assert not two.loc[two["matched_topic"] == 0, "matched"].any()
    # the planted group effect (one topic rises in group b) keeps its sign in every model with K >= 3
    top = int(own.loc[own["estimate"].idxmax(), "reference_topic"])
    assert own.loc[own["reference_topic"] == top, "ci_lower"].iloc[0] > 0
    same = t[(t["reference_topic"] == top) & (t["k"] >= 3)]
    assert same["matched"].all() and (same["estimate"] > 0).all() and len(same) == 3


def test_reference_choice_and_terms(models):
    t = robust_effects("group * year", models[:2], reference=1, covariate="year", nsims=2)
    assert set(t["term"]) == {"year", "group[T.b]:year"}
    ref = t[t["seed"] == 2]
    assert (ref["matched_topic"] == ref["reference_topic"]).all()
    assert covariate_terms(["Intercept", "yearly", "year"], "year") == ["year"]
    with pytest.raises(ValueError, match="covariate"):
        robust_effects("group", models[:1], covariate="year", nsims=1)


def test_specification_curve(models):
    t = robust_effects("group", models, covariate="group", nsims=2)
    fig = plot_specification_curve(t, 1, "group[T.b]", lang="en")
    title = fig.axes[0].get_title()
    assert "matched specifications" in title and "%" in title
    assert len(fig.axes[0].get_xticklabels()) == len(models)
    plt.close(fig)
    with pytest.raises(ValueError, match="no rows"):
        plot_specification_curve(t, 9, "group[T.b]")
