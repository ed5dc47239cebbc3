"""estimate_effect and Effect: validation, exactness under the seed, OLS identities, predictions, plots."""

from __future__ import annotations

import warnings

import matplotlib
import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm
from models.effect_stub import fitted_model
from scipy import stats

from speechtopics.models.effects import estimate_effect

COLUMNS = ["topic", "term", "estimate", "std_error", "ci_lower", "ci_upper", "p_value", "reference"]


@pytest.mark.parametrize("kwargs, name", [({"uncertainty": "local"}, "uncertainty"),
                                          ({"cov_type": "HC3"}, "cov_type"),
                                          ({"family": "logit"}, "family"),
                                          ({"nsims": 0}, "nsims"),
                                          ({"topics": [0]}, "topics"),
                                          ({"topics": [4]}, "topics"),
                                          ({"groups": "doc_id"}, "groups"),
                                          ({"cov_type": "cluster"}, "groups")])
def test_bad_arguments_name_themselves(kwargs, name):
    with pytest.raises(ValueError, match=name):
        estimate_effect(fitted_model(), "group", **kwargs)


def test_same_call_same_bytes_and_seed_matters():
    m = fitted_model()
    a = estimate_effect(m, "~ group + s(year, 4)", nsims=4).summary()
    b = estimate_effect(m, "group + s(year, 4)", nsims=4).summary()
    assert list(a.columns) == COLUMNS
    assert a.to_csv() == b.to_csv()
    c = estimate_effect(m, "~ group + s(year, 4)", nsims=4, seed=m.seed + 1).summary()
    assert a.to_csv() != c.to_csv()


def test_posterior_mean_fit_is_plain_ols_on_document_topics():
    m = fitted_model()
    eff = estimate_effect(m, "group + year", uncertainty="none")
    shares = m.document_topics()
    x = sm.add_constant(pd.DataFrame({"b": (shares["group"] == "b").astype(float), "year": shares["year"]}))
    for t in range(1, m.k + 1):
        ols = sm.OLS(shares[f"topic_{t}"].to_numpy(), x.to_numpy()).fit()
        np.testing.assert_allclose(eff.params[0, t - 1], ols.params, rtol=1e-8, atol=1e-10)
        np.testing.assert_allclose(eff.vcov[0, t - 1], ols.cov_params(), rtol=1e-8, atol=1e-12)
    summary = eff.summary()
    assert summary.loc[summary["term"] == "group[T.b]", "reference"].eq("group=a").all()


