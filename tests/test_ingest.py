import os
import json
from pathlib import Path

import pytest

from speechtopics.ingest import InputSource, date_from_name, read_path


def test_reads_bundled_speeches_with_bom_and_crlf(raw_dir: Path):
    files = sorted((raw_dir / "xi_speeches_2013_2016").glob("*.txt"))[:3]
    records, ledger = read_path(files[0])
    assert not ledger
    (rec,) = records
    assert not rec["text"].startswith("\ufeff")
    assert "\r" not in rec["text"]
    assert rec["meta"]["date"] == files[0].name[:10]
    assert rec["format"] == "txt"


def test_reads_jsonl_rows_with_named_fields(raw_dir: Path):
    src = InputSource(path="x", text_field="content", title_field="title", date_field=None,
                      meta_fields=("year",))
    records, ledger = read_path(raw_dir / "gwr_national_wikisource" / "government_work_reports.jsonl", src)
    assert len(records) + len(ledger) == 72
    assert all(r["source"].split("#line")[1].isdigit() for r in records)
    years = {r["meta"].get("year") for r in records}
    assert 1954 in years and 2025 in years
    assert len({r["doc_id"] for r in records}) == len(records)


def test_bad_files_become_ledger_rows(tmp_path: Path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    (tmp_path / "broken.jsonl").write_text('{"text": "好"}\n{not json\n', encoding="utf-8")
    (tmp_path / "table.csv").write_text("title,text\n标题,\n", encoding="utf-8")
    (tmp_path / "gbk.txt").write_bytes("同志们：今天我们召开全县经济工作会议，主要任务是总结成绩。".encode("gb18030"))
    records, ledger = read_path(tmp_path)
    reasons = {Path(r["source"]).name.split("#")[0]: r["reason"] for r in ledger}
    assert reasons["empty.txt"] == "empty file"
    assert "decode" in reasons["image.txt"]
    assert "cannot read docx" in reasons["notes.docx"]
    assert "broken.jsonl" in reasons
    assert "empty text field" in reasons["table.csv"]
    (gbk,) = [r for r in records if r["source"].endswith("gbk.txt")]
    assert gbk["text"].startswith("同志们")


def test_missing_path_raises_file_not_found(tmp_path: Path):
    with pytest.raises(FileNotFoundError, match="no such file"):
        read_path(tmp_path / "missing")


def test_csv_and_json_fields(tmp_path: Path):
    (tmp_path / "a.csv").write_text("id,text,date\n7,在全县经济工作会议上的讲话,2021-01-05\n", encoding="utf-8-sig")
    (tmp_path / "b.json").write_text(json.dumps([{"text": "政府工作报告", "title": "报告"}], ensure_ascii=False),
                                     encoding="utf-8")
    records, ledger = read_path(tmp_path, InputSource(path=str(tmp_path)))
    assert not ledger
    by_fmt = {r["format"]: r for r in records}
    assert by_fmt["csv"]["meta"]["date"] == "2021-01-05"
    assert by_fmt["json"]["meta"]["title"] == "报告"
    # an id column the user names is kept as source_id; a file without it is left out, saying so
    records, ledger = read_path(tmp_path, InputSource(path=str(tmp_path), id_field="id"))
    assert [r["meta"]["source_id"] for r in records] == ["7"]
    assert [row["reason"] for row in ledger] == ["no id column 'id' (fields: text, title)"]


def test_date_from_file_name():
    assert date_from_name("2013-03-22_在俄罗斯") == "2013-03-22"
    assert date_from_name("20220924") == "2022-09-24"
    assert date_from_name("讲话") is None
    assert date_from_name("2014年12月31日讲话") == "2014-12-31"
    # a year and month alone is not a date (was read as 2014-01-02 and 2016-01-01)
    assert date_from_name("2014年12月政协茶话会讲话") is None and date_from_name("2016-11_科技讲话") is None


def test_one_bad_row_keeps_the_others(tmp_path: Path):
    (tmp_path / "a.jsonl").write_text('{"text": "第一篇"}\n{"text": 第二篇}\n{"text": "第三篇"}\n', encoding="utf-8")
    long_text = "改革" * 70_000  # 140,000 characters: over csv's default field-size limit of 131,072
    (tmp_path / "b.csv").write_text(f"title,text\n长,{long_text}\n短,短文\n", encoding="utf-8")
    records, ledger = read_path(tmp_path)
    assert sorted(r["source"].rsplit("/", 1)[1] for r in records) == ["a.jsonl#line1", "a.jsonl#line3",
                                                                      "b.csv#row2", "b.csv#row3"]
    assert [r["source"].rsplit("/", 1)[1] for r in ledger] == ["a.jsonl#line2"]
    assert max(len(r["text"]) for r in records) == len(long_text)


def test_odd_names_and_special_files_never_crash(tmp_path: Path):
    import os

    (tmp_path / os.fsdecode(b"\xd6\xd0\xcf.txt")).write_text("文件名不是UTF-8。", encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "missing.txt")
    (tmp_path / ".hidden.txt").write_text("隐藏", encoding="utf-8")
    records, ledger = read_path(tmp_path)
    assert [r["source"].rsplit("/", 1)[1] for r in records] == ["\\xd6\\xd0\\xcf.txt"]
    reasons = {r["source"].rsplit("/", 1)[1]: r["reason"] for r in ledger}
    assert reasons == {"pipe.txt": "not a regular file", "gone.txt": "dangling link",
                       ".hidden.txt": "hidden file skipped"}


def test_utf8_page_with_a_stray_byte_is_a_record(tmp_path: Path):
    (tmp_path / "p.txt").write_bytes("同志们：今天我们召开全县经济工作会议。".encode() * 10 + b"\xff")
    records, ledger = read_path(tmp_path)
    assert not ledger and records[0]["encoding"] == "utf-8" and records[0]["invalid_bytes"] == 1


def test_files_outside_the_project_are_named_relative_to_it(tmp_path):
    from speechtopics.ingest import make_doc_id, relative_to_project

    project = tmp_path / "proj"
    project.mkdir()
    inside, outside = str(project / "data" / "raw" / "a.csv#row2"), str(tmp_path / "corpus" / "b.csv#row3")
    rows = [{"source": s, "doc_id": make_doc_id(s)} for s in (inside, outside)] + [{"source": "x.txt", "doc_id": "own"}]
    relative_to_project(rows, project, outside=True)
    assert [r["source"] for r in rows] == [os.path.join("data", "raw", "a.csv#row2"),
                                           os.path.join("..", "corpus", "b.csv#row3"), "x.txt"]
    assert [r["doc_id"] for r in rows] == [make_doc_id(rows[0]["source"]), make_doc_id(rows[1]["source"]), "own"]
