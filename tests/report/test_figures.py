"""report.figures: the corpus overview names its groups (one group: no legend) and can group by a column."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

import speechtopics as st


def _docs() -> pd.DataFrame:
    return pd.DataFrame({"collection": ["dataframe"] * 6, "year": [2019, 2019, 2020, 2021, None, 2021],
                         "n_chars": [800, 1200, 3000, 500, 900, 40000],
                         "department": ["工信厅", "教育厅", "工信厅", "教育厅", "工信厅", None]})


def test_a_corpus_of_one_collection_has_no_legend_and_one_box_for_all():
    fig = st.plots.plot_corpus_overview(_docs())
    years, lengths = fig.axes
    assert years.get_legend() is None  # was one entry, "dataframe"
    assert [t.get_text() for t in lengths.get_yticklabels()] == ["全部文档 (n=6)"]  # was English in a Chinese figure
    plt.close(fig)
    for lang, box in (("en", "all documents (n=6)"), ("both", "全部文档 all documents (n=6)")):
        fig = st.plots.plot_corpus_overview(_docs(), lang=lang)
        assert [t.get_text() for t in fig.axes[1].get_yticklabels()] == [box]
        plt.close(fig)


def test_the_overview_by_a_metadata_column_names_each_group_with_its_count():
    fig = st.plots.plot_corpus_overview(_docs(), by="department")
    years, lengths = fig.axes
    entries = [t.get_text() for t in years.get_legend().get_texts()]
    # an undated document is in n but on no line: the legend says so (the 200 undated regulations of one
    # department read as missing from its year line)
    assert entries == ["(none) (n=1)", "工信厅 (n=3, 1 undated)", "教育厅 (n=2)"]
    assert years.get_legend().get_title().get_text() == "department"
    assert [t.get_text() for t in lengths.get_yticklabels()] == ["(none) (n=1)", "工信厅 (n=3)", "教育厅 (n=2)"]
    counts = {line.get_label(): dict(zip(line.get_xdata(), line.get_ydata())) for line in years.get_lines()}
    assert counts["工信厅 (n=3, 1 undated)"] == {2019: 1, 2020: 1}
    plt.close(fig)
    docs = _docs().assign(department=lambda d: d["department"].astype("category"))
    plt.close(st.plots.plot_corpus_overview(docs, by="department"))  # a categorical column too


def test_years_without_a_document_count_zero_on_the_line():
    docs = pd.DataFrame({"collection": ["a"] * 4 + ["b"] * 2, "year": [2001, 2001, 2004, 2005, 2003, 2003],
                         "n_chars": [500] * 6})
    fig = st.plots.plot_corpus_overview(docs)
    counts = {line.get_label(): dict(zip(line.get_xdata().tolist(), line.get_ydata().tolist()))
              for line in fig.axes[0].get_lines()}
    assert counts["a (n=4)"] == {2001: 2, 2002: 0, 2003: 0, 2004: 1, 2005: 1}  # not 2001 -> 2004 in one stroke
    assert counts["b (n=2)"] == {2003: 2}  # from a group's first year to its last
    plt.close(fig)
