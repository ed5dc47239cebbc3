"""An input's metadata sheet: a table of its documents' titles, dates and covariates, kept apart from them.

Researchers often have a folder of speeches (text, Word, PDF files) and, beside it, a sheet that says for
each file who spoke, when, at which level. An input of the config that names such a sheet
(``metadata: speakers.xlsx``, ``metadata_key: 文件``) has each of its records matched to the sheet's row
whose key cell holds the record's own id column value (``source_id``), its file's path inside the input,
its ``source`` as the ledger names it (``data/raw/2013/1.txt``), its file's name, that name without its suffix,
or its ``doc_id``, tried in that order. The row's cells join the record's metadata as a
table's columns do: the column the input names as ``title_field``/``date_field`` (else a column named
like a title or date, as a table's are found) gives the title and the date, ``year`` the year, every
other column a metadata column of that name.

Nothing is matched or lost in silence: a record without a row and a row without a record are counted in a
warning naming the first of each (a sheet that several inputs name, :class:`InputSheets`, says its unused
rows once, after the last of them; a row naming a file that the ledger left out when read, an old ``.doc``
or a damaged ``.docx``, named a file, whose reason the ledger gives, and is not said to name nothing); a key column that is not there, or a key on two rows, is a
:class:`~speechtopics.records.FieldError` before any document is read. :func:`read_table` is also how
:meth:`speechtopics.reading.Corpus.with_metadata` reads a table given as a path.
"""

from __future__ import annotations

import warnings
from pathlib import Path, PurePosixPath
from typing import Any

import numpy as np
import pandas as pd

from speechtopics.records import TABLE_OWN_FIELDS, FieldError, InputSource, missing_field
from speechtopics.table_cells import default_fields, no_value, plain_value

__all__ = ["InputSheets", "MetadataSheet", "read_table", "record_keys", "table_key"]


def read_table(table: str | Path | pd.DataFrame) -> tuple[pd.DataFrame, str]:
    """The table and the name its messages use: a DataFrame as given, a CSV/TSV (UTF-8, with or without a
    byte-order mark, else GB18030) or an Excel sheet (its first), every cell as written (text), blank
    cells empty; a Stata ``.dta``, Parquet or Feather file typed as saved (as a DataFrame is)."""
    if isinstance(table, pd.DataFrame):
        return table, "the metadata table"
    path = Path(table)
    if not path.is_file():
        raise FieldError(f"{path}: metadata sheet not found")
    if path.suffix.lower() in (".dta", ".parquet", ".pq", ".feather"):
        reader = {".dta": pd.read_stata, ".feather": pd.read_feather}.get(path.suffix.lower(), pd.read_parquet)
        return reader(path), path.name
    if path.suffix.lower() in (".xlsx", ".xls", ".ods"):
        return pd.read_excel(path, dtype=object, engine="openpyxl" if path.suffix.lower() == ".xlsx" else None), path.name
    sep = "\t" if path.suffix.lower() in (".tsv", ".tab") else ","
    try:
        return pd.read_csv(path, dtype=object, sep=sep, encoding="utf-8-sig", keep_default_na=False), path.name
    except UnicodeDecodeError:
        return pd.read_csv(path, dtype=object, sep=sep, encoding="gb18030", keep_default_na=False), path.name


def table_key(value: Any) -> str | None:
    """A key cell as text: None when blank, a whole number held as a float (``12.0``, a column with a gap
    read by pandas) as ``12``, anything else as written less the spaces around it.

    Examples
    --------
    >>> table_key(12.0), table_key(" a.txt\u3000"), table_key(""), table_key(float("nan"))
    ('12', 'a.txt', None, None)
    """
    if no_value(value):
        return None
    if isinstance(value, (float, np.floating)) and float(value).is_integer():
        value = int(value)
    return str(value).strip() or None


