"""Every entry under an input folder: a file to read, or the reason it is left out.

:func:`walk` replaces a plain ``Path.glob``, which drops entries without a word (FIFOs, dangling links,
link loops, files under linked folders) and raises on a name that is not UTF-8 or a path longer than
``PATH_MAX``. Here every entry the pattern selects comes back as an :class:`Entry`; ``reason`` is None
for a regular file to read and otherwise one of:

``not a regular file`` (FIFO, socket, device), ``dangling link``, ``symlink loop``, ``hidden file
skipped``, ``Office lock file skipped`` (``~$…``), ``system file skipped (…)`` (``Thumbs.db``,
``desktop.ini``; :func:`system_file_reason`, also used inside archives), ``hidden folder skipped``,
``resource folder of a saved page skipped (…)`` (:func:`saved_page_of`), ``empty folder``, ``path too long``, ``link to a folder read under
its own path`` (a link to a folder inside the input, read where it lies), ``linked folder already read``,
``link to a file skipped (read under its own path)``, ``cannot open folder: ...``, ``cannot read entry: ...``.

Folders are listed through open folder descriptors, so a folder deeper than ``PATH_MAX`` is still
listed (its files are reported as ``path too long``: nothing downstream could open them by name). A
linked folder outside the input is followed once; a link back to a folder on the way down, or to a
folder that holds the input, is a loop. The walk is iterative (no recursion limit) and sorted by name,
so every run sees the same order.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path, PurePosixPath

__all__ = ["Entry", "walk", "printable", "shown_path", "matches", "system_file_reason", "saved_page_of", "PATH_MAX",
           "SYSTEM_FILES"]

try:
    PATH_MAX = os.pathconf("/", "PC_PATH_MAX")
except (OSError, ValueError, AttributeError):  # no pathconf (Windows) or no such name
    PATH_MAX = 4096


@dataclass(frozen=True)
class Entry:
    """One entry met by :func:`walk`.

    Attributes
    ----------
    path : Path
        The entry as walked (the resolved root joined with the names met, links not resolved); it can
        be opened by name when ``reason`` is None.
    shown : str
        :func:`shown_path` of ``path``: printable, relative to the repository when inside it.
    reason : str or None
        None for a regular file to read, else why the entry is left out.
    """

    path: Path
    shown: str
    reason: str | None = None


def inputs_folder(paths) -> Path:
    """The folder that holds every one of ``paths`` (files or folders): what files are named from, so
    that the same inputs read from another folder or working directory get the same names and ids."""
    return Path(os.path.commonpath([str(Path(p).resolve().parent) for p in paths]))


def printable(name: str | os.PathLike) -> str:
    """A name with bytes that are not UTF-8 written as ``\\xNN`` (safe to print, hash and store)."""
    return os.fsencode(name).decode("utf-8", "backslashreplace")


def shown_path(path: Path) -> str:
    """How a path appears in records and the ledger: relative to the repository when inside it."""
    from speechtopics import paths

    try:
        path = Path(path).relative_to(paths.REPO)
    except ValueError:
        pass
    return printable(str(path))


def _segments(pattern: str) -> tuple[str, ...]:
    return tuple(s for s in pattern.replace("\\", "/").split("/") if s not in ("", "."))


def matches(parts: tuple[str, ...], segs: tuple[str, ...]) -> bool:
    """True when the relative path ``parts`` matches glob segments ``segs`` (``**``: any folders)."""
    if not segs:
        return not parts
    if segs[0] == "**":
        return any(matches(parts[i:], segs[1:]) for i in range(len(parts) + 1))
    return bool(parts) and fnmatchcase(parts[0], segs[0]) and matches(parts[1:], segs[1:])


def _may_hold_matches(parts: tuple[str, ...], segs: tuple[str, ...]) -> bool:
    """True when something below folder ``parts`` could match ``segs``."""
    if not segs:
        return False
    if segs[0] == "**":
        return True
    if not parts:
        return True
    return fnmatchcase(parts[0], segs[0]) and _may_hold_matches(parts[1:], segs[1:])


def _link_error(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "symlink loop"
    if exc.errno in (errno.ENOENT, errno.ENOTDIR):
        return "dangling link"
    if exc.errno == errno.ENAMETOOLONG:
        return "path too long"
    return f"cannot follow link: {exc.strerror or exc}"


#: Files an operating system or an office suite writes beside a user's documents.
SYSTEM_FILES = {"thumbs.db": "Windows thumbnail cache", "desktop.ini": "Windows folder settings",
                "ehthumbs.db": "Windows thumbnail cache"}


def system_file_reason(name: str) -> str | None:
    """Why a file named ``name`` (a path; its parts are checked) is skipped, or None to read it."""
    parts = [p for p in PurePosixPath(name.replace("\\", "/")).parts if p not in ("", "/")]
    if any(p == "__MACOSX" for p in parts[:-1]):
        return "macOS resource file skipped"
    base = parts[-1] if parts else name
    if base.startswith("."):
        return "hidden file skipped"
    if base.startswith("~$"):
        return "Office lock file skipped"
    if base.lower() in SYSTEM_FILES:
        return f"system file skipped ({SYSTEM_FILES[base.lower()]})"
    return None


def _file_reason(name: str, path: Path, st: os.stat_result) -> str | None:
    skip = system_file_reason(name)
    if skip:
        return skip
    if not stat.S_ISREG(st.st_mode):
        return "not a regular file"
    if len(os.fsencode(path)) >= PATH_MAX:
        return "path too long"
    return None


def _open_folder(fd: int | None, name: str) -> tuple[int, list[str]] | str:
    """An open descriptor and the sorted names of folder ``name`` (in folder ``fd``, or a path when
    ``fd`` is None), or why it cannot be listed."""
    try:
        sub = os.open(name, os.O_RDONLY | os.O_DIRECTORY, dir_fd=fd)
    except OSError as exc:
        return f"cannot open folder: {exc.strerror or exc}"
    try:
        names = sorted(os.listdir(sub))
    except OSError as exc:
        os.close(sub)
        return f"cannot open folder: {exc.strerror or exc}"
    if not names:
        os.close(sub)
        return "empty folder"
    return sub, names


#: Endings of the folder a browser's "save page, complete" writes beside the page (styles, scripts,
#: images, frames): ``讲话全文_files`` beside ``讲话全文.html`` (Chrome, Firefox, Edge, and their Chinese
#: versions), ``讲话全文.files`` (Safari, some IE versions).
SAVED_PAGE_FOLDERS = ("_files", ".files")


def saved_page_of(folder: Path) -> str | None:
    """The page (``讲话全文.html``) whose saved resources ``folder`` (``讲话全文_files``) holds, or None."""
    name = folder.name
    for end in SAVED_PAGE_FOLDERS:
        if name.endswith(end) and len(name) > len(end):
            for ext in (".html", ".htm", ".shtml", ".xhtml"):
                page = name[: -len(end)] + ext
                try:
                    if folder.with_name(page).is_file():
                        return page
                except OSError:
                    return None
    return None


def walk(root: str | Path, pattern: str = "**/*") -> Iterator[Entry]:
    """Every entry under ``root`` that ``pattern`` selects, each a file to read or a reason.

    Parameters
    ----------
    root : str or Path
        A folder, or one file (then the pattern is not applied).
    pattern : str
        A glob relative to ``root`` as ``Path.glob`` reads it (``**`` for any folders; ``*`` also
        matches names starting with a dot, which are then reported as hidden).

    Yields
    ------
    Entry
        In a stable, sorted order. Nothing is raised for an entry; only the root must be readable.
    """
    root = Path(root)
    try:
        st = os.stat(root)
    except OSError as exc:
        yield Entry(root, printable(str(root)), _link_error(exc))
        return
    if not stat.S_ISDIR(st.st_mode):
        yield Entry(root, shown_path(root.resolve()),
                    None if stat.S_ISREG(st.st_mode) else "not a regular file")
        return
    yield from _Walk(root.resolve(), _segments(pattern)).run(root, st)


class _Walk:
    """State of one walk: the root, the pattern and the linked folders already followed."""

    def __init__(self, base: Path, segs: tuple[str, ...]):
        self.base = base
        self.segs = segs
        self.followed: set[tuple[int, int]] = set()

    def entry(self, parts: tuple[str, ...], reason: str | None) -> Entry:
        path = self.base.joinpath(*parts)
        return Entry(path, shown_path(path), reason)

    def run(self, root: Path, st: os.stat_result) -> Iterator[Entry]:
        opened = _open_folder(None, str(root))
        if isinstance(opened, str):
            if opened != "empty folder":  # an empty input folder simply holds no documents
                yield Entry(self.base, shown_path(self.base), opened)
            return
        fd, names = opened
        # one frame per open folder: (descriptor, relative parts, names left, (dev, inode) of it and above)
        frames = [(fd, (), iter(names), ((st.st_dev, st.st_ino),))]
        try:
            while frames:
                fd, parts, names, keys = frames[-1]
                name = next(names, None)
                if name is None:
                    os.close(frames.pop()[0])
                    continue
                frame = yield from self.visit(fd, (*parts, name), keys)
                if frame:
                    frames.append(frame)
        finally:
            for frame in frames:
                os.close(frame[0])

    def visit(self, fd: int, rel: tuple[str, ...], keys: tuple):
        """Report one entry (a generator); return a frame to descend into, or None."""
        name, wanted = rel[-1], matches(rel, self.segs)
        try:
            lst = os.stat(name, dir_fd=fd, follow_symlinks=False)
        except OSError as exc:
            if wanted:
                yield self.entry(rel, f"cannot read entry: {exc.strerror or exc}")
            return None
        link = stat.S_ISLNK(lst.st_mode)
        try:
            st = os.stat(name, dir_fd=fd) if link else lst
        except OSError as exc:
            if wanted:
                yield self.entry(rel, _link_error(exc))
            return None
        if not stat.S_ISDIR(st.st_mode):
            if wanted:
                inside = link and stat.S_ISREG(st.st_mode) and self.links_inside(rel)
                yield self.entry(rel, "link to a file skipped (read under its own path)" if inside
                                 else _file_reason(name, self.base.joinpath(*rel), st))
            return None
        if not (wanted or _may_hold_matches(rel, self.segs)):
            return None
        opened = self.folder_reason(rel, st, keys, link) or _open_folder(fd, name)
        if isinstance(opened, str):
            yield self.entry(rel, opened)
            return None
        sub, names = opened
        return sub, rel, iter(names), (*keys, (st.st_dev, st.st_ino))

    def links_inside(self, rel: tuple[str, ...]) -> bool:
        """Whether the link at ``rel`` points to a file inside the input (read there, not twice)."""
        try:
            return Path(os.path.realpath(self.base.joinpath(*rel))).is_relative_to(self.base)
        except (OSError, ValueError):
            return False

    def folder_reason(self, rel: tuple[str, ...], st: os.stat_result, keys: tuple, link: bool) -> str | None:
        """Why a folder is not descended into, or None."""
        key = (st.st_dev, st.st_ino)
        if rel[-1].startswith("."):
            return "hidden folder skipped"
        page = saved_page_of(self.base.joinpath(*rel))
        if page:
            return f"resource folder of a saved page skipped ({page})"
        if key in keys:
            return "symlink loop"
        if not link:
            return None
        try:
            target = Path(os.path.realpath(self.base.joinpath(*rel)))
        except (OSError, ValueError):
            return "path too long"
        if self.base.is_relative_to(target):
            return "symlink loop"  # the link holds the input folder itself
        if target.is_relative_to(self.base):
            return "link to a folder read under its own path"
        if key in self.followed:
            return "linked folder already read"
        self.followed.add(key)
        return None
