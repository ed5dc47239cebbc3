"""The clean stage over a whole corpus: two streaming passes, per-document work on worker processes.

This module owns how a corpus of raw records becomes clean documents in order: the first pass
prepares every record (:func:`~speechtopics.clean.document.prepare`) and counts each site's lines (site
boilerplate is a reduction over those counts); the second finishes every document
(:func:`~speechtopics.clean.document.finish`), carries the ingest metadata onto it and fingerprints its
text for duplicate detection, then offers it to the one corpus-wide :class:`DuplicateIndex` in order of
date (:func:`~speechtopics.clean.dedup.first_publication_order`). The per-document steps of both
passes run in chunks on an executor when one is given (the segment stage's process pool, a Dask
cluster's client: :func:`speechtopics.parallel.ordered_map`), so the documents, their statuses and the
display names are the same on any number of workers.
"""

from __future__ import annotations

import itertools
import re
import shutil
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from speechtopics.addressing import MISSING, ChunkMemo, content_chunks, content_digest
from speechtopics.partitions import load_items, spill_folder, store_items, write_part
from speechtopics.clean.dates import parse_date
from speechtopics.clean.boilerplate import SiteLineCounts, eligible_lines, site_key
from speechtopics.clean.dedup import DuplicateIndex, fingerprint, first_publication_order
from speechtopics.clean.document import finish, headlines, prepare
from speechtopics.clean.options import CleanConfig
from speechtopics.gcpause import without_gc
from speechtopics.records import READ_FROM_TEXT
from speechtopics.parallel import Ready, is_cluster, ordered_map

__all__ = ["CLEAN_META", "display_name", "unique_names", "unique_display_names", "copies_named_as_originals",
           "clean_records",
           "iter_clean_records", "carry_meta", "lines_held"]

#: Ingest metadata the clean stage reads itself; any other field is the user's and rides along in ``meta``.
CLEAN_META = frozenset({"title", "date", "year", "genre", "collection", "site", "input", "file_title"})

#: A short opening such as 同志们： or 本期节目主要内容：, skipped when a name is taken from the text.
# the opening address before the first words: short (同志们：) or a list of those addressed, up to 40
# characters (女士们，先生们，同志们： 尊敬的萨勒曼国王，各位同事：)
_OPENING = re.compile(r"^[\s\u3000]*(?:(?:[^：:。！？\n]{1,10}|[^：:。！？\n]{0,80}(?:们|先生|女士|阁下|同事|来宾|嘉宾|朋友|各位)"
                      r"[^：:。！？\n]{0,8})[：:]|[^：:。！？\n]{0,12}(?:你们好|大家好|您好)[！!，,。])[\s\u3000]*")

#: Most documents per task sent to a worker (chunks are cut by content: about half that on average).
CHUNK = 64


def display_name(doc: dict, n_chars: int = 12) -> str:
    """A name a reader recognises: the title, else the file name stem, else date + opening words.

    Parameters
    ----------
    doc : dict
        A clean document (``title``, ``source``, ``date``, ``text`` or ``paragraphs``).
    n_chars : int
        Characters of text in the last fallback (after a short salutation such as 同志们：).

    Returns
    -------
    str
        ``title``; for a document read from a file of its own, the file name stem; otherwise
        ``"<date> <first n_chars characters>…"`` (a table row without a title column).

    Examples
    --------
    >>> display_name({"title": None, "source": "t.csv#row2", "date": "2020-05-19",
    ...               "text": "同志们：今天我们召开全国抗击新冠肺炎疫情表彰大会"})
    '2020-05-19 今天我们召开全国抗击新冠…'
    >>> display_name({"source": "t.csv#row3", "date": "2020-09-22", "text": "尊敬的沃尔坎·博兹克主席，"
    ...               "各位国家元首、政府首脑，各位代表：值此联合国成立75周年之际"})
    '2020-09-22 值此联合国成立75周年之…'
    >>> display_name({"source": "t.csv#row4", "date": "2020-07-07", "text": "同学们：你们好！来信收到了，得知你们"})
    '2020-07-07 来信收到了，得知你们'
    """
    title = " ".join(str(doc.get("title") or "").split())
    if title:
        return title
    source = str(doc.get("source") or "")
    if source and "#" not in source:
        return Path(source).stem
    text = doc.get("text") or "".join(p.get("text", "") for p in doc.get("paragraphs") or [])
    text = str(text)
    for _ in range(2):  # an address, then a greeting after it (同学们：你们好！)
        text = _OPENING.sub("", text, count=1)
    text = "".join(text.split())
    head = text[:n_chars] + ("…" if len(text) > n_chars else "")
    return " ".join(x for x in (str(doc.get("date") or ""), head) if x) or str(doc.get("doc_id", ""))


