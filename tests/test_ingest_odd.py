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
