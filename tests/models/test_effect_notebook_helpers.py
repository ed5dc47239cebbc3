"""The helpers notebook 05 uses: supported_formula, robust_effects(contrast=), the panel figures."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from speechtopics import analysis, plots
from speechtopics.models.effect_simulation import fit_stand_in, simulate_corpus
from speechtopics.models.effects import estimate_effect
from speechtopics.models.robustness import robust_effects


@pytest.fixture(scope="module")
def models():
    sim = simulate_corpus(n_docs=120, doc_len=30, seed=5)
    return [fit_stand_in(sim, k=k, seed=s, passes=4) for k, s in ((3, 1), (3, 2), (4, 1))]


def test_supported_formula_keeps_what_the_data_support():
    d = pd.DataFrame({"doc_id": list("abcdef"), "year": pd.array([2001, 2002, 2003, 2004, None, 2005], "Int64"),
                      "collection": ["x", "x", "y", "y", "y", "x"], "level": ["县"] * 6})
    f, rows, why = analysis.supported_formula("~ s(year) + C(collection)", d)
    assert f == "~ s(year) + C(collection)" and why == [] and len(rows) == 5
    assert rows["year"].dtype == float
    f, rows, why = analysis.supported_formula("s(year) + C(level)", d)
    assert f == "~ s(year)" and len(why) == 1 and "level has 1 distinct value" in why[0]
    f, rows, why = analysis.supported_formula("~ s(year) + C(party)", d)
    assert f == "~ s(year)" and "no column 'party'" in why[0]
    two_years = d.assign(year=[2001, 2002] * 3)
    f, rows, why = analysis.supported_formula("~ s(year)", two_years)
    assert f is None and "2 distinct values" in why[0]


def test_contrast_rows_are_the_effect_difference(models):
    t = robust_effects("~ group + year", models, covariate="group", contrast=("b", "a"), nsims=2, seed=3)
    assert set(t["term"]) == {"group: b − a"} and len(t) == 3 * 3
    own = t[(t["k"] == 3) & (t["seed"] == 1)].set_index("reference_topic")
    diff = estimate_effect(models[0], "~ group + year", nsims=2, seed=3).difference("group", "b", "a")
    assert np.allclose(own.loc[diff["topic"], "estimate"], diff["estimate"])
    with pytest.raises(ValueError, match="contrast"):
        robust_effects("group", models, contrast=("b", "a"), nsims=1)


def test_specification_curves_one_panel_per_topic(models):
    t = robust_effects("group", models, covariate="group", contrast=("b", "a"), nsims=2)
    fig = plots.plot_specification_curves(t, "group: b − a", labels={1: "经济", 2: "党建", 3: "农村"}, lang="en")
    panels = [ax for ax in fig.axes if ax.get_visible() and ax.axison]
    assert len(panels) == 3 and panels[1].get_title().startswith("2: 党建")
    assert any("(ref)" in tick.get_text() for tick in panels[0].get_xticklabels())
    plt.close(fig)


def test_effect_grid_draws_a_band_per_topic(models):
    eff = estimate_effect(models[0], "group + s(year)", nsims=2)
    fig = plots.plot_effect_grid(eff, "year", topics=[1, 3], fixed={"group": "a"}, labels=["A", "C"])
    drawn = [ax for ax in fig.axes if ax.axison]
    assert [ax.get_title() for ax in drawn] == ["A", "C"]
    assert all(ax.collections for ax in drawn)  # the band
    assert "group=a" in fig._suptitle.get_text()
    plt.close(fig)
    with pytest.raises(ValueError, match="numeric"):
        plots.plot_effect_grid(eff, "group")


def test_speeches_without_a_covariate_value_are_named_in_the_caption_line(models):
    docs = models[0].documents_.copy()
    docs["year"] = pd.array(docs["year"], "Int64")
    docs.loc[docs.index[:7], "year"] = None  # seven speeches with no year
    formula, rows, _ = analysis.supported_formula("~ s(year) + group", docs)
    with pytest.warns(UserWarning, match=r"7 of 120 documents left out .* year \(7\)"):
        eff = estimate_effect(models[0], formula, data=docs.astype(rows.dtypes.to_dict()), nsims=2, seed=3)
    assert sorted(eff.settings["left_out"]) == sorted(docs["doc_id"].iloc[:7])
    assert analysis.rows_used(eff, docs) == "n=113 of 120 speeches: 7 without a value of year left out"
    with pytest.warns(UserWarning, match="7 of 120 documents of the model have no row in data"):
        on_rows = estimate_effect(models[0], formula, data=rows, nsims=2, seed=3)  # what notebook 05 did before
    pd.testing.assert_frame_equal(eff.summary(), on_rows.summary())
    assert analysis.rows_used(on_rows, rows) == f"n={len(rows)} of {len(rows)} speeches"
