"""Options of the clean stage (the ``clean:`` slice of the config)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

# The one canonical redaction mark. U+3013 (GETA MARK) is the typesetter's sign for a missing glyph;
# no word contains it, so the segmenter and token filters can drop it without ambiguity.
REDACTION_MARK = "〓"


@dataclass(frozen=True)
class CleanConfig:
    """How scraped pages become speech text.

    Attributes
    ----------
    to_simplified : bool
        Convert traditional characters to simplified (OpenCC ``t2s``) after removing pinyin notes.
    min_chars : int
        A document with fewer body characters than this is dropped ("too short").
    min_han_ratio : float
        A document whose body has a smaller share of Han characters is dropped ("not Chinese").
    near_duplicate_threshold : float
        Estimated Jaccard similarity of character shingles at or above which a later document is
        marked a near duplicate of an earlier one.
    shingle_size : int
        Characters per shingle for duplicate detection.
    minhash_permutations : int
        MinHash permutations (more: finer Jaccard estimates, slower).
    boilerplate_min_docs : int
        A short line that recurs on at least this many pages of one site is treated as site chrome.
    boilerplate_min_share : float
        ... and on at least this share of that site's pages.
    keep_original : bool
        Keep the input text in ``original_text`` (turn off to halve the size of large runs).
    date_format : {"mdy", "dmy"}
        How a given date written ``3/5/2020`` is read: month first (``mdy``, the US order) or day first.
        Unambiguous forms (ISO, ``2020年3月5日``, ``1/18/2020``) read the same either way.
    run_on_min_chars : int
        A text whose longest line has at least this many characters (and holds half the text) is a
        one-line text: its paragraphs are split back on full-width indentation and paragraph marks.
    duplicates : {"drop", "keep"}
        What becomes of an exact or near duplicate of an earlier document: ``keep`` (the default) keeps
        it, says in its ledger reason which document it repeats (``kept: near duplicate of <doc_id>``)
        and counts the repeats in the run summary -- a user's rows are the sample they chose, so none is
        left out unasked; ``drop`` leaves it out with the reason ``exact|near duplicate of <doc_id>``,
        keeping of each group of copies the earliest-dated (one speech counted once in the model).
    """

    to_simplified: bool = True
    min_chars: int = 50
    min_han_ratio: float = 0.3
    near_duplicate_threshold: float = 0.9
    shingle_size: int = 5
    minhash_permutations: int = 128
    boilerplate_min_docs: int = 3
    boilerplate_min_share: float = 0.5
    keep_original: bool = True
    date_format: Literal["mdy", "dmy"] = "mdy"
    run_on_min_chars: int = 500
    duplicates: Literal["drop", "keep"] = "keep"
