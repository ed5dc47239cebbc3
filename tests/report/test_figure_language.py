"""report.labels: en gives figures whose fixed text (titles, axis labels, legends, colour bars, move and part
names) is English, both gives Chinese and English, zh the text the figures always drew."""

from __future__ import annotations

import re

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from scipy.cluster.hierarchy import linkage  # noqa: E402

from speechtopics import analysis, plots  # noqa: E402

HAN = re.compile(r"[\u3400-\u9fff]")


def fixed_text(fig) -> list[str]:
    """Every title, axis label, legend entry and tick label a reader sees, colour bars included."""
    out = []
    for ax in fig.axes:
        out += [ax.get_title(), ax.get_xlabel(), ax.get_ylabel()]
        out += [t.get_text() for t in ax.get_xticklabels() + ax.get_yticklabels()]
        if ax.get_legend() is not None:
            out += [t.get_text() for t in ax.get_legend().get_texts()]
    return [t for t in out if t]


def move_shares():
    return pd.DataFrame({"achievement": [0.5, 0.2], "mobilisation": [0.5, 0.8], "n_paragraphs": [4, 6],
                         "n_documents": [2, 3]}, index=pd.Index(["opening", "closing"], name="part"))


def density():
    return pd.DataFrame({"lexicon_ratio": [0.1, 0.2, 0.3], "formulaic_share": [0.2, 0.1, 0.3]})


def diffusion():
    return pd.DataFrame([[1.0, 0.0], [2.0, 1.0]], index=["四个全面", "两个维护"], columns=[2019, 2020])


def rhetoric_figures(lang):
    z = linkage(np.array([[0.0], [1.0], [3.0]]), "ward")
    return {"moves": plots.plot_move_profile(move_shares(), lang=lang),
            "density": plots.plot_density(density(), lang=lang),
            "dendrogram": plots.plot_rhetoric_dendrogram(z, ["a", "b", "c"], 2, lang=lang),
            "diffusion": plots.plot_diffusion(diffusion(), lang=lang)}


def other_figures(lang):
    docs = pd.DataFrame({"collection": ["x", "x"], "year": [2019, 2020], "n_chars": [100, 300]})
    coords = np.array([[0.0, 0.0], [1.0, 1.0], [0.0, 1.0]])
    return {"overview": plots.plot_corpus_overview(docs, lang=lang),
            "stability": plots.plot_stability(np.array([0.9, 0.3]), ["a", "b"], 0.5, lang=lang),
            "map": plots.plot_cluster_map(coords, [0, 0, 1], {0: "a", 1: "b"}, lang=lang)}


def test_english_figures_have_no_chinese_fixed_text():
    figs = {**rhetoric_figures("en"), **other_figures("en")}
    for name, fig in figs.items():
        texts = fixed_text(fig)
        if name == "diffusion":  # the formulas are data, drawn as written; the year axis and bar are not
            texts = [t for t in texts if t not in ("四个全面", "两个维护")]
            texts.append(fig.axes[1].get_ylabel())
        assert texts, name
        assert not [t for t in texts if HAN.search(t)], (name, texts)
        plt.close(fig)
    moves = plots.plot_move_profile(move_shares(), lang="en").axes[0]
    assert [t.get_text() for t in moves.get_yticklabels()] == ["opening\nn=4 paragraphs · 2 documents",
                                                               "closing\nn=6 paragraphs · 3 documents"]
    plt.close("all")


def test_both_figures_write_chinese_and_english():
    for name, fig in {**rhetoric_figures("both"), **other_figures("both")}.items():
        ax = fig.axes[0]
        for text in (ax.get_title() or ax.get_xlabel(), ax.get_xlabel()):
            assert HAN.search(text) and re.search("[a-z]", text), (name, text)
        plt.close(fig)


def test_chinese_figures_draw_what_they_always_drew():
    default = {**rhetoric_figures("zh"), **other_figures("zh")}
    z = linkage(np.array([[0.0], [1.0], [3.0]]), "ward")
    docs = pd.DataFrame({"collection": ["x", "x"], "year": [2019, 2020], "n_chars": [100, 300]})
    coords = np.array([[0.0, 0.0], [1.0, 1.0], [0.0, 1.0]])
    unset = {"moves": plots.plot_move_profile(move_shares()), "density": plots.plot_density(density()),
             "dendrogram": plots.plot_rhetoric_dendrogram(z, ["a", "b", "c"], 2),
             "diffusion": plots.plot_diffusion(diffusion()),
             "overview": plots.plot_corpus_overview(docs),
             "stability": plots.plot_stability(np.array([0.9, 0.3]), ["a", "b"], 0.5),
             "map": plots.plot_cluster_map(coords, [0, 0, 1], {0: "a", 1: "b"})}
    for name, fig in default.items():
        assert fixed_text(fig) == fixed_text(unset[name]), name
    assert default["moves"].axes[0].get_title() == "各部分的修辞行为"
    assert plots.plot_density(density(), title="mine", lang="en").axes[0].get_title() == "mine"
    plt.close("all")


def test_top_word_bars_are_glossed_and_a_word_without_a_gloss_stays_chinese():
    top = [[("扶贫", 0.3), ("某某词", 0.2)]]
    ticks = {lang: [t.get_text() for t in plots.plot_top_words(top, lang=lang).axes[0].get_yticklabels()]
             for lang in ("zh", "en", "both")}
    gloss = analysis.format_label("扶贫", "en")
    assert gloss != "扶贫"
    assert ticks["zh"] == ["某某词", "扶贫"]
    assert ticks["en"] == ["某某词", gloss]
    assert ticks["both"] == ["某某词", f"扶贫 ({gloss})"]
    plt.close("all")


def test_a_bad_language_is_refused():
    with pytest.raises(ValueError, match="label mode 'fr'"):
        plots.plot_density(density(), lang="fr")
