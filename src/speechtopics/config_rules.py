"""The allowed range of every numeric and list setting of the config, keyed by dotted name.

:data:`RULES` and :data:`ORDERED` are what :func:`speechtopics.config.load_config` checks each key a
config file gives against; a value outside its rule is a one-line error naming the file, the key, what
is allowed and the value (``config.yaml: lda.passes must be in [1, 10000] (got -1)``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

@dataclass(frozen=True)
class Rule:
    """Allowed values of one numeric or list setting.

    ``lo``/``hi`` bound a number (or each item of a list); ``lo_open``/``hi_open`` exclude the bound.
    ``min_items``/``max_items`` bound a list's length (a rule with either is a list rule; a scalar value
    of a field typed ``tuple | int`` is checked against the item bounds).
    """

    lo: float | None = None
    hi: float | None = None
    lo_open: bool = False
    hi_open: bool = False
    min_items: int | None = None
    max_items: int | None = None

    def describe(self) -> str:
        if self.lo is not None and self.hi is not None:
            return (f"in {'(' if self.lo_open else '['}{_num(self.lo)}, "
                    f"{_num(self.hi)}{')' if self.hi_open else ']'}")
        if self.lo is not None:
            return f"{'>' if self.lo_open else '>='} {_num(self.lo)}"
        if self.hi is not None:
            return f"{'<' if self.hi_open else '<='} {_num(self.hi)}"
        return "any number"

    def admits(self, x: float) -> bool:
        if isinstance(x, float) and not math.isfinite(x):  # .nan, and .inf that no bound above stops
            return False
        if self.lo is not None and (x <= self.lo if self.lo_open else x < self.lo):
            return False
        if self.hi is not None and (x >= self.hi if self.hi_open else x > self.hi):
            return False
        return True

    def check(self, key: str, value: Any) -> str | None:
        """None when ``value`` is allowed, else the message ``key must be ... (got value)``."""
        if isinstance(value, (list, tuple)):
            n = len(value)
            if self.min_items is not None and n < self.min_items:
                return f"{key} must have at least {self.min_items} item{'s' * (self.min_items != 1)} " \
                       f"(got {_show(value)})"
            if self.max_items is not None and n > self.max_items:
                return f"{key} must have at most {self.max_items} items (got {_show(value)})"
            for i, v in enumerate(value):
                if isinstance(v, (int, float)) and not isinstance(v, bool) and not self.admits(v):
                    return f"{key}[{i}] must be {self.describe()} (got {_show(v)})"
            return None
        if isinstance(value, (int, float)) and not isinstance(value, bool) and not self.admits(value):
            return f"{key} must be {self.describe()} (got {_show(value)})"
        return None


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


def _show(v: Any) -> str:
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(_show(x) for x in v) + "]"
    return repr(v) if isinstance(v, str) else str(v)


def at_least(lo: float) -> Rule:
    return Rule(lo=lo)


def above(lo: float) -> Rule:
    return Rule(lo=lo, lo_open=True)


def items(lo: float | None = None, min_items: int = 1, max_items: int | None = None,
          lo_open: bool = False) -> Rule:
    return Rule(lo=lo, lo_open=lo_open, min_items=min_items, max_items=max_items)


SHARE = Rule(lo=0, hi=1)                       # a share or probability: [0, 1]
POSITIVE = at_least(1)                         # counts that must be at least one
COUNT = at_least(0)                            # counts where 0 means "none" or "off"
WEIGHT = at_least(0)                           # weights and priors where 0 means "off"
# Upper bounds of counts that set how much work a run does. Each is far past any value a study uses
# (the defaults: 10 passes, 200 iterations, 5 seeds, 100 dimensions) and is there to stop a typo such as
# 1e9 before a run that would never end or would exhaust memory; a value up to the bound is the user's.
PASSES = Rule(lo=1, hi=10_000)                 # passes / epochs over the corpus
ITERATIONS = Rule(lo=1, hi=100_000)            # inner iterations per document
SEEDS = 100                                    # runs compared across seeds
TOPICS = 1_000                                 # topics or clusters of one model
DIMENSIONS = Rule(lo=1, hi=10_000)             # vector dimensions

#: The allowed range of every numeric and list setting, keyed by dotted name. Checked on load for the
#: keys a config file gives (defaults are checked by the tests).
RULES: dict[str, Rule] = {
    "lda.partition_size": POSITIVE,
    "lda.partitions_per_update": COUNT,
    "clean.run_on_min_chars": POSITIVE,
    "ingest.max_left_out": SHARE,
    "seed": Rule(lo=0, hi=2**32 - 1),  # what numpy's and datasketch's generators accept
    # ingest
    "ingest.inputs": items(min_items=1),
    # clean
    "clean.min_chars": COUNT,
    "clean.min_han_ratio": SHARE,
    "clean.near_duplicate_threshold": Rule(lo=0, hi=1, lo_open=True),
    "clean.shingle_size": POSITIVE,
    # 128 is plenty; 8192 already costs 128 KiB per document; 2**33 made the clean stage spin for minutes
    "clean.minhash_permutations": Rule(lo=1, hi=8192),
    "clean.boilerplate_min_docs": POSITIVE,
    "clean.boilerplate_min_share": SHARE,
    # segment
    "segment.stopword_lists": items(min_items=0),
    "segment.user_lexicons": items(min_items=0),
    "segment.pos_keep": items(min_items=1),
    "segment.min_token_chars": POSITIVE,
    "segment.workers": Rule(lo=1, hi=1024),  # processes, all started at once
    "segment.chunk_size": POSITIVE,
    "segment.max_in_flight": POSITIVE,
    "segment.quoted_max_chars": Rule(lo=1, hi=100),  # a regex repeat: 10**12 overflowed it (a traceback)
    "segment.phrase_min_count": POSITIVE,
    "segment.phrase_threshold": Rule(lo=-1, hi=1),
    "segment.phrase_max_words": Rule(lo=2, hi=3),
    "segment.phrase_min_chars": POSITIVE,
    # corpus
    "corpus.min_unit_tokens": POSITIVE,
    "corpus.no_below": POSITIVE,
    "corpus.no_above": Rule(lo=0, hi=1, lo_open=True),
    "corpus.keep_n": POSITIVE,
    # lda (the slice's dataclass lives in models/options.py)
    "lda.k": Rule(lo=2, hi=TOPICS),  # one topic is no model
    "lda.passes": PASSES,
    "lda.iterations": ITERATIONS,
    "lda.chunksize": POSITIVE,
    "lda.top_n": POSITIVE,
    "lda.sweep_ks": Rule(lo=2, hi=TOPICS, min_items=1),
    "lda.sweep_seeds": Rule(lo=2, hi=SEEDS),  # the k rule's stability compares runs across seeds
    "lda.sweep_passes": PASSES,
    "lda.sweep_iterations": ITERATIONS,
    "lda.holdout": Rule(lo=0, hi=1, lo_open=True, hi_open=True),  # the k rule's coherence is held out
    "lda.n_jobs": Rule(lo=1, hi=1024),
    "lda.stability_threshold": SHARE,
    "lda.n_passages": POSITIVE,
    "lda.n_clusters": Rule(lo=1, hi=TOPICS),
    # seeded LDA and the cluster command
    "seeded.seed_boost": WEIGHT,
    "seeded.n_free_topics": Rule(lo=0, hi=TOPICS),
    "cluster.k": Rule(lo=2, hi=TOPICS),
    "cluster.n_seeds": Rule(lo=2, hi=SEEDS),  # stability and recurrence compare runs across seeds
    "cluster.topics": Rule(lo=0, hi=TOPICS),  # 1 is refused by ClusterConfig itself
    # embeddings
    "embeddings.dim": DIMENSIONS,
    "embeddings.svd_dim": DIMENSIONS,
    "embeddings.head_tokens": COUNT,
    "embeddings.tail_tokens": COUNT,
    "embeddings.reduce_dim": DIMENSIONS,
    "embeddings.k": Rule(lo=1, hi=TOPICS),
    "embeddings.n_init": Rule(lo=1, hi=SEEDS),
    "embeddings.min_cluster_size": at_least(2),
    "embeddings.encoder_max_chars": POSITIVE,
    "embeddings.window": POSITIVE,
    "embeddings.min_count": POSITIVE,
    "embeddings.epochs": PASSES,
    "embeddings.n_neighbors": POSITIVE,
    "embeddings.word_queries": items(min_items=0),
    "embeddings.n_representative": POSITIVE,
    "embeddings.stance_weight": WEIGHT,
    "embeddings.stance_prior": WEIGHT,
    # rhetoric
    "rhetoric.n_clusters": Rule(lo=1, hi=TOPICS),
    "rhetoric.slogan_min_chars": POSITIVE,
    "rhetoric.slogan_max_chars": Rule(lo=1, hi=100),  # a regex repeat, as segment.quoted_max_chars
    "rhetoric.lda_passes": PASSES,
    "rhetoric.lda_iterations": ITERATIONS,
    "rhetoric.lda_alpha": above(0),
    "rhetoric.lda_eta_base": above(0),
    "rhetoric.lda_eta_seed": above(0),
    "rhetoric.lda_no_below": POSITIVE,
    "rhetoric.lda_seed_min_weight": WEIGHT,
    "rhetoric.diffusion_min_docs": POSITIVE,
    "rhetoric.diffusion_top_n": POSITIVE,
    # effects (covariate effects, notebook 05; the slice's dataclass lives in models/effect_options.py)
    "effects.levels": items(min_items=0, max_items=2),
    "effects.nsims": Rule(lo=1, hi=100_000),  # draws held in memory at once
    "effects.refits": Rule(lo=5, hi=1000),
    "effects.robustness_ks": Rule(lo=2, hi=TOPICS, min_items=0),  # Ks of LDA models, as lda.sweep_ks
    "effects.robustness_seeds": Rule(lo=0, hi=SEEDS),
    "effects.topics": items(lo=1, min_items=0),
    # report
    "report.dpi": Rule(lo=1, hi=2400),  # a 2400-dpi figure is already print quality; more exhausts memory
    "report.top_n_words": POSITIVE,
    "report.notebooks": items(min_items=0),
}

#: Pairs ``(low, high)`` of settings where ``low`` must not exceed ``high``.
ORDERED: list[tuple[str, str]] = [("rhetoric.slogan_min_chars", "rhetoric.slogan_max_chars")]


#: Settings that existed in earlier releases and were removed on purpose, by slice, with where to read
#: why. A config that still sets one loads with a warning naming it (the value is ignored), so that an
#: older project's config keeps working; any other unknown key stays an error.
REMOVED: dict[str, tuple[tuple[str, ...], str]] = {
    "cluster": (("passes", "iterations", "seeds", "register_terms", "register_topics", "head", "tail",
                 "block_weights", "register_view_docs", "stance_weight", "stance_topics", "stance_voice",
                 "length_weight", "voice_weight", "neighbors"),
                "speech clusters are now a stated design with five settings (README, 'Speech clusters')"),
}


#: Settings that name a bundled resource (a relative name of one) or a file of the user's.
RESOURCE_KEYS = {
    "segment": ("stopword_lists", "user_lexicons", "formulaic_list", "stopword_keep"),
    "rhetoric": ("cue_file", "structure_file", "validation_file"),
}
