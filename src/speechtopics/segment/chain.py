"""Text to token layers as a chain of plain callables: character filters, tokenizer, token filters.

This module owns the per-string work of the segment stage. A character filter maps ``str -> str``; the
tokenizer maps ``str -> list[Token]`` (protected pattern matches first, then the segmenter on the gaps);
a token filter maps ``list[Token] -> list[Token]``. :func:`build_chain` assembles them from a
:class:`SegmentConfig`, and :func:`tokenize` runs the chain on one string and returns the two layers.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
import itertools
from typing import NamedTuple

import numpy as np

from speechtopics.gcpause import without_gc
from speechtopics.segment.backends import get_segmenter
from speechtopics.segment.formulas import FORMULA_KINDS, TEXT_END, YEAR, compile_protector
from speechtopics.segment.options import SegmentConfig
from speechtopics.segment.resources import Resources, load_resources

__all__ = ["Token", "Chain", "LayerColumns", "build_chain", "tokenize", "get_chain"]

REDACTION = "〓"
_ASCII_RUN = re.compile(r"([A-Za-z0-9]+(?:[.\-+][A-Za-z0-9]+)*%?)")
# Numbers, and years written out in numerals (one jieba word, 一九五八年, or the protector's ``year``
# piece, 二0一五年); 百年, 十年 stay.
_NUMBER = re.compile(rf"^第?[0-9〇零一二两三四五六七八九十百千万亿.,%+\-]+$|^{YEAR}$")
_REDACTED = re.compile(r"^[X×〓xX]+$|〓")
_HAS_WORD = re.compile(r"\w")
_ASCII_ALNUM = re.compile(r"[A-Za-z0-9]")
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
_FULL_WIDTH = re.compile("[\uff01-\uff5e\u3000]")
#: Full-width punctuation of ordinary Chinese text and its NFKC form (，→ , ...), replaced first.
_COMMON_FULL_WIDTH = tuple((c, chr(ord(c) - 0xFEE0)) for c in "，；！：（）？")


def _to_half_width(m: re.Match[str]) -> str:
    c = ord(m.group())
    return " " if c == 0x3000 else chr(c - 0xFEE0)


class Token(NamedTuple):
    """A word, the protection kind that produced it (``None`` = segmenter) and its POS tag (or '')."""

    word: str
    kind: str | None = None
    pos: str = ""

    @property
    def protected(self) -> bool:
        """Pattern matches and quoted slogans skip the word filters."""
        return self.kind is not None


CharFilter = Callable[[str], str]
TokenFilter = Callable[[list[Token]], list[Token]]

# ---------------------------------------------------------------- character filters


def normalize_width(text: str) -> str:
    """NFKC: full-width digits and letters to ASCII (２０１３ → 2013), ideographic space to space.

    Fast path (exact): full-width forms are replaced first (common punctuation by ``str.replace``, the
    rest by a regex), and full NFKC runs only when the result is still not normalised. Replacing a
    character by its NFKC form leaves the text's NFKC unchanged (both decompose alike), so the result
    always equals ``unicodedata.normalize("NFKC", text)``.
    """
    if unicodedata.is_normalized("NFKC", text):  # a fast C quick-check
        return text
    for wide, narrow in _COMMON_FULL_WIDTH:  # C-speed replaces for the forms Chinese text is full of
        text = text.replace(wide, narrow)
    if _FULL_WIDTH.search(text):  # the rest, rare: one Python call per match
        text = _FULL_WIDTH.sub(_to_half_width, text)
    return text if unicodedata.is_normalized("NFKC", text) else unicodedata.normalize("NFKC", text)


def drop_zero_width(text: str) -> str:
    """Remove zero-width characters and BOMs that would split words invisibly."""
    return _ZERO_WIDTH.sub("", text) if _ZERO_WIDTH.search(text) else text


# ---------------------------------------------------------------- tokenizer


#: Plan pieces that are ordinary words cut out by a regex (ASCII runs, years), with their POS tag.
_WORD_KINDS = {"eng": "eng", "year": "m"}

#: Open-ended pattern kinds whose matches must agree with the dictionary's word boundaries.
_CHECKED_KINDS = frozenset({"paired", "modified"})


def _add_gap(plan: list[tuple[str, str | None]], gap: str) -> None:
    """Append a gap to ``plan``: its ASCII runs as ``"eng"`` pieces, the rest as runs for the segmenter."""
    parts = _ASCII_RUN.split(gap)
    if len(parts) == 1:
        plan.append((gap, None))
        return
    for i, run in enumerate(parts):
        if run:
            plan.append((run, "eng" if i % 2 else None))


class Tokenizer:
    """Protect pattern matches, then segment each gap with the backend.

    ASCII runs (numbers, Latin words) are split off by a regex before the segmenter sees a gap; jieba and
    rjieba differ only on such runs ("1.5-2"), so this keeps the two backends in agreement.
    """

    def __init__(self, cfg: SegmentConfig, res: Resources):
        self.seg = get_segmenter(cfg.backend, res.lexicon, cfg.hmm, res.dict_hash)
        ascii_terms = tuple(e.term for e in res.lexicon if _ASCII_ALNUM.search(e.term))
        quoted = cfg.quoted_max_chars if cfg.protect_quoted else 0
        self.protector = compile_protector(ascii_terms, quoted, cfg.protect_formulas)
        self.lexicon_terms = res.lexicon_terms
        self.tagged = cfg.pos_filter

    def _agrees(self, text: str, start: int, end: int, kind: str | None = None) -> bool:
        """Whether the dictionary's reading of a pattern match leaves it a formula.

        Guards the open-ended ``paired`` and ``modified`` patterns. Both need word boundaries at both ends:
        三角一体 in 长三角一体化 straddles the dictionary words 长三角 / 一体化 and is rejected, while 六稳六保
        in 做好六稳六保工作 is kept. A ``paired`` match the dictionary holds as one word outside the
        political lexicon is an idiom (四通八达, 一心一意), not a formula: it is left to the segmenter, which
        keeps it one token; formulas the dictionary also holds are listed in the lexicon (三反五反,
        五讲四美). (Two ordinary words side by side, 两岸/双方 or 四川/三大, are still taken for a formula:
        the dictionary reads real ones such as 一园/一策 and 三线/一单 the same way.)
        """
        lo, hi = max(0, start - 4), min(len(text), end + 4)
        bounds, pos, inner = {lo}, lo, []
        for w in self.seg.cut(text[lo:hi]):
            if start <= pos and pos + len(w) <= end:
                inner.append(w)
            pos += len(w)
            bounds.add(pos)
        if start not in bounds or end not in bounds:
            return False
        # one dictionary word outside the political lexicon: an idiom (四通八达), not a formula
        return kind != "paired" or len(inner) > 1 or inner[0] in self.lexicon_terms

    def __call__(self, text: str) -> list[Token]:
        tokens: list[Token] = []
        for piece, kind in self.plan(text):
            if kind in _WORD_KINDS:  # an ASCII word or number, or a year: filtered like any word
                tokens.append(Token(piece, None, _WORD_KINDS[kind]))
            elif kind is not None:
                tokens.append(Token(piece, kind, "nz"))
            elif self.tagged:
                tokens.extend(Token(w, None, p) for w, p in self.seg.tag(piece))
            else:
                tokens.extend(Token(w) for w in self.seg.cut(piece))
        return tokens

    def plan(self, text: str) -> list[tuple[str, str | None]]:
        """``text`` as ``(piece, kind)``: protected matches (their kind), ASCII runs (``"eng"``) and runs
        for the segmenter (``None``), in order; what :meth:`__call__` does, minus the segmenting.

        A ``paired`` or ``modified`` match the dictionary disagrees with (:meth:`_agrees`) stays inside
        its gap.
        """
        out: list[tuple[str, str | None]] = []
        pos = 0
        for m in self._protected(text):
            if m.start() > pos:
                _add_gap(out, text[pos : m.start()])
            out.append((m.group(), m.lastgroup))
            pos = m.end()
        if pos < len(text):
            _add_gap(out, text[pos:])
        return out

    def _protected(self, text: str) -> Iterator[re.Match[str]]:
        """The protector's matches in ``text`` that stand (:meth:`_agrees` where the kind is checked)."""
        for m in self.protector.finditer(text):
            if m.lastgroup not in _CHECKED_KINDS or self._agrees(text, m.start(), m.end(), m.lastgroup):
                yield m

    def protect(self, text: str) -> tuple[str, list[tuple[str, str]]]:
        """``text`` with each protected match replaced by :data:`_PROTECTED_SLOT`, and the matches with
        their kinds, in order; what :meth:`plan` does, for :meth:`Chain.columns`, which passes many
        texts joined by :data:`~speechtopics.segment.formulas.TEXT_END` (no pattern reaches across it,
        and the dictionary check's window cuts the same words on this side of it)."""
        parts: list[str] = []
        specials: list[tuple[str, str]] = []
        pos = 0
        for m in self._protected(text):
            parts.append(text[pos : m.start()])
            specials.append((m.group(), m.lastgroup))
            pos = m.end()
        parts.append(text[pos:])
        return _PROTECTED_SLOT.join(parts), specials


