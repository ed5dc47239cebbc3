"""report.labels for the figures of models: covariate effects, specification curves, the topic network, the
K sweep, the LDA figures and the cluster-k curve draw their fixed text (titles, axis labels, legends) in
Chinese under zh (the default), in English under en, in both under both; labels and data as given."""

from __future__ import annotations

import re
import warnings

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from scipy.cluster.hierarchy import linkage  # noqa: E402

from speechtopics import plots  # noqa: E402
from speechtopics.models.effect_simulation import fit_stand_in, simulate_corpus  # noqa: E402
from speechtopics.models.effects import estimate_effect  # noqa: E402
from speechtopics.models.topic_correlations import TopicCorrelations  # noqa: E402

HAN = re.compile(r"[\u3400-\u9fff]")
LATIN_WORD = re.compile(r"[A-Za-z]{3,}")


def fixed_text(fig) -> list[str]:
    """Every figure title, axes title, axis label and legend entry (figure legends included)."""
    out = [fig._suptitle.get_text()] if fig._suptitle is not None else []
    for ax in fig.axes:
        out += [ax.get_title(), ax.get_xlabel(), ax.get_ylabel()]
        if ax.get_legend() is not None:
            out += [t.get_text() for t in ax.get_legend().get_texts()]
    for legend in fig.legends:
        out += [t.get_text() for t in legend.get_texts()]
    return [t for t in out if t]


@pytest.fixture(scope="module")
def effects():
    model = fit_stand_in(simulate_corpus(n_docs=60, doc_len=30, seed=4), k=3, seed=4, passes=3)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return (estimate_effect(model, "group + year", nsims=2),
                estimate_effect(model, "group + s(year)", nsims=2))


def robustness():
    return pd.DataFrame({"k": [3, 4, 3, 4], "seed": [1, 1, 1, 1], "reference_topic": [1, 1, 2, 2],
                         "matched_topic": [1, 2, 2, 0], "similarity": [1.0, 0.8, 1.0, 0.0], "term": ["x"] * 4,
                         "estimate": [0.2, 0.1, -0.1, np.nan], "ci_lower": [0.1, -0.1, -0.2, np.nan],
                         "ci_upper": [0.3, 0.3, 0.0, np.nan], "matched": [True, True, True, False]})


def sweep_summary():
    rows = {"k": [5, 10, 15], "score": [1.2, 1.5, np.nan], "score_se": [0.2, 0.2, np.nan]}
    for c in ("c_v", "c_npmi", "perplexity", "diversity", "exclusivity", "stability"):
        rows[c], rows[f"{c}_sd"] = [0.1, 0.3, 0.2], [0.01, 0.02, 0.01]
    return pd.DataFrame(rows)


def figures(effects, lang):
    """Each changed figure drawn under ``lang`` (``None``: without the argument, the default)."""
    plain, spline = effects
    kw = {} if lang is None else {"lang": lang}
    matrix = pd.DataFrame([[1, .3, 0], [.3, 1, -.2], [0, -.2, 1]], index=[1, 2, 3], columns=[1, 2, 3])
    comparison = pd.DataFrame({"model": ["unseeded", "seeded"], "c_npmi": [0.1, 0.2], "c_v": [0.4, 0.5],
                               "stability": [0.6, 0.7]})
    curve = pd.DataFrame({"k": [2, 3, 4], "stability": [0.9, 0.8, 0.5], "sd": [0.05, 0.1, 0.2],
                          "chosen": [False, True, False]})
    theta = np.random.default_rng(1).dirichlet(np.ones(3), size=6)
    trends = pd.DataFrame(theta[:, :2], index=[1960, 1961, 1962, 1990, 1991, 1992])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return {
            "point": plots.plot_effect(plain, "group", **kw),
            "difference": plots.plot_effect(plain, "group", method="difference", cov_value1="b",
                                            cov_value2="a", **kw),
            "continuous": plots.plot_effect(plain, "year", method="continuous", **kw),
            "method": plain.plot("year", method="continuous", **kw),
            "grid": plots.plot_effect_grid(spline, "year", by="group", n_cols=2, **kw),
            "specification": plots.plot_specification_curve(robustness(), 1, "x", **kw),
            "specifications": plots.plot_specification_curves(robustness(), "x", **kw),
            "network": plots.plot_topic_network(TopicCorrelations(matrix, "glasso", 0.01, None, list("abc")),
                                                positive_only=False, **kw),
            "sweep": plots.plot_sweep(sweep_summary(), best_k=10, stability_threshold=0.5, **kw),
            "comparison": plots.plot_model_comparison(comparison, **kw),
            "dendrogram": plots.plot_dendrogram(linkage(theta, "average"), list("abcdef"), 2, **kw),
            "heatmap": plots.plot_doc_topic_heatmap(theta, list("abcdef"), ["a", "b", "c"], max_docs=4, **kw),
            "trends": plots.plot_topic_trends(trends, ["a", "b"], n_cols=2, **kw),
            "cluster_k": plots.plot_cluster_k(curve, **kw),
        }