def unique_display_names(docs: list[dict]) -> list[str]:
    """:func:`display_name` of every document; a name two documents share gets the date, then the id."""
    return unique_names([display_name(d) for d in docs], docs)


def unique_names(names: list[str], docs: list[dict]) -> list[str]:
    """``names`` (one per document of ``docs``, which need only ``date`` and ``doc_id``) made unique: a
    name two documents share gets the date, then the id; not a date the name already states, in any
    writing (a title's ``（2020年10月23日）`` is the date 2020-10-23).

    Examples
    --------
    >>> unique_names(["讲话（2020年10月23日）"] * 3, [{"date": "2020-10-23", "doc_id": "a"},
    ...              {"date": "2020-10-24", "doc_id": "b"}, {"date": "2020-10-23", "doc_id": "c"}])
    ['讲话（2020年10月23日）（a）', '讲话（2020年10月23日）（2020-10-24）', '讲话（2020年10月23日）（c）']
    """
    for extra in ("date", "doc_id"):
        counts = Counter(names)
        names = [f"{n}（{d.get(extra)}）" if counts[n] > 1 and d.get(extra) and not _states(n, d.get(extra))
                 else n for n, d in zip(names, docs)]
    return names


def _states(name: str, value) -> bool:
    """Whether ``name`` already holds ``value`` (an id as written, a date as written or in another form)."""
    return str(value) in name or parse_date(name) == str(value)


def copies_named_as_originals(names: list[str], docs: list[dict], reasons: dict[int, str]) -> list[str]:
    """``names`` where of a copy and the document it repeats (``reasons[i]``: ``… of <doc_id>``), the
    one with no title of its own (named by its opening words, ending in …) takes the other's name, so
    that a reader sees one speech twice; :func:`unique_names` then tells the two apart by their dates."""
    at = {d["doc_id"]: i for i, d in enumerate(docs)}
    out = list(names)
    for i, reason in reasons.items():
        j = at.get(reason.rsplit(" of ", 1)[-1]) if " of " in reason else None
        if j is None or out[i].endswith("…") == out[j].endswith("…"):
            continue
        if out[i].endswith("…"):
            out[i] = out[j]
        else:
            out[j] = out[i]
    return out


