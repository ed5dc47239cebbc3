"""The stages between raw records and a bag-of-words corpus, each once, for every entry point.

:func:`clean_records`, :func:`segment_documents` and :func:`build_corpus` are what
:class:`~speechtopics.project.Project`, :func:`~speechtopics.reading.read_corpus`, the CLI commands
and :class:`~speechtopics.topic_model.TopicModel` call; nothing else cleans, segments or builds units.
:func:`document_ledger` accounts for every input: a record that a stage leaves out becomes a ledger
row with its reason, never nothing.

Each stage takes an iterable of records and has a streaming form (:func:`iter_clean_records`,
:func:`iter_segmented`): segmentation streams them through Dask in chunks (``segment.workers``,
``segment.scheduler``); cleaning reads them twice, its corpus-wide steps being reductions (site line
counts for boilerplate, one MinHash LSH pass for near-duplicates); :func:`build_corpus` builds the units
and the dictionary in one pass and the bags-of-words in a second, writing the units as it goes.
"""

from __future__ import annotations

import re
from collections import Counter, deque
from collections.abc import Callable, Iterable
from itertools import chain, islice
from dataclasses import replace
from pathlib import Path
from typing import Any

from speechtopics.clean.stream import (  # noqa: F401  (the clean stage, re-exported for every entry point)
    CLEAN_META,
    clean_records,
    display_name,
    iter_clean_records,
    unique_display_names,
    unique_names,
)
from speechtopics.corpus import BowCorpus, CorpusConfig
from speechtopics.corpus_stream import build_corpus_parts
from speechtopics.records import skipped_file
from speechtopics.segment.options import SegmentConfig
from speechtopics.segment.run import segment_stream
from speechtopics.table_cells import no_value
from speechtopics.user_errors import OneLineError


class CorpusTooSmall(OneLineError, ValueError):
    """The corpus has too few documents or units for the requested model (raised before any fitting)."""


def check_cluster_k(k: int | None, n_speeches: int, rule: bool = False) -> None:
    """Refuse speech clusters the corpus cannot hold, before any fitting: ``k`` above the number of
    speeches, or (``rule``: when k is to be chosen) fewer than three speeches for the k rule, which
    tries k = 2 … n − 1."""
    if k is not None and k > n_speeches:
        raise CorpusTooSmall(f"cluster.k = {k}, but the corpus has {n_speeches} speeches: set a smaller k")
    if rule and k is None and n_speeches < 3:
        raise CorpusTooSmall(f"{n_speeches} speech{'es' if n_speeches != 1 else ''}: too few to cluster "
                             "(the k rule needs at least 3)")


#: Mean content words per unit below which a topic model has too little to go on (news titles: ~2).
MIN_MEAN_UNIT_TOKENS = 5


def short_units_warning(units, unit: str) -> None:
    """Warn when the units average fewer than :data:`MIN_MEAN_UNIT_TOKENS` content words: LDA's topics
    on headline-length texts are noise (a document-level model of co-occurrence needs words to co-occur)."""
    import warnings

    sizes = [len(u["tokens"]) for u in units]
    mean = sum(sizes) / len(sizes) if sizes else 0.0
    if sizes and mean < MIN_MEAN_UNIT_TOKENS:
        warnings.warn(f"the {len(sizes)} {unit} units hold {mean:.1f} content words on average: too few for LDA's "
                      "topics to mean much (headlines, one-line statements); consider unit='speech', longer "
                      "texts, or st.cluster(..., method='embedding')", UserWarning, stacklevel=3)


def many_topics_warning(units, k: int, what: str) -> None:
    """Warn when ``k`` topics outnumber the documents the ``units`` come from: the units (paragraphs,
    sections) allow the fit, but with more topics than speeches most topics are one speech's vocabulary,
    not a theme that speeches share."""
    import warnings

    n_docs = len({u["doc_id"] for u in units})
    if k > n_docs:
        warnings.warn(f"{what}: K={k} topics for {n_docs} documents ({len(units)} units): more topics than "
                      "documents, so most topics describe single documents; use a smaller K (select_k compares "
                      "several)", UserWarning, stacklevel=3)


