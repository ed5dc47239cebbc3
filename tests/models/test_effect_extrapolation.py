"""Effect.extrapolation and its checks: a level evaluated at a held value none of its documents has, a
combination no document has, an expected share whose interval lies wholly outside [0, 1]; the
pointestimate figure and Effect.difference warn once, naming the level and the covariate."""

from __future__ import annotations

import warnings

import matplotlib
import numpy as np
import pandas as pd
import pytest
from models.effect_stub import fitted_model

from speechtopics.models.effect_design import EffectDesign
from speechtopics.models.effect_extrapolation import (MAX_NAMED, extrapolation_message, outside_data,
                                                      outside_unit)
from speechtopics.models.effects import estimate_effect


def test_numeric_values_are_checked_within_the_documents_of_the_rows_level():
    d = pd.DataFrame({"era": ["old"] * 5 + ["new"] * 5, "year": [1950, 1955, 1960, 1965, 1970, 2000, 2005,
                                                                 2010, 2015, 2020]})
    design = EffectDesign("era + year", d)
    held = outside_data(design, d, pd.DataFrame({"era": ["old", "new"]}))  # year held at its median, 1985
    assert held == [["year held at 1985, outside those documents' 1950-1970"],
                    ["year held at 1985, outside those documents' 2000-2020"]]
    given = outside_data(design, d, pd.DataFrame({"era": ["old", "old"], "year": [1960, 2010]}))
    assert given == [[], ["year at 2010, outside those documents' 1950-1970"]]
    # without a factor the range is that of all the documents: 1900 lies outside, as 2010 does above
    assert outside_data(EffectDesign("year", d), d, pd.DataFrame({"year": [1900, 1960]})) == [
        ["year at 1900, outside the documents' 1950-2020"], []]


def test_a_trend_alone_warns_when_predicted_beyond_its_years():
    m = fitted_model()
    eff = estimate_effect(m, "~ s(year, 3)", nsims=2)
    first, last = int(m.documents_["year"].min()), int(m.documents_["year"].max())
    with pytest.warns(UserWarning, match=rf"year={last + 10}: year at {last + 10}, outside the documents' "
                                         rf"{first}-{last}"):
        eff.predict({"year": [first, last + 10]})
    with pytest.warns(UserWarning, match=rf"year={first - 5}: year at {first - 5}, outside"):
        eff.difference("year", last, first - 5)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        eff.predict({"year": [first, last]})  # inside the documents' years: no word


def test_a_combination_no_document_has_is_named():
    d = pd.DataFrame({"era": ["old", "old", "new", "new", "new", "old"], "region": ["n", "s", "n", "n", "s", "n"],
                      "year": [1, 2, 3, 4, 5, 6]})
    d.loc[4, "region"] = "n"  # now no document is new and s
    design = EffectDesign("era + region", d)
    assert outside_data(design, d, pd.DataFrame({"era": ["new"], "region": ["s"]})) == [
        ["no document has era=new, region=s"]]


def test_shares_outside_the_unit_interval_and_one_message():
    problems = outside_unit(np.array([[0.5, -0.25, 1.0]]), ["3+7"])
    assert problems == [[], ["expected share of topic 3+7 is -0.250"], []]
    assert extrapolation_message(["a", "b", "c"], [[], []]) is None
    text = extrapolation_message(["era=old", "era=new"], [["year held at 1985"], []])
    assert text.startswith("predictions outside the data -- era=old: year held at 1985.")
    assert "era=new" not in text


def _era_effect(**kwargs):
    m = fitted_model()
    data = m.documents_.reset_index(drop=True).copy()
    data["era"] = np.where(data["year"] < 2011, "early", "late")  # the median year, 2011, is no early year
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return estimate_effect(m, "era + year", data=data, nsims=2, **kwargs)


def test_pointestimate_marks_and_warns_once_about_a_level_outside_its_documents():
    eff = _era_effect()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig = eff.plot("era", topics=[1, 2], lang="en")
    said = [str(w.message) for w in caught if "outside the data" in str(w.message)]
    assert len(said) == 1
    assert "era=early: year held at 2011, outside those documents' 2000-2010" in said[0]
    ticks = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert sum(t.startswith("early") and "extrapolated" in t for t in ticks) == 2  # once per topic panel
    assert not any(t.startswith("late") and "extrapolated" in t for t in ticks)
    matplotlib.pyplot.close(fig)


