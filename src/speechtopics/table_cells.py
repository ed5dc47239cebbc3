"""How a table's cells become a record's fields: the text, the dates, the default columns, the rows of a JSON.

This module owns the values of one row, whatever file it came from (:mod:`speechtopics.table_input` reads
the files, :func:`speechtopics.reading.read_corpus` a DataFrame):

* :func:`text_of` -- a text cell: a list of paragraphs one per line, an export's escaped line breaks;
* :func:`plain_value` -- a spreadsheet's date or time cell as ISO text;
* :func:`default_fields` -- the title and date columns of a header the user named none of, and
  :func:`default_id` its id column;
* :func:`no_value` -- whether a cell is empty (None, NaN, NaT, pd.NA);
* :func:`json_rows` -- the numbered records of a JSON or JSONL text, and :func:`json_records` those of a
  JSON document, or of the array an API wraps them in;
* :func:`dotted_fields` -- a JSON record's nested objects also as dotted fields (``meta.date``);
* :func:`json_shape` -- what a JSON holds instead of records, in words, for the error that says so;
* :func:`json_values` -- the JSON values written one after another in a text (a JSONL whose records are
  pretty-printed over several lines, or objects concatenated with no line break between them).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from collections.abc import Iterator
from typing import Any

from speechtopics.csv_rows import BadRow
from speechtopics.records import default_field

__all__ = ["default_fields", "default_id", "default_year", "dotted_fields", "json_records", "json_rows", "json_shape",
           "json_values", "keyed_records", "no_value", "plain_value", "text_of"]


def json_records(data: Any, text_field: str | None = None) -> Any:
    """The records of a JSON document: an array of objects, or the array of objects an API wraps it in
    (``{"data": [...]}``, ``{"speeches": [...]}``, ``{"data": {"list": [...]}}``: under ``records`` or
    ``data`` first, else the one key, two levels deep at most, that holds such an array), or the records
    keyed by id it wraps (``{"speeches": {"id1": {...}, …}}``, records with ``text_field``); an object of
    objects keyed by id or URL (a scraper's ``{url: {...}}``, pandas' ``orient="index"``), each record
    with its key as ``key`` (also when it holds one record, or when its records hold arrays of objects of
    their own: an object of objects one of which has ``text_field`` is keyed records); otherwise the
    document itself as one record.

    Examples
    --------
    >>> json_records({"http://a/1": {"标题": "甲"}, "http://a/2": {"标题": "乙"}})
    [{'key': 'http://a/1', '标题': '甲'}, {'key': 'http://a/2', '标题': '乙'}]
    >>> json_records({"id1": {"text": "甲", "files": [{"name": "a.pdf"}]}}, "text")
    [{'key': 'id1', 'text': '甲', 'files': [{'name': 'a.pdf'}]}]
    >>> json_records({"count": 2, "speeches": {"id1": {"text": "甲"}, "id2": {"text": "乙"}}}, "text")
    [{'key': 'id1', 'text': '甲'}, {'key': 'id2', 'text': '乙'}]
    """
    if not isinstance(data, dict):
        return data
    for key in ("records", "data"):
        if isinstance(data.get(key), list):
            return data[key]
    keyed = bool(data) and all(isinstance(v, dict) for v in data.values())
    if keyed_records(data, text_field):
        return [{"key": k, **v} for k, v in data.items()]
    for value in [*data.values(), *(v for inner in data.values() if isinstance(inner, dict) for v in inner.values())]:
        if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            return value
    for value in data.values():  # records keyed by id under a key: {"speeches": {"id1": {...}, ...}}
        if keyed_records(value, text_field):
            return [{"key": k, **v} for k, v in value.items()]
    if keyed and (len(data) > 1 or text_field not in data):
        return [{"key": k, **v} for k, v in data.items()]
    return [data]


def keyed_records(value: Any, text_field: str | None) -> bool:
    """Whether ``value`` is an object of records keyed by id: every value an object, and ``text_field``
    a field of at least one of them (an object of objects without the text field could be anything).

    Examples
    --------
    >>> keyed_records({"id1": {"text": "甲"}, "id2": {"title": "乙"}}, "text"), keyed_records({"id1": {"a": 1}}, "text")
    (True, False)
    """
    return (isinstance(value, dict) and bool(value) and text_field is not None
            and all(isinstance(v, dict) for v in value.values()) and any(text_field in v for v in value.values()))


def dotted_fields(row: Any) -> Any:
    """A JSON record with each nested object's fields also under dotted names (``{"meta": {"date": …}}``
    gives ``meta.date`` beside ``meta``), as :func:`pandas.json_normalize` names them; a field the record
    has under that name already wins. Anything but an object with an object inside is returned as it is.

    Examples
    --------
    >>> dotted_fields({"text": "甲", "meta": {"date": "2020-01-18", "who": {"name": "张三"}}})["meta.who.name"]
    '张三'
    """
    if not isinstance(row, dict) or not any(isinstance(v, dict) for v in row.values()):
        return row
    out = dict(row)
    for key, value in row.items():
        if isinstance(value, dict):
            for sub, inner in dotted_fields(value).items():
                out.setdefault(f"{key}.{sub}", inner)
    return out


#: Where a JSONL line ends (not str.splitlines: U+2028 and U+0085 may sit inside strings).
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_JSON_SPACE = re.compile(r"[ \t\r\n]*")


def json_values(text: str) -> list[tuple[int, Any]]:
    r"""The JSON values written one after another in ``text``, each with the line it starts on (lines
    end at CR, LF or CRLF): the records of a JSONL file pretty-printed over several lines, or of objects
    written with no line break between them (``{…}{…}``).

    Raises
    ------
    json.JSONDecodeError
        At the first place that is not a JSON value (its message names the line and column).

    Examples
    --------
    >>> json_values('{"text": "甲",\n "id": 1}{"text": "乙"}\n\n{\n  "text": "丙"\n}')
    [(1, {'text': '甲', 'id': 1}), (2, {'text': '乙'}), (4, {'text': '丙'})]
    """
    decoder = json.JSONDecoder()
    out: list[tuple[int, Any]] = []
    pos, line = 0, 1
    while True:
        start = _JSON_SPACE.match(text, pos).end()
        if start >= len(text):
            return out
        line += len(_LINE_BREAK.findall(text, pos, start))
        value, pos = decoder.raw_decode(text, start)
        out.append((line, value))
        line += len(_LINE_BREAK.findall(text, start, pos))


def json_rows(fmt: str, text: str, text_field: str | None = None) -> Iterator[tuple[int, Any]]:
    """Numbered rows of a JSONL (``fmt="jsonl"``: one per line, a line that is not JSON a
    :class:`~speechtopics.csv_rows.BadRow`) or JSON text (its :func:`json_records`), each record's nested
    objects also as dotted fields (:func:`dotted_fields`). A JSONL whose records run over several lines
    or one after another on a line, and a JSON of several values one after another, are read as such
    (:func:`json_values`), each record numbered by the line it starts on (JSONL) or its place (JSON).

    Raises
    ------
    json.JSONDecodeError
        When a JSON text is not JSON.
    """
    if fmt == "jsonl":
        rows = list(_jsonl_lines(text))
        if any(isinstance(row, BadRow) for _, row in rows):  # records over several lines, or run together?
            try:
                rows = [(i, dotted_fields(value)) for i, value in json_values(text)]
            except ValueError:
                pass  # no: each bad line is a ledger row of its own
        yield from rows
        return
    try:
        records = json_records(json.loads(text), text_field)
    except json.JSONDecodeError as exc:
        if exc.msg != "Extra data":  # not several JSON values one after another
            raise
        records = []
        for _, value in json_values(text):  # each value as a document of its own (an object, or an array of them)
            found = json_records(value, text_field)
            records.extend(found if isinstance(found, list) else [found])
    yield from enumerate((dotted_fields(r) for r in (records if isinstance(records, list) else [records])), start=1)


def _jsonl_lines(text: str) -> Iterator[tuple[int, Any]]:
    for i, line in enumerate(_LINE_BREAK.split(text), start=1):
        if line.strip():
            try:
                yield i, dotted_fields(json.loads(line))
            except ValueError as exc:
                yield i, BadRow(f"bad JSON line: {exc}")


#: JSON types in words, for :func:`json_shape`.
_JSON_KINDS = {list: "arrays", str: "text", bool: "true/false", int: "numbers", float: "numbers",
               type(None): "null"}


def json_shape(rows: list[Any], fmt: str = "json") -> str | None:
    """What the rows of a JSON or JSONL file are when none is an object (a record), in words; else None.

    Examples
    --------
    >>> json_shape([[1, "甲"], [2, "乙"]])
    'its records are arrays, not objects with named fields'
    >>> json_shape([{"text": "甲"}]) is None
    True
    """
    if any(isinstance(r, dict) for r in rows):
        return None
    kinds = sorted({_JSON_KINDS.get(type(r), type(r).__name__) for r in rows})
    where = "its lines are" if fmt == "jsonl" else "its records are"
    return f"{where} {' and '.join(kinds)}, not objects with named fields"


def text_of(value: Any) -> str:
    """A cell's text: a list of paragraphs (JSON) one per line, an export's escaped line breaks (a literal
    ``\\n`` in a text with no real one) as line breaks."""
    if isinstance(value, (list, tuple)):
        return "\n".join(str(v) for v in value if v is not None)
    value = str(value)
    if "\\n" in value and "\n" not in value:
        return value.replace("\\r\\n", "\n").replace("\\n", "\n")
    return value


@functools.lru_cache(maxsize=64)
def default_fields(columns: tuple) -> tuple[str | None, str | None]:
    """The default title and date columns of a header (:func:`~speechtopics.records.default_field`)."""
    return default_field(columns, "title"), default_field(columns, "date")


@functools.lru_cache(maxsize=64)
def default_id(columns: tuple) -> str | None:
    """The id column of a header the user named none of: ``doc_id``, else ``id`` (any case), or None."""
    return default_field(columns, "id")


@functools.lru_cache(maxsize=64)
def default_year(columns: tuple) -> str | None:
    """The year column of a header: ``year`` (any case), 年份 or 年度, or None.

    Examples
    --------
    >>> default_year(("标题", "年份", "正文")), default_year(("Year", "text")), default_year(("标题",))
    ('年份', 'Year', None)
    """
    return default_field(columns, "year")


def no_value(value: Any) -> bool:
    """Whether a cell is empty (None, NaN, NaT, pd.NA); a list or other object is not.

    Examples
    --------
    >>> no_value(float("nan")), no_value(None), no_value([]), no_value("")
    (True, True, False, False)
    """
    import pandas as pd

    return value is None or (not isinstance(value, (list, tuple, dict)) and bool(pd.isna(value)))


def plain_value(value: Any) -> Any:
    """A cell as JSON can hold it: a spreadsheet's date or time cell as ISO text (``2020-01-18``, or with
    its time when it has one); anything else unchanged."""
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        if isinstance(value, dt.datetime) and value.time() == dt.time(0) and value.tzinfo is None:
            return value.date().isoformat()
        return value.isoformat()
    return value
