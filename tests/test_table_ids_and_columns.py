"""A table's own id, level, genre and collection columns, and inputs that give no document: the user's columns are kept,
never shadowed in silence, and a corpus of nothing is one error, as on the command line."""

from __future__ import annotations

import subprocess
import sys
import warnings

import pandas as pd
import pytest

import speechtopics as st

BODY = ("同志们：今天召开全县经济工作会议，主要任务是总结去年工作，分析当前形势，安排部署今年重点任务。"
        "过去一年，全县上下攻坚克难，县域经济实力持续增强，群众获得感不断增强，各项事业取得新进展。")
TEXTS = [BODY, BODY + "一", BODY + "二"]


@pytest.mark.parametrize(("column", "suffix"), [("doc_id", "csv"), ("id", "csv"), ("doc_id", "xlsx")])
def test_a_tables_own_id_column_is_kept_as_source_id(tmp_path, column, suffix):
    df = pd.DataFrame({column: ["s1", "s2", "s3"], "text": TEXTS})
    path = tmp_path / f"a.{suffix}"
    df.to_csv(path, index=False) if suffix == "csv" else df.to_excel(path, index=False)
    docs = st.read_corpus(path).documents
    assert docs["source_id"].tolist() == ["s1", "s2", "s3"]
    assert docs["doc_id"].nunique() == 3 and not set(docs["doc_id"]) & {"s1", "s2", "s3"}


def test_a_repeated_value_of_a_tables_own_id_column_is_a_warning_naming_the_rows(tmp_path):
    pd.DataFrame({"doc_id": ["s1", "s1", "s3"], "text": TEXTS}).to_csv(tmp_path / "a.csv", index=False)
    with pytest.warns(UserWarning, match=r"'s1': a.csv#row2, a.csv#row3\); source_id is not unique"):
        docs = st.read_corpus(tmp_path / "a.csv").documents
    assert docs["status"].tolist() == ["kept"] * 3
    res = subprocess.run([sys.executable, "-m", "speechtopics.cli", "ingest", str(tmp_path / "a.csv"), "--out",
                          str(tmp_path / "o.jsonl")], capture_output=True, text=True)
    assert res.returncode == 0 and "warning: id column 'doc_id (or id)': 1 value" in res.stderr


def test_a_named_id_column_wins_over_a_doc_id_column(tmp_path):
    pd.DataFrame({"doc_id": ["s1", "s1", "s3"], "uid": ["u1", "u2", "u3"], "text": TEXTS}).to_csv(tmp_path / "a.csv", index=False)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the repeated doc_id values are not the id asked for: no warning
        docs = st.read_corpus(tmp_path / "a.csv", id="uid").documents
    assert docs["source_id"].tolist() == ["u1", "u2", "u3"]


@pytest.mark.parametrize("as_frame", [False, True])
def test_a_tables_own_level_column_wins_over_the_level_read_from_the_text(tmp_path, as_frame):
    df = pd.DataFrame({"text": TEXTS, "level": ["省", None, "乡"], "speaker_role": ["书记", "县长", "主任"]})
    df.to_csv(tmp_path / "a.csv", index=False)
    docs = st.read_corpus(df if as_frame else tmp_path / "a.csv").documents
    # 全县 in the text: not used where the column has a value; a blank cell takes the library's reading
    assert docs["level"].tolist() == ["省", "县", "乡"]
    assert docs["speaker_role"].tolist() == ["书记", "县长", "主任"]


@pytest.mark.parametrize("as_frame", [False, True])
def test_a_tables_own_genre_and_collection_columns_win_over_the_inputs_genre_and_name(tmp_path, as_frame):
    df = pd.DataFrame({"text": TEXTS, "genre": ["讲话", None, "报告"], "collection": ["县委", "县政府", "县委"]})
    df.to_csv(tmp_path / "a.csv", index=False)
    df.drop(columns="genre").to_csv(tmp_path / "b.csv", index=False)
    corpus = st.read_corpus(df if as_frame else tmp_path / "a.csv")
    docs = corpus.documents
    assert docs["genre"].tolist()[::2] == ["讲话", "报告"]
    assert docs["genre"][1] == st.read_corpus(df.drop(columns="genre") if as_frame else tmp_path / "b.csv"
                                             ).documents["genre"][1]  # a blank cell: the input's genre
    assert docs["collection"].tolist() == ["县委", "县政府", "县委"]
    assert corpus.ledger["input"].nunique() == 1  # the input is still named as given, not by the column


def test_an_inputs_genre_and_name_are_replaced_only_where_the_table_has_the_column(tmp_path):
    from speechtopics.ingest import InputSource, read_path

    pd.DataFrame({"text": TEXTS, "collection": ["县委", "县政府", "县委"]}).to_csv(tmp_path / "a.csv", index=False)
    records, _ = read_path(tmp_path / "a.csv", InputSource(path=str(tmp_path / "a.csv"), name="县", genre="讲话"))
    assert [(r["meta"]["genre"], r["meta"]["collection"]) for r in records] == [
        ("讲话", "县委"), ("讲话", "县政府"), ("讲话", "县委")]


def test_a_table_with_no_readable_row_is_an_error_as_on_the_command_line(tmp_path):
    pd.DataFrame({"text": ["", " ", None], "title": ["a", "b", "c"]}).to_csv(tmp_path / "a.csv", index=False)
    with pytest.raises(ValueError, match=r"nothing could be read: a.csv#row2: empty text field 'text'") as raised:
        st.read_corpus(tmp_path / "a.csv")
    for command in ("ingest", "clean"):  # the same line, the file named relative to its folder, not absolute
        res = subprocess.run([sys.executable, "-m", "speechtopics.cli", command, str(tmp_path / "a.csv"), "--out",
                              str(tmp_path / "o.jsonl")], capture_output=True, text=True)
        assert res.returncode == 2 and res.stderr.strip() == "error: " + str(raised.value).split(" (a corpus")[0]


def test_rows_read_but_all_left_out_give_an_empty_corpus_and_a_warning(tmp_path):
    pd.DataFrame({"text": ["太短了", "也太短"]}).to_csv(tmp_path / "a.csv", index=False)
    with pytest.warns(UserWarning, match=r"2 of 2 documents \(100%\) left out, most often: too short"):
        corpus = st.read_corpus(tmp_path / "a.csv")
    assert len(corpus) == 0 and corpus.ledger["status"].tolist() == ["dropped", "dropped"]


def test_the_clean_commands_output_carries_a_tables_own_level_at_the_top(tmp_path):
    """clean's JSONL gives the table's own level and speaker_role as the record's (as read_corpus does), not
    only under meta; a blank cell keeps the reading of the text."""
    import json

    pd.DataFrame({"text": TEXTS, "level": ["省", None, "乡"], "speaker_role": ["书记", None, "主任"]}).to_csv(
        tmp_path / "a.csv", index=False)
    result = subprocess.run([sys.executable, "-m", "speechtopics.cli", "clean", str(tmp_path / "a.csv"), "--out",
                             str(tmp_path / "c.jsonl")], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    rows = [json.loads(x) for x in (tmp_path / "c.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["level"] for r in rows] == ["省", "县", "乡"] and [r["speaker_role"] for r in rows][::2] == ["书记", "主任"]
