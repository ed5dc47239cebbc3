"""The transparent move scorer: every cue is a weighted regex listed in ``move_cues.yaml``.

A paragraph's score for a move is ``sum(weight * min(matches, cap))`` over that move's cues, plus a
bonus when its part of the speech (opening/body/closing) is known. The highest-scoring move wins if it
reaches ``min_score``; otherwise the paragraph is the default move (``other``). Ties go to the move
listed first in the cue file, so the result never depends on dict order.

Coding rule 1 (the move that takes the larger part of the text wins) is approximated by a sentence vote:
each sentence is scored alone, and ``sentence_vote`` times the character share of the sentences won by a
move is added to that move's paragraph score. ``length_norm`` (characters; 0 = off) divides the cue
score by ``1 + len / length_norm`` so that long paragraphs do not win a move on many weak cues.

When the cue file names a ``weights_file`` (fitted by :mod:`speechtopics.rhetoric.weights`), the same cue
scores feed a multinomial logistic model instead: ``score[m] = intercept[m] + sum coef[m][f] * x[f]`` over
the features the weight file lists, each either a hand-weighted move score (``score:<move>``, the sum above
with the sentence vote) or one cue family (``<cue id>``, ``x = log1p(min(matches, cap))``). Every weight is
in that file; the highest score wins (``other`` is a class of its own, so no ``min_score``). The part bonus
is added in both modes.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import replace

from speechtopics.rhetoric.cues import MoveCues

SENTENCE_END = re.compile(r"(?<=[。！？!?；;])")


def score_text(text: str, cues: MoveCues, part: str | None = None) -> dict[str, float]:
    """Score one paragraph (or sentence) for every move.

    Parameters
    ----------
    text : str
        Cleaned paragraph text.
    cues : MoveCues
        Loaded cue file.
    part : {"opening", "body", "closing"}, optional
        Where the paragraph sits in the speech; adds ``part_bonus`` from the cue file.

    Returns
    -------
    dict
        ``move -> score`` for every move in the cue file, rounded to 4 decimals.
    """
    scores = dict.fromkeys(cues.moves, 0.0)
    for cue in cues.cues:
        n = len(cue.pattern.findall(text))
        if n:
            scores[cue.move] += cue.weight * min(n, cues.cap)
    for move, bonus in cues.part_bonus.get(part or "", {}).items():
        if move in scores:
            scores[move] += bonus
    return {m: round(s, 4) for m, s in scores.items()}


def pick_move(scores: dict[str, float], cues: MoveCues) -> str:
    """Choose the move with the highest score, or the default below ``min_score``."""
    best = max(cues.moves, key=lambda m: (scores.get(m, 0.0), -cues.moves.index(m)))
    return best if scores.get(best, 0.0) >= cues.min_score else cues.default


def sentence_shares(text: str, cues: MoveCues) -> dict[str, float]:
    """Character share of the sentences of ``text`` won by each move (sentences scored alone)."""
    shares = dict.fromkeys(cues.moves, 0.0)
    sents = split_sentences(text)
    total = sum(len(s) for s in sents)
    for s in sents:
        shares[pick_move(score_text(s, cues), cues)] += len(s) / total
    return shares


def cue_counts(text: str, cues: MoveCues) -> dict[str, float]:
    """``cue id -> log1p(min(matches, cap))`` for every cue: the features of the fitted model."""
    return {c.id: math.log1p(min(len(c.pattern.findall(text)), cues.cap)) for c in cues.cues}


def model_features(text: str, cues: MoveCues) -> dict[str, float]:
    """Every feature a fitted model may use: ``score:<move>`` (hand-weighted scores) and cue ids (counts)."""
    hand = paragraph_scores(text, replace(cues, fitted=None))
    return {**{f"score:{m}": v for m, v in hand.items()}, **cue_counts(text, cues)}


def fitted_scores(text: str, cues: MoveCues, part: str | None = None) -> dict[str, float]:
    """Scores of the fitted logistic model (``cues.fitted``) plus the part bonus."""
    fw = cues.fitted
    x = model_features(text, cues)
    xs = [x[f] for f in fw.features]
    out = {m: fw.intercept[m] + sum(w * v for w, v in zip(fw.coef[m], xs) if v) for m in cues.moves}
    for move, bonus in cues.part_bonus.get(part or "", {}).items():
        if move in out:
            out[move] += bonus
    return {m: round(s, 4) for m, s in out.items()}


def paragraph_scores(text: str, cues: MoveCues, part: str | None = None) -> dict[str, float]:
    """Cue scores (length-normalised when ``length_norm``) plus the sentence vote and the part bonus.

    With fitted weights (``cues.fitted``) these are the logistic model's scores instead.
    """
    if cues.fitted is not None:
        return fitted_scores(text, cues, part)
    scores = score_text(text, cues)
    scale = 1 + len(text) / cues.length_norm if cues.length_norm else 1.0
    vote = sentence_shares(text, cues) if cues.sentence_vote else {}
    out = {m: s / scale + cues.sentence_vote * vote.get(m, 0.0) for m, s in scores.items()}
    for move, bonus in cues.part_bonus.get(part or "", {}).items():
        if move in out:
            out[move] += bonus
    return {m: round(s, 4) for m, s in out.items()}


def classify(text: str, cues: MoveCues, part: str | None = None) -> tuple[str, dict[str, float]]:
    """Score a paragraph and pick its move; returns ``(move, scores)``."""
    scores = paragraph_scores(text, cues, part)
    if cues.fitted is not None:
        return max(cues.moves, key=lambda m: (scores[m], -cues.moves.index(m))), scores
    return pick_move(scores, cues), scores


def classify_many(texts: Iterable[str], cues: MoveCues, parts: Iterable[str | None] | None = None) -> list[str]:
    """Moves of many paragraphs (parts optional)."""
    texts = list(texts)
    parts = list(parts) if parts is not None else [None] * len(texts)
    return [classify(t, cues, p)[0] for t, p in zip(texts, parts)]


def split_sentences(text: str) -> list[str]:
    """Split a paragraph into sentences at Chinese sentence-final punctuation."""
    return [s for s in (x.strip() for x in SENTENCE_END.split(text)) if s]


def classify_sentences(text: str, cues: MoveCues) -> list[tuple[str, str]]:
    """Per-sentence moves of a paragraph: ``[(sentence, move), ...]``."""
    return [(s, classify(s, cues)[0]) for s in split_sentences(text)]
