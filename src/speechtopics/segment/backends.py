"""Swappable word segmenters: ``jieba`` (reference) and ``rjieba`` (Rust port, same dictionary).

This module owns building a segmenter with the user lexicon added and caching it per process. Both
backends read jieba's default dictionary and take ``add_word(term, freq, tag)``, so with the same
lexicon they agree on nearly every token. jieba keeps a module-level default tokenizer; we never touch
it and build a private :class:`jieba.Tokenizer` per configuration instead, so two configs in one process
never interfere.
"""

from __future__ import annotations

import logging
from typing import Protocol

from speechtopics.segment.resources import LexiconEntry

__all__ = ["Segmenter", "get_segmenter", "BACKENDS"]


class Segmenter(Protocol):
    """What the tokenizer needs from a backend."""

    def cut(self, text: str) -> list[str]:
        """Words of ``text`` in order."""

    def tag(self, text: str) -> list[tuple[str, str]]:
        """``(word, pos)`` pairs of ``text`` in order."""


class JiebaSegmenter:
    """jieba with a private ``Tokenizer`` (never the module-level default)."""

    def __init__(self, entries: tuple[LexiconEntry, ...], hmm: bool = True):
        import jieba

        jieba.setLogLevel(logging.WARNING)
        self._tok = jieba.Tokenizer()
        self._tok.initialize()
        for e in entries:
            self._tok.add_word(e.term, e.freq, e.pos or None)
        self._pos = None  # built on first use: it re-reads the whole dictionary
        self._hmm = hmm

    def cut(self, text: str) -> list[str]:
        return self._tok.lcut(text, HMM=self._hmm)

    def tag(self, text: str) -> list[tuple[str, str]]:
        if self._pos is None:
            import jieba.posseg

            self._pos = jieba.posseg.POSTokenizer(self._tok)
        return [(p.word, p.flag) for p in self._pos.cut(text, HMM=self._hmm)]


class RjiebaSegmenter:
    """rjieba (jieba-rs): same dictionary format and ``add_word``, about 25x faster."""

    def __init__(self, entries: tuple[LexiconEntry, ...], hmm: bool = True):
        import rjieba

        self._tok = rjieba.Jieba()
        for e in entries:
            self._tok.add_word(e.term, e.freq, e.pos or None)
        self._hmm = hmm

    def cut(self, text: str) -> list[str]:
        return self._tok.cut(text, self._hmm)

    def tag(self, text: str) -> list[tuple[str, str]]:
        return [(w, t) for w, t in self._tok.tag(text, self._hmm)]


BACKENDS = {"jieba": JiebaSegmenter, "rjieba": RjiebaSegmenter}


_BUILT: dict[tuple[str, bool, str], Segmenter] = {}


def get_segmenter(backend: str, entries: tuple[LexiconEntry, ...], hmm: bool, dict_hash: str) -> Segmenter:
    """The segmenter for ``backend`` with ``entries`` added, built once per process.

    Parameters
    ----------
    backend
        ``"jieba"`` or ``"rjieba"``.
    entries
        User-lexicon entries to add.
    hmm
        Whether the backend may guess unknown words.
    dict_hash
        Hash of the entries (the cache key; hashing the tuple itself would be slow).
    """
    if backend not in BACKENDS:
        raise ValueError(f"unknown segmenter backend {backend!r} (choose from {', '.join(BACKENDS)})")
    key = (backend, hmm, dict_hash)
    if key not in _BUILT:
        _BUILT[key] = BACKENDS[backend](entries, hmm)
    return _BUILT[key]