def clean_records(records: Iterable[dict], cfg: CleanConfig, seed: int, executor=None) -> list[dict]:
    """Every raw record as a clean document (``kept``, ``dropped`` or ``duplicate`` with a reason).

    Every document gets a ``display_name`` (:func:`display_name`, unique among the documents) for
    figures, tables and the offline pages.

    The ingest metadata (collection, genre, year) is carried onto the document, and the user's own
    metadata fields (``level``, ``speaker`` ...) onto its ``meta``; a document without a year takes the
    year of its date. The user's date (ingest's ``meta["date"]``) is the document's date whenever it
    parses; a date read from the text is used only when none was given, and marked ``date_inferred``;
    a given date that does not parse is kept in ``date_error`` (see
    :func:`speechtopics.clean.document.finish`). ``seed`` drives the MinHash permutations of
    near-duplicate detection, so every entry point that passes the run seed gives the same statuses;
    ``cfg.duplicates`` drops a duplicate or keeps it with a note. ``cfg.date_format`` (``"mdy"`` or
    ``"dmy"``) reads a given ``3/5/2020``; ``cfg.run_on_min_chars`` is the shortest line that makes a
    text run-on (one-line texts get their paragraphs back). ``executor``: see :func:`iter_clean_records`.

    Examples
    --------
    >>> from speechtopics.clean import CleanConfig
    >>> docs = clean_records([{"doc_id": "a", "source": "a.txt", "text": "同志们：" + "发展经济，改善民生。" * 10,
    ...                        "meta": {"collection": "demo", "year": 2021}}], CleanConfig(), seed=1)
    >>> docs[0]["status"], docs[0]["collection"], docs[0]["year"]
    ('kept', 'demo', 2021)
    """
    return list(iter_clean_records(records, cfg, seed, executor=executor))


@without_gc  # many acyclic objects (see speechtopics.gcpause)
def prepare_chunk(records: list[dict], cfg: CleanConfig, store: str | None = None) -> tuple[object, list]:
    """The first pass's work on one chunk of raw records (run in a worker): the prepared documents
    (written to the file ``store`` when given, and its path returned instead) and, per document, its
    id, site key and eligible boilerplate lines (what the corpus-wide line counts need)."""
    prepared = [prepare(r, cfg, cfg.run_on_min_chars) for r in records]
    pages = [(p.doc["doc_id"], site_key(p.doc), eligible_lines(p.lines, headlines(p.html_meta))) for p in prepared]
    return store_items(prepared, store), pages


@without_gc
def finish_chunk(prepared, cfg: CleanConfig, boilerplate: dict[str, frozenset[str]], metas: list[dict],
                 seed: int, store: str | None = None, raw: bool = False) -> tuple[object, list[tuple]]:
    """The second pass's work on one chunk (run in a worker): each finished document with its metadata
    (``prepared`` and the result may be files, as in :func:`prepare_chunk`), and per document what the
    corpus-wide steps need: ``(doc_id, status, date, display name, digest, MinHash values)``, the last two
    None unless the document is kept. ``raw``: ``prepared`` holds the raw records (a chunk whose first
    pass was stored), prepared here first."""
    items = load_items(prepared, remove=True)
    if raw:
        items = [prepare(r, cfg, cfg.run_on_min_chars) for r in items]
    docs, facts = [], []
    for p, meta in zip(items, metas, strict=True):
        d = finish(p, cfg, boilerplate.get(site_key(p.doc), frozenset()), cfg.date_format)
        carry_meta(d, meta)
        kept = d.get("status") == "kept"
        digest, hashvalues = (fingerprint(d["text"], cfg.shingle_size, cfg.minhash_permutations, seed) if kept
                              else (None, None))
        facts.append((d.get("doc_id"), d.get("status"), d.get("date"), display_name(d), digest, hashvalues))
        docs.append(d)
    return store_items(docs, store), facts


