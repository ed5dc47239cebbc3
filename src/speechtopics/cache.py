"""The one cache boundary: stage outputs stored in ``data/interim`` keyed by input and config hashes.

A stage never reads or writes the cache itself; the project (:class:`speechtopics.project.Project`) asks :func:`cached` for a
value, giving a key built from the hashes of everything the stage depends on. Values are pickled with
joblib (atomic write: temp file, then rename), so an interrupted run never leaves a half-written entry.

A stage whose output is a long list of records (the segmented corpus) is stored in partitions instead
(:meth:`Cache.cached_parts`): written one partition at a time as the stage streams, read back as a
:class:`~speechtopics.partitions.PartitionedList` that loads one partition at a time, so neither the
stage nor its reader holds the whole list. With the cache off, the partitions are a spill folder
removed when the list is. :func:`remove_leftovers` removes the temporary files and spill folders that a
run killed outright (SIGKILL, a power cut) could not remove itself.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

import joblib

from speechtopics.addressing import ChunkMemo, content_digest
from speechtopics.partitions import (  # noqa: F401  (re-exported: the partitions a cached stage returns)
    MANIFEST,
    PartitionedList,
    PartWriter,
    dump_part,
    load_part,
    release_memory,
    spill_folder,
    write_part,
    write_parts,
)
from speechtopics.safeio import temp_file, temp_folder

T = TypeVar("T")


def hash_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def hash_file(path: Path, chunk: int = 1 << 20) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while block := fh.read(chunk):
            h.update(block)
    return h.hexdigest()


def hash_files(files: Iterable[Path], base: Path) -> list[list[str]]:
    """``[name, sha256]`` of each file, sorted by name: the name is the file's path relative to ``base``
    (POSIX, ``../corpus/…`` for one beside it), so a renamed file changes the result and a project folder
    copied elsewhere does not, while a new modification time with the same bytes changes nothing.

    Parameters
    ----------
    files : iterable of Path
        The files (absolute, or relative to the working directory).
    base : Path
        The folder names are relative to (a project's folder).

    Returns
    -------
    list of [str, str]
        One ``[name, sha256]`` pair per distinct file.
    """
    base = Path(base).resolve()
    named = {Path(os.path.relpath(Path(f).resolve(), base)).as_posix(): Path(f) for f in files}
    return [[name, hash_file(named[name])] for name in sorted(named)]


def hash_obj(obj: Any) -> str:
    """Hash of a JSON-serialisable object (sorted keys), e.g. a config slice or a list of hashes."""
    from speechtopics.config import to_dict

    blob = json.dumps(to_dict(obj), sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


#: Names of what a write in progress or an uncached stage leaves when its process is killed outright.
LEFTOVER_SUFFIX = ".tmp"
LEFTOVER_PREFIXES = ("spill-",)


def remove_leftovers(folders: Iterable[Path], older_than: float = 3600.0) -> tuple[int, int]:
    """Remove the temporary files and folders (``*.tmp``, ``spill-*``) under ``folders`` that were last
    changed more than ``older_than`` seconds ago: what a run killed outright left behind.

    Call it only while holding the project's lock (:func:`speechtopics.lock.project_lock`), so that
    no other run is writing them; the age keeps the files of an unlocked Python session that is
    writing at that moment.

    Returns
    -------
    tuple of (int, int)
        How many were removed and their size in bytes.

    Examples
    --------
    >>> import os, tempfile
    >>> from pathlib import Path
    >>> from speechtopics.cache import remove_leftovers
    >>> folder = Path(tempfile.mkdtemp()); (folder / "x.pkl.tmp").write_bytes(b"abc")
    3
    >>> os.utime(folder / "x.pkl.tmp", (0, 0)); remove_leftovers([folder])
    (1, 3)
    """
    import time

    cutoff = time.time() - older_than
    found: list[Path] = []
    for folder in folders:
        folder = Path(folder)
        if not folder.is_dir():
            continue
        for dirpath, dirnames, filenames in os.walk(folder):
            for name in list(dirnames):
                if name.endswith(LEFTOVER_SUFFIX) or name.startswith(LEFTOVER_PREFIXES):
                    found.append(Path(dirpath) / name)
                    dirnames.remove(name)  # removed whole below
            found += [Path(dirpath) / n for n in filenames if n.endswith(LEFTOVER_SUFFIX)]
    count = size = 0
    for path in found:
        try:
            if path.is_symlink() or path.lstat().st_mtime > cutoff:
                continue
            if path.is_dir():
                files = [p for p in path.rglob("*") if p.is_file() and not p.is_symlink()]
                if any(p.stat().st_mtime > cutoff for p in files):
                    continue
                nbytes = sum(p.stat().st_size for p in files)
                shutil.rmtree(path)
            else:
                nbytes = path.stat().st_size
                path.unlink()
        except OSError:
            continue  # gone already, or not ours to remove: left as it is
        count, size = count + 1, size + nbytes
    return count, size


class Cache:
    """A folder of joblib pickles named ``<stage>/<key>.joblib``."""

    def __init__(self, root: Path, enabled: bool = True):
        self.root = Path(root)
        self.enabled = enabled
        self.hits: list[str] = []
        self.misses: list[str] = []
        #: Per stage, its stored per-chunk results (:meth:`memo`): how many were found and computed.
        self.memos: dict[str, ChunkMemo] = {}

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
        fd, tmp = temp_file(p.parent)
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

    def memo(self, stage: str, base: str) -> ChunkMemo:
        """The per-chunk results of ``stage`` stored by content (``<stage>/by_content/``) under ``base``
        (the stage's code and settings, not its upstream key); with the cache off, one that stores nothing."""
        memo = ChunkMemo(self.root / stage / "by_content" if self.enabled else None, base)
        self.memos[stage] = memo
        return memo

    def memo_note(self, stage: str, what: str = "chunks") -> str:
        """``" (3 of 40 chunks computed, 37 stored before)"``, when this run computed ``stage`` with
        stored per-chunk results; ``" (stored before)"`` when it read the whole stage back; else ``""``."""
        memo = self.memos.get(stage)
        if memo is not None and memo.enabled:
            return f" ({memo.line(what)})"
        return " (stored before)" if stage in self.hits and stage not in self.misses else ""

    def counts(self) -> str:
        """``"6 stages stored before, 0 computed"``: the stages this run read back and computed, each once."""
        computed = set(self.misses)
        return f"{len(set(self.hits) - computed)} stages stored before, {len(computed)} computed"

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
        tmp = temp_folder(final.parent)
        try:
            write_parts(tmp, compute(), part_size)
            shutil.rmtree(final, ignore_errors=True)
            os.replace(tmp, final)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        return PartitionedList.open(final)

    def cached_split(self, stage: str, key: str, field: str, compute: Callable[[Callable, Callable], dict],
                     part_size: int = 256, parquet: dict[str, tuple[Callable, Callable]] | None = None) -> dict:
        """A dict value whose ``field`` is a long list: the list stored in partitions
        (``<stage>/<key>.parts``), the rest of the dict as one pickle beside it.

        ``compute(spool, out)`` builds the value; ``spool()`` gives a :class:`PartWriter` for lists it needs
        between passes (a spill folder, removed with its list), ``out()`` the writer of ``field``'s list.
        ``parquet`` names fields of the rest stored as their own Parquet file (``<key>.<name>.parquet``)
        by a pair ``(write(value, path), read(path))``. A hit needs the pickle, those files and the
        complete partitions.
        """
        final = self.parts_path(stage, key)
        tables = {name: self.root / stage / f"{key[:24]}.{name}.parquet" for name in parquet or {}}
        if self.enabled:
            hit, rest = self.get(stage, key)
            items = PartitionedList.open(final) if hit else None
            if items is not None and all(p.exists() for p in tables.values()):
                try:
                    rest |= {name: parquet[name][1](path) for name, path in tables.items()}
                except Exception:  # a corrupt entry is recomputed, never trusted
                    rest = None
            if items is not None and rest is not None and all(name in rest for name in tables):
                self.hits.append(stage)
                return {**rest, field: items}
        self.misses.append(stage)

        def spool() -> PartWriter:
            return PartWriter(spill_folder(self.root), part_size, spill=True)
        if not self.enabled:
            return compute(spool, spool)
        final.parent.mkdir(parents=True, exist_ok=True)
        tmp = temp_folder(final.parent)
        try:
            value = compute(spool, lambda: PartWriter(tmp, part_size))
            shutil.rmtree(final, ignore_errors=True)
            os.replace(tmp, final)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        for name, path in tables.items():
            fd, tmp_file = temp_file(path.parent)
            os.close(fd)
            parquet[name][0](value[name], tmp_file)
            os.replace(tmp_file, path)
        self.put(stage, key, {k: v for k, v in value.items() if k != field and k not in tables})
        return {**{k: v for k, v in value.items() if k != field}, field: PartitionedList.open(final)}

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
        if not self.enabled:  # a spill folder (marshal)
            return self.cached_parts(stage, key, lambda: compute(item for part in inputs for item in part))
        final = self.parts_path(stage, key)
        hit = PartitionedList.open(final)
        if hit is not None:
            self.hits.append(stage)
            return hit
        self.misses.append(stage)
        memo = self.memo(stage, base() if callable(base) else base)
        store = memo.folder
        names: list[str] = []
        lengths: list[int] = []
        missing: list[tuple[str, int]] = []

        def feed():
            for part in inputs:
                # marshal, not Parquet: these documents are the clean records (a Parquet dataset) joined
                # with the segment stage's tokens (Parquet chunks); written and read 3.5 to 4 times faster
                name = memo.key(content_digest(part)) + ".pkl"
                names.append(name)
                lengths.append(len(part))
                if (store / name).exists():
                    memo.found += 1
                else:
                    memo.computed += 1
                    missing.append((name, len(part)))
                    yield from part
        buf: list = []
        done = 0
        for item in compute(feed()):
            buf.append(item)
            name, n = missing[done]
            if len(buf) == n:
                write_part(buf, store / name)
                buf, done = [], done + 1
        final.parent.mkdir(parents=True, exist_ok=True)
        tmp = temp_folder(final.parent)
        (tmp / MANIFEST).write_text(json.dumps({"lengths": lengths, "files": [f"../by_content/{n}" for n in names]}),
                                        encoding="utf-8")
        shutil.rmtree(final, ignore_errors=True)
        os.replace(tmp, final)
        return PartitionedList.open(final)

