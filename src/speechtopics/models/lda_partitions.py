"""A bag-of-words corpus cut into the fixed partitions of the data-parallel LDA E-step.

This module owns how :func:`~speechtopics.models.parallel_lda.fit_lda_parallel` holds its corpus:

* a corpus in compressed rows in memory (a :class:`~speechtopics.corpus.BowCorpus`) is cut into views of
  its arrays, nothing copied;
* any other corpus is read once, as a stream (a list, a generator, :meth:`BowCorpus.iter_parquet` over a
  stored file), and each partition is written to a file in a folder as soon as it is complete, so that
  the driver holds one partition, not the corpus: every pass's tasks read their partition from the file
  (a worker process maps it; nothing is sent through the pipe). This is what lets the online updates run
  on corpora that do not fit in memory, as gensim reads its corpus from disk each pass.

The cut is by document count alone (``partition_size``), so the partitions, and the fitted model, are the
same whichever way the corpus is held.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

__all__ = ["BowPartition", "StoredPartition", "load_partition", "cut_partitions"]


@dataclass(frozen=True)
class BowPartition:
    """One contiguous slice of the corpus in CSR form (compact to pickle; not traversed by dask)."""

    indptr: np.ndarray
    ids: np.ndarray
    counts: np.ndarray

    @property
    def n_docs(self) -> int:
        return len(self.indptr) - 1

    def docs(self) -> list[list[tuple[int, float]]]:
        """The documents as gensim reads them: lists of ``(term id, count)``."""
        ids, cts, ptr = self.ids.tolist(), self.counts.tolist(), self.indptr.tolist()
        return [list(zip(ids[a:b], cts[a:b])) for a, b in zip(ptr[:-1], ptr[1:])]


@dataclass(frozen=True)
class StoredPartition:
    """A :class:`BowPartition` written to the ``.npz`` file ``path`` (uncompressed): what a task is sent."""

    path: str
    n_docs: int

    def load(self) -> BowPartition:
        with np.load(self.path) as f:
            return BowPartition(f["indptr"], f["ids"], f["counts"])


def load_partition(part: BowPartition | StoredPartition) -> BowPartition:
    """The partition's arrays, read from its file when it is stored."""
    return part.load() if isinstance(part, StoredPartition) else part


def cut_partitions(bow: Iterable, partition_size: int, n_terms: int, folder: str | Path | None = None
                   ) -> list[BowPartition | StoredPartition]:
    """Cut ``bow`` into contiguous partitions of ``partition_size`` documents (the last may be shorter)
    and check its term ids.

    Parameters
    ----------
    bow : BowCorpus or iterable of list of (int, number)
        A corpus with ``indptr``, ``ids`` and ``counts`` arrays is cut into views of them; any other is
        read once.
    partition_size : int
        Documents per partition.
    n_terms : int
        The vocabulary size: every term id must be below it.
    folder : str or Path, optional
        Where the partitions of a streamed corpus are written (one ``.npz`` each, as they are cut); None
        keeps them in memory.

    Returns
    -------
    list of BowPartition or StoredPartition

    Raises
    ------
    ValueError
        A term id outside ``0 .. n_terms - 1``.

    Examples
    --------
    >>> parts = cut_partitions([[(0, 2)], [], [(1, 1), (2, 3)]], partition_size=2, n_terms=3)
    >>> [p.n_docs for p in parts], parts[1].docs()
    ([2, 1], [[(1, 1.0), (2, 3.0)]])
    """
    parts: list = []
    if all(hasattr(bow, a) for a in ("indptr", "ids", "counts")):
        ptr = np.asarray(bow.indptr)
        for a in range(0, len(ptr) - 1, partition_size):
            b = min(a + partition_size, len(ptr) - 1)
            parts.append(_checked(BowPartition(ptr[a:b + 1] - ptr[a], bow.ids[ptr[a]:ptr[b]],
                                               bow.counts[ptr[a]:ptr[b]]), n_terms))
        return parts
    buf: list = []
    for doc in bow:
        buf.append(doc)
        if len(buf) == partition_size:
            parts.append(_keep(_to_partition(buf), n_terms, folder, len(parts)))
            buf = []
    if buf:
        parts.append(_keep(_to_partition(buf), n_terms, folder, len(parts)))
    return parts


def _checked(part: BowPartition, n_terms: int) -> BowPartition:
    if part.ids.size and int(part.ids.max()) >= n_terms:
        raise ValueError(f"the corpus has term id {int(part.ids.max())}, outside id2word (ids 0..{n_terms - 1})")
    return part


def _keep(part: BowPartition, n_terms: int, folder, i: int) -> BowPartition | StoredPartition:
    _checked(part, n_terms)
    if folder is None:
        return part
    path = Path(folder) / f"lda-part-{i:06d}.npz"
    np.savez(path, indptr=part.indptr, ids=part.ids, counts=part.counts)
    return StoredPartition(str(path), part.n_docs)


def _to_partition(docs: Sequence) -> BowPartition:
    lens = [len(d) for d in docs]
    indptr = np.zeros(len(docs) + 1, dtype=np.int64)
    np.cumsum(lens, out=indptr[1:])
    ids = np.fromiter((int(i) for d in docs for i, _ in d), dtype=np.int64, count=int(indptr[-1]))
    cts = np.fromiter((float(c) for d in docs for _, c in d), dtype=np.float64, count=int(indptr[-1]))
    return BowPartition(indptr, ids, cts)
