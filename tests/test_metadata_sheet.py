"""An input's metadata sheet: titles, dates and covariates of a folder's files, from a sheet beside it."""

from __future__ import annotations

import re
import warnings
from pathlib import Path

import pandas as pd
import pytest

import speechtopics as st
from speechtopics.records import FieldError

BODY = ("同志们：今天我们召开全县{t}工作会议，总结过去一年的工作，部署今年的任务。过去一年，全县{t}发展稳中向好，"
        "招商引资和项目建设取得新成效，乡村振兴扎实推进，生态环境持续改善，民生保障不断加强。")


def project(tmp_path: Path, sheet: pd.DataFrame, key: str = "文件", suffix: str = ".xlsx") -> Path:
    (tmp_path / "speeches").mkdir()
    for i, t in enumerate(["经济", "农业", "教育", "卫生"]):
        (tmp_path / "speeches" / f"speech{i}.txt").write_text(BODY.format(t=t) * 3, encoding="utf-8")
    if suffix == ".xlsx":
        sheet.to_excel(tmp_path / f"meta{suffix}", index=False)
    else:
        sheet.to_csv(tmp_path / f"meta{suffix}", index=False, encoding="utf-8-sig")
    cfg = tmp_path / "config.yaml"
    cfg.write_text(f"ingest:\n  inputs:\n    - {{path: speeches, metadata: meta{suffix}, metadata_key: {key}}}\n",
                   encoding="utf-8")
    return cfg


def test_a_folders_files_take_titles_dates_and_covariates_from_their_sheet(tmp_path: Path):
    sheet = pd.DataFrame({"文件": ["speech0.txt", "speech1.txt", "speech2", "speech3.txt"],
                          "标题": ["在全县经济工作会议上的讲话", "在全县农业工作会议上的讲话", "", "在全县卫生工作会议上的讲话"],
                          "日期": ["2019年3月5日", "2020-04-06", "2021/5/7", "2022年6月8日"],
                          "级别": ["县级", "县级", "市级", "市级"], "任期": ["1", "2", "3", ""]})
    cfg = project(tmp_path, sheet)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        corpus = st.Project(cfg, use_cache=False).read_corpus()
    docs = corpus.documents.sort_values("date").reset_index(drop=True)
    assert docs["date"].tolist() == ["2019-03-05", "2020-04-06", "2021-05-07", "2022-06-08"]
    assert docs["title"].tolist()[:2] == ["在全县经济工作会议上的讲话", "在全县农业工作会议上的讲话"]
    assert docs["display_name"][2]  # a blank title cell leaves the document its own name
    assert docs["级别"].tolist() == ["县级", "县级", "市级", "市级"]
    assert docs["任期"].tolist()[:3] == [1, 2, 3] and pd.isna(docs["任期"][3])
    assert not docs["date_inferred"].any()


def test_files_without_a_row_and_rows_without_a_file_are_said(tmp_path: Path):
    sheet = pd.DataFrame({"id": ["speech0.txt", "speech1.txt", "speech9.txt"], "级别": ["县级", "市级", "省级"]})
    cfg = project(tmp_path, sheet, key="id", suffix=".csv")
    with pytest.warns(UserWarning) as caught:
        corpus = st.Project(cfg, use_cache=False).read_corpus()
    said = [str(w.message) for w in caught]
    assert any(m.startswith("meta.csv: 2 document(s) of input 'speeches' have no row (column 'id'; first: ")
               for m in said), said
    assert "meta.csv: 1 of 3 rows name no document of input 'speeches' (column 'id'; first: 'speech9.txt')" in said
    assert sorted(corpus.documents["级别"].dropna()) == ["县级", "市级"]


