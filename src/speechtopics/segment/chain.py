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
from dataclasses import dataclass

from speechtopics.segment.backends import get_segmenter
from speechtopics.segment.formulas import FORMULA_KINDS, compile_protector, split_protected
from speechtopics.segment.options import SegmentConfig
from speechtopics.segment.resources import Resources, load_resources

__all__ = ["Token", "Chain", "build_chain", "tokenize", "get_chain"]

REDACTION = "〓"
_HAN_RUN = re.compile(r"([\u3007\u4e00-\u9fff]+)")
_ASCII_WORD = re.compile(r"[A-Za-z0-9]+(?:[.\-+][A-Za-z0-9]+)*%?")
_NUMBER = re.compile(r"^第?[0-9〇零一二两三四五六七八九十百千万亿.,%+\-]+$")
_REDACTED = re.compile(r"^[X×〓xX]+$|〓")
_HAS_WORD = re.compile(r"\w")
_ASCII_ALNUM = re.compile(r"[A-Za-z0-9]")
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"), None)


@dataclass(frozen=True)
class Token:
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
    """NFKC: full-width digits and letters to ASCII (２０１３ → 2013), ideographic space to space."""
    return unicodedata.normalize("NFKC", text)


def drop_zero_width(text: str) -> str:
    """Remove zero-width characters and BOMs that would split words invisibly."""
    return text.translate(_ZERO_WIDTH)


# ---------------------------------------------------------------- tokenizer


class Tokenizer:
    """Protect pattern matches, then segment the Chinese runs of each gap with the backend.

    Only runs of Chinese characters reach the segmenter; ASCII runs are split by a regex. Both backends
    therefore see exactly the same inputs, which is what keeps jieba and rjieba in agreement.
    """

    def __init__(self, cfg: SegmentConfig, res: Resources):
        self.seg = get_segmenter(cfg.backend, res.lexicon, cfg.hmm, res.dict_hash)
        ascii_terms = tuple(e.term for e in res.lexicon if _ASCII_ALNUM.search(e.term))
        quoted = cfg.quoted_max_chars if cfg.protect_quoted else 0
        self.protector = compile_protector(ascii_terms, quoted, cfg.protect_formulas)
        self.tagged = cfg.pos_filter

    def _cut_gap(self, gap: str) -> list[Token]:
        out: list[Token] = []
        for i, run in enumerate(_HAN_RUN.split(gap)):
            if not run:
                continue
            if i % 2:  # a Chinese run
                if self.tagged:
                    out.extend(Token(w, None, p) for w, p in self.seg.tag(run))
                else:
                    out.extend(Token(w) for w in self.seg.cut(run))
            else:
                out.extend(Token(m.group(), None, "eng") for m in _ASCII_WORD.finditer(run))
        return out

    def _agrees(self, text: str, start: int, end: int) -> bool:
        """Whether the dictionary puts word boundaries at both ends of a pattern match.

        Guards the open-ended ``paired`` pattern: 三角一体 in 长三角一体化 straddles the dictionary words
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
            if kind == "paired" and not self._agrees(text, pos, end):
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

    def tokens(self, text: str) -> list[Token]:
        """Run the filters and the tokenizer; return the surviving tokens of both layers."""
        for f in self.char_filters:
            text = f(text)
        toks = self.tokenizer(text)
        for f in self.token_filters:
            toks = f(toks)
        return toks

    def __call__(self, text: str) -> dict[str, list[str]]:
        """``{"tokens", "formulaic_tokens", "formulas"}`` of one string."""
        substantive: list[str] = []
        formulaic: list[str] = []
        formulas: list[str] = []
        for t in self.tokens(text):
            if t.kind in FORMULA_KINDS or t.word in self.formula_terms:
                formulas.append(t.word)
            (formulaic if t.word in self.formulaic else substantive).append(t.word)
        return {"tokens": substantive, "formulaic_tokens": formulaic, "formulas": formulas}


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
    formula_terms = frozenset(e.term for e in res.lexicon if "formula" in e.source)
    return Chain(
        (drop_zero_width, normalize_width), Tokenizer(cfg, res), tuple(filters), res.formulaic, formula_terms
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