def check_units(n_units: int, n_terms: int, k: int, what: str, ledger=None) -> None:
    """Refuse a model of ``k`` topics on ``n_units`` units and ``n_terms`` terms when it cannot be fitted;
    with no unit left, ``ledger`` (a callable returning the ledger rows) says why in the message."""
    if n_units == 0:
        rows = ledger() if ledger is not None else []
        left = Counter(reason_kind(r["reason"]) for r in rows if r["status"] != "kept")
        kept = sum(r["status"] == "kept" for r in rows)
        why = (f": {kept} of {len(rows)} input documents kept" + "".join(
            f"; {reason}: {n}" for reason, n in left.most_common(3))) if rows else ""
        raise CorpusTooSmall(f"{what}: no units left after cleaning, segmentation and the vocabulary filter"
                             f"{why} (the ledger names every document left out)")
    if n_units < k or n_terms < 2:
        raise CorpusTooSmall(f"{what}: {n_units} units with {n_terms} terms after the vocabulary filter: too "
                             f"few for K={k} (use a smaller K, a smaller unit such as paragraph, or more documents)")


def segment_documents(docs: Iterable[dict], cfg: SegmentConfig, cache_root: str | Path | None = None) -> list[dict]:
    """Kept documents with tokens per paragraph and per document, in input order.

    Runs :func:`speechtopics.segment.run.segment_stream`: in this process when ``cfg.workers == 1``,
    else on ``cfg.workers`` Dask processes or the cluster at ``cfg.scheduler``; the tokens are identical
    on every scheduler. ``cache_root`` is the paragraph-token cache folder (used when ``cfg.cache``).
    """
    return list(iter_segmented(docs, cfg, cache_root))


def iter_segmented(docs: Iterable[dict], cfg: SegmentConfig, cache_root: str | Path | None = None,
                   phrases=None):
    """:func:`segment_documents` as a stream: reads ``docs`` lazily and yields each segmented document as
    its chunk comes back, holding only the chunks in flight. Token strings are shared (one object per
    distinct word: :func:`speechtopics.segment.run.unpack_columns`) and text fields are the input
    document's own strings (:func:`share_text`). ``phrases``: the whole corpus's phrase table (:func:`corpus_phrases`) when
    ``docs`` is one partition of it and ``segment.phrases`` is on."""
    it = iter(docs)
    head = list(islice(it, cfg.chunk_size + 1))
    if len(head) <= cfg.chunk_size:  # one chunk: starting worker processes would cost more than it saves
        cfg = replace(cfg, workers=1)
    pending: deque[dict] = deque()

    def feed():
        for d in chain(head, it):
            pending.append(d)
            yield d
    table: dict[str, str] = {}  # one string per word, shared as the chunks are unpacked
    for d in segment_stream(feed(), cfg, cache_root=cache_root, phrases=phrases, table=table):
        yield share_text(d, pending.popleft())


def corpus_phrases(docs: Iterable[dict], cfg: SegmentConfig):
    """The phrase table of the whole corpus (a reduction of per-chunk counts, the same on any number of
    workers), or None when ``segment.phrases`` is off. Learned once, before the corpus is segmented in
    partitions, so that every partition joins the same phrases."""
    if not cfg.phrases:
        return None
    from speechtopics.segment.run import corpus_phrase_table

    it = iter(docs)
    chunks = list(iter(lambda: list(islice(it, cfg.chunk_size)), []))
    return corpus_phrase_table(chunks, cfg)