def test_a_wrong_key_column_or_a_repeated_key_stops_the_run_with_one_line(tmp_path: Path):
    from typer.testing import CliRunner

    from speechtopics.cli import app

    cfg = project(tmp_path, pd.DataFrame({"File": ["speech0.txt"], "级别": ["县级"]}), key="file")
    with pytest.raises(FieldError, match=r"meta.xlsx: no key column 'file' \(fields: File, 级别\); did you mean 'File'"):
        st.Project(cfg, use_cache=False).read_corpus()
    res = CliRunner().invoke(app, ["run", "--config", str(cfg), "--no-notebooks"])
    assert res.exit_code == 2 and "no key column 'file'" in res.stderr and "Traceback" not in res.stderr
    (tmp_path / "meta.xlsx").unlink()
    pd.DataFrame({"file": ["speech0.txt", "speech0.txt"], "x": [1, 2]}).to_excel(tmp_path / "meta.xlsx", index=False)
    with pytest.raises(FieldError, match=r"the key 'speech0.txt' of column 'file' is on two rows"):
        st.Project(cfg, use_cache=False).read_corpus()


def test_an_edited_sheet_is_read_again(tmp_path: Path):
    sheet = pd.DataFrame({"文件": [f"speech{i}.txt" for i in range(4)], "级别": ["县级"] * 4})
    cfg = project(tmp_path, sheet)
    assert set(st.Project(cfg).read_corpus().documents["级别"]) == {"县级"}
    sheet.assign(级别="市级").to_excel(tmp_path / "meta.xlsx", index=False)
    assert set(st.Project(cfg).read_corpus().documents["级别"]) == {"市级"}


def test_one_file_name_in_two_folders_is_keyed_by_its_path(tmp_path: Path):
    (tmp_path / "data" / "speeches" / "2019").mkdir(parents=True)
    (tmp_path / "data" / "speeches" / "2020").mkdir()
    for year, t in (("2019", "经济"), ("2020", "农业")):
        (tmp_path / "data" / "speeches" / year / "1.txt").write_text(BODY.format(t=t) * 3, encoding="utf-8")
    cfg = tmp_path / "config.yaml"
    cfg.write_text("ingest:\n  inputs:\n    - {path: data/speeches, metadata: meta.csv, metadata_key: f}\n",
                   encoding="utf-8")
    (tmp_path / "meta.csv").write_text("f,级别\n1.txt,县级\n", encoding="utf-8")
    with pytest.raises(FieldError, match=r"the key '1.txt' of column 'f' names 2 documents .*by their path inside"):
        st.Project(cfg, use_cache=False).read_corpus()
    (tmp_path / "meta.csv").write_text("f,级别\n2019/1.txt,县级\n2020/1.txt,市级\n", encoding="utf-8")
    docs = st.Project(cfg, use_cache=False).read_corpus().documents
    assert docs.sort_values("级别")["级别"].tolist() == ["县级", "市级"]


def test_a_sheets_level_is_the_documents_and_a_blank_cell_leaves_the_level_read_from_the_text(tmp_path: Path):
    sheet = pd.DataFrame({"文件": ["speech0.txt", "speech1.txt", "speech2.txt", "speech3.txt"],
                          "level": ["市", "", "", ""]})
    cfg = project(tmp_path, sheet)
    docs = st.Project(cfg, use_cache=False).read_corpus().documents.set_index("display_name")
    assert docs.loc["speech0", "level"] == "市" and docs.loc["speech1", "level"] == "县"  # 全县… in the text


