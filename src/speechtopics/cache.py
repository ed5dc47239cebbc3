"""The one cache boundary: stage outputs stored in ``data/interim`` keyed by input and config hashes.

A stage never reads or writes the cache itself; the project (:class:`speechtopics.project.Project`) asks :func:`cached` for a
value, giving a key built from the hashes of everything the stage depends on. Values are pickled with
joblib (atomic write: temp file, then rename), so an interrupted run never leaves a half-written entry.

A stage whose output is a long list of records (the segmented corpus) is stored in partitions instead
(:meth:`Cache.cached_parts`): written one partition at a time as the stage streams, read back as a
:class:`PartitionedList` that loads one partition at a time, so neither the stage nor its reader holds
the whole list. With the cache off, the partitions are a spill folder removed when the list is.
"""

from __future__ import annotations

import bisect
import ctypes
import functools
import hashlib
import json
import marshal
import os
import pickle
import shutil
import tempfile
import weakref
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, TypeVar

import joblib

T = TypeVar("T")


def hash_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def hash_file(path: Path, chunk: int = 1 << 20) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while block := fh.read(chunk):
            h.update(block)
    return h.hexdigest()


def hash_obj(obj: Any) -> str:
    """Hash of a JSON-serialisable object (sorted keys), e.g. a config slice or a list of hashes."""
    from speechtopics.config import to_dict

    blob = json.dumps(to_dict(obj), sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


class Cache:
    """A folder of joblib pickles named ``<stage>/<key>.joblib``."""

    def __init__(self, root: Path, enabled: bool = True):
        self.root = Path(root)
        self.enabled = enabled
        self.hits: list[str] = []
        self.misses: list[str] = []

    def path(self, stage: str, key: str) -> Path:
        return self.root / stage / f"{key[:24]}.joblib"

    def get(self, stage: str, key: str) -> tuple[bool, Any]:
        p = self.path(stage, key)
        if self.enabled and p.exists():
            try:
                return True, joblib.load(p)
            except Exception:  # a corrupt entry is recomputed, never trusted
                p.unlink(missing_ok=True)
        return False, None

    def put(self, stage: str, key: str, value: Any) -> None:
        if not self.enabled:
            return
        p = self.path(stage, key)
        p.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=p.parent, suffix=".tmp")
        os.close(fd)
        joblib.dump(value, tmp, compress=3)
        os.replace(tmp, p)

    def cached(self, stage: str, key: str, compute: Callable[[], T]) -> T:
        """Return the cached value for (stage, key), computing and storing it on a miss."""
        hit, value = self.get(stage, key)
        if hit:
            self.hits.append(stage)
            return value
        self.misses.append(stage)
        value = compute()
        self.put(stage, key, value)
        return value

    def parts_path(self, stage: str, key: str) -> Path:
        return self.root / stage / f"{key[:24]}.parts"

    def cached_parts(self, stage: str, key: str, compute: Callable[[], Iterable], part_size: int = 256
                     ) -> PartitionedList:
        """The stored partitions of (stage, key) as a :class:`PartitionedList`; on a miss, stream
        ``compute()`` into partitions of ``part_size`` items first (with the cache off: into a spill
        folder that is removed with the list)."""
        final = self.parts_path(stage, key)
        if self.enabled:
            try:
                hit = PartitionedList.open(final)
            except (OSError, ValueError):
                hit = None
            if hit is not None:
                self.hits.append(stage)
                return hit
        self.misses.append(stage)
        if not self.enabled:
            return write_parts(spill_folder(self.root), compute(), part_size, spill=True)
        final.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(dir=final.parent, suffix=".tmp"))
        try:
            write_parts(tmp, compute(), part_size)
            shutil.rmtree(final, ignore_errors=True)
            os.replace(tmp, final)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        return PartitionedList.open(final)

    def cached_split(self, stage: str, key: str, field: str, compute: Callable[[Callable, Callable], dict],
                     part_size: int = 256) -> dict:
        """A dict value whose ``field`` is a long list: the list stored in partitions
        (``<stage>/<key>.parts``), the rest of the dict as one pickle beside it.

        ``compute(spool, out)`` builds the value; ``spool()`` gives a :class:`PartWriter` for lists it needs
        between passes (a spill folder, removed with its list), ``out()`` the writer of ``field``'s list.
        A hit needs both the pickle and the complete partitions.
        """
        final = self.parts_path(stage, key)
        if self.enabled:
            hit, rest = self.get(stage, key)
            items = PartitionedList.open(final) if hit else None
            if items is not None:
                self.hits.append(stage)
                return {**rest, field: items}
        self.misses.append(stage)

        def spool() -> PartWriter:
            return PartWriter(spill_folder(self.root), part_size, spill=True)
        if not self.enabled:
            return compute(spool, spool)
        final.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(dir=final.parent, suffix=".tmp"))
        try:
            value = compute(spool, lambda: PartWriter(tmp, part_size))
            shutil.rmtree(final, ignore_errors=True)
            os.replace(tmp, final)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        rest = {k: v for k, v in value.items() if k != field}
        self.put(stage, key, rest)
        return {**rest, field: PartitionedList.open(final)}

    def addressed_parts(self, stage: str, key: str, base: str | Callable[[], str], inputs: Iterable[list],
                        compute: Callable[[Iterable], Iterable]) -> PartitionedList:
        """Content-addressed partitions: the output of ``compute`` (one item per input item, in order) over
        the input partitions ``inputs``, each output partition stored under the hash of ``base`` (the
        stage's code and settings, not its upstream key) and its input partition's content.

        On a run after documents were added, only the partitions whose input changed (the new ones, and
        any whose documents changed upstream) go through ``compute``; the others are read back. The list
        of (stage, key) is cached as usual. With the cache off this is :meth:`cached_parts`. ``base`` may
        be a function, called only when the list is not cached (for a base that costs a pass to find).
        """
        if not self.enabled:
            return self.cached_parts(stage, key, lambda: compute(item for part in inputs for item in part))
        final = self.parts_path(stage, key)
        hit = PartitionedList.open(final)
        if hit is not None:
            self.hits.append(stage)
            return hit
        self.misses.append(stage)
        base = base() if callable(base) else base
        store = self.root / stage / "by_content"
        store.mkdir(parents=True, exist_ok=True)
        names: list[str] = []
        lengths: list[int] = []
        missing: list[tuple[str, int]] = []

        def feed():
            for part in inputs:
                name = hash_obj([base, [json.dumps(d, sort_keys=True, ensure_ascii=False, default=str)
                                        for d in part]])[:32] + ".pkl"
                names.append(name)
                lengths.append(len(part))
                if not (store / name).exists():
                    missing.append((name, len(part)))
                    yield from part
        buf: list = []
        done = 0
        for item in compute(feed()):
            buf.append(item)
            name, n = missing[done]
            if len(buf) == n:
                _write_pickle(store / name, buf)
                buf, done = [], done + 1
        final.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(dir=final.parent, suffix=".tmp"))
        (tmp / "parts.json").write_text(json.dumps({"lengths": lengths, "files": [f"../by_content/{n}" for n in names]}),
                                        encoding="utf-8")
        shutil.rmtree(final, ignore_errors=True)
        os.replace(tmp, final)
        return PartitionedList.open(final)


