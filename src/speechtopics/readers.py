"""Office formats, read with the well-kept libraries: Excel, Word and PDF.

Each function turns one file into plain data that :mod:`speechtopics.ingest` makes records of:

* :func:`excel_rows`: the rows of every sheet (or a named one) of an ``.xlsx`` workbook, as dicts
  keyed by the header row (pandas with openpyxl), cells as Excel shows them where openpyxl would not
  (a merged cell on each of its rows, a number formatted ``000000`` with its zeros);
  :func:`hidden_parts` names its hidden sheets and rows, which are read like the others;
* Word documents are :mod:`speechtopics.docx_reader`;
* PDF is :mod:`speechtopics.pdf_reader` (:func:`pdf_text`, :class:`NoTextLayer`, named here too);

Archives (zip, gzip, tar) are :mod:`speechtopics.archives`.

Nothing here is hand-written parsing: the libraries read the formats; this module only routes.
"""

from __future__ import annotations

import io
import re
import warnings
from collections.abc import Iterator, Sequence
from typing import Any

from speechtopics.pdf_reader import NoTextLayer, drop_footnotes, drop_running_lines, pdf_paragraphs, pdf_text
from speechtopics.table_header import Header, cell_name, find_header, unique_names
from speechtopics.user_errors import OneLineError

__all__ = ["DuplicateColumn", "MissingSheet", "NoTextLayer", "drop_footnotes", "drop_running_lines", "excel_rows",
           "hidden_parts", "html_table_rows", "warn_hidden", "pdf_paragraphs", "pdf_text"]

class MissingSheet(OneLineError, ValueError):
    """A sheet name that the workbook does not have; ``sheets`` lists those it has."""

    def __init__(self, name: str, sheets: list[str]):
        super().__init__(f"no sheet {name!r} (sheets: {', '.join(sheets)})")
        self.name, self.sheets = name, sheets


class DuplicateColumn(ValueError):
    """A column the caller needs that a sheet's header names more than once (either could be meant)."""

    def __init__(self, sheet: str, name: str, count: int):
        super().__init__(f"{name!r} appears {count} times in the header")
        self.sheet, self.name, self.count = sheet, name, count


#: Rows of a sheet searched for its header row when the first row is not it (a title above the table).
HEADER_SCAN_ROWS = 10


def excel_rows(data: bytes, sheet: str | None = None, fmt: str = "xlsx",
               header_names: Sequence[str] = (),
               headers: dict[str, Header] | None = None) -> Iterator[tuple[str, int, dict[str, Any]]]:
    """``(sheet name, row number, row)`` of a workbook, numbered as the sheet's rows.

    The header is row 1, so data rows start at 2, unless ``header_names`` (the columns the caller
    needs) are not all in row 1 but all in one of the first :data:`HEADER_SCAN_ROWS` rows: then that row
    is the header (a sheet with a title or a note above its table, as published spreadsheets often have)
    and data rows start below it; or two rows are, read as one, when a group header stands over the
    sub-headers (:func:`~speechtopics.table_header.find_header`). ``headers``, when given, is filled with
    each sheet's :class:`~speechtopics.table_header.Header` as the sheet is read.

    ``fmt`` is ``xlsx`` (read with openpyxl), ``xls`` (the pre-2007 binary format many government sites
    still publish) or ``ods`` (LibreOffice/WPS); the last two are read with python-calamine, the engine
    pandas recommends for them.

    Cells are read as they are typed in the workbook (text stays text, dates become Timestamps); an
    empty cell is None. ``sheet`` names one sheet (a missing name is :class:`MissingSheet`); None
    reads every sheet in workbook order.
    """
    import pandas as pd

    if is_html(data):  # an HTML table served as .xls or .xlsx, as many sites and databases do
        head = data[:4096].lower()
        if b"<workbook" in head and b"<html" not in head:
            raise ValueError("an Excel 2003 XML spreadsheet (SpreadsheetML): open it in Excel or WPS and save it "
                             "as .xlsx")
        yield from html_table_rows(data, sheet, header_names, headers)
        return
    if fmt not in ("xls", "ods"):
        data = zero_padded_as_text(merged_cells_filled(data))
    book = pd.ExcelFile(io.BytesIO(data), engine="calamine" if fmt in ("xls", "ods") else "openpyxl")
    names = [str(n) for n in book.sheet_names]
    if sheet is not None and sheet not in names:
        raise MissingSheet(sheet, names)
    for name in [sheet] if sheet is not None else names:
        header = header_row(book, name, header_names)
        for wanted in header_names:
            if wanted and header.cells.count(str(wanted)) > 1:  # pandas would rename the second to "<name>.1"
                raise DuplicateColumn(name, str(wanted), header.cells.count(str(wanted)))
        last = header.first + header.rows - 1
        frame = pd.read_excel(book, sheet_name=name, dtype=object, header=last)
        if header.rows > 1:  # a group header over its sub-headers: the two rows' names, read as one
            frame.columns = unique_names([header.cells[j] if j < len(header.cells) else ""
                                          for j in range(len(frame.columns))])
        if headers is not None:
            headers[name] = header
        frame = frame.astype(object).where(frame.notna(), None)
        for i, row in enumerate(frame.to_dict("records"), start=last + 2):
            yield name, i, {str(k): unescape_ooxml(v) for k, v in row.items()}


