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