def share_text(doc: dict, src: dict) -> dict:
    """``doc`` (a segmented copy of ``src``, e.g. back from a worker process) with each text field that
    equals ``src``'s replaced by ``src``'s own string, so the corpus is held once, not twice. Changes
    ``doc`` in place and returns it; a document that is not ``src``'s copy is returned as it is."""
    if doc.get("doc_id") != src.get("doc_id"):
        return doc
    for key, value in doc.items():
        if isinstance(value, str) and value is not src.get(key) and value == src.get(key):
            doc[key] = src[key]
    paras, src_paras = doc.get("paragraphs") or [], src.get("paragraphs") or []
    if len(paras) == len(src_paras):
        for p, q in zip(paras, src_paras):
            for key in ("text", "section"):
                if isinstance(p.get(key), str) and p[key] == q.get(key):
                    p[key] = q[key]
    return doc


#: Fields of :func:`build_corpus`'s result stored as their own Parquet file when cached, with their
#: writer and reader (``Cache.cached_split``): the bag-of-words, for other tools to read.
CORPUS_TABLES = {"bow": (BowCorpus.write_parquet, BowCorpus.read_parquet)}


def build_corpus(segmented: Iterable[dict], cfg: CorpusConfig, out=None, *, spill: str | Path | None = None,
                 executor=None, in_flight: int = 8, memo=None) -> dict[str, Any]:
    """Units of analysis (``cfg.unit``), the filtered gensim Dictionary and each unit's bag-of-words.

    Units left with no token after the vocabulary filter are dropped (their documents then appear in
    :func:`document_ledger` as dropped at the ``corpus`` stage). Returns a dict with ``units``,
    ``bow`` (a :class:`~speechtopics.corpus.BowCorpus`: read like a list of ``doc2bow`` vectors),
    ``dictionary`` and ``doc_ids`` (the documents that have a unit, in order: what the ledger needs
    without reading the units back; the dictionary's ``num_pos`` counts the substantive tokens).

    Two passes over partitions (:mod:`speechtopics.corpus_stream`): the units and each partition's word
    counts, merged in order into one dictionary; then the bags-of-words. ``out()`` gives the writer of
    the kept units (``append``, ``close() -> sequence``; a list by default; the project passes a
    :class:`~speechtopics.partitions.PartWriter`), ``spill`` a folder for the units between the passes (None:
    in memory), ``executor`` the worker processes of the per-partition work; the result is the same.
    ``memo``: where the first pass's per-partition results are stored by content (the project's cache).
    """
    return build_corpus_parts(segmented, cfg, out, spill=spill, executor=executor, in_flight=in_flight, memo=memo)


def document_ledger(ingest_ledger: Iterable[dict], cleaned: Iterable[dict],
                    units: Iterable[dict] | None = None, doc_ids: Iterable[str] | None = None) -> list[dict]:
    """One row per input document or unreadable file: ``source, doc_id, stage, status, reason``.

    A kept document that leaves no unit in the corpus (every token filtered out; ``units``, or the
    ``doc_ids`` of the documents that have one) is reported as dropped at the ``corpus`` stage, so no
    document disappears without a reason. A kept document with neither a date nor a year (none given, none
    read from its text) is marked ``undated: True``: year figures and effects of time leave it out; one
    whose text the clean stage found cut (a page or spreadsheet cell) is marked ``truncated: True``.
    """
    rows = [dict(r) for r in ingest_ledger]
    in_corpus = {u["doc_id"] for u in units} if units is not None else None
    in_corpus = set(doc_ids) if doc_ids is not None else in_corpus
    for d in cleaned:
        row = {"source": d["source"], "doc_id": d["doc_id"], "stage": "clean",
               "status": d.get("status", "kept"), "reason": d.get("reason", ""), "input": d.get("input", "")}
        if d.get("date_error"):
            row["date_error"] = d["date_error"]
        if d.get("date_inferred"):
            row["date_inferred"] = True
        if d.get("date_conflict"):
            row["date_conflict"] = d["date_conflict"]
        if (d.get("meta") or {}).get("source_id") is not None:  # the table's own id of the row
            row["source_id"] = str(d["meta"]["source_id"])
        if row["status"] == "kept" and in_corpus is not None and d["doc_id"] not in in_corpus:
            row.update(stage="corpus", status="dropped",
                       reason="no tokens left after segmentation and vocabulary filtering")
        if row["status"] == "kept" and no_value(d.get("year")) and no_value(d.get("date")):
            row["undated"] = True
        if d.get("truncated") is True:
            row["truncated"] = True
        rows.append(row)
    return rows


