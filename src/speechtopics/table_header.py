"""Where a table's header is among its first rows: one row, or two rows read as one.

Published spreadsheets often carry a title or a note above their table, and some a header over two
rows: a group header (基本信息, merged over two columns, then 正文) above its sub-headers (标题 | 日期 |
blank). :func:`find_header` decides, for a sheet (:mod:`speechtopics.readers`) and a CSV or TSV file
(:mod:`speechtopics.table_input`) alike, which row or rows are the header and what its columns are
called, and :func:`repeats_header` whether a row further down is that header once more. It only looks
at cells; reading the table is the callers' work.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from itertools import zip_longest
from typing import Any, NamedTuple

from speechtopics.records import DEFAULT_FIELDS, default_field


class Header(NamedTuple):
    """A table's header: its first row (0-based), how many rows it spans (1 or 2) and its column
    names, one per column, ``""`` for a column without one."""

    first: int
    rows: int
    cells: list[str]


def cell_name(value: Any) -> str:
    """A header cell as a column name: ``""`` for an empty cell (None, NaN or blank text), else its text.

    Examples
    --------
    >>> cell_name(None), cell_name(float("nan")), cell_name("  "), cell_name("标题"), cell_name(2020)
    ('', '', '', '标题', '2020')
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return "" if isinstance(value, str) and not value.strip() else str(value)


def joined(upper: Sequence[str], lower: Sequence[str]) -> list[str]:
    """Two header rows as one: each column's lower cell, else its upper cell (a group header's
    column that has no sub-header keeps the group's name).

    Examples
    --------
    >>> joined(["基本信息", "", "正文"], ["标题", "日期", ""])
    ['标题', '日期', '正文']
    """
    return [low or up for up, low in zip_longest(upper, lower, fillvalue="")]


def held(cells: Sequence[str], named: Sequence[str]) -> tuple[int, int]:
    """How many of the ``named`` columns ``cells`` holds, and how many of the default title, date and
    id columns (:data:`~speechtopics.records.DEFAULT_FIELDS`) besides those named.

    Examples
    --------
    >>> held(["标题", "日期", "正文"], ["正文"]), held(["基本信息", "", "正文"], ["正文"])
    ((1, 2), (1, 0))
    """
    wanted = {str(n) for n in named if n}
    found = {default_field(cells, kind) for kind in DEFAULT_FIELDS}
    return len(wanted & set(cells)), len(found - wanted - {None})


def find_header(rows: Sequence[Sequence[Any]], named: Sequence[str]) -> Header:
    """The header of a table whose first rows are ``rows`` (cells as read; empty ones None or blank),
    for the columns ``named`` (the ones the caller needs; empty names are not needed).

    One row is the header: the first that holds the most of ``named``; when none holds any, the first
    of the fullest rows (the header under a title row, so that a missing column is reported with the
    fields there are). Two neighbouring rows are the header instead, read as one (:func:`joined`), when
    together they hold at least as many of ``named`` and more of those and the default columns
    (:func:`held`) than that row: a group header above its sub-headers, so that neither row is taken
    for a document and no column loses its name.

    Examples
    --------
    >>> find_header([["基本信息", None, "正文"], ["标题", "日期", None], ["讲话一", "2020-01-18", "…"]], ["正文"])
    Header(first=0, rows=2, cells=['标题', '日期', '正文'])
    >>> find_header([["讲话汇编"], ["标题", "日期", "正文"], ["讲话一", "2020-01-18", "…"]], ["正文"])
    Header(first=1, rows=1, cells=['标题', '日期', '正文'])
    """
    names = [[cell_name(v) for v in row] for row in rows]
    if not names:
        return Header(0, 1, [])
    counts = [held(cells, named)[0] for cells in names]
    filled = [sum(bool(c) for c in cells) for cells in names]
    at = counts.index(max(counts)) if max(counts) else filled.index(max(filled))
    one = held(names[at], named)
    best = Header(at, 1, names[at])
    for k in range(len(names) - 1):
        cells = joined(names[k], names[k + 1])
        two = held(cells, named)
        if two[0] >= one[0] and sum(two) > sum(one):
            best, one = Header(k, 2, cells), two
    return best


def unique_names(cells: Sequence[str]) -> list[str]:
    """Column names as pandas gives a header row: an empty one is ``Unnamed: <position>`` and a
    repeated one gets ``.1``, ``.2`` …, so no column is lost when rows become dicts.

    Examples
    --------
    >>> unique_names(["标题", "", "备注", "备注"])
    ['标题', 'Unnamed: 1', '备注', '备注.1']
    """
    out: list[str] = []
    for i, name in enumerate(cells):
        name = name or f"Unnamed: {i}"
        base, n = name, 0
        while name in out:
            n += 1
            name = f"{base}.{n}"
        out.append(name)
    return out


def repeats_header(row: dict, text_field: str) -> bool:
    """Whether ``row`` is the table's header once more (exports joined into one file: 标题,时间,内容 in the
    middle of the rows): its text cell and at least one other cell read as their own columns' names.

    Examples
    --------
    >>> repeats_header({"标题": "标题", "时间": "时间", "内容": "内容"}, "内容")
    True
    >>> repeats_header({"标题": "内容", "内容": "内容"}, "内容")
    False
    """
    same = [k for k, v in row.items() if isinstance(v, str) and v.strip() == str(k)]
    return text_field in same and len(same) >= 2