def iter_clean_records(records: Iterable[dict], cfg: CleanConfig, seed: int, spill: str | Path | None = None,
                       executor=None, in_flight: int = 8, memo: ChunkMemo | None = None):
    """:func:`clean_records` as a stream over ``records`` (read once), yielding the clean documents.

    The corpus-wide steps are reductions over per-document facts: site boilerplate from line counts per
    site (:class:`~speechtopics.clean.boilerplate.SiteLineCounts`), duplicates from one pass of MinHash
    LSH in order of date (the earliest copy is kept) over each kept document's digest and MinHash values
    (computed with the document), unique display names from each document's name, date and id.
    ``executor`` (a :class:`concurrent.futures.Executor` or a ``dask.distributed`` client) runs the
    per-document work of both passes in chunks of :data:`CHUNK` documents, ``in_flight`` chunks ahead; the
    output is the same on any executor. ``spill``: a folder (on a file system the workers share) in which
    a temporary folder keeps each chunk's prepared and finished documents between the passes (removed at
    the end), so neither pass holds the corpus nor sends its texts back to this process; None keeps them
    in memory, as does a cluster's client (:func:`~speechtopics.parallel.is_cluster`: its workers need not
    see this machine's files).

    Chunks are cut where the documents' ids say (:func:`~speechtopics.addressing.content_chunks`, at most
    :data:`CHUNK` documents each). With a ``memo`` (a :class:`~speechtopics.addressing.ChunkMemo` of this
    stage's code, settings and seed) each chunk's results are stored under its content: the first pass's
    line facts under the chunk's records, the finished documents and their facts under those and the
    site boilerplate lines the chunk holds (:func:`lines_held`). A run after documents were added computes
    only the chunks whose records changed, or that hold a line that joined or left its site's
    boilerplate; the reductions are done again from the stored facts, so the output is the same as a
    run from nothing.
    """
    folder = spill_folder(Path(spill)) if spill is not None and not is_cluster(executor) else None
    try:
        yield from _clean_stream(records, cfg, seed, folder, executor, in_flight, memo)
    finally:
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)


def _clean_stream(records: Iterable[dict], cfg: CleanConfig, seed: int, folder: Path | None, executor,
                  in_flight: int, memo: ChunkMemo | None):
    memo = memo if memo is not None else ChunkMemo(None, "")
    metas: dict[str, dict] = {}
    stores = (str(folder / f"clean-{i:06d}.pkl") if folder else None for i in itertools.count())
    first: list[tuple[str | None, bool]] = []  # per chunk: its address and whether it went to a task

    def raw_chunks():
        for chunk in content_chunks(records, CHUNK, key=_doc_key):
            for r in chunk:
                metas[r["doc_id"]] = r.get("meta", {})
            key = memo.key("prepare", content_digest(chunk)) if memo.enabled else None
            pages = memo.get(key) if memo.enabled else MISSING
            first.append((key, pages is MISSING))
            # a chunk prepared before: its line facts are stored; its raw records wait for the second pass
            yield (chunk, next(stores)) if pages is MISSING else Ready((store_items(chunk, next(stores)), pages))
    counts = SiteLineCounts()
    prepared: list = []  # per chunk: its prepared (or raw) documents or their file, and their ids and site keys
    for i, (stored, pages) in enumerate(ordered_map(_prepare_task, raw_chunks(), cfg, executor=executor,
                                                    in_flight=in_flight)):
        key, computed = first[i]
        if computed and key is not None:
            memo.put(key, pages)
        prepared.append((stored, [(doc_id, site) for doc_id, site, _ in pages]))
        for _, site, lines in pages:
            counts.add(site, lines)
    boilerplate = counts.boilerplate(cfg.boilerplate_min_docs, cfg.boilerplate_min_share)
    second: list[tuple[str | None, bool]] = []

    def tasks():
        for (stored, pages), (key, computed) in zip(prepared, first):
            held = memo.read(key) if key is not None else MISSING  # the first pass's facts, stored
            if held is not MISSING:  # the address names only the boilerplate lines the chunk holds
                lines = lines_held(boilerplate, held)
            else:
                sites = sorted({site for _, site in pages})
                lines = {k: boilerplate[k] for k in sites if k in boilerplate}
            done = memo.key("finish", key, lines) if key is not None else None
            facts = memo.get(done, ".docs.pkl") if done is not None else MISSING
            second.append((done, facts is MISSING))
            if facts is not MISSING:
                if isinstance(stored, str):  # this chunk's spill file is not needed
                    Path(stored).unlink(missing_ok=True)
                yield Ready((str(memo.path(done, ".docs.pkl")), facts))
                continue
            store = str(memo.path(done, ".docs.pkl")) if done is not None and folder else next(stores)
            yield stored, lines, [metas.get(doc_id, {}) for doc_id, _ in pages], store, not computed
    index = DuplicateIndex(cfg.near_duplicate_threshold, cfg.minhash_permutations, seed, cfg.duplicates)
    finished, names, keys, offers = [], [], [], []
    for i, (stored, facts) in enumerate(ordered_map(_finish_task, tasks(), cfg, seed, executor=executor,
                                                    in_flight=in_flight)):
        done, computed = second[i]
        if done is not None and computed:
            if not isinstance(stored, str):  # a cluster's worker sent the documents back
                stored = str(write_part(stored, memo.path(done, ".docs.pkl")))
            memo.put(done, facts)
        finished.append((stored, done is None))  # stored results are kept, spill files removed
        for doc_id, status, date, name, digest, hashvalues in facts:
            kept = status == "kept"
            offers.append(({"doc_id": doc_id, "status": status}, digest, hashvalues if kept else None))
            names.append(name)
            keys.append({"date": date, "doc_id": doc_id})
    verdicts = {}
    for j in first_publication_order([k["date"] for k in keys]):
        verdict = offers[j][0]
        index.offer(*offers[j])  # marks a duplicate in ``verdict``
        if "reason" in verdict:
            verdicts[j] = {"status": verdict["status"], "reason": verdict["reason"]}
    del prepared, index, metas, offers
    names = unique_names(copies_named_as_originals(names, keys, {j: v["reason"] for j, v in verdicts.items()}), keys)
    i = 0
    for stored, spilled in finished:
        for d in load_items(stored, remove=spilled):
            d.update(verdicts.get(i, {}))
            d["display_name"] = names[i]
            i += 1
            yield d


