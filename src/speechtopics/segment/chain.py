"""Text to token layers as a chain of plain callables: character filters, tokenizer, token filters.

This module owns the per-string work of the segment stage: the :class:`Chain` that runs the
character filters, the tokenizer (:class:`~speechtopics.segment.tokenizer.Tokenizer`: protected pattern
matches first, then the segmenter on the gaps) and the token filters (:mod:`speechtopics.segment.filters`) and
splits the surviving tokens into layers, text by text or many texts at once
(:mod:`speechtopics.segment.columns`). :func:`build_chain` assembles a chain from a
:class:`SegmentConfig`, and :func:`tokenize` runs it on one string and returns the layers.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from speechtopics.gcpause import without_gc
from speechtopics.segment.columns import (ASCII_SLOT, KEPT, PROTECTED_SLOT, TEXT_END, LayerColumns, Verdicts,
                                          blank_sentinels, normalize_width_joined, route_words)
from speechtopics.segment.filters import (CharFilter, Token, TokenFilter, drop_file_extensions, drop_numbers,
                                          drop_punctuation, drop_redacted, drop_zero_width, make_min_chars,
                                          make_pos_filter, make_stopwords, normalize_width)
from speechtopics.segment.formulas import FORMULA_KINDS
from speechtopics.segment.options import SegmentConfig
from speechtopics.segment.phrases import HAN_WORD, PhraseCounts, PhraseTable, word_runs
from speechtopics.segment.resources import load_resources, resource_signature
from speechtopics.segment.tokenizer import ASCII_RUN, WORD_KINDS, Tokenizer

__all__ = ["Token", "Chain", "LayerColumns", "build_chain", "tokenize", "get_chain", "start_worker"]


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
    stopwords: frozenset[str] = frozenset()
    phrase_min_chars: int = 2
    phrases: PhraseTable | None = None
    fixed_terms: frozenset[str] = frozenset()

    def eligible(self, word: str) -> bool:
        """Whether a segmenter word may take part in a corpus phrase (:mod:`speechtopics.segment.phrases`):
        Chinese characters only, at least ``phrase_min_chars`` long, not a stopword, formulaic word or
        numbered formula, nor a curated term of the lexicon (:attr:`fixed_terms`: already a whole term)."""
        ok = self.eligible_memo.get(word)
        if ok is None:
            ok = (len(word) >= self.phrase_min_chars and HAN_WORD.fullmatch(word) is not None
                  and word not in self.stopwords and word not in self.formulaic and word not in self.formula_terms and word not in self.fixed_terms)
            self.eligible_memo[word] = ok
        return ok

    @functools.cached_property
    def eligible_memo(self) -> dict[str, bool]:
        """Memo of :meth:`eligible`."""
        return {}

    def _join_tokens(self, toks: list[Token]) -> list[Token]:
        """``toks`` with the phrases of :attr:`phrases` joined (a joined token takes its last word's tag,
        the head of a Chinese compound)."""
        words = [t.word if t.kind is None else "" for t in toks]  # protected pieces: never eligible
        joined = self.phrases.join_words(words, self.eligible)
        if len(joined) == len(toks):
            return toks
        out, i = [], 0
        for w in joined:
            t = toks[i]
            if w == t.word or t.kind is not None:
                out.append(t)
                i += 1
                continue
            end, acc = i, ""
            while acc != w:
                acc += toks[end].word
                end += 1
            out.append(Token(w, None, toks[end - 1].pos))
            i = end
        return out

    def phrase_counts(self, texts: Sequence[str], max_words: int = 3) -> PhraseCounts:
        """Counts of eligible words, pairs and triples of ``texts`` (the segmenter's words before any
        phrase is joined), for :func:`speechtopics.segment.phrases.learn`."""
        if self.tagged or not isinstance(self.tokenizer, Tokenizer):
            runs = (r for t in texts for r in word_runs(
                (tk.word if tk.kind is None else "" for tk in self.tokenizer(self._filter_chars(t or ""))),
                self.eligible))
            return PhraseCounts.of_runs(runs, max_words)
        words = self._backend_words(texts)[0]
        return PhraseCounts.of_runs(word_runs(words, self.eligible), max_words)

    def filter(self, toks: list[Token]) -> list[Token]:
        """Run the token filters on ``toks`` (every filter judges each token on its own)."""
        for f in self.token_filters:
            toks = f(toks)
        return toks

    def tokens(self, text: str) -> list[Token]:
        """Run the character filters, the tokenizer (:class:`~speechtopics.segment.tokenizer.Tokenizer`: protected pattern
matches first, then the segmenter on the gaps) and the token filters; return surviving tokens."""
        for f in self.char_filters:
            text = f(text)
        toks = self.tokenizer(text)
        if self.phrases:
            toks = self._join_tokens(toks)
        if self.tagged:  # the POS filter judges tags, not words: no memo
            return self.filter(toks)
        return [t for t in toks if (self.verdicts[t.word] in KEPT if t.kind is None else self.filter([t]))]

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
        then looked up once (:class:`Verdicts`), the slots take their pieces' codes, and each layer
        is selected in whole-array passes. (Written by hand: no library routes words to layers; the
        per-word Python work of a straightforward loop cost three times the segmenter's own time.)
        """
        if self.tagged or not isinstance(self.tokenizer, Tokenizer):
            return LayerColumns.from_text_layers(self.many(texts))
        words, specials, gaps, filtered = self._backend_words(texts)
        if self.phrases:
            words = self.phrases.join_words(words, self.eligible)
        slots = [(PROTECTED_SLOT, [p for p, _ in specials], [self._piece_code(p, k) for p, k in specials]),
                 (ASCII_SLOT, gaps[1::2], None)]
        routed = route_words(words, self.verdicts, len(filtered), slots)
        if routed is None:  # not seen with either backend: then text by text
            return LayerColumns.from_text_layers([self._layers(self.tokens(t)) for t in filtered])
        return routed

    def _backend_words(self, texts: Sequence[str]) -> tuple[list[str], list, list[str], list[str]]:
        """The one backend call of :meth:`columns`: its words, the protected pieces, the gaps and ASCII
        runs, and the filtered texts."""
        filtered = self._filter_chars_many(texts)
        protected, specials = self.tokenizer.protect("".join(t + TEXT_END for t in filtered))
        gaps = ASCII_RUN.split(protected)  # gap, ASCII run, gap, ...: runs never cross a slot
        words = self.tokenizer.seg.cut(ASCII_SLOT.join(gaps[0::2])) if texts else []
        return words, specials, gaps, filtered

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
        joined = TEXT_END.join(texts)
        if joined.count(TEXT_END) != len(texts) - 1 or PROTECTED_SLOT in joined or ASCII_SLOT in joined:
            texts = [blank_sentinels(t) for t in texts]  # rare
            joined = TEXT_END.join(texts)
        if len(texts) < 2 or self.char_filters != (drop_zero_width, normalize_width):
            return [self._filter_chars(t) for t in texts]
        return normalize_width_joined(drop_zero_width(joined))

    def _piece_code(self, piece: str, kind: str) -> int:
        """Layer code (:data:`~speechtopics.segment.columns.LAYER_CODES`) of one protected piece (memoised: the same few recur)."""
        key = (piece, kind)
        code = self.piece_memo.get(key)
        if code is None:
            if kind in WORD_KINDS:  # an ASCII word or a year: judged like a segmenter word
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
        """Memo of the layer code of each unprotected word (see :data:`~speechtopics.segment.columns.LAYER_CODES`), filled on first sight."""
        return Verdicts(self)


