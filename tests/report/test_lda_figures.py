"""Plot functions of the LDA report: each returns a Figure with the expected axes and artists, writes nothing."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure

from speechtopics.models.lda import hierarchical_clusters
from speechtopics.report import lda_figures


@pytest.fixture(autouse=True)
def _no_files(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    yield
    assert not any(tmp_path.iterdir()), "a plot function wrote a file"
    import matplotlib.pyplot as plt

    plt.close("all")


def _summary():
    ks = [5, 10, 15]
    df = pd.DataFrame({"k": ks, "c_v": [0.4, 0.42, 0.41], "c_npmi_heldout": [0.0, -0.01, -0.02],
                       "stability": [0.7, 0.65, 0.6], "exclusivity": [0.8, 0.85, 0.9]})
    df["stability_sd"] = 0.01
    return df


def test_plot_sweep_one_panel_per_criterion():
    fig = lda_figures.plot_sweep(_summary(), best_k=10)
    assert isinstance(fig, Figure)
    visible = [ax for ax in fig.axes if ax.axison]
    assert len(visible) == 4 and len(fig.axes) == 6  # 2 x 3 grid, two panels switched off
    assert all(len(ax.lines) >= 2 for ax in visible)  # the curve and the chosen-K line


def test_plot_stability_bars_and_flags():
    fig = lda_figures.plot_stability(np.array([0.9, 0.3, 0.6]), ["甲", "乙", "丙"], 0.5)
    ax = fig.axes[0]
    assert len(ax.patches) == 3
    assert "†" in ax.get_yticklabels()[1].get_text() and "†" not in ax.get_yticklabels()[0].get_text()


def test_plot_heatmap_trends_dendrogram_comparison():
    rng = np.random.default_rng(0)
    theta = rng.dirichlet(np.ones(4), size=6)
    with pytest.warns(UserWarning, match="5 of 6 speeches drawn"):
        fig = lda_figures.plot_doc_topic_heatmap(theta, [f"d{i}" for i in range(6)], list("ABCD"), max_docs=5)
    assert len(fig.axes) == 2 and fig.axes[0].images[0].get_array().shape == (5, 4)  # heatmap + colorbar
    by_year = pd.DataFrame(theta[:3], index=[2014, 2015, 2016])
    fig = lda_figures.plot_topic_trends(by_year, list("ABCD"), n_cols=3, flagged=[True, False, False, False])
    assert len(fig.axes) == 6 and sum(ax.axison for ax in fig.axes) == 4
    assert fig.axes[0].get_title().endswith("†")
    _, z = hierarchical_clusters(theta, 2)
    fig = lda_figures.plot_dendrogram(z, [f"d{i}" for i in range(6)], 2)
    assert len(fig.axes) == 1 and len(fig.axes[0].get_yticklabels()) == 6
    table = pd.DataFrame({"model": ["unseeded", "seeded"], "c_npmi": [0.1, 0.2], "c_v": [0.4, 0.5],
                          "stability": [0.6, 0.7]})
    fig = lda_figures.plot_model_comparison(table)
    assert len(fig.axes) == 3 and all(len(ax.patches) == 2 for ax in fig.axes)


def test_top_words_panels_wrap_long_labels_inside_their_panel():
    import speechtopics as st

    top = [[("改革", 0.03), ("企业", 0.02)], [("合作", 0.03), ("和平", 0.01)]]
    labels = ["改革与营商环境（大中型企业·技术改造·乡镇企业）", "东盟·亚太·合作"]
    fig = st.plots.plot_top_words(top, labels, flagged=[False, True])
    titles = [ax.get_title() for ax in fig.axes]
    assert titles == ["改革与营商环境\n（大中型企业·技术改造·乡镇企业）", "东盟·亚太·合作 †"]
    fig.canvas.draw()
    right = fig.get_window_extent().x1
    assert all(ax.title.get_window_extent().x1 <= right for ax in fig.axes)


def test_long_speech_names_are_clipped_with_an_ellipsis():
    assert lda_figures.clip("在亚太经合组织工商领导人对话会上的主旨演讲（2020年11月19日）", 24) == \
        "在亚太经合组织工商领导人对话会上的主旨演讲（2…"
    assert lda_figures.clip("东盟·亚太", 24) == "东盟·亚太"


def test_a_cut_keeps_the_date_that_tells_two_copies_apart():
    a = lda_figures.clip("在纪念中国人民志愿军抗美援朝出国作战70周年大会上的讲话（2020-10-23）", 24)
    b = lda_figures.clip("在纪念中国人民志愿军抗美援朝出国作战70周年大会上的讲话（2020-10-24）", 24)
    assert a != b and a.endswith("…（2020-10-23）") and len(a) == 24


def test_plot_sweep_draws_the_rule_score_and_the_admissibility_line():
    summary = _summary().assign(score=[1.2, 1.5, np.nan], score_se=[0.2, 0.2, np.nan])
    fig = lda_figures.plot_sweep(summary, best_k=10, stability_threshold=0.5, lang="en")
    titles = {ax.get_title(): ax for ax in fig.axes if ax.axison}
    score = titles["rule's score (admissible K; dashed: best − 1 SE)"]
    assert [1.3, 1.3] in [[round(float(y), 6) for y in line.get_ydata()] for line in score.lines]  # best 1.5 − SE 0.2
    stability = titles["stability (dashed: admissible above)"]
    assert [0.5, 0.5] in [[round(float(y), 6) for y in line.get_ydata()] for line in stability.lines]


def test_heatmap_says_when_it_cuts_speeches_and_draws_all_silently(recwarn):
    theta = np.random.default_rng(1).dirichlet(np.ones(3), size=9)
    names = [f"讲话{i}" for i in range(9)]
    with pytest.warns(UserWarning, match=r"4 of 9 speeches drawn \(max_docs=4\); pass max_docs=9"):
        cut = lda_figures.plot_doc_topic_heatmap(theta, names, list("甲乙丙"), max_docs=4, lang="en")
    assert cut.axes[0].get_title() == "first 4 of 9 speeches"
    recwarn.clear()
    whole = lda_figures.plot_doc_topic_heatmap(theta, names, list("甲乙丙"), max_docs=9)
    assert whole.axes[0].get_title() == "" and len(whole.axes[0].get_yticklabels()) == 9
    assert not [w for w in recwarn if "speeches drawn" in str(w.message)]


def test_topic_trends_ticks_whole_years_only():
    by_year = pd.DataFrame(np.random.default_rng(2).dirichlet(np.ones(2), size=4), index=[2013, 2014, 2015, 2016])
    fig = lda_figures.plot_topic_trends(by_year, ["甲", "乙"], n_cols=2)
    fig.canvas.draw()
    ticks = [t for t in fig.axes[0].get_xticks() if 2013 <= t <= 2016]
    assert ticks and all(float(t).is_integer() for t in ticks)
