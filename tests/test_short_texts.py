"""Headlines and one-line statements as a corpus: kept as text, and what cannot carry a model is said."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

import speechtopics as st
from speechtopics.config import Config

TITLES = ["国务院常务会议部署稳经济一揽子政策措施", "科学家发现新型超导材料有望用于电网", "央行宣布下调存款准备金率",
          "全国秋粮收购工作有序推进", "教育部部署做好高校毕业生就业工作", "多地出台措施支持新能源汽车消费"]


def _short(min_chars: int = 5) -> Config:
    cfg = Config()
    return dataclasses.replace(cfg, clean=dataclasses.replace(cfg.clean, min_chars=min_chars))


def test_a_table_cells_only_line_is_its_body_not_its_title():
    corpus = st.read_corpus(pd.DataFrame({"text": TITLES, "month": ["1", "2", "12", "3", "4", "5"]}),
                            meta=["month"], config=_short())
    assert (corpus.documents["status"] == "kept").all()  # was: every row "no body text (only page furniture)"
    assert corpus.documents["month"].tolist() == ["1", "2", "12", "3", "4", "5"]  # a DataFrame's text stays text


def test_most_rows_left_out_is_said_by_read_corpus():
    with pytest.warns(UserWarning, match=r"6 of 6 documents \(100%\) left out, most often: too short"):
        st.read_corpus(pd.DataFrame({"text": TITLES}))  # the default min_chars (50) is for speeches


def test_units_of_a_few_words_are_said_too_short_for_lda():
    corpus = st.read_corpus(pd.DataFrame({"text": TITLES * 3}), config=_short())
    with pytest.warns(UserWarning, match=r"content words on average: too few for LDA"):
        st.TopicModel(k=2, seed=1, passes=1, iterations=10, unit="speech", min_unit_tokens=1, no_below=1).fit(corpus)