def build_chain(cfg: SegmentConfig, phrases: PhraseTable | None = None) -> Chain:
    """Assemble the chain ``cfg`` describes (reads word lists and builds the segmenter); ``phrases``: the
    corpus phrases to join (:mod:`speechtopics.segment.phrases`), none when omitted."""
    res = load_resources(cfg)
    filters: list[TokenFilter] = [
        drop_redacted,
        drop_punctuation,
        drop_numbers,
        drop_file_extensions,
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
        res.stopwords,
        cfg.phrase_min_chars,
        phrases or None,
        frozenset(e.term for e in res.lexicon if not e.source.startswith("thuocl:")),
    )


def get_chain(cfg: SegmentConfig, phrases: PhraseTable | None = None) -> Chain:
    """The chain for ``cfg`` (and the corpus ``phrases`` to join, if any), built once per process and
    version of the word lists it names (an edited stopword list or lexicon gives a new chain)."""
    # one cache key however the arguments are passed
    return _cached_chain(cfg, phrases or None, resource_signature(cfg))


def start_worker(cfg: SegmentConfig) -> None:
    """A pool worker's start: interrupts are its owner's to handle (a notebook kernel's shutdown interrupts
    its whole process group: :func:`speechtopics.shutdown.ignore_interrupts`) and it ends when its owner
    dies (:func:`speechtopics.shutdown.exit_with_parent`), then the chain built once."""
    from speechtopics.shutdown import start_pool_worker

    start_pool_worker()
    get_chain(cfg)


@functools.lru_cache(maxsize=8)
def _cached_chain(cfg: SegmentConfig, phrases: PhraseTable | None, files: tuple) -> Chain:
    return build_chain(cfg, phrases)


def tokenize(text: str, cfg: SegmentConfig | None = None) -> dict[str, list[str]]:
    """Segment one string into substantive tokens, formulaic tokens and formulas.

    Parameters
    ----------
    text
        Clean text (a paragraph, a section or a whole speech).
    cfg
        Segment config; the default config when omitted. Corpus phrases (``cfg.phrases``) are not
        joined here: one string is no corpus (see :func:`speechtopics.segment.segment_texts`).

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
