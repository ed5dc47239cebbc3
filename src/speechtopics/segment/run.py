"""Parallel, cached, streaming segmentation of clean records (the stage's execution layer).

This module owns *how* segmentation runs. Records are read lazily, grouped into chunks of
``cfg.chunk_size`` documents, and each chunk is one task (:func:`segment_chunk`) that segments its
paragraphs or reads them from the parquet cache. Only ``cfg.workers * cfg.max_in_flight`` chunks are in
flight at a time (three such windows with the processes scheduler: two computed while this process
attaches the tokens of the one before) and results are yielded in input order, so memory stays flat however
long the corpus. An optional ``prepare`` function (e.g. the clean stage's) runs on each record inside the
task, before segmenting.

Schedulers (``cfg.scheduler``): ``None``/``"processes"`` - a Dask computation on the processes scheduler
with a pool of ``cfg.workers`` warm processes, kept and reused by later calls in this process; ``"local"`` -
a ``distributed.LocalCluster``; an address (``tcp://host:8786``) - an existing Dask cluster; ``"synchronous"``
or ``workers == 1`` - in this process.
Every path calls the same :func:`segment_chunk`, so the tokens are identical.
"""

from __future__ import annotations

import array
import atexit
import collections
import contextlib
import itertools
import logging
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import dask
import dask.multiprocessing  # the processes scheduler, loaded with this module rather than in the first run
import numpy as np

from speechtopics import paths
from speechtopics.parallel import chunked, cluster_client
from speechtopics.partitions import release_memory
from speechtopics.gcpause import gc_paused, without_gc
from speechtopics.segment.cache import chunk_path, read_chunk, text_key, write_chunk
from speechtopics.segment.chain import LayerColumns, get_chain, start_worker
from speechtopics.segment.core import attach_columns, paragraph_texts, phrase_table
from speechtopics.segment.options import SegmentConfig
from speechtopics.segment.phrases import PhraseCounts, PhraseTable

__all__ = ["chunk_columns", "segment_chunk", "segment_stream", "chunked", "warm", "pool", "shutdown_pools",
           "stage_workers"]

Prepare = Callable[[dict], dict]  # applied to each record in the worker before it is segmented (the clean stage's)


class _Opaque(tuple):
    """A task argument Dask passes as one value (it walks plain lists and tuples item by item, not subclasses)."""


def warm(cfg: SegmentConfig) -> None:  # the chain built (word lists read, dictionary loaded) before a task
    get_chain(cfg)


def chunk_columns(texts: list[list[str]], cfg: SegmentConfig, cache_root: str | None = None,
                  phrases: PhraseTable | None = None) -> LayerColumns:
    """Layers of one chunk's paragraphs (``texts[i]`` = paragraph texts of document ``i``), flat over
    the chunk's paragraphs (:class:`~speechtopics.segment.chain.LayerColumns`): the task.

    Reads and writes the paragraph cache when ``cfg.cache``. Only texts travel to a worker and only token
    lists come back. ``phrases``: the corpus phrases to join (``cfg.phrases``), learned over the whole corpus.
    """
    flat = [t for ts in texts for t in ts]
    if not cfg.cache:
        return get_chain(cfg, phrases).columns(flat)
    keys = [text_key(t) for t in flat]
    path = chunk_path(cfg, keys, Path(cache_root) if cache_root else None, phrases.digest if phrases else "")
    layers = read_chunk(path, keys)
    if layers is None:
        cols = get_chain(cfg, phrases).columns(flat)
        write_chunk(path, keys, cols.text_layers())
        return cols
    return LayerColumns.from_text_layers(layers)


_WORD_SEP = "\n"  # between the words of a packed layer; words never hold it (whitespace is never a word)


def pack_columns(cols: LayerColumns) -> tuple:
    """:class:`LayerColumns` for the trip back from a worker process, per layer: its distinct words as
    one string (pickling a million short strings costs far more than one long one, as pickle memoises
    every object), each word as its index among them and the offsets, as compact integer arrays;
    :func:`unpack_columns` reverses it."""
    packed = []
    for words, bounds in zip(*cols):
        vocab: dict[str, int] = {}
        codes = array.array("I", [vocab.setdefault(w, len(vocab)) for w in words])
        packed.append((_WORD_SEP.join(vocab), codes, array.array("q", bounds)))
    return tuple(packed)


