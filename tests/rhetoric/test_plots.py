"""The rhetoric figures name moves and parts in Chinese beside their ids, and leave other labels alone."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

from speechtopics.plots import plot_move_profile  # noqa: E402


def test_move_profile_names_moves_and_parts_in_chinese():
    shares = pd.DataFrame({"achievement": [0.5, 0.2], "alignment": [0.3, 0.1], "mine": [0.2, 0.7]},
                          index=pd.Index(["opening", "closing"], name="part"))
    fig = plot_move_profile(shares)
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["成绩 achievement", "看齐 alignment", "mine"]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["开头 opening", "结尾 closing"]
    plt.close(fig)


def test_move_profile_says_how_many_paragraphs_and_documents_each_part_rests_on():
    """A news broadcast has an opening in a few documents: 新闻联播's opening bar rested on 6 paragraphs of 4
    broadcasts, its closing bar (95 % mobilisation) on 42, and neither the figure nor the table said so."""
    from speechtopics.analysis import part_move_shares

    moves = pd.DataFrame({"doc_id": ["a", "a", "a", "b", "b", "c"],
                          "part": ["opening", "body", "body", "body", "closing", "body"],
                          "move": ["alignment", "other", "achievement", "other", "mobilisation", "other"]})
    shares = part_move_shares(moves)
    assert shares["n_paragraphs"].tolist() == [1, 4, 1]
    assert shares["n_documents"].tolist() == [1, 3, 1]
    assert shares.loc["body", ["achievement", "other"]].tolist() == [0.25, 0.75]
    fig = plot_move_profile(shares)
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == [
        "开头 opening\nn=1 段 · 1 篇", "主体 body\nn=4 段 · 3 篇", "结尾 closing\nn=1 段 · 1 篇"]
    assert "n_paragraphs" not in [t.get_text() for t in ax.get_legend().get_texts()]
    plt.close(fig)
