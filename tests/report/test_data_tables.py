"""save_data_table: the same table as CSV, XLSX and Parquet, registered, and byte-identical on a rewrite."""

from __future__ import annotations

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
    pd.testing.assert_frame_equal(back, _frame())
    sheet = pd.read_excel(xlsx, dtype={"date": str}, keep_default_na=False)
    assert sheet["display_name"].tolist() == ["'=HYPERLINK(1)", "讲话"] and sheet["topic_1"].tolist() == [0.25, 0.75]
    assert pd.read_csv(csv)["display_name"].tolist() == ["'=HYPERLINK(1)", "讲话"]
