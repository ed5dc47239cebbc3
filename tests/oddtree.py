"""Build odd input trees from a spec (tests/data/odd_folder.yaml, or one a fuzz test draws) and check
that ingest accounts for every entry."""

from __future__ import annotations

import os
import re
import socket

from speechtopics.filewalk import PATH_MAX

ROW_MARK = re.compile(r"#(?:row|line|item)\d+$")  # how a table file's row is named in its source

def name_bytes(part: str) -> bytes:
    return bytes.fromhex(part[4:]) if part.startswith("hex:") else part.encode("utf-8")


def content(e: dict) -> bytes:
    if "hex" in e:
        return bytes.fromhex(e["hex"])
    text = e.get("text", "") * e.get("times", 1) + "字" * e.get("big_field", 0)
    return bytes.fromhex(e.get("before_hex", "")) + text.encode(e.get("encoding", "utf-8")) + \
        bytes.fromhex(e.get("after_hex", ""))


def deep_file(folder: bytes, name: bytes, data: bytes) -> bytes:
    """A file below enough 200-byte folders that its path exceeds PATH_MAX (made through descriptors)."""
    fd = os.open(folder, os.O_RDONLY)
    path = folder
    try:
        while len(path) < PATH_MAX + 100:
            seg = b"d" * 200
            os.mkdir(seg, dir_fd=fd)
            nxt = os.open(seg, os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd, path = nxt, path + b"/" + seg
        out = os.open(name, os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd)
        os.write(out, data)
        os.close(out)
    finally:
        os.close(fd)
    return path + b"/" + name


def make(root: bytes, e: dict) -> bytes:
    """Create one spec entry under ``root`` (its folders too); return its path.

    Raises
    ------
    OSError
        When the entry cannot be made (a folder on its path is a file, its name is taken).
    """
    parts = [name_bytes(p) for p in e["path"]]
    parent = os.path.join(root, *parts[:-1]) if len(parts) > 1 else root
    os.makedirs(parent, exist_ok=True)
    full = os.path.join(parent, parts[-1])
    kind = e["kind"]
    if kind == "file":
        fd = os.open(full, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        with open(fd, "wb") as fh:
            fh.write(content(e))
    elif kind == "dir":
        os.mkdir(full)
    elif kind == "fifo":
        os.mkfifo(full)
    elif kind == "socket":
        here = os.getcwd()
        os.chdir(parent)  # a socket's path must fit 108 bytes: bind a relative name
        try:
            with socket.socket(socket.AF_UNIX) as s:
                s.bind(parts[-1])
        finally:
            os.chdir(here)
    elif kind == "symlink":
        os.symlink(name_bytes(e["target"]), full)
    elif kind == "deep":
        os.mkdir(full)
        full = deep_file(full, b"deep.txt", content(e))
    return full


def build(root: bytes, entries: list[dict], strict: bool = True) -> list[bytes | None]:
    """Create the entries under ``root``; return each entry's path, in order.

    With ``strict`` False an entry that cannot be made is skipped and its path is None.
    """
    made: list[bytes | None] = []
    for e in entries:
        try:
            made.append(make(root, e))
        except OSError:
            if strict:
                raise
            made.append(None)
    return made


def leaves(folder: bytes) -> list[bytes]:
    """Every entry under ``folder`` that ingest must account for: all but folders that hold something
    (links are not followed; they are entries themselves)."""
    out = []
    for name in os.listdir(folder):
        path = os.path.join(folder, name)
        if os.path.isdir(path) and not os.path.islink(path) and os.listdir(path):
            out.extend(leaves(path))
        else:
            out.append(path)
    return out


def accounts(source: str, shown: str) -> bool:
    """A record or row of ``source`` accounts for the entry shown as ``shown``: itself, a row of a folder
    above it, or a record below it (a followed linked folder)."""
    source = ROW_MARK.sub("", source)
    return source == shown or shown.startswith(source + "/") or source.startswith(shown + "/")


