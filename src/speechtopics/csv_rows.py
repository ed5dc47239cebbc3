"""Rows of delimited text (CSV, TSV): the delimiter, rows numbered as a spreadsheet numbers them, and a
row the csv module cannot read, or one a quote left open swallowed lines into, as a :class:`BadRow`.

One responsibility: turning a delimited file's text into numbered row dicts without losing a row in
silence; :mod:`speechtopics.table_input` makes records of them. Parsing is the csv module's; what is
written here is only what it does not say (which rows a stray quote merged, spreadsheet row numbers).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from typing import Any

__all__ = ["BadRow", "closes_quote", "csv_delimiter", "csv_rows", "numbered_rows", "open_quote_rows", "remember_last"]


class BadRow(str):
    """Why one row of a table file could not be read (stands in for the row)."""


def csv_delimiter(text: str, fmt: str) -> str:
    """The delimiter of a delimited table: a tab for ``.tsv``; for ``.csv`` a comma, unless the header
    line holds no comma but tabs or semicolons (spreadsheet exports in some locales)."""
    if fmt == "tsv":
        return "\t"
    header = text.split("\n", 1)[0]
    if "," not in header:
        for sep in ("\t", ";"):
            if sep in header:
                return sep
    return ","


def csv_rows(text: str, delimiter: str = ",") -> Iterator[tuple[int, Any]]:
    """CSV rows as dicts numbered from 2 (the header is row 1); a malformed row is a :class:`BadRow`."""
    if csv.field_size_limit() < len(text) + 1:  # the default 131,072 would drop a long speech
        csv.field_size_limit(len(text) + 1)
    rows = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    _ = rows.fieldnames  # a header that cannot be read fails the file
    yield from numbered_rows(rows, lambda: closes_quote(text))


def closes_quote(tail: str) -> bool:
    """Whether a file ending with ``tail`` ends by closing a quoted cell (an odd run of quote characters
    last, line breaks aside): its last record's cell ending with a line break was quoted whole, not left
    open at the end of the file (``"…\n"`` as pandas and spreadsheets write a speech ending with one)."""
    end = tail.rstrip("\r\n")
    return (len(end) - len(end.rstrip('"'))) % 2 == 1


def remember_last(lines: Iterable[str], seen: list[str]) -> Iterator[str]:
    """``lines`` as they are, keeping the last one that is not blank in ``seen[0]`` (for
    :func:`closes_quote` once a streamed file has been read)."""
    for line in lines:
        if line.strip("\r\n"):
            seen[0] = line
        yield line


def numbered_rows(reader: csv.DictReader, closed=None) -> Iterator[tuple[int, Any]]:
    """The rows of ``reader`` as dicts, numbered as a spreadsheet numbers the file's rows (the header is
    row 1, a blank line is a row, a record whose quoted cell spans lines is one row); a row the csv module
    cannot read is a :class:`BadRow` and the rows after it are still read. Blank lines give no row, as
    in :class:`csv.DictReader`, whose filling of short rows (``None``) this follows. ``closed``: called
    after the last record was read, true when the file ended by closing a quote (:func:`closes_quote`), so
    that record's lines are its cell's, not rows a quote left open swallowed."""
    fields = list(reader.fieldnames or ())
    n = 1
    for cells, last in _with_last(reader.reader):
        if isinstance(cells, csv.Error):
            n += 1
            yield n, BadRow(f"bad CSV row: {cells}")
            continue
        n += 1
        if not cells:
            continue
        if len(cells) > len(fields):  # more cells than the header: a comma or a record too many
            yield n, BadRow(f"bad CSV row: {len(cells)} cells for {len(fields)} columns (an unquoted "
                            "delimiter in a cell, or two records on one line)")
            continue
        open_at_end = last and not (closed is not None and closed())
        swallowed = open_quote_rows(cells, len(fields), reader.reader.dialect.delimiter, open_at_end)
        if swallowed:
            yield n, BadRow(f"bad CSV row: a quote opened in this row is not closed where its cell ends, and "
                            f"{swallowed} line{'s' if swallowed > 1 else ''} that read as rows of the table "
                            "went into the cell; quote the cell or remove the quote")
            continue
        yield n, {**dict.fromkeys(fields), **dict(zip(fields, cells))}


def _with_last(records) -> Iterator[tuple[Any, bool]]:
    """``(cells, is_last)`` for each record of a csv reader (a :class:`csv.Error` in place of the cells of
    a record it cannot read), looking one record ahead."""
    held = None
    while True:
        try:
            current = next(records)
        except StopIteration:
            if held is not None:
                yield held, True
            return
        except csv.Error as exc:
            current = exc
        if held is not None:
            yield held, False
        held = current


def open_quote_rows(cells: list[str], n_fields: int, delimiter: str, last: bool = True) -> int:
    """Lines inside one cell that read as rows of the table (``讲话2,2020-03-03,…`` with the header's
    number of cells), when the cell also ends as a quote left open ends it: at the end of the file (a
    line break last, in the file's last record: rows read after it were not swallowed) or at the next
    cell's opening quote (a quote character last). 0 otherwise: a quoted cell whose lines hold commas is
    a cell, also one that starts and ends with a line break as scraped pages' cells do."""
    if n_fields < 2:
        return 0
    for cell in cells:
        if "\n" in cell and (last and cell.endswith(("\n", "\r")) or cell.endswith('"')):
            lines = cell.splitlines()[1:]
            rows = sum(1 for line in lines if len(next(csv.reader([line], delimiter=delimiter), [])) == n_fields)
            if rows:
                return rows
    return 0
