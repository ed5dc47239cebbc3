"""The transparent move scorer: every cue is a weighted regex listed in ``move_cues.yaml``.

A paragraph's score for a move is ``sum(weight * min(matches, cap))`` over that move's cues, plus a
bonus when its part of the speech (opening/body/closing) is known. The highest-scoring move wins if it
reaches ``min_score``; otherwise the paragraph is the default move (``other``). Ties go to the move
listed first in the cue file, so the result never depends on dict order.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

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


def classify(text: str, cues: MoveCues, part: str | None = None) -> tuple[str, dict[str, float]]:
    """Score a paragraph and pick its move; returns ``(move, scores)``."""
    scores = score_text(text, cues, part)
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