@pytest.mark.parametrize("named", [False, True])
def test_a_sheet_inside_the_inputs_folder_is_not_read_as_a_document(tmp_path: Path, named: bool):
    sheet = pd.DataFrame({"文件": [f"speech{i}.txt" for i in range(4)], "标题": [f"讲话{i}" for i in range(4)]})
    cfg = project(tmp_path, sheet)
    (tmp_path / "meta.xlsx").rename(tmp_path / "speeches" / "meta.xlsx")
    title = "title_field: 标题, " if named else ""  # a field named: a table without it would stop the run
    cfg.write_text("ingest:\n  inputs:\n    - {path: speeches, " + title +
                   "metadata: speeches/meta.xlsx, metadata_key: 文件}\n", encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        corpus = st.Project(cfg, use_cache=False).read_corpus()
    assert sorted(corpus.documents["title"]) == [f"讲话{i}" for i in range(4)]
    assert not corpus.ledger["source"].str.contains("meta.xlsx").any()


def test_a_sheet_may_name_files_as_the_ledger_does(tmp_path: Path):
    sheet = pd.DataFrame({"source": [f"speeches/speech{i}.txt" for i in range(4)], "级别": ["县级", "市级"] * 2})
    cfg = project(tmp_path, sheet, key="source")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        corpus = st.Project(cfg, use_cache=False).read_corpus()
    ids = corpus.ledger.set_index("source")["doc_id"]
    assert sorted(ids.index) == sorted(sheet["source"])  # the names the sheet was written from
    levels = corpus.documents.set_index("doc_id")["级别"]
    assert levels.loc[ids.loc[sheet["source"]]].tolist() == sheet["级别"].tolist()


def test_one_sheet_of_two_inputs_says_only_the_rows_neither_used(tmp_path: Path):
    for folder, topics in (("word", ["经济", "农业"]), ("pdf", ["教育"])):
        (tmp_path / folder).mkdir()
        for t in topics:
            (tmp_path / folder / f"{t}.txt").write_text(BODY.format(t=t) * 3, encoding="utf-8")
    (tmp_path / "meta.csv").write_text("f,级别\n经济.txt,县级\n农业.txt,市级\n教育.txt,省级\n卫生.txt,县级\n",
                                       encoding="utf-8")
    cfg = tmp_path / "config.yaml"
    cfg.write_text("ingest:\n  inputs:\n" + "".join(f"    - {{path: {f}, metadata: meta.csv, metadata_key: f}}\n"
                                                   for f in ("word", "pdf")), encoding="utf-8")
    with pytest.warns(UserWarning) as caught:
        corpus = st.Project(cfg, use_cache=False).read_corpus()
    said = [str(w.message) for w in caught if "meta.csv" in str(w.message)]
    assert said == ["meta.csv: 1 of 4 rows name no document of inputs 'word', 'pdf' (column 'f'; first: '卫生.txt')"]
    assert sorted(corpus.documents["级别"]) == ["县级", "市级", "省级"]


@pytest.mark.parametrize("entry, said", [
    ("metadata: meta2.xlsx, metadata_key: 文件", "ingest.inputs[0].metadata: no file meta2.xlsx"),
    ("metadata_key: 文件", "ingest.inputs[0].metadata_key '文件' is given without metadata"),
])
def test_a_sheet_that_is_not_there_or_not_named_stops_before_the_run(tmp_path: Path, entry: str, said: str):
    from typer.testing import CliRunner

    from speechtopics.cli import app

    cfg = project(tmp_path, pd.DataFrame({"文件": ["speech0.txt"], "级别": ["县级"]}))
    cfg.write_text("ingest:\n  inputs:\n    - {path: speeches, " + entry + "}\n", encoding="utf-8")
    with pytest.raises(st.ConfigError, match=re.escape(said)):
        st.Project(cfg, use_cache=False)
    res = CliRunner().invoke(app, ["run", "--config", str(cfg), "--no-notebooks"])
    assert res.exit_code == 2 and said in res.stderr and "Traceback" not in res.stderr


def test_a_row_naming_a_file_left_out_when_read_is_not_said_to_name_no_document(tmp_path: Path):
    sheet = pd.DataFrame({"文件": [f"speech{i}.txt" for i in range(4)] + ["旧讲话.doc", "损坏.docx", "speech9.txt"],
                          "级别": ["县级"] * 7})
    cfg = project(tmp_path, sheet, suffix=".csv")
    (tmp_path / "speeches" / "旧讲话.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    (tmp_path / "speeches" / "损坏.docx").write_bytes(bytes(range(256)) * 40)
    with pytest.warns(UserWarning) as caught:
        corpus = st.Project(cfg, use_cache=False).read_corpus()
    said = [str(w.message) for w in caught if "meta.csv" in str(w.message)]
    # the two files are in the ledger with their reasons; only the row naming no file at all is said
    assert said == ["meta.csv: 1 of 7 rows name no document of input 'speeches' (column '文件'; first: 'speech9.txt')"]
    left = corpus.ledger[corpus.ledger["status"] == "dropped"]["source"].str.rsplit("/", n=1).str[-1]
    assert sorted(left) == ["损坏.docx", "旧讲话.doc"]
