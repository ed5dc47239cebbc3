"""What effect tables and warnings say about their rows: the contrast of a difference, the reference
level a factor's terms are compared with, and numbers stored as text that a bare term makes a factor."""

from __future__ import annotations

import io
import warnings

import numpy as np
import pandas as pd
import pytest
from models.effect_stub import fitted_model

from speechtopics.models.effects import estimate_effect
from speechtopics.models.robustness import robust_effects


class Drawn(Exception):
    """Raised in place of the share draws: everything said before it was said before any draw."""


def said_before_draws(monkeypatch, *args, **kwargs) -> list[str]:
    """The warnings ``estimate_effect(*args, **kwargs)`` gives before it reaches the share draws."""
    import speechtopics.models.effects as effects

    def stop(*_, **__):
        raise Drawn

    monkeypatch.setattr(effects, "share_draws", stop)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with pytest.raises(Drawn):
            estimate_effect(*args, **kwargs)
    return [str(w.message) for w in caught if issubclass(w.category, UserWarning)]


def text_years():
    m = fitted_model()
    return m, m.documents_.assign(year_text=lambda d: d["year"].astype(str))


def test_years_stored_as_text_in_a_bare_term_are_a_factor_with_a_warning_naming_the_column(monkeypatch):
    m, data = text_years()
    said = said_before_draws(monkeypatch, m, "~ year_text + group", data=data, nsims=2)
    line = next(s for s in said if "numbers stored as text" in s)
    assert line.startswith("year_text holds numbers stored as text")
    assert "not a linear trend" in line and "pd.to_numeric(data['year_text'])" in line and "C(year_text)" in line
    assert f"compared with year_text={data['year_text'].min()}" in line


def test_no_text_number_warning_where_the_reader_asked_for_a_factor_or_gave_numbers(monkeypatch):
    m, data = text_years()
    data = data.assign(flag=lambda d: (d["year"] > 2010).astype(int).astype(str))  # "0"/"1": a dummy either way
    for formula in ("~ C(year_text)", "~ year", "~ s(year_text)", "~ flag"):
        said = said_before_draws(monkeypatch, m, formula, data=data, nsims=2)
        assert not [s for s in said if "numbers stored as text" in s], formula


def test_the_text_factor_is_the_same_fit_as_C():
    m, data = text_years()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        bare = estimate_effect(m, "~ year_text", data=data, nsims=2, topics=[1]).summary()
        named = estimate_effect(m, "~ C(year_text)", data=data, nsims=2, topics=[1]).summary()
    assert np.allclose(bare["estimate"], named["estimate"]) and (bare["reference"] == named["reference"]).all()


def test_a_reference_level_of_one_document_is_warned_about_with_a_larger_one_to_use(monkeypatch):
    m = fitted_model()
    data = m.documents_.copy()
    data["office"] = ["aa"] + ["bb", "cc"] * ((len(data) - 1) // 2) + ["bb"] * ((len(data) - 1) % 2)
    said = said_before_draws(monkeypatch, m, "~ C(office) + year", data=data, nsims=2, cov_type="HC1")
    line = next(s for s in said if "compared with office=aa" in s)
    assert "a level of 1 document" in line and "with HC1 far too narrow" in line
    big = data["office"].value_counts()
    assert f"C(office, Treatment('{big.index[0]}')) ({big.iloc[0]} documents)" in line
    said = said_before_draws(monkeypatch, m, "~ C(office, Treatment('bb')) + year", data=data, nsims=2)
    assert not [s for s in said if "compared with office=" in s]
    assert any("Treatment('bb'))[T.aa] (1 document)" in s for s in said)  # the small level is still named


def test_a_difference_table_names_its_contrast_and_the_values_held():
    m = fitted_model()
    eff = estimate_effect(m, "group + year", nsims=2, topics=[1, [2, 3]])
    diff = eff.difference("group", "b", "a")
    assert list(diff.columns) == ["topic", "contrast", "year", "estimate", "ci_lower", "ci_upper"]
    assert (diff["contrast"] == "group: b − a").all() and (diff["year"] == eff.design.reference["year"]).all()
    assert diff.attrs["held"] == {"year": eff.design.reference["year"]}
    at = eff.difference("group", "b", "a", moderator="year", moderator_value=2005)
    assert (at["year"] == 2005).all() and at.attrs["held"] == {}
    pred = eff.predict(pd.DataFrame({"group": ["b", "a"], "year": [2005, 2005]}))
    assert at["estimate"].tolist() == pytest.approx(
        (pred["estimate"].iloc[::2].to_numpy() - pred["estimate"].iloc[1::2].to_numpy()).tolist(), abs=1e-12)
    years = eff.difference("year", 2015.0, 2005)
    assert (years["contrast"] == "year: 2015 − 2005").all() and "group" in years.columns


def test_the_specification_curve_names_the_contrast_as_the_difference_does():
    m = fitted_model()
    curve = robust_effects("group + year", [m], covariate="group", contrast=("b", "a"), nsims=2)
    diff = estimate_effect(m, "group + year", nsims=2).difference("group", "b", "a")
    assert set(curve["term"]) == set(diff["contrast"])


def test_the_same_seed_gives_byte_identical_effect_tables():
    m = fitted_model()

    def tables():
        eff = estimate_effect(m, "group + s(year, 3)", nsims=3, seed=5)
        out = io.StringIO()
        for table in (eff.summary(), eff.difference("group", "b", "a"), eff.predict({"year": [2001, 2010]})):
            table.to_csv(out, index=False)
        return out.getvalue().encode()

    assert tables() == tables()


def test_documents_left_out_for_a_missing_value_are_named_before_any_draw(monkeypatch):
    m = fitted_model()
    data = m.documents_.reset_index(drop=True).copy()
    gone = [1, 4, 6, 20, 33, 41, 50]
    data.loc[gone, "year"] = None
    said = said_before_draws(monkeypatch, m, "group + year", data=data, nsims=2)
    line = next(s for s in said if "left out of the effect estimate" in s)
    first = ", ".join(data.loc[gone[:5], "doc_id"])
    assert f"7 of {len(data)} documents" in line and f"(doc_id {first} and 2 more;" in line


def test_a_held_year_is_saved_as_a_whole_number(tmp_path):
    """The median of whole numbers that is itself whole is held as an int: 2011 in the CSV, not 2011.0000."""
    import speechtopics as st

    m = fitted_model()
    eff = estimate_effect(m, "~ group + year", nsims=2, uncertainty="none")
    diff = eff.difference("group", "a", "b")
    assert diff.attrs["held"] == {"year": 2011} and isinstance(diff.attrs["held"]["year"], int)
    rows = st.save_table(diff, "difference", tmp_path)[0].read_text(encoding="utf-8").splitlines()
    assert rows[0] == "topic,contrast,year,estimate,ci_lower,ci_upper"
    assert all(r.split(",")[2] == "2011" for r in rows[1:])
    held = estimate_effect(m, "~ group + x", nsims=2, uncertainty="none",  # a median of 0.5s stays a float
                           data=m.documents_.assign(x=m.documents_["year"] + 0.5)).difference("group", "a", "b")
    assert held.attrs["held"] == {"x": 2011.5}
