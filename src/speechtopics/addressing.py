"""Content addressing: chunk boundaries that the content sets, and per-chunk results stored under the
hash of their input, so that a stage run again after documents were added redoes only the new chunks.

This module owns three things:

* :func:`content_digest`: one hash of a list of plain records (JSON with sorted keys), the address of a
  chunk's content;
* :func:`content_chunks`: a stream cut into chunks where an item's key hashes to a boundary, not every
  ``size`` items, so inserting or removing documents changes only the chunks around them (content-defined
  chunking, as deduplicating backup tools cut files); with fixed counts, one document inserted near the
  start would shift every later chunk and change every chunk's address;
* :class:`ChunkMemo`: a folder of per-chunk results named by the hash of the stage's code and settings
  (its *base*) and the chunk's input, with counts of the chunks found and computed.

A stage that reduces over the whole corpus (site boilerplate, duplicates, the dictionary) keeps its
reductions whole: they are recomputed from the stored per-chunk facts, which is cheap, and a chunk's
result that depends on a reduction has that reduction's part in its address.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from speechtopics.parquet_parts import pack_value, unpack_value
from speechtopics.safeio import temp_file

__all__ = ["content_digest", "content_chunks", "ChunkMemo", "MISSING"]

#: What :meth:`ChunkMemo.get` returns for a chunk it has not stored.
MISSING = object()


def _canonical(obj: Any) -> str:
    return json.dumps(obj, sort_keys=True, ensure_ascii=False, default=_plain)


def _plain(obj: Any) -> Any:
    if isinstance(obj, (set, frozenset)):
        return sorted(obj, key=str)
    return str(obj)  # bytes, dates, NumPy values: their text is stable


def content_digest(items: Iterable[Any]) -> str:
    """A sha256 (hex) of ``items``, each written as JSON with sorted keys; the same items in the same
    order give the same digest in any process.

    Examples
    --------
    >>> content_digest([{"a": 1, "b": "x"}]) == content_digest([{"b": "x", "a": 1}])
    True
    >>> content_digest([{"a": 1}]) == content_digest([{"a": 2}])
    False
    """
    h = hashlib.sha256()
    for item in items:
        h.update(_canonical(item).encode("utf-8", "surrogatepass"))
        h.update(b"\n")
    return h.hexdigest()


def content_chunks(items: Iterable, most: int, key: Callable[[Any], str]) -> Iterator[list]:
    """Lists of at most ``most`` items, cut after each item whose ``key`` hashes to 0 modulo ``most // 2``
    (about ``most / 2`` items on average), lazily.

    Where a chunk ends depends on the items around it, not on its position, so a stream with items
    added, removed or changed gives the same chunks as before except around those items: after an
    insertion, the chunks agree again from the next boundary on. (A chunk that reaches ``most`` items
    is cut there; that happens to about one chunk in seven, and an insertion before such a cut moves
    it, up to the next boundary the content sets.)

    Parameters
    ----------
    items : iterable
        Read once.
    most : int
        The longest chunk: the memory a chunk in flight may take is that of ``most`` items, as with
        chunks of a fixed count. ``most`` 1 or 2 cuts after every item.
    key : callable
        An item's identity, e.g. its ``doc_id``.

    Examples
    --------
    >>> docs = [f"doc{i}" for i in range(1000)]
    >>> before = list(content_chunks(docs, 64, key=str))
    >>> after = list(content_chunks(docs[:500] + ["new"] + docs[500:], 64, key=str))
    >>> sum(len(c) for c in before), max(len(c) for c in before) <= 64
    (1000, True)
    >>> len([c for c in after if c not in before]) <= 2
    True
    """
    if most < 1:
        raise ValueError(f"most must be at least 1, got {most!r}")
    mean = max(most // 2, 1)
    chunk: list = []
    for item in items:
        chunk.append(item)
        digest = hashlib.blake2b(str(key(item)).encode("utf-8", "surrogatepass"), digest_size=8).digest()
        if int.from_bytes(digest, "big") % mean == 0 or len(chunk) >= most:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


class ChunkMemo:
    """Per-chunk results of one stage in ``folder``, each under the hash of the stage's ``base`` and the
    chunk's input (:meth:`key`); with ``folder`` None (the cache is off) nothing is found or stored.

    A result is written atomically (a temporary file, then renamed), so an interrupted run leaves no
    half entry. :attr:`found` and :attr:`computed` count the chunks read back and the chunks computed
    (by :meth:`get`'s answers), for the run's stage lines.

    Examples
    --------
    >>> import tempfile
    >>> memo = ChunkMemo(tempfile.mkdtemp(), base="clean v1")
    >>> k = memo.key("prepare", content_digest(["text"]))
    >>> memo.get(k) is MISSING
    True
    >>> memo.put(k, {"lines": 3}); memo.get(k), memo.found, memo.computed
    ({'lines': 3}, 1, 1)
    """

    def __init__(self, folder: str | Path | None, base: str):
        self.folder = Path(folder) if folder is not None else None
        self.base = base
        self.found = 0
        self.computed = 0
        if self.folder is not None:
            self.folder.mkdir(parents=True, exist_ok=True)

    @property
    def enabled(self) -> bool:
        return self.folder is not None

    def key(self, *parts: Any) -> str:
        """The address of a chunk's result: a hash of the base and ``parts`` (digests, settings)."""
        return hashlib.sha256(_canonical([self.base, *parts]).encode("utf-8", "surrogatepass")).hexdigest()[:32]

    def path(self, key: str, suffix: str = ".pkl") -> Path:
        """Where the entry ``key`` (or a file that goes with it, ``suffix``) is stored."""
        if self.folder is None:
            raise ValueError("this ChunkMemo stores nothing (no folder)")
        return self.folder / f"{key}{suffix}"

    def get(self, key: str, *files: str) -> Any:
        """The stored result of ``key``, or :data:`MISSING` when there is none, or when one of the files
        that go with it (their suffixes, ``files``) is missing; counts the answer."""
        if self.folder is not None:
            p = self.path(key)
            if p.exists() and all(self.path(key, s).exists() for s in files):
                try:
                    value = unpack_value(p.read_bytes())
                except Exception:  # a damaged entry is computed again, never trusted
                    p.unlink(missing_ok=True)
                else:
                    self.found += 1
                    return value
        self.computed += 1
        return MISSING

    def read(self, key: str) -> Any:
        """The stored result of ``key`` (or :data:`MISSING`) without counting it: a second look at an
        entry this run already found or stored."""
        try:
            return unpack_value(self.path(key).read_bytes()) if self.folder is not None else MISSING
        except Exception:  # absent or damaged: the caller does without
            return MISSING

    def put(self, key: str, value: Any) -> None:
        """Store ``value`` as the result of ``key`` (nothing when the memo has no folder)."""
        if self.folder is None:
            return
        fd, tmp = temp_file(self.folder)
        with os.fdopen(fd, "wb") as fh:
            fh.write(pack_value(value))
        os.replace(tmp, self.path(key))

    def line(self, what: str = "chunks") -> str:
        """``"12 of 40 chunks computed, 28 found"``: what the stage lines say of this memo."""
        return f"{self.computed} of {self.found + self.computed} {what} computed, {self.found} stored before"