def _write_pickle(path: Path, value) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    with os.fdopen(fd, "wb") as fh:
        dump_part(value, fh)
    os.replace(tmp, path)


def dump_part(items: list, fh) -> None:
    """Write one partition (a list) to the binary file ``fh``: with :mod:`marshal` when that gives the
    same items back (plain data: dicts, lists, strings, numbers, bytes), else with :mod:`pickle`.

    Why not always pickle: CPython's pickler keeps the UTF-8 encoding of every non-ASCII string it
    writes inside the string object, for the string's lifetime. A string that outlives its partition
    (the clean text that near-duplicate detection keeps for every document) then costs its UTF-8 copy
    too, 1.5 times its own size for Chinese text; marshal encodes into a temporary. Both keep shared
    objects shared and dict order; :func:`load_part` tells the two apart by the first byte.
    """
    try:
        data = marshal.dumps(items, 4)
        same = type(items) is list and marshal.loads(data) == items
    except (ValueError, TypeError):  # an object marshal cannot write, or one that cannot be compared
        same = False
    if same:
        fh.write(data)
    else:
        pickle.dump(items, fh, protocol=pickle.HIGHEST_PROTOCOL)


def load_part(fh) -> list:
    """Read a partition written by :func:`dump_part` (or pickled by an older version)."""
    data = fh.read()
    return pickle.loads(data) if data[:1] == b"\x80" else marshal.loads(data)  # pickle starts with PROTO


@functools.lru_cache(maxsize=1)
def _libc_trim():
    try:
        return ctypes.CDLL("libc.so.6").malloc_trim
    except (OSError, AttributeError):  # not glibc (macOS, Windows, musl): nothing to call
        return None


def release_memory() -> None:
    """Hand the heap memory that freed objects left back to the operating system (glibc's
    ``malloc_trim``; nothing elsewhere).

    A partition's documents are large strings and lists allocated between longer-lived ones; once
    freed, their pages stay in the process (and in its RSS) unless trimmed, so a streaming stage's
    resident size would grow with the corpus although its live data does not. Called after each
    partition is written or read (a few milliseconds).
    """
    trim = _libc_trim()
    if trim is not None:
        trim(0)


def spill_folder(root: Path) -> Path:
    """A new folder for partitions that are not cached: under ``root`` when it can be written, else in
    the system's temporary folder."""
    try:
        Path(root).mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(prefix="spill-", dir=root))
    except OSError:
        return Path(tempfile.mkdtemp(prefix="speechtopics-spill-"))


