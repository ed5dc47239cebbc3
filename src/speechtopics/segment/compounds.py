"""The segmenter's granularity: a listed compound name cut at its joints.

This module owns :func:`compound_cuts` (which lexicon terms of a mined or curated source are
concatenations of shorter listed terms and dictionary words, and their parts) and :class:`CompoundCutter`,
the segmenter wrapper that applies them. The segmenter still reads the whole name, so the name is not cut
across its edges (城乡建设用地增减挂钩 is not read 城乡/建设/用地增/减/挂钩); the token it returns is then cut
into the listed terms inside it (城乡建设用地 / 增减挂钩), as segmentation standards (PKU, CTB) cut
compositional compounds. Hand-curated terms (the national vocabulary placed in context by hand:
人类命运共同体), THUOCL names and formulas are never cut. Why hand-written: no segmentation library offers
a non-overlapping cut of user-dictionary words into their listed parts (jieba's search mode returns the
parts *and* the whole, overlapping).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from speechtopics.segment.backends import Segmenter
from speechtopics.segment.resources import LexiconEntry

__all__ = ["CUT_SOURCES", "CompoundCutter", "best_cut", "compound_cuts", "dictionary_words", "lexicon_cuts"]

#: Lexicon sources whose terms may be cut: mined (``corpus:``) and curated (``curated:``) lists.
CUT_SOURCES = ("corpus:", "curated:")
_HAN = re.compile(r"^[\u4e00-\u9fff]+$")


def best_cut(term: str, listed: frozenset[str] | set[str], words: frozenset[str] | set[str]) -> tuple[str, ...] | None:
    """The parts of ``term`` at its joints, or ``None`` when it has none.

    A cut is two or more parts of at least two characters, each in ``listed`` (lexicon terms) or in
    ``words`` (the dictionary's words), at least one of them in ``listed``. Of several cuts, the one with
    the fewest parts; then the one whose listed parts cover most characters; then the longest first part.

    Examples
    --------
    >>> best_cut("耕地占补平衡", {"占补平衡", "耕地占补平衡"}, {"耕地", "平衡"})
    ('耕地', '占补平衡')
    >>> best_cut("创业担保贷款", {"创业担保贷款"}, {"创业", "担保", "贷款"}) is None  # no listed part inside
    True
    """
    n = len(term)

    @functools.lru_cache(maxsize=None)
    def best(i: int, need: bool):
        """Best cut of ``term[i:]`` as ``(rank, parts)``, ``need``: a listed part is still wanted."""
        if i == n:
            return None if need else ((0, 0, ()), ())
        found = []
        for j in range(i + 2, n + 1):
            part = term[i:j]
            listed_part = part in listed
            if j - i == n or not (listed_part or part in words):
                continue
            rest = best(j, need and not listed_part)
            if rest is not None:
                (count, cover, lengths), parts = rest
                found.append(((count + 1, cover - (j - i) * listed_part, (i - j, *lengths)), (part, *parts)))
        return min(found) if found else None

    result = best(0, True)
    return result[1] if result else None


def compound_cuts(entries: Iterable[LexiconEntry], words: frozenset[str] | set[str],
                  sources: tuple[str, ...] = CUT_SOURCES) -> dict[str, tuple[str, ...]]:
    """``{term: parts}`` of the lexicon terms of ``sources`` that :func:`best_cut` cuts (Chinese terms of
    four or more characters). A part that is itself such a term comes out cut as it does on its own, so
    a name reads the same inside a longer name as alone (科技成果转移转化 -> 科技 / 成果 / 转移转化 when
    成果转移转化 -> 成果 / 转移转化).

    Examples
    --------
    >>> es = [LexiconEntry("耕地占补平衡", 5000, "nz", "curated:x"), LexiconEntry("占补平衡", 5000, "nz", "curated:x"),
    ...       LexiconEntry("人类命运共同体", 20000, "nz", "hand:ideology"), LexiconEntry("命运共同体", 20000, "nz", "hand:x")]
    >>> compound_cuts(es, {"耕地", "人类"})
    {'耕地占补平衡': ('耕地', '占补平衡')}
    """
    entries = list(entries)
    listed = frozenset(e.term for e in entries)
    joints = {}
    for e in entries:
        if e.source.startswith(sources) and len(e.term) >= 4 and _HAN.match(e.term):
            parts = best_cut(e.term, listed, words)
            if parts:
                joints[e.term] = parts

    @functools.lru_cache(maxsize=None)
    def flat(term: str) -> tuple[str, ...]:
        """``term`` cut at its joints, and its parts at theirs (each part is shorter: this ends)."""
        return tuple(q for p in joints.get(term, (term,)) for q in (flat(p) if p in joints else (p,)))

    return {term: flat(term) for term in joints}


@functools.lru_cache(maxsize=1)
def dictionary_words() -> frozenset[str]:
    """Words of two or more characters of jieba's default dictionary (rjieba reads the same one)."""
    import jieba

    with jieba.get_dict_file() as fh:
        rows = (line.decode("utf-8").split(" ", 2) for line in fh)
        return frozenset(r[0] for r in rows if len(r) > 1 and len(r[0]) >= 2 and r[1].strip() != "0")


_CUTS: dict[str, dict[str, tuple[str, ...]]] = {}


def lexicon_cuts(entries: tuple[LexiconEntry, ...], dict_hash: str) -> dict[str, tuple[str, ...]]:
    """:func:`compound_cuts` of a lexicon against jieba's dictionary, computed once per process and
    lexicon (``dict_hash``, as :func:`speechtopics.segment.backends.get_segmenter` keys it)."""
    if dict_hash not in _CUTS:
        _CUTS[dict_hash] = compound_cuts(entries, dictionary_words())
    return _CUTS[dict_hash]


class CompoundCutter:
    """A segmenter whose listed compound names come out cut at their joints (``cuts``: :func:`compound_cuts`).

    Examples
    --------
    >>> class Plain:
    ...     def cut(self, text): return ["严格", "耕地占补平衡"]
    ...     def tag(self, text): return [("严格", "a"), ("耕地占补平衡", "nz")]
    >>> CompoundCutter(Plain(), {"耕地占补平衡": ("耕地", "占补平衡")}).cut("严格耕地占补平衡")
    ['严格', '耕地', '占补平衡']
    """

    def __init__(self, seg: Segmenter, cuts: dict[str, tuple[str, ...]]):
        self.seg = seg
        self.cuts = cuts

    def cut(self, text: str) -> list[str]:
        out: list[str] = []
        cuts = self.cuts
        for w in self.seg.cut(text):
            parts = cuts.get(w)
            if parts is None:
                out.append(w)
            else:
                out.extend(parts)
        return out

    def tag(self, text: str) -> list[tuple[str, str]]:
        """``(word, pos)``; the parts of a cut name keep the name's tag."""
        out: list[tuple[str, str]] = []
        for w, t in self.seg.tag(text):
            out.extend((p, t) for p in self.cuts.get(w, (w,)))
        return out
