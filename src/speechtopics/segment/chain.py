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
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import compress
from typing import NamedTuple

from speechtopics.segment.backends import get_segmenter
from speechtopics.segment.formulas import FORMULA_KINDS, compile_protector, split_protected
from speechtopics.segment.options import SegmentConfig
from speechtopics.segment.resources import Resources, load_resources

__all__ = ["Token", "Chain", "build_chain", "tokenize", "get_chain"]

REDACTION = "〓"
_ASCII_RUN = re.compile(r"([A-Za-z0-9]+(?:[.\-+][A-Za-z0-9]+)*%?)")
_NUMBER = re.compile(r"^第?[0-9〇零一二两三四五六七八九十百千万亿.,%+\-]+$")
_REDACTED = re.compile(r"^[X×〓xX]+$|〓")
_HAS_WORD = re.compile(r"\w")
_ASCII_ALNUM = re.compile(r"[A-Za-z0-9]")
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
_FULL_WIDTH = re.compile("[\uff01-\uff5e\u3000]")


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

    Fast path (exact): full-width forms are replaced by a regex first, and full NFKC runs only when the
    result is still not normalised. Replacing a character by its NFKC form leaves the text's NFKC unchanged
    (both decompose alike), so the result always equals ``unicodedata.normalize("NFKC", text)``.
    """
    if unicodedata.is_normalized("NFKC", text):  # a fast C quick-check
        return text
    text = _FULL_WIDTH.sub(_to_half_width, text)
    return text if unicodedata.is_normalized("NFKC", text) else unicodedata.normalize("NFKC", text)


def drop_zero_width(text: str) -> str:
    """Remove zero-width characters and BOMs that would split words invisibly."""
    return _ZERO_WIDTH.sub("", text) if _ZERO_WIDTH.search(text) else text


# ---------------------------------------------------------------- tokenizer


#: Open-ended pattern kinds whose matches must agree with the dictionary's word boundaries.
_CHECKED_KINDS = frozenset({"paired", "modified"})


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
        self.tagged = cfg.pos_filter

    def _cut_gap(self, gap: str) -> list[Token]:
        out: list[Token] = []
        for i, run in enumerate(_ASCII_RUN.split(gap)):
            if not run:
                continue
            if i % 2:  # an ASCII word or number
                out.append(Token(run, None, "eng"))
            elif self.tagged:
                out.extend(Token(w, None, p) for w, p in self.seg.tag(run))
            else:
                out.extend(Token(w) for w in self.seg.cut(run))
        return out

    def _agrees(self, text: str, start: int, end: int) -> bool:
        """Whether the dictionary puts word boundaries at both ends of a pattern match.

        Guards the open-ended ``paired`` and ``modified`` patterns: 三角一体 in 长三角一体化 straddles the
        dictionary words
        长三角 / 一体化 and is rejected, while 六稳六保 in 做好六稳六保工作 is kept.
        """
        lo, hi = max(0, start - 4), min(len(text), end + 4)
        bounds, pos = {lo}, lo
        for w in self.seg.cut(text[lo:hi]):
            pos += len(w)
            bounds.add(pos)
        return start in bounds and end in bounds

    def _pieces(self, text: str) -> list[tuple[str, str | None]]:
        """Protected pieces, with ``paired`` matches the dictionary disagrees with merged into the gaps."""
        out: list[tuple[str, str | None]] = []
        pos = 0
        for piece, kind in split_protected(text, self.protector):
            end = pos + len(piece)
            if kind in _CHECKED_KINDS and not self._agrees(text, pos, end):
                kind = None
            if kind is None and out and out[-1][1] is None:
                out[-1] = (out[-1][0] + piece, None)
            else:
                out.append((piece, kind))
            pos = end
        return out

    def __call__(self, text: str) -> list[Token]:
        tokens: list[Token] = []
        for piece, kind in self._pieces(text):
            if kind is None:
                tokens.extend(self._cut_gap(piece))
            else:
                tokens.append(Token(piece, kind, "nz"))
        return tokens

    def plan(self, text: str) -> list[tuple[str, str | None]]:
        """``text`` as ``(piece, kind)``: protected matches (their kind), ASCII runs (``"eng"``) and runs
        for the segmenter (``None``), in order; what :meth:`__call__` does, minus the segmenting."""
        out: list[tuple[str, str | None]] = []
        for piece, kind in self._pieces(text):
            if kind is not None:
                out.append((piece, kind))
                continue
            for i, run in enumerate(_ASCII_RUN.split(piece)):
                if run:
                    out.append((run, "eng" if i % 2 else None))
        return out

    def cut_many(self, runs: list[str]) -> list[list[str]]:
        """Segment many runs with one backend call: the words of each run.

        The runs are joined with newlines. Both backends split their input into blocks at every
        whitespace character and segment each block on its own (a lone newline comes back as its own
        word), so the joined text gives each run exactly the words it gives alone. Newlines and CRs inside
        a run become spaces first: whitespace words are dropped by the punctuation filter anyway.
        (A run never ends in whitespace next to the separator in a way that merges: ``\r\n`` is the only
        two-character whitespace word, and CRs are replaced.)
        """
        if not runs:
            return []
        text = "\n".join(runs)
        if "\r" in text or text.count("\n") != len(runs) - 1:  # C-level precheck: rarely true
            text = "\n".join(r.replace("\r", " ").replace("\n", " ") for r in runs)
        words = self.seg.cut(text)
        seps = list(compress(range(len(words)), map("\n".__eq__, words)))  # C-level scan
        if len(seps) != len(runs) - 1:  # never expected; fall back to one call per run
            return [self.seg.cut(r) for r in runs]
        bounds = [-1, *seps, len(words)]
        return [words[a + 1 : b] for a, b in zip(bounds, bounds[1:])]


# ---------------------------------------------------------------- token filters


def drop_redacted(tokens: list[Token]) -> list[Token]:
    """Drop redaction marks (〓, and X/×-runs the cleaner left for redacted names)."""
    return [t for t in tokens if not _REDACTED.search(t.word)]


def drop_punctuation(tokens: list[Token]) -> list[Token]:
    """Drop tokens without a letter, digit or Chinese character."""
    return [t for t in tokens if _HAS_WORD.search(t.word)]


def drop_numbers(tokens: list[Token]) -> list[Token]:
    """Drop numbers (2021, 3.5%, 一百, 第三); protected formulas such as 十四五 are kept."""
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
    memo: dict[str, bool] = field(default_factory=dict, compare=False, repr=False)

    def filter(self, toks: list[Token]) -> list[Token]:
        """Run the token filters on ``toks`` (every filter judges each token on its own)."""
        for f in self.token_filters:
            toks = f(toks)
        return toks

    def _keep(self, tok: Token) -> bool:
        """Filter verdict for an untagged segmenter token, memoised by word (the vocabulary is small)."""
        keep = self.memo.get(tok.word)
        if keep is None:
            keep = self.memo[tok.word] = bool(self.filter([tok]))
        return keep

    def tokens(self, text: str) -> list[Token]:
        """Run the character filters, the tokenizer and the token filters; return surviving tokens."""
        for f in self.char_filters:
            text = f(text)
        toks = self.tokenizer(text)
        if self.tagged:  # the POS filter judges tags, not words: no memo
            return self.filter(toks)
        return [t for t in toks if (self._keep(t) if t.kind is None else self.filter([t]))]

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

    def many(self, texts: Sequence[str]) -> list[dict[str, list[str]]]:
        """Layers of many strings; the same as calling the chain on each, several times faster.

        All segmenter runs of all texts go to the backend in one call (:meth:`Tokenizer.cut_many`), and
        each word is judged once per process (:class:`_Verdicts`), then routed to its layer by list
        comprehensions over dictionary lookups instead of one ``Token`` and several calls per word.
        """
        if self.tagged or not isinstance(self.tokenizer, Tokenizer):
            return [self._layers(self.tokens(t or "")) for t in texts]
        plans = []
        for text in texts:
            for f in self.char_filters:
                text = f(text or "")
            plans.append(self.tokenizer.plan(text))
        cut = iter(self.tokenizer.cut_many([p for plan in plans for p, k in plan if k is None]))
        verdict = self.verdicts
        out = []
        for plan in plans:
            if len(plan) == 1 and plan[0][1] is None:  # the common case: one run, no protected piece
                words = next(cut)
                out.append(self._route(words, verdict))
                continue
            lay: dict[str, list[str]] = {"tokens": [], "formulaic_tokens": [], "formulas": []}
            for piece, kind in plan:
                if kind is None or kind == "eng":  # judged word by word, like segmenter words
                    part = self._route(next(cut) if kind is None else [piece], verdict)
                elif self.filter([Token(piece, kind, "nz")]):
                    part = self._layers([Token(piece, kind, "nz")])
                else:
                    continue
                for name, words in part.items():
                    lay[name].extend(words)
            out.append(lay)
        return out

    def _route(self, words: list[str], verdict: dict[str, int]) -> dict[str, list[str]]:
        """Layers of unprotected words: ``verdict`` maps a word to its layer (0 tokens, 1 formulaic,
        2 tokens and formulas, 3 formulaic and formulas, -1 dropped).

        One C-level pass per layer (``compress`` over ``map`` of a memo ``word -> in this layer``); the
        rarer layers are skipped with a set probe (``isdisjoint``) when no word of their list occurs.
        """
        tok, fml, frm = self.members
        return {
            "tokens": list(compress(words, map(tok.__getitem__, words))),
            "formulaic_tokens": (
                [] if self.formulaic.isdisjoint(words) else list(compress(words, map(fml.__getitem__, words)))
            ),
            "formulas": (
                [] if self.formula_terms.isdisjoint(words) else list(compress(words, map(frm.__getitem__, words)))
            ),
        }

    @functools.cached_property
    def members(self) -> tuple[dict[str, bool], dict[str, bool], dict[str, bool]]:
        """Memos ``word -> in this layer`` for the three layers, derived from :attr:`verdicts`."""
        return tuple(_Member(self.verdicts, codes) for codes in _LAYER_CODES)  # type: ignore[return-value]

    @functools.cached_property
    def verdicts(self) -> dict[str, int]:
        """Memo of the layer of each unprotected word (see :meth:`_route`), filled on first sight."""
        return _Verdicts(self)


# Codes (see :meth:`Chain._route`) that put a word in each layer: tokens, formulaic tokens, formulas.
_LAYER_CODES = (frozenset({0, 2}), frozenset({1, 3}), frozenset({2, 3}))


class _Member(dict):
    """word -> whether its layer code is one of ``codes``, computed on first sight from the verdicts."""

    def __init__(self, verdicts: dict[str, int], codes: frozenset[int]):
        super().__init__()
        self.verdicts, self.codes = verdicts, codes

    def __missing__(self, word: str) -> bool:
        inside = self[word] = self.verdicts[word] in self.codes
        return inside


class _Verdicts(dict):
    """word -> layer code, computed by the chain's filters the first time a word is looked up."""

    def __init__(self, chain: Chain):
        super().__init__()
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
