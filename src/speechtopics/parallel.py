"""Ordered maps of a function over chunks on an executor: how the per-document work of a stage runs in parallel.

This module owns one thing: sending chunks of documents to worker processes (any
:class:`concurrent.futures.Executor`, such as the segment stage's warm process pool, or a
``dask.distributed`` ``Client``) with a bounded number in flight, and giving the results back **in input
order**, so a stage's output does not depend on the number of workers or on which finished first. With
no executor the function runs here, chunk after chunk: the same calls, the same results.
"""

from __future__ import annotations

import atexit
import collections
import itertools
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from speechtopics.partitions import release_memory

__all__ = ["Ready", "chunked", "ordered_map", "run_and_release", "is_cluster", "cluster_client", "close_clients"]

#: Clients of Dask clusters opened by :func:`cluster_client`, by scheduler address.
_CLIENTS: dict[str, Any] = {}


class Ready:
    """A chunk whose result is known already (read back from a stage's stored results): :func:`ordered_map`
    yields ``value`` in its place, in order, without calling the function."""

    __slots__ = ("value",)

    def __init__(self, value: Any):
        self.value = value


def is_cluster(executor) -> bool:
    """Whether ``executor`` is a ``dask.distributed`` Client: its workers may be other machines, which do
    not see this machine's files, so tasks get their documents and give results back over the network."""
    return hasattr(executor, "scheduler_info")


def cluster_client(address: str):
    """A ``distributed.Client`` of the Dask cluster at ``address``, opened once per process and kept for
    the stages that follow (closed at exit)."""
    client = _CLIENTS.get(address)
    if client is None or client.status != "running":
        from distributed import Client

        if not _CLIENTS:
            atexit.register(close_clients)
        client = _CLIENTS[address] = Client(address)
    return client


def close_clients() -> None:
    """Close the clients :func:`cluster_client` opened (at exit, or when a caller is done with the cluster)."""
    while _CLIENTS:
        _CLIENTS.popitem()[1].close()


def chunked(items: Iterable, size: int) -> Iterator[list]:
    """Lists of up to ``size`` items, lazily.

    Examples
    --------
    >>> list(chunked(range(5), 2))
    [[0, 1], [2, 3], [4]]
    """
    it = iter(items)
    while chunk := list(itertools.islice(it, size)):
        yield chunk


def run_and_release(fn: Callable[..., Any], chunk: list, *args: Any) -> Any:
    """``fn(chunk, *args)``, then this process's freed heap handed back to the system
    (:func:`~speechtopics.partitions.release_memory`): how a task runs on a worker process, which runs
    many tasks, so that pages its earlier tasks freed do not stay in its resident size."""
    try:
        return fn(chunk, *args)
    finally:
        release_memory()


def ordered_map(fn: Callable[..., Any], chunks: Iterable[list], *args: Any, executor=None,
                in_flight: int = 4) -> Iterator[Any]:
    """``fn(chunk, *args)`` for every chunk, yielded in the order of ``chunks``.

    Parameters
    ----------
    fn : callable
        A module-level (picklable) function of one chunk and ``args``.
    chunks : iterable of list or Ready
        Read lazily: at most ``in_flight`` chunks are submitted and not yet yielded. A :class:`Ready`
        item's value is yielded as it is.
    *args
        Passed to every call (pickled once per task: keep them small).
    executor : concurrent.futures.Executor or distributed.Client, optional
        Where the calls run; None runs them in this process.
    in_flight : int
        Chunks submitted ahead of the one yielded next (bounds memory).

    Yields
    ------
    object
        ``fn``'s results, in input order whichever worker finished first.

    Examples
    --------
    >>> list(ordered_map(sum, [[1, 2], [3]]))
    [3, 3]
    >>> from concurrent.futures import ThreadPoolExecutor
    >>> with ThreadPoolExecutor(2) as ex:
    ...     list(ordered_map(len, [[1, 2], [3], [4, 5, 6]], executor=ex, in_flight=2))
    [2, 1, 3]
    """
    if executor is None:
        for chunk in chunks:
            yield chunk.value if isinstance(chunk, Ready) else fn(chunk, *args)
        return
    # a distributed Client would hash every chunk to name its task: each task is new work
    extra = {"pure": False} if is_cluster(executor) else {}
    pending: collections.deque = collections.deque()
    for chunk in chunks:
        pending.append(chunk if isinstance(chunk, Ready) else
                       executor.submit(run_and_release, fn, chunk, *args, **extra))
        if len(pending) >= max(in_flight, 1):
            yield _result(pending.popleft())
    while pending:
        yield _result(pending.popleft())


def _result(item) -> Any:
    return item.value if isinstance(item, Ready) else item.result()
