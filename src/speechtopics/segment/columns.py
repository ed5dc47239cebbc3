"""The layers of many texts at once: how :meth:`speechtopics.segment.chain.Chain.columns` routes the
words of one backend call to the three layers.

This module owns the flat form of the layers (:class:`LayerColumns`), the layer codes of a word
(:data:`LAYER_CODES`, memoised per chain by :class:`Verdicts`), the sentinel characters that separate
texts and stand for protected pieces in the joined backend input (:data:`SENTINELS`), and the
whole-array routing of the words (:func:`route_words`). Written by hand: no library routes words to
layers, and the per-word Python work of a straightforward loop cost three times the segmenter's own time.
"""

from __future__ import annotations

import functools
import itertools
import unicodedata
from collections.abc import Sequence
from typing import NamedTuple

import numpy as np

from speechtopics.clean.normalize import halfwidth_forms
from speechtopics.segment.filters import Token
from speechtopics.segment.formulas import TEXT_END

LAYER_NAMES = ("tokens", "formulaic_tokens", "formulas")
# Layer codes of a word: 0 tokens, 1 formulaic, 2 tokens and formulas, 3 formulaic and formulas,
# -1 dropped; the codes that put a word in each layer:
LAYER_CODES = (frozenset({0, 2}), frozenset({1, 3}), frozenset({2, 3}))
KEPT = frozenset({0, 1, 2, 3})  # codes of words the filters keep
# The same as tables indexed by code (numpy fancy indexing: one C pass per layer).
_LAYER_LOOKUP = tuple(np.isin(range(16), sorted(c)) for c in LAYER_CODES)

# Characters :meth:`Chain.columns` puts into the backend's input: the end of a text, and the place of a
# protected piece or an ASCII run. Control characters: each comes back from both backends as a word of
# its own and splits the runs around it, like whitespace; in input text they are replaced by spaces.
PROTECTED_SLOT, ASCII_SLOT = "\x1d", "\x1e"
SENTINELS = (TEXT_END, PROTECTED_SLOT, ASCII_SLOT)
END_CODE, SLOT_CODES = 9, {PROTECTED_SLOT: 10, ASCII_SLOT: 11}
_BLANK_SENTINELS = str.maketrans(dict.fromkeys(SENTINELS, " "))


def normalize_width_joined(joined: str) -> list[str]:
    """:func:`~speechtopics.segment.filters.normalize_width` of each text of ``joined`` (texts separated by :data:`TEXT_END`): the
    replacements run once over all texts, and full NFKC only on the texts that still need it."""
    if unicodedata.is_normalized("NFKC", joined):
        return joined.split(TEXT_END)
    joined = halfwidth_forms(joined)
    normalized = functools.partial(unicodedata.is_normalized, "NFKC")
    return [t if normalized(t) else unicodedata.normalize("NFKC", t) for t in joined.split(TEXT_END)]


def blank_sentinels(text: str) -> str:
    """``text`` with the sentinel characters replaced by spaces (both are dropped words)."""
    return text.translate(_BLANK_SENTINELS)


class LayerColumns(NamedTuple):
    """The three layers of many texts, flat: per layer (in :data:`LAYER_NAMES` order) every kept word
    of every text in order, and the ``n + 1`` offsets where each text's words start and end."""

    words: tuple[list[str], ...]
    bounds: tuple[list[int], ...]

    def text_layers(self) -> list[dict[str, list[str]]]:
        """Per text ``{"tokens", "formulaic_tokens", "formulas"}``."""
        n = len(self.bounds[0]) - 1
        cols = [(name, words, bounds) for name, words, bounds in zip(LAYER_NAMES, self.words, self.bounds)]
        return [{name: words[b[i] : b[i + 1]] for name, words, b in cols} for i in range(n)]

    @classmethod
    def from_text_layers(cls, layers: Sequence[dict[str, list[str]]]) -> LayerColumns:
        """The columns of per-text layers (the inverse of :meth:`text_layers`)."""
        words, bounds = [], []
        for name in LAYER_NAMES:
            lists = [lay[name] for lay in layers]
            words.append([w for ws in lists for w in ws])
            bounds.append([0, *itertools.accumulate(map(len, lists))])
        return cls(tuple(words), tuple(bounds))


def route_words(words: list[str], verdict: dict[str, int], n_texts: int, slots) -> LayerColumns | None:
    """Route the words of :meth:`Chain.columns`' backend call to the three layers in whole-array passes.

    The layer code of every word is looked up once (C-level ``map`` over a dict); each slot character
    takes its piece and that piece's code (``slots``: ``(character, pieces, codes or None)``, ``None``
    meaning "judge the pieces like words"). Per layer a boolean mask selects its words from an object
    array and a cumulative sum at the text ends gives each text's offsets. ``None`` when the backend did
    not return one word per slot and per text end (the caller then takes the text-by-text path).
    """
    codes = np.fromiter(map(verdict.__getitem__, words), dtype=np.int8, count=len(words))
    ends = np.flatnonzero(codes == END_CODE)
    if len(ends) != n_texts:
        return None
    arr = _object_array(words)
    for char, pieces, piece_codes in slots:
        where = np.flatnonzero(codes == SLOT_CODES[char])
        if len(where) != len(pieces):
            return None
        if len(where):
            arr[where] = _object_array(pieces)
            codes[where] = piece_codes if piece_codes is not None else [verdict[p] for p in pieces]
    cols, offsets = [], []
    for lookup in _LAYER_LOOKUP:
        mask = lookup[codes]  # code -1 reads the table's last entry, False
        cols.append(arr[mask].tolist())
        offsets.append([0, *np.cumsum(mask)[ends].tolist()] if n_texts else [0])
    return LayerColumns(tuple(cols), tuple(offsets))


def _object_array(items: list[str]) -> np.ndarray:
    """``items`` as a 1-d object array (``np.array`` could make a string array or a 2-d one)."""
    out = np.empty(len(items), dtype=object)
    out[:] = items
    return out


class Verdicts(dict):
    """word -> layer code, computed by the chain's filters the first time a word is looked up; the
    sentinel characters of :meth:`Chain.columns` have codes of their own."""

    def __init__(self, chain):
        super().__init__({TEXT_END: END_CODE, **SLOT_CODES})
        self.chain = chain

    def __missing__(self, word: str) -> int:
        chain = self.chain
        if not chain.filter([Token(word)]):
            code = -1
        else:
            code = (word in chain.formulaic) + 2 * (word in chain.formula_terms)
        self[word] = code
        return code