def write_parts(folder: Path, items: Iterable, part_size: int, spill: bool = False) -> PartitionedList:
    """Write ``items`` (consumed once) to ``folder`` as partitions of ``part_size`` items and a
    ``parts.json`` listing their lengths (written last: a folder without it is incomplete)."""
    writer = PartWriter(folder, part_size, spill=spill)
    for item in items:
        writer.append(item)
    return writer.close()


class PartWriter:
    """Appends items to a partitioned list in ``folder``, one partition (:func:`dump_part`) per ``part_size`` items;
    :meth:`close` writes ``parts.json`` and returns the :class:`PartitionedList`."""

    def __init__(self, folder: Path, part_size: int, spill: bool = False):
        self.folder, self.part_size, self.spill = Path(folder), part_size, spill
        self.folder.mkdir(parents=True, exist_ok=True)
        self.lengths: list[int] = []
        self.buf: list = []

    def append(self, item) -> None:
        self.buf.append(item)
        if len(self.buf) == self.part_size:
            self._flush()

    def _flush(self) -> None:
        with open(self.folder / f"part-{len(self.lengths):05d}.pkl", "wb") as fh:
            dump_part(self.buf, fh)
        self.lengths.append(len(self.buf))
        self.buf = []
        release_memory()

    def add_file(self, path: str | Path, n: int) -> None:
        """Move a partition file of ``n`` items written elsewhere (:func:`dump_part`) in as the next partition."""
        if self.buf:
            self._flush()
        shutil.move(str(path), self.folder / f"part-{len(self.lengths):05d}.pkl")
        self.lengths.append(n)

    def close(self) -> PartitionedList:
        if self.buf:
            self._flush()
        (self.folder / "parts.json").write_text(json.dumps({"lengths": self.lengths}), encoding="utf-8")
        return PartitionedList(self.folder, self.lengths, spill=self.spill)


class PartitionedList(Sequence):
    """A read-only list stored as partitions (:func:`dump_part`) in a folder, loaded one partition at a time.

    Iteration holds one partition in memory; indexing loads the partition of the index (the last one
    loaded is kept); a slice is a plain list. Pickling it pickles the folder's path, not the items.

    Examples
    --------
    >>> import tempfile
    >>> items = write_parts(tempfile.mkdtemp(), ({"n": i} for i in range(5)), part_size=2, spill=True)
    >>> len(items), items[3], [d["n"] for d in items], items[-1], items[1:3]
    (5, {'n': 3}, [0, 1, 2, 3, 4], {'n': 4}, [{'n': 1}, {'n': 2}])
    """

    def __init__(self, folder: Path, lengths: list[int], spill: bool = False, files: list[str] | None = None):
        self.folder = Path(folder)
        self.lengths = list(lengths)
        self.files = list(files) if files is not None else [f"part-{i:05d}.pkl" for i in range(len(lengths))]
        self.starts = [0]
        for n in self.lengths:
            self.starts.append(self.starts[-1] + n)
        self._loaded: tuple[int, list] | None = None
        if spill:  # the folder goes when the list does (or at exit)
            weakref.finalize(self, shutil.rmtree, str(self.folder), True)

    @classmethod
    def open(cls, folder: Path) -> PartitionedList | None:
        """The complete partitioned list in ``folder``, or None when there is none."""
        manifest = Path(folder) / "parts.json"
        if not manifest.exists():
            return None
        meta = json.loads(manifest.read_text(encoding="utf-8"))
        return cls(folder, meta["lengths"], files=meta.get("files"))

    def __len__(self) -> int:
        return self.starts[-1]

    def part(self, i: int) -> list:
        """Partition ``i`` (a list)."""
        if self._loaded is None or self._loaded[0] != i:
            with open(self.folder / self.files[i], "rb") as fh:
                self._loaded = (i, load_part(fh))
        return self._loaded[1]

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[j] for j in range(len(self))[i]]
        i = range(len(self))[int(i)]
        p = bisect.bisect_right(self.starts, i) - 1
        return self.part(p)[i - self.starts[p]]

    def __iter__(self) -> Iterator:
        for name in self.files:
            with open(self.folder / name, "rb") as fh:
                part = load_part(fh)
            yield from part
            del part
            release_memory()

    def __getstate__(self):
        return {"folder": self.folder, "lengths": self.lengths, "files": self.files}

    def __setstate__(self, state):
        self.__init__(state["folder"], state["lengths"], files=state.get("files"))

    def __eq__(self, other) -> bool:
        if isinstance(other, Sequence) and not isinstance(other, str):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other))
        return NotImplemented

    __hash__ = None

    def __repr__(self) -> str:
        return f"PartitionedList({len(self)} items in {len(self.lengths)} partitions at {self.folder})"