def hidden_parts(data: bytes) -> tuple[list[str], dict[str, list[int]]]:
    """The hidden sheets of an ``.xlsx`` workbook and, per sheet, its hidden rows (1-based, as Excel numbers
    them: rows a filter hides are hidden rows too); nothing for another format or a workbook that hides
    nothing (found from the package's XML before openpyxl reads it, so such a workbook is read once).

    Examples
    --------
    >>> import io, openpyxl
    >>> book = openpyxl.Workbook(); book.active.append(["正文"]); book.active.append(["讲话"])
    >>> book.active.row_dimensions[2].hidden = True; out = io.BytesIO(); book.save(out)
    >>> hidden_parts(out.getvalue())
    ([], {'Sheet': [2]})
    """
    import zipfile

    import openpyxl

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            marked = any(re.search(rb'hidden="(?:1|true)"|state="(?:very)?[hH]idden"', package.read(n))
                         for n in package.namelist()
                         if n == "xl/workbook.xml" or (n.startswith("xl/worksheets/") and n.endswith(".xml")))
    except (zipfile.BadZipFile, KeyError, OSError):
        return [], {}
    if not marked:
        return [], {}
    book = openpyxl.load_workbook(io.BytesIO(data))
    sheets = [ws.title for ws in book.worksheets if ws.sheet_state != "visible"]
    rows = {ws.title: sorted(i for i, dim in ws.row_dimensions.items() if dim.hidden and i <= ws.max_row)
            for ws in book.worksheets}
    return sheets, {name: found for name, found in rows.items() if found}


def warn_hidden(data: bytes, fmt: str, source: str, read: list[str]) -> None:
    """Warn, per sheet read, of hidden sheets and rows: they are read like the others, as nothing is left
    out in silence, but a researcher who hid or filtered rows out in Excel may expect otherwise."""
    sheets, rows = hidden_parts(data) if fmt == "xlsx" else ([], {})
    for name in [s for s in sheets if s in read]:
        warnings.warn(f"{source}#{name}: a hidden sheet, read like the others (name the sheet to read with "
                      "`sheet`, or delete this one)", UserWarning, stacklevel=3)
    for name, found in rows.items():
        if name in read:
            shown = ", ".join(map(str, found[:5])) + (" …" if len(found) > 5 else "")
            warnings.warn(f"{source}#{name}: {len(found)} hidden or filtered-out row{'s' * (len(found) != 1)} "
                          f"(row {shown}) read like the others (delete them to leave them out)", UserWarning,
                          stacklevel=3)


