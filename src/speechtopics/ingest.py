"""Files of any format and encoding -> raw document records, plus a ledger of what was left out.

Owns the file walk and the per-format readers (``.txt``, ``.md``, ``.html``/``.htm``, ``.json``,
``.jsonl``, ``.csv``). Decoding by evidence lives in :mod:`speechtopics.clean.decode`. Nothing here
raises on a bad file: a file that cannot be read becomes a ledger row that names it and says why.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

TEXT_SUFFIXES = {".txt": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html",
                 ".shtml": "html", ".xhtml": "html"}
TABLE_SUFFIXES = {".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv"}
SUPPORTED = {**TEXT_SUFFIXES, **TABLE_SUFFIXES}
DATE_IN_NAME = re.compile(r"(?<!\d)((?:19|20)\d{2})[-_.年]?(\d{1,2})[-_.月]?(\d{1,2})日?(?!\d)")


@dataclass(frozen=True)
class InputSource:
    """One input of a run: a file or folder, and how to read table-like files in it.

    ``text_field`` etc. name columns/keys of JSON, JSONL and CSV files; they are ignored for text files.
    """

    path: str
    name: str = ""
    text_field: str = "text"
    id_field: str | None = None
    title_field: str | None = "title"
    date_field: str | None = "date"
    meta_fields: tuple[str, ...] = ()
    glob: str = "**/*"
    genre: str = ""


@dataclass(frozen=True)
class IngestConfig:
    """Options of the ingest stage (the ``ingest:`` slice of the config).

    Attributes
    ----------
    inputs
        Files or folders read by a run (relative paths: against the config file's folder).
    """

    inputs: tuple[InputSource, ...] = ()


@dataclass
class IngestResult:
    """Records read, and ledger rows for files or rows that were left out."""

    records: list[dict[str, Any]] = field(default_factory=list)
    ledger: list[dict[str, Any]] = field(default_factory=list)


def ledger_row(source: str, reason: str, doc_id: str | None = None, stage: str = "ingest") -> dict:
    """A row saying that ``source`` was left out, and why."""
    return {"source": source, "doc_id": doc_id or make_doc_id(source), "stage": stage,
            "status": "dropped", "reason": reason}


def make_doc_id(source: str) -> str:
    """A stable id derived from where the document was found (path plus row marker)."""
    return hashlib.sha1(source.encode("utf-8")).hexdigest()[:12]


def date_from_name(name: str) -> str | None:
    """ISO date found in a file name such as ``2013-03-22_title.txt``, or None."""
    m = DATE_IN_NAME.search(name)
    if not m:
        return None
    y, mo, d = (int(g) for g in m.groups())
    if 1 <= mo <= 12 and 1 <= d <= 31:
        return f"{y:04d}-{mo:02d}-{d:02d}"
    return None


def iter_files(path: Path, pattern: str = "**/*") -> Iterator[Path]:
    """Files under ``path`` (or ``path`` itself), sorted so every run sees the same order."""
    if path.is_file():
        yield path
        return
    for p in sorted(path.glob(pattern)):
        if p.is_file() and not p.name.startswith("."):
            yield p


def _decode(data: bytes, source: str) -> tuple[str, str]:
    from speechtopics.clean.decode import decode_bytes

    return decode_bytes(data)


def _display(path: Path) -> str:
    from speechtopics import paths

    try:
        return str(path.resolve().relative_to(paths.REPO))
    except ValueError:
        return str(path)


def read_text_file(path: Path, src: InputSource, fmt: str) -> IngestResult:
    """One document per file; the file's bytes travel with it for evidence-based HTML decoding."""
    source = _display(path)
    res = IngestResult()
    data = path.read_bytes()
    if not data.strip():
        res.ledger.append(ledger_row(source, "empty file"))
        return res
    try:
        text, encoding = _decode(data, source)
    except Exception as exc:  # DecodeError and anything a detector raises on binary input
        res.ledger.append(ledger_row(source, f"cannot decode: {exc}"))
        return res
    stem = path.stem
    title = re.sub(r"^\d{4}-\d{2}-\d{2}_", "", stem) if DATE_IN_NAME.match(stem) else None
    meta = {"file_title": title, "date": date_from_name(stem), "genre": src.genre, "collection": src.name}
    res.records.append({"doc_id": make_doc_id(source), "source": source, "text": text,
                        "encoding": encoding, "format": fmt, "meta": meta, "raw": data})
    return res


def _rows_from_table(path: Path, fmt: str, text: str) -> Iterator[tuple[int, Any]]:
    if fmt == "jsonl":
        for i, line in enumerate(text.splitlines(), start=1):
            if line.strip():
                yield i, json.loads(line)
    elif fmt == "json":
        data = json.loads(text)
        rows = data if isinstance(data, list) else data.get("records", data.get("data", [data]))
        yield from enumerate(rows, start=1)
    else:
        yield from enumerate(csv.DictReader(io.StringIO(text)), start=2)


def _record_from_row(row: Any, src: InputSource, source: str, fmt: str, encoding: str) -> dict | str:
    """A raw record from one table row, or the reason the row cannot be one."""
    if not isinstance(row, dict):
        return "row is not an object"
    value = row.get(src.text_field)
    if value is None:
        return f"no text field {src.text_field!r} (fields: {', '.join(map(str, row))})"
    if not str(value).strip():
        return f"empty text field {src.text_field!r}"
    meta: dict[str, Any] = {"genre": src.genre, "collection": src.name}
    for key in (src.title_field, src.date_field, *src.meta_fields):
        if key and key in row and row[key] not in (None, ""):
            meta["title" if key == src.title_field else "date" if key == src.date_field else key] = row[key]
    if "year" in row and row["year"] not in (None, ""):
        meta.setdefault("year", row["year"])
    if "year" in meta:
        try:
            meta["year"] = int(str(meta["year"]).strip()[:4])
        except ValueError:
            meta.pop("year")
    if src.id_field and row.get(src.id_field) not in (None, ""):
        meta["source_id"] = str(row[src.id_field])
    return {"doc_id": make_doc_id(source), "source": source, "text": str(value), "encoding": encoding,
            "format": fmt, "meta": meta}


def read_table_file(path: Path, src: InputSource, fmt: str) -> IngestResult:
    """One document per JSON(L) object or CSV row; bad rows become ledger rows."""
    source = _display(path)
    res = IngestResult()
    try:
        text, encoding = _decode(path.read_bytes(), source)
        rows = list(_rows_from_table(path, fmt, text))
    except Exception as exc:
        res.ledger.append(ledger_row(source, f"cannot read {fmt}: {str(exc).splitlines()[0][:200]}"))
        return res
    if not rows:
        res.ledger.append(ledger_row(source, "no rows"))
    for i, row in rows:
        row_source = f"{source}#{'row' if fmt == 'csv' else 'line' if fmt == 'jsonl' else 'item'}{i}"
        rec = _record_from_row(row, src, row_source, fmt, encoding)
        if isinstance(rec, str):
            res.ledger.append(ledger_row(row_source, rec))
        else:
            res.records.append(rec)
    return res


def read_path(path: str | Path, source_cfg: InputSource | None = None) -> tuple[list[dict], list[dict]]:
    """Read a file or folder into raw records and ledger rows.

    Parameters
    ----------
    path : str or Path
        A file or a folder (searched with ``source_cfg.glob``).
    source_cfg : InputSource, optional
        Field names for table-like files; defaults to ``text``/``title``/``date``.

    Returns
    -------
    records, ledger : list of dict
        Raw records (``doc_id, source, text, encoding, format, meta`` and ``raw`` bytes for one-document
        files) and one ledger row per file or row that was left out.
    """
    src = source_cfg or InputSource(path=str(path))
    root = Path(path)
    if not root.exists():
        raise FileNotFoundError(f"{path}: no such file or folder")
    out = IngestResult()
    for file in iter_files(root, src.glob):
        fmt = SUPPORTED.get(file.suffix.lower())
        if fmt is None:
            out.ledger.append(ledger_row(_display(file), f"unsupported file type {file.suffix or '(none)'}"))
            continue
        reader = read_table_file if fmt in ("json", "jsonl", "csv") else read_text_file
        try:
            part = reader(file, src, fmt)
        except OSError as exc:
            part = IngestResult(ledger=[ledger_row(_display(file), f"cannot open: {exc.strerror or exc}")])
        out.records.extend(part.records)
        out.ledger.extend(part.ledger)
    return out.records, out.ledger


def read_sources(sources: tuple[InputSource, ...], base: Path | None = None) -> tuple[list[dict], list[dict]]:
    """Read every configured input; a missing path is a usage error raised before any work.

    Relative paths are taken from ``base`` (the config file's folder; default: the current directory).
    """
    from speechtopics import paths

    resolved = [(paths.resolve(s.path, base), s) for s in sources]
    for p, s in resolved:
        if not p.exists():
            raise FileNotFoundError(f"{s.path}: input path does not exist")
    records: list[dict] = []
    ledger: list[dict] = []
    for p, s in resolved:
        r, led = read_path(p, s)
        records.extend(r)
        ledger.extend(led)
    return records, ledger
