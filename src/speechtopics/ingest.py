"""Files of any format and encoding -> raw document records, plus a ledger of what was left out.

Owns the routing of one file to its reader: text pages (``.txt``, ``.md``, ``.html``), tables
(``.csv``, ``.json``, ``.jsonl``, ``.xlsx``: :mod:`speechtopics.table_input`), documents (``.docx``:
:mod:`speechtopics.docx_reader`, ``.pdf``: :mod:`speechtopics.pdf_reader`) and archives of any of these (``.zip``, ``.gz``, read as if their
files stood in a folder, named ``archive.zip!member.txt``). The walk over a folder lives in
:mod:`speechtopics.filewalk` (every entry comes back, read or with a reason) and decoding by evidence in
:mod:`speechtopics.clean.decode`. Nothing here raises on a bad file, an odd name or a long path: every
entry becomes a record or a ledger row that names it and says why. The one exception is a field the
user named that a table does not have (:class:`~speechtopics.records.FieldError`): that is a usage
error, raised before any work.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable, Iterator
from itertools import chain
from pathlib import Path

from speechtopics.filewalk import Entry, printable, shown_path, walk
from speechtopics.metadata_sheet import InputSheets
from speechtopics.records import (
    DATE_IN_NAME,
    FieldError,
    IngestConfig,
    IngestResult,
    InputSource,
    date_from_name,
    ledger_row,
    make_doc_id,
    missing_field,
)
from speechtopics.frame_files import FRAME_SUFFIXES, read_frame_bytes
from speechtopics.sniff import RENAMED_SUFFIXES, disguised_format, package_problem, txt_is_table
from speechtopics.table_input import read_table_bytes, stream_table_file

TEXT_SUFFIXES = {".txt": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html",
                 ".shtml": "html", ".xhtml": "html"}
TABLE_SUFFIXES = {".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".tsv": "tsv",
                  ".xlsx": "xlsx", ".xlsm": "xlsx", ".xls": "xls", ".ods": "ods"}
# macro-enabled and template packages are read as their plain kind (the macros are never run)
DOCUMENT_SUFFIXES = {".docx": "docx", ".docm": "docx", ".dotx": "docx", ".dotm": "docx", ".pdf": "pdf"}
ARCHIVE_SUFFIXES = {".zip": "zip", ".gz": "gz", ".tar": "tar", ".tgz": "tar"}
SUPPORTED = {**TEXT_SUFFIXES, **TABLE_SUFFIXES, **FRAME_SUFFIXES, **DOCUMENT_SUFFIXES, **ARCHIVE_SUFFIXES}

__all__ = ["DATE_IN_NAME", "FieldError", "IngestConfig", "IngestResult", "InputSource", "SUPPORTED",
           "date_from_name", "iter_files", "ledger_row", "make_doc_id", "missing_field", "read_bytes",
           "read_entry", "read_path", "read_sources", "repeated_ids"]


def iter_files(path: Path, pattern: str = "**/*") -> Iterator[Path]:
    """Regular files under ``path`` (or ``path`` itself) that can be read, in a stable sorted order.

    Entries left out (links that lead nowhere, FIFOs, hidden files, paths too long ...) are not
    yielded here; :func:`read_path` reports each as a ledger row.
    """
    for entry in walk(path, pattern):
        if entry.reason is None:
            yield entry.path


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


def text_record(data: bytes, name: str, src: InputSource, fmt: str, source: str) -> IngestResult:
    """One document from the bytes of a page (txt, md, html), a Word document or a PDF.

    Pages keep their bytes (``raw``) for evidence-based HTML decoding; ``invalid_bytes`` counts bytes
    that were invalid under the page's encoding and read as U+FFFD. A PDF without a text layer is a
    ledger row with that reason.
    """
    from speechtopics.clean.decode import decode_counted
    from speechtopics.docx_reader import read_docx
    from speechtopics.pdf_reader import NoTextLayer, pdf_text

    res = IngestResult()
    if not data.strip():
        res.ledger.append(ledger_row(source, "empty file"))
        return res
    raw: bytes | None = data
    try:
        if fmt == "docx":  # with the headings only a style marks (sections, as a Markdown page's ## ones)
            (text, headings), encoding, invalid, raw = read_docx(data), "docx", 0, None
        elif fmt == "pdf":
            text, headings, encoding, invalid, raw = pdf_text(data), {}, "pdf", 0, None
        else:
            (text, encoding, invalid), headings = decode_counted(data), {}
    except NoTextLayer as exc:
        res.ledger.append(ledger_row(source, str(exc)))
        return res
    except Exception as exc:  # DecodeError and anything a reader raises on a broken or binary file
        what = f"cannot read {fmt}" if fmt in DOCUMENT_SUFFIXES.values() else "cannot decode"
        res.ledger.append(ledger_row(source, f"{what}: {str(exc)[:200] or type(exc).__name__}"))
        return res
    stem = printable(Path(name).stem)
    title = re.sub(r"^\d{4}-\d{2}-\d{2}_", "", stem) if DATE_IN_NAME.match(stem) else None
    meta = {"file_title": title, "date": date_from_name(stem), "genre": src.genre, "collection": src.name}
    record = {"doc_id": make_doc_id(source), "source": source, "text": text, "encoding": encoding,
              "invalid_bytes": invalid, "format": fmt, "meta": meta}
    for key, value in (("raw", raw), ("headings", headings)):  # a page's bytes, a Word document's headings
        if value:
            record[key] = value
    res.records.append(record)
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

    Raises
    ------
    FieldError
        When a table lacks a field: always when ``path`` is that table, and in a folder when the user
        named the field (a table in a folder read with the defaults, such as a JSON side file, is a
        ledger row instead).
    """
    src = source_cfg or InputSource(path=str(path))
    root = Path(path)
    if not os.path.lexists(root):
        raise FileNotFoundError(f"{path}: no such file or folder")
    out = IngestResult()
    for part in iter_path(root, src):
        out.records.extend(part.records)
        out.ledger.extend(part.ledger)
    return out.records, out.ledger


