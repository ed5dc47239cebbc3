"""Tables saved by statistics software: Stata ``.dta``, Parquet and Feather files, one document per row.

This module owns reading such a file's bytes into records (:func:`read_frame_bytes`). pandas reads
them (``read_stata``; ``read_parquet`` and ``read_feather`` with pyarrow), typed as saved: a Stata
date (``%td``) is a date, a labelled Stata value is its label (今年的 ``level`` 1 → 县), a number stays a
number. The rows then take the path of any table's rows (:func:`speechtopics.table_input.records_of_rows`),
so field names, ids, dates and the ledger work as for a CSV.
"""

from __future__ import annotations

import io

from speechtopics.records import IngestResult, InputSource, ledger_row
from speechtopics.table_input import check_fields, records_of_rows, warn_date_choice

__all__ = ["FRAME_SUFFIXES", "read_frame_bytes"]

#: File suffixes read as data frames, and their format names.
FRAME_SUFFIXES = {".dta": "dta", ".parquet": "parquet", ".pq": "parquet", ".feather": "feather"}


def read_frame_bytes(data: bytes, src: InputSource, fmt: str, source: str) -> IngestResult:
    """One document per row of a ``.dta``, ``.parquet`` or ``.feather`` file's bytes.

    Raises
    ------
    FieldError
        When a field ``src`` names is not a column of the file (naming the columns it has).

    Examples
    --------
    >>> import pandas as pd
    >>> buf = io.BytesIO(); pd.DataFrame({"text": ["同志们：今天我们召开全县经济工作会议。"]}).to_parquet(buf)
    >>> res = read_frame_bytes(buf.getvalue(), InputSource(path="x"), "parquet", "speeches.parquet")
    >>> [r["source"] for r in res.records]
    ['speeches.parquet#row1']
    """
    import pandas as pd

    readers = {"dta": pd.read_stata, "parquet": pd.read_parquet, "feather": pd.read_feather}
    try:
        frame = readers[fmt](io.BytesIO(data))
    except Exception as exc:
        first = (str(exc) or type(exc).__name__).splitlines()[0][:200]
        return IngestResult(ledger=[ledger_row(source, f"cannot read {fmt}: {first}")])
    if frame.empty:
        return IngestResult(ledger=[ledger_row(source, "no rows")])
    frame = frame.astype(object).where(frame.notna(), None)
    header = [str(c) for c in frame.columns]
    check_fields(header, src, source)
    warn_date_choice(header, src, source)
    rows = [(f"{source}#row{i}", {str(k): v for k, v in row.items()})
            for i, row in enumerate(frame.to_dict("records"), start=1)]
    return records_of_rows(rows, src, fmt, fmt)
