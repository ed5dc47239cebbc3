"""``read_corpus`` and ``Corpus``: a researcher's documents, read, cleaned and segmented in one call.

:func:`read_corpus` takes a path (file or folder), a list of paths or a pandas DataFrame, runs the same
ingest, clean and segment stages as ``speechtopics run`` (:mod:`speechtopics.stages`) and returns a
:class:`Corpus`: the documents as a table, the ledger of every input row or file (kept, dropped or
duplicate, with the reason) and the tokens of the kept documents, ready for
:class:`~speechtopics.topic_model.TopicModel`.
"""

from __future__ import annotations

import dataclasses
import re
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from speechtopics import stages
from speechtopics.clean.dates import day_month_warning
from speechtopics.config import Config, load_config
from speechtopics.filewalk import inputs_folder
from speechtopics.frame_input import dataframe_records
from speechtopics.metadata_values import spelling_variants
from speechtopics.ingest import InputSource, read_sources, repeated_ids
from speechtopics.records import MISSING_TOKENS, date_choice, default_field, files_named_from, nothing_read
from speechtopics.column_types import numeric_column  # noqa: F401  (public here too: read_corpus types metadata with it)
from speechtopics.table_cells import no_value

#: Columns every ``Corpus.documents`` table starts with, and the two it ends with. ``display_name`` is
#: how figures and tables name the document (the title, else the file name stem, else date and opening
#: words); ``date_inferred`` says whether the date was read from the text (True) or given by the user or
#: a file name (False), None where the document has no date; ``date_error`` holds a given date that could not be read; ``date_conflict`` the
#: date the page itself states when a given date is two or more years from it.
LEAD_COLUMNS = ("doc_id", "title", "date", "year")
DATE_COLUMNS = ("display_name", "date_inferred", "date_error", "date_conflict")
STATUS_COLUMNS = ("status", "reason")
#: Columns after the date columns: ``truncated`` is True where the clean stage found the text cut (a page
#: that shows part of the text, a spreadsheet cell at its 32,767-character limit), else False.
CHECK_COLUMNS = ("truncated",)
#: Metadata every document carries: its input's name and genre (ingest), and the speaker's role, the
#: meeting type and the government level the clean stage reads from the text (None where it finds none).
SOURCE_COLUMNS = ("collection", "genre", "speaker_role", "meeting_type", "level")
#: Columns of the ledger (``source_id`` and the metadata columns follow).
LEDGER_COLUMNS = ("source", "doc_id", "stage", "status", "reason", "input", "date_error", "date_inferred",
                  "date_conflict")
#: A metadata field named like one of these library columns is kept as ``meta_<name>`` (``meta_status``).
RESERVED_COLUMNS = frozenset((*LEAD_COLUMNS, *DATE_COLUMNS, *STATUS_COLUMNS, *CHECK_COLUMNS))


