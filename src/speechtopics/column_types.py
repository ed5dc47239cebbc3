"""The type of a metadata column: numbers written as text become numbers, exactly.

:func:`numeric_column` is how :func:`speechtopics.read_corpus` and
:meth:`speechtopics.reading.Corpus.with_metadata` type a column of a user's table: a column whose every
filled cell reads back as written as a number (``"12"``, ``"3.5"``) is numbers; codes, versions, year and
month written ``2020.10`` and ids too long for ``Int64`` stay text.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from speechtopics.records import MISSING_TOKENS
from speechtopics.table_cells import no_value

__all__ = ["numeric_column"]

_NUMBER = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?")
_INT64 = (-(2**63), 2**63 - 1)
_FLOAT_EXACT = 2**53  # a float holds every whole number up to this one


def _number_as_written(text: str) -> int | float | None:
    """The number ``text`` is when writing it back gives ``text`` again, else None: ``"12"``, ``"3.5"``
    and ``"2.0"`` (as pandas writes a float) are numbers; ``"2020.10"`` (2020.1 would merge October with
    January), ``"1.10"``, ``"007"``, ``"+3"``, ``"-0"`` and a whole number beyond int64 are text."""
    if not _NUMBER.fullmatch(text):
        return None
    if "." not in text:
        whole = int(text)
        return whole if str(whole) == text and _INT64[0] <= whole <= _INT64[1] else None
    value = float(text)
    return value if np.format_float_positional(value, trim="0") == text else None


def numeric_column(col: pd.Series) -> pd.Series:
    """``col`` as numbers when every filled cell is a number, else ``col`` itself.

    A text cell is a number only when it reads back exactly as written (``"12"``, ``"3.5"``), so a code
    (``"007"``), a version (``"1.10"``), a year and month (``"2020.10"``, which as a float is 2020.1,
    January) or an id too long for ``Int64`` keeps the column as text. Cells in :data:`~speechtopics.records.MISSING_TOKENS`
    (``NA``, ``null``, ``-`` …) are missing when the others are numbers. Whole numbers become ``Int64``
    (exact), others ``float64`` (a whole number among them must be at most 2**53, which a float holds
    exactly, else the column stays as it is). Numbers held as numbers (a JSON column) are typed the same
    way, so an 18-digit id with an empty cell stays exact. Columns that are not object or text are
    returned as they are.

    Parameters
    ----------
    col : pandas.Series
        A metadata column.

    Returns
    -------
    pandas.Series
        The numbers (same index and name), or ``col`` itself.

    Examples
    --------
    >>> numeric_column(pd.Series(["1", "12", None])).tolist(), numeric_column(pd.Series(["007", "12"])).tolist()
    ([1, 12, <NA>], ['007', '12'])
    >>> numeric_column(pd.Series(["2.5", "NA", "3"])).tolist(), numeric_column(pd.Series(["2020.1", "2020.10"])).tolist()
    ([2.5, nan, 3.0], ['2020.1', '2020.10'])
    """
    if col.dtype != object and not pd.api.types.is_string_dtype(col):
        return col
    filled = ~col.map(no_value).to_numpy(dtype=bool)
    cells = list(col[filled])
    if not cells:
        return col
    if all(isinstance(v, str) for v in cells):
        text = [v.strip() for v in cells]
        cells = [None if t in MISSING_TOKENS else _number_as_written(t) for t in text]
        if any(v is None and t not in MISSING_TOKENS for v, t in zip(cells, text)):
            return col  # a cell that is text, not a number
    elif all(isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, (bool, np.bool_))
             for v in cells):
        cells = [v.item() if isinstance(v, np.generic) else v for v in cells]
    else:
        return col
    numbers = [v for v in cells if v is not None]
    if not numbers:
        return col
    if all(isinstance(v, int) for v in numbers):
        if not all(_INT64[0] <= v <= _INT64[1] for v in numbers):
            return col
        values = pd.array([pd.NA] * len(col), dtype="Int64")
        values[filled] = pd.array([pd.NA if v is None else v for v in cells], dtype="Int64")
        return pd.Series(values, index=col.index, name=col.name)
    if any(isinstance(v, int) and abs(v) > _FLOAT_EXACT for v in numbers):
        return col
    floats = np.full(len(col), np.nan)
    floats[filled] = [np.nan if v is None else float(v) for v in cells]
    return pd.Series(floats, index=col.index, name=col.name)
