"""save_data_table: the same table as CSV, XLSX and Parquet, registered, and byte-identical on a rewrite."""

from __future__ import annotations

import datetime
import time
import zipfile

import numpy as np
import pandas as pd

from speechtopics.report import data_tables, registry


def _frame() -> pd.DataFrame:
    return pd.DataFrame({"doc_id": ["a", "b"], "display_name": ["=HYPERLINK(1)", "讲话"], "date": ["2020-01-02", ""],
                         "year": pd.array([2020, None], dtype="Int64"), "topic_1": [0.25, np.float64(0.75)],
                         "topic_2": [0.75, 0.25]})


def test_three_formats_are_byte_identical_on_a_second_write(tmp_path):
    reports = registry.reports_dir()  # the temporary reports folder: a table written there is registered
    first = data_tables.save_data_table(_frame(), "dt", caption="shares", out_dir=reports / "1")
    time.sleep(1.1)  # a zip entry's time has a 2-second resolution: cross at least one tick
    second = data_tables.save_data_table(_frame(), "dt", caption="shares", out_dir=tmp_path / "2")
    assert [p.suffix for p in first] == [".csv", ".xlsx", ".parquet"]
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]
    with zipfile.ZipFile(first[1]) as z:
        assert {i.date_time for i in z.infolist()} == {(2000, 1, 1, 0, 0, 0)}
        assert "2000-01-01T00:00:00Z" in z.read("docProps/core.xml").decode()
    [rec] = [r for r in registry.read_registry() if r["name"] == "dt"]  # the second, elsewhere, is not listed
    assert [f.rsplit(".", 1)[1] for f in rec["files"]] == ["csv", "xlsx", "parquet"]


def test_contents_read_back(tmp_path):
    csv, xlsx, parquet = data_tables.save_data_table(_frame(), "dt", out_dir=tmp_path)
    back = pd.read_parquet(parquet)
    expected = _frame().assign(date=[datetime.date(2020, 1, 2), None])  # ISO dates are a date column
    pd.testing.assert_frame_equal(back.drop(columns="date"), expected.drop(columns="date"))
    assert back["date"].tolist() == expected["date"].tolist()
    sheet = pd.read_excel(xlsx, keep_default_na=False)
    assert sheet["display_name"].tolist() == ["=HYPERLINK(1)", "讲话"] and sheet["topic_1"].tolist() == [0.25, 0.75]
    assert pd.read_csv(csv)["display_name"].tolist() == ["'=HYPERLINK(1)", "讲话"]


def test_xlsx_text_is_never_a_formula_and_keeps_its_value(tmp_path):
    import openpyxl

    frame = pd.DataFrame({"note": ["=SUM(A1)", "-6.8%", "+1 票", "@x"], "topic_1": [0.1, 0.2, 0.3, 0.4]})
    _, xlsx, _ = data_tables.save_data_table(frame, "t", out_dir=tmp_path)
    cells = [row[0] for row in openpyxl.load_workbook(xlsx).active.iter_rows(min_row=2)]
    assert [c.value for c in cells] == frame["note"].tolist() and {c.data_type for c in cells} == {"s"}
    assert cells[0].quotePrefix  # Excel shows =SUM(A1) as text, also after an edit


def test_whole_numbers_a_spreadsheet_would_round_are_text_in_the_xlsx(tmp_path):
    import openpyxl

    ids = [202012345678901000, 202012345678901001, 12]
    frame = pd.DataFrame({"weibo_id": pd.array(ids, dtype="Int64"), "topic_1": [0.2, 0.3, 0.5]})
    _, xlsx, parquet = data_tables.save_data_table(frame, "t", out_dir=tmp_path)
    sheet = openpyxl.load_workbook(xlsx).active
    assert [sheet.cell(r, 1).value for r in (2, 3, 4)] == ["202012345678901000", "202012345678901001", 12]
    assert pd.read_parquet(parquet)["weibo_id"].tolist() == ids


def test_a_column_of_numbers_mixed_with_text_is_text_in_the_parquet(tmp_path):
    frame = pd.DataFrame({"session": [13, "十三届", None, 14], "score": [1, 2.5, None, 3], "topic_1": [0.1] * 4})
    csv, _, parquet = data_tables.save_data_table(frame, "t", out_dir=tmp_path)
    back = pd.read_parquet(parquet)
    assert back["session"].isna().tolist() == [False, False, True, False]
    assert back["session"].dropna().tolist() == ["13", "十三届", "14"]
    assert back["score"].dtype == float  # numbers alone stay numbers
    assert pd.read_csv(csv, dtype=str)["session"].tolist()[:2] == ["13", "十三届"]


def test_iso_dates_are_date_cells_in_the_xlsx_and_dates_in_the_parquet(tmp_path):
    import openpyxl
    import pyarrow.parquet as pq

    frame = pd.DataFrame({"date": ["2020-01-18", None, "2021-12-31"], "year_text": ["2020", "2020-01-02", None],
                          "topic_1": [0.1, 0.2, 0.7]})
    csv, xlsx, parquet = data_tables.save_data_table(frame, "t", out_dir=tmp_path)
    assert str(pq.read_schema(parquet).field("date").type) == "date32[day]"
    assert str(pq.read_schema(parquet).field("year_text").type) in ("string", "large_string")  # not every cell is a date
    cells = [row[0] for row in openpyxl.load_workbook(xlsx).active.iter_rows(min_row=2)]
    assert [c.value for c in cells] == [datetime.datetime(2020, 1, 18), None, datetime.datetime(2021, 12, 31)]
    assert cells[0].is_date and cells[0].number_format == "yyyy-mm-dd"
    assert pd.read_csv(csv)["date"].tolist()[::2] == ["2020-01-18", "2021-12-31"]  # the CSV keeps ISO text
