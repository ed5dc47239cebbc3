"""A :class:`~speechtopics.reading.Corpus` derived from another by table operations, without reading again.

This module owns two things a researcher does after :func:`~speechtopics.read_corpus`:

* :func:`subset_corpus`: the documents of one year, one speaker or any rows of ``corpus.documents``,
  as a corpus whose documents, records and ledger agree (for a model or clusters of that part alone);
* :func:`join_metadata`: covariates kept in a table of their own (a sheet of speakers, levels and
  tenures beside a folder of speeches) joined to the documents by a key column, which may hold the
  ``doc_id``, the user's own id (``source_id``) or the file name, with a warning for every document
  without a row and every row without a document, so nothing is lost or matched in silence.
"""

from __future__ import annotations

import dataclasses
import warnings
from collections.abc import Sequence
from pathlib import Path, PurePosixPath
from typing import Any

import numpy as np
import pandas as pd

from speechtopics.column_types import numeric_column
from speechtopics.metadata_sheet import read_table, table_key
from speechtopics.records import missing_field
from speechtopics.table_cells import no_value

__all__ = ["subset_corpus", "join_metadata", "document_keys"]


def subset_corpus(corpus: Any, keep: Any) -> Any:
    """The corpus of the documents ``keep`` selects.

    Parameters
    ----------
    corpus : Corpus
        The corpus to take documents from.
    keep : boolean Series or array, DataFrame, callable, or iterable of doc_id
        A mask over the rows of ``corpus.documents`` (``corpus.documents["year"] == 2015``), rows of that
        table (``docs[docs["year"] == 2015]``: their ``doc_id``), a function of that table returning either,
        or the ``doc_id`` values to keep.

    Returns
    -------
    Corpus
        The selected rows of ``documents`` (any status), the records of those kept, and the ledger rows
        of those documents; its metadata and config are the corpus's.

    Examples
    --------
    >>> import pandas as pd
    >>> import speechtopics as st
    >>> text = ("同志们：今天我们召开全县经济工作会议，总结过去一年的工作，部署今年的任务。过去一年，全县经济发展稳中向好，"
    ...         "招商引资和项目建设取得新成效，乡村振兴扎实推进，生态环境持续改善，民生保障不断加强。")
    >>> corpus = st.read_corpus(pd.DataFrame({"text": [text, text.replace("经济", "农业")],
    ...                                       "date": ["2019-05-01", "2020-05-01"]}))
    >>> part = corpus.subset(lambda docs: docs["year"] == 2020)
    >>> len(part), part.documents["date"].tolist()
    (1, ['2020-05-01'])
    """
    documents = corpus.documents
    mask = keep(documents) if callable(keep) else keep
    if isinstance(mask, pd.DataFrame):  # rows of corpus.documents (documents[documents["year"] == 2015])
        if "doc_id" not in mask.columns:
            raise ValueError("subset: a table of the documents to keep needs their doc_id column")
        mask = mask["doc_id"]
    if not isinstance(mask, str) and not np.iterable(mask):
        raise TypeError(f"subset: keep must be a mask over corpus.documents, a function of it, or doc_ids "
                        f"(got {type(mask).__name__} {mask!r})")
    if isinstance(mask, pd.Series) and pd.api.types.is_bool_dtype(mask.dtype):
        # a comparison with a missing value (a year of an undated document) selects nothing there
        chosen = documents[mask.reindex(documents.index).fillna(False).astype(bool).to_numpy()]
    elif not isinstance(mask, (str, pd.Series)) and np.asarray(mask).dtype == bool:
        if len(mask) != len(documents):
            raise ValueError(f"subset: a mask of {len(mask)} values for {len(documents)} documents")
        chosen = documents[np.asarray(mask)]
    else:
        ids = [str(i) for i in ([mask] if isinstance(mask, str) else mask)]
        unknown = sorted(set(ids) - set(documents["doc_id"].astype(str)))
        if unknown:
            raise ValueError(f"subset: {len(unknown)} doc_id not in the corpus (first: {unknown[0]!r})")
        chosen = documents[documents["doc_id"].astype(str).isin(set(ids))]
    ids = set(chosen["doc_id"])
    records = [r for r in corpus.records if r["doc_id"] in ids]
    ledger = corpus.ledger[corpus.ledger["doc_id"].isin(ids)].reset_index(drop=True)
    return dataclasses.replace(corpus, documents=chosen.reset_index(drop=True), ledger=ledger, records=records)


