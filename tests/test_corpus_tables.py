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


def test_a_sheet_exported_with_empty_rows_and_keys_read_as_floats_joins(tmp_path: Path):
    csv = tmp_path / "ids.csv"
    pd.DataFrame({"id": [11, 12, 13], "text": [BODY.format(t=t) for t in TOPICS[:3]]}).to_csv(csv, index=False)
    corpus = st.read_corpus(csv, id="id")
    meta = tmp_path / "meta.csv"
    meta.write_text("编号,级别\n11,县级\n12,市级\n13,省级\n,\n,\n", encoding="utf-8-sig")  # Excel's trailing rows
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        joined = corpus.with_metadata(meta, on="编号")
    assert joined.documents["级别"].tolist() == ["县级", "市级", "省级"]
    gappy = pd.DataFrame({"编号": [11.0, 12.0, float("nan")], "级别": ["县级", "市级", "省级"]})
    with pytest.warns(UserWarning) as caught:
        joined = corpus.with_metadata(gappy, on="编号")
    assert joined.documents["级别"].tolist()[:2] == ["县级", "市级"]
    assert any("1 of 3 rows match no document" in str(w.message) and "row 4, no key" in str(w.message)
               for w in caught)


def test_a_dataframe_s_typed_columns_keep_their_dtypes(tmp_path: Path):
    corpus = st.read_corpus(folder(tmp_path))
    order = ["县级", "市级", "省级"]
    sheet = pd.DataFrame({"doc_id": corpus.documents["doc_id"][:5], "任期": [1, 2, 3, 4, 5],
                          "级别": pd.Categorical(["省级", "县级", "市级", "省级", "县级"], categories=order[::-1]),
                          "share": [0.5, 0.25, 0.75, 1.0, 0.0], "connected": [True, False, True, True, False]})
    with pytest.warns(UserWarning, match="1 of 6 kept documents have no row"):
        docs = corpus.with_metadata(sheet, on="doc_id").documents
    assert str(docs["任期"].dtype) == "Int64" and docs["任期"].tolist()[:5] == [1, 2, 3, 4, 5]
    assert docs["任期"].isna().tolist() == [False] * 5 + [True]
    assert list(docs["级别"].cat.categories) == order[::-1]
    assert pd.api.types.is_float_dtype(docs["share"]) and str(docs["connected"].dtype) == "boolean"
    workbook = tmp_path / "meta.xlsx"
    sheet.assign(级别=sheet["级别"].astype(str)).to_excel(workbook, index=False)
    with pytest.warns(UserWarning, match="1 of 6 kept documents have no row"):
        from_excel = corpus.with_metadata(workbook, on="doc_id").documents
    assert pd.api.types.is_integer_dtype(from_excel["任期"]) and pd.api.types.is_float_dtype(from_excel["share"])


def test_one_file_name_in_two_folders_is_keyed_by_its_path(tmp_path: Path):
    for year, topics in (("2019", TOPICS[:2]), ("2020", TOPICS[2:4])):
        (tmp_path / "speeches" / year).mkdir(parents=True)
        for i, t in enumerate(topics):
            (tmp_path / "speeches" / year / f"{i + 1}.txt").write_text(BODY.format(t=t) * 3, encoding="utf-8")
    corpus = st.read_corpus(tmp_path / "speeches")
    with pytest.raises(ValueError, match=r"the key '1.txt' of column 'f' \(read as file\) names 2 documents "
                                         r"\(speeches/2019/1.txt, speeches/2020/1.txt\): key them by their path"):
        corpus.with_metadata(pd.DataFrame({"f": ["1.txt", "2.txt"], "x": ["a", "b"]}), on="f")
    paths = pd.DataFrame({"f": ["2019/1.txt", "2019/2.txt", "2020/1.txt", "2020/2.txt"], "x": list("abcd")})
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        joined = corpus.with_metadata(paths, on="f")
    source = corpus.ledger.drop_duplicates("doc_id").set_index("doc_id")["source"]
    by_path = dict(zip(paths["f"], paths["x"]))
    assert joined.documents["x"].tolist() == [by_path[source[i].split("/", 1)[1]] for i in joined.documents["doc_id"]]
    ledger_sheet = pd.DataFrame({"source": source.tolist(), "x": list("wxyz")})
    assert corpus.with_metadata(ledger_sheet, on="source").documents["x"].notna().all()


def test_a_subset_by_rows_of_documents_and_a_keep_that_is_none_of_these(tmp_path: Path):
    corpus = st.read_corpus(folder(tmp_path))
    part = corpus.subset(lambda docs: docs[docs["year"] == 2019])
    assert part.documents["year"].tolist() == [2019, 2019]
    assert corpus.subset(corpus.documents.head(2)).documents["doc_id"].tolist() == \
        corpus.documents["doc_id"].head(2).tolist()
    with pytest.raises(TypeError, match=r"subset: keep must be a mask .* \(got int 5\)"):
        corpus.subset(5)
    with pytest.raises(ValueError, match="needs their doc_id column"):
        corpus.subset(lambda docs: docs[["year"]])


def test_a_sheets_level_replaces_the_level_read_from_the_texts(tmp_path: Path):
    """`level` (like genre or speaker_role) is a column read_corpus fills from the texts, mostly empty for a
    folder of files; a sheet's own `level` replaces it, with a warning, rather than being refused."""
    corpus = st.read_corpus(folder(tmp_path))
    names = sorted(p.name for p in (tmp_path / "speeches").iterdir())
    sheet = pd.DataFrame({"文件": names, "level": ["县级", "市级"] * 3})
    with pytest.warns(UserWarning, match=r"column 'level' replaces the corpus's metadata of that name"):
        joined = corpus.with_metadata(sheet, on="文件")
    assert sorted(joined.documents["level"]) == ["县级"] * 3 + ["市级"] * 3
    assert list(joined.metadata).count("level") == 1


def test_a_sheet_keyed_by_title_is_joined_and_one_that_names_nothing_is_refused(tmp_path: Path):
    rows = pd.DataFrame({"标题": [f"{t}工作会议讲话" for t in TOPICS], "text": [BODY.format(t=t) * 3 for t in TOPICS]})
    corpus = st.read_corpus(rows, title="标题")
    sheet = pd.DataFrame({"title": [f" {t}工作会议讲话" for t in TOPICS[::-1]], "部门": TOPICS[::-1]})
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        joined = corpus.with_metadata(sheet, on="title")
    assert joined.documents["部门"].tolist() == [t.removesuffix("工作会议讲话") for t in joined.documents["title"]]
    elsewhere = pd.DataFrame({"title": ["别的讲话", "另一篇"], "部门": ["经济", "农业"]})
    with pytest.raises(ValueError, match=r"^the metadata table: no value of column 'title' names a document of the corpus "
                                         r"\(first: '别的讲话'\)"):
        corpus.with_metadata(elsewhere, on="title")


def test_one_title_of_two_documents_is_keyed_by_doc_id():
    rows = pd.DataFrame({"标题": ["讲话", "讲话", "总结"], "text": [BODY.format(t=t) * 3 for t in TOPICS[:3]]})
    corpus = st.read_corpus(rows, title="标题")
    with pytest.raises(ValueError, match=r"the key '讲话' of column 'title' \(read as title\) names 2 documents"
                                         r".*key them by their doc_id"):
        corpus.with_metadata(pd.DataFrame({"title": ["讲话", "总结"], "x": [1, 2]}), on="title")
