"""How a table's cells become a record's fields: the text, the dates, the default columns, the rows of a JSON.

This module owns the values of one row, whatever file it came from (:mod:`speechtopics.table_input` reads
the files, :func:`speechtopics.reading.read_corpus` a DataFrame):

* :func:`text_of` -- a text cell: a list of paragraphs one per line, an export's escaped line breaks;
* :func:`plain_value` -- a spreadsheet's date or time cell as ISO text;
* :func:`default_fields` -- the title and date columns of a header the user named none of;
* :func:`json_records` -- the records of a JSON document, or of the array an API wraps them in.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

from speechtopics.records import default_field

__all__ = ["default_fields", "json_records", "plain_value", "text_of"]


def json_records(data: Any) -> Any:
    """The records of a JSON document: an array of objects, or the array of objects an API wraps it in
    (``{"data": [...]}``, ``{"items": [...]}``, ``{"data": {"list": [...]}}``: under ``records`` or
    ``data`` first, else the one key, two levels deep at most, that holds such an array); an object of
    objects keyed by id or URL (a scraper's ``{url: {...}}``, pandas' ``orient="index"``), each record
    with its key as ``key``; otherwise the document itself as one record.

    Examples
    --------
    >>> json_records({"http://a/1": {"标题": "甲"}, "http://a/2": {"标题": "乙"}})
    [{'key': 'http://a/1', '标题': '甲'}, {'key': 'http://a/2', '标题': '乙'}]
    """
    if not isinstance(data, dict):
        return data
    for key in ("records", "data"):
        if isinstance(data.get(key), list):
            return data[key]
    for value in [*data.values(), *(v for inner in data.values() if isinstance(inner, dict) for v in inner.values())]:
        if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            return value
    if len(data) > 1 and all(isinstance(v, dict) for v in data.values()):
        return [{"key": k, **v} for k, v in data.items()]
    return [data]


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


def plain_value(value: Any) -> Any:
    """A cell as JSON can hold it: a spreadsheet's date or time cell as ISO text (``2020-01-18``, or with
    its time when it has one); anything else unchanged."""
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        if isinstance(value, dt.datetime) and value.time() == dt.time(0) and value.tzinfo is None:
            return value.date().isoformat()
        return value.isoformat()
    return value