def iter_path(root: Path, src: InputSource, sheet: Path | None = None) -> Iterator[IngestResult]:
    """:func:`read_path` as a stream of pieces (records and ledger rows), one file or, for a large
    table, a block of its rows at a time (:func:`entry_parts`). ``sheet``, the input's metadata sheet
    (resolved), is passed over where the walk meets it: it describes the documents, it is not one."""
    strict = root.is_file() or names_fields(src)
    for entry in walk(root, src.glob):
        if sheet is not None and entry.path.name == sheet.name and entry.path.resolve() == sheet:
            continue
        try:
            parts = entry_parts(entry, src)
        except FieldError as exc:
            if strict:
                raise
            parts = iter([IngestResult(ledger=[ledger_row(entry.shown, str(exc).split(": ", 1)[-1])])])
        yield from parts


# formats researchers often have that no well-kept Python reader opens: what to do instead
CONVERT_HINTS = {".doc": "save it as .docx", ".wps": "save it as .docx", ".rtf": "save it as .docx",
                 ".et": "save it as .xlsx", ".caj": "export it as PDF"}


def unsupported(suffix: str) -> str:
    """The ledger reason for a file type ingest does not read, with a conversion hint where one helps."""
    reason = f"unsupported file type {printable(suffix) or '(none)'}"
    hint = CONVERT_HINTS.get(suffix.lower())
    return f"{reason} ({hint})" if hint else reason


def names_fields(src: InputSource) -> bool:
    """Whether the user named any field of ``src`` (then a table lacking it is an error, not a ledger row)."""
    return src.text_field != "text" or bool(src.title_field or src.date_field or src.meta_fields)


def read_member(data: bytes, name: str, src: InputSource, source: str, depth: int = 0) -> IngestResult:
    """Records of one file's bytes, routed by the suffix of ``name`` (archives opened once more)."""
    suffix = Path(name).suffix.lower()
    fmt = disguised_format(data, suffix) or SUPPORTED.get(suffix)
    if fmt is None:
        return IngestResult(ledger=[ledger_row(source, unsupported(suffix))])
    if fmt in ARCHIVE_SUFFIXES.values():
        return read_archive(data, name, src, source, depth)
    if fmt in ("xlsx", "ods", "docx", "xls") and not data.strip():
        return IngestResult(ledger=[ledger_row(source, "empty file")])
    if problem := package_problem(data, fmt):  # password-protected, or not a package at all
        return IngestResult(ledger=[ledger_row(source, problem)])
    if fmt in TABLE_SUFFIXES.values():
        return read_table_bytes(data, src, fmt, source)
    if fmt in FRAME_SUFFIXES.values():  # Stata, Parquet, Feather
        return read_frame_bytes(data, src, fmt, source)
    if fmt == "txt" and txt_is_table(data, src.text_field):
        return read_table_bytes(data, src, "tsv", source)
    return text_record(data, name, src, fmt, source)