def is_html(data: bytes) -> bool:
    """Whether a spreadsheet file's bytes are a web page (markup from its first character, after a
    byte-order mark and white space, in UTF-8 or UTF-16), not a workbook.

    Examples
    --------
    >>> is_html(b"\\xef\\xbb\\xbf <table><tr><td>1</td></tr></table>"), is_html(b"PK\\x03\\x04")
    (True, False)
    >>> is_html("<html>".encode("utf-16"))
    True
    """
    head = data[:1024]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = head[: len(head) // 2 * 2].decode("utf-16", "ignore").encode("utf-8")
    return head.removeprefix(b"\xef\xbb\xbf").lstrip().startswith(b"<")


#: A line break inside an HTML table's cell (``<br>``, the end of a ``<p>`` or ``<div>``): marked with
#: :data:`_CELL_BREAK` before pandas reads the table (it collapses all whitespace in a cell), a new line after.
_CELL_BREAK_TAG = re.compile(r"<br\s*/?>|</(?:p|div)\s*>", re.IGNORECASE)
_CELL_BREAK = "\ue0b0"
_OOXML_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def unescape_ooxml(value: Any) -> Any:
    r"""A cell's text with the ``_xHHHH_`` escapes Excel writes for control characters decoded (a line
    break typed in a cell is saved as ``_x000D_`` and a newline; openpyxl leaves the escape), CR LF as
    one line break; anything else unchanged.

    Examples
    --------
    >>> unescape_ooxml("第一段。_x000D_\n第二段。"), unescape_ooxml(3)
    ('第一段。\n第二段。', 3)
    """
    if not isinstance(value, str) or "_x" not in value:
        return value
    return _OOXML_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), value).replace("\r\n", "\n").replace("\r", "\n")


def html_table_rows(data: bytes, sheet: str | None = None, header_names: Sequence[str] = (),
                    headers: dict[str, Header] | None = None) -> Iterator[tuple[str, int, dict[str, Any]]]:
    """``(table name, row number, row)`` of the tables of an HTML page saved as ``.xls`` or ``.xlsx``
    (government sites' and databases' "export to Excel" often sends an HTML table): ``table1``,
    ``table2`` … in page order, read by pandas (lxml). Each table's header is found among its first
    :data:`HEADER_SCAN_ROWS` rows for ``header_names`` as a sheet's is (a title row such as 政策文件导出
    above the column names), and rows are numbered as the table's rows (the header in row 1: data from
    row 2). Cells are the text the page shows, as written (``0012`` stays text); an empty cell is None.
    ``headers``, when given, is filled with each table's
    :class:`~speechtopics.table_header.Header`."""
    import pandas as pd

    from speechtopics.clean.decode import decode_counted

    # extract_links keeps every cell as the page's (text, link): nothing is parsed as a number
    page = _CELL_BREAK_TAG.sub(lambda m: m.group(0) + _CELL_BREAK, decode_counted(data).text)
    frames = pd.read_html(io.StringIO(page), header=None, extract_links="all", flavor="lxml")
    names = [f"table{i}" for i in range(1, len(frames) + 1)]
    if sheet is not None and sheet not in names:
        raise MissingSheet(sheet, names)
    for name, frame in zip(names, frames):
        if sheet is not None and name != sheet:
            continue
        rows = html_cells(frame)
        # a header cell broken over lines (发布<br>日期) is one name
        scan = [[c.replace("\n", "") if c else c for c in row] for row in rows[:HEADER_SCAN_ROWS]]
        header = (find_header(scan, header_names) if any(header_names)
                  else Header(0, 1, [cell_name(v) for v in scan[0]] if scan else []))
        if headers is not None:
            headers[name] = header
        columns = unique_names(header.cells)
        for i in range(header.first + header.rows, len(rows)):
            yield name, i + 1, dict(zip(columns, rows[i]))


def html_cells(frame) -> list[list[str | None]]:
    """The rows of a table :func:`pandas.read_html` read with ``header=None, extract_links="all"``, as the
    page shows them: the rows pandas took for its column names (a ``<thead>``, or leading rows of
    ``<th>`` cells) first, then the body; each cell its text, its paragraphs (``<p>``, ``<br>``) on lines
    of their own, an empty one None."""
    def text(cell: Any) -> str | None:
        value = cell[0] if isinstance(cell, tuple) else cell
        if value is None:
            return None
        lines = [line.strip() for line in str(value).split(_CELL_BREAK)]
        return "\n".join(line for line in lines if line) or None

    columns = list(frame.columns)
    head: list[list[str | None]] = []
    if columns and isinstance(columns[0], tuple):  # not a RangeIndex: pandas took rows for the header
        levels = [c if isinstance(c[0], tuple) else (c,) for c in columns]
        head = [[text(c[k]) for c in levels] for k in range(len(levels[0]))]
    return head + [[text(v) for v in row] for row in frame.itertuples(index=False)]


