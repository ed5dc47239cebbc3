"""The files inside an archive: ``.zip``, ``.gz``, ``.tar`` and ``.tar.gz``/``.tgz``, read with the standard library.

This module owns opening an archive and listing its members for :mod:`speechtopics.ingest`, which reads
each member as if it stood in a folder:

* every member is reported on its own, so one unreadable member (a bad CRC, a password) costs that
  member, not the archive: :func:`archive_members` yields ``(name, bytes)`` or ``(name, reason)``;
* the files a system adds and a user never wrote (``__MACOSX/`` resource forks, ``.DS_Store`` and other
  dot files, ``Thumbs.db``, ``desktop.ini``, Office lock files ``~$…``) are skipped with a reason, as they
  are in a folder (:func:`speechtopics.filewalk.system_file_reason`);
* member names a Windows zip tool stored in the local code page (GBK) without the UTF-8 flag are
  decoded as such, not shown as cp437 mojibake;
* a ``.gz`` holds one file (a ``.tar.gz`` holds a ``.tar``, which is opened in turn); more than
  :data:`MAX_ARCHIVE_BYTES` uncompressed stops the archive with a ``ValueError``.
"""

from __future__ import annotations

import gzip
import io
import tarfile
import zipfile
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path, PurePosixPath

from speechtopics.filewalk import system_file_reason

__all__ = ["MAX_ARCHIVE_BYTES", "archive_members"]

#: Uncompressed bytes read from one archive at most (a zip bomb stops here with a ledger row).
MAX_ARCHIVE_BYTES = 2 << 30
_ZIP_UTF8_FLAG = 0x800


def _safe_name(name: str) -> str:
    parts = [p for p in PurePosixPath(name.replace("\\", "/")).parts if p not in ("", ".", "..", "/")]
    return "/".join(parts) or name


def _zip_name(info: zipfile.ZipInfo) -> str:
    """A member's name; without the UTF-8 flag, bytes stored as UTF-8 or GBK are decoded as such."""
    if info.flag_bits & _ZIP_UTF8_FLAG:
        return info.filename
    try:
        raw = info.filename.encode("cp437")
    except UnicodeEncodeError:
        return info.filename
    for encoding in ("utf-8", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return info.filename


def _budget(total: int, size: int) -> int:
    total += size
    if total > MAX_ARCHIVE_BYTES:
        raise ValueError("archive larger than 2 GiB uncompressed")
    return total


def _each_member(entries: Iterator[tuple[str, int, Callable[[], bytes]]],
                 errors: tuple[type[BaseException], ...]) -> Iterator[tuple[str, bytes | str]]:
    """``(name, bytes or reason)`` of ``(stored name, size, read)`` entries: system files skipped, the
    size budget kept, a member that cannot be read (``errors``) reported on its own."""
    total = 0
    for stored, size, read in entries:
        name = _safe_name(stored)
        skip = system_file_reason(name)
        if skip:
            yield name, skip
            continue
        total = _budget(total, size)
        try:
            body: bytes | str = read()
        except errors as exc:  # a bad CRC, an encrypted member, an unsupported compression
            body = f"cannot read archive member: {str(exc)[:200]}"
        yield name, body


def _zip_members(data: bytes) -> Iterator[tuple[str, bytes | str]]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        entries = ((_zip_name(i), i.file_size, partial(zf.read, i)) for i in zf.infolist() if not i.is_dir())
        yield from _each_member(entries, (zipfile.BadZipFile, RuntimeError, NotImplementedError, OSError, EOFError))


def _tar_read(tf: tarfile.TarFile, info: tarfile.TarInfo) -> bytes:
    fh = tf.extractfile(info)
    if fh is None:
        raise tarfile.TarError("not a regular file")
    return fh.read()


def _tar_members(data: bytes) -> Iterator[tuple[str, bytes | str]]:
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:*") as tf:
        infos = list(tf)
        for i in infos:  # a link inside a tar is not followed: it names a file read where it lies
            if i.issym() or i.islnk():
                yield i.name, f"link inside the archive skipped (to {i.linkname})"
        entries = ((i.name, i.size, partial(_tar_read, tf, i)) for i in infos if i.isfile())
        yield from _each_member(entries, (tarfile.TarError, OSError, EOFError))


def archive_members(path: Path, data: bytes) -> Iterator[tuple[str, bytes | str]]:
    """``(member name, bytes)`` of the regular files inside an archive, in stored order, or
    ``(member name, reason)`` for a member that is skipped (a system file) or cannot be read.

    Folder entries are left out; names are relative POSIX paths (no ``..``). A ``.tgz`` or ``.tar.gz`` is
    read as a tar; another ``.gz`` yields its one file (named by the archive's stem). A link member of a
    tar is a ``(name, reason)``: it is not followed.
    Raises ``ValueError`` past :data:`MAX_ARCHIVE_BYTES` uncompressed, and the library's error when
    the archive itself cannot be opened.
    """
    suffix = path.suffix.lower()
    if path.name.lower().endswith((".tar.gz", ".tar.bz2", ".tar.xz")):
        suffix = ".tgz"  # one archive, not a tar inside a gzip: it counts once against the nesting limit
    if suffix == ".gz":
        with gzip.open(io.BytesIO(data)) as fh:
            body = fh.read(MAX_ARCHIVE_BYTES + 1)
        _budget(0, len(body))
        yield path.stem, body
    elif suffix in (".tar", ".tgz"):
        yield from _tar_members(data)
    else:
        yield from _zip_members(data)
