"""Files of any format and encoding -> raw document records, plus a ledger of what was left out.

Owns the per-format readers (``.txt``, ``.md``, ``.html``/``.htm``, ``.json``, ``.jsonl``, ``.csv``).
The walk over a folder lives in :mod:`speechtopics.filewalk` (every entry comes back, read or with a
reason) and decoding by evidence in :mod:`speechtopics.clean.decode`. Nothing here raises on a bad file,
an odd name or a long path: every entry becomes a record or a ledger row that names it and says why.
Table files are read row by row: a malformed JSON line or CSV row is one ledger row (``file#line3``),
the other rows are kept, and no CSV field-size limit is lower than the file's own size.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from speechtopics.filewalk import Entry, printable, shown_path, walk

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
    """A stable id derived from where the document was found (path plus row marker).

    Any ``str`` has an id, including one holding lone surrogates (a file name that is not UTF-8, as
    Python reads it); valid text gives the same id as its UTF-8 bytes always did.
    """
    return hashlib.sha1(source.encode("utf-8", "surrogatepass")).hexdigest()[:12]


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
    """Regular files under ``path`` (or ``path`` itself) that can be read, in a stable sorted order.

    Entries left out (links that lead nowhere, FIFOs, hidden files, paths too long ...) are not
    yielded here; :func:`read_path` reports each as a ledger row.
    """
    for entry in walk(path, pattern):
        if entry.reason is None:
            yield entry.path


def _decode(data: bytes, newlines: bool = True) -> tuple[str, str, int]:
    from speechtopics.clean.decode import decode_counted

    return decode_counted(data, newlines=newlines)


def read_bytes(path: Path) -> bytes:
    """The bytes of a regular file, never blocking on a FIFO or device that took its place.

    Raises
    ------
    OSError
        When the file cannot be opened or is not a regular file.
    """
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    with open(fd, "rb") as fh:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(f"{printable(str(path))}: not a regular file")
        return fh.read()


def _display(path: Path) -> str:
    return shown_path(path.resolve())


def read_text_file(path: Path, src: InputSource, fmt: str, source: str | None = None) -> IngestResult:
    """One document per file; the file's bytes travel with it for evidence-based HTML decoding.

    ``source`` is how the file is named in the record (default: its resolved path, shown). The record's
    ``invalid_bytes`` counts bytes that were invalid under its encoding and read as U+FFFD.
    """
    source = source or _display(path)
    res = IngestResult()
    data = read_bytes(path)
    if not data.strip():
        res.ledger.append(ledger_row(source, "empty file"))
        return res
    try:
        text, encoding, invalid = _decode(data)
    except Exception as exc:  # DecodeError and anything a detector raises on binary input
        res.ledger.append(ledger_row(source, f"cannot decode: {exc}"))
        return res
    stem = printable(path.stem)
    title = re.sub(r"^\d{4}-\d{2}-\d{2}_", "", stem) if DATE_IN_NAME.match(stem) else None
    meta = {"file_title": title, "date": date_from_name(stem), "genre": src.genre, "collection": src.name}
    res.records.append({"doc_id": make_doc_id(source), "source": source, "text": text,
                        "encoding": encoding, "invalid_bytes": invalid, "format": fmt, "meta": meta,
                        "raw": data})
    return res


class BadRow(str):
    """Why one row of a table file could not be read (stands in for the row)."""


_JSONL_LINES = re.compile(r"\r\n|\r|\n")  # not str.splitlines: U+2028 and U+0085 may sit inside strings


def _csv_rows(text: str) -> Iterator[tuple[int, Any]]:
    """CSV rows as dicts numbered from 2 (the header is row 1); a malformed row is a :class:`BadRow`."""
    if csv.field_size_limit() < len(text) + 1:  # the default 131,072 would drop a long speech
        csv.field_size_limit(len(text) + 1)
    rows = csv.DictReader(io.StringIO(text))
    _ = rows.fieldnames  # a header that cannot be read fails the file
    n = 1
    while True:
        try:
            row = next(rows)
        except StopIteration:
            return
        except csv.Error as exc:
            row = BadRow(f"bad CSV row: {exc}")
        n += 1
        yield n, row


def _rows_from_table(path: Path, fmt: str, text: str) -> Iterator[tuple[int, Any]]:
    if fmt == "jsonl":
        for i, line in enumerate(_JSONL_LINES.split(text), start=1):
            if line.strip():
                try:
                    yield i, json.loads(line)
                except ValueError as exc:
                    yield i, BadRow(f"bad JSON line: {exc}")
    elif fmt == "json":
        data = json.loads(text)
        rows = data.get("records", data.get("data", [data])) if isinstance(data, dict) else data
        yield from enumerate(rows if isinstance(rows, list) else [rows], start=1)
    else:
        yield from _csv_rows(text)


def _record_from_row(row: Any, src: InputSource, source: str, fmt: str, encoding: str) -> dict | str:
    """A raw record from one table row, or the reason the row cannot be one."""
    if isinstance(row, BadRow):
        return str(row)
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


def read_table_file(path: Path, src: InputSource, fmt: str, source: str | None = None) -> IngestResult:
    """One document per JSON(L) object or CSV row; bad rows become ledger rows, the others are kept."""
    source = source or _display(path)
    res = IngestResult()
    try:
        text, encoding, invalid = _decode(read_bytes(path), newlines=fmt != "jsonl")
        rows = list(_rows_from_table(path, fmt, text))
    except Exception as exc:
        first = (str(exc) or repr(exc)).splitlines()[0][:200]
        res.ledger.append(ledger_row(source, f"cannot read {fmt}: {first}"))
        return res
    if not rows:
        res.ledger.append(ledger_row(source, "no rows"))
    for i, row in rows:
        row_source = f"{source}#{'row' if fmt == 'csv' else 'line' if fmt == 'jsonl' else 'item'}{i}"
        rec = _record_from_row(row, src, row_source, fmt, encoding)
        if isinstance(rec, str):
            res.ledger.append(ledger_row(row_source, rec))
        else:
            res.records.append({**rec, "invalid_bytes": invalid})
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
    if not os.path.lexists(root):
        raise FileNotFoundError(f"{path}: no such file or folder")
    out = IngestResult()
    for entry in walk(root, src.glob):
        part = read_entry(entry, src)
        out.records.extend(part.records)
        out.ledger.extend(part.ledger)
    return out.records, out.ledger


def read_entry(entry: Entry, src: InputSource) -> IngestResult:
    """The records of one walked entry, or the ledger row that says why there are none.

    Never raises: an entry the walk left out, an unsupported type, an unreadable file and any error
    a reader meets are all ledger rows.
    """
    if entry.reason is not None:
        return IngestResult(ledger=[ledger_row(entry.shown, entry.reason)])
    suffix = entry.path.suffix
    fmt = SUPPORTED.get(suffix.lower())
    if fmt is None:
        reason = f"unsupported file type {printable(suffix) or '(none)'}"
        return IngestResult(ledger=[ledger_row(entry.shown, reason)])
    reader = read_table_file if fmt in ("json", "jsonl", "csv") else read_text_file
    try:
        return reader(entry.path, src, fmt, entry.shown)
    except OSError as exc:
        reason = f"cannot open: {exc.strerror or exc}"
    except Exception as exc:  # a reader's bug must cost one file, never the folder
        reason = f"cannot read: {type(exc).__name__}: {str(exc)[:200]}"
    return IngestResult(ledger=[ledger_row(entry.shown, reason)])


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
