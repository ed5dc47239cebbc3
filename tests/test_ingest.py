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
    (tmp_path / "table.csv").write_text("title,body\n标题,\n", encoding="utf-8")
    (tmp_path / "gbk.txt").write_bytes("同志们：今天我们召开全县经济工作会议，主要任务是总结成绩。".encode("gb18030"))
    records, ledger = read_path(tmp_path)
    reasons = {Path(r["source"]).name.split("#")[0]: r["reason"] for r in ledger}
    assert reasons["empty.txt"] == "empty file"
    assert "decode" in reasons["image.txt"]
    assert "unsupported" in reasons["notes.docx"]
    assert "broken.jsonl" in reasons
    assert "text" in reasons["table.csv"]
    (gbk,) = [r for r in records if r["source"].endswith("gbk.txt")]
    assert gbk["text"].startswith("同志们")


def test_missing_path_raises_file_not_found(tmp_path: Path):
    with pytest.raises(FileNotFoundError, match="no such file"):
        read_path(tmp_path / "missing")


def test_csv_and_json_fields(tmp_path: Path):
    (tmp_path / "a.csv").write_text("id,text,date\n7,在全县经济工作会议上的讲话,2021-01-05\n", encoding="utf-8-sig")
    (tmp_path / "b.json").write_text(json.dumps([{"text": "政府工作报告", "title": "报告"}], ensure_ascii=False),
                                     encoding="utf-8")
    records, ledger = read_path(tmp_path, InputSource(path=str(tmp_path), id_field="id"))
    assert not ledger
    by_fmt = {r["format"]: r for r in records}
    assert by_fmt["csv"]["meta"]["date"] == "2021-01-05"
    assert by_fmt["csv"]["meta"]["source_id"] == "7"
    assert by_fmt["json"]["meta"]["title"] == "报告"


def test_date_from_file_name():
    assert date_from_name("2013-03-22_在俄罗斯") == "2013-03-22"
    assert date_from_name("20220924") == "2022-09-24"
    assert date_from_name("讲话") is None
