"""figure_layout and the small-multiples figures that use it: a long title is wrapped and a legend gets
the columns the figure's width holds, so a saved figure is no wider than its panels."""

from __future__ import annotations

import warnings

import matplotlib
import matplotlib.pyplot as plt
import pytest
from models.effect_stub import fitted_model

from speechtopics.models.effects import estimate_effect
from speechtopics.report.effect_panels import plot_effect_grid
from speechtopics.report.figure_layout import fit_legend, title_and_legend, wrap_to_width


def _saved_width(fig) -> float:
    """The width in inches that save_figure's bbox_inches='tight' gives the figure."""
    fig.canvas.draw()
    return fig.get_tightbbox().width


def test_a_long_title_is_wrapped_to_the_width_and_every_word_kept():
    fig = plt.figure(figsize=(3, 2))
    title = "Expected topic share over 年份: one curve per 部门, over its own years, 95% band " * 2
    wrapped = wrap_to_width(fig, title.strip(), 9)
    assert wrapped.split() == title.split() and wrapped.count("\n") >= 2
    probe = fig.text(0, 0, "", fontsize=9)
    for line in wrapped.splitlines():
        probe.set_text(line)
        assert probe.get_window_extent().width <= 3 * fig.dpi
    plt.close(fig)


def test_a_legend_takes_the_columns_that_fit_and_one_row_when_all_fit():
    fig, ax = plt.subplots(figsize=(3, 2))
    lines = [ax.plot([0, 1], label=f"department=省政府办公厅{i} (n=77)")[0] for i in range(5)]
    narrow = fit_legend(fig, lines, [ln.get_label() for ln in lines], fontsize=8)
    assert narrow.get_window_extent().width <= 3 * fig.dpi
    rows_height = narrow.get_window_extent().height
    narrow.remove()
    fig.set_size_inches(30, 2)
    wide = fit_legend(fig, lines, [ln.get_label() for ln in lines], fontsize=8)
    assert wide.get_window_extent().height < rows_height / 2  # one row, not several
    plt.close(fig)


def test_title_and_legend_keep_the_panels_height_and_the_figures_width():
    fig, ax = plt.subplots(figsize=(3, 2))
    lines = [ax.plot([0, 1], label=f"department=工信厅{i}")[0] for i in range(4)]
    texts = [ln.get_label() for ln in lines]
    title_and_legend(fig, "a title longer than the figure is wide " * 3, 9, lines, texts)
    assert fig.get_figwidth() == 3 and fig.get_figheight() > 2
    assert _saved_width(fig) <= 3.05
    plt.close(fig)
    fig, ax = plt.subplots(figsize=(2, 2))
    line = ax.plot([0, 1], label="department=河北省人力资源和社会保障厅（省级部门） (n=80)")
    title_and_legend(fig, "title", 9, line, [line[0].get_label()])
    assert fig.get_figwidth() > 2 and _saved_width(fig) <= fig.get_figwidth() * 1.02  # widened to fit
    plt.close(fig)


@pytest.mark.parametrize("topics", [[1], [1, 2, 3]])
def test_an_effect_grid_with_one_panel_and_five_long_levels_is_as_wide_as_its_panels(topics):
    m = fitted_model()
    offices = ("人力资源和社会保障厅", "科学技术厅", "政府办公厅", "工业和信息化厅", "教育厅")
    names = [f"河北省{d}（省级部门）" for d in offices]
    data = m.documents_.reset_index(drop=True)
    data = data.assign(department=[names[i % 5] for i in range(len(data))])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        eff = estimate_effect(m, "department + s(year)", data=data, nsims=2, topics=topics)
        fig = plot_effect_grid(eff, "year", by="department", lang="en")
    panels = [ax for ax in fig.axes if ax.axison]
    assert len(panels) == len(topics)
    assert _saved_width(fig) <= fig.get_figwidth() * 1.05  # was 3.2 times the panel: a one-row legend
    assert ("\n" in fig._suptitle.get_text()) == (len(topics) == 1)  # wrapped where wider than the figure
    texts = [t.get_text() for t in fig.legends[0].get_texts()]
    assert sorted(texts) == sorted(f"department={n} (n={(data['department'] == n).sum()})" for n in names)
    matplotlib.pyplot.close(fig)
