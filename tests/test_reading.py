"""``read_corpus`` and ``Corpus``: metadata columns keep what the user wrote (exact ids, codes, year.month
text, a DataFrame's own dtypes, names that clash with the library's columns), missing-value tokens, and
the ledger's date columns, ids and metadata."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

import speechtopics as st
from speechtopics.reading import MISSING_TOKENS, numeric_column

BODY = ("同志们：今天召开全县经济工作会议，主要任务是总结去年工作，分析当前形势，安排部署今年重点任务。"
        "过去一年，全县上下攻坚克难，县域经济实力持续增强，群众获得感不断增强，各项事业取得新进展。")
PLACES = ["东城", "西城", "南岗", "北塘", "中山", "江北", "河西", "湖滨"]


def _texts(n: int) -> list[str]:
    return [f"{PLACES[i % len(PLACES)]}第{i + 1}次会议。{BODY}" for i in range(n)]


def _read(df: pd.DataFrame, tmp_path, **kw) -> st.Corpus:
    """``df`` written as a CSV of text cells (as a user's sheet) and read back."""
    path = tmp_path / "in.csv"
    df.to_csv(path, index=False)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return st.read_corpus(path, **kw)


@pytest.mark.parametrize("cells", [
    ["2020.1", "2020.10", "2020.2"],            # year.month: 2020.10 as a float is 2020.1, January
    ["1.10", "2.0", "3.5"],                     # a version
    ["0012", "0013"],                           # a code with leading zeros
    ["12345678901234567890", "1"],              # an id beyond int64
    ["+3", "4"],
    ["9007199254740993", "2.5"],                # a whole number a float cannot hold, among floats
    ["NA", "null"],                             # missing tokens and no number
])
def test_a_column_a_number_would_change_stays_text(cells):
    col = pd.Series(cells, dtype=object)
    assert numeric_column(col).tolist() == cells


def test_whole_numbers_are_exact_int64_with_gaps_and_missing_tokens():
    ids = ["202012345678901000", None, "202012345678901002", ""]
    assert numeric_column(pd.Series(ids, dtype=object)).tolist() == [202012345678901000, pd.NA, 202012345678901002,
                                                                     pd.NA]
    as_json = pd.Series([202012345678901001, None, np.int64(5)], dtype=object)  # numbers held as numbers
    got = numeric_column(as_json)
    assert str(got.dtype) == "Int64" and got.tolist() == [202012345678901001, pd.NA, 5]
    for token in sorted(MISSING_TOKENS):
        got = numeric_column(pd.Series(["1.5", token, "-2"], dtype=object))
        assert got.dtype == float and got.isna().tolist() == [False, True, False], token


def test_a_csv_id_column_with_an_empty_cell_stays_exact_and_a_long_one_stays_text(tmp_path):
    ids = ["202012345678901000", "202012345678901001", "", "202012345678901003"]
    docs = _read(pd.DataFrame({"text": _texts(4), "bigid": ids}), tmp_path, meta=["bigid"]).documents
    assert docs["bigid"].tolist() == [202012345678901000, 202012345678901001, pd.NA, 202012345678901003]
    long = ["12345678901234567890", "1", "2", "3"]
    docs = _read(pd.DataFrame({"text": _texts(4), "article_id": long}), tmp_path, meta=["article_id"]).documents
    assert docs["article_id"].tolist() == long


def test_year_month_text_keeps_october_apart_from_january(tmp_path):
    ym = ["2020.1", "2020.10", "2020.2", "2020.11"]
    docs = _read(pd.DataFrame({"text": _texts(4), "年月": ym}), tmp_path, meta=["年月"]).documents
    assert docs["年月"].tolist() == ym


def test_na_written_by_r_is_missing_in_a_numeric_column_and_in_a_date_column(tmp_path):
    frame = pd.DataFrame({"text": _texts(4), "score": ["1", "NA", "3", "-"], "date": ["2020-05-19", "NA", "null", "—"]})
    corpus = _read(frame, tmp_path, meta=["score"])
    docs = corpus.documents
    assert str(docs["score"].dtype) == "Int64" and docs["score"].tolist() == [1, pd.NA, 3, pd.NA]
    assert docs["date_error"].tolist() == ["", "", "", ""] and docs["date"].notna().tolist() == [True, False, False, False]


def test_a_dataframe_keeps_the_dtypes_its_user_gave():
    frame = pd.DataFrame({
        "text": _texts(6),
        "cat": pd.Categorical(["县级", "市级", "省级"] * 2, categories=["省级", "市级", "县级"]),
        "nint": pd.array([1, None, 202012345678901000] * 2, dtype="Int64"),
        "flag": [True, False] * 3,
        "code": pd.array(["001", "002", "003"] * 2, dtype="string"),
        "numtext": pd.Series(["0", "1", "2"] * 2, dtype=object),
    })
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        docs = st.read_corpus(frame, meta=["cat", "nint", "flag", "code", "numtext"]).documents
    for name in ("cat", "nint", "flag", "code", "numtext"):
        assert docs[name].dtype == frame[name].dtype, name
        assert docs[name].tolist() == frame[name].tolist(), name
    assert list(docs["cat"].cat.categories) == ["省级", "市级", "县级"]


def test_metadata_named_like_a_library_column_is_kept_as_meta_and_named_in_one_warning(tmp_path):
    frame = pd.DataFrame({"text": _texts(4), "date": ["2020-05-19"] * 4, "status": ["在任", "离任"] * 2,
                          "reason": ["调任", "退休"] * 2, "year": ["2019"] * 4, "display_name": list("甲乙丙丁")})
    path = tmp_path / "in.csv"
    frame.to_csv(path, index=False)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        corpus = st.read_corpus(path, meta=["status", "reason", "year", "display_name"])
    named = [str(w.message) for w in caught if "meta_status" in str(w.message)]
    assert len(named) == 1 and all(f"meta_{m}" in named[0] for m in ("reason", "year", "display_name"))
    docs = corpus.documents
    assert docs["meta_status"].tolist() == frame["status"].tolist()
    assert docs["meta_reason"].tolist() == frame["reason"].tolist()
    assert docs["meta_display_name"].tolist() == frame["display_name"].tolist()
    assert docs["meta_year"].tolist() == [2019] * 4 and docs["year"].tolist() == [2020] * 4
    assert docs["status"].tolist() == ["kept"] * 4
    assert {"meta_status", "meta_year"} <= set(corpus.metadata)


def test_a_year_column_that_gives_the_year_is_kept_without_a_warning():
    frame = pd.DataFrame({"text": _texts(3), "year": [2018, 2019, 2020]})
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        docs = st.read_corpus(frame, meta=["year"]).documents
    assert not [w for w in caught if "meta_year" in str(w.message)]
    assert docs["year"].tolist() == docs["meta_year"].tolist() == [2018, 2019, 2020]


def test_the_ledger_has_the_date_columns_and_a_left_out_rows_id_and_metadata(tmp_path):
    frame = pd.DataFrame({"text": [*_texts(3), "同志们好。"], "code": ["0001", "0002", "0003", "0901"],
                          "speaker": ["甲", "乙", "丙", "丁"], "source": ["新华社"] * 4})
    corpus = _read(frame, tmp_path, meta=["code", "speaker", "source"], id="code")
    ledger = corpus.ledger
    assert {"date_error", "date_inferred", "date_conflict"} <= set(ledger.columns)
    assert "date_conflict" in corpus.documents.columns
    short = ledger[ledger["status"] != "kept"].iloc[0]
    assert (short["source_id"], short["code"], short["speaker"]) == ("0901", "0901", "丁")
    assert short["meta_source"] == "新华社" and short["source"].endswith("#row5")  # not the ledger's own source


def test_a_row_left_out_at_ingest_keeps_its_id_and_metadata_in_the_ledger(tmp_path):
    import pandas as pd

    import speechtopics as st

    speech = "同志们，今天我们召开全县经济工作会议，主要任务是总结去年工作，分析当前形势，部署今年任务。" * 3
    pd.DataFrame({"code": ["0901", "0902"], "speaker": ["空白", "李强"], "text": ["", speech]}).to_csv(
        tmp_path / "rows.csv", index=False)
    ledger = st.read_corpus(tmp_path / "rows.csv", text="text", id="code", meta=["speaker"]).ledger
    row = ledger[ledger["reason"].str.startswith("empty text field")].iloc[0]
    assert (row["source_id"], row["speaker"]) == ("0901", "空白")


@pytest.mark.parametrize("source", [[], ()])
def test_an_empty_list_of_paths_is_one_clear_error(source):
    # sorted(Path(folder).glob("*.txt")) of a folder without such files: named as such, not os.path's message
    with pytest.raises(ValueError, match=r"^read_corpus: no input given .*glob") as err:
        st.read_corpus(source)
    assert "\n" not in str(err.value)


def test_a_given_date_that_cannot_be_read_is_warned_about_as_the_run_summary_says_it():
    import warnings

    import pandas as pd

    import speechtopics as st

    speech = "同志们：今天我们召开全县经济工作会议，总结过去一年的工作，部署今年的任务。过去一年，全县经济发展稳中向好。"
    frame = pd.DataFrame({"text": [speech, speech.replace("经济", "农业")], "date": ["n.d.", "2020-01-02"]})
    with pytest.warns(UserWarning, match=r"^1 of 2 documents have a given date that could not be read \('n\.d\.' of "
                                         r"[0-9a-f]{12}\); they are kept without a date \(column date_error\)$"):
        corpus = st.read_corpus(frame, date="date")
    assert corpus.documents["date_error"].tolist() == ["n.d.", ""]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        st.read_corpus(frame.assign(date=["2020-01-01", "2020-01-02"]), date="date")


def read_with_warnings(source, **fields):
    """``read_corpus(source, **fields)`` and the text of every warning it gave."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        corpus = st.read_corpus(source, **fields)
    return corpus, [str(w.message) for w in caught]


def test_a_metadata_column_blank_in_every_row_is_warned_about_and_one_with_values_is_not(tmp_path):
    body = "各位代表，现在我代表县人民政府向大会报告工作。一年来，我们坚持稳中求进，经济社会发展取得新成效。" * 3
    df = pd.DataFrame({"text": [body + str(i) for i in range(4)], "级别": [None] * 4, "部门": ["甲", "乙", None, "甲"]})
    df.to_csv(tmp_path / "speeches.csv", index=False)
    for source in (df, tmp_path / "speeches.csv"):
        corpus, messages = read_with_warnings(source, meta=["级别", "部门"])
        blank = [m for m in messages if "has no value in any" in m]
        assert len(blank) == 1 and "'级别'" in blank[0] and "4 kept documents" in blank[0]
        assert corpus.documents["部门"].notna().sum() == 3


def test_metadata_values_written_more_than_one_way_are_kept_as_written_and_warned_about(tmp_path):
    """A sheet's 级别 with a trailing or full-width space and a speaker's name with another dot: each
    spelling is its own category of an effect, so read_corpus names them; the values stay as written."""
    body = "各位代表，现在我代表县人民政府向大会报告工作。一年来，我们坚持稳中求进，经济社会发展取得新成效。" * 3
    levels = ["县级", "县级 ", "省级", "省级\u3000", "市级", None]
    speakers = ["阿卜杜勒·克里木", "阿卜杜勒•克里木", "王伟", "王伟", "李强", "李强"]
    df = pd.DataFrame({"text": [body + str(i) for i in range(6)], "级别": levels, "讲话人": speakers})
    df.to_csv(tmp_path / "speeches.csv", index=False)
    for source in (df, tmp_path / "speeches.csv"):
        corpus, messages = read_with_warnings(source, meta=["级别", "讲话人"])
        said = [m for m in messages if "written more than one way" in m]
        assert said == [
            "metadata '级别': 2 values written more than one way (spaces, full-width forms or the dot in a name): "
            "'县级' (1) / '县级 ' (1); '省级' (1) / '省级\\u3000' (1); they are kept as written, so an effect or a "
            "figure counts each spelling apart (write each one way in your table)",
            "metadata '讲话人': 1 value written more than one way (spaces, full-width forms or the dot in a name): "
            "'阿卜杜勒·克里木' (1) / '阿卜杜勒•克里木' (1); they are kept as written, so an effect or a "
            "figure counts each spelling apart (write each one way in your table)"]
        assert corpus.documents["级别"].tolist()[:5] == levels[:5]
        assert corpus.documents["讲话人"].tolist() == speakers


def test_read_corpus_warns_when_day_first_dates_are_read_month_first(tmp_path):
    body = "各位代表，现在我代表县人民政府向大会报告工作。一年来，我们坚持稳中求进，经济社会发展取得新成效。" * 3
    df = pd.DataFrame({"text": [body + str(i) for i in range(3)], "日期": ["22/3/2013", "7/4/2013", "5/6/2013"]})
    df.to_csv(tmp_path / "speeches.csv", index=False)
    with pytest.warns(UserWarning, match=r"^2 given dates such as '7/4/2013' were read month first"):
        corpus = st.read_corpus(tmp_path / "speeches.csv", date="日期")
    assert corpus.documents["date"].tolist() == ["2013-03-22", "2013-07-04", "2013-05-06"]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        corpus = st.read_corpus(tmp_path / "speeches.csv", date="日期", date_format="dmy")
    assert corpus.documents["date"].tolist() == ["2013-03-22", "2013-04-07", "2013-06-05"]
