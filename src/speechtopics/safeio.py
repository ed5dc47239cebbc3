"""Writes that a crash cannot tear, and paths read from files that must stay inside one folder.

:func:`atomic_write_text` writes to a temporary file in the target's own folder and renames it over the
target (``os.replace``), so a reader sees the old file or the new one, never half of one.
:func:`contained` answers whether a path named by a file (a registry line, a stamp) lies inside a
folder, with symbolic links in the folders along the way resolved, so ``../x``, an absolute path or a
linked folder pointing elsewhere cannot make the tool delete or write outside it.
:func:`temp_file` and :func:`temp_folder` make the temporary file or folder that such a write renames
into place, with the permissions an ordinary new file or folder gets (``tempfile`` makes them private to
the user: a project's cache and reports would then be unreadable to the co-authors who share it).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

__all__ = ["atomic_write_text", "contained", "temp_file", "temp_folder", "UnsafePathWarning"]


class UnsafePathWarning(UserWarning):
    """A path read from a file points outside the folder it must stay in; it was skipped."""


def current_umask() -> int:
    """The process's file-mode creation mask (read without changing it where the system tells it)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)  # elsewhere: read by setting, then put back at once
    os.umask(mask)
    return mask


def temp_file(folder: Path | str, prefix: str = "", suffix: str = ".tmp") -> tuple[int, str]:
    """``tempfile.mkstemp`` in ``folder``, its mode that of an ordinary new file (0666 less the umask).

    Returns
    -------
    tuple of (int, str)
        The open file descriptor and the path, as ``mkstemp`` returns them.

    Examples
    --------
    >>> import os, tempfile
    >>> from speechtopics.safeio import temp_file
    >>> fd, path = temp_file(tempfile.mkdtemp())
    >>> os.close(fd); oct(os.stat(path).st_mode & 0o777) == oct(0o666 & ~current_umask())
    True
    """
    fd, path = tempfile.mkstemp(dir=folder, prefix=prefix, suffix=suffix)
    os.chmod(path, 0o666 & ~current_umask())
    return fd, path


def temp_folder(folder: Path | str, prefix: str | None = None, suffix: str = ".tmp") -> Path:
    """``tempfile.mkdtemp`` in ``folder``, its mode that of an ordinary new folder (0777 less the umask)."""
    path = tempfile.mkdtemp(dir=folder, prefix=prefix, suffix=suffix)
    os.chmod(path, 0o777 & ~current_umask())
    return Path(path)


def atomic_write_text(path: Path, text: str, encoding: str = "utf-8") -> Path:
    """Write ``text`` to ``path`` atomically (temp file in the same folder, then ``os.replace``).

    Parameters
    ----------
    path : Path
        The file to create or replace; its folder is created when missing.
    text : str
        The whole new content (written with ``\\n`` line ends, no translation).
    encoding : str
        Text encoding.

    Returns
    -------
    Path
        ``path``.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = temp_file(path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "w", encoding=encoding, newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def contained(folder: Path, relative: str | Path) -> Path | None:
    """``folder / relative`` with its folders resolved, or None when that lies outside ``folder``.

    The last part is not resolved (a link inside the folder is itself inside, whatever it points to:
    deleting it removes the link only). Absolute paths elsewhere, ``..`` that climb out, empty names,
    NUL bytes and links among the parent folders that lead elsewhere all give None.

    Parameters
    ----------
    folder : Path
        The folder the path must stay in.
    relative : str or Path
        A path as read from a file, meant relative to ``folder``.

    Returns
    -------
    Path or None
        The safe, absolute path, or None.
    """
    try:
        root = Path(folder).resolve()
        candidate = Path(folder) / relative
        name = candidate.name
        if name in ("", ".", "..") or "\0" in str(relative):
            return None
        target = candidate.parent.resolve() / name
        target.relative_to(root)
    except (ValueError, OSError, RuntimeError):  # outside, or a path the OS cannot resolve
        return None
    return target if target != root else None
