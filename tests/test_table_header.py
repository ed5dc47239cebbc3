"""A table's header over two rows (a group header above its sub-headers) is read as one header, in a
sheet and in a CSV alike; the group header's row is in the ledger as part of the header."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

import speechtopics as st
from speechtopics.records import InputSource
from speechtopics.table_header import find_header
from speechtopics.table_input import stream_table_file

SPEECH = ("同志们：今天我们召开全县经济工作会议，总结过去一年的工作，部署今年的任务。过去一年，全县经济发展稳中向好，"
          "招商引资和项目建设取得新成效，乡村振兴扎实推进，生态环境持续改善，民生保障不断加强。")
ROWS = [["基本信息", None, "正文"], ["标题", "日期", None],
        ["在全县经济工作会议上的讲话", "2020-01-18", SPEECH],
        ["在全县农村工作会议上的讲话", "2021-03-05", SPEECH.replace("经济", "农村")]]
NAMED = [{"text": "正文"}, {"text": "正文", "title": "标题", "date": "日期"}]


def two_row_sheet(path: Path, above: list[list] = ()) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "讲话"
    for row in [*above, *ROWS]:
        sheet.append(row)
    top = len(above) + 1
    sheet.merge_cells(f"A{top}:B{top}")  # 基本信息 over 标题 and 日期, as such sheets are made
    book.save(path)
    return path


def two_row_csv(path: Path, above: list[list] = ()) -> Path:
    import csv

    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows([[c or "" for c in row] for row in [*above, *ROWS]])
    return path


def read_quietly(path: Path, **named) -> st.Corpus:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        corpus = st.read_corpus(path, **named)
    assert not [w for w in caught if "left out" in str(w.message)]  # no row of the header counts as lost
    return corpus


def test_find_header_joins_a_group_header_with_its_sub_headers_only_when_they_hold_more():
    assert find_header(ROWS, ["正文"])[:] == (0, 2, ["标题", "日期", "正文"])
    assert find_header(ROWS, ["正文", "标题", "日期"])[:] == (0, 2, ["标题", "日期", "正文"])
    whole = [["标题", "日期", "正文"], *ROWS[2:]]  # a one-row header stays one row
    assert find_header(whole, ["正文"])[:] == (0, 1, ["标题", "日期", "正文"])
    titled = [["讲话汇编", None, None], ["标题", None, "正文"], *ROWS[2:]]  # a title over a blank column
    assert find_header(titled, ["正文"])[:] == (1, 1, ["标题", "", "正文"])


@pytest.mark.parametrize("named", NAMED)
@pytest.mark.parametrize("make, name", [(two_row_sheet, "t.xlsx"), (two_row_csv, "t.csv")])
def test_a_header_over_two_rows_gives_every_column_its_name(tmp_path: Path, make, name: str, named: dict):
    corpus = read_quietly(make(tmp_path / name), **named)
    kept = corpus.documents.sort_values("date")
    assert kept["status"].tolist() == ["kept", "kept"]
    assert kept["title"].tolist() == [ROWS[2][0], ROWS[3][0]]
    assert kept["date"].tolist() == ["2020-01-18", "2021-03-05"]
    sheet = "#讲话!row" if name.endswith("xlsx") else "#row"
    reasons = corpus.ledger.set_index("source")["reason"]
    assert reasons[f"{name}{sheet}1"].startswith("part of the header (rows 1-2)")
    assert {f"{name}{sheet}3", f"{name}{sheet}4"} <= set(reasons.index)  # rows numbered as in the file


@pytest.mark.parametrize("make, name", [(two_row_sheet, "t.xlsx"), (two_row_csv, "t.csv")])
def test_a_two_row_header_under_a_title_row(tmp_path: Path, make, name: str):
    corpus = read_quietly(make(tmp_path / name, above=[["2020年讲话汇编", None, None]]), text="正文")
    assert sorted(corpus.documents["date"]) == ["2020-01-18", "2021-03-05"]
    sheet = "#讲话!row" if name.endswith("xlsx") else "#row"
    reasons = corpus.ledger.set_index("source")["reason"]
    assert reasons[f"{name}{sheet}1"] == "above the header (row 2): a title or note, not a document"
    assert reasons[f"{name}{sheet}2"].startswith("part of the header (rows 2-3)")
    assert {f"{name}{sheet}4", f"{name}{sheet}5"} <= set(reasons.index)


def test_a_csv_with_a_two_row_header_is_read_whole_not_streamed_from_its_first_line(tmp_path: Path):
    path = two_row_csv(tmp_path / "t.csv")
    assert stream_table_file(path, InputSource(path=str(path), text_field="正文"), "csv", "t.csv") is None