def document_keys(corpus: Any) -> dict[str, list[str | None]]:
    """Per way of naming a document, its name for each row of ``corpus.documents``: ``doc_id``,
    ``source_id`` (the user's id column, where the corpus has one), ``source`` (as ``corpus.ledger`` names
    the file: ``speeches/2013/1.txt``), ``path`` (the file's path inside the input: ``2013/1.txt``, a
    member's path inside an archive), ``file`` (the file's name) and ``stem`` (the file name without its
    suffix). A table's row (``speeches.csv#row7``) has no file name."""
    documents = corpus.documents
    keys: dict[str, list[str | None]] = {"doc_id": [str(i) for i in documents["doc_id"]]}
    if "source_id" in documents.columns:
        keys["source_id"] = [None if pd.isna(v) else str(v) for v in documents["source_id"]]
    first = corpus.ledger.drop_duplicates("doc_id").set_index("doc_id")["source"]
    sources = [first.get(i) for i in documents["doc_id"]]
    files = [s if isinstance(s, str) and "#" not in s else None for s in sources]
    keys["source"] = files
    keys["file"] = [None if s is None else PurePosixPath(s.split("!")[-1]).name for s in files]
    keys["stem"] = [None if f is None else PurePosixPath(f).stem for f in keys["file"]]
    keys["path"] = [None if s is None else s.split("!")[-1] if "!" in s else str(PurePosixPath(*PurePosixPath(s).parts[1:]))
                    if len(PurePosixPath(s).parts) > 1 else s for s in files]
    return keys


def joined_column(column: pd.Series, rows: Sequence[int | None], index: pd.Index) -> pd.Series:
    """The values of ``column`` at the positions ``rows`` (None: no row, a missing value), keeping its
    dtype (an integer or boolean column becomes its nullable kind, a category keeps its order), with text
    and numbers held as objects (a sheet read as text) typed as :func:`numeric_column` types them."""
    if column.dtype == object or pd.api.types.is_string_dtype(column.dtype):
        values = pd.Series([column.iloc[r] if r is not None else None for r in rows], dtype=object, index=index)
        typed = numeric_column(values)
        return values.infer_objects() if typed is values else typed
    if pd.api.types.is_bool_dtype(column.dtype) and not isinstance(column.dtype, pd.CategoricalDtype):
        column = column.astype("boolean")
    elif pd.api.types.is_integer_dtype(column.dtype):
        column = column.astype("Int64") if isinstance(column.dtype, np.dtype) else column
    taken = column.reset_index(drop=True).reindex([-1 if r is None else r for r in rows])
    return taken.set_axis(index)


