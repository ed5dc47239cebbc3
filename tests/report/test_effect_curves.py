"""A continuous effect curve says where it rests on few documents or draws beyond them."""

from __future__ import annotations

import warnings

import matplotlib
import numpy as np
import pytest
from models.effect_stub import fitted_model

from speechtopics import plots
from speechtopics.models.effects import estimate_effect


def curve_warnings(draw) -> list[str]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig = draw()
    matplotlib.pyplot.close(fig)
    return [str(w.message) for w in caught if "the curve over" in str(w.message)]


@pytest.fixture(scope="module")
def office_effect():
    """``office`` x: one document; y: the documents after 2015 only; z: the rest."""
    m = fitted_model()
    data = m.documents_.copy()
    data["office"] = np.where(data["year"] > 2015, "y", "z")
    data.loc[data.index[0], "office"] = "x"
    data["urban"] = (data.index % 2).astype(float)  # 0/1 in equal numbers: its median, 0.5, is no document's
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return estimate_effect(m, "office + year", data=data, nsims=2, topics=[1]), estimate_effect(
            m, "group + year + urban", data=data, nsims=2, topics=[1])


def test_a_curve_held_at_a_level_of_one_document_says_so(office_effect):
    eff = office_effect[0]
    said = curve_warnings(lambda: eff.plot("year", method="continuous", moderator="office", moderator_value="x"))
    assert len(said) == 1 and "office=x has 1 document" in said[0]


def test_a_curve_beyond_its_held_documents_years_is_warned_and_hatched(office_effect):
    eff = office_effect[0]
    years = eff.data.loc[eff.data["office"] == "y", "year"]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig = plots.plot_effect_grid(eff, "year", fixed={"office": "y"})  # the grid's own span: all years
    said = [str(w.message) for w in caught if "the curve over" in str(w.message)]
    assert len(said) == 1 and f"outside the documents with office=y (year {years.min()}-{years.max()})" in said[0]
    # the span drawn outside is in whole years, up to the year before y's first (not the grid point 2015.97)
    assert f"year {eff.data['year'].min()}-{years.min() - 1} is drawn outside" in said[0]
    matplotlib.pyplot.close(fig)
    hatched = curve_warnings(lambda: eff.plot("year", method="continuous", moderator="office", moderator_value="z"))
    assert hatched == []  # the curve spans z's own documents: nothing to say


def test_a_held_number_no_document_has_is_named(office_effect):
    eff = office_effect[1]
    said = curve_warnings(lambda: eff.plot("year", method="continuous"))
    assert len(said) == 1 and "urban is held at 0.5, a value no document has (its values: 0, 1)" in said[0]


def test_a_curve_over_its_documents_says_nothing():
    eff = estimate_effect(fitted_model(), "group + year", nsims=2, topics=[1])
    assert curve_warnings(lambda: eff.plot("year", method="continuous")) == []
    assert curve_warnings(lambda: plots.plot_effect_grid(eff, "year", by="group")) == []


def test_the_span_outside_the_held_documents_is_hatched_in_the_figure(office_effect):
    eff = office_effect[0]  # office held at its mode, z, whose documents end in 2015
    assert eff.design.reference["office"] == "z"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig = eff.plot("year", method="continuous", lang="en")
    said = [str(w.message) for w in caught if "the curve over" in str(w.message)]
    labels = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    matplotlib.pyplot.close(fig)
    z = eff.data.loc[eff.data["office"] == "z", "year"]
    assert len(said) == 1 and f"outside the documents with office=z (year {z.min()}-{z.max()})" in said[0]
    assert "outside the documents held (extrapolated)" in labels


def _hatched(fig) -> int:
    return sum(1 for ax in fig.axes for c in ax.collections if c.get_hatch() == "//")


def test_the_grid_hatches_the_span_outside_the_held_documents_and_not_a_curve_within_them(office_effect):
    eff = office_effect[0]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        beyond = plots.plot_effect_grid(eff, "year", fixed={"office": "y"}, lang="en")  # y: after 2015 only
        within = plots.plot_effect_grid(eff, "year", by="office", levels=["y", "z"], lang="en")  # own years
    assert _hatched(beyond) == len(beyond.axes) and "hatched: outside the documents held" in beyond.texts[0].get_text()
    assert _hatched(within) == 0
    matplotlib.pyplot.close(beyond)
    matplotlib.pyplot.close(within)