def lines_held(boilerplate: dict[str, frozenset[str]], pages: Iterable[tuple]) -> dict[str, frozenset[str]]:
    """The boilerplate lines of each site that the chunk's documents hold (``pages``: the first pass's
    ``(doc_id, site key, eligible lines)`` per document).

    A document's line is dropped as boilerplate only when it is in its site's set, and a set holds
    eligible lines only, so finishing the chunk with these lines gives the same documents as with the
    sites' whole sets; a chunk's stored result then changes only when a line it holds joins or leaves
    its site's boilerplate."""
    out: dict[str, frozenset[str]] = {}
    for _, site, doc_lines in pages:
        held = boilerplate.get(site, frozenset()).intersection(doc_lines)
        if held:
            out[site] = out.get(site, frozenset()) | held
    return out


def _doc_key(record: dict) -> str:
    return str(record.get("doc_id"))


def _prepare_task(task: tuple, cfg: CleanConfig) -> tuple:
    chunk, store = task
    return prepare_chunk(chunk, cfg, store)


def _finish_task(task: tuple, cfg: CleanConfig, seed: int) -> tuple:
    stored, boilerplate, metas, store, raw = task
    return finish_chunk(stored, cfg, boilerplate, metas, seed, store, raw)


def carry_meta(d: dict, m: dict) -> None:
    """The ingest metadata onto a clean document (see :func:`clean_records`)."""
    d.pop("raw", None)
    d.setdefault("collection", m.get("collection", ""))
    d.setdefault("genre", m.get("genre", ""))
    d.setdefault("input", m.get("input", m.get("collection", "")))
    if d.get("year") in (None, "") and m.get("year") not in (None, "") and not d.get("date_error"):
        d["year"] = int(m["year"])  # a year the finish step did not reject (a dropped record has none)
    if d.get("year") in (None, "") and d.get("date"):
        d["year"] = int(str(d["date"])[:4])
    extra = {k: v for k, v in m.items() if k not in CLEAN_META}
    if extra:
        d["meta"] = extra
    for key in READ_FROM_TEXT:  # the table's own level (speaker_role, meeting_type) column over the text's reading
        if extra.get(key) is not None:
            d[key] = extra[key]
