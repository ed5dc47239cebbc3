"""Rows of delimited text (CSV, TSV): the delimiter, rows numbered as a spreadsheet numbers them, a
line break inside an unquoted cell of a file whose records end in LF (a lone CR), and a row the csv
module cannot read, or one a quote left open swallowed lines into, as a :class:`BadRow`.

One responsibility: turning a delimited file's text into numbered row dicts without losing a row in
silence; :mod:`speechtopics.table_input` makes records of them. Parsing is the csv module's; what is
written here is only what it does not say (which rows a stray quote merged, spreadsheet row numbers).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator
from typing import Any

__all__ = ["BadRow", "CELL_BREAK", "cell_break_lines", "closes_quote", "csv_delimiter", "csv_rows", "lf_records",
           "mark_cell_breaks", "numbered_rows", "open_quote_rows", "remember_last"]

#: Stands in for a lone CR inside a cell while the csv module reads a file whose records end in LF (a
#: Unicode noncharacter, for a program's internal use); each cell gives it back as a line break.
CELL_BREAK = "\ufdd0"
_LONE_CR = re.compile(r"\r(?!\n)")


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


def lf_records(text: str) -> bool:
    r"""Whether a delimited file's records end in LF alone: its first line break is a LF not after a CR.

    Python's csv writer, and so ``DataFrame.to_csv``, quotes a cell holding a line feed but not one
    holding only a carriage return (scraped text often has them) when its lines end in LF; in such a
    file a lone CR is a line break inside a cell, not the end of a record.

    Examples
    --------
    >>> lf_records("标题,正文\n一,甲\r乙\n"), lf_records("标题,正文\r\n一,甲\r\n"), lf_records("标题,正文\r一,甲\r")
    (True, False, False)
    """
    end = re.search(r"\r\n|\r|\n", text)
    return end is not None and end.group() == "\n"


def mark_cell_breaks(text: str) -> str:
    r"""``text`` with each lone CR as :data:`CELL_BREAK` when its records end in LF (:func:`lf_records`),
    else as it is; :func:`numbered_rows` gives the cells their line breaks back.

    Examples
    --------
    >>> mark_cell_breaks("标题,正文\n一,甲\r乙\n") == "标题,正文\n一,甲" + CELL_BREAK + "乙\n"
    True
    """
    return _LONE_CR.sub(CELL_BREAK, text) if "\r" in text and lf_records(text) else text


def cell_break_lines(lines: Iterable[str]) -> Iterator[str]:
    r"""The lines of a file read with ``newline=""``, those ending in a lone CR joined to the next with
    :data:`CELL_BREAK` when the first line ends in LF alone (the streamed form of :func:`mark_cell_breaks`).

    Examples
    --------
    >>> list(cell_break_lines(["标题,正文\n", "一,甲\r", "乙\n"])) == ["标题,正文\n", "一,甲" + CELL_BREAK + "乙\n"]
    True
    """
    it = iter(lines)
    first = next(it, None)
    if first is None:
        return
    yield first
    if not lf_records(first):
        yield from it
        return
    held = ""
    for line in it:
        if line.endswith("\r"):
            held += line[:-1] + CELL_BREAK
            continue
        yield held + line
        held = ""
    if held:
        yield held


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
        if isinstance(cells, list) and any(CELL_BREAK in c for c in cells):
            cells = [c.replace(CELL_BREAK, "\n") for c in cells]
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