def unpack_columns(packed: tuple, table: dict[str, str] | None = None) -> LayerColumns:
    """The columns :func:`pack_columns` packed: one string object per distinct word of a layer (the one
    in ``table`` when given, added when new: one object per word across chunks), so a token costs the
    8 bytes of its list slot."""
    layers = []
    for joined, codes, _ in packed:
        vocab = joined.split(_WORD_SEP) if len(codes) else []
        if table is not None:
            vocab = [table.setdefault(w, w) for w in vocab]
        layers.append(np.array(vocab, dtype=object)[np.frombuffer(codes, dtype=np.uint32)].tolist())
    return LayerColumns(tuple(layers), tuple(bounds.tolist() for _, _, bounds in packed))


def packed_chunk_columns(texts: list[list[str]], cfg: SegmentConfig, cache_root: str | None = None,
                         phrases: PhraseTable | None = None) -> tuple:
    """:func:`chunk_columns`, packed (:func:`pack_columns`): the task on worker processes (then the heap
    it freed goes back to the system: :func:`~speechtopics.partitions.release_memory`)."""
    packed = pack_columns(chunk_columns(texts, cfg, cache_root, phrases))
    release_memory()
    return packed


def chunk_phrase_counts(texts: list[list[str]], cfg: SegmentConfig) -> PhraseCounts:
    """Phrase counts of one chunk's paragraphs (the task of the first pass when ``cfg.phrases``)."""
    return get_chain(cfg).phrase_counts([t for ts in texts for t in ts], cfg.phrase_max_words)


def corpus_phrase_table(chunks: list[list[dict]], cfg: SegmentConfig) -> PhraseTable | None:
    """The phrases of the whole corpus: :func:`chunk_phrase_counts` of every chunk on the stage's
    scheduler, summed in chunk order (a reduction: the same counts, table and tokens on one worker, many
    processes or a cluster), then :func:`~speechtopics.segment.core.phrase_table`."""
    texts = [_Opaque(paragraph_texts(r) for r in c) for c in chunks]
    if cfg.workers == 1 or cfg.scheduler == "synchronous":
        parts = [chunk_phrase_counts(t, cfg) for t in texts]
    elif cfg.scheduler in (None, "processes"):
        task = dask.delayed(chunk_phrase_counts, pure=False)
        parts = dask.compute(*[task(t, cfg) for t in texts], scheduler="processes", pool=pool(cfg),
                             num_workers=cfg.workers, chunksize=1)
    else:
        with _client(cfg) as client:
            parts = client.gather(client.map(chunk_phrase_counts, texts, cfg=cfg, pure=False))
    total = PhraseCounts()
    for part in parts:
        total = total + part
    return phrase_table(total, cfg)


@without_gc
def prepared_chunk_columns(
    records: list[dict], cfg: SegmentConfig, cache_root: str | None, prepare: Prepare
) -> tuple[list[dict], tuple]:
    """The task when records are prepared in the worker: ``(prepared records, packed columns)``."""
    records = [prepare(r) for r in records]
    return records, packed_chunk_columns([paragraph_texts(r) for r in records], cfg, cache_root)


@without_gc
def segment_chunk(records: list[dict], cfg: SegmentConfig, cache_root: str | None = None) -> list[dict]:
    """Segment one chunk of records in this process (cached when ``cfg.cache``).

    Parameters
    ----------
    records
        Clean documents.
    cfg
        Segment config.
    cache_root
        Cache folder (default ``data/interim/segment``); a string so the task pickles small.

    Returns
    -------
    list of dict
        Segmented copies of ``records`` (see :func:`speechtopics.segment.core.segment_records`).
    """
    return attach_columns(records, chunk_columns([paragraph_texts(r) for r in records], cfg, cache_root))


def _serial(
    chunks: Iterator[list[dict]], cfg: SegmentConfig, cache_root: str | None, prepare: Prepare | None = None,
    phrases: PhraseTable | None = None, table: dict[str, str] | None = None,
) -> Iterator[dict]:
    for chunk in chunks:
        chunk = [prepare(r) for r in chunk] if prepare else chunk
        cols = chunk_columns([paragraph_texts(r) for r in chunk], cfg, cache_root, phrases)
        yield from attach_columns(chunk, unpack_columns(pack_columns(cols), table) if table is not None else cols)


def _context():
    """``fork`` (fast: workers inherit loaded modules) while this process runs a single thread, else
    ``spawn`` - forking a process that holds threads can deadlock."""
    import multiprocessing
    import threading

    if threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


#: Warm process pools by number of workers, reused across calls: workers keep their built chains.
_POOLS: dict[int, object] = {}


