"""Parallel, cached, streaming segmentation of clean records (the stage's execution layer).

This module owns *how* segmentation runs. Records are read lazily, grouped into chunks of
``cfg.chunk_size`` documents, and each chunk is one task (:func:`segment_chunk`) that segments its
paragraphs or reads them from the parquet cache. Only ``cfg.workers * cfg.max_in_flight`` chunks are in
flight at a time (three such windows with the processes scheduler: two computed while this process
attaches the tokens of the one before) and results are yielded in input order, so memory stays flat however
long the corpus. An optional ``prepare`` function (e.g. the clean stage's) runs on each record inside the
task, before segmenting.

Schedulers (``cfg.scheduler``): ``None``/``"processes"`` - a Dask computation on the processes scheduler
with a pool of ``cfg.workers`` warm processes, kept and reused by later calls in this process;
``"local"`` - a ``distributed.LocalCluster``; an address
(``tcp://host:8786``) - an existing Dask cluster; ``"synchronous"`` or ``workers == 1`` - in this process.
Every path calls the same :func:`segment_chunk`, so the tokens are identical.
"""

from __future__ import annotations

import atexit
import collections
import contextlib
import itertools
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import dask
import dask.multiprocessing  # the processes scheduler, loaded with this module rather than in the first run

from speechtopics.gcpause import gc_paused, without_gc
from speechtopics.segment.cache import chunk_path, read_chunk, text_key, write_chunk
from speechtopics.segment.chain import get_chain
from speechtopics.segment.core import LAYERS, attach_layers, paragraph_texts
from speechtopics.segment.options import SegmentConfig

__all__ = ["chunk_layers", "segment_chunk", "segment_stream", "chunked", "warm", "pool", "shutdown_pools"]

#: A function applied to each record in the worker before it is segmented (e.g. the clean stage's).
Prepare = Callable[[dict], dict]


class _Opaque(tuple):
    """A task argument Dask passes as one value: it walks plain lists and tuples item by item (every
    paragraph string of a chunk), but not subclasses."""


def chunked(records: Iterable[dict], size: int) -> Iterator[list[dict]]:
    """Lists of up to ``size`` records, lazily."""
    it = iter(records)
    while chunk := list(itertools.islice(it, size)):
        yield chunk


def warm(cfg: SegmentConfig) -> None:
    """Build the chain (read word lists, load the dictionary) in this process ahead of the first task."""
    get_chain(cfg)


def chunk_layers(texts: list[list[str]], cfg: SegmentConfig, cache_root: str | None = None) -> list[list[dict]]:
    """Layers of one chunk's paragraphs (``texts[i]`` = paragraph texts of document ``i``): the task.

    Reads and writes the paragraph cache when ``cfg.cache``. Only texts travel to a worker and only token
    lists come back, so the records' other fields are never pickled.
    """
    flat = [t for ts in texts for t in ts]
    layers = None
    if cfg.cache:
        keys = [text_key(t) for t in flat]
        path = chunk_path(cfg, keys, Path(cache_root) if cache_root else None)
        layers = read_chunk(path, keys)
    if layers is None:
        layers = get_chain(cfg).many(flat)
        if cfg.cache:
            write_chunk(path, keys, layers)
    out, pos = [], 0
    for ts in texts:
        out.append(layers[pos : pos + len(ts)])
        pos += len(ts)
    return out


_SEP = "\x01"  # between layers; words never hold it (no letter, digit or Han: always filtered out)


def packed_chunk_layers(texts: list[list[str]], cfg: SegmentConfig, cache_root: str | None = None) -> str:
    """:func:`chunk_layers` as one string, for the trip back from a worker process.

    Pickling a million short strings costs far more than one long one (pickle memoises every object), so
    each layer becomes its words joined by newlines (no word holds one) and the layers are joined by
    :data:`_SEP`; :func:`unpack_layers` reverses it at C speed.
    """
    return _SEP.join(
        "\n".join(lay[name]) for doc in chunk_layers(texts, cfg, cache_root) for lay in doc for name in LAYERS
    )


def unpack_layers(packed: str, texts: list[list[str]]) -> list[list[dict]]:
    """The layers :func:`packed_chunk_layers` packed, shaped like ``texts``."""
    parts = iter(packed.split(_SEP))
    return [
        [{name: w.split("\n") if (w := next(parts)) else [] for name in LAYERS} for _ in doc] for doc in texts
    ]