def test_chinese_is_the_default_and_every_figure_has_chinese_fixed_text(effects):
    zh, unset = figures(effects, "zh"), figures(effects, None)
    for name, fig in zh.items():
        texts = fixed_text(fig)
        assert texts and texts == fixed_text(unset[name]), name
        assert any(HAN.search(t) for t in texts), (name, texts)
    assert "主题比例期望值" in zh["continuous"].axes[0].get_ylabel()
    assert "95% 置信区间" in zh["point"].axes[0].get_title()
    assert zh["sweep"].axes[0].get_xlabel() == "主题数 K"
    assert "语义一致性 c_v" in [ax.get_title() for ax in zh["sweep"].axes]
    assert "稳定性" in zh["cluster_k"].axes[0].get_ylabel() and "ARI" in zh["cluster_k"].axes[0].get_ylabel()
    assert zh["specification"].axes[0].get_title().startswith("主题 1，x\n与参照模型同号")
    assert "偏相关系数" in zh["network"].axes[0].get_title()
    plt.close("all")


def test_english_figures_write_no_chinese_where_the_data_is_latin(effects):
    en = figures(effects, "en")
    for name, fig in en.items():
        texts = fixed_text(fig)
        assert texts, name
        assert not [t for t in texts if HAN.search(t)], (name, texts)
        assert any(LATIN_WORD.search(t) for t in texts), (name, texts)
    assert en["continuous"].axes[0].get_ylabel() == "Expected topic share"
    assert en["sweep"].axes[0].get_xlabel() == "K"
    assert en["cluster_k"].axes[0].get_xlabel() == "k (clusters)"
    assert en["specifications"]._suptitle.get_text() == "Robustness across models (K, seed): x"
    title = "Topic partial correlations (graphical lasso) above 0.01: 2 edges"
    assert en["network"].axes[0].get_title() == title
    plt.close("all")


def test_both_figures_write_chinese_and_english(effects):
    for name, fig in figures(effects, "both").items():
        texts = fixed_text(fig)
        assert any(HAN.search(t) and LATIN_WORD.search(t) for t in texts), (name, texts)
    plt.close("all")


def test_data_drawn_in_the_figures_is_the_same_in_every_language(effects):
    ticks = {lang: [t.get_text() for t in figures(effects, lang)["specification"].axes[0].get_xticklabels()]
             for lang in ("zh", "en")}
    assert [t.replace(" (参照)", " (ref)") for t in ticks["zh"]] == ticks["en"]
    assert any(t.endswith(" (ref)") for t in ticks["en"])
    plt.close("all")


def test_a_bad_language_is_refused(effects):
    with pytest.raises(ValueError, match="label mode 'fr'"):
        plots.plot_effect(effects[0], "group", lang="fr")
    with pytest.raises(ValueError, match="label mode 'fr'"):
        plots.plot_sweep(sweep_summary(), lang="fr")
