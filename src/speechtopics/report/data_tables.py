"""Data tables for a user's own analysis: one table as CSV, XLSX and Parquet, byte-stable.

:func:`save_data_table` is for tables a reader loads into R, Stata or a spreadsheet (the document ×
topic shares of notebook 02), not for the appendix's LaTeX. The same frame gives the same bytes in
every format on every run: the XLSX is written with fixed document properties (creator, created and
modified dates) and its zip entries get a fixed date and order; the Parquet file is written by pyarrow
without the pandas index and with fixed compression (its footer names the pyarrow version, so bytes
are stable for one environment, as is every figure).

Text cells that a spreadsheet would read as a formula (``=SUM(...)``, ``+1 票``; not a number-like
``-6.8%``) get a leading ``'`` in the CSV (:func:`speechtopics.report.tables.csv_safe`); the XLSX and the
Parquet file keep the text as it is (an XLSX cell of text is never a formula; one starting with ``=``
is stored as text with Excel's quote prefix). Whole numbers beyond 2**53, which a spreadsheet's float
would round (an 18-digit id), are text in the XLSX; a column of numbers mixed with text (``13``,
``十三届``) is text in the Parquet file. A column of ISO dates (``2020-01-18``; blank where a document has
none) is a date column in the XLSX (a date cell, shown ``yyyy-mm-dd``) and the Parquet file (``date32``), so
R, Stata and a spreadsheet read dates, not text; the CSV keeps the ISO text, which all of them parse.
"""

from __future__ import annotations

import io
import math
import re
import zipfile
from datetime import date, datetime
from pathlib import Path

import pandas as pd

from speechtopics.report.tables import csv_cells, with_row_labels

#: Date written into the XLSX properties and zip entries (a fixed value keeps the bytes stable).
FIXED_TIME = datetime(2000, 1, 1, 0, 0, 0)
FORMATS = ("csv", "xlsx", "parquet")
_CORE_DATES = re.compile(r"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:(?:created|modified)>)")


#: The largest whole number a spreadsheet's (double) number holds exactly; a larger one is written as text.
EXACT_INTEGER = 2**53


