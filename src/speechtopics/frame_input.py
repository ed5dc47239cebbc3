"""A pandas DataFrame's rows as raw records, as ingest makes them of a table file's rows.

Owns :func:`dataframe_records`, which :func:`speechtopics.reading.read_corpus` calls for a DataFrame:
the named columns must exist, an ``id=`` column gives each row its ``doc_id`` (unique, never empty), and
without one a row's id follows its content.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from speechtopics.records import TABLE_OWN_FIELDS, FieldError, make_doc_id
from speechtopics.table_cells import no_value, plain_value, text_of
from speechtopics.table_input import blank, check_named

__all__ = ["dataframe_records"]


def dataframe_records(df: pd.DataFrame, text: str, title: str | None, date: str | None,
                      meta: Sequence[str], id: str | None = None, name: str = "dataframe") -> list[dict]:
    """Raw records (as ingest makes them) from the rows of a DataFrame; missing columns are errors.

    A column named like the metadata the library fills itself
    (:data:`~speechtopics.records.TABLE_OWN_FIELDS`: ``genre`` and ``collection``, else the input's genre
    and name; ``level``, ``speaker_role``, ``meeting_type``, else the clean stage's reading of the text) is
    read as if it were in ``meta``: the frame's own values win, and a blank cell of such a column takes the
    library's value. The ledger's ``input`` stays ``name``.

    Examples
    --------
    >>> df = pd.DataFrame({"text": ["同志们：……"], "level": ["市"]})
    >>> dataframe_records(df, "text", None, None, [])[0]["meta"]["level"]
    '市'
    """
    check_named(df.columns, [("column", f) for f in (text, title, date, id, *meta)])
    own = [k for k in TABLE_OWN_FIELDS if k in df.columns and k not in meta]  # a blank cell: the library's
    meta = [*meta, *own]
    records = []
    ids = None
    if id:
        if df[id].isna().any():
            raise FieldError(f"id column {id!r} has {int(df[id].isna().sum())} empty values: every row needs an id")
        ids = [str(int(v)) if isinstance(v, float) and v.is_integer() else str(v) for v in df[id]]
    if ids is not None and len(set(ids)) != len(ids):
        raise FieldError(f"id column {id!r} has repeated values: ids must be unique")
    seen: dict[str, int] = {}
    for i, row in enumerate(df.to_dict("records")):
        source = f"{name}#row{i + 1}"
        # without an id column a row's id follows its content (title, date, text), not its position, so a
        # subset or another frame never gives one id to two different speeches; a repeat counts on
        content = "\x1f".join("" if not c or no_value(row[c]) else str(plain_value(row[c])) for c in (title, date, text))
        seen[content] = seen.get(content, 0) + 1
        m: dict[str, Any] = {"genre": "", "collection": name, "input": name}
        if title and pd.notna(row[title]) and str(row[title]).strip():
            m["title"] = str(row[title])
        if date and pd.notna(row[date]) and str(row[date]).strip():
            m["date"] = str(plain_value(row[date]))
        for key in meta:
            value = row[key]
            if not (key in own and (no_value(value) or blank(value))):
                m[key] = None if no_value(value) else value
        value = row[text]
        records.append({"doc_id": ids[i] if ids else make_doc_id(f"{name}#{seen[content]}\x1f{content}"), "source": source,
                        "text": "" if value is None or (isinstance(value, float) and pd.isna(value)) else text_of(value),
                        "encoding": "utf-8", "format": "dataframe", "meta": m})
    return records