def merged_cells_filled(data: bytes) -> bytes:
    """An xlsx workbook whose cells merged down a column (a date or a level over the rows of one group,
    as grouped sheets have them) all hold the merged value, as Excel shows it on every row; the workbook
    unchanged when nothing is merged down. openpyxl and pandas give the value to the first row only.
    A range merged across columns keeps its value in its first column (a title spread over a row is one
    cell, not one per column)."""
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            if not any(b"<mergeCell " in package.read(n) for n in package.namelist()
                       if n.startswith("xl/worksheets/") and n.endswith(".xml")):
                return data  # nothing merged: no second reading of the workbook
    except zipfile.BadZipFile:
        return data  # not a workbook package: the reader says so

    def fill(book) -> bool:
        changed = False
        for sheet in book.worksheets:
            for rng in [r for r in sheet.merged_cells.ranges if r.max_row > r.min_row]:
                value = sheet.cell(rng.min_row, rng.min_col).value
                sheet.unmerge_cells(str(rng))
                for row in range(rng.min_row, rng.max_row + 1):
                    sheet.cell(row, rng.min_col).value = value
                changed = True
        return changed

    return _workbook_edited(data, fill)


def _workbook_edited(data: bytes, edit) -> bytes:
    """The workbook ``data`` after ``edit(book)`` (openpyxl, values not formulas), or ``data`` itself when
    ``edit`` says it changed nothing."""
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    if not edit(book):
        return data
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


#: A number format of zeros only (``000000``): a code or id shown with its leading zeros.
_ZERO_PADDED = re.compile(r"0{2,}")


def zero_padded_as_text(data: bytes) -> bytes:
    """An xlsx workbook whose whole-number cells formatted with leading zeros (a number format of zeros
    only, ``000000``, as an id or a code is often kept) hold the text Excel shows (``000123``), not the
    number (123); the workbook unchanged when its styles have no such format (found from the package's
    XML before openpyxl reads it).

    Examples
    --------
    >>> import io, openpyxl
    >>> book = openpyxl.Workbook(); book.active.append(["编号"]); book.active.append([123])
    >>> book.active["A2"].number_format = "000000"; out = io.BytesIO(); book.save(out)
    >>> openpyxl.load_workbook(io.BytesIO(zero_padded_as_text(out.getvalue()))).active["A2"].value
    '000123'
    """
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            styles = package.read("xl/styles.xml") if "xl/styles.xml" in package.namelist() else b""
    except zipfile.BadZipFile:
        return data  # not a workbook package: the reader says so
    if not re.search(rb'formatCode="0{2,}"', styles):
        return data

    def pad(book) -> bool:
        changed = False
        for sheet in book.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    value = cell.value
                    whole = isinstance(value, int) and not isinstance(value, bool) or (
                        isinstance(value, float) and value.is_integer())
                    if whole and value >= 0 and _ZERO_PADDED.fullmatch(cell.number_format or ""):
                        cell.value, cell.number_format = str(int(value)).zfill(len(cell.number_format)), "@"
                        changed = True
        return changed

    return _workbook_edited(data, pad)


def header_row(book, sheet: str, header_names: Sequence[str]) -> Header:
    """``sheet``'s header among its first :data:`HEADER_SCAN_ROWS` rows for the columns
    ``header_names`` (:func:`~speechtopics.table_header.find_header`: the row holding the most of them,
    so that a mistyped name is reported as missing, not the text column; or a group header and its
    sub-headers read as one); row 0 when no name is given."""
    import pandas as pd

    if not any(header_names):
        return Header(0, 1, [])
    head = pd.read_excel(book, sheet_name=sheet, header=None, nrows=HEADER_SCAN_ROWS, dtype=object)
    return find_header([list(values) for values in head.itertuples(index=False)], header_names)
