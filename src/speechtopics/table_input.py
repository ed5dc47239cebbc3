"""Table-like inputs — CSV, JSON, JSONL and Excel — read row by row into raw records.

One record per row; a row that cannot be one (malformed JSON line, bad CSV row, empty text) is a ledger row
naming ``file#rowN`` and the reason, and the other rows are kept. A field the user named that the file does
not have at all is a :class:`~speechtopics.records.FieldError` naming the fields that exist, raised before any
work. Excel workbooks are read through pandas and openpyxl (:func:`speechtopics.readers.excel_rows`).
"""

from __future__ import annotations

import csv
import io
import json
import math
import os
import warnings
from collections.abc import Iterable, Iterator
from itertools import chain
from typing import Any

from speechtopics.csv_rows import (BadRow, cell_break_lines, closes_quote, csv_delimiter, csv_rows, mark_cell_breaks,
                                   numbered_rows, remember_last)
from speechtopics.long_cells import CONTINUATION, fills_cell, joined_continuations
from speechtopics.records import (TABLE_OWN_FIELDS, FieldError, IngestResult, InputSource, date_choice, ledger_row,
                                  make_doc_id, missing_field)
from speechtopics.table_cells import (default_fields, default_id, default_year, dotted_fields, json_rows, json_shape,
                                      plain_value, text_of)
from speechtopics.table_header import Header, find_header, repeats_header


def table_rows(fmt: str, text: str, text_field: str | None = None) -> Iterator[tuple[int, Any]]:
    """Numbered rows of a JSONL, JSON, CSV or TSV text (a bad JSON line is a :class:`BadRow`); a JSON
    record's nested objects are also dotted fields (:func:`~speechtopics.table_cells.dotted_fields`)."""
    if fmt in ("json", "jsonl"):
        yield from json_rows(fmt, text, text_field)
    else:
        yield from csv_rows(text, csv_delimiter(text, fmt))


def check_fields(columns: Iterable[str], src: InputSource, where: str) -> None:
    """Raise :class:`~speechtopics.records.FieldError` for a field ``src`` names that ``columns`` lacks.

    The text field, and the id, title, date and metadata fields the user named, must exist, once: a header
    that names one twice (``text,date,text``) is an error too, since either column could be meant."""
    wanted = [("text column", src.text_field), ("id column", src.id_field)]
    wanted += [("title column", src.title_field), ("date column", src.date_field)]
    wanted += [("metadata column", m) for m in src.meta_fields]
    check_named(columns, wanted, where)


def warn_date_choice(columns: Iterable[str], src: InputSource, where: str) -> None:
    """Warn, naming ``where``, when ``src`` names no date column and ``columns`` hold more than one of the
    default ones (:func:`~speechtopics.records.date_choice`): which is used is then said, not chosen in silence."""
    if not src.date_field and (note := date_choice([str(c) for c in columns])):
        warnings.warn(f"{where}: {note}", UserWarning, stacklevel=2)


def check_named(columns: Iterable[str], wanted: Iterable[tuple[str, str | None]], where: str = "") -> None:
    """Raise :class:`~speechtopics.records.FieldError` unless each named field of ``wanted`` (``(what,
    name)`` pairs; a None name is not wanted) is among ``columns`` exactly once."""
    cols = [str(c) for c in columns]
    for what, name in wanted:
        if name and name not in cols:
            raise missing_field(name, cols, what, where)
        if name and cols.count(name) > 1:
            raise FieldError(f"{where + ': ' if where else ''}the {what} {name!r} appears {cols.count(name)} "
                             "times in the header (rename all but one)")


