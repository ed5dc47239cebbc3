"""Lists stored on disk as partitions, read back one partition at a time.

This module owns the partition files: a partition of records (dicts) is a Parquet file
(:mod:`speechtopics.parquet_parts`), so a stage's stored partitions are a Parquet dataset; any other list,
and the short-lived files tasks hand over between passes, are :func:`dump_part` files (marshal for plain
data, pickle otherwise). It also owns writing a long list as it streams (:class:`PartWriter`, :func:`write_parts`),
reading it back lazily (:class:`PartitionedList`), spill folders for partitions that are not cached
(:func:`spill_folder`) and handing freed heap pages back to the system (:func:`release_memory`).
"""

from __future__ import annotations

import bisect
import ctypes
import functools
import json
import os
import shutil
import sys
import tempfile
import weakref
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from speechtopics.parquet_parts import is_plain, pack_value, read_records, unpack_value, write_records
from speechtopics.safeio import temp_file

#: The file that lists a partitioned list's files and lengths. Its leading underscore makes Parquet
#: readers skip it, so ``pandas.read_parquet(folder)`` reads the partitions of records as one dataset.
MANIFEST = "_parts.json"

__all__ = ["MANIFEST", "dump_part", "load_part", "write_part", "read_part", "store_items", "load_items", "is_plain",
           "release_memory", "spill_folder", "write_parts", "PartWriter", "PartitionedList"]

def dump_part(items: list, fh) -> None:
    """Write one partition (a list) to the binary file ``fh``: marshal for plain data, else pickle
    (:func:`~speechtopics.parquet_parts.pack_value`)."""
    fh.write(pack_value(items))


def write_part(items: list, path: str | Path) -> Path:
    """Write one partition to ``path``: a Parquet file when ``path`` ends in ``.parquet`` and the items are
    records (:func:`~speechtopics.parquet_parts.write_records`), else a :func:`dump_part` file (its
    suffix ``.pkl``). Returns the path written."""
    path = Path(path)
    if path.suffix == ".parquet" and write_records(items, path):
        return path
    path = path.with_suffix(".pkl")
    fd, tmp = temp_file(path.parent)
    with os.fdopen(fd, "wb") as fh:
        dump_part(items, fh)
    os.replace(tmp, path)
    return path


def read_part(path: str | Path) -> list:
    """The items of a partition file written by :func:`write_part` (either format)."""
    if Path(path).suffix == ".parquet":
        return read_records(path)
    with open(path, "rb") as fh:
        return load_part(fh)


def store_items(items: list, path: str | None):
    """How a task hands a list back: written to the partition file ``path`` (:func:`write_part`) and the
    path written returned, or, when ``path`` is None, the list itself."""
    if path is None:
        return items
    return str(write_part(items, path))


def load_items(source, remove: bool = False) -> list:
    """The list handed over by :func:`store_items` (or a stored partition's file): ``source`` itself
    when it is a list, else the file's items, the file removed after reading when ``remove``."""
    if not isinstance(source, (str, Path)):
        return source
    items = read_part(source)
    if remove:
        Path(source).unlink()
    return items


def load_part(fh) -> list:
    """Read a partition written by :func:`dump_part` (or pickled by an older version)."""
    return unpack_value(fh.read())


@functools.lru_cache(maxsize=1)
def _libc_trim():
    try:
        return ctypes.CDLL("libc.so.6").malloc_trim
    except (OSError, AttributeError):  # not glibc (macOS, Windows, musl): nothing to call
        return None


def release_memory() -> None:
    """Hand the heap memory that freed objects left back to the operating system (glibc's
    ``malloc_trim``, nothing on other C libraries; and Arrow's memory pool, once pyarrow is loaded).

    A partition's documents are large strings and lists allocated between longer-lived ones; once
    freed, their pages stay in the process (and in its RSS) unless trimmed, so a streaming stage's
    resident size would grow with the corpus although its live data does not. Called after each
    partition is written or read (a few milliseconds).
    """
    trim = _libc_trim()
    if trim is not None:
        trim(0)
    arrow = sys.modules.get("pyarrow")  # Parquet partitions: Arrow's own allocator keeps freed pages too
    if arrow is not None:
        arrow.default_memory_pool().release_unused()


