"""Corpus.subset and Corpus.with_metadata: a part of a corpus, and covariates from a table of their own."""

from __future__ import annotations

import warnings
from pathlib import Path

import pandas as pd
import pytest

import speechtopics as st
from speechtopics.records import FieldError

BODY = ("同志们：今天我们召开全县{t}工作会议，总结过去一年的工作，部署今年的任务。过去一年，全县{t}发展稳中向好，"
        "招商引资和项目建设取得新成效，乡村振兴扎实推进，生态环境持续改善，民生保障不断加强。")
TOPICS = ["经济", "农业", "教育", "卫生", "交通", "环保"]


def folder(tmp_path: Path) -> Path:
    (tmp_path / "speeches").mkdir()
    for i, t in enumerate(TOPICS):
        (tmp_path / "speeches" / f"{2018 + i % 3}-0{i + 1}-01_{t}.txt").write_text(BODY.format(t=t) * 3,
                                                                                   encoding="utf-8")
    return tmp_path / "speeches"


def test_a_subset_keeps_documents_records_and_ledger_together(tmp_path: Path):
    corpus = st.read_corpus(folder(tmp_path))
    by_year = corpus.subset(lambda docs: docs["year"] == 2019)
    assert by_year.documents["year"].tolist() == [2019, 2019]
    assert {r["doc_id"] for r in by_year.records} == set(by_year.documents["doc_id"])
    assert set(by_year.ledger["doc_id"]) == set(by_year.documents["doc_id"])
    ids = corpus.documents["doc_id"].tolist()[:3]
    assert corpus.subset(ids).documents["doc_id"].tolist() == ids
    assert len(corpus.subset([True, False] * 3)) == 3
    assert len(corpus) == 6  # the corpus itself is unchanged
    with pytest.raises(ValueError, match=r"subset: 1 doc_id not in the corpus \(first: 'nope'\)"):
        corpus.subset(["nope"])
    with pytest.raises(ValueError, match="a mask of 2 values for 6 documents"):
        corpus.subset([True, False])


def test_metadata_of_a_folder_is_joined_by_file_name_and_typed(tmp_path: Path):
    corpus = st.read_corpus(folder(tmp_path))
    names = sorted(p.name for p in (tmp_path / "speeches").iterdir())
    sheet = pd.DataFrame({"文件": names[::-1], "级别": ["县级", "市级"] * 3, "任期": ["1", "2", "3", "4", "5", "6"]})
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        joined = corpus.with_metadata(sheet, on="文件")
    by_file = dict(zip(sheet["文件"], sheet["任期"].astype(int)))
    source = corpus.ledger.drop_duplicates("doc_id").set_index("doc_id")["source"]
    expected = [by_file[Path(source[i]).name] for i in joined.documents["doc_id"]]
    assert joined.documents["任期"].tolist() == expected
    assert pd.api.types.is_integer_dtype(joined.documents["任期"])
    assert joined.metadata[-2:] == ("级别", "任期")
    stems = sheet.assign(文件=[Path(n).stem for n in sheet["文件"]])
    assert corpus.with_metadata(stems, on="文件").documents["任期"].tolist() == expected
    model = st.TopicModel(k=2, seed=1).fit(joined)
    effect = st.estimate_effect(model, "~ C(级别)", nsims=5, seed=1)
    assert any("级别" in term for term in effect.summary()["term"])


def test_rows_without_a_document_and_documents_without_a_row_are_said(tmp_path: Path):
    csv = tmp_path / "ids.csv"
    pd.DataFrame({"id": [f"s{i}" for i in range(6)], "text": [BODY.format(t=t) for t in TOPICS]}).to_csv(csv, index=False)
    corpus = st.read_corpus(csv, id="id")
    meta = tmp_path / "meta.csv"
    meta.write_text("编号,speaker\ns0,甲\ns1,乙\ns9,丙\n", encoding="utf-8-sig")
    with pytest.warns(UserWarning) as caught:
        joined = corpus.with_metadata(meta, on="编号")
    said = [str(w.message) for w in caught]
    assert any(m.startswith("meta.csv: 4 of 6 kept documents have no row (column '编号' read as source_id; first:")
               for m in said), said
    assert "meta.csv: 1 of 3 rows match no document (column '编号' read as source_id; first: 's9')" in said
    assert joined.documents["speaker"].tolist()[:2] == ["甲", "乙"] and joined.documents["speaker"][2:].isna().all()


def test_a_wrong_key_a_repeated_key_and_a_clashing_column_are_one_line_errors(tmp_path: Path):
    corpus = st.read_corpus(folder(tmp_path))
    sheet = pd.DataFrame({"File": ["a.txt", "b.txt"], "级别": ["县级", "市级"]})
    with pytest.raises(FieldError, match=r"no key column 'file' \(fields: File, 级别\); did you mean 'File'\?"):
        corpus.with_metadata(sheet, on="file")
    with pytest.raises(ValueError, match=r"the key 'a.txt' of column 'File' is on rows 2 and 3"):
        corpus.with_metadata(pd.DataFrame({"File": ["a.txt", "a.txt"], "x": [1, 2]}), on="File")
    with pytest.raises(ValueError, match=r"column 'year' is already a column of corpus.documents"):
        corpus.with_metadata(pd.DataFrame({"File": ["a.txt"], "year": [2020]}), on="File")
