"""A hostile input folder (tests/data/odd_folder.yaml): every entry is a record or a ledger row."""

from __future__ import annotations

import hashlib
import os
import socket
from pathlib import Path

import pytest
import yaml

from speechtopics.filewalk import PATH_MAX, shown_path
from speechtopics.ingest import InputSource, iter_files, make_doc_id, read_path

SPEC = Path(__file__).parent / "data" / "odd_folder.yaml"


def _name(part: str) -> bytes:
    return bytes.fromhex(part[4:]) if part.startswith("hex:") else part.encode("utf-8")


def _content(e: dict) -> bytes:
    if "hex" in e:
        return bytes.fromhex(e["hex"])
    text = e.get("text", "") * e.get("times", 1) + "字" * e.get("big_field", 0)
    return bytes.fromhex(e.get("before_hex", "")) + text.encode(e.get("encoding", "utf-8")) + \
        bytes.fromhex(e.get("after_hex", ""))


def _deep_file(folder: bytes, name: bytes, data: bytes) -> bytes:
    """A file below enough 200-byte folders that its path exceeds PATH_MAX (made through descriptors)."""
    fd = os.open(folder, os.O_RDONLY)
    path = folder
    try:
        while len(path) < PATH_MAX + 100:
            seg = b"d" * 200
            os.mkdir(seg, dir_fd=fd)
            nxt = os.open(seg, os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd, path = nxt, path + b"/" + seg
        out = os.open(name, os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd)
        os.write(out, data)
        os.close(out)
    finally:
        os.close(fd)
    return path + b"/" + name


def _build(root: bytes, entries: list[dict]) -> list[bytes]:
    """Create the entries under ``root``; return each entry's path, in order."""
    made = []
    for e in entries:
        parts = [_name(p) for p in e["path"]]
        parent = os.path.join(root, *parts[:-1]) if len(parts) > 1 else root
        os.makedirs(parent, exist_ok=True)
        full = os.path.join(parent, parts[-1])
        kind = e["kind"]
        if kind == "file":
            with open(full, "wb") as fh:
                fh.write(_content(e))
        elif kind == "dir":
            os.mkdir(full)
        elif kind == "fifo":
            os.mkfifo(full)
        elif kind == "socket":
            here = os.getcwd()
            os.chdir(parent)  # a socket's path must fit 108 bytes: bind a relative name
            try:
                with socket.socket(socket.AF_UNIX) as s:
                    s.bind(parts[-1])
            finally:
                os.chdir(here)
        elif kind == "symlink":
            os.symlink(e["target"].encode(), full)
        elif kind == "deep":
            os.mkdir(full)
            full = _deep_file(full, b"deep.txt", _content(e))
        made.append(full)
    return made


@pytest.fixture()
def odd_folder(tmp_path: Path) -> tuple[Path, list[tuple[dict, str]]]:
    spec = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
    _build(os.fsencode(tmp_path / "outside"), spec["outside"])
    root = tmp_path.resolve() / "in"
    root.mkdir()
    made = _build(os.fsencode(root), spec["entries"])
    return root, [(e, shown_path(Path(os.fsdecode(p)))) for e, p in zip(spec["entries"], made, strict=True)]


def _accounts(source: str, shown: str) -> bool:
    """A record or row of ``source`` accounts for the entry shown as ``shown``: itself, a row of a folder
    above it, or a record below it (a followed linked folder)."""
    source = source.split("#")[0]
    return source == shown or shown.startswith(source + "/") or source.startswith(shown + "/")


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
        hits = {s for s in [*reasons, *by_source] if _accounts(s, shown)}
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