#: Name prefix of a spill folder under a run's interim folder.
SPILL_PREFIX = "spill-"


def spill_folder(root: Path) -> Path:
    """A new folder for partitions that are not cached: under ``root`` when it can be written, else in
    the system's temporary folder."""
    try:
        Path(root).mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(prefix=SPILL_PREFIX, dir=root))
    except OSError:
        return Path(tempfile.mkdtemp(prefix="speechtopics-spill-"))


def write_parts(folder: Path, items: Iterable, part_size: int, spill: bool = False) -> PartitionedList:
    """Write ``items`` (consumed once) to ``folder`` as partitions of ``part_size`` items and a
    manifest (:data:`MANIFEST`) listing their files and lengths (written last: a folder without it is
    incomplete)."""
    writer = PartWriter(folder, part_size, spill=spill)
    for item in items:
        writer.append(item)
    return writer.close()


class PartWriter:
    """Appends items to a partitioned list in ``folder``, one partition (:func:`write_part`) per
    ``part_size`` items; :meth:`close` writes the manifest and returns the :class:`PartitionedList`.

    A stored list (``spill`` false) of records is a Parquet dataset; a spill folder, read once and
    removed, holds :func:`dump_part` files (``parquet`` sets either way): they are written and read
    three to four times faster."""

    def __init__(self, folder: Path, part_size: int, spill: bool = False, parquet: bool | None = None):
        self.folder, self.part_size, self.spill = Path(folder), part_size, spill
        self.suffix = ".parquet" if (not spill if parquet is None else parquet) else ".pkl"
        self.folder.mkdir(parents=True, exist_ok=True)
        self.lengths: list[int] = []
        self.files: list[str] = []
        self.buf: list = []

    def append(self, item) -> None:
        self.buf.append(item)
        if len(self.buf) == self.part_size:
            self._flush()

    def _flush(self) -> None:
        written = write_part(self.buf, self.folder / f"part-{len(self.lengths):05d}{self.suffix}")
        self.files.append(written.name)
        self.lengths.append(len(self.buf))
        self.buf = []
        release_memory()

    def add_file(self, path: str | Path, n: int) -> None:
        """Move a partition file of ``n`` items written elsewhere (:func:`write_part`) in as the next partition."""
        if self.buf:
            self._flush()
        name = f"part-{len(self.lengths):05d}{Path(path).suffix}"
        shutil.move(str(path), self.folder / name)
        self.files.append(name)
        self.lengths.append(n)

    def close(self) -> PartitionedList:
        if self.buf:
            self._flush()
        (self.folder / MANIFEST).write_text(json.dumps({"lengths": self.lengths, "files": self.files}),
                                                encoding="utf-8")
        return PartitionedList(self.folder, self.lengths, spill=self.spill, files=self.files)


class PartitionedList(Sequence):
    """A read-only list stored as partitions (:func:`write_part`) in a folder, loaded one partition at a time.

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
        # without a list of files: the names of versions that wrote only dump_part files
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
        manifest = Path(folder) / MANIFEST
        if not manifest.exists():
            manifest = Path(folder) / "parts.json"  # the name versions before Parquet partitions used
            if not manifest.exists():
                return None
        meta = json.loads(manifest.read_text(encoding="utf-8"))
        return cls(folder, meta["lengths"], files=meta.get("files"))

    def __len__(self) -> int:
        return self.starts[-1]

    def part(self, i: int) -> list:
        """Partition ``i`` (a list)."""
        if self._loaded is None or self._loaded[0] != i:
            self._loaded = (i, read_part(self.folder / self.files[i]))
        return self._loaded[1]

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[j] for j in range(len(self))[i]]
        i = range(len(self))[int(i)]
        p = bisect.bisect_right(self.starts, i) - 1
        return self.part(p)[i - self.starts[p]]

    def __iter__(self) -> Iterator:
        for name in self.files:
            part = read_part(self.folder / name)
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