def blank(value: Any) -> bool:
    """True for a cell that holds nothing: None, NaN (a JSON ``NaN`` pandas wrote) or whitespace."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return True
    return isinstance(value, str) and not value.strip()


def record_from_row(row: Any, src: InputSource, source: str, fmt: str, encoding: str) -> dict | str:
    """A raw record from one table row, or the reason the row cannot be one."""
    if isinstance(row, BadRow):
        return str(row)
    if not isinstance(row, dict):
        return "row is not an object"
    value = row.get(src.text_field)
    if blank(value):
        if all(blank(v) for v in row.values()):
            return "empty row skipped"  # a blank line of a sheet holds no document (not counted as left out)
        if src.text_field not in row:
            return f"no text field {src.text_field!r} (fields: {', '.join(map(str, row))})"
        if value is None and fmt in ("csv", "tsv"):  # the csv module's mark of a cell the line lacks
            cells = sum(v is not None for v in row.values())
            return (f"bad CSV row: {cells} cell{'s' if cells != 1 else ''} for {len(row)} columns, none for "
                    f"{src.text_field!r} (a line break inside an unquoted cell?)")
        return f"empty text field {src.text_field!r}"
    if repeats_header(row, src.text_field):
        return "the header row again (tables joined one after another)"
    if isinstance(value, dict):
        return f"text field {src.text_field!r} holds an object, not text (keys: {', '.join(map(str, value))})"
    if isinstance(value, (list, tuple)) and any(isinstance(v, (dict, list)) for v in value):
        return f"text field {src.text_field!r} holds a list of objects, not of paragraphs"
    meta: dict[str, Any] = {"genre": src.genre, "collection": src.name}
    title, date = src.title_field, src.date_field
    if not (title and date):  # the default columns, found once per header rather than once per row
        found_title, found_date = default_fields(tuple(row))
        title, date = title or found_title, date or found_date
    # the table's own genre, collection, level (speaker_role, meeting_type) column is read as if named,
    # not the input's genre and name or the text's reading
    fields = (*src.meta_fields, *(k for k in TABLE_OWN_FIELDS if k in row and k not in src.meta_fields))
    for key in (title, date, *fields):
        if key in row and not blank(row[key]):
            meta["title" if key == title else "date" if key == date else key] = plain_value(row[key])
        elif key in src.meta_fields and key not in (title, date):
            meta[key] = None  # a metadata field asked for stays a column, empty where the row has none
        # (a blank cell of the table's own genre, level … column takes the library's value)
    year = default_year(tuple(row))  # a year column (year, 年份, 年度) alone gives the document's year
    if year and not blank(row[year]):
        meta.setdefault("year", row[year])
    if "year" in meta:
        try:
            meta["year"] = int(str(meta["year"]).strip()[:4])
        except ValueError:
            meta.pop("year")
    id_field = src.id_field or default_id(tuple(row))  # a doc_id or id column, else none
    if id_field and not blank(row.get(id_field)):
        meta["source_id"] = str(row[id_field])
    rec = {"doc_id": make_doc_id(source), "source": source, "text": text_of(value), "encoding": encoding,
           "format": fmt, "meta": meta}
    if src.date_format:  # this input's order of day and month (else clean.date_format)
        rec["date_format"] = src.date_format
    return rec


def row_metadata(row: Any, src: InputSource) -> dict:
    """What a row left out keeps of the user's own fields, for the ledger: ``row_meta``, the id column
    (as ``source_id``) and the metadata fields asked for, as written; empty for a row that is no object."""
    if not isinstance(row, dict):
        return {}
    meta = {k: plain_value(row[k]) for k in src.meta_fields if k in row and not blank(row[k])}
    id_field = src.id_field or default_id(tuple(row))
    if id_field and not blank(row.get(id_field)):
        meta["source_id"] = str(row[id_field])
    return {"row_meta": meta} if meta else {}


def records_of_rows(rows: list[tuple[str, Any]], src: InputSource, fmt: str, encoding: str,
                    invalid: int = 0) -> IngestResult:
    """Records (or ledger rows) of ``(row source, row)`` pairs; a row continuing a text cut at a cell's
    limit is joined to the row it continues (:func:`~speechtopics.long_cells.joined_continuations`)."""
    res = IngestResult()
    rows, joined = joined_continuations(rows, src.text_field)
    res.ledger += [ledger_row(row_source, CONTINUATION) for row_source in joined]
    for row_source, row in rows:
        rec = record_from_row(row, src, row_source, fmt, encoding)
        if isinstance(rec, str):
            res.ledger.append({**ledger_row(row_source, rec), **row_metadata(row, src)})
        else:
            res.records.append({**rec, "invalid_bytes": invalid})
    return res


def read_table_bytes(data: bytes, src: InputSource, fmt: str, source: str) -> IngestResult:
    """One document per JSON(L) object, CSV row or Excel row of a file's bytes.

    Raises
    ------
    FieldError
        When a field ``src`` names is in no row of the file.
    """
    from speechtopics.clean.decode import decode_counted, normalise_newlines

    if fmt in ("xlsx", "xls", "ods"):
        return read_excel_bytes(data, src, source, fmt)
    top = Header(0, 1, [])  # the header's first row and how many it spans
    try:
        text, encoding, invalid = decode_counted(data, newlines=fmt not in ("jsonl", "csv", "tsv"))
        if fmt in ("csv", "tsv"):
            text = normalise_newlines(mark_cell_breaks(text))  # a lone CR among LF records: a break in a cell
            text, top = below_title_lines(text, fmt, _wanted(src))
        rows = list(table_rows(fmt, text, src.text_field))
    except Exception as exc:
        first = (str(exc) or repr(exc)).splitlines()[0][:200]
        return IngestResult(ledger=[ledger_row(source, f"cannot read {fmt}: {first}")])
    if not rows:
        return IngestResult(ledger=[ledger_row(source, "no rows")])
    parsed = [r for _, r in rows if not isinstance(r, BadRow)] if fmt in ("json", "jsonl") else []
    if fmt == "jsonl" and not parsed:  # not one line is JSON: one reason for the file, not a row per line
        i, bad = rows[0]
        return IngestResult(ledger=[ledger_row(source, f"cannot read jsonl: no line is a JSON value (line {i}: {bad})")])
    if parsed and (shape := json_shape(parsed, fmt)):  # no record at all: say what the file holds instead
        expected = (f'one object per line ({{"{src.text_field}": …}})' if fmt == "jsonl" else
                    f'an array of objects ([{{"{src.text_field}": …}}, …]), an object of such objects keyed by id, '
                    'or an object holding such an array ({"data": [...]})')
        raise FieldError(f"{source}: {shape}; expected records with a {src.text_field!r} field: {expected}")
    if fmt in ("csv", "tsv") and not text.strip(" \t\r\n,;\"\u3000"):  # an empty sheet saved as CSV: ,,
        return IngestResult(ledger=[ledger_row(source, "empty table (no header and no cell filled)")])
    if fmt in ("csv", "tsv"):
        header = next(csv.reader(io.StringIO(text), delimiter=csv_delimiter(text, fmt)), [])
    else:
        header = list(dict.fromkeys(k for _, r in rows if isinstance(r, dict) for k in r))
    check_fields(header, src, source)
    warn_date_choice(header, src, source)
    mark = "row" if fmt in ("csv", "tsv") else "line" if fmt == "jsonl" else "item"
    if fmt == "jsonl" and len({i for i, _ in rows}) < len(rows):  # records run together on a line: by place
        mark, rows = "item", [(k, row) for k, (_, row) in enumerate(rows, start=1)]
    above = top.first + top.rows - 1  # lines over the header line ``text`` opens with
    res = records_of_rows([(f"{source}#{mark}{i + above}", row) for i, row in rows], src, fmt, encoding,
                          invalid)
    res.ledger[:0] = header_ledger(f"{source}#row", top)
    return res


def below_title_lines(text: str, fmt: str, names: list[str]) -> tuple[str, Header]:
    """``text`` from its header line on, and its :class:`~speechtopics.table_header.Header` (the lines
    above it and how many it spans).

    The header is found among the first :data:`~speechtopics.readers.HEADER_SCAN_ROWS` lines by
    :func:`~speechtopics.table_header.find_header` for ``names`` (the columns the caller needs): the line
    that holds the most of them, the first such line on a tie, and the first line when none holds any,
    so that a title or a note above the table (as in a sheet saved as CSV) is skipped and a name that is
    in no line is reported as missing, not the text column; or a group header line and its sub-header
    line, given back as one header line."""
    from speechtopics.readers import HEADER_SCAN_ROWS

    lines = text.split("\n", HEADER_SCAN_ROWS)
    head = [next(csv.reader([line], delimiter=csv_delimiter(line, fmt)), []) for line in lines[:HEADER_SCAN_ROWS]]
    header = find_header(head, names)
    if header.rows > 1:
        out = io.StringIO()
        delimiter = csv_delimiter(lines[header.first], fmt)
        csv.writer(out, delimiter=delimiter, lineterminator="").writerow(header.cells)
        return "\n".join([out.getvalue(), *lines[header.first + 2:]]), header
    return ("\n".join(lines[header.first:]) if header.first else text), header


def header_ledger(rows: str, header: Header) -> list[dict]:
    """The ledger rows of the rows over a table's data that are no document (``rows``: the source up
    to ``row``): those above its header, and a group header's row that is the header's first."""
    above = header.first
    out = [ledger_row(f"{rows}1" + (f"-{above}" if above > 1 else ""),
                      f"above the header (row {above + 1}): a title or note, not a document")] if above else []
    if header.rows > 1:
        first = header.first + 1
        out.append(ledger_row(f"{rows}{first}", f"part of the header (rows {first}-{first + 1}): a group "
                                                "header over the row below it, read with it as one"))
    return out


def read_excel_bytes(data: bytes, src: InputSource, source: str, fmt: str = "xlsx") -> IngestResult:
    """One document per row of every sheet (or ``src.sheet``); a sheet without the text column is a
    ledger row, a text column in no sheet is a :class:`~speechtopics.records.FieldError`."""
    from speechtopics.readers import DuplicateColumn, MissingSheet, excel_rows, warn_hidden

    headers: dict[str, Header] = {}
    try:
        rows = list(excel_rows(data, src.sheet, fmt, [*_wanted(src), src.id_field], headers))
    except MissingSheet as exc:
        raise missing_field(exc.name, exc.sheets, "sheet", source) from None
    except DuplicateColumn as exc:  # the message check_named gives a CSV's header
        raise FieldError(f"{source}#{exc.sheet}: the column {exc.name!r} appears {exc.count} times in the "
                         "header (rename all but one)") from None
    except Exception as exc:
        return IngestResult(ledger=[ledger_row(source, f"cannot read {fmt}: {type(exc).__name__}: {str(exc)[:200]}")])
    warn_hidden(data, fmt, source, sorted({sheet for sheet, _, _ in rows}))
    sheets: dict[str, list[tuple[int, dict]]] = {}
    for sheet, i, row in rows:
        sheets.setdefault(sheet, []).append((i, row))
    if not sheets:
        return IngestResult(ledger=[ledger_row(source, "no rows")])
    with_text = {s: r for s, r in sheets.items() if r and src.text_field in r[0][1]}
    if not with_text:  # name the columns of every sheet, not only the first (a notes sheet, often)
        check_fields(list(dict.fromkeys(k for r in sheets.values() if r for k in r[0][1])), src, source)
    res = IngestResult()
    for sheet, sheet_rows in sheets.items():
        if sheet not in with_text:
            res.ledger.append(ledger_row(f"{source}#{sheet}", f"sheet has no text column {src.text_field!r}"))
            continue
        check_fields(sheet_rows[0][1], src, f"{source}#{sheet}")
        warn_date_choice(sheet_rows[0][1], src, f"{source}#{sheet}")
        # the header is below row 1 or spans two rows: say what the rows over the data were taken for
        res.ledger += header_ledger(f"{source}#{sheet}!row", headers.get(sheet, Header(0, 1, [])))
        part = records_of_rows([(f"{source}#{sheet}!row{i}", row) for i, row in sheet_rows], src, fmt, fmt)
        res.records += part.records
        res.ledger += part.ledger
    return res


#: Rows of a streamed table file per :class:`IngestResult` piece.
STREAM_ROWS = 1000
#: Bytes of a file's head that decide its encoding before it is streamed (more than decoding reads).
HEAD_BYTES = 1 << 16


def stream_table_file(path, src: InputSource, fmt: str, source: str) -> Iterator[IngestResult] | None:
    """The records of a JSONL, CSV or TSV file read a line at a time, in pieces of :data:`STREAM_ROWS`
    rows, or None when the file must be read whole by :func:`read_table_bytes`.

    A file is streamed when it gives the same records as :func:`read_table_bytes` would: its head decodes
    as UTF-8 (with or without a byte-order mark) under :func:`~speechtopics.clean.decode.decode_counted`,
    all its bytes are valid UTF-8 (checked in a first pass that holds one block), and the fields ``src``
    names are in the header (CSV) or in the first JSON object (JSONL). Anything else (another encoding,
    a stray invalid byte, a field only later rows have) is read whole, as before. Raises
    :class:`~speechtopics.records.FieldError` before yielding, as :func:`read_table_bytes` does.
    """
    import codecs

    from speechtopics.clean.decode import decode_counted

    if fmt not in ("jsonl", "csv", "tsv") or not os.path.isfile(path):
        return None
    with open(path, "rb") as fh:
        head = fh.read(HEAD_BYTES)
        cut = next((n for n in range(len(head), max(len(head) - 4, -1), -1) if _utf8_prefix(head[:n])), None)
        if not head.strip() or cut is None:
            return None
        try:
            head_text, encoding, invalid = decode_counted(head[:cut], newlines=fmt != "jsonl")
        except Exception:  # a binary or undecodable file: read_table_bytes says why
            return None
        if encoding not in ("utf-8", "utf-8-sig") or invalid:
            return None
        decoder = codecs.getincrementaldecoder(encoding)()
        fh.seek(0)
        try:
            while block := fh.read(1 << 24):
                decoder.decode(block)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return None
    rows = _file_rows(path, fmt, encoding)
    try:
        first = next(rows, None)
    except Exception:  # a header that cannot be read: read_table_bytes says why
        return None
    if first is None:
        return iter([IngestResult(ledger=[ledger_row(source, "no rows")])])
    header = first[0]
    if fmt == "jsonl":
        if not isinstance(first[2], dict) or any(name not in first[2] for name in _wanted(src)):
            return None  # the fields may be in later rows only: read whole, as the union of all rows decides
        header = list(first[2])
    elif (any(name not in header for name in _wanted(src))
          or below_title_lines(head_text, fmt, _wanted(src))[1][:2] != (0, 1)):
        return None  # a title or a header over two rows, a missing field: read whole, which finds or names it
    check_fields(header, src, source)
    warn_date_choice(header, src, source)
    mark = "row" if fmt in ("csv", "tsv") else "line"

    def pieces() -> Iterator[IngestResult]:
        batch = [(f"{source}#{mark}{first[1]}", first[2])]
        for _, i, row in rows:
            batch.append((f"{source}#{mark}{i}", row))
            if len(batch) >= STREAM_ROWS and not fills_cell(row, src.text_field):  # else the next may continue it
                yield records_of_rows(batch, src, fmt, encoding)
                batch = []
        if batch:
            yield records_of_rows(batch, src, fmt, encoding)
    return pieces()


def _utf8_prefix(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _wanted(src: InputSource) -> list[str]:
    """The fields ``src`` names (those left unset are not wanted)."""
    return [f for f in (src.text_field, src.title_field, src.date_field, *src.meta_fields) if f]


def _file_rows(path, fmt: str, encoding: str) -> Iterator[tuple[list[str], int, Any]]:
    """``(header, row number, row)`` of a UTF-8 table file, numbered and split as :func:`table_rows`
    numbers and splits the decoded text (JSONL lines end at CR, LF or CRLF; CSV lines are normalised as
    :func:`~speechtopics.clean.decode.normalise_newlines` does)."""
    from speechtopics.clean.decode import normalise_newlines

    with open(path, encoding=encoding, newline="") as fh:
        lines = (line.lstrip("\ufeff") if n == 0 else line for n, line in enumerate(fh))
        if fmt == "jsonl":
            for i, line in enumerate(lines, start=1):
                line = line.rstrip("\r\n")
                if line.strip():
                    try:
                        yield [], i, dotted_fields(json.loads(line))
                    except ValueError as exc:
                        yield [], i, BadRow(f"bad JSON line: {exc}")
            return
        seen = [""]  # the last line that is not blank: whether the file ends by closing a quote
        text_lines = remember_last((piece for line in cell_break_lines(lines)
                                    for piece in io.StringIO(normalise_newlines(line))), seen)
        first = next(text_lines, "")
        limit = os.path.getsize(path) + 1
        if csv.field_size_limit() < limit:
            csv.field_size_limit(limit)
        reader = csv.DictReader(chain([first], text_lines), delimiter=csv_delimiter(first, fmt))
        header = list(reader.fieldnames or []) if first.strip() else []  # as csv.reader reads a blank first line
        for n, row in numbered_rows(reader, lambda: closes_quote(seen[0])):
            yield header, n, row
