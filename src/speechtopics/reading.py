"""``read_corpus`` and ``Corpus``: a researcher's documents, read, cleaned and segmented in one call.

:func:`read_corpus` takes a path (file or folder), a list of paths or a pandas DataFrame, runs the same
ingest, clean and segment stages as ``speechtopics run`` (:mod:`speechtopics.stages`) and returns a
:class:`Corpus`: the documents as a table, the ledger of every input row or file (kept, dropped or
duplicate, with the reason) and the tokens of the kept documents, ready for
:class:`~speechtopics.topic_model.TopicModel`.
"""

from __future__ import annotations

import dataclasses
import os
import re
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from speechtopics import stages
from speechtopics.config import Config, load_config
from speechtopics.ingest import InputSource, make_doc_id, read_sources, repeated_ids
from speechtopics.records import FieldError, default_field
from speechtopics.table_cells import plain_value, text_of
from speechtopics.table_input import check_named

#: Columns every ``Corpus.documents`` table starts with, and the two it ends with. ``display_name`` is
#: how figures and tables name the document (the title, else the file name stem, else date and opening
#: words); ``date_inferred`` says whether the date was read from the text (True) or given by the user or
#: a file name (False); ``date_error`` holds a given date that could not be read.
LEAD_COLUMNS = ("doc_id", "title", "date", "year")
DATE_COLUMNS = ("display_name", "date_inferred", "date_error")
STATUS_COLUMNS = ("status", "reason")
#: Metadata every document carries: its input's name and genre (ingest), and the speaker's role, the
#: meeting type and the government level the clean stage reads from the text (None where it finds none).
SOURCE_COLUMNS = ("collection", "genre", "speaker_role", "meeting_type", "level")


@dataclass
class Corpus:
    """Documents read by :func:`read_corpus` (or :meth:`speechtopics.Project.read_corpus`).

    Attributes
    ----------
    documents : pandas.DataFrame
        One row per input document: ``doc_id, title, date, year`` (``date`` ISO text, missing where there is
        none), ``display_name`` (the title, else the file name stem, else date and opening words),
        ``date_inferred`` and ``date_error``, the metadata columns, ``status`` (``kept``, ``dropped``,
        ``duplicate``) and ``reason``.
    ledger : pandas.DataFrame
        One row per input file or row: ``source, doc_id, stage, status, reason, input, date_error``;
        files and rows that could not be read are here too.
    records : list of dict
        The kept documents, segmented: ``doc_id``, ``text``, ``paragraphs`` and ``tokens``.
    metadata : tuple of str
        Names of the metadata columns of :attr:`documents`.
    config : Config
        The settings the corpus was read with.
    """

    documents: pd.DataFrame
    ledger: pd.DataFrame
    records: list[dict]
    metadata: tuple[str, ...] = ()
    config: Config = field(default_factory=Config)

    @classmethod
    def from_records(cls, cleaned: list[dict], segmented: list[dict], ledger: list[dict],
                     config: Config) -> Corpus:
        """Build from the clean documents, the segmented kept ones and the ledger rows."""
        meta_names: list[str] = list(SOURCE_COLUMNS)
        for d in cleaned:
            for key in d.get("meta") or {}:
                if key not in meta_names and key not in LEAD_COLUMNS + DATE_COLUMNS + STATUS_COLUMNS:
                    meta_names.append(key)
        rows = []
        for d in cleaned:
            extra = d.get("meta") or {}
            rows.append({"doc_id": d["doc_id"], "title": d.get("title") or "", "date": d.get("date") or None,
                         "year": d.get("year"),
                         "display_name": d.get("display_name") or d.get("title") or d["doc_id"],
                         "date_inferred": d.get("date_inferred"), "date_error": d.get("date_error") or "",
                         **{m: extra[m] if m in extra else d.get(m) for m in meta_names},
                         "status": d.get("status", "kept"), "reason": d.get("reason", "")})
        columns = [*LEAD_COLUMNS, *DATE_COLUMNS, *meta_names, *STATUS_COLUMNS]
        documents = pd.DataFrame(rows, columns=columns)
        documents["year"] = pd.to_numeric(documents["year"], errors="coerce").astype("Int64")
        for m in meta_names:  # a CSV cell is text: a column of numbers only (a month index) is numeric
            if m not in SOURCE_COLUMNS and m != "source_id":  # an id stays as written ("7", "007")
                documents[m] = numeric_column(documents[m])
        ledger_df = pd.DataFrame(ledger, columns=["source", "doc_id", "stage", "status", "reason", "input",
                                                  "date_error"]).astype({"input": object, "date_error": object})
        ledger_df = ledger_df.fillna({"input": "", "date_error": ""})
        return cls(documents, ledger_df, list(segmented), tuple(meta_names), config)

    def to_frame(self) -> pd.DataFrame:
        """A copy of :attr:`documents`."""
        return self.documents.copy()

    @property
    def kept(self) -> pd.DataFrame:
        """The rows of :attr:`documents` whose status is ``kept``."""
        return self.documents[self.documents["status"] == "kept"].reset_index(drop=True)

    @property
    def tokens(self) -> list[list[str]]:
        """Substantive tokens of each kept document, in :attr:`records` order."""
        return [list(r.get("tokens", [])) for r in self.records]

    def __len__(self) -> int:
        return len(self.records)

    def __repr__(self) -> str:
        counts = self.documents["status"].value_counts().to_dict()
        return f"Corpus({len(self.records)} kept documents; {counts}; metadata {list(self.metadata)})"


