"""The tokenizer of the segment stage: protected pattern matches first, then the segmenter on the gaps.

This module owns :class:`Tokenizer` (``str -> list[Token]``): the numbered formulas, digit terms, years and
quoted slogans of :mod:`speechtopics.segment.formulas` are cut out whole, open-ended formula matches are
checked against the dictionary's word boundaries (a place name or an idiom is no formula), ASCII runs
are split off, and the backend segments what is left. :mod:`speechtopics.segment.chain` runs it between
the character and token filters.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from speechtopics.segment.backends import get_segmenter
from speechtopics.segment.columns import PROTECTED_SLOT
from speechtopics.segment.compounds import CompoundCutter, lexicon_cuts
from speechtopics.segment.filters import Token
from speechtopics.segment.formulas import compile_protector
from speechtopics.segment.options import SegmentConfig
from speechtopics.segment.resources import Resources

__all__ = ["Tokenizer", "ASCII_RUN", "WORD_KINDS", "NUMERAL_PLACES"]

ASCII_RUN = re.compile(r"([A-Za-z0-9]+(?:[.\-+][A-Za-z0-9]+)*%?)")
_ASCII_ALNUM = re.compile(r"[A-Za-z0-9]")


#: Plan pieces that are ordinary words cut out by a regex (ASCII runs, years), with their POS tag.
WORD_KINDS = {"eng": "eng", "year": "m"}

#: Open-ended pattern kinds whose matches must agree with the dictionary's word boundaries.
_CHECKED_KINDS = frozenset({"paired", "modified"})


def _add_gap(plan: list[tuple[str, str | None]], gap: str) -> None:
    """Append a gap to ``plan``: its ASCII runs as ``"eng"`` pieces, the rest as runs for the segmenter."""
    parts = ASCII_RUN.split(gap)
    if len(parts) == 1:
        plan.append((gap, None))
        return
    for i, run in enumerate(parts):
        if run:
            plan.append((run, "eng" if i % 2 else None))


#: Provinces and prefecture-level cities (and two county-level cities) whose names open with a numeral:
#: 四川三大 and 九江两岸 read like paired formulas. A list, not the dictionary's place tag (ns), which jieba
#: also gives to counted landforms and units of real formulas (两江四岸, 一江两岸, 三城一区, 三河三湖).
NUMERAL_PLACES = frozenset({"四川", "三亚", "三沙", "三明", "三门峡", "十堰", "六安", "六盘水", "九江", "七台河",
                            "四平", "五指山", "五家渠"})
_MAJOR_COUNT = re.compile("^[一二两三四五六七八九十]大$")


def _place_or_count(words: Sequence[str]) -> bool:
    """Whether a ``paired`` match, read by the dictionary as ``words``, opens with a place named with a
    numeral (:data:`NUMERAL_PLACES`: 四川三大, 九江两岸) or ends with N大 ("N major ...", which opens the
    noun phrase after it: 三大攻坚战 is the ``modified`` kind's)."""
    return words[0] in NUMERAL_PLACES or bool(_MAJOR_COUNT.match(words[-1]))


class Tokenizer:
    """Protect pattern matches, then segment each gap with the backend.

    ASCII runs (numbers, Latin words) are split off by a regex before the segmenter sees a gap; jieba and
    rjieba differ only on such runs ("1.5-2"), so this keeps the two backends in agreement.
    """

    def __init__(self, cfg: SegmentConfig, res: Resources):
        self.seg = get_segmenter(cfg.backend, res.lexicon, cfg.hmm, res.dict_hash)
        if cfg.cut_compounds:  # listed compound names cut at their joints (speechtopics.segment.compounds)
            self.seg = CompoundCutter(self.seg, lexicon_cuts(res.lexicon, res.dict_hash))
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
        五讲四美). Nor is a match of several words that opens with a place name or ends with a count of
        "major" things (:func:`_place_or_count`: 四川/三大, 九江/两岸). (Two other ordinary words side by
        side, 两岸/双方, are still taken for a formula: the dictionary reads real ones such as 一园/一策 and
        三线/一单 the same way.)
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
        if kind != "paired":
            return True
        # one dictionary word outside the political lexicon: an idiom (四通八达), not a formula
        if len(inner) == 1:
            return inner[0] in self.lexicon_terms
        return not _place_or_count(inner)

    def __call__(self, text: str) -> list[Token]:
        tokens: list[Token] = []
        for piece, kind in self.plan(text):
            if kind in WORD_KINDS:  # an ASCII word or number, or a year: filtered like any word
                tokens.append(Token(piece, None, WORD_KINDS[kind]))
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
        """``text`` with each protected match replaced by :data:`PROTECTED_SLOT`, and the matches with
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
        return PROTECTED_SLOT.join(parts), specials