def read_archive(data: bytes, name: str, src: InputSource, source: str, depth: int = 0) -> IngestResult:
    """Every file inside a zip, gzip or tar archive, each named ``archive!member`` (a member that is skipped or
    cannot be read is its own ledger row); archives nest twice at most."""
    from speechtopics.archives import archive_members

    if depth >= 2:
        return IngestResult(ledger=[ledger_row(source, "archive nested too deep")])
    out = IngestResult()
    try:
        members = list(archive_members(Path(name), data))
    except Exception as exc:
        return IngestResult(ledger=[ledger_row(source, f"cannot open archive: {str(exc)[:200]}")])
    if not members:
        out.ledger.append(ledger_row(source, "empty archive"))
    for member, body in members:
        shown = f"{source}!{printable(member)}"
        if isinstance(body, str):  # skipped (a system file) or unreadable: this member only
            out.ledger.append(ledger_row(shown, body))
            continue
        try:
            part = read_member(body, member, src, shown, depth + 1)
        except FieldError:
            raise
        except Exception as exc:  # a reader's bug costs one member, never the archive
            part = IngestResult(ledger=[ledger_row(shown, f"cannot read: {type(exc).__name__}: {str(exc)[:200]}")])
        out.records.extend(part.records)
        out.ledger.extend(part.ledger)
    return out


def read_entry(entry: Entry, src: InputSource) -> IngestResult:
    """The records of one walked entry, or the ledger row that says why there are none.

    Never raises but for :class:`FieldError`: an entry the walk left out, an unsupported type, an
    unreadable file and any error a reader meets are all ledger rows.
    """
    if entry.reason is not None:
        return IngestResult(ledger=[ledger_row(entry.shown, entry.reason)])
    if SUPPORTED.get(entry.path.suffix.lower()) is None and entry.path.suffix.lower() not in RENAMED_SUFFIXES:
        return IngestResult(ledger=[ledger_row(entry.shown, unsupported(entry.path.suffix))])
    try:
        return read_member(read_bytes(entry.path), entry.path.name, src, entry.shown)
    except FieldError:
        raise
    except OSError as exc:
        reason = f"cannot open: {exc.strerror or exc}"
    except Exception as exc:  # a reader's bug must cost one file, never the folder
        reason = f"cannot read: {type(exc).__name__}: {str(exc)[:200]}"
    return IngestResult(ledger=[ledger_row(entry.shown, reason)])


def entry_parts(entry: Entry, src: InputSource) -> Iterator[IngestResult]:
    """The records of one walked entry as pieces: a JSONL, CSV or TSV file that can be streamed
    (:func:`~speechtopics.table_input.stream_table_file`) a block of rows at a time, any other entry as
    :func:`read_entry` reads it. Raises :class:`FieldError` before the first piece; an error met while
    streaming ends the file with a ledger row saying why (the rows read before it are kept)."""
    fmt = SUPPORTED.get(entry.path.suffix.lower()) if entry.reason is None else None
    stream = None
    if fmt in ("jsonl", "csv", "tsv"):
        try:
            stream = stream_table_file(entry.path, src, fmt, entry.shown)
        except FieldError:
            raise
        except Exception:  # cannot open it, or anything odd: read_entry says why
            stream = None
    if stream is None:
        return iter([read_entry(entry, src)])
    return _guarded(stream, entry.shown)


def _guarded(stream: Iterator[IngestResult], shown: str) -> Iterator[IngestResult]:
    try:
        yield from stream
    except OSError as exc:
        yield IngestResult(ledger=[ledger_row(shown, f"cannot open: {exc.strerror or exc}")])
    except Exception as exc:  # a reader's bug must cost one file, never the folder
        yield IngestResult(ledger=[ledger_row(shown, f"cannot read: {type(exc).__name__}: {str(exc)[:200]}")])


def read_sources(sources: tuple[InputSource, ...], base: Path | None = None) -> tuple[list[dict], list[dict]]:
    """Read every configured input; a missing path is a usage error raised before any work.

    Relative paths are taken from ``base`` (the config file's folder; default: the current directory).
    Every ledger row names the input it came from (``input``: the input's name, else its path).
    """
    ledger: list[dict] = []
    records = list(iter_sources(sources, base, ledger))
    return records, ledger


