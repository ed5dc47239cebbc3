"""Tables saved by statistics software (Stata .dta, Parquet, Feather) are read like a CSV, typed as saved."""

from __future__ import annotations

import warnings
from pathlib import Path

import pandas as pd
import pytest

import speechtopics as st
from speechtopics.records import FieldError

SPEECH = ("同志们：今天我们召开全县经济工作会议，总结过去一年的工作，部署今年的任务。过去一年，全县经济发展稳中向好，"
          "招商引资和项目建设取得新成效，乡村振兴扎实推进，生态环境持续改善，民生保障不断加强。")


def frame() -> pd.DataFrame:
    return pd.DataFrame({"uid": [11, 12, 13], "标题": ["在全县经济工作会议上的讲话", "在全县农村工作会议上的讲话", "在全市人才工作会议上的讲话"],
                         "日期": pd.to_datetime(["2021-03-05", "2022-01-18", "2023-06-30"]),
                         "正文": [SPEECH, SPEECH.replace("经济", "农村"), SPEECH.replace("全县", "全市")]})


def stata(path: Path) -> Path:
    df = frame().assign(level=[1, 1, 2])
    df.to_stata(path, write_index=False, version=118, convert_dates={"日期": "td"},
                value_labels={"level": {1: "县", 2: "市"}})
    return path


@pytest.mark.parametrize("suffix", [".dta", ".parquet", ".feather"])
def test_a_statistics_file_is_read_whole_with_its_dates_and_ids(tmp_path: Path, suffix):
    path = tmp_path / f"speeches{suffix}"
    if suffix == ".dta":
        stata(path)
    else:
        getattr(frame(), "to_parquet" if suffix == ".parquet" else "to_feather")(path)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # nothing lost, nothing to warn about
        corpus = st.read_corpus(path, text="正文", title="标题", date="日期", id="uid")
    docs = corpus.documents
    assert len(docs) == 3 and set(docs["status"]) == {"kept"}
    assert docs["date"].tolist() == ["2021-03-05", "2022-01-18", "2023-06-30"]
    assert docs["title"].tolist()[0] == "在全县经济工作会议上的讲话"
    assert sorted(corpus.ledger["source_id"]) == ["11", "12", "13"]
    assert corpus.ledger["source"].tolist()[0].endswith(f"speeches{suffix}#row1")


def test_a_labelled_stata_value_is_its_label(tmp_path: Path):
    corpus = st.read_corpus(stata(tmp_path / "speeches.dta"), text="正文", date="日期", meta=["level"])
    assert corpus.documents["level"].tolist() == ["县", "县", "市"]


def test_a_wrong_column_of_a_stata_file_names_the_columns_it_has(tmp_path: Path):
    with pytest.raises(FieldError, match=r"speeches\.dta: no text column 'text'.*正文"):
        st.read_corpus(stata(tmp_path / "speeches.dta"))


def test_a_broken_parquet_file_is_a_ledger_row_not_a_traceback(tmp_path: Path):
    (tmp_path / "in").mkdir()
    frame().to_csv(tmp_path / "in" / "good.csv", index=False)
    (tmp_path / "in" / "broken.parquet").write_bytes(b"PAR1 not really a parquet file")
    with pytest.warns(UserWarning):
        corpus = st.read_corpus(tmp_path / "in", text="正文", date="日期")
    reasons = dict(zip(corpus.ledger["source"].map(lambda s: Path(s).name), corpus.ledger["reason"]))
    assert reasons["broken.parquet"].startswith("cannot read parquet")
    assert (corpus.documents["status"] == "kept").sum() == 3


def test_a_stata_metadata_sheet_joins_with_its_labels(tmp_path: Path):
    corpus = st.read_corpus(frame(), text="正文", title="标题", id="uid")
    sheet = tmp_path / "meta.dta"
    pd.DataFrame({"uid": [11, 12, 13], "speaker_rank": [1, 2, 2]}).to_stata(
        sheet, write_index=False, version=118, value_labels={"speaker_rank": {1: "正职", 2: "副职"}})
    joined = corpus.with_metadata(sheet, on="uid")
    assert joined.documents["speaker_rank"].astype(str).tolist() == ["正职", "副职", "副职"]