def join_metadata(corpus: Any, table: str | Path | pd.DataFrame, on: str,
                  columns: Sequence[str] | None = None) -> Any:
    """The corpus with the columns of ``table`` joined to its documents by the key column ``on``.

    Parameters
    ----------
    corpus : Corpus
        The corpus.
    table : DataFrame or path
        One row per document: a DataFrame, or a CSV, TSV or Excel file (its first sheet).
    on : str
        The column of ``table`` that names each document: its ``doc_id``, the id column the corpus was
        read with (``source_id``), its ``source`` as ``corpus.ledger`` names it, its path inside the input
        (``2013/1.txt`` in a folder of year folders), its file name (``2020-01-18.txt``), file name
        without suffix, or its ``title`` as ``corpus.documents`` holds it. Which of these it holds is found
        from the values: the one that matches the most documents (on a tie, the first of this list). A whole number read as a float (``12.0``, a column with a gap) is the key ``12``; spaces
        around a key are not part of it; a row with no cell filled is passed over.
    columns : sequence of str, optional
        The columns to join (default: all but ``on``).

    Returns
    -------
    Corpus
        ``documents`` with the new columns (numbers written as text, or held as numbers in a sheet, become
        numbers, as ``read_corpus`` types metadata; a DataFrame's typed column keeps its dtype, a category
        its order, an integer or boolean column becoming its nullable kind), also listed in ``metadata``; records and ledger as they were. A kept document
        without a row has missing values (a warning counts them and names the first), and so does a row
        that matches no document (warned about too), so a covariate never goes missing in silence.

    Raises
    ------
    FieldError
        ``on`` or a column of ``columns`` is not in the table (naming those that are).
    ValueError
        A key names two rows, or one row names several documents (two files of one name in two folders:
        key them by path; one title of two documents: key them by doc_id); not one key names a document
        (a column of another corpus's ids, or of values that are no key); a column of the table is a library column of ``corpus.documents`` (``year``,
        ``title`` …; a metadata column such as ``level`` is replaced, with a warning).

    Examples
    --------
    >>> import pandas as pd
    >>> import speechtopics as st
    >>> text = ("同志们：今天我们召开全县经济工作会议，总结过去一年的工作，部署今年的任务。过去一年，全县经济发展稳中向好，"
    ...         "招商引资和项目建设取得新成效，乡村振兴扎实推进，生态环境持续改善，民生保障不断加强。")
    >>> corpus = st.read_corpus(pd.DataFrame({"id": ["a1", "a2"], "text": [text, text.replace("经济", "农业")]}),
    ...                         id="id")
    >>> sheet = pd.DataFrame({"编号": ["a2", "a1"], "级别": ["县级", "市级"], "任期": ["3", "5"]})
    >>> corpus.with_metadata(sheet, on="编号").documents[["级别", "任期"]].values.tolist()
    [['市级', 5], ['县级', 3]]
    """
    frame, name = read_table(table)
    cols = [str(c) for c in frame.columns]
    frame.columns = cols
    if on not in cols:
        raise missing_field(on, cols, "key column", name)
    wanted = [c for c in cols if c != on] if columns is None else list(columns)
    for c in wanted:
        if c not in cols:
            raise missing_field(c, cols, "column", name)
    taken = [c for c in wanted if c in corpus.documents.columns and c not in corpus.metadata]
    if taken:
        raise ValueError(f"{name}: column {taken[0]!r} is already a column of corpus.documents (rename it, or "
                         "leave it out with columns=)")
    if replaced := [c for c in wanted if c in corpus.metadata]:  # level, genre … read from the texts, or your own
        warnings.warn(f"{name}: column{'s' * (len(replaced) > 1)} {', '.join(map(repr, replaced))} replace"
                      f"{'s' * (len(replaced) == 1)} the corpus's metadata of that name (the clean stage's reading "
                      "of the texts, or an earlier column)", UserWarning, stacklevel=3)
    given = [table_key(v) for v in frame[on]]
    # a row with no cell filled (an export's trailing ",,") holds nothing to join or to lose
    blank = frame.map(lambda v: no_value(v) or (isinstance(v, str) and not v.strip())).all(axis=1).to_numpy()
    seen: dict[str, int] = {}
    for i, key in enumerate(given):
        if key is not None and key in seen:
            raise ValueError(f"{name}: the key {key!r} of column {on!r} is on rows {seen[key] + 2} and {i + 2}: "
                             "which row is the document's?")
        if key is not None:
            seen[key] = i
    keys = document_keys(corpus)
    # the documents' titles last: an id or a file's name wins a tie (a title that is also a file stem)
    keys["title"] = [table_key(v) for v in corpus.documents["title"]]
    kind = max(keys, key=lambda k: sum(1 for v in keys[k] if v is not None and v in seen))
    if seen and len(corpus.documents) and not any(v in seen for v in keys[kind] if v is not None):
        raise ValueError(f"{name}: no value of column {on!r} names a document of the corpus (first: "
                         f"{next(iter(seen))!r}); a key is a doc_id, the id column read with id=, a file's "
                         "source, path, name or name without suffix, or a title, as corpus.documents and "
                         "corpus.ledger show them")
    rows = [seen.get(v) if v is not None else None for v in keys[kind]]
    named: dict[int, list[int]] = {}
    for d, r in enumerate(rows):
        if r is not None:
            named.setdefault(r, []).append(d)
    if shared := next((docs for docs in named.values() if len(docs) > 1), None):
        where = ", ".join(str(keys["source"][d] or keys["doc_id"][d]) for d in shared[:3])
        way = (f"their path inside the input ({keys['path'][shared[0]]!r} …)" if kind in ("file", "stem")
               else "their doc_id (corpus.documents has it beside each title)" if kind == "title"
               else "their doc_id")
        raise ValueError(f"{name}: the key {keys[kind][shared[0]]!r} of column {on!r} (read as {kind}) names "
                         f"{len(shared)} documents ({where}{' …' if len(shared) > 3 else ''}): key them by {way}")
    documents = corpus.documents.copy()
    for c in wanted:
        documents[c] = joined_column(frame[c], rows, documents.index)
    kept = documents["status"] == "kept"
    lacking = [i for i, r in enumerate(rows) if r is None and kept.iloc[i]]
    if lacking:
        warnings.warn(f"{name}: {len(lacking)} of {int(kept.sum())} kept documents have no row (column {on!r} "
                      f"read as {kind}; first: {documents['display_name'].iloc[lacking[0]]!r}): their "
                      f"{', '.join(wanted[:3])}{' …' if len(wanted) > 3 else ''} are missing", UserWarning,
                      stacklevel=3)
    matched = {r for r in rows if r is not None}
    if unmatched := [given[i] if given[i] is not None else f"row {i + 2}, no key"
                     for i in range(len(given)) if i not in matched and not blank[i]]:
        warnings.warn(f"{name}: {len(unmatched)} of {int((~blank).sum())} rows match no document (column {on!r} read as "
                      f"{kind}; first: {unmatched[0]!r})", UserWarning, stacklevel=3)
    return dataclasses.replace(corpus, documents=documents,
                               metadata=tuple(dict.fromkeys([*corpus.metadata, *wanted])))