def ledger_summary(rows: list[dict]) -> dict[str, Any]:
    """Counts of a ledger: ``documents``, ``status`` counts and the reasons for leaving documents out, and
    the kept documents whose date could not be read (``date_errors``), was read from the text
    (``dates_inferred``), conflicts with the page (``date_conflicts``) or is missing (``undated``), and
    the kept documents whose text was found cut (``truncated``)."""
    status = Counter(r["status"] for r in rows)
    reasons = reason_counts(r["reason"] for r in rows if r["status"] != "kept")
    out = {"documents": len(rows), "status": dict(status), "reasons": dict(reasons.most_common()),
           "date_errors": sum(1 for r in rows if r.get("date_error")),
           "dates_inferred": sum(1 for r in rows if r.get("date_inferred") and r["status"] == "kept"),
           "date_conflicts": sum(1 for r in rows if r.get("date_conflict") and r["status"] == "kept"),
           "undated": sum(1 for r in rows if r.get("undated") and r["status"] == "kept")}
    if cut := sum(1 for r in rows if r.get("truncated") and r["status"] == "kept"):
        out["truncated"] = cut
    ids = Counter((r.get("input"), r["source_id"]) for r in rows if r.get("source_id") is not None)
    if shared := sum(1 for n in ids.values() if n > 1):  # an id column giving one value to several rows
        out["repeated_ids"] = shared
    repeats = sum(1 for r in rows if r["status"] == "kept" and r["reason"].startswith("kept: "))
    if repeats:  # clean.duplicates: keep (the default)
        out["kept_duplicates"] = repeats
    return out


#: The document a reason points at (``near duplicate of 1a2b3c4d5e6f``).
_POINTS_AT = re.compile(r" of [0-9a-f]{12}$")


def reason_kind(reason: str) -> str:
    """A reason without the document it points at or its particulars, so that a summary counts kinds of
    reasons: ``near duplicate of 1a2b…`` -> ``near duplicate``, ``too short (7 < 50 characters)`` ->
    ``too short``, ``bad CSV row: 3 cells for 2 columns …`` -> ``bad CSV row``.

    Examples
    --------
    >>> [reason_kind(r) for r in ("too short (7 < 50 characters)", "cannot read pdf: EOF marker not found",
    ...                           "no text column 'text' (fields: Date, Text)")]
    ['too short', 'cannot read pdf', "no text column 'text'"]
    """
    kind = _POINTS_AT.sub("", reason)
    kind = re.sub(r"\s*\([^()]*\)$", "", kind)  # the particulars in brackets: counts, shares, the fields
    return re.sub(r"^(bad CSV row|bad JSON line|cannot read[^:]*|cannot open|cannot decode[^:]*): .*$", r"\1", kind)


def reason_counts(reasons: Iterable[str], kind: Callable[[str], str] = reason_kind) -> Counter:
    """Reasons counted by their kind (``kind``), each shown as its kind where its documents' reasons differ
    in their particulars (``too short (7 < 50 characters)``, ``too short (12 < 50 characters)`` ->
    ``too short``) and whole where they do not: a reason's brackets can hold advice, which a summary
    keeps (``unsupported file type .doc (save it as .docx)``, ``PDF has no text layer (a scan; OCR it
    first)``). The document a reason points at is left out either way.

    Examples
    --------
    >>> reason_counts(["too short (7 < 50 characters)", "too short (9 < 50 characters)",
    ...                "unsupported file type .doc (save it as .docx)"])
    Counter({'too short': 2, 'unsupported file type .doc (save it as .docx)': 1})
    """
    groups: dict[str, Counter] = {}
    for reason in reasons:
        groups.setdefault(kind(reason), Counter())[_POINTS_AT.sub("", reason)] += 1
    out: Counter = Counter()
    for name, whole in groups.items():
        out[next(iter(whole)) if len(whole) == 1 else name] += sum(whole.values())
    return out


