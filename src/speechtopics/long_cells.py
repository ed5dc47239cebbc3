"""Texts longer than a spreadsheet cell: rows that continue a text cut at Excel's cell limit.

Excel holds at most :data:`EXCEL_CELL_LIMIT` characters in a cell, so a researcher who keeps a long
report (a government work report of 35,000 characters) in a sheet splits it over rows: the first row
holds the title, date and the first 32,767 characters, and the rows below it hold the rest of the text
with the other cells left empty (or repeating the first row's). :func:`joined_continuations` joins such
rows back to the row they continue, and names each joined row for the ledger, so the report is one
document, not one cut document and untitled fragments. A row that repeats some of the cells above and
leaves others empty is not joined (an untitled speech of the same speaker is not a continuation). A text cell of exactly the limit that no such
row follows, or in a table of texts alone, stays as it is (the clean stage marks it ``truncated``).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

__all__ = ["CONTINUATION", "EXCEL_CELL_LIMIT", "fills_cell", "joined_continuations"]

#: The most characters an Excel cell holds (a longer text was cut there when the sheet was saved).
EXCEL_CELL_LIMIT = 32_767


#: The ledger reason of a row whose text was joined to the text of the rows above it (the ledger's
#: ``source`` names the row; one reason for all such rows, so that a summary counts them as one).
CONTINUATION = (f"continuation of the text above (joined to the row it continues: a cell holds at most "
                f"{EXCEL_CELL_LIMIT:,} characters)")


def fills_cell(row: Any, text_field: str) -> bool:
    """Whether ``row``'s text holds a spreadsheet cell's most characters, so the next row may continue it.

    Examples
    --------
    >>> fills_cell({"正文": "长" * EXCEL_CELL_LIMIT}, "正文"), fills_cell({"正文": "短。"}, "正文")
    (True, False)
    """
    text = row.get(text_field) if isinstance(row, dict) else None
    return isinstance(text, str) and len(text) == EXCEL_CELL_LIMIT


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or (
        isinstance(value, str) and not value.strip())


def _continues(row: Any, last: dict, text_field: str) -> bool:
    """Whether ``row`` carries on the text of ``last`` (whose text cell is full): a text of its own and
    every other cell empty, or every one the same as ``last``'s (the first row's cells repeated), where
    ``last`` has a cell besides its text (a title, date or id: in a table of texts alone, a row is not
    known to continue the one above). A row repeating some of ``last``'s cells and leaving others of
    them empty (the same level and speaker, no title or date) is a document of its own: the next
    untitled speech of the same speaker after a text cut with the rest lost."""
    if not isinstance(row, dict) or not isinstance(row.get(text_field), str) or _blank(row[text_field]):
        return False
    if all(_blank(v) for k, v in last.items() if k != text_field):
        return False
    others = [k for k in {**last, **row} if k != text_field]
    return (all(_blank(row.get(k)) for k in others)
            or all(row.get(k) == last.get(k) or _blank(row.get(k)) and _blank(last.get(k)) for k in others))


def joined_continuations(rows: Sequence[tuple[str, Any]], text_field: str
                         ) -> tuple[list[tuple[str, Any]], list[str]]:
    """``rows`` (``(source, row)`` pairs) with each row whose text cell is full (exactly
    :data:`EXCEL_CELL_LIMIT` characters) joined to the rows below it that continue its text, and the
    sources of the rows joined (their ledger reason is :data:`CONTINUATION`).

    Examples
    --------
    >>> full = "长" * EXCEL_CELL_LIMIT
    >>> rows = [("t#row2", {"标题": "报告", "正文": full}), ("t#row3", {"标题": None, "正文": "完。"}),
    ...         ("t#row4", {"标题": "另一篇", "正文": "短。"})]
    >>> kept, joined = joined_continuations(rows, "正文")
    >>> [(s, len(r["正文"])) for s, r in kept], joined
    ([('t#row2', 32769), ('t#row4', 2)], ['t#row3'])
    """
    kept: list[tuple[str, Any]] = []
    joined: list[str] = []
    last: dict | None = None  # the cells of the row whose text the next row may continue
    for source, row in rows:
        if last is not None and _continues(row, last, text_field):
            first, cells = kept[-1]
            kept[-1] = (first, {**cells, text_field: cells[text_field] + row[text_field]})
            joined.append(source)
            if len(row[text_field]) != EXCEL_CELL_LIMIT:  # this piece is not full: the text ends here
                last = None
            continue
        kept.append((source, row))
        last = row if fills_cell(row, text_field) else None
    return kept, joined
