"""Office formats, read with the well-kept libraries: Excel, Word and PDF.

Each function turns one file into plain data that :mod:`speechtopics.ingest` makes records of:

* :func:`excel_rows`: the rows of every sheet (or a named one) of an ``.xlsx`` workbook, as dicts
  keyed by the header row (pandas with openpyxl);
* :func:`docx_text`: the paragraphs of a Word document, one per line, tables where they stand (python-docx
  opens it; its body is walked so that content controls and tracked insertions are read);
* :func:`pdf_text`: the text layer of a PDF (pdfminer.six); a scanned PDF without one raises
  :class:`NoTextLayer`, which ingest turns into a ledger row with that reason;

Archives (zip, gzip, tar) are :mod:`speechtopics.archives`.

Nothing here is hand-written parsing: the libraries read the formats; this module only routes.
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Sequence
from typing import Any

class MissingSheet(ValueError):
    """A sheet name that the workbook does not have; ``sheets`` lists those it has."""

    def __init__(self, name: str, sheets: list[str]):
        super().__init__(f"no sheet {name!r} (sheets: {', '.join(sheets)})")
        self.name, self.sheets = name, sheets


class NoTextLayer(ValueError):
    """A PDF whose pages carry no text (a scan): it cannot be read without OCR."""


#: Rows of a sheet searched for its header row when the first row is not it (a title above the table).
HEADER_SCAN_ROWS = 10


def excel_rows(data: bytes, sheet: str | None = None, fmt: str = "xlsx",
               header_names: Sequence[str] = ()) -> Iterator[tuple[str, int, dict[str, Any]]]:
    """``(sheet name, row number, row)`` of a workbook, numbered as the sheet's rows.

    The header is row 1, so data rows start at 2, unless ``header_names`` (the columns the caller
    needs) are not all in row 1 but all in one of the first :data:`HEADER_SCAN_ROWS` rows: then that row
    is the header (a sheet with a title or a note above its table, as published spreadsheets often have)
    and data rows start below it.

    ``fmt`` is ``xlsx`` (read with openpyxl), ``xls`` (the pre-2007 binary format many government sites
    still publish) or ``ods`` (LibreOffice/WPS); the last two are read with python-calamine, the engine
    pandas recommends for them.

    Cells are read as they are typed in the workbook (text stays text, dates become Timestamps); an
    empty cell is None. ``sheet`` names one sheet (a missing name is :class:`MissingSheet`); None
    reads every sheet in workbook order.
    """
    import pandas as pd

    book = pd.ExcelFile(io.BytesIO(data), engine="calamine" if fmt in ("xls", "ods") else "openpyxl")
    names = [str(n) for n in book.sheet_names]
    if sheet is not None and sheet not in names:
        raise MissingSheet(sheet, names)
    for name in [sheet] if sheet is not None else names:
        header = header_row(book, name, header_names)
        frame = pd.read_excel(book, sheet_name=name, dtype=object, header=header)
        frame = frame.astype(object).where(frame.notna(), None)
        for i, row in enumerate(frame.to_dict("records"), start=header + 2):
            yield name, i, {str(k): v for k, v in row.items()}


def header_row(book, sheet: str, header_names: Sequence[str]) -> int:
    """The 0-based index of ``sheet``'s header row: the first of its first :data:`HEADER_SCAN_ROWS` rows
    whose cells hold every name of ``header_names``; 0 when row 1 does or none does."""
    import pandas as pd

    wanted = {str(n) for n in header_names if n}
    if not wanted:
        return 0
    head = pd.read_excel(book, sheet_name=sheet, header=None, nrows=HEADER_SCAN_ROWS, dtype=object)
    for index, values in enumerate(head.itertuples(index=False)):
        if wanted <= {str(v) for v in values if not pd.isna(v)}:
            return index
    return 0


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_text(data: bytes) -> str:
    """The text of a Word document in reading order, one paragraph per line.

    Tables stay where they stand, a row per line with its cells separated by tabs (a merged cell once,
    not once per column it spans); paragraphs inside content controls (``w:sdt``, common in templates)
    and tracked insertions are read, tracked deletions are not. python-docx opens the package; its
    ``Document.paragraphs`` and ``Paragraph.text`` skip content controls and insertions and its
    ``row.cells`` repeats merged cells, so the body's elements are walked here, which no python-docx
    call does.
    """
    import docx

    lines: list[str] = []
    _docx_blocks(docx.Document(io.BytesIO(data)).element.body, lines)
    return "\n".join(lines)


def _docx_blocks(parent, lines: list[str]) -> None:
    """Append the lines of the block elements under ``parent`` (body, cell or content control)."""
    for child in parent.iterchildren():
        if child.tag == _W + "p":
            lines.append(_docx_paragraph(child))
        elif child.tag == _W + "tbl":
            for row in child.iterchildren(_W + "tr"):
                cells = []
                for cell in row.iterchildren(_W + "tc"):
                    inner: list[str] = []
                    _docx_blocks(cell, inner)
                    cells.append("\n".join(inner))
                lines.append("\t".join(cells))
        elif child.tag in (_W + "sdt", _W + "customXml"):
            content = child.find(_W + "sdtContent")
            _docx_blocks(content if content is not None else child, lines)


def _docx_paragraph(p) -> str:
    """A paragraph's text: its runs, those of hyperlinks, fields and insertions included; tabs and line
    breaks kept (a text box's text comes inline)."""
    out = []
    for el in p.iter(_W + "t", _W + "tab", _W + "br", _W + "cr"):
        out.append(el.text or "" if el.tag == _W + "t" else "\t" if el.tag == _W + "tab" else "\n")
    return "".join(out)


def pdf_text(data: bytes) -> str:
    """The text layer of a PDF, pages separated by blank lines.

    Raises
    ------
    NoTextLayer
        When no page holds any text (a scanned document).
    """
    from pdfminer.high_level import extract_text

    text = extract_text(io.BytesIO(data))
    if not text.strip():
        raise NoTextLayer("PDF has no text layer (a scan; OCR it first)")
    return text.replace("\x0c", "\n\n")