# ---------------------------------------------------------------- token filters


def drop_redacted(tokens: list[Token]) -> list[Token]:
    """Drop redaction marks (〓, and X/×-runs the cleaner left for redacted names)."""
    return [t for t in tokens if not _REDACTED.search(t.word)]


def drop_punctuation(tokens: list[Token]) -> list[Token]:
    """Drop tokens without a letter, digit or Chinese character."""
    return [t for t in tokens if _HAS_WORD.search(t.word)]


def drop_numbers(tokens: list[Token]) -> list[Token]:
    """Drop numbers (2021, 3.5%, 一百, 第三) and years in numerals (一九五八年); protected formulas
    such as 十四五 are kept, and so are words such as 百年."""
    return [t for t in tokens if t.protected or not _NUMBER.match(t.word)]


def make_min_chars(n: int) -> TokenFilter:
    """Filter dropping unprotected tokens shorter than ``n`` characters."""

    def min_chars(tokens: list[Token]) -> list[Token]:
        return [t for t in tokens if t.protected or len(t.word) >= n]

    return min_chars


def make_stopwords(stop: frozenset[str], formulaic: frozenset[str]) -> TokenFilter:
    """Filter dropping stopwords; words on the formulaic list survive (they go to the formulaic layer)."""

    def drop_stopwords(tokens: list[Token]) -> list[Token]:
        return [t for t in tokens if t.protected or t.word in formulaic or t.word not in stop]

    return drop_stopwords