def record_keys(rec: dict, folder: str = "") -> list[str]:
    """The names a record may have in a sheet's key column, in the order they are tried: its id column's
    value (``source_id``), its file's path inside the input folder (or archive), its ``source`` as
    ``documents.jsonl`` and the ledger name it, the file's name, that name without suffix, its ``doc_id``.
    ``folder`` is the input folder as sources name it.

    Examples
    --------
    >>> record_keys({"doc_id": "9f3a", "source": "data/raw/2020/01-18_讲话.docx", "meta": {}}, "data/raw")
    ['2020/01-18_讲话.docx', 'data/raw/2020/01-18_讲话.docx', '01-18_讲话.docx', '01-18_讲话', '9f3a']
    """
    keys = []
    if (source_id := (rec.get("meta") or {}).get("source_id")) is not None:
        keys.append(str(source_id).strip())
    source = str(rec.get("source") or "").replace("\\", "/")
    if source and "#" not in source:  # a table's row has no file of its own
        inside = source.split("!")[-1] if "!" in source else source.removeprefix(folder.rstrip("/") + "/")
        name = PurePosixPath(inside).name
        keys += [inside, source, name, PurePosixPath(name).stem]
    return list(dict.fromkeys(keys + [str(rec["doc_id"])]))


class MetadataSheet:
    """The metadata sheet of one input, read once; :meth:`join` fills each record's metadata from its row,
    :meth:`finish` warns of what matched nothing.

    Parameters
    ----------
    src : InputSource
        The input; ``src.metadata`` names the sheet and ``src.metadata_key`` its key column.
    path : Path
        The sheet's file (``src.metadata`` resolved against the project's folder).
    folder : str
        The input's folder as the records' sources name it (a file's path inside it is a key).
    """

    def __init__(self, src: InputSource, path: Path, folder: str = ""):
        self.folder = folder
        frame, self.name = read_table(path)
        frame.columns = [str(c) for c in frame.columns]
        key = src.metadata_key
        if not key:
            raise FieldError(f"{self.name}: metadata_key is not given: name the sheet's column that names each "
                             f"document (its file name, or the input's id column)")
        if key not in frame.columns:
            raise missing_field(key, list(frame.columns), "key column", self.name)
        self.key = key
        self.rows: dict[str, dict[str, Any]] = {}
        for i, row in enumerate(frame.to_dict("records")):
            value = table_key(row.pop(key))
            if value is None:
                continue
            if value in self.rows:
                raise FieldError(f"{self.name}: the key {value!r} of column {key!r} is on two rows (row {i + 2} "
                                 "and an earlier one): which is the document's?")
            self.rows[value] = row
        columns = tuple(c for c in frame.columns if c != key)
        found_title, found_date = default_fields(columns)
        title = src.title_field if src.title_field in columns else found_title
        date = src.date_field if src.date_field in columns else found_date
        self.fields = {c: "title" if c == title else "date" if c == date else c for c in columns}
        self.used: dict[str, list[str]] = {}
        self.left_out: set[str] = set()  # rows naming a file the ledger left out when read (a .doc, a damaged .docx)
        self.unmatched: list[str] = []

    def join(self, records: list[dict]) -> None:
        """Fill each record's metadata (in place) from the sheet's row that names it."""
        for rec in records:
            key = next((k for k in record_keys(rec, self.folder) if k in self.rows), None)
            if key is None:
                self.unmatched.append(str(rec.get("source") or rec["doc_id"]))
                continue
            self.used.setdefault(key, []).append(str(rec.get("source") or rec["doc_id"]))
            meta = rec.setdefault("meta", {})
            for column, field in self.fields.items():
                value = self.rows[key][column]
                blank = no_value(value) or (isinstance(value, str) and not value.strip())
                if blank and field in ("title", "date", *TABLE_OWN_FIELDS):
                    continue  # a blank cell leaves the file's own title or date, and the level … read from the text
                meta[field] = None if blank else plain_value(value)
            if "year" in meta and meta["year"] is not None:
                try:
                    meta["year"] = int(str(meta["year"]).strip()[:4])
                except ValueError:
                    meta.pop("year")

    def note_left_out(self, rows: list[dict]) -> None:
        """Take the ledger rows of files left out when read: a row of the sheet naming one named a file,
        whose reason the ledger gives, and is not said to name no document."""
        for row in rows:
            key = next((k for k in record_keys({**row, "meta": {}}, self.folder) if k in self.rows), None)
            if key is not None:
                self.left_out.add(key)

    def finish(self, label: str, spare: bool = True) -> None:
        """Warn of the input's documents without a row and (with ``spare``) of the rows that named no document;
        a row that named several documents (one file name in two folders) is a
        :class:`~speechtopics.records.FieldError`."""
        for key, sources in self.used.items():
            if len(sources) > 1:
                raise FieldError(f"{self.name}: the key {key!r} of column {self.key!r} names {len(sources)} documents "
                                 f"({', '.join(sources[:3])}): key them by their path inside the input")
        if self.unmatched:
            warnings.warn(f"{self.name}: {len(self.unmatched)} document(s) of input {label!r} have no row (column "
                          f"{self.key!r}; first: {self.unmatched[0]}); their metadata from the sheet is missing",
                          UserWarning, stacklevel=3)
        if spare:
            self.warn_spare([label], set(self.used) | self.left_out)

    def warn_spare(self, labels: list[str], used: set[str]) -> None:
        """Warn of the rows whose key is not in ``used``, the keys that named documents of the inputs ``labels``."""
        if spare := [k for k in self.rows if k not in used]:
            inputs = f"input {labels[0]!r}" if len(labels) == 1 else f"inputs {', '.join(map(repr, labels))}"
            warnings.warn(f"{self.name}: {len(spare)} of {len(self.rows)} rows name no document of {inputs} "
                          f"(column {self.key!r}; first: {spare[0]!r})", UserWarning, stacklevel=4)


