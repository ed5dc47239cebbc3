"""Which words may name a topic or a speech cluster: person names and forms of address are passed over
(labels.is_person, label_words), content words that jieba also tags nr are kept."""

import pytest

from speechtopics.models import labels as lab


@pytest.mark.parametrize("word", ["朱德", "陈云", "列宁", "周恩来", "恩格斯", "毛泽东", "习近平"])
def test_two_and_three_character_names_are_persons(word):
    assert lab.is_person(word)


@pytest.mark.parametrize("word", ["毛主席", "周总理", "江总书记", "胡主席", "朱总司令", "邓同志"])
def test_a_surname_with_a_title_is_a_person(word):
    assert lab.is_person(word)


@pytest.mark.parametrize("word", ["文明", "亚太", "黄河", "长城", "顾问", "中央", "人民", "从严治党", "陆军",
                                  "钟声", "总书记", "主席", "同志", "副主席"])
def test_content_words_and_bare_titles_are_not_persons(word):
    assert not lab.is_person(word)


def test_a_name_needs_both_sources_for_two_characters():
    figures = lab.historical_figures()
    assert "陆军" in figures and "列宁" in figures  # THUOCL's list holds a common noun too
    assert "列宁" in lab.person_names() and "陆军" not in lab.person_names()


def test_labels_and_cluster_words_pass_over_names_and_forms_of_address():
    words = ["毛主席", "无产阶级", "朱德", "四人帮", "陈云", "文明", "资产阶级"]
    assert lab.label_words(words) == ["无产阶级", "四人帮", "文明"]
    assert lab.label_words(["工人阶级", "朱德", "劳模", "陈云", "工会", "周总理", "亚太"], 4) == [
        "工人阶级", "劳模", "工会", "亚太"]


@pytest.mark.parametrize("word", ["许昌", "武威", "富平", "彭泽", "元朗", "高平", "杨陵", "左权"])
def test_a_place_that_is_also_a_name_in_the_list_of_figures_is_a_place(word):
    # a local government's topic is labelled by its places: 许昌 (许昌市) is no person, 左权 (左权县) a place first
    assert not lab.is_person(word)


def test_current_and_foreign_leaders_name_no_topic():
    """王毅, 蔡奇 and 特朗普 are in neither jieba's dictionary nor THUOCL's historical figures: they named a
    新闻联播 cluster (金砖 · 吉方 · 国事访问 · 王毅) before the list of officials."""
    from speechtopics.models.labels import is_person, label_words

    assert all(is_person(w) for w in ["王毅", "蔡奇", "丁薛祥", "吴政隆", "特朗普", "金正恩"])
    assert label_words(["王毅", "金砖", "特朗普", "国事访问", "中非合作"], 3) == ["金砖", "国事访问", "中非合作"]
    assert not any(is_person(w) for w in ["金砖", "汪洋大海", "万里", "李强调"])


def test_parts_of_a_foreign_leaders_name_and_regnal_numbers_name_no_topic():
    """The segmenter splits a name it does not hold whole (高市早苗 -> 高市 · 早苗, 图普六世 -> 图普 · 六世): 高市
    named a 新闻联播 topic (俄军 · 乌军 · 高市) and 六世 a cluster on its map (检阅台 · 礼炮 · 六世)."""
    from speechtopics.models.labels import is_person, label_words

    assert all(is_person(w) for w in ["高市", "早苗", "安倍", "晋三", "岸田", "六世", "三世", "十六世"])
    assert label_words(["俄军", "乌军", "高市", "早苗", "击退"], 3) == ["俄军", "乌军", "击退"]
    assert label_words(["检阅台", "礼炮", "六世", "分列式"], 3) == ["检阅台", "礼炮", "分列式"]
    assert not any(is_person(w) for w in ["高市镇", "盛世", "世纪", "六个", "市场", "早期"])


def test_a_passage_of_an_undated_document_has_an_empty_date_not_nan():
    import numpy as np
    # TopicModel.passages reads its documents from a DataFrame, where a missing date is NaN
    import pandas as pd

    docs = pd.DataFrame({"doc_id": ["a", "b"], "title": ["甲", "乙"], "date": [None, "2020-05-22"],
                         "year": pd.array([pd.NA, 2020], dtype="Int64")})
    units = [{"doc_id": "a", "text": "发展经济", "section": ""}, {"doc_id": "b", "text": "改善民生", "section": ""}]
    table = lab.representative_passages(np.array([[0.9], [0.8]]), units, {r["doc_id"]: r for r in docs.to_dict("records")})
    assert table["date"].tolist() == ["", "2020-05-22"]