def make_pos_filter(keep: Sequence[str], lexicon: frozenset[str], formulaic: frozenset[str]) -> TokenFilter:
    """Filter keeping tokens whose POS starts with one of ``keep`` (lexicon terms and formulas pass)."""
    prefixes = tuple(keep)

    def pos_filter(tokens: list[Token]) -> list[Token]:
        return [
            t
            for t in tokens
            if t.protected or t.word in lexicon or t.word in formulaic or t.pos.startswith(prefixes)
        ]

    return pos_filter


# ---------------------------------------------------------------- the chain


@dataclass(frozen=True)
class Chain:
    """Character filters, tokenizer and token filters, plus the word lists that split the layers."""

    char_filters: tuple[CharFilter, ...]
    tokenizer: Callable[[str], list[Token]]
    token_filters: tuple[TokenFilter, ...]
    formulaic: frozenset[str]
    formula_terms: frozenset[str]
    tagged: bool = False

    def filter(self, toks: list[Token]) -> list[Token]:
        """Run the token filters on ``toks`` (every filter judges each token on its own)."""
        for f in self.token_filters:
            toks = f(toks)
        return toks

    def tokens(self, text: str) -> list[Token]:
        """Run the character filters, the tokenizer and the token filters; return surviving tokens."""
        for f in self.char_filters:
            text = f(text)
        toks = self.tokenizer(text)
        if self.tagged:  # the POS filter judges tags, not words: no memo
            return self.filter(toks)
        return [t for t in toks if (self.verdicts[t.word] in _KEPT if t.kind is None else self.filter([t]))]

    def _layers(self, toks: list[Token]) -> dict[str, list[str]]:
        substantive: list[str] = []
        formulaic: list[str] = []
        formulas: list[str] = []
        for t in toks:
            if t.kind in FORMULA_KINDS or t.word in self.formula_terms:
                formulas.append(t.word)
            (formulaic if t.word in self.formulaic else substantive).append(t.word)
        return {"tokens": substantive, "formulaic_tokens": formulaic, "formulas": formulas}

    def __call__(self, text: str) -> dict[str, list[str]]:
        """``{"tokens", "formulaic_tokens", "formulas"}`` of one string."""
        return self.many([text])[0]

    @without_gc
    def many(self, texts: Sequence[str]) -> list[dict[str, list[str]]]:
        """Layers of many strings; the same as calling the chain on each, several times faster.

        See :meth:`columns`, of which this is the per-text view.
        """
        if self.tagged or not isinstance(self.tokenizer, Tokenizer):
            return [self._layers(self.tokens(t or "")) for t in texts]
        return self.columns(texts).text_layers()

    @without_gc
    def columns(self, texts: Sequence[str]) -> LayerColumns:
        """Layers of many strings as :class:`LayerColumns` (flat word lists and per-text offsets).

        All texts become one string for the backend: each text's protected pieces (pattern matches)
        and ASCII runs are replaced by a slot character, and texts are separated by another, so one
        backend call cuts everything and each text's gaps get exactly the words they get alone (both
        backends cut every run between such characters on its own and return each of them as a word;
        the text's own newlines, which count as whitespace, do the same). Every word's layer code is
        then looked up once (:class:`_Verdicts`), the slots take their pieces' codes, and each layer
        is selected in whole-array passes. (Written by hand: no library routes words to layers; the
        per-word Python work of a straightforward loop cost three times the segmenter's own time.)
        """
        if self.tagged or not isinstance(self.tokenizer, Tokenizer):
            return LayerColumns.from_text_layers(self.many(texts))
        filtered = self._filter_chars_many(texts)
        protected, specials = self.tokenizer.protect("".join(t + _TEXT_END for t in filtered))
        gaps = _ASCII_RUN.split(protected)  # gap, ASCII run, gap, ...: runs never cross a slot
        words = self.tokenizer.seg.cut(_ASCII_SLOT.join(gaps[0::2])) if texts else []
        slots = [(_PROTECTED_SLOT, [p for p, _ in specials], [self._piece_code(p, k) for p, k in specials]),
                 (_ASCII_SLOT, gaps[1::2], None)]
        routed = _route(words, self.verdicts, len(filtered), slots)
        if routed is None:  # not seen with either backend: then text by text
            return LayerColumns.from_text_layers([self._layers(self.tokens(t)) for t in filtered])
        return routed

    def _filter_chars(self, text: str) -> str:
        for f in self.char_filters:
            text = f(text)
        return text

    def _filter_chars_many(self, texts: Sequence[str]) -> list[str]:
        """The character filters on each text, with the sentinel characters of :meth:`columns` blanked
        (they are their own, dropped words, and so is the space put for them). The default filters run
        on all texts joined at once: both act on single characters, so no text's result depends on
        its neighbours'."""
        texts = [t or "" for t in texts]
        joined = _TEXT_END.join(texts)
        if joined.count(_TEXT_END) != len(texts) - 1 or _PROTECTED_SLOT in joined or _ASCII_SLOT in joined:
            texts = [_blank_sentinels(t) for t in texts]  # rare
            joined = _TEXT_END.join(texts)
        if len(texts) < 2 or self.char_filters != (drop_zero_width, normalize_width):
            return [self._filter_chars(t) for t in texts]
        return _normalize_width_joined(drop_zero_width(joined))

    def _piece_code(self, piece: str, kind: str) -> int:
        """Layer code (:data:`_LAYER_CODES`) of one protected piece (memoised: the same few recur)."""
        key = (piece, kind)
        code = self.piece_memo.get(key)
        if code is None:
            if kind in _WORD_KINDS:  # an ASCII word or a year: judged like a segmenter word
                code = self.verdicts[piece]
            else:
                tok = [Token(piece, kind, "nz")]
                lay = self._layers(tok) if self.filter(tok) else None
                code = -1 if lay is None else bool(lay["formulaic_tokens"]) + 2 * bool(lay["formulas"])
            self.piece_memo[key] = code
        return code

    @functools.cached_property
    def piece_memo(self) -> dict[tuple[str, str], int]:
        """Memo of :meth:`_piece_code`."""
        return {}

    @functools.cached_property
    def verdicts(self) -> dict[str, int]:
        """Memo of the layer code of each unprotected word (see :data:`_LAYER_CODES`), filled on first sight."""
        return _Verdicts(self)