def repeated_ids(records: list[dict], id_field: str | None = "id") -> str | None:
    """A warning when the id column (``id_field``, or None for a table's own ``doc_id`` or ``id``; kept as
    ``source_id``) gives one value to several rows, or None: the rows are all kept (``doc_id`` stays unique).

    Examples
    --------
    >>> recs = [{"source": f"a.csv#row{i}", "meta": {"source_id": v}} for i, v in enumerate("xxy", 2)]
    >>> repeated_ids(recs, "uid")
    "id column 'uid': 1 value is given to several rows ('x': a.csv#row2, a.csv#row3); source_id is not unique"
    """
    rows: dict[str, list[str]] = {}
    for rec in records:
        value = (rec.get("meta") or {}).get("source_id")
        if value is not None:
            rows.setdefault(str(value), []).append(str(rec.get("source", "")))
    repeated = {v: s for v, s in rows.items() if len(s) > 1}
    if not repeated:
        return None
    value, where = next(iter(repeated.items()))
    shown = ", ".join(where[:3]) + (", …" if len(where) > 3 else "")
    n = len(repeated)
    return (f"id column {id_field or 'doc_id (or id)'!r}: {n} value{'s are' if n > 1 else ' is'} given to several rows "
            f"({value!r}: {shown}); source_id is not unique")


def iter_sources(sources: tuple[InputSource, ...], base: Path | None, ledger: list[dict]) -> Iterator[dict]:
    """:func:`read_sources` as a stream: yields the records one at a time (holding one file, or one
    block of a large table's rows) and appends the ledger rows to ``ledger`` as they come. A missing
    path is raised before the first record."""
    from speechtopics import paths

    resolved = [(paths.resolve(s.path, base), s) for s in sources]
    for p, s in resolved:
        if not p.exists():
            raise FileNotFoundError(f"{s.path}: input path does not exist")
    seen: set[str] = set()  # a file given twice (or a folder and a file inside it) is read once
    sheets = InputSheets([(s, paths.resolve(s.metadata, base), source_folder(p, base)) for p, s in resolved
                          if s.metadata])
    for p, s in resolved:
        label = s.name or s.path
        found = False
        for part in iter_path(Path(p), s, sheets.path(s)):
            found = found or bool(part.records or part.ledger)
            again = [rec for rec in part.records if rec["doc_id"] in seen]
            if again:
                part = IngestResult(records=[rec for rec in part.records if rec["doc_id"] not in seen],
                                    ledger=part.ledger + [ledger_row(rec["source"], "read already (given twice)")
                                                          for rec in again])
            seen.update(rec["doc_id"] for rec in part.records)
            rows = [{**row, "input": label} for row in part.ledger]
            for rec in part.records:
                rec["meta"]["input"] = label
            if base is not None:
                relative_to_project(chain(part.records, rows), Path(base), outside=True)
            sheets.join(s, part.records)  # titles, dates and covariates from the input's own sheet
            sheets.note_left_out(s, rows)  # a row naming a file left out when read names a ledger row
            ledger.extend(rows)
            yield from part.records
        sheets.finish(s, label)
        if not found:  # a glob that matches nothing (*.docx in a folder of .txt) is a mistake, not an empty corpus
            raise FileNotFoundError(f"{s.path}: no file in it matches glob {s.glob!r}")


def source_folder(path: Path, base: Path | None) -> str:
    """An input folder as its files' sources name it: relative to the project folder ``base``."""
    try:
        return Path(os.path.relpath(Path(path).resolve(), Path(base or ".").resolve())).as_posix()
    except ValueError:  # another drive
        return Path(path).as_posix()


def relative_to_project(rows: Iterable[dict], base: Path, outside: bool = False) -> None:
    """Name files relative to the project folder ``base``, in place: each row's ``source`` and, where the
    id was derived from the source, its ``doc_id``; so a project copied to another folder (a referee
    rebuilding it) has the same sources and ids. With ``outside`` (the project's configured inputs), a
    file outside ``base`` is named with ``..`` (``../corpus/speeches.csv#row2``): moving the project and
    its data together keeps the ids; otherwise it stays as it is."""
    root = str(base.resolve())
    prefix = root + os.sep
    for row in rows:
        source = row.get("source")
        if not isinstance(source, str) or not os.path.isabs(source):
            continue
        if source.startswith(prefix):
            relative = source[len(prefix):]
        elif not outside:
            continue
        else:
            try:
                relative = os.path.relpath(source, root)
            except ValueError:  # another drive (Windows): no relative name
                continue
        if row.get("doc_id") == make_doc_id(source):
            row["doc_id"] = make_doc_id(relative)
        row["source"] = relative


def shown(path: Path) -> str:
    """How ``path`` is named in records and the ledger (:func:`speechtopics.filewalk.shown_path`)."""
    return shown_path(path.resolve())