@pytest.mark.parametrize("cov_type", ["nonrobust", "HC1", "cluster"])
def test_summary_without_uncertainty_is_the_statsmodels_ols_table(cov_type):
    m = fitted_model()
    shares = m.document_topics()
    clusters = (shares["year"] // 4).to_numpy()  # five-ish year blocks, written for the test
    kwargs = {"groups": clusters} if cov_type == "cluster" else {}
    eff = estimate_effect(m, "group + year", uncertainty="none", cov_type=cov_type, **kwargs)
    x = sm.add_constant(pd.DataFrame({"b": (shares["group"] == "b").astype(float), "year": shares["year"]}))
    fit = {} if cov_type == "nonrobust" else {"cov_type": cov_type}
    if cov_type == "cluster":
        fit["cov_kwds"] = {"groups": clusters}
    summary = eff.summary(ci=0.9)
    for t in range(1, m.k + 1):
        ols = sm.OLS(shares[f"topic_{t}"].to_numpy(), x.to_numpy()).fit(use_t=True, **fit)
        rows = summary[summary["topic"] == t]
        np.testing.assert_allclose(rows["estimate"], ols.params, rtol=1e-8, atol=1e-12)
        np.testing.assert_allclose(rows["std_error"], ols.bse, rtol=1e-8, atol=1e-12)
        np.testing.assert_allclose(rows[["ci_lower", "ci_upper"]], ols.conf_int(alpha=0.1), rtol=1e-8,
                                   atol=1e-12)
        np.testing.assert_allclose(rows["p_value"], ols.pvalues, rtol=1e-6, atol=1e-12)
    # predictions are the one fit's own, not the mean of draws around it
    new = pd.DataFrame({"group": ["a", "b"], "year": [2005, 2012]})
    own = eff.predict(new, topics=[1])["estimate"].to_numpy()
    np.testing.assert_allclose(own, eff.design.transform(new) @ eff.params[0, 0], rtol=1e-12)


@pytest.mark.parametrize("cov_type", ["nonrobust", "cluster"])
def test_simulated_intervals_and_p_values_rest_on_one_t(cov_type):
    m = fitted_model(n_docs=24, doc_len=20)
    kwargs = {"groups": "group"} if cov_type == "cluster" else {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # two clusters are warned about; the rule is what is tested here
        eff = estimate_effect(m, "group + s(year, 4)", nsims=3, cov_type=cov_type, **kwargs)
    df = eff.settings["df_inference"]
    assert df == (1 if cov_type == "cluster" else len(m.documents_) - 6)
    for ci in (0.9, 0.95):
        s = eff.summary(ci=ci)
        half = (s["ci_upper"] - s["ci_lower"]) / 2
        np.testing.assert_allclose(half / s["std_error"], stats.t.ppf(0.5 + ci / 2, df), rtol=1e-10)
        np.testing.assert_allclose((s["ci_upper"] + s["ci_lower"]) / 2, s["estimate"], rtol=1e-10, atol=1e-12)
        excludes = (s["ci_lower"] > 0) | (s["ci_upper"] < 0)
        assert (excludes == (s["p_value"] < 1 - ci)).all()
    # estimate and standard error stay stm's: the mean and sd of the pooled draws
    np.testing.assert_allclose(s.loc[s["topic"] == 2, "std_error"], eff.sims[1].std(axis=0, ddof=1),
                               rtol=1e-12)


def test_shares_sum_to_one_and_groups_add_up():
    m = fitted_model()
    every = estimate_effect(m, "group + year", nsims=3)
    # per draw, the shares of all topics sum to one: intercepts add to 1, slopes to 0
    np.testing.assert_allclose(every.params[:, :, 0].sum(axis=1), 1.0, atol=1e-8)
    np.testing.assert_allclose(every.params[:, :, 1:].sum(axis=1), 0.0, atol=1e-8)
    grouped = estimate_effect(m, "group + year", nsims=3, topics=[[1, 2], 3])
    assert grouped.topics == ["1+2", 3]
    np.testing.assert_allclose(grouped.params[:, 0], every.params[:, 0] + every.params[:, 1], atol=1e-10)
    assert set(grouped.summary()["topic"]) == {"1+2", 3}


def test_robust_and_clustered_standard_errors():
    m = fitted_model()
    plain = estimate_effect(m, "group", nsims=2)
    hc1 = estimate_effect(m, "group", nsims=2, cov_type="HC1")
    np.testing.assert_allclose(plain.params, hc1.params)
    assert not np.allclose(plain.vcov, hc1.vcov)
    grouped = estimate_effect(m, "group", nsims=2, cov_type="cluster", groups="year")
    assert grouped.settings["n_obs"] == len(m.documents_)


def test_paragraph_units_document_and_unit_level():
    m = fitted_model(unit="paragraph")
    assert len(m.units_) > len(m.documents_)
    doc = estimate_effect(m, "group", uncertainty="none")
    shares = m.document_topics()
    means = shares.groupby("group")[["topic_1", "topic_2", "topic_3"]].mean()
    np.testing.assert_allclose(doc.params[0, :, 0], means.loc["a"].to_numpy(), atol=1e-10)
    np.testing.assert_allclose(doc.params[0, :, 1], (means.loc["b"] - means.loc["a"]).to_numpy(), atol=1e-10)
    unit = estimate_effect(m, "group", nsims=2, cov_type="cluster", groups="doc_id")
    assert unit.settings["unit_level"] and unit.settings["n_obs"] == len(m.units_)


def test_beta_family_predicts_inside_unit_interval():
    m = fitted_model()
    with pytest.warns(UserWarning, match=r"family='beta': up to \d+% of an outcome's shares are below 0.01"):
        eff = estimate_effect(m, "group", nsims=2, family="beta", topics=[1, 2])
    ols = estimate_effect(m, "group", nsims=2, topics=[1, 2])
    pred = eff.predict(pd.DataFrame({"group": ["a", "b"]}))
    assert ((pred["ci_lower"] > 0) & (pred["ci_upper"] < 1)).all()
    assert np.all(np.sign(eff.params[:, :, 1]) == np.sign(ols.params[:, :, 1]))


def test_predict_and_difference_agree():
    m = fitted_model()
    eff = estimate_effect(m, "group * year", nsims=3, topics=[1, 3])
    new = pd.DataFrame({"group": ["b", "a"], "year": [2010, 2010]})
    pred = eff.predict(new, ci=0.9)
    assert list(pred.columns) == ["topic", "group", "year", "estimate", "ci_lower", "ci_upper"]
    assert len(pred) == 4 and (pred["ci_lower"] < pred["estimate"]).all()
    diff = eff.difference("group", "b", "a", moderator="year", moderator_value=2010)
    for t in (1, 3):
        p = pred[pred["topic"] == t]["estimate"].to_numpy()
        d = diff.loc[diff["topic"] == t, "estimate"].iloc[0]
        assert d == pytest.approx(p[0] - p[1], abs=1e-12)


def test_three_plots_return_figures_with_labels(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    m = fitted_model()
    eff = estimate_effect(m, "group + s(year, 4)", nsims=2, topics=[1, 2])
    point = eff.plot("group")
    assert any(m.labels_[0] in t.get_text() for t in point.axes[0].texts)
    assert any("(n=" in t.get_text() for t in point.axes[0].get_yticklabels())
    diff = eff.plot("group", method="difference", cov_value1="b", cov_value2="a", labels=["甲", "乙"],
                    lang="en")
    assert [t.get_text() for t in diff.axes[0].get_yticklabels()] == ["甲", "乙"]
    n = eff.data["group"].value_counts()
    assert f"b, n={n['b']}, minus group = a, n={n['a']}" in diff.axes[0].get_xlabel()
    cont = eff.plot("year", method="continuous", topics=[2])
    assert len(cont.axes[0].collections) >= 1 and "year" in cont.axes[0].get_title()
    cont.canvas.draw()
    assert all(float(t).is_integer() for t in cont.axes[0].get_xticks())  # years: no 2022.5
    point.canvas.draw()  # the first topic's name is inside the axes, below the title
    top_name = max(point.axes[0].texts, key=lambda t: t.get_position()[1])
    renderer = point.canvas.get_renderer()
    assert top_name.get_window_extent(renderer).y1 <= point.axes[0].get_window_extent(renderer).y1
    for fig in (point, diff, cont):
        assert isinstance(fig, matplotlib.figure.Figure)
        matplotlib.pyplot.close(fig)
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(ValueError, match="method"):
        eff.plot("group", method="bars")
    with pytest.raises(ValueError, match="cov_value1"):
        eff.plot("group", method="difference")


def test_missing_covariate_rows_left_out_loudly_and_equal_to_their_removal():
    m = fitted_model()
    data = m.documents_.reset_index(drop=True).copy()
    data.loc[[0, 5, 9], "year"] = None
    with pytest.warns(UserWarning, match=r"3 of 80 documents left out .*year \(3\)"):
        eff = estimate_effect(m, "group + year", data=data, uncertainty="none")
    assert eff.settings["left_out"] == data.loc[[0, 5, 9], "doc_id"].tolist()
    assert eff.settings["n_obs"] == 77
    with pytest.warns(UserWarning, match="3 of 80 documents of the model have no row in data"):
        kept = estimate_effect(m, "group + year", data=data.drop(index=[0, 5, 9]), uncertainty="none")
    assert kept.settings["left_out"] == eff.settings["left_out"]
    np.testing.assert_allclose(eff.params, kept.params)
    # an array of cluster ids is filtered with the rows it belongs to
    with pytest.warns(UserWarning, match="3 of 80"):
        clustered = estimate_effect(m, "group + year", data=data, uncertainty="none", cov_type="cluster",
                                    groups=np.arange(len(data)) % 7)
    assert clustered.settings["n_obs"] == 77
    data["year"] = None
    with pytest.raises(ValueError, match="every row misses a value of year"):
        estimate_effect(m, "group + year", data=data)


def test_covariate_sheet_in_any_row_order_gives_the_same_bytes():
    m = fitted_model()
    data = m.documents_.reset_index(drop=True)
    shuffled = data.sample(frac=1, random_state=7)
    for uncertainty in ("global", "none"):
        a = estimate_effect(m, "group + s(year, 3)", data=data, nsims=3, uncertainty=uncertainty)
        b = estimate_effect(m, "group + s(year, 3)", data=shuffled, nsims=3, uncertainty=uncertainty)
        assert a.summary().to_csv() == b.summary().to_csv()
        rows = {"group": ["a", "b"], "year": [2010, 2012]}
        assert a.predict(rows).to_csv() == b.predict(rows).to_csv()


def test_documents_without_a_row_in_data_are_left_out_loudly():
    m = fitted_model()
    data = m.documents_.reset_index(drop=True)
    sheet = data.iloc[4:]  # a covariate sheet that lacks the first four documents
    with pytest.warns(UserWarning, match=r"4 of 80 documents of the model have no row in data .*doc_id "):
        eff = estimate_effect(m, "group + year", data=sheet, uncertainty="none")
    assert eff.settings["left_out"] == data["doc_id"].iloc[:4].tolist()
    assert eff.settings["n_obs"] == 76
    gaps = data.assign(year=data["year"].where(data.index >= 4))  # the same four with no year
    with pytest.warns(UserWarning, match="4 of 80 documents left out"):
        same = estimate_effect(m, "group + year", data=gaps, uncertainty="none")
    np.testing.assert_allclose(eff.params, same.params)
    twice = pd.concat([data, data.iloc[[2]]])
    with pytest.raises(ValueError, match=f"1 doc_id value on several rows, e.g. {data['doc_id'].iloc[2]!r}"):
        estimate_effect(m, "group + year", data=twice)


def test_blank_text_covariates_are_missing_not_a_level():
    m = fitted_model()
    data = m.documents_.reset_index(drop=True).astype({"group": object})
    data.loc[[1, 2], "group"] = ["", "  "]
    with pytest.warns(UserWarning, match=r"2 of 80 documents left out .*group \(2\)"):
        eff = estimate_effect(m, "group + year", data=data, uncertainty="none")
    assert eff.settings["left_out"] == data.loc[[1, 2], "doc_id"].tolist()
    assert not any(t.endswith("[T.]") for t in eff.design.terms)
    assert eff.summary()["reference"].isin(["", "group=a"]).all()
    kept = estimate_effect(m, "group + year", data=data.assign(group=data["group"].replace(["", "  "], None)),
                           uncertainty="none")
    np.testing.assert_allclose(eff.params, kept.params)


def test_text_for_no_value_is_kept_as_a_level_and_named():
    m = fitted_model()
    data = m.documents_.reset_index(drop=True).astype({"group": object})
    data.loc[[1, 2, 3], "group"] = ["不详", "NA", "不详"]
    with pytest.warns(UserWarning, match=r"group holds 'NA' \(1 document\), '不详' \(2 documents\), text for "
                                         r"'no value'.*group=NA is the reference level"):
        eff = estimate_effect(m, "group + year", data=data, uncertainty="none")
    assert eff.settings["n_obs"] == 80  # kept: a value, as written
    tenure = data.assign(tenure=[str(v) for v in data["year"] % 5])
    tenure.loc[[4, 7], "tenure"] = "不详"
    with pytest.warns(UserWarning, match=r"tenure holds numbers stored as text .* and '不详' \(text for 'no "
                                         r"value'\).*errors='coerce'"):
        estimate_effect(m, "tenure", data=tenure, uncertainty="none")
    with pytest.raises(ValueError, match=r"s\(tenure\): tenure holds numbers and '不详'.*errors='coerce'"):
        estimate_effect(m, "s(tenure)", data=tenure)


def test_chinese_column_names_in_factors_and_splines():
    m = fitted_model()
    data = m.documents_.rename(columns={"year": "年份", "group": "组别"})
    a = estimate_effect(m, "C(组别) + s(年份, 3)", data=data, uncertainty="none").summary()
    b = estimate_effect(m, "C(group) + s(year, 3)", uncertainty="none").summary()
    np.testing.assert_allclose(a["estimate"], b["estimate"])
    assert set(a.loc[a["term"].str.startswith("C(组别)"), "reference"]) == {"组别=a"}
    assert set(a.loc[~a["term"].str.startswith("C(组别)"), "reference"]) == {""}
    with pytest.raises(ValueError, match="no column 'Year'.*did you mean '年份'|no column 'Year'"):
        estimate_effect(m, "C(组别) + Year", data=data)


def test_moderator_is_checked_and_a_moderated_curve_spans_its_own_documents():
    m = fitted_model()
    eff = estimate_effect(m, "group * year", nsims=2, topics=[1])
    with pytest.raises(ValueError, match="moderator 'level' is not another variable"):
        eff.plot("year", method="continuous", moderator="level", moderator_value="a")
    with pytest.raises(ValueError, match="moderator 'group' needs a moderator_value"):
        eff.plot("year", method="continuous", moderator="group")
    data = eff.data.copy()
    data.loc[(data["group"] == "a") & (data["year"] > data["year"].median()), "group"] = "b"
    eff = estimate_effect(m, "group * year", data=data, nsims=2, topics=[1])
    fig = eff.plot("year", method="continuous", moderator="group", moderator_value="a", lang="en")
    line = fig.axes[0].lines[0].get_xdata()
    years_a = data.loc[data["group"] == "a", "year"]
    assert line.min() == years_a.min() and line.max() == years_a.max() < data["year"].max()
    assert f"documents (n={len(years_a)})" in [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    point = eff.plot("group", lang="en")  # what the other covariates are held at is in the title
    assert "others at year=" in point.axes[0].get_title()
    for f in (fig, point):
        matplotlib.pyplot.close(f)


def test_groups_and_ci_are_checked():
    m = fitted_model()
    with pytest.raises(ValueError, match=r"groups: no column 'yaer' .*did you mean 'year'"):
        estimate_effect(m, "group", cov_type="cluster", groups="yaer")
    with pytest.raises(ValueError, match=r"ci is the interval level, between 0 and 1 .*got 95"):
        estimate_effect(m, "group", nsims=2).summary(ci=95)


def test_years_without_documents_are_shaded_in_continuous_plots():
    from speechtopics.report.effect_figures import document_gaps
    from speechtopics.report.effect_panels import plot_effect_grid

    m = fitted_model()
    data = m.documents_.reset_index(drop=True).copy()
    years = np.sort(data["year"].unique())
    early = data["year"] == years[0]
    data.loc[early, "year"] = years[0] - 10  # the first year's documents now 10 years before the rest
    eff = estimate_effect(m, "group + year", data=data, nsims=2, topics=[1])
    assert document_gaps(data["year"]) == [(years[0] - 10.0, float(years[0 + 1]))]
    fig = eff.plot("year", method="continuous", lang="en")
    spans = [p for p in fig.axes[0].patches if p.get_facecolor()[:3] == matplotlib.colors.to_rgb("0.92")]
    assert len(spans) == 1
    assert "no documents (curve interpolated)" in [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    grid = plot_effect_grid(eff, "year", lang="en")
    assert "grey: no documents" in grid._suptitle.get_text()
    without = plot_effect_grid(estimate_effect(m, "group + year", nsims=2, topics=[1]), "year", lang="en")
    assert "grey" not in without._suptitle.get_text()  # evenly spread years: nothing shaded
    for f in (fig, grid, without):
        matplotlib.pyplot.close(f)


def test_user_mistakes_in_effects_get_one_line_naming_them():
    from speechtopics.report.effect_panels import plot_effect_grid

    m = fitted_model()
    eff = estimate_effect(m, "group + year", nsims=2, topics=[1])
    with pytest.raises(ValueError, match=r"no variable 'gruop' .*did you mean 'group'"):
        eff.difference("gruop", "a", "b")  # was a difference of 0.0 [0.0, 0.0] for every topic
    with pytest.raises(ValueError, match=r"predict: newdata.*no variable 'gruop'"):
        eff.predict(pd.DataFrame({"gruop": ["a", "b"]}))  # was the reference level, twice
    assert len(eff.predict(pd.DataFrame({"group": ["a"], "note": ["x"]}))) == 1  # other columns ride along
    for call in (lambda: eff.predict({"group": ["a"]}, ci=95), lambda: eff.difference("group", "a", "b", ci=95),
                 lambda: eff.plot("group", ci=95), lambda: plot_effect_grid(eff, "year", ci=95)):
        with pytest.raises(ValueError, match="ci is the interval level"):
            call()
    with pytest.raises(ValueError, match=r"fixed.*no variable 'gruop'"):
        plot_effect_grid(eff, "year", fixed={"gruop": "a"})
    with pytest.raises(ValueError, match=r"levels of group: no value 'c'"):
        plot_effect_grid(eff, "year", by="group", levels=["c"])
    grid = plot_effect_grid(eff, "year", lang="en")
    assert "others at group=" in grid._suptitle.get_text() and "(global, nonrobust)" in grid._suptitle.get_text()
    matplotlib.pyplot.close(grid)
    for formula, message in [("~ s(year", r"s\(year is not a smooth"), ("~ group +", r"^cannot read the formula"),
                             ("~ s(year, 3.5)", "whole number df"), ("~ s(year, k=4)", "whole number df"),
                             ("~ factor(group)", r"factor\(\) is not a function here; write C\(x\)"),
                             ("~", r"^formula '~' names no covariate"), ("~ 1", "names no covariate")]:
        with pytest.raises(ValueError, match=message) as err:
            estimate_effect(m, formula, nsims=2)
        assert "\n" not in str(err.value) and "\x1b" not in str(err.value)
    wide = estimate_effect(m, "～ group ＋ s（year，3）", nsims=2, topics=[1])  # typed with a Chinese input method
    assert wide.settings["formula"] == "~ group + s(year,3)"
    data = m.documents_.reset_index(drop=True).assign(town=lambda d: np.where(d.index % 9 == 0, None, "t"))
    with pytest.raises(ValueError, match="groups has 9 missing values"):
        estimate_effect(m, "group", cov_type="cluster", groups="town", data=data)
    with pytest.raises(TypeError, match="data must be a DataFrame"):
        estimate_effect(m, "group", data=data.to_dict())
    with pytest.raises(TypeError, match=r"seed must be an integer .*got '1'"):
        estimate_effect(m, "group", seed="1")


def test_a_level_of_one_or_two_documents_and_few_clusters_are_warned_about():
    m = fitted_model()
    data = m.documents_.copy()
    data["g"] = ["a"] * (len(data) - 2) + ["b", "c"]
    with pytest.warns(UserWarning, match=r"g\[T.b\] \(1 document\), g\[T.c\] \(1 document\) rest on fewer than 3 "
                                         r"documents.*with HC1 far too narrow"):
        estimate_effect(m, "~ g", data=data, nsims=2, cov_type="HC1")
    with pytest.warns(UserWarning, match=r"cov_type='cluster' with 2 clusters"):
        estimate_effect(m, "~ year", nsims=2, cov_type="cluster", groups="group")


def test_collinear_designs_say_the_likely_cause():
    m = fitted_model()
    data = m.documents_.copy()
    data["period"] = np.where(data["group"] == "a", "early", data["year"].gt(data["year"].median()).map(
        {True: "late", False: "early"}))
    with pytest.raises(ValueError, match=r"empty cell"):
        estimate_effect(m, "~ group * period", data=data, nsims=2)
    with pytest.raises(ValueError, match=r"lower its df"):
        estimate_effect(m, "~ s(year, 40)", nsims=2)


def test_design_mistakes_are_refused_before_any_share_draw(monkeypatch):
    import speechtopics.models.effects as effects

    m = fitted_model()
    data = m.documents_.reset_index(drop=True).assign(office=lambda d: np.where(d.index % 2, "人社厅", "科技厅"))

    def no_draws(*args, **kwargs):
        raise AssertionError("share draws were made before the mistake was found")

    monkeypatch.setattr(effects, "share_draws", no_draws)
    for kwargs, message in [
            ({"formula": "~ s(office)"}, r"^s\(office\): office is not numeric \(values such as '(人社厅|科技厅)'\)"
                                         r".*write C\(office\)"),
            ({"formula": "~ s(year, 40)"}, "lower its df"),
            ({"formula": "~ year", "cov_type": "cluster", "groups": "bureau"}, r"groups: no column 'bureau'"),
            ({"formula": "~ year", "data": pd.concat([data, data.head(1).assign(doc_id="elsewhere")])},
             "1 doc_id values of data are not in the model")]:
        with pytest.raises(ValueError, match=message) as err:
            effects.estimate_effect(m, data=kwargs.pop("data", data), nsims=2, **kwargs)
        assert "\n" not in str(err.value)


def test_a_smooth_of_years_stored_as_text_or_objects_is_a_smooth_of_the_years():
    m = fitted_model()
    numbers = estimate_effect(m, "~ group + s(year, 3)", nsims=2, topics=[1])
    for years in (m.documents_["year"].astype(str), m.documents_["year"].astype(object)):  # dtype=str
        data = m.documents_.assign(year=years)
        eff = estimate_effect(m, "~ group + s(year, 3)", data=data, nsims=2, topics=[1])
        assert eff.summary().equals(numbers.summary())
        assert eff.design.reference == numbers.design.reference
        new = {"year": [2005, 2010]}
        assert eff.predict(new, warn=False).equals(numbers.predict(new, warn=False))
        fig = eff.plot("year", method="continuous")  # needs the years as numbers
        matplotlib.pyplot.close(fig)


def test_a_factor_nested_in_the_year_is_warned_about_and_one_spread_over_it_is_not():
    """Premiers each in their own years: a contrast of premiers holds the year where most never were."""
    m = fitted_model()
    data = m.documents_.reset_index(drop=True).copy()
    order = data["year"].rank(method="first").astype(int)
    data["premier"] = np.where(order <= 27, "李鹏", np.where(order <= 54, "朱镕基", "温家宝"))
    with pytest.warns(UserWarning, match=r"premier's levels sit in different ranges of year \(.*\): a contrast of "
                                         r"premier levels compares them at a year most of them never had \(2 of 3"):
        estimate_effect(m, "premier + year", data=data, uncertainty="none")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        estimate_effect(m, "group + year", data=data, uncertainty="none")
    assert not [w for w in caught if "different ranges" in str(w.message)]
