"""JSON inputs in the shapes researchers' exports have: records keyed by id, wrapped under a key, with
nested objects (read as dotted fields) or list fields; a JSON holding no records is one clear error."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import speechtopics as st
from speechtopics.records import FieldError

BODY = ("同志们：今天召开全县经济工作会议，主要任务是总结去年工作，分析当前形势，安排部署今年重点任务。"
        "过去一年，全县上下攻坚克难，县域经济实力持续增强，群众获得感不断增强，各项事业取得新进展。")
OTHER = ("各位代表：现在，我代表县人民政府向大会报告工作，请予审议，并请县政协各位委员和其他列席人员提出意见。"
         "一年来，我们坚持稳中求进工作总基调，扎实做好六稳六保工作，脱贫攻坚取得决定性成就，民生持续改善。")


def write(path, data):
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_one_record_keyed_by_its_id_is_a_record_with_its_key(tmp_path):
    path = write(tmp_path / "a.json", {"s-001": {"text": BODY, "title": "在全县经济工作会议上的讲话",
                                                 "files": [{"name": "附件1.pdf"}]}})
    docs = st.read_corpus(path, id="key").documents
    assert docs[["source_id", "title", "status"]].values.tolist() == [["s-001", "在全县经济工作会议上的讲话", "kept"]]


def test_records_keyed_by_id_holding_arrays_of_objects_are_the_records_not_those_arrays(tmp_path):
    data = {"a": {"text": BODY, "files": [{"name": "x.pdf"}]}, "b": {"text": OTHER, "files": [{"name": "y.doc"}]}}
    docs = st.read_corpus(write(tmp_path / "a.json", data), meta=["key", "files"]).documents
    assert docs["key"].tolist() == ["a", "b"] and docs["status"].tolist() == ["kept", "kept"]
    assert docs["files"].tolist() == [[{"name": "x.pdf"}], [{"name": "y.doc"}]]


@pytest.mark.parametrize("key", ["data", "speeches"])
def test_records_under_a_key_are_read(tmp_path, key):
    path = write(tmp_path / "a.json", {"total": 2, key: [{"text": BODY, "title": "甲"}, {"text": OTHER, "title": "乙"}]})
    assert st.read_corpus(path).documents["title"].tolist() == ["甲", "乙"]


@pytest.mark.parametrize("suffix", ["json", "jsonl"])
def test_nested_fields_are_named_with_dots(tmp_path, suffix):
    rows = [{"text": BODY, "meta": {"date": "2020-01-18", "speaker": {"name": "张三"}}},
            {"text": OTHER, "meta": {"date": "2021-03-05", "speaker": {"name": "李四"}}}]
    path = tmp_path / f"a.{suffix}"
    if suffix == "json":
        write(path, rows)
    else:
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    docs = st.read_corpus(path, date="meta.date", meta=["meta.speaker.name"]).documents
    assert docs["date"].tolist() == ["2020-01-18", "2021-03-05"]
    assert docs["meta.speaker.name"].tolist() == ["张三", "李四"]
    with pytest.raises(FieldError, match="did you mean 'meta.date'"):
        st.read_corpus(path, date="meta.dat")


def test_a_list_field_is_kept_as_a_list(tmp_path):
    path = write(tmp_path / "a.json", [{"text": BODY, "attachments": ["a.pdf", "b.doc"]}, {"text": OTHER, "attachments": []}])
    docs = st.read_corpus(path, meta=["attachments"]).documents
    assert docs["attachments"].tolist() == [["a.pdf", "b.doc"], []]


@pytest.mark.parametrize(("data", "said"), [("a speech", "its records are text"), ([[1, BODY], [2, OTHER]], "its records are arrays"),
                                            ([1, 2], "its records are numbers")])
def test_a_json_holding_no_records_is_one_line_naming_its_shape(tmp_path, data, said):
    path = write(tmp_path / "a.json", data)
    with pytest.raises(FieldError, match=f"a.json: {said}.*expected records with a 'text' field"):
        st.read_corpus(path)
    res = subprocess.run([sys.executable, "-m", "speechtopics.cli", "ingest", str(path), "--out", str(tmp_path / "o.jsonl")],
                         capture_output=True, text=True)
    assert res.returncode == 2 and said in res.stderr and len(res.stderr.strip().splitlines()) == 1


def test_a_jsonl_of_arrays_says_so_and_in_a_folder_costs_only_itself(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.jsonl").write_text('[1, "甲"]\n[2, "乙"]\n', encoding="utf-8")
    with pytest.raises(FieldError, match="its lines are arrays, not objects.*one object per line"):
        st.read_corpus(tmp_path / "in" / "a.jsonl")
    write(tmp_path / "in" / "b.json", [{"text": BODY}])
    ledger = st.read_corpus(tmp_path / "in").ledger
    assert ledger.loc[ledger["source"] == "in/a.jsonl", "reason"].str.startswith("its lines are arrays").tolist() == [True]


def test_records_keyed_by_id_under_a_key_are_read_with_their_key(tmp_path):
    data = {"count": 2, "speeches": {"s-001": {"text": BODY, "title": "甲"}, "s-002": {"text": OTHER, "title": "乙"}}}
    docs = st.read_corpus(write(tmp_path / "a.json", data), id="key").documents
    assert docs[["source_id", "title"]].values.tolist() == [["s-001", "甲"], ["s-002", "乙"]]


@pytest.mark.parametrize("suffix", ["jsonl", "json"])
@pytest.mark.parametrize("joiner", ["pretty", "run together"])
def test_records_written_over_several_lines_or_run_together_are_one_record_each(tmp_path, suffix, joiner):
    rows = [{"text": BODY, "title": "甲", "meta": {"date": "2020-01-18"}}, {"text": OTHER, "title": "乙"},
            {"text": BODY.replace("全县", "全市"), "title": "丙"}]
    dump = (lambda r: json.dumps(r, ensure_ascii=False, indent=2) + "\n") if joiner == "pretty" else (
        lambda r: json.dumps(r, ensure_ascii=False))
    path = tmp_path / f"a.{suffix}"
    path.write_text("".join(dump(r) for r in rows), encoding="utf-8")
    corpus = st.read_corpus(path, date="meta.date")
    assert corpus.documents["title"].tolist() == ["甲", "乙", "丙"] and len(corpus.ledger) == 3
    assert corpus.documents["date"].tolist()[0] == "2020-01-18"
    assert corpus.documents["doc_id"].is_unique
    if suffix == "jsonl":  # each record named by the line it starts on, or its place when they share a line
        marks = ["line1", "line8", "line12"] if joiner == "pretty" else ["item1", "item2", "item3"]
        assert [s.rsplit("#", 1)[1] for s in corpus.ledger["source"]] == marks


def test_a_jsonl_file_that_is_not_json_at_all_is_one_ledger_row_naming_a_line(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.jsonl").write_text("title,text\n甲,同志们\n乙,各位代表\n", encoding="utf-8")
    write(tmp_path / "in" / "b.json", [{"text": BODY}])
    ledger = st.read_corpus(tmp_path / "in").ledger
    (reason,) = ledger.loc[ledger["source"].str.startswith("in/a.jsonl"), "reason"]
    assert reason.startswith("cannot read jsonl: no line is a JSON value (line 1: bad JSON line: ")


def test_a_jsonl_with_one_broken_line_keeps_the_others_and_names_that_line(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"text": BODY}, ensure_ascii=False) + '\n{"text": "半截\n'
                    + json.dumps({"text": OTHER}, ensure_ascii=False) + "\n", encoding="utf-8")
    ledger = st.read_corpus(path).ledger
    assert sorted(ledger[["source", "status"]].values.tolist()) == [["a.jsonl#line1", "kept"], ["a.jsonl#line2", "dropped"],
                                                                    ["a.jsonl#line3", "kept"]]
