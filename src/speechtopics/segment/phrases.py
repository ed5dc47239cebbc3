"""Corpus collocations of the segment stage: adjacent words that the corpus uses as one term are joined.

This module owns the phrase step (``segment.phrases``): what it counts, how it scores and how it joins.
A researcher's corpus always holds terms no shipped lexicon lists (信息/公开, 劳动/合同, 人力资源/市场);
the segmenter cuts them into their parts. The step learns such terms from the corpus itself:

* **Runs.** Only *eligible* words take part: words of the segmenter (not protected formulas or ASCII
  pieces) made of Chinese characters only, not stopwords, not formulaic officialese, not numbered
  formulas, and at least ``phrase_min_chars`` characters long. A run is a maximal sequence of eligible
  words adjacent in the text, so nothing is joined across punctuation, a stopword (的, 和), a formulaic
  word (加强, 推进), a number or a line break.
* **Counts** (:class:`PhraseCounts`): eligible words, adjacent pairs and (for 3-word phrases) adjacent
  triples within runs, and the number of eligible words. Counts of parts of a corpus add up to the counts
  of the whole (``+``), so they can be computed per chunk or partition and summed in any order.
* **Scores** (:func:`learn`): a pair seen at least ``phrase_min_count`` times is joined when its
  normalised PMI (gensim's :func:`~gensim.models.phrases.npmi_scorer`, Bouma 2009) is at least
  ``phrase_threshold``; with ``phrase_max_words = 3`` a triple seen ``phrase_min_count`` times that
  contains a joined pair is joined when the NPMI of (that pair, the third word) reaches the threshold.
* **Joining** (:meth:`PhraseTable.join`): within a run, the best-scoring joinable pair is joined first
  (ties: the leftmost), then the next, so 信息/公开/工作 gives 信息公开/工作 whatever the order of
  the pairs in the text; then 3-word phrases. Deterministic: a function of the words and the table.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

__all__ = ["HAN_WORD", "PhraseCounts", "PhraseTable", "learn", "word_runs"]

#: A word made of Chinese characters only (the words that may take part in a phrase).
HAN_WORD = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")


def word_runs(words: Iterable[str], eligible: Callable[[str], bool]) -> Iterable[list[str]]:
    """The maximal runs of consecutive eligible words of ``words`` (every run, also of one word)."""
    run: list[str] = []
    for w in words:
        if eligible(w):
            run.append(w)
        elif run:
            yield run
            run = []
    if run:
        yield run


@dataclass(frozen=True)
class PhraseCounts:
    """Counts of eligible words, adjacent pairs and triples within runs, and the number of words.

    A reduction: ``a + b`` counts the corpora of ``a`` and ``b`` together (the same in any order).
    """

    words: Counter = field(default_factory=Counter)
    pairs: Counter = field(default_factory=Counter)
    triples: Counter = field(default_factory=Counter)
    total: int = 0

    @classmethod
    def of_runs(cls, runs: Iterable[Sequence[str]], max_words: int = 3) -> PhraseCounts:
        """Count the words, pairs and (``max_words == 3``) triples of ``runs``."""
        words: Counter = Counter()
        pairs: Counter = Counter()
        triples: Counter = Counter()
        for run in runs:
            words.update(run)
            if len(run) > 1:
                pairs.update(zip(run, run[1:]))
                if max_words >= 3 and len(run) > 2:
                    triples.update(zip(run, run[1:], run[2:]))
        return cls(words, pairs, triples, sum(words.values()))

    def __add__(self, other: PhraseCounts) -> PhraseCounts:
        return PhraseCounts(self.words + other.words, self.pairs + other.pairs, self.triples + other.triples,
                            self.total + other.total)

    def pruned(self, min_count: int) -> PhraseCounts:
        """Only pairs and triples seen ``min_count`` times and the words they hold (what :func:`learn`
        reads at that ``min_count``), with the same ``total``; prune only the counts of a whole corpus."""
        pairs = Counter({k: v for k, v in self.pairs.items() if v >= min_count})
        triples = Counter({k: v for k, v in self.triples.items() if v >= min_count})
        needed = {w for k in (*pairs, *triples) for w in k}
        return PhraseCounts(Counter({w: self.words[w] for w in needed}), pairs, triples, self.total)

    def to_tsv(self) -> str:
        """The counts as text: ``total``, then one ``kind<TAB>count<TAB>words...`` line per entry, sorted."""
        lines = [f"total\t{self.total}"]
        for kind, table in (("w", self.words), ("p", self.pairs), ("t", self.triples)):
            for key in sorted(table):
                parts = (key,) if kind == "w" else key
                lines.append("\t".join((kind, str(table[key]), *parts)))
        return "\n".join(lines) + "\n"

    @classmethod
    def from_tsv(cls, text: str) -> PhraseCounts:
        """The counts :meth:`to_tsv` wrote."""
        words: Counter = Counter()
        pairs: Counter = Counter()
        triples: Counter = Counter()
        total = 0
        for line in text.splitlines():
            kind, count, *parts = line.split("\t")
            if kind == "total":
                total = int(count)
            elif kind == "w":
                words[parts[0]] = int(count)
            else:
                (pairs if kind == "p" else triples)[tuple(parts)] = int(count)
        return cls(words, pairs, triples, total)


@dataclass(frozen=True, eq=False)
class PhraseTable:
    """The phrases of one corpus: joinable pairs and triples with their scores.

    Hashable by content (:attr:`digest`), so a chain and a cache folder can be keyed by it.
    """

    pairs: dict[tuple[str, str], float]
    triples: dict[tuple[str, str, str], float]
    digest: str = ""

    def __post_init__(self) -> None:
        if not self.digest:
            blob = repr((sorted(self.pairs.items()), sorted(self.triples.items()))).encode("utf-8")
            object.__setattr__(self, "digest", hashlib.sha256(blob).hexdigest()[:16])

    def __hash__(self) -> int:
        return hash(self.digest)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PhraseTable) and other.digest == self.digest

    def __len__(self) -> int:
        return len(self.pairs) + len(self.triples)

    def join(self, run: Sequence[str]) -> list[str]:
        """The words of one run with its phrases joined (best score first, ties leftmost)."""
        units: list[tuple[str, ...]] = [(w,) for w in run]
        for table in (self.pairs, self.triples):
            if not table:
                continue
            while True:
                best, at = None, -1
                for i in range(len(units) - 1):
                    s = table.get(units[i] + units[i + 1])
                    if s is not None and (best is None or s > best):
                        best, at = s, i
                if best is None:
                    break
                units[at : at + 2] = [units[at] + units[at + 1]]
        return ["".join(u) for u in units]

    def join_words(self, words: Sequence[str], eligible: Callable[[str], bool]) -> list[str]:
        """``words`` with the phrases of every run of eligible words joined; other words unchanged."""
        out: list[str] = []
        run: list[str] = []
        pairs = self.pairs
        for w in words:
            if eligible(w):
                run.append(w)
                continue
            if run:
                out.extend(self.join(run) if len(run) > 1 and _any_pair(run, pairs) else run)
                run = []
            out.append(w)
        if run:
            out.extend(self.join(run) if len(run) > 1 and _any_pair(run, pairs) else run)
        return out


def _any_pair(run: Sequence[str], pairs: dict) -> bool:
    return any((a, b) in pairs for a, b in zip(run, run[1:]))


def learn(counts: PhraseCounts, min_count: int, threshold: float, max_words: int = 2) -> PhraseTable:
    """The phrase table of a corpus from its counts (see the module docstring).

    Parameters
    ----------
    counts
        Counts of the whole corpus (:meth:`PhraseCounts.of_runs`, summed over its parts).
    min_count
        A pair or triple must occur at least this often.
    threshold
        Least normalised PMI (-1 to 1) of a joined pair (of a joined pair and its third word).
    max_words
        2: pairs only; 3: also triples holding a joined pair.

    Examples
    --------
    >>> c = PhraseCounts.of_runs([["信息", "公开"], ["信息", "公开"], ["政府", "信息"], ["公开"]])
    >>> learn(c, min_count=2, threshold=0.3).join(["政府", "信息", "公开"])  # NPMI of 信息/公开: 0.35
    ['政府', '信息公开']
    """
    from gensim.models.phrases import npmi_scorer  # gensim loads slowly; only a phrase run needs it

    n, words = counts.total, counts.words
    pairs: dict[tuple[str, str], float] = {}
    for (a, b), k in counts.pairs.items():
        if k >= min_count:
            s = npmi_scorer(words[a], words[b], k, 0, min_count, n)
            if s >= threshold:
                pairs[(a, b)] = s
    triples: dict[tuple[str, str, str], float] = {}
    if max_words >= 3:
        for (a, b, c), k in counts.triples.items():
            if k < min_count:
                continue
            scores = []
            if (a, b) in pairs:
                scores.append(npmi_scorer(counts.pairs[(a, b)], words[c], k, 0, min_count, n))
            if (b, c) in pairs:
                scores.append(npmi_scorer(words[a], counts.pairs[(b, c)], k, 0, min_count, n))
            if scores and max(scores) >= threshold:
                triples[(a, b, c)] = max(scores)
    return PhraseTable(pairs, triples)
