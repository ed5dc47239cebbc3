import numpy as np

from speechtopics.corpus import CorpusConfig, aggregate_to_docs, build_dictionary, build_units, to_bow


def _doc(doc_id, paras):
    return {"doc_id": doc_id, "paragraphs": [{"text": "".join(t), "section": s, "tokens": t,
                                              "formulaic_tokens": []} for s, t in paras]}


DOCS = [
    _doc("a", [("一", ["经济", "发展"] * 6), ("一", ["产业", "项目"] * 6), ("二", ["生态", "环保"] * 6)]),
    _doc("b", [("", ["教育", "医疗"] * 3), ("", ["就业", "社保"] * 8)]),
]


def test_units_by_paragraph_section_and_speech():
    assert len(build_units(DOCS, "paragraph", min_tokens=10)) == 4  # b's short first paragraph merged
    sections = build_units(DOCS, "section", min_tokens=10)
    assert [u["section"] for u in sections if u["doc_id"] == "a"] == ["一", "二"]
    speeches = build_units(DOCS, "speech", min_tokens=10)
    assert [u["doc_id"] for u in speeches] == ["a", "b"]
    assert sum(len(u["tokens"]) for u in speeches) == sum(len(p["tokens"]) for d in DOCS for p in d["paragraphs"])


def test_dictionary_is_deterministic_and_bow_sorted():
    tokens = [u["tokens"] for u in build_units(DOCS, "paragraph", min_tokens=1)]
    cfg = CorpusConfig(no_below=1, no_above=1.0)
    d1, d2 = build_dictionary(tokens, cfg), build_dictionary(list(reversed(tokens)), cfg)
    assert d1.token2id == d2.token2id
    bow = to_bow(d1, tokens)
    assert all([i for i, _ in b] == sorted(i for i, _ in b) for b in bow)


def test_aggregate_to_docs_is_length_weighted():
    units = [{"doc_id": "a", "tokens": ["x"] * 3}, {"doc_id": "a", "tokens": ["x"]}, {"doc_id": "b", "tokens": ["y"]}]
    theta = np.array([[1.0, 0.0], [0.0, 1.0], [0.5, 0.5]])
    ids, agg = aggregate_to_docs(units, theta)
    assert ids == ["a", "b"]
    np.testing.assert_allclose(agg, [[0.75, 0.25], [0.5, 0.5]])


def test_a_short_opening_merged_into_a_section_does_not_name_it():
    report = _doc("r", [("", ["各位", "代表"]), ("一", ["经济", "发展"] * 10), ("二", ["生态", "环保"] * 10)])
    assert [u["section"] for u in build_units([report], "section", min_tokens=10)] == ["一", "二"]


def test_a_heading_whose_words_begin_with_a_year_is_a_section():
    from speechtopics.clean.outline import heading_marker

    assert heading_marker("一、2023年工作回顾") is not None and heading_marker("第一部分　过去一年的工作回顾") is not None
    assert heading_marker("1、2024年主要任务") is not None
    assert heading_marker("1.5倍") is None and heading_marker("一.5") is None


def test_two_months_are_no_heading():
    from speechtopics.clean.outline import heading_marker

    assert heading_marker("1、2月份，全县规模以上工业增加值同比增长8.5%") is None
    assert heading_marker("五、六月份是汛期，要做好防汛准备。") is None


def test_a_months_heading_is_a_section_and_two_months_are_not():
    from speechtopics.clean.outline import heading_marker

    assert heading_marker("一、十月份工作完成情况") == ("cn、", "一") and heading_marker("十、十一月份要抓好秋收") is None
    assert heading_marker("第二部分为主要任务，提出了五个方面的措施：") is None


def test_a_markdown_pages_headings_are_section_units_and_a_speechs_outline_keeps_its_top_level():
    items = [("详细新闻/国务院常务会议召开", ["国务院", "会议"] * 6), ("详细新闻/国务院常务会议召开", ["部署", "落实"] * 6),
             ("详细新闻/秋粮收购有序推进", ["粮食", "收购"] * 6), ("详细新闻/秋粮收购有序推进/1", ["农民", "增收"] * 6),
             ("详细新闻/秋粮收购有序推进/1/（2）", ["仓储", "物流"] * 6)]
    broadcast = _doc("news", items)
    speech = _doc("speech", [("一", ["经济", "发展"] * 6), ("一/（一）", ["产业", "项目"] * 6), ("二", ["生态", "环保"] * 6)])
    units = build_units([broadcast, speech], "section", min_tokens=10)
    assert [u["section"] for u in units if u["doc_id"] == "news"] == [  # numbered points inside their item
        "详细新闻/国务院常务会议召开", "详细新闻/秋粮收购有序推进"]
    assert [len(u["tokens"]) for u in units if u["doc_id"] == "news"] == [24, 36]
    assert [u["section"] for u in units if u["doc_id"] == "speech"] == ["一", "二"]