#: The lines of :func:`summary_lines` for the counts of a ledger summary, in the order they are printed.
_SUMMARY_LINES = (
    ("date_errors", "dates: {n} given dates could not be read; those documents are kept without a date "
                    "(ledger column date_error)"),
    ("dates_inferred", "dates: {n} kept documents have no given date and were dated from their text (ledger "
                       "column date_inferred)"),
    ("date_conflicts", "dates: {n} kept documents have a given date two or more years from the date their page "
                       "states (ledger column date_conflict); check the dates you gave"),
    ("repeated_ids", "ids: {n} id value{s} given to several rows of one input (ledger column source_id); those "
                     "rows are all kept"),
    ("undated", "dates: {n} kept documents have no date; year figures and effects leave them out"),
    ("truncated", "truncated: {n} kept documents end where their page or cell was cut (column truncated)"),
    ("kept_duplicates", "duplicates: {n} kept documents repeat an earlier one (the ledger's reason names which; "
                        "clean.duplicates: drop leaves them out)"),
)


def summary_lines(summary: dict[str, Any]) -> list[str]:
    """The run summary a user reads: documents by status, then every reason for leaving documents out
    with its count and share of all input documents."""
    n = max(summary["documents"], 1)
    lines = [f"documents: {summary['documents']} read; " + ", ".join(f"{k} {v}" for k, v in summary["status"].items())]
    lines += [f"  {count:6d}  {count / n:6.1%}  {reason}" for reason, count in summary["reasons"].items()]
    for key, line in _SUMMARY_LINES:  # each count the summary has, in this order
        if count := summary.get(key):
            lines.append(line.format(n=count, s="s" if count > 1 else ""))
    return lines


#: The reason of a whole table file left out for want of its text column (``[file: ]no text column …``).
_NO_TEXT_FIELD = re.compile(r"(?:\S+: )?no (?:text )?(?:column|field) ")


def input_warnings(rows: list[dict], max_left_out: float) -> list[str]:
    """One warning per input whose documents the stages left out in a larger share than ``max_left_out``,
    naming the input, the share and the main reason. Files skipped as hidden or system files are not
    documents and do not count."""
    by_input: dict[str, list[dict]] = {}
    for r in rows:
        if r["status"] != "kept" and skipped_file(r.get("reason", "")):
            continue  # a hidden or system file (.DS_Store, Thumbs.db, ~$ lock files) is not a document
        by_input.setdefault(str(r.get("input") or "?"), []).append(r)
    out = []
    for name, group in by_input.items():
        left = [r for r in group if r["status"] != "kept"]
        for r in left:  # a table none of whose rows could be read is many documents, not one
            if "#" not in str(r["source"]) and _NO_TEXT_FIELD.match(str(r["reason"])):
                out.append(f"input {name!r}: the whole table {r['source']} was left out: {r['reason']}")
        if group and len(left) / len(group) > max_left_out:
            reason, count = Counter(reason_kind(r["reason"]) for r in left).most_common(1)[0]
            out.append(f"input {name!r}: {len(left)} of {len(group)} documents ({len(left) / len(group):.0%}) "
                       f"left out, most often: {reason} ({count})")
    return out


def id_warnings(rows: list[dict], inputs: Iterable) -> list[str]:
    """One warning per input (an :class:`~speechtopics.records.InputSource`) whose id column gives one
    value to several of its rows (the ledger's ``source_id``), naming the rows, as
    :func:`~speechtopics.reading.read_corpus` and ``speechtopics ingest`` warn
    (:func:`~speechtopics.ingest.repeated_ids`); the rows are all kept."""
    from speechtopics.ingest import repeated_ids

    out = []
    for src in inputs:
        label = src.name or src.path
        mine = [{"source": r["source"], "meta": {"source_id": r["source_id"]}} for r in rows
                if r.get("source_id") is not None and r.get("input") == label]
        if message := repeated_ids(mine, src.id_field):
            out.append(f"input {label!r}: {message}")
    return out