def pool(cfg: SegmentConfig):
    """The warm pool of ``cfg.workers`` processes for this process, started on first use.

    Workers build a chain once per configuration (:func:`get_chain` caches it), so a second call pays
    neither start-up nor dictionary loading again. With ``fork`` the workers inherit the chain built here."""
    from concurrent.futures import ProcessPoolExecutor

    if cfg.workers not in _POOLS:  # looked up first: the live pool's own thread would now rule out fork
        if not _POOLS:
            atexit.register(shutdown_pools)  # stop them before interpreter teardown
        ctx = _context()
        if ctx.get_start_method() == "fork":
            warm(cfg)  # forked workers inherit the built dictionary instead of each building their own
        _POOLS[cfg.workers] = ProcessPoolExecutor(cfg.workers, mp_context=ctx, initializer=start_worker,
                                                  initargs=(cfg,))
        _POOLS[cfg.workers].submit(int).result()  # start the workers now, before any helper thread exists
    return _POOLS[cfg.workers]


def stage_workers(cfg: SegmentConfig, n_docs: int | None = None) -> dict:
    """Where the other text stages (clean, corpus) run their per-document work beside segmentation: the
    keyword arguments ``executor`` and ``in_flight`` of :func:`speechtopics.stages.iter_clean_records`
    and :func:`speechtopics.stages.build_corpus`: the Dask cluster ``cfg.scheduler`` names by address
    (:func:`~speechtopics.parallel.cluster_client`), else the warm pool of ``cfg.workers`` local processes
    (:func:`pool`, shared with the segment stage; also for ``"local"``), or None (this process) when
    ``cfg.workers`` is 1 or the stage's ``n_docs`` documents fit one chunk (starting would cost more)."""
    small = n_docs is not None and n_docs <= cfg.chunk_size
    if cfg.scheduler and "://" in cfg.scheduler:
        return {"executor": None if small else cluster_client(cfg.scheduler), "in_flight": 4 * cfg.workers}
    local = cfg.workers > 1 and cfg.scheduler in (None, "processes", "local")
    return {"executor": pool(cfg) if local and not small else None, "in_flight": 4 * cfg.workers}


def shutdown_pools(now: bool = False) -> None:
    """Stop the warm pools (they also stop when this process exits).

    Parameters
    ----------
    now : bool
        Do not wait for running chunks and cancel queued ones (a run stopped by a signal); the caller
        then ends the worker processes (see :func:`speechtopics.shutdown.stop_workers`).
    """
    while _POOLS:
        executor = _POOLS.popitem()[1]
        if now:
            executor.shutdown(wait=False, cancel_futures=True)
        else:
            executor.shutdown()


def _processes(
    chunks: Iterator[list[dict]], cfg: SegmentConfig, cache_root: str | None, prepare: Prepare | None = None,
    phrases: PhraseTable | None = None, table: dict[str, str] | None = None,
) -> Iterator[dict]:
    """Windows of chunks as Dask computations on the processes scheduler, on the warm pool.

    Two windows are computed at once (from two helper threads) while this thread attaches the tokens
    of the one before, so the workers wait neither on this process nor on a window's slowest chunk; at
    most three windows are held.
    """
    from concurrent.futures import ThreadPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    window = cfg.workers * cfg.max_in_flight
    workers = pool(cfg)

    def compute(batch: list[list[dict]]) -> tuple:
        if prepare:
            task = dask.delayed(prepared_chunk_columns, pure=False)
            tasks = [task(_Opaque(c), cfg, cache_root, prepare) for c in batch]
        else:
            task = dask.delayed(packed_chunk_columns, pure=False)
            tasks = [task(_Opaque(paragraph_texts(r) for r in c), cfg, cache_root, phrases) for c in batch]
        # chunksize=1: the processes scheduler otherwise sends up to 6 ready tasks to one worker as a
        # batch (dask's ``chunksize`` default), and a window holds fewer, so one worker ran them all.
        return dask.compute(*tasks, scheduler="processes", pool=workers, num_workers=cfg.workers, chunksize=1)

    with ThreadPoolExecutor(2) as ahead:
        # Two windows computed at once on the same pool: while the last chunks of one window finish,
        # the workers already run the next window's, so no worker waits at a window's end.
        pending: collections.deque = collections.deque()

        def submit() -> None:
            batch = list(itertools.islice(chunks, window))
            if batch:
                pending.append((batch, ahead.submit(compute, batch)))

        submit()
        submit()
        while pending:
            done, future = pending.popleft()
            try:
                results = future.result()
            except BrokenProcessPool:
                shutdown_pools()  # a dead worker: the next call starts a fresh pool
                raise
            submit()
            if prepare:
                done, results = [r[0] for r in results], [r[1] for r in results]
            for chunk, packed in zip(done, results, strict=True):
                with gc_paused():  # many small acyclic objects: see speechtopics.gcpause
                    ready = attach_columns(chunk, unpack_columns(packed, table))
                yield from ready