@dataclass
class Corpus:
    """Documents read by :func:`read_corpus` (or :meth:`speechtopics.Project.read_corpus`).

    Attributes
    ----------
    documents : pandas.DataFrame
        One row per input document: ``doc_id, title, date, year`` (``date`` ISO text, missing where there is
        none), ``display_name`` (the title, else the file name stem, else date and opening words),
        ``date_inferred``, ``date_error`` and ``date_conflict``, ``truncated`` (True where the text is cut:
        a page showing part of it, a spreadsheet cell at its character limit), the metadata columns,
        ``status`` (``kept``, ``dropped``, ``duplicate``) and ``reason``. A metadata field named like one
        of these columns (:data:`RESERVED_COLUMNS`: a ``status`` or ``year`` of your own) is the column
        ``meta_<name>``.
    ledger : pandas.DataFrame
        One row per input file or row: ``source, doc_id, stage, status, reason, input, date_error,
        date_inferred, date_conflict``, then ``source_id`` (the ``id=`` column's value) and the metadata
        columns where the row reached the clean stage; files and rows that could not be read are here too.
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
                     config: Config, dtypes: Mapping[str, Any] | None = None) -> Corpus:
        """Build from the clean documents, the segmented kept ones and the ledger rows.

        A metadata column of text that holds numbers only becomes numeric (:func:`numeric_column`); one
        named in ``dtypes`` (the columns of a DataFrame the user typed) keeps that dtype instead.
        """
        extras = [{f"meta_{k}" if k in RESERVED_COLUMNS else k: v for k, v in (d.get("meta") or {}).items()}
                  for d in cleaned]  # a field named like a library column is kept under another name
        meta_names = list(dict.fromkeys([*SOURCE_COLUMNS, *(k for e in extras for k in e)]))
        rows = [{"doc_id": d["doc_id"], "title": d.get("title") or "", "date": d.get("date") or None,
                 "year": d.get("year"), "display_name": d.get("display_name") or d.get("title") or d["doc_id"],
                 "date_inferred": d.get("date_inferred"), "date_error": d.get("date_error") or "",
                 "date_conflict": d.get("date_conflict") or "",
                 "status": d.get("status", "kept"), "reason": d.get("reason", ""),
                 "truncated": d.get("truncated") is True} for d in cleaned]
        columns = [*LEAD_COLUMNS, *DATE_COLUMNS, *CHECK_COLUMNS, *meta_names, *STATUS_COLUMNS]
        documents = pd.DataFrame(rows, columns=columns)
        documents["year"] = pd.to_numeric(documents["year"], errors="coerce").astype("Int64")
        for m in meta_names:  # built as objects, so that an 18-digit id with a gap is never a float
            col = pd.Series([e[m] if m in e else d.get(m) for d, e in zip(cleaned, extras)], dtype=object)
            documents[m] = _typed_column(col, m, (dtypes or {}).get(m))
        ledger_df = pd.DataFrame(ledger, columns=list(LEDGER_COLUMNS)).astype(
            {"input": object, "date_error": object, "date_conflict": object})
        ledger_df = ledger_df.fillna({"input": "", "date_error": "", "date_conflict": ""})
        ledger_df["date_inferred"] = [r.get("date_inferred") is True for r in ledger]
        carried = sorted((m for m in meta_names if m not in SOURCE_COLUMNS), key=lambda m: m != "source_id")
        if carried and len(ledger_df):
            by_id = documents.drop_duplicates("doc_id").set_index("doc_id")[carried]
            named = {c: f"meta_{c}" for c in carried if c in LEDGER_COLUMNS}
            ledger_df = ledger_df.join(by_id.rename(columns=named), on="doc_id")  # a column "source": meta_source
            for c in carried:  # a row left out before cleaning: its own fields, as written
                col = named.get(c, c)
                given = pd.Series([(r.get("row_meta") or {}).get(c) for r in ledger], index=ledger_df.index,
                                  dtype=object)
                fill = ledger_df[col].isna() & given.notna()
                if fill.any():
                    ledger_df[col] = ledger_df[col].astype(object)
                    ledger_df.loc[fill, col] = given[fill]
        return cls(documents, ledger_df, list(segmented), tuple(meta_names), config)

    def to_frame(self) -> pd.DataFrame:
        """A copy of :attr:`documents`."""
        return self.documents.copy()

    def subset(self, keep: Any) -> Corpus:
        """The corpus of the documents ``keep`` selects (a mask over :attr:`documents`, a function of it, or
        doc_ids): :func:`speechtopics.corpus_tables.subset_corpus`."""
        from speechtopics.corpus_tables import subset_corpus
        return subset_corpus(self, keep)

    def with_metadata(self, table: Any, on: str, columns: Sequence[str] | None = None) -> Corpus:
        """The corpus with a table's columns joined to :attr:`documents` by its key column ``on`` (a doc_id, your
        id, a file name or a title): :func:`speechtopics.corpus_tables.join_metadata`."""
        from speechtopics.corpus_tables import join_metadata
        return join_metadata(self, table, on, columns)

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


def _typed_column(col: pd.Series, name: str, dtype: Any = None) -> pd.Series:
    """A metadata column of objects with its dtype: ``dtype`` when given (a DataFrame's own; ``object``
    keeps the values as they are), else numbers when it holds numbers only (:func:`numeric_column`; an
    id ``source_id`` and the library's columns stay as written), else what pandas infers."""
    if dtype is not None:
        if dtype == object:
            return col
        try:
            return col.astype(dtype)
        except (TypeError, ValueError):
            pass
    typed = col if name in SOURCE_COLUMNS or name == "source_id" else numeric_column(col)
    return col.infer_objects() if typed is col else typed


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
        For a DataFrame, a column that does not exist is an error naming the columns it has. A date
        cell in :data:`~speechtopics.records.MISSING_TOKENS` (``NA``, ``null``, ``-`` …) is no date, not a ``date_error``.
    meta : sequence of str
        Metadata fields to carry onto every document (e.g. ``["level", "speaker"]``). A file's column of
        numbers written as text becomes numeric only where every value reads back as written
        (:func:`numeric_column`; ``NA``, ``null``, ``-`` … are missing there); a DataFrame's column keeps
        its dtype. A field named like a column of :attr:`Corpus.documents` (``status``, ``year`` …) is
        kept as ``meta_<name>``, with a warning. A column ``level``, ``speaker_role`` or ``meeting_type``
        of the input is read as if named here: yours, not the clean stage's reading of the text; so is a
        column ``genre`` or ``collection``: yours, not the input's genre and name.
    id : str, optional
        A column of unique document ids: of a DataFrame, used as ``doc_id``; of table-like files, kept
        as the metadata field ``source_id`` (``doc_id`` stays the id of where the row was found, unique
        across files; without ``id``, a file's column ``doc_id``, else ``id``, is kept so; a value given
        to several rows is a warning naming them). A name that does not exist is an error.
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
        With no kept document when every row was left out by the clean stage (a warning says why).

    Raises
    ------
    ValueError
        When not one input row or file could be read (every file unsupported or unreadable, every row
        without text), naming the first three and why, as ``speechtopics ingest`` does when it exits 2;
        :class:`~speechtopics.records.FieldError` (a ValueError too) for a field an input does not have.

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
        if date is None and (note := date_choice(list(source.columns))):
            warnings.warn(f"the DataFrame: {note}", UserWarning, stacklevel=2)
        ingest_ledger: list[dict] = []
        dtypes: dict[str, Any] = {f"meta_{m}" if m in RESERVED_COLUMNS else m: source[m].dtype for m in meta}
        if "doc_id" in source.columns and id is None and "doc_id" not in meta:
            warnings.warn("the DataFrame's column 'doc_id' is not used as the ids (they follow each row's "
                          "content); pass id='doc_id' to use it", UserWarning, stacklevel=2)
    else:
        if isinstance(source, (dict, bytes)) or not isinstance(source, (str, Path, list, tuple)):
            raise TypeError(f"read_corpus reads a path, a list of paths or a DataFrame, not "
                            f"{type(source).__name__}: for records held in Python pass pd.DataFrame(...) first")
        paths_ = [source] if isinstance(source, (str, Path)) else list(source)
        if not paths_:
            raise ValueError("read_corpus: no input given (an empty list of paths; did a glob match no file?)")
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
        folder = inputs_folder(s.path for s in sources)
        with files_named_from(folder):
            records, ingest_ledger = read_sources(sources, base=folder)
        if failed := nothing_read(records, ingest_ledger):  # as `speechtopics ingest` and `clean` exit 2
            raise ValueError(f"{failed} (a corpus of no document)")
        if message := repeated_ids(records, id):
            warnings.warn(message, UserWarning, stacklevel=2)
        dtypes = {}
    for r in records:
        m = r.setdefault("meta", {})
        if isinstance(m.get("date"), str) and m["date"].strip() in MISSING_TOKENS:
            del m["date"]  # NA, null, - in a date column: no date given (not a date that cannot be read)
        if "year" in meta:
            m["meta_year"] = m.get("year")  # the clean stage reads year; the user's own values stay too
    if note := day_month_warning(((r["meta"].get("date"), r.get("date_format") or cfg.clean.date_format)
                                  for r in records)):  # 3/10/2013 read month first beside 18/1/2020
        warnings.warn(note, UserWarning, stacklevel=2)
    cleaned = stages.clean_records(records, cfg.clean, cfg.seed)
    kept = [d for d in cleaned if d.get("status") == "kept"]
    inferred = sum(1 for d in kept if d.get("date_inferred"))
    if inferred and any(d.get("date_inferred") is False for d in kept):  # some dates given, some read
        warnings.warn(f"{inferred} of {len(kept)} documents have no given date and were dated from their "
                      "text (column date_inferred); leave them out of a date analysis if that is not wanted",
                      UserWarning, stacklevel=2)
    # as the run summary counts them, less those whose given date could not be read (warned about below);
    # a corpus of no dates at all is no news
    undated = [d for d in kept if no_value(d.get("year")) and no_value(d.get("date")) and not d.get("date_error")]
    if undated and len(undated) < len(kept):
        warnings.warn(f"{len(undated)} of {len(kept)} documents have no date, given or in their text (first: "
                      f"{undated[0].get('display_name') or undated[0]['doc_id']!r}); year figures and effects of "
                      "time leave them out", UserWarning, stacklevel=2)
    if errors := [d for d in kept if d.get("date_error")]:  # as the run summary says it
        warnings.warn(f"{len(errors)} of {len(kept)} documents have a given date that could not be read "
                      f"({errors[0]['date_error']!r} of {errors[0]['doc_id']}); they are kept without a date "
                      "(column date_error)", UserWarning, stacklevel=2)
    if cut := sum(1 for d in kept if d.get("truncated") is True):
        warnings.warn(f"{cut} of {len(kept)} kept documents end where their page or spreadsheet cell was cut "
                      "(column truncated); their text is incomplete", UserWarning, stacklevel=2)
    segmented = stages.segment_documents(kept, dataclasses.replace(cfg.segment, cache=False))
    ledger = stages.document_ledger(ingest_ledger, cleaned)
    for line in stages.input_warnings(ledger, cfg.ingest.max_left_out):  # as `speechtopics run` says it
        warnings.warn(line.replace("input '?'", "the input") + " (corpus.ledger says why for each)", UserWarning,
                      stacklevel=2)
    corpus = Corpus.from_records(cleaned, segmented, ledger, cfg, dtypes)
    for m in meta:  # a named column with no value at all is a wrong column or an empty export, said now
        col = f"meta_{m}" if f"meta_{m}" in corpus.documents.columns else m
        if len(corpus.documents) and col in corpus.documents.columns and corpus.documents[col].map(no_value).all():
            warnings.warn(f"metadata {m!r} has no value in any of the {len(corpus.documents)} kept documents "
                          "(every cell blank): an analysis of it has no data; is it the column you meant?",
                          UserWarning, stacklevel=2)
        elif col in corpus.documents.columns and (groups := spelling_variants(corpus.documents[col])):
            shown = "; ".join(" / ".join(f"{v!r} ({n})" for v, n in g) for g in groups[:3])
            warnings.warn(f"metadata {m!r}: {len(groups)} value{'s' if len(groups) > 1 else ''} written more than "
                          f"one way (spaces, full-width forms or the dot in a name): {shown}"
                          f"{' …' if len(groups) > 3 else ''}; they are kept as written, so an effect or a "
                          "figure counts each spelling apart (write each one way in your table)", UserWarning, stacklevel=2)
    clashes = [m for m in meta if f"meta_{m}" in corpus.documents.columns and m in RESERVED_COLUMNS
               and not (m == "year" and _same_year(corpus.documents))]
    if clashes:
        warnings.warn(f"metadata {', '.join(clashes)}: named like columns of corpus.documents (the library's), "
                      f"so kept as {', '.join('meta_' + m for m in clashes)}"
                      + ("; pass id='doc_id' to use your ids as doc_id" if "doc_id" in clashes and isinstance(source, pd.DataFrame)
                         else "; a table's doc_id column is its source_id" if "doc_id" in clashes else ""),
                      UserWarning, stacklevel=2)
    return corpus


def _same_year(documents: pd.DataFrame) -> bool:
    """Whether a ``year`` metadata column (``meta_year``) gives each document the year it has."""
    given = pd.to_numeric(documents["meta_year"].astype("string").str.strip().str[:4], errors="coerce")
    both = given.notna() & documents["year"].notna()
    return bool((given[both] == documents["year"][both]).all())
