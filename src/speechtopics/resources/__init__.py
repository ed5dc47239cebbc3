"""Bundled data files: lexicons, stopword lists, rhetoric cues and validation labels, glossary, font.

This module is the one reader of the package's data folder (``importlib.resources``); every other
module asks it for a file by its *name*, the path inside this package (``lexicon/political_terms.tsv``,
``rhetoric/move_cues.yaml``, ``fonts/wqy-microhei.ttc``). ``README.md`` here lists each file's source
and licence. Development scripts that rebuild these files live in ``scripts/`` of the repository.
"""

from __future__ import annotations

import functools
import os
from importlib import resources as _resources
from importlib.abc import Traversable
from pathlib import Path

__all__ = ["bundled", "files", "is_resource", "officials", "resolve", "resource_path"]

#: Names of files in this package that are code, not data.
_NOT_DATA = {"__init__.py"}


def files() -> Traversable:
    """The package's data folder (an ``importlib.resources`` traversable)."""
    return _resources.files(__name__)


def _root() -> Path:
    root = files()
    if not isinstance(root, Path):  # a zip import: data files cannot be read as paths
        raise RuntimeError(f"{__name__}: bundled data is not on the file system ({root})")
    return root


def is_resource(name: str | os.PathLike[str]) -> bool:
    """True when relative ``name`` names a bundled data file."""
    p = Path(name)
    if p.is_absolute() or ".." in p.parts or p.name in _NOT_DATA:
        return False
    return files().joinpath(p.as_posix()).is_file()


def resource_path(name: str | os.PathLike[str]) -> Path:
    """The file system path of bundled file ``name``; FileNotFoundError when there is none."""
    if not is_resource(name):
        raise FileNotFoundError(f"{name}: no such bundled resource")
    return _root() / Path(name)


def resolve(name: str | os.PathLike[str], base: Path | None = None) -> Path:
    """A config path of a data file: absolute paths stay, a bundled name is that resource, any other
    relative path is taken from ``base`` (default: the current directory)."""
    p = Path(name)
    if p.is_absolute():
        return p
    if is_resource(p):
        return resource_path(p)
    return (base or Path.cwd()) / p


def bundled() -> dict[str, Path]:
    """Every bundled data file, by name, sorted."""
    root = _root()
    out = {}
    for p in sorted(root.rglob("*")):
        if p.is_file() and "__pycache__" not in p.parts and p.name not in _NOT_DATA:
            out[p.relative_to(root).as_posix()] = p
    return out


@functools.cache
def officials() -> frozenset[str]:
    """National leaders since 1978 and foreign leaders often named in Chinese official speech
    (``names/officials.txt``, compiled for speechtopics from public membership lists: 王毅, 蔡奇,
    丁薛祥, 特朗普), which neither jieba's dictionary nor THUOCL's list of historical figures holds."""
    lines = resource_path("names/officials.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))