@contextlib.contextmanager
def _client(cfg: SegmentConfig):
    from distributed import Client, LocalCluster

    if cfg.scheduler == "local":
        # silence_logs: no "Worker process still alive after 4.0 seconds, killing" at the close
        with LocalCluster(n_workers=cfg.workers, threads_per_worker=1, processes=True, dashboard_address=None,
                          silence_logs=logging.ERROR) as cluster, Client(cluster) as client:
            yield client
    else:
        with Client(cfg.scheduler) as client:
            yield client


def _distributed(
    chunks: Iterator[list[dict]], cfg: SegmentConfig, cache_root: str | None, prepare: Prepare | None = None,
    phrases: PhraseTable | None = None, table: dict[str, str] | None = None,
) -> Iterator[dict]:
    """Chunks submitted to a distributed cluster, at most ``workers * max_in_flight`` at a time, in order."""
    window = cfg.workers * cfg.max_in_flight
    with _client(cfg) as client:
        client.run(warm, cfg)
        pending: collections.deque = collections.deque()

        def finish() -> Iterator[dict]:
            chunk, fut = pending.popleft()
            if prepare:
                chunk, packed = fut.result()
            else:
                packed = fut.result()
            return iter(attach_columns(chunk, unpack_columns(packed, table)))

        for chunk in chunks:
            if prepare:
                fut = client.submit(prepared_chunk_columns, chunk, cfg, cache_root, prepare, pure=False)
            else:
                texts = [paragraph_texts(r) for r in chunk]
                fut = client.submit(packed_chunk_columns, texts, cfg, cache_root, phrases, pure=False)
            pending.append((chunk, fut))
            if len(pending) >= window:
                yield from finish()
        while pending:
            yield from finish()


def segment_stream(
    records: Iterable[dict],
    cfg: SegmentConfig | None = None,
    cache_root: str | Path | None = None,
    prepare: Prepare | None = None,
    phrases: PhraseTable | None = None,
    table: dict[str, str] | None = None,
) -> Iterator[dict]:
    """Segment records lazily, in parallel and cached, yielding them in input order.

    Parameters
    ----------
    records
        Clean documents (any iterable; read lazily).
    cfg
        Segment config: ``workers``, ``scheduler``, ``chunk_size``, ``max_in_flight``, ``cache``.
    cache_root
        Cache folder (default ``data/interim/segment`` under the current directory).
    prepare
        Optional pure, picklable function applied to each record inside the worker task before it is
        segmented (e.g. the clean stage's per-document function), so that step runs in parallel too.
        The output is that of ``segment_stream(map(prepare, records), ...)``.
    phrases
        The corpus phrases, learned beforehand over the whole corpus (:func:`corpus_phrase_table`) when
        ``records`` is one part of it; None with ``cfg.phrases`` on learns them from ``records``.
    table
        Word strings to share: every token of the output is the one equal string in it (added when
        new; :func:`unpack_columns`), so a held corpus costs 8 bytes per token. None: one string per
        word within a chunk's layers on worker processes, the segmenter's own strings in this process.

    Yields
    ------
    dict
        Segmented copies of the records, identical whichever scheduler runs them.

    Notes
    -----
    With ``cfg.phrases`` on, the corpus phrases are learned first (:func:`corpus_phrase_table`, a pass
    over every record), so the records are held in memory and ``prepare`` runs in this process.
    """
    cfg = cfg or SegmentConfig()
    root = str(cache_root or paths.project_paths().interim / "segment")
    if not cfg.phrases:
        phrases = None
    elif phrases is None:
        held = list(map(prepare, records) if prepare else records)
        prepare, records = None, held
        phrases = corpus_phrase_table(list(chunked(held, cfg.chunk_size)), cfg)
    chunks = chunked(records, cfg.chunk_size)
    if cfg.workers == 1 or cfg.scheduler == "synchronous":
        yield from _serial(chunks, cfg, root, prepare, phrases, table)
    elif cfg.scheduler in (None, "processes"):
        yield from _processes(chunks, cfg, root, prepare, phrases, table)
    else:
        yield from _distributed(chunks, cfg, root, prepare, phrases, table)
