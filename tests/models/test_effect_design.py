"""Formulas of covariate effects: ``~`` optional, s() degrees of freedom, encoding kept for new data."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import speechtopics as st
from speechtopics.models.effect_design import EffectDesign, expand_smooths, normalise_formula, spline_df


@pytest.fixture
def frame():
    return pd.DataFrame({"level": ["a", "b", "c", "a"] * 10, "year": np.repeat(np.arange(2000, 2010), 4)})


def test_tilde_is_optional_and_lhs_rejected(frame):
    assert normalise_formula("C(level) + year") == normalise_formula("~C(level) + year") == "~ C(level) + year"
    assert EffectDesign("level", frame).terms == EffectDesign("~ level", frame).terms
    with pytest.raises(ValueError, match="left-hand side"):
        normalise_formula("y ~ level")


def test_spline_df_rule(frame):
    assert spline_df(frame["year"]) == 3  # 10 distinct years: min(10, max(1, 10 // 3))
    assert spline_df(range(100)) == 10
    assert spline_df([1, 2, 3]) == 1
    assert "df=4, degree=3" in expand_smooths("~ s(year, 4)", frame)
    assert "df=1, degree=1" in expand_smooths("~ s(year)", frame.head(3 * 4))  # three years -> a line
    with pytest.raises(ValueError, match="no column"):
        expand_smooths("~ s(month)", frame)


def test_new_data_reuses_levels_and_knots(frame):
    d = EffectDesign("C(level) * s(year, 5)", frame)
    assert d.matrix.shape == (40, 3 * 6)
    one = d.transform(frame.iloc[[5]])  # a single row keeps every level column and the fitted knots
    np.testing.assert_allclose(one, d.matrix[[5]])
    # missing variables are held at their median / mode
    assert d.reference == {"level": "a", "year": 2004.5}
    np.testing.assert_allclose(d.transform({"year": [2004.5]}), d.transform({"year": [2004.5], "level": ["a"]}))
    # beyond the data range the spline is extended, not an error
    assert np.isfinite(d.transform({"year": [2015.0]})).all()


def test_unknown_formula_variable_names_the_columns(frame):
    from speechtopics.models.effect_design import formula_variables

    with pytest.raises(ValueError, match=r"no column 'Year' .*did you mean 'year'"):
        formula_variables("C(level) + Year", frame)
    with pytest.raises(ValueError, match=r"^formula '~ s\(Year\)': no column 'Year' .*'year'\?$"):
        formula_variables("s(Year)", frame)


@pytest.mark.parametrize("formula, name, meant", [
    ("s(年份)", "年份", "year"),  # inside a smooth: the library's year column, named in Chinese
    ("C(部分) + year", "部分", "部门"),  # inside C()
    ("年份", "年份", "year"),  # bare
    ("C(部门):年度", "年度", "year"),  # in an interaction
    ("部门 * s(年份, 2)", "年份", "year"),
    ("s(year) + s(日期)", "日期", "date"),  # the library's date column
])
def test_every_missing_formula_variable_gets_the_formula_and_a_suggestion(frame, formula, name, meant):
    from speechtopics.models.effect_design import formula_variables

    data = frame.assign(部门=frame["level"], date=pd.Timestamp("2020-01-01"))
    with pytest.raises(st.FieldError) as err:
        formula_variables(formula, data)
    assert str(err.value).startswith(f"formula '~ {formula}': no column '{name}' (fields: ")
    assert str(err.value).endswith(f"; did you mean '{meant}'?")


def test_collinear_and_one_valued_covariates_are_refused_naming_them(frame):
    nested = frame.assign(file=frame["level"] + "_x")  # each file inside one level
    with pytest.raises(ValueError, match=r"collinear: C\(file\)\[T.b_x\], C\(file\)\[T.c_x\] are linear"):
        EffectDesign("C(level) + C(file)", nested)
    with pytest.raises(ValueError, match=r"'year' has 1 distinct value in the data \(2005\)"):
        EffectDesign("C(level) + year", frame.assign(year=2005))
    with pytest.raises(ValueError, match=r"'level' has 1 distinct value"):
        EffectDesign("C(level) + year", frame.assign(level="a"))


def test_a_level_the_data_do_not_have_is_an_error_not_the_reference(frame):
    design = EffectDesign("C(level) + year", frame)
    with pytest.raises(ValueError, match=r"level: 'bb' is not a value of the data \(values: a, b, c\); did you mean 'b'"):
        design.transform(pd.DataFrame({"level": ["bb"], "year": [2001]}))


def test_smooth_terms_read_as_written_and_a_smooth_made_a_line_says_so():
    d = pd.DataFrame({"年份": [2013, 2014, 2015, 2016] * 5, "g": list("ab") * 10})
    with pytest.warns(UserWarning, match=r"s\(年份\): 4 distinct values give one degree of freedom, so the smooth "
                                         r"is a straight line"):
        design = EffectDesign("~ g + s(年份)", d)
    assert design.terms == ["Intercept", "g[T.b]", "s(年份)[1]"]
    assert EffectDesign("~ s(年份, 2)", d).terms == ["Intercept", "s(年份)[1]", "s(年份)[2]"]


def test_a_backticked_name_is_read_as_written_and_its_factor_has_a_reference():
    d = pd.DataFrame({"级别（行政）": ["县", "市", "省"] * 6, "发言人 姓名": ["甲", "乙"] * 9})
    assert normalise_formula("～ C（`级别（行政）`）") == "~ C(`级别（行政）`)"  # operators full width, the name not
    design = EffectDesign("~ C(`级别（行政）`) + `发言人 姓名`", d)
    assert design.variables == ["发言人 姓名", "级别（行政）"]
    baselines = {t: design.term_baseline(t) for t in design.terms if "[T." in t}
    assert baselines and all(b in ("级别（行政）=县", "发言人 姓名=乙") for b in baselines.values())
    assert {b.split("=")[0] for b in baselines.values()} == {"级别（行政）", "发言人 姓名"}


def test_numbers_stored_as_objects_or_text_are_numbers_to_a_smooth(frame):
    plain = EffectDesign("C(level) + s(year, 3)", frame)
    for years in (frame["year"].astype(object), frame["year"].astype(str)):
        design = EffectDesign("C(level) + s(year, 3)", frame.assign(year=years))
        np.testing.assert_allclose(design.matrix, plain.matrix)
        assert design.reference == plain.reference and "year" not in design.levels
        np.testing.assert_allclose(design.transform({"year": ["2004"]}), plain.transform({"year": [2004]}))
    with pytest.raises(ValueError, match=r"s\(year\): year is not numeric \(values such as 'x'\)"):
        EffectDesign("s(year)", frame.assign(year=frame["year"].astype(object).where(frame.index > 0, "x")))


@pytest.mark.parametrize("formula", ["~", "~ 1", "1", " ~ 0 "])
def test_a_formula_without_a_covariate_is_refused_in_one_line(frame, formula):
    with pytest.raises(ValueError, match=r"names no covariate; give at least one column") as err:
        EffectDesign(formula, frame)
    assert "\n" not in str(err.value)


def test_a_misspelt_two_character_chinese_column_gets_a_suggestion(frame):
    """部分 for 部门 is one character off: the error names the column meant, in a formula and in read_corpus."""
    import speechtopics as st
    from speechtopics.models.effect_design import formula_variables

    with pytest.raises(ValueError, match=r"no column '部分' .*did you mean '部门'\?"):
        formula_variables("~ C(部分) + year", frame.assign(部门=frame["level"]))
    df = pd.DataFrame({"正文": ["同志们：今天召开全县经济工作会议，部署招商引资和项目建设。" * 5], "部门": ["人社厅"]})
    with pytest.raises(st.FieldError, match=r"'部分'.*did you mean '部门'\?"):
        st.read_corpus(df, text="正文", meta=["部分"])