_LAYER_NAMES = ("tokens", "formulaic_tokens", "formulas")
# Layer codes of a word: 0 tokens, 1 formulaic, 2 tokens and formulas, 3 formulaic and formulas,
# -1 dropped; the codes that put a word in each layer:
_LAYER_CODES = (frozenset({0, 2}), frozenset({1, 3}), frozenset({2, 3}))
_KEPT = frozenset({0, 1, 2, 3})  # codes of words the filters keep
# The same as tables indexed by code (numpy fancy indexing: one C pass per layer).
_LAYER_LOOKUP = tuple(np.isin(range(16), sorted(c)) for c in _LAYER_CODES)

# Characters :meth:`Chain.columns` puts into the backend's input: the end of a text, and the place of a
# protected piece or an ASCII run. Control characters: each comes back from both backends as a word of
# its own and splits the runs around it, like whitespace; in input text they are replaced by spaces.
_TEXT_END, _PROTECTED_SLOT, _ASCII_SLOT = TEXT_END, "\x1d", "\x1e"
_SENTINELS = (_TEXT_END, _PROTECTED_SLOT, _ASCII_SLOT)
_END_CODE, _SLOT_CODES = 9, {_PROTECTED_SLOT: 10, _ASCII_SLOT: 11}
_BLANK_SENTINELS = str.maketrans(dict.fromkeys(_SENTINELS, " "))