def dataframe_records(df: pd.DataFrame, text: str, title: str | None, date: str | None,
                      meta: Sequence[str], id: str | None = None, name: str = "dataframe") -> list[dict]:
    """Raw records (as ingest makes them) from the rows of a DataFrame; missing columns are errors."""
    check_named(df.columns, [("column", f) for f in (text, title, date, id, *meta)])
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
        content = "\x1f".join("" if not c or _missing(row[c]) else str(plain_value(row[c])) for c in (title, date, text))
        seen[content] = seen.get(content, 0) + 1
        m: dict[str, Any] = {"genre": "", "collection": name}
        if title and pd.notna(row[title]) and str(row[title]).strip():
            m["title"] = str(row[title])
        if date and pd.notna(row[date]) and str(row[date]).strip():
            m["date"] = str(plain_value(row[date]))
        for key in meta:
            value = row[key]
            m[key] = None if _missing(value) else value
        value = row[text]
        records.append({"doc_id": ids[i] if ids else make_doc_id(f"{name}#{seen[content]}\x1f{content}"), "source": source,
                        "text": "" if value is None or (isinstance(value, float) and pd.isna(value)) else text_of(value),
                        "encoding": "utf-8", "format": "dataframe", "meta": m})
    return records


def _missing(value: Any) -> bool:
    """Whether a cell is empty (None, NaN, NaT, pd.NA); a list or other object is not."""
    return value is None or (not isinstance(value, (list, tuple, dict)) and bool(pd.isna(value)))


def numeric_column(col: pd.Series) -> pd.Series:
    """``col`` as numbers when every filled cell is a number written as text (``"12"``, ``"3.5"``):
    integers as ``Int64``, others as floats; any other column as it is (a code such as ``"007"`` too,
    whose leading zero a number would lose).

    Examples
    --------
    >>> numeric_column(pd.Series(["1", "12", None])).tolist(), numeric_column(pd.Series(["007", "12"])).tolist()
    ([1, 12, <NA>], ['007', '12'])
    """
    if col.dtype != object and not pd.api.types.is_string_dtype(col):
        return col
    filled = col.dropna()
    text = filled.map(lambda v: v.strip() if isinstance(v, str) else None)
    if filled.empty or text.isna().any() or not text.str.fullmatch(r"-?(?:0|[1-9]\d*)(?:\.\d+)?").all():
        return col
    values = pd.to_numeric(text).reindex(col.index)  # the empty cells as NaN
    return values.astype("Int64") if text.str.fullmatch(r"-?\d+").all() else values


