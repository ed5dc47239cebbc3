"""A hostile input folder (tests/data/odd_folder.yaml): every entry is a record or a ledger row."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
import yaml
from oddtree import accounts, build

from speechtopics.filewalk import PATH_MAX, shown_path
from speechtopics.ingest import InputSource, iter_files, make_doc_id, read_path

SPEC = Path(__file__).parent / "data" / "odd_folder.yaml"


@pytest.fixture()
def odd_folder(tmp_path: Path) -> tuple[Path, list[tuple[dict, str]]]:
    spec = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
    build(os.fsencode(tmp_path / "outside"), spec["outside"])
    root = tmp_path.resolve() / "in"
    root.mkdir()
    made = build(os.fsencode(root), spec["entries"])
    return root, [(e, shown_path(Path(os.fsdecode(p)))) for e, p in zip(spec["entries"], made, strict=True)]


def test_every_entry_of_the_odd_folder_is_accounted_for(odd_folder):
    root, entries = odd_folder
    assert len(entries) == 45
    records, ledger = read_path(root)
    reasons = {}
    for row in ledger:
        reasons.setdefault(row["source"].split("#")[0], []).append(row["reason"])
    by_source = {}
    for rec in records:
        by_source.setdefault(rec["source"].split("#")[0], []).append(rec)
    for e, shown in entries:
        label = f"{e['path']} ({shown[-60:]!r})"
        hits = {s for s in [*reasons, *by_source] if accounts(s, shown)}
        assert hits, f"{label}: neither a record nor a ledger row"
        if e["expect"] == "record":
            assert shown in by_source, f"{label}: no record ({reasons.get(shown)})"
        elif e["expect"] == "ledger":
            rows = [r for s in hits for r in reasons.get(s, [])]
            assert any(e["reason"] in r for r in rows), f"{label}: {rows}"
        elif e["expect"] == "rows":
            assert sum(len(by_source.get(s, [])) for s in hits) == e["records"], label
    assert len({r["doc_id"] for r in records}) == len(records)  # a link's record is not its target's


def test_odd_records_keep_their_content(odd_folder):
    root, _ = odd_folder
    records, ledger = read_path(root)
    text = {Path(r["source"].split("#")[0]).name: r for r in records}
    assert text["stray_byte.txt"]["invalid_bytes"] == 1 and text["stray_byte.txt"]["encoding"] == "utf-8"
    assert text["gbk.txt"]["encoding"] == "gb18030" and text["gbk.txt"]["invalid_bytes"] == 0
    assert len(text["big_field.csv"]["text"]) == 200_000
    assert "\u2028" in [r for r in records if r["source"].endswith("lines.jsonl#line3")][0]["text"]
    bad = [r for r in ledger if r["source"].endswith("lines.jsonl#line2")]
    assert bad and "bad JSON" in bad[0]["reason"]
    assert "caf\\xe9.txt" in text and text["caf\\xe9.txt"]["meta"]["collection"] == ""
    assert all(isinstance(r["source"], str) and r["source"].encode("utf-8") for r in records + ledger)


def test_iter_files_yields_only_openable_regular_files(odd_folder):
    root, _ = odd_folder
    files = list(iter_files(root))
    assert files and all(f.is_file() and len(os.fsencode(f)) < PATH_MAX for f in files)
    assert len(files) == len(set(files))


def test_glob_pattern_still_selects(odd_folder):
    root, _ = odd_folder
    records, ledger = read_path(root, InputSource(path=str(root), glob="*.jsonl"))
    assert {r["source"].rsplit("/", 1)[-1] for r in records} == {"lines.jsonl#line1", "lines.jsonl#line3"}
    assert [r["reason"][:8] for r in ledger] == ["bad JSON"]
    records, _ = read_path(root, InputSource(path=str(root), glob="sub/**/*.md"))
    assert [Path(r["source"]).name for r in records] == ["deep.md"]


def test_doc_id_of_any_name():
    assert make_doc_id("a\udcffb") != make_doc_id("a\udcfeb")  # names Python read from non-UTF-8 bytes
    assert make_doc_id("讲话.txt") == hashlib.sha1("讲话.txt".encode()).hexdigest()[:12]  # ids unchanged


def test_an_empty_sheet_saved_as_csv_and_a_saved_page_folder_are_not_documents(tmp_path: Path):
    from speechtopics.records import skipped_file

    body = "同志们：今天我们召开全县经济工作会议，主要任务是总结去年工作，部署今年任务。"
    (tmp_path / "good.csv").write_text(f"标题,日期,正文\n讲话一,2020-03-05,{body}\n", encoding="utf-8")
    (tmp_path / "sheet2.csv").write_bytes(b",,\r\n,,\r\n")  # was: no text column '正文', the folder refused
    (tmp_path / "讲话全文.html").write_text(f"<html><body><p>{body}</p></body></html>", encoding="utf-8")
    (tmp_path / "讲话全文_files").mkdir()
    (tmp_path / "讲话全文_files" / "main.css").write_text("body{margin:0}", encoding="utf-8")
    (tmp_path / "其他_files").mkdir()  # no page of that name beside it: read as any folder
    (tmp_path / "其他_files" / "note.txt").write_text(body, encoding="utf-8")
    records, ledger = read_path(tmp_path, InputSource(path=str(tmp_path), text_field="正文"))
    assert sorted(Path(r["source"]).name for r in records) == ["good.csv#row2", "note.txt", "讲话全文.html"]
    reasons = {Path(r["source"]).name: r["reason"] for r in ledger}
    assert reasons == {"sheet2.csv": "empty table (no header and no cell filled)",
                       "讲话全文_files": "resource folder of a saved page skipped (讲话全文.html)"}
    assert skipped_file(reasons["讲话全文_files"])


def test_an_output_that_would_overwrite_or_be_read_as_input_is_refused_first(tmp_path: Path):
    from typer.testing import CliRunner

    from speechtopics.cli import app

    (tmp_path / "in").mkdir()
    table = tmp_path / "in" / "speeches.csv"
    table.write_text("正文\n同志们：今天我们召开全县经济工作会议，主要任务是总结去年工作。\n", encoding="utf-8")
    before = table.read_bytes()
    folder = tmp_path / "in"
    for source, out, message in [(table, table, "would overwrite the input"),
                                 (folder, folder / "raw.jsonl", "inside the input folder"),
                                 (table, table / "raw.jsonl", "is a file, not a folder"), (table, tmp_path, "directory")]:
        result = CliRunner().invoke(app, ["ingest", str(source), "--text-field", "正文", "-o", str(out)])
        assert result.exit_code == 2 and message in result.output, result.output
    assert table.read_bytes() == before
