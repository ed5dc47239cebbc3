"""Options of the segment stage (the ``segment:`` slice of the config).

This module owns :class:`SegmentConfig` and the split of its fields into those that change tokens
(:func:`token_options`, part of every cache key) and those that only change how the work is run
(workers, scheduler, chunk size, cache switch).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, Literal

#: Fields that decide *how* segmentation runs, never *what* it produces.
RUN_FIELDS = frozenset({"workers", "scheduler", "chunk_size", "cache", "max_in_flight"})
#: The word lists: a cache key holds their contents (``Resources.dict_hash``), not where they are.
WORD_LIST_FIELDS = frozenset({"stopword_lists", "user_lexicons", "formulaic_list", "stopword_keep"})


@dataclass(frozen=True)
class SegmentConfig:
    """How clean text becomes tokens.

    Word-list paths: a relative name of a bundled file (``lexicon/political_terms.tsv``) is that package
    resource (:mod:`speechtopics.resources`); other relative paths are taken from the config file's folder.

    Attributes
    ----------
    backend
        ``"jieba"`` (reference, pure Python) or ``"rjieba"`` (Rust port, same dictionary, ~25x faster).
    stopword_lists
        General stopword lists (goto456), removed from both token layers.
    stopword_keep
        Words taken back out of the stopword lists because they carry policy content (安全, 应用 ...).
    user_lexicons
        TSV lexicons ``term, freq, pos, source`` added to the segmenter's dictionary.
    formulaic_list
        Curated officialese (同志们, 进一步, 切实 ...); such tokens go to the formulaic layer.
    min_token_chars
        Shorter tokens are dropped from both layers (formulas are never dropped).
    pos_filter, pos_keep
        When ``pos_filter`` is on, keep only tokens whose POS tag starts with one of ``pos_keep``
        (lexicon terms and formulas are always kept).
    hmm
        Let the segmenter guess unknown words with its HMM (jieba's default).
    protect_formulas, protect_quoted, quoted_max_chars
        Keep pattern matches (numbered formulas, plan and congress names, digit-bearing terms) and short
        quoted slogans (“放管服”) as single tokens by splitting the text on them before segmenting.
    workers, scheduler, chunk_size, max_in_flight
        Parallel run: ``workers`` processes (1 = serial); ``scheduler`` ``None``/``"processes"`` (local
        process pool), ``"local"`` (a ``distributed.LocalCluster``), ``"synchronous"`` or a scheduler
        address (``tcp://host:8786``); documents per task; tasks in flight per worker. The clean and
        corpus stages of a project run their per-document work on the same cluster (an address) or
        local processes (:func:`speechtopics.segment.run.stage_workers`; ``"synchronous"``: here).
    phrases, phrase_min_count, phrase_threshold, phrase_max_words, phrase_min_chars
        Corpus phrases (:mod:`speechtopics.segment.phrases`): when ``phrases`` is on, adjacent words that
        the corpus being segmented uses together at least ``phrase_min_count`` times with a normalised PMI
        of at least ``phrase_threshold`` are joined into one token (信息/公开 -> 信息公开), up to
        ``phrase_max_words`` words; words shorter than ``phrase_min_chars`` take no part. Learned from the
        whole corpus of each run (a first pass), so a document's tokens depend on the corpus it is in.
    cut_compounds
        Cut a listed name of a mined or curated lexicon source that is a concatenation of shorter listed
        terms and dictionary words at its joints (耕地占补平衡 -> 耕地 / 占补平衡), after the segmenter has
        read it whole (:mod:`speechtopics.segment.compounds`); hand-curated terms are never cut.
    cache
        Store per-paragraph tokens in ``<output.interim>/segment/`` (parquet).
    """

    backend: Literal["jieba", "rjieba"] = "rjieba"
    stopword_lists: tuple[str, ...] = (
        "stopwords/cn_stopwords.txt",
        "stopwords/hit_stopwords.txt",
        "stopwords/baidu_stopwords.txt",
        "stopwords/scu_stopwords.txt",
    )
    user_lexicons: tuple[str, ...] = ("lexicon/political_terms.tsv",)
    formulaic_list: str = "lexicon/formulaic.txt"
    min_token_chars: int = 2
    pos_filter: bool = False
    workers: int = 2
    scheduler: str | None = None
    chunk_size: int = 64
    stopword_keep: str | None = "lexicon/stopword_keep.txt"
    pos_keep: tuple[str, ...] = ("n", "v", "vn", "nz", "eng", "j", "l", "i")
    hmm: bool = True
    protect_formulas: bool = True
    protect_quoted: bool = True
    quoted_max_chars: int = 6
    cache: bool = True
    max_in_flight: int = 2
    phrases: bool = False
    phrase_min_count: int = 20
    phrase_threshold: float = 0.1
    phrase_max_words: int = 3
    phrase_min_chars: int = 1
    cut_compounds: bool = False

    def __post_init__(self) -> None:
        if self.min_token_chars < 1:
            raise ValueError("min_token_chars must be at least 1")
        if self.workers < 1:
            raise ValueError("workers must be at least 1")
        if self.chunk_size < 1:
            raise ValueError("chunk_size must be at least 1")


def token_options(cfg: SegmentConfig) -> dict[str, Any]:
    """The fields of ``cfg`` that change tokens (everything but how the work is scheduled)."""
    return {f.name: getattr(cfg, f.name) for f in dataclasses.fields(cfg) if f.name not in RUN_FIELDS}
