"""Formulas: numbered formulas (via segment) plus quoted slogans, and their diffusion."""

import pandas as pd

from speechtopics.rhetoric.formulas import diffusion_table, document_formulas, find_slogans, formulas_table

EXPECTED = {
    "county_mobilization": {"一团五园三基地", "一区两点", "一战略两战役", "三大工程", "一号工程", "两代表一委员",
                            "四种能力", "三农", "南工北农中商贸", "十大抓、抓十大"},
    "county_plenary_2021": {"十四五", "六稳", "六保", "双过半", "六个一", "八五普法", "一村一品", "一镇一业",
                            "五大产业", "十大城建", "一企一策"},
    "district_plenum_study": {"二十届三中全会", "十一届三中全会", "十四届三中全会", "十八届三中全会", "五大体系",
                              "四责协同", "一网通办"},
}


def test_sample_page_formulas_found(sample_docs):
    for name, expected in EXPECTED.items():
        found = set(document_formulas(sample_docs[name]["text"]))
        assert expected <= found, (name, expected - found)


def test_slogans_skip_quoted_sentences():
    text = "他说：“我们要把工作做好，决不辜负人民。”坚持“放管服”改革"
    assert find_slogans(text) == ["放管服"]


def test_quoted_numbered_formula_counted_once():
    assert document_formulas("确保“十四五”开好局")["十四五"] == 1


def test_table_and_diffusion():
    docs = [{"doc_id": "a", "text": "做好“六稳”工作"}, {"doc_id": "b", "text": "做好“六稳”“六保”工作"},
            {"doc_id": "c", "text": "“六保”"}]
    t = formulas_table(docs)
    assert list(t.columns) == ["doc_id", "formula", "count", "kind"]
    d = diffusion_table(t, {"a": 2019, "b": 2020, "c": 2021}, min_docs=2)
    assert d.set_index("formula")["first_year"].to_dict() == {"六稳": 2019, "六保": 2020}
    assert isinstance(d, pd.DataFrame)


def test_an_idiom_the_segmenter_keeps_as_a_word_is_no_numbered_formula():
    import pandas as pd

    import speechtopics as st
    from speechtopics.rhetoric.formulas import formulas_table

    text = "我们要一心一意谋发展，做好六稳六保工作，增强“四个意识”，建设四通八达的交通网。" * 3
    corpus = st.read_corpus(pd.DataFrame({"text": [text]}))
    table = formulas_table([{**corpus.records[0], "doc_id": "a"}])
    numbered = set(table.loc[table["kind"] == "numbered", "formula"])
    assert numbered == {"六稳六保", "四个意识"}  # not 一心一意, not 四通八达