def _normalize_width_joined(joined: str) -> list[str]:
    """:func:`normalize_width` of each text of ``joined`` (texts separated by :data:`_TEXT_END`): the
    replacements run once over all texts, and full NFKC only on the texts that still need it."""
    if unicodedata.is_normalized("NFKC", joined):
        return joined.split(_TEXT_END)
    for wide, narrow in _COMMON_FULL_WIDTH:
        joined = joined.replace(wide, narrow)
    if _FULL_WIDTH.search(joined):
        joined = _FULL_WIDTH.sub(_to_half_width, joined)
    normalized = functools.partial(unicodedata.is_normalized, "NFKC")
    return [t if normalized(t) else unicodedata.normalize("NFKC", t) for t in joined.split(_TEXT_END)]


def _blank_sentinels(text: str) -> str:
    """``text`` with the sentinel characters replaced by spaces (both are dropped words)."""
    return text.translate(_BLANK_SENTINELS)


class LayerColumns(NamedTuple):
    """The three layers of many texts, flat: per layer (in :data:`_LAYER_NAMES` order) every kept word
    of every text in order, and the ``n + 1`` offsets where each text's words start and end."""

    words: tuple[list[str], ...]
    bounds: tuple[list[int], ...]

    def text_layers(self) -> list[dict[str, list[str]]]:
        """Per text ``{"tokens", "formulaic_tokens", "formulas"}``."""
        n = len(self.bounds[0]) - 1
        cols = [(name, words, bounds) for name, words, bounds in zip(_LAYER_NAMES, self.words, self.bounds)]
        return [{name: words[b[i] : b[i + 1]] for name, words, b in cols} for i in range(n)]

    @classmethod
    def from_text_layers(cls, layers: Sequence[dict[str, list[str]]]) -> LayerColumns:
        """The columns of per-text layers (the inverse of :meth:`text_layers`)."""
        words, bounds = [], []
        for name in _LAYER_NAMES:
            lists = [lay[name] for lay in layers]
            words.append([w for ws in lists for w in ws])
            bounds.append([0, *itertools.accumulate(map(len, lists))])
        return cls(tuple(words), tuple(bounds))


