"""Options of the clean stage (the ``clean:`` slice of the config)."""

from __future__ import annotations

from dataclasses import dataclass

# The one canonical redaction mark. U+3013 (GETA MARK) is the typesetter's sign for a missing glyph;
# no word contains it, so the segmenter and token filters can drop it without ambiguity.
REDACTION_MARK = "〓"


@dataclass(frozen=True)
class CleanConfig:
    """How scraped pages become speech text."""

    to_simplified: bool = True
    min_chars: int = 50
    min_han_ratio: float = 0.3
    near_duplicate_threshold: float = 0.9