def test_difference_warns_the_same_way_and_a_level_inside_its_data_does_not():
    eff = _era_effect(uncertainty="none")
    with pytest.warns(UserWarning, match=r"era=early: year held at 2011, outside those documents' 2000-2010"):
        eff.difference("era", "early", "late", topics=[1])
    with pytest.warns(UserWarning, match=r"era=late: year at 2010, outside those documents' 2011-2019"):
        eff.difference("era", "early", "late", moderator="year", moderator_value=2010, topics=[1])
    plain = estimate_effect(fitted_model(), "group + year", nsims=2)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # both groups span every year: nothing to say
        plain.difference("group", "a", "b", topics=[1])
        fig = plain.plot("group", topics=[1])
    matplotlib.pyplot.close(fig)


def test_pointestimate_draws_the_unit_bounds_when_a_share_passes_them():
    eff = _era_effect(uncertainty="none")
    pred = eff.predict(pd.DataFrame({"era": ["early", "late"]}))
    passes = (pred["ci_lower"] < 0).any() or (pred["ci_upper"] > 1).any()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fig = eff.plot("era", lang="en")
    lines = {tuple(line.get_xdata()) for line in fig.axes[0].lines if line.get_linestyle() == ":"}
    assert passes == ({(0, 0), (1, 1)} <= lines)
    assert passes == ("shares 0 and 1" in fig.axes[0].get_xlabel())
    matplotlib.pyplot.close(fig)


def test_predict_states_the_values_held_and_warns_as_difference_does():
    eff = _era_effect()
    held = eff.design.reference["year"]  # the median year, which no early document has
    with pytest.warns(UserWarning, match=r"era=early, year=2011: year held at 2011, outside those documents"):
        pred = eff.predict(pd.DataFrame({"era": ["early", "late"]}), topics=[1])
    assert list(pred.columns) == ["topic", "era", "year", "estimate", "ci_lower", "ci_upper"]
    assert (pred["year"] == held).all() and pred.attrs["held"] == {"year": held}
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # late documents span the held year; warn=False says nothing
        late = eff.predict({"era": ["late"]}, topics=[1])
        eff.predict({"era": ["early"]}, topics=[1], warn=False)
    assert late.attrs["held"] == {"year": held}
    assert eff.predict({"era": ["late"], "year": [2015]}, topics=[1]).attrs["held"] == {}


def test_a_warning_names_the_first_rows_and_counts_the_rest():
    names = [f"year={y}" for y in range(MAX_NAMED + 3)]
    text = extrapolation_message(names, [["outside"]] * len(names))
    assert f"year={MAX_NAMED - 1}: outside | and 3 more rows." in text
    assert f"year={MAX_NAMED}:" not in text


def test_a_share_outside_the_unit_interval_only_by_noise_is_not_flagged():
    est = np.array([[-0.004, -0.5, 1.02, 1.3]])
    lower, upper = est - 0.2, est + 0.2
    problems = outside_unit(est, [2], lower, upper)
    assert problems[0] == [] and problems[2] == []  # the intervals reach into [0, 1]
    assert problems[1] == ["expected share of topic 2 is -0.500 (interval -0.700 to -0.300)"]
    assert problems[3] == ["expected share of topic 2 is 1.300 (interval 1.100 to 1.500)"]


def test_effect_extrapolation_reads_the_interval_and_keeps_the_covariate_check():
    plain = estimate_effect(fitted_model(), "group + year", nsims=2)
    rows = pd.DataFrame({"group": ["a", "b"]})
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # -0.004 with an interval over 0: nothing to say
        flags = plain.extrapolation(rows, np.array([[-0.004, 0.3]]), ["group=a", "group=b"], [1],
                                    (np.array([[-0.3, 0.1]]), np.array([[0.3, 0.5]])))
    assert flags == [False, False]
    with pytest.warns(UserWarning, match=r"group=b: expected share of topic 1 is -0.400 \(interval"):
        flags = plain.extrapolation(rows, np.array([[-0.004, -0.4]]), ["group=a", "group=b"], [1],
                                    (np.array([[-0.3, -0.6]]), np.array([[0.3, -0.2]])))
    assert flags == [False, True]
    eff = _era_effect()
    with pytest.warns(UserWarning, match=r"era=early: year held at 2011, outside those documents' 2000-2010"):
        flags = eff.extrapolation(pd.DataFrame({"era": ["early", "late"]}), np.array([[0.2, 0.2]]),
                                  ["era=early", "era=late"], [1],
                                  (np.array([[0.1, 0.1]]), np.array([[0.3, 0.3]])))
    assert flags == [True, False]