def _route(words: list[str], verdict: dict[str, int], n_texts: int, slots) -> LayerColumns | None:
    """Route the words of :meth:`Chain.columns`' backend call to the three layers in whole-array passes.

    The layer code of every word is looked up once (C-level ``map`` over a dict); each slot character
    takes its piece and that piece's code (``slots``: ``(character, pieces, codes or None)``, ``None``
    meaning "judge the pieces like words"). Per layer a boolean mask selects its words from an object
    array and a cumulative sum at the text ends gives each text's offsets. ``None`` when the backend did
    not return one word per slot and per text end (the caller then takes the text-by-text path).
    """
    codes = np.fromiter(map(verdict.__getitem__, words), dtype=np.int8, count=len(words))
    ends = np.flatnonzero(codes == _END_CODE)
    if len(ends) != n_texts:
        return None
    arr = _object_array(words)
    for char, pieces, piece_codes in slots:
        where = np.flatnonzero(codes == _SLOT_CODES[char])
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


class _Verdicts(dict):
    """word -> layer code, computed by the chain's filters the first time a word is looked up; the
    sentinel characters of :meth:`Chain.columns` have codes of their own."""

    def __init__(self, chain: Chain):
        super().__init__({_TEXT_END: _END_CODE, **_SLOT_CODES})
        self.chain = chain

    def __missing__(self, word: str) -> int:
        chain = self.chain
        if not chain.filter([Token(word)]):
            code = -1
        else:
            code = (word in chain.formulaic) + 2 * (word in chain.formula_terms)
        self[word] = code
        return code


def build_chain(cfg: SegmentConfig) -> Chain:
    """Assemble the chain ``cfg`` describes (reads word lists and builds the segmenter)."""
    res = load_resources(cfg)
    filters: list[TokenFilter] = [
        drop_redacted,
        drop_punctuation,
        drop_numbers,
        make_stopwords(res.stopwords, res.formulaic),
        make_min_chars(cfg.min_token_chars),
    ]
    if cfg.pos_filter:
        filters.append(make_pos_filter(cfg.pos_keep, res.lexicon_terms, res.formulaic))
    # source hand:formula (not "formulaic", which merely contains the word)
    formula_terms = frozenset(e.term for e in res.lexicon if e.source.rsplit(":", 1)[-1] == "formula")
    return Chain(
        (drop_zero_width, normalize_width),
        Tokenizer(cfg, res),
        tuple(filters),
        res.formulaic,
        formula_terms,
        cfg.pos_filter,
    )


@functools.lru_cache(maxsize=8)
def get_chain(cfg: SegmentConfig) -> Chain:
    """The chain for ``cfg``, built once per process."""
    return build_chain(cfg)


def tokenize(text: str, cfg: SegmentConfig | None = None) -> dict[str, list[str]]:
    """Segment one string into substantive tokens, formulaic tokens and formulas.

    Parameters
    ----------
    text
        Clean text (a paragraph, a section or a whole speech).
    cfg
        Segment config; the default config when omitted.

    Returns
    -------
    dict
        ``{"tokens": [...], "formulaic_tokens": [...], "formulas": [...]}``.

    Examples
    --------
    >>> tokenize("同志们，要扎实做好“六稳”“六保”工作")["formulas"]
    ['六稳', '六保']
    """
    return get_chain(cfg or SegmentConfig())(text)
