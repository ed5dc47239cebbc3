"""Corpus-driven phrase discovery: new-word candidates for the lexicon, and promoting reviewed ones.

This module owns finding multi-token terms the dictionary splits (新质 + 生产力) and adding reviewed ones
to the lexicon. Candidates are runs of 2-3 adjacent segmenter words inside a stretch of Chinese text,
scored by how much more often the parts occur together than by chance (normalised PMI), by the entropy
of their left and right neighbours (a real term appears in varied contexts; a fragment always has the
same neighbour) and by their frequency. Hand-written because gensim ``Phrases`` scores PMI only, not
boundary entropy, which is what separates 新质生产力 from 发展新质.

The default score, ``npmi * min(entropy) * log(freq)``, replaced ``pmi * min(entropy)`` (still
``score="pmi"``), which ranks rare pairs of rare words first and buries frequent compounds (信息/公开,
劳动/合同). On the design list of local-governance terms (``tests/data/segment/design_local.tsv``,
mining half of the local sources) the top 600 candidates hold 198 of its terms, against 42 with the
earlier score and edge rule; candidates with a one-character edge word (积分/制, 子/基金) are now proposed
(``min_edge_chars=1``; 标准/地 still is not, as 地 is on the stopword lists).
"""

from __future__ import annotations

import csv
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from speechtopics.segment.backends import get_segmenter
from speechtopics.segment.options import SegmentConfig
from speechtopics.segment.resources import LEXICON_COLUMNS, load_resources, read_lexicon, resolve_external

__all__ = ["Candidate", "discover", "write_candidates", "read_accepted", "promote"]

_HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")
CANDIDATE_COLUMNS = ("term", "freq", "pmi", "left_entropy", "right_entropy", "score", "parts", "accept")


@dataclass(frozen=True)
class Candidate:
    """A new-word candidate with its statistics."""

    term: str
    freq: int
    pmi: float  # the PMI; the score column holds the ranking score
    left_entropy: float
    right_entropy: float
    score: float
    parts: tuple[str, ...]


def _entropy(counter: Counter) -> float:
    total = sum(counter.values())
    return -sum(c / total * math.log(c / total) for c in counter.values()) if total else 0.0


def _runs(texts: Iterable[str], cfg: SegmentConfig) -> Iterable[list[str]]:
    res = load_resources(cfg)
    seg = get_segmenter(cfg.backend, res.lexicon, cfg.hmm, res.dict_hash)
    for text in texts:
        for run in _HAN_RUN.findall(text):
            yield seg.cut(run)


def discover(
    texts: Iterable[str],
    cfg: SegmentConfig | None = None,
    min_count: int = 5,
    max_parts: int = 3,
    min_entropy: float = 1.0,
    top: int = 500,
    score: str = "npmi",
    min_edge_chars: int = 1,
) -> list[Candidate]:
    """Rank new-word candidates in ``texts`` (deterministic: ties broken by the term).

    Parameters
    ----------
    texts
        Corpus texts.
    cfg
        Segment config (backend and lexicon used for the base segmentation).
    min_count
        Minimum frequency of a candidate.
    max_parts
        Longest candidate in segmenter words.
    min_entropy
        Minimum of left and right neighbour entropy.
    top
        Number of candidates returned.
    score
        ``"npmi"``: ``npmi * min(left, right entropy) * log(freq)``, where ``npmi = pmi / ((n - 1) *
        -log p(term))`` for a term of ``n`` words; ``"pmi"``: ``pmi * min(left, right entropy)`` (the
        earlier ranking).
    min_edge_chars
        Shortest first and last part, in characters (1: one-character edge words such as 积分/制).

    Returns
    -------
    list of Candidate
        Best first by ``score``; words already in the dictionary, stopwords and candidates with an edge
        part shorter than ``min_edge_chars`` are left out.
    """
    if score not in ("npmi", "pmi"):
        raise ValueError(f"score must be 'npmi' or 'pmi' (got {score!r})")
    cfg = cfg or SegmentConfig()
    res = load_resources(cfg)
    unigrams: Counter = Counter()
    grams: Counter = Counter()
    left: dict[tuple, Counter] = defaultdict(Counter)
    right: dict[tuple, Counter] = defaultdict(Counter)
    for words in _runs(texts, cfg):
        unigrams.update(words)
        for n in range(2, max_parts + 1):
            for i in range(len(words) - n + 1):
                g = tuple(words[i : i + n])
                grams[g] += 1
                left[g][words[i - 1] if i else "<s>"] += 1
                right[g][words[i + n] if i + n < len(words) else "</s>"] += 1
    total = sum(unigrams.values()) or 1
    known = res.lexicon_terms | res.stopwords | res.formulaic
    out = []
    for g, f in grams.items():
        term = "".join(g)
        if f < min_count or term in known or len(g[0]) < min_edge_chars or len(g[-1]) < min_edge_chars:
            continue
        if any(p in res.stopwords for p in g):
            continue
        pmi = math.log(f * total ** (len(g) - 1) / math.prod(unigrams[p] for p in g))
        le, re_ = _entropy(left[g]), _entropy(right[g])
        if min(le, re_) < min_entropy:
            continue
        if score == "pmi":
            rank = pmi * min(le, re_)
        else:
            npmi = pmi / ((len(g) - 1) * -math.log(f / total)) if f < total else 1.0
            rank = npmi * min(le, re_) * math.log(f)
        out.append(Candidate(term, f, pmi, le, re_, rank, g))
    out.sort(key=lambda c: (-c.score, c.term))
    return out[:top]


def write_candidates(cands: list[Candidate], path: Path) -> Path:
    """Write candidates as a TSV for review (fill the ``accept`` column with ``y``)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(CANDIDATE_COLUMNS)
        for c in cands:
            w.writerow([c.term, c.freq, f"{c.pmi:.3f}", f"{c.left_entropy:.3f}", f"{c.right_entropy:.3f}",
                        f"{c.score:.3f}", "+".join(c.parts), ""])
    return path


def read_accepted(path: Path, accept_all: bool = False) -> list[str]:
    """Terms of a reviewed candidates TSV whose ``accept`` column is y/yes/1/x (all when ``accept_all``)."""
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    if rows and "term" not in rows[0]:
        raise ValueError(f"{path}: not a candidates TSV (no 'term' column)")
    ok = {"y", "yes", "1", "x", "true"}
    return [r["term"] for r in rows if accept_all or (r.get("accept") or "").strip().lower() in ok]


def promote(terms: list[str], lexicon: str, source: str, freq: int = 1000) -> list[str]:
    """Append ``terms`` not yet in the lexicon TSV ``lexicon`` (a bundled name or a path).

    Returns the terms added. ``promoted.tsv`` next to the lexicon records them too, so that
    ``build_lexicon.py`` keeps them on a rebuild.
    """
    path = resolve_external(lexicon)
    have = {e.term for e in read_lexicon(path)} if path.exists() else set()
    new = [t for t in dict.fromkeys(terms) if t and t not in have]
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\t".join(LEXICON_COLUMNS) + "\n", encoding="utf-8")
    with open(path, "a", encoding="utf-8") as fh:
        fh.writelines(f"{t}\t{freq}\tnz\t{source}\n" for t in new)
    record = path.parent / "promoted.tsv"
    with open(record, "a", encoding="utf-8") as fh:
        fh.writelines(f"{t}\t{source}\n" for t in new)
    return new