def _cell(value: object) -> object:
    """An XLSX cell value: missing -> empty, numpy scalars -> Python, a whole number beyond
    :data:`EXACT_INTEGER` -> its digits as text."""
    if value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return None
    if hasattr(value, "item") and not isinstance(value, str):
        value = value.item()
    if isinstance(value, (pd.Timestamp, datetime)):
        return value.isoformat()
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)  # a date cell (see xlsx_bytes)
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > EXACT_INTEGER:
        return str(value)
    return value


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def typed_dates(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` with every text column whose cells are all ISO dates (``2020-01-18``) or blank as dates.

    Parameters
    ----------
    df : DataFrame
        The table about to be written as XLSX or Parquet.

    Returns
    -------
    DataFrame
        ``df`` itself when no column is such a column, else a copy where each is ``datetime.date``
        values (``None`` where blank); a column with any other value (``2020``, ``2020-13-01``) stays text.

    Examples
    --------
    >>> typed_dates(pd.DataFrame({"date": ["2020-01-18", ""]}))["date"].tolist()
    [datetime.date(2020, 1, 18), None]
    >>> typed_dates(pd.DataFrame({"date": ["2020-01-18", "2020"]}))["date"].tolist()
    ['2020-01-18', '2020']
    """
    out = df
    for name in df.columns:
        if df[name].dtype != object and not pd.api.types.is_string_dtype(df[name]):
            continue
        values = [None if v is None or v is pd.NA or (isinstance(v, str) and not v.strip())
                  or (isinstance(v, float) and math.isnan(v)) else v for v in df[name]]
        given = [v for v in values if v is not None]
        if not given or not all(isinstance(v, str) and _ISO_DATE.fullmatch(v.strip()) for v in given):
            continue
        try:
            dates = [None if v is None else date.fromisoformat(v.strip()) for v in values]
        except ValueError:  # 2020-13-01: not a date; the column stays as written
            continue
        out = out.copy() if out is df else out
        out[name] = pd.Series(dates, index=df.index, dtype=object)
    return out


def stable_zip(data: bytes) -> bytes:
    """The zip archive ``data`` with every entry's date set to :data:`FIXED_TIME` (order unchanged).

    Parameters
    ----------
    data : bytes
        A zip archive (an XLSX file).

    Returns
    -------
    bytes
        The same entries and contents, deflated, with fixed dates and permissions; the
        ``dcterms:created``/``modified`` dates of ``docProps/core.xml`` are set to :data:`FIXED_TIME`.
    """
    out = io.BytesIO()
    stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ")
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = _CORE_DATES.sub(lambda m: m.group(1) + stamp + m.group(2), body.decode("utf-8")).encode("utf-8")
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            dst.writestr(entry, body, compresslevel=6)
    return out.getvalue()


def xlsx_bytes(df: pd.DataFrame, sheet: str = "data") -> bytes:
    """``df`` (index not written) as the bytes of an XLSX workbook with one sheet, byte-stable.

    Parameters
    ----------
    df : DataFrame
        The table.
    sheet : str
        Sheet name (at most 31 characters).

    Returns
    -------
    bytes
        The workbook; the same frame always gives the same bytes.

    Examples
    --------
    >>> frame = pd.DataFrame({"doc_id": ["a"], "topic_1": [0.5]})
    >>> xlsx_bytes(frame) == xlsx_bytes(frame)
    True
    """
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = sheet[:31]
    ws.append([str(c) for c in df.columns])
    for r, row in enumerate(typed_dates(df).itertuples(index=False), start=2):
        values = [_cell(v) for v in row]
        ws.append(values)
        for c, value in enumerate(values, start=1):
            if isinstance(value, datetime):
                ws.cell(row=r, column=c).number_format = "yyyy-mm-dd"
            if isinstance(value, str) and value.startswith("="):  # openpyxl would store a formula
                cell = ws.cell(row=r, column=c)
                cell.data_type = "s"
                cell.quotePrefix = True
    wb.properties.creator = "speechtopics"
    wb.properties.lastModifiedBy = "speechtopics"
    wb.properties.created = wb.properties.modified = FIXED_TIME
    buf = io.BytesIO()
    wb.save(buf)
    return stable_zip(buf.getvalue())


def arrow_ready(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` with every object column that pyarrow cannot type (numbers mixed with text, as a JSON or
    spreadsheet column of ``13``, ``十三届``, ``14``) as text; missing cells stay missing.

    Parameters
    ----------
    df : DataFrame
        The table about to be written as Parquet.

    Returns
    -------
    DataFrame
        ``df`` itself when pyarrow types every column, else a copy with such columns as text.

    Examples
    --------
    >>> arrow_ready(pd.DataFrame({"session": [13, "十三届", None]}))["session"].tolist()
    ['13', '十三届', None]
    """
    import pyarrow as pa

    out = df
    for name in df.columns:
        if df[name].dtype != object:
            continue
        try:
            pa.array(df[name], from_pandas=True)
        except (pa.ArrowInvalid, pa.ArrowTypeError, OverflowError):
            out = out.copy() if out is df else out
            out[name] = pd.Series([None if v is None or (not isinstance(v, (list, tuple, dict)) and pd.isna(v))
                                   else str(v) for v in df[name]], index=df.index, dtype=object)
    return out


def parquet_bytes(df: pd.DataFrame) -> bytes:
    """``df`` (index not written) as Parquet bytes (pyarrow, zstd), stable for one environment; a column
    of ISO dates is ``date32`` (:func:`typed_dates`), one of numbers mixed with text is text (:func:`arrow_ready`)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_pandas(arrow_ready(typed_dates(df)), preserve_index=False)
    buf = io.BytesIO()
    pq.write_table(table, buf, compression="zstd", write_statistics=True, store_schema=True)
    return buf.getvalue()


def save_data_table(df: pd.DataFrame, name: str, *, caption: str = "", out_dir: Path | None = None,
                    formats: tuple[str, ...] = FORMATS) -> list[Path]:
    """Write ``df`` as ``<name>.csv``, ``<name>.xlsx`` and ``<name>.parquet`` and register all three.

    Parameters
    ----------
    df : DataFrame
        The table; row labels that are not positional become the first column (as in
        :func:`speechtopics.report.tables.save_table`). Floats are written at full precision.
    name : str
        File stem.
    caption : str
        What the table holds (the appendix and manifest entry).
    out_dir : Path, optional
        Default ``reports/tables`` of this run.
    formats : tuple of str
        Any of ``csv``, ``xlsx``, ``parquet``.

    Returns
    -------
    list of Path
        The files written, in the order of ``formats``.

    """
    from speechtopics.report.registry import record, reports_dir

    unknown = set(formats) - set(FORMATS)
    if unknown:
        raise ValueError(f"save_data_table: unknown format(s) {sorted(unknown)} (use {', '.join(FORMATS)})")
    out_dir = Path(out_dir or reports_dir() / "tables")
    out_dir.mkdir(parents=True, exist_ok=True)
    df = with_row_labels(df).reset_index(drop=True)
    paths = []
    for fmt in formats:
        path = out_dir / f"{name}.{fmt}"
        if fmt == "csv":
            csv_cells(df).to_csv(path, index=False, lineterminator="\n", encoding="utf-8")
        else:
            path.write_bytes(xlsx_bytes(df) if fmt == "xlsx" else parquet_bytes(df))
        paths.append(path)
    record("table", name, paths, caption)
    return paths
