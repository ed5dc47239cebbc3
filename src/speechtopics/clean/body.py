"""The body of a page: its kept lines as paragraphs.

One responsibility: turning the lines :mod:`speechtopics.clean.chrome` kept into paragraphs, with
mojibake runs removed (:mod:`speechtopics.clean.mojibake`) and redaction marks made canonical
(:mod:`speechtopics.clean.redaction`), counting both, and saying which line each paragraph comes from
(for the sections of a Markdown page, :func:`speechtopics.clean.outline.heading_sections`).
"""

from __future__ import annotations

import functools
import re

from speechtopics.clean.mojibake import remove_mojibake, trigger_class
from speechtopics.clean.normalize import HAN
from speechtopics.clean.redaction import CANDIDATE_CHARS, mark_redactions
from speechtopics.clean.shape import LineVerdict

__all__ = ["body_paragraphs"]

_HAN_RE = re.compile(f"[{HAN}]")


@functools.lru_cache(maxsize=1)
def _marks_trigger() -> re.Pattern[str]:
    """Characters a mojibake run or a redaction mark starts with: most lines have none and skip both."""
    return re.compile(f"[{trigger_class()}{re.escape(CANDIDATE_CHARS)}]")


def body_paragraphs(verdicts: list[LineVerdict]) -> tuple[list[str], int, int, list[int]]:
    """The body's paragraphs, redactions, mojibake runs, and the verdict each paragraph comes from."""
    paragraphs: list[str] = []
    origins: list[int] = []
    redactions = mojibake = 0
    marks = _marks_trigger()
    for i, v in enumerate(verdicts):
        if not v.keep or not v.text:
            continue
        if not marks.search(v.text):
            text = v.text.strip()
            if text:
                paragraphs.append(text)
                origins.append(i)
            continue
        text, n_moji = remove_mojibake(v.text)
        text, n_red = mark_redactions(text)
        text = text.strip()
        mojibake += n_moji
        if not text or not _HAN_RE.search(text) and n_moji:
            continue
        redactions += n_red
        paragraphs.append(text)
        origins.append(i)
    return paragraphs, redactions, mojibake, origins