class InputSheets:
    """The metadata sheets of a run's inputs, one :class:`MetadataSheet` for each input that names one. A sheet
    that several inputs name (one sheet for a folder of Word files and one of PDFs) has its rows that named
    no document said once, after the last of them, counting the documents of all of them.

    Parameters
    ----------
    named : list of (InputSource, Path, str)
        Each input that names a sheet, the sheet's file and the input's folder as its records' sources name it.
    """

    def __init__(self, named: list[tuple[InputSource, Path, str]]):
        self.sheets = {id(src): (Path(path).resolve(), MetadataSheet(src, path, folder)) for src, path, folder in named}
        self.left: dict[tuple[Path, str], list[int]] = {}
        for src, path, _ in named:
            self.left.setdefault((Path(path).resolve(), src.metadata_key), []).append(id(src))
        self.labels: dict[tuple[Path, str], list[str]] = {}
        self.used: dict[tuple[Path, str], set[str]] = {}

    def path(self, src: InputSource) -> Path | None:
        """The input's sheet file (resolved), None when it names none."""
        return self.sheets[id(src)][0] if id(src) in self.sheets else None

    def join(self, src: InputSource, records: list[dict]) -> None:
        """Fill the input's records' metadata from its sheet (:meth:`MetadataSheet.join`)."""
        if id(src) in self.sheets:
            self.sheets[id(src)][1].join(records)

    def note_left_out(self, src: InputSource, rows: list[dict]) -> None:
        """The input's files left out when read (:meth:`MetadataSheet.note_left_out`)."""
        if id(src) in self.sheets:
            self.sheets[id(src)][1].note_left_out(rows)

    def finish(self, src: InputSource, label: str) -> None:
        """:meth:`MetadataSheet.finish` of the input; after the last input naming a sheet, its spare rows."""
        if id(src) not in self.sheets:
            return
        path, sheet = self.sheets[id(src)]
        sheet.finish(label, spare=False)
        group = (path, sheet.key)
        self.labels.setdefault(group, []).append(label)
        self.used.setdefault(group, set()).update(sheet.used, sheet.left_out)
        self.left[group].remove(id(src))
        if not self.left[group]:
            sheet.warn_spare(self.labels[group], self.used[group])
