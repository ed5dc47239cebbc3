"""Word lists the segment stage reads: user lexicons, stopwords, the formulaic list.

This module owns reading those files (names from :class:`SegmentConfig`: bundled resources or paths)
into an immutable :class:`Resources` bundle, and the *dictionary hash* that goes into every cache key so
that editing a lexicon invalidates cached tokens. Files are read once per process and version: the
memo is keyed on each file's path, size and modification time (:func:`resource_signature`), so a list
edited between two runs in one session (a notebook) is read again.
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass
from pathlib import Path

from speechtopics import resources
from speechtopics.segment.options import SegmentConfig

__all__ = ["LexiconEntry", "Resources", "ResourceError", "load_resources", "read_lexicon", "read_wordlist",
           "resource_signature"]

#: Columns of a lexicon TSV.
LEXICON_COLUMNS = ("term", "freq", "pos", "source")


class ResourceError(ValueError):
    """A word list that cannot be read; the message names the file and line."""


@dataclass(frozen=True)
class LexiconEntry:
    """One user-dictionary word: the term, its jieba frequency, POS tag and where it came from."""

    term: str
    freq: int
    pos: str
    source: str


@dataclass(frozen=True)
class Resources:
    """Everything the tokenizer needs besides the segmenter itself."""

    lexicon: tuple[LexiconEntry, ...]
    stopwords: frozenset[str]
    formulaic: frozenset[str]
    dict_hash: str

    @functools.cached_property
    def lexicon_terms(self) -> frozenset[str]:
        """All lexicon terms, for the POS filter (lexicon terms always pass)."""
        return frozenset(e.term for e in self.lexicon)


def resolve_external(path: str) -> Path:
    """A config path: absolute as is, a bundled name (``lexicon/political_terms.tsv``) is that package
    resource, other relative paths are taken from the current directory."""
    return resources.resolve(path)


def _read_text(path: Path, what: str) -> str:
    """A UTF-8 resource file (BOM tolerated), or a ResourceError naming the file."""
    try:
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ResourceError(f"{path}: cannot read {what} ({exc.__class__.__name__})") from None


def read_wordlist(path: Path) -> list[str]:
    """Words of a one-per-line list; ``#`` starts a comment; BOM and CR line ends are tolerated."""
    text = _read_text(path, "word list")
    words = []
    for line in text.splitlines():
        word = line.split("#", 1)[0].strip()
        if word:
            words.append(word)
    return words


def parse_lexicon_line(line: str, where: str) -> LexiconEntry | None:
    """Parse one ``term<TAB>freq<TAB>pos<TAB>source`` line (``None`` for blanks, comments, header)."""
    if not line.strip() or line.startswith("#"):
        return None
    cols = line.rstrip("\r\n").split("\t")
    if cols[0] == "term":
        return None
    if len(cols) < 4:
        raise ResourceError(f"{where}: expected 4 tab-separated columns (term, freq, pos, source)")
    term, freq, pos, source = (c.strip() for c in cols[:4])
    if not term or not freq.isdigit():
        raise ResourceError(f"{where}: empty term or non-integer freq {freq!r}")
    return LexiconEntry(term, int(freq), pos or "nz", source)


def read_lexicon(path: Path) -> list[LexiconEntry]:
    """Entries of a lexicon TSV (see :data:`LEXICON_COLUMNS`)."""
    text = _read_text(path, "lexicon")
    entries = []
    for i, line in enumerate(text.splitlines(), 1):
        entry = parse_lexicon_line(line, f"{path}:{i}")
        if entry is not None:
            entries.append(entry)
    return entries


def _hash_entries(lexicon: tuple[LexiconEntry, ...], stop: frozenset[str], formulaic: frozenset[str]) -> str:
    h = hashlib.sha256()
    for e in lexicon:
        h.update(f"{e.term}\t{e.freq}\t{e.pos}\t{e.source}\n".encode())  # the source too: hand:formula, thuocl:
    h.update(b"\x00stop\x00" + "\n".join(sorted(stop)).encode())
    h.update(b"\x00formulaic\x00" + "\n".join(sorted(formulaic)).encode())
    return h.hexdigest()[:16]


#: One word-list file as the memo knows it: its path, size, modification time, inode and change time
#: (-1s when missing). The change time is the kernel's: an edit of the same size whose modification time
#: was put back (``os.utime``, a sync tool, ``cp -p``) still gives a new version.
FileVersion = tuple[str, int, int, int, int]


def _version(name: str) -> FileVersion:
    path = resolve_external(name)
    try:
        st = path.stat()
    except OSError:  # a missing file: reading it raises the ResourceError naming it
        return str(path), -1, -1, -1, -1
    return str(path), st.st_size, st.st_mtime_ns, st.st_ino, st.st_ctime_ns


def resource_signature(cfg: SegmentConfig) -> tuple:
    """The word-list files ``cfg`` names as they are now (path, size, modification and change time of each).

    Parameters
    ----------
    cfg
        The segment config.

    Returns
    -------
    tuple
        Lexicons, stopword lists, the keep list and the formulaic list, in that order (None for a list
        the config does not name); equal for two calls exactly when no file was replaced or edited.
    """
    def one(name: str | None) -> FileVersion | None:
        return _version(name) if name else None
    return (tuple(_version(n) for n in cfg.user_lexicons), tuple(_version(n) for n in cfg.stopword_lists),
            one(cfg.stopword_keep), one(cfg.formulaic_list))


@functools.lru_cache(maxsize=8)
def _load(lexicons: tuple[FileVersion, ...], stop_lists: tuple[FileVersion, ...], keep: FileVersion | None,
          formulaic: FileVersion | None) -> Resources:
    entries: dict[str, LexiconEntry] = {}
    for path, *_ in lexicons:
        for e in read_lexicon(Path(path)):
            entries.setdefault(e.term, e)  # first lexicon wins, so order in the config is precedence
    stop: set[str] = set()
    for path, *_ in stop_lists:
        stop.update(read_wordlist(Path(path)))
    if keep:
        stop.difference_update(read_wordlist(Path(keep[0])))
    form = frozenset(read_wordlist(Path(formulaic[0]))) if formulaic else frozenset()
    lexicon = tuple(entries.values())
    return Resources(lexicon, frozenset(stop), form, _hash_entries(lexicon, frozenset(stop), form))


def load_resources(cfg: SegmentConfig) -> Resources:
    """Read the lexicons, stopwords and formulaic list ``cfg`` names (again only when one of the files
    changed since the last call: :func:`resource_signature`).

    Parameters
    ----------
    cfg
        The segment config.

    Returns
    -------
    Resources
        Immutable word lists plus their combined hash.

    Raises
    ------
    ResourceError
        When a file is missing or malformed (the message names it).
    """
    return _load(*resource_signature(cfg))