@without_gc
def prepared_chunk_layers(
    records: list[dict], cfg: SegmentConfig, cache_root: str | None, prepare: Prepare
) -> tuple[list[dict], str]:
    """The task when records are prepared in the worker: ``(prepared records, packed layers)``."""
    records = [prepare(r) for r in records]
    return records, packed_chunk_layers([paragraph_texts(r) for r in records], cfg, cache_root)


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
    layers = chunk_layers([paragraph_texts(r) for r in records], cfg, cache_root)
    return [attach_layers(r, lay) for r, lay in zip(records, layers, strict=True)]


def _serial(
    chunks: Iterator[list[dict]], cfg: SegmentConfig, cache_root: str | None, prepare: Prepare | None = None
) -> Iterator[dict]:
    for chunk in chunks:
        yield from segment_chunk([prepare(r) for r in chunk] if prepare else chunk, cfg, cache_root)


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

    Workers build a chain once per configuration (:func:`get_chain` caches it), so a second
    :func:`segment_stream` call pays neither process start-up nor dictionary loading again. With ``fork``
    the chain is built here first and the workers inherit it.
    """
    from concurrent.futures import ProcessPoolExecutor

    if cfg.workers not in _POOLS:  # looked up first: the live pool's own thread would now rule out fork
        if not _POOLS:
            atexit.register(shutdown_pools)  # stop them before interpreter teardown
        ctx = _context()
        if ctx.get_start_method() == "fork":
            warm(cfg)  # forked workers inherit the built dictionary instead of each building their own
        _POOLS[cfg.workers] = ProcessPoolExecutor(cfg.workers, mp_context=ctx, initializer=warm, initargs=(cfg,))
        _POOLS[cfg.workers].submit(int).result()  # start the workers now, before any helper thread exists
    return _POOLS[cfg.workers]


def shutdown_pools() -> None:
    """Stop the warm pools (they also stop when this process exits)."""
    while _POOLS:
        _POOLS.popitem()[1].shutdown()


def _processes(
    chunks: Iterator[list[dict]], cfg: SegmentConfig, cache_root: str | None, prepare: Prepare | None = None
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
            task = dask.delayed(prepared_chunk_layers, pure=False)
            tasks = [task(_Opaque(c), cfg, cache_root, prepare) for c in batch]
        else:
            task = dask.delayed(packed_chunk_layers, pure=False)
            tasks = [task(_Opaque(paragraph_texts(r) for r in c), cfg, cache_root) for c in batch]
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
                    layers = unpack_layers(packed, [paragraph_texts(r) for r in chunk])
                    ready = [attach_layers(r, lay) for r, lay in zip(chunk, layers, strict=True)]
                yield from ready


@contextlib.contextmanager
def _client(cfg: SegmentConfig):
    from distributed import Client, LocalCluster

    if cfg.scheduler == "local":
        with LocalCluster(
            n_workers=cfg.workers, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster, Client(cluster) as client:
            yield client
    else:
        with Client(cfg.scheduler) as client:
            yield client


def _distributed(
    chunks: Iterator[list[dict]], cfg: SegmentConfig, cache_root: str | None, prepare: Prepare | None = None
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
                layers = unpack_layers(packed, [paragraph_texts(r) for r in chunk])
            else:
                layers = fut.result()
            return (attach_layers(r, lay) for r, lay in zip(chunk, layers, strict=True))

        for chunk in chunks:
            if prepare:
                fut = client.submit(prepared_chunk_layers, chunk, cfg, cache_root, prepare, pure=False)
            else:
                texts = [paragraph_texts(r) for r in chunk]
                fut = client.submit(chunk_layers, texts, cfg, cache_root, pure=False)
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
) -> Iterator[dict]:
    """Segment records lazily, in parallel and cached, yielding them in input order.

    Parameters
    ----------
    records
        Clean documents (any iterable; read lazily).
    cfg
        Segment config: ``workers``, ``scheduler``, ``chunk_size``, ``max_in_flight``, ``cache``.
    cache_root
        Cache folder (default ``data/interim/segment``).
    prepare
        Optional pure, picklable function applied to each record inside the worker task before it is
        segmented (e.g. the clean stage's per-document function), so that step runs in parallel too.
        The output is that of ``segment_stream(map(prepare, records), ...)``.

    Yields
    ------
    dict
        Segmented copies of the records, identical whichever scheduler runs them.
    """
    cfg = cfg or SegmentConfig()
    root = str(cache_root) if cache_root else None
    chunks = chunked(records, cfg.chunk_size)
    if cfg.workers == 1 or cfg.scheduler == "synchronous":
        yield from _serial(chunks, cfg, root, prepare)
    elif cfg.scheduler in (None, "processes"):
        yield from _processes(chunks, cfg, root, prepare)
    else:
        yield from _distributed(chunks, cfg, root, prepare)