def read_corpus(source: str | Path | Sequence[str | Path] | pd.DataFrame, *, text: str | None = None,
                title: str | None = None, date: str | None = None, meta: Sequence[str] = (),
                id: str | None = None, date_format: str | None = None, sheet: str | None = None,
                config: Config | str | Path | None = None) -> Corpus:
    """Read, clean and segment a corpus of speeches.

    Parameters
    ----------
    source : path, list of paths, or pandas.DataFrame
        A file (txt, md, html, json, jsonl, csv) or folder of them, several such paths, or a
        DataFrame with one speech per row.
    text, title, date : str, optional
        The text, title and date fields of table-like inputs (default ``text``, ``title``, ``date``).
        For a DataFrame, a column that does not exist is an error naming the columns it has.
    meta : sequence of str
        Metadata fields to carry onto every document (e.g. ``["level", "speaker"]``).
    id : str, optional
        A column of unique document ids: of a DataFrame, used as ``doc_id``; of table-like files, kept
        as the metadata field ``source_id`` (``doc_id`` stays the id of where the row was found, unique
        across files). A name that does not exist is an error.
    sheet : str, optional
        The one sheet of an Excel or ODS workbook to read (default: every sheet; a name the workbook
        does not have is an error naming the sheets it has).
    date_format : {"mdy", "dmy"}, optional
        How a given date written ``3/5/2020`` is read (default ``clean.date_format``: month first).
    config : Config or path, optional
        Settings for clean and segment (default: the built-in defaults; the seed is ``config.seed``).

    Returns
    -------
    Corpus

    Examples
    --------
    >>> import pandas as pd
    >>> import speechtopics as st
    >>> df = pd.DataFrame({"text": ["同志们：今天召开全县经济工作会议，部署招商引资和项目建设。" * 5],
    ...                    "level": ["county"]})
    >>> corpus = st.read_corpus(df, meta=["level"])
    >>> corpus.documents[["status", "level"]].values.tolist()
    [['kept', 'county']]
    """
    cfg = config if isinstance(config, Config) else (load_config(config) if config else Config())
    if date_format is not None:
        if date_format not in ("mdy", "dmy"):
            raise ValueError(f"date_format must be 'mdy' or 'dmy' (got {date_format!r})")
        cfg = dataclasses.replace(cfg, clean=dataclasses.replace(cfg.clean, date_format=date_format))
    # meta="speaker" is one field, not seven letters; names as text (a header=None frame's are 0, 1, 2 …)
    meta = [str(m) for m in ([meta] if isinstance(meta, (str, int)) else meta)]
    if isinstance(source, pd.DataFrame):
        source = source.rename(columns=str)
        text, title, date, id = (None if v is None else str(v) for v in (text, title, date, id))
        records = dataframe_records(source, text or "text",
                                    title if title is not None else default_field(source.columns, "title"),
                                    date if date is not None else default_field(source.columns, "date"),
                                    tuple(meta), id)
        ingest_ledger: list[dict] = []
    else:
        if isinstance(source, (dict, bytes)) or not isinstance(source, (str, Path, list, tuple)):
            raise TypeError(f"read_corpus reads a path, a list of paths or a DataFrame, not "
                            f"{type(source).__name__}: for records held in Python pass pd.DataFrame(...) first")
        paths_ = [source] if isinstance(source, (str, Path)) else list(source)
        for p in paths_:
            texts = isinstance(p, str) and ("\n" in p or len(p) > 50 and not re.search(r"[/\\.]", p))
            if not isinstance(p, (str, Path)) or texts or not Path(p).exists():
                raise FileNotFoundError(f"{str(p)[:60]}: no such file or folder" + (
                    " (texts held in Python: pass pd.DataFrame({'text': texts}))" if texts else ""))
        sources = tuple(InputSource(path=str(Path(p).resolve()), name=Path(p).stem, text_field=text or "text",
                                    title_field=title, date_field=date, id_field=id, sheet=sheet,
                                    meta_fields=tuple(meta)) for p in paths_)
        # sources and ids relative to the folder that holds the inputs, so the same files read from another
        # folder or working directory (a referee's copy) get the same ids
        base = Path(os.path.commonpath([str(Path(s.path).parent) for s in sources]))
        records, ingest_ledger = read_sources(sources, base=base)
        if id and (message := repeated_ids(records, id)):
            warnings.warn(message, UserWarning, stacklevel=2)
    cleaned = stages.clean_records(records, cfg.clean, cfg.seed)
    kept = [d for d in cleaned if d.get("status") == "kept"]
    inferred = sum(1 for d in kept if d.get("date_inferred"))
    if inferred and any(d.get("date_inferred") is False for d in kept):  # some dates given, some read
        warnings.warn(f"{inferred} of {len(kept)} documents have no given date and were dated from their "
                      "text (column date_inferred); leave them out of a date analysis if that is not wanted",
                      UserWarning, stacklevel=2)
    segmented = stages.segment_documents(kept, dataclasses.replace(cfg.segment, cache=False))
    ledger = stages.document_ledger(ingest_ledger, cleaned)
    for line in stages.input_warnings(ledger, cfg.ingest.max_left_out):  # as `speechtopics run` says it
        warnings.warn(line.replace("input '?'", "the input") + " (corpus.ledger says why for each)", UserWarning,
                      stacklevel=2)
    return Corpus.from_records(cleaned, segmented, ledger, cfg)
