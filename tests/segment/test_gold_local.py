"""Acceptance: local-governance terms of held-out documents come out as single tokens.

``gold_local.tsv`` holds terms of the *gold* half of the local sources (Hebei provincial-department
documents, 新闻联播 broadcasts), none of which was in the lexicon when the list was drawn; the lexicon is
mined from the other half only (see ``tests/data/segment/README.md``). The 0.95 target is the acceptance threshold of the issue.

Each lexicon round is measured once (see ``tests/data/segment/README.md``): round 1, the lexicon alone
0.259 and with the corpus phrase step (``segment.phrases``, settings chosen on the design list of the
mining half; the gold half as the user's corpus) 0.631; round 2 (a blind review of 4,896 mining-half
candidates, 1,822 terms promoted) 0.620 and 0.726 (2026-12-06, commit 73a935f); round 3 (5,545 terms of six
blind curated lists, written without any file of the repository) 0.683 and 0.755 (2026-12-07, commit 02d50f7);
with listed names cut at their joints (``segment.cut_compounds``, opt-in since testers read its wrong joints)
0.683 and 0.757 (commit 798d8e1); round 4 (2,582 terms of two more blind curated lists, by kind of term)
0.718 and 0.765 (2026-12-07, commit 64db9e6). The floors below are those of the default path (the rule off). The phrases are learned here from ``phrase_counts_gold.tsv.gz``: the counts of the
gold half's clean texts (not of the list), pruned at ``phrase_min_count``, written by
``scripts/lexicon/phrase_design.py counts``, so that the test needs no data outside the repository.
The target tests are expected failures, kept strict so that they report when the target is met; the
floor tests guard the measured levels against regressions.
"""

import gzip

import csv
from pathlib import Path

import pytest

from speechtopics.segment import SegmentConfig
from speechtopics.segment.chain import get_chain
from speechtopics.segment.phrases import PhraseCounts
from speechtopics.segment.resources import read_lexicon, resolve_external

DATA = Path(__file__).resolve().parents[1] / "data" / "segment"
REVIEWS = Path(__file__).resolve().parents[2] / "scripts" / "lexicon" / "review"
#: Blind lexicon sources and the file of each (accept = y): reviews of mining-half candidates (rounds 1
#: and 2) and the curated lists of rounds 3 and 4, whose curators saw no file of the repository.
MINING_REVIEWS = {"corpus:hebei_mining.tsv": "hebei_mining.tsv", "corpus:xwlb_mining.tsv": "xwlb_mining.tsv",
                  "corpus:local_round2.tsv": "round2/local_round2.tsv"}
CURATED = {"curated:local_round3.tsv": "round3/local_round3.tsv", "curated:local_round4.tsv": "round4/local_round4.tsv"}
GOLD = DATA / "gold_local.tsv"
# Round 4 of the lexicon (2,582 more blind curated terms), measured once, 2026-12-07, rjieba and jieba alike
# (round 1: 0.259 alone, 0.631 with phrases; round 2: 0.620, 0.726; round 3: 0.683, 0.755).
FIRST_MEASURED = 0.718  # 272 of 379 terms whole, the lexicon alone
PHRASES_MEASURED = 0.765  # 290 of 379 terms whole, with the corpus phrases of the gold half


def gold_rows():
    with open(GOLD, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def whole_rate(backend: str, shipped_phrases=None) -> tuple[float, list[str]]:
    cfg = SegmentConfig(backend=backend, workers=1, cache=False, phrases=shipped_phrases is not None)
    chain = get_chain(cfg, shipped_phrases(cfg, "phrase_counts_gold.tsv.gz") if shipped_phrases else None)
    rows = gold_rows()
    missed = [r["term"] for r in rows if r["term"] not in {t.word for t in chain.tokens(r["sentence"])}]
    return 1 - len(missed) / len(rows), missed


def test_gold_local_is_large_and_sourced():
    rows = gold_rows()
    assert len(rows) >= 300
    assert len({r["term"] for r in rows}) == len(rows)
    assert all(r["term"] in r["sentence"] for r in rows)
    assert all(r["source_doc"].startswith(("hebei/", "xinwenlianbo/")) for r in rows)


def test_lexicon_terms_of_the_gold_list_come_only_from_blind_sources():
    """The list was drawn from the gold half without lexicon terms (round 1); since round 2 a gold term may
    be a lexicon term, but only one that a review of mining-half candidates (rounds 1, 2) or a blind
    curated list (rounds 3, 4) accepted, each term from the file its source names."""
    entries = read_lexicon(resolve_external("lexicon/political_terms.tsv"))
    blind = {**MINING_REVIEWS, **CURATED}
    assert {e.source for e in entries if e.source.startswith(("corpus:", "curated:"))} == set(blind)
    accepted = {}
    for source, name in blind.items():
        with open(REVIEWS / name, encoding="utf-8", newline="") as fh:
            accepted[source] = {r["term"] for r in csv.DictReader(fh, delimiter="\t") if r["accept"] == "y"}
    gold = {r["term"] for r in gold_rows()}
    for e in entries:
        if e.source in blind:
            assert e.term in accepted[e.source], f"{e.term} ({e.source}) is not accepted in its file"
        else:
            assert e.term not in gold, f"gold-local term {e.term} in the lexicon from {e.source}"


@pytest.mark.parametrize("backend", ["rjieba", "jieba"])
def test_gold_local_not_below_first_measurement(backend):
    rate, missed = whole_rate(backend)
    assert rate >= FIRST_MEASURED - 0.005, f"{rate:.3f}; missed: {missed}"


@pytest.mark.xfail(strict=True, reason="target 0.95 not met: measured 0.718 (see tests/data/segment/README.md)")
@pytest.mark.parametrize("backend", ["rjieba", "jieba"])
def test_gold_local_terms_single_tokens(backend):
    rate, missed = whole_rate(backend)
    assert rate >= 0.95, f"{rate:.3f}; missed: {missed}"


@pytest.mark.parametrize("backend", ["rjieba", "jieba"])
def test_gold_local_with_corpus_phrases_not_below_measurement(backend, shipped_phrases):
    rate, missed = whole_rate(backend, shipped_phrases)
    assert rate >= PHRASES_MEASURED - 0.005, f"{rate:.3f}; missed: {missed}"


@pytest.mark.xfail(strict=True, reason="target 0.95 not met with corpus phrases: measured 0.765 (see tests/data/segment/README.md)")
@pytest.mark.parametrize("backend", ["rjieba", "jieba"])
def test_gold_local_terms_single_tokens_with_corpus_phrases(backend, shipped_phrases):
    rate, missed = whole_rate(backend, shipped_phrases)
    assert rate >= 0.95, f"{rate:.3f}; missed: {missed}"


def test_shipped_gold_counts_are_pruned_at_the_default_min_count():
    cfg = SegmentConfig()
    counts = PhraseCounts.from_tsv(gzip.decompress((DATA / "phrase_counts_gold.tsv.gz").read_bytes()).decode())
    assert counts.pairs and min(counts.pairs.values()) >= cfg.phrase_min_count
    assert counts.pruned(cfg.phrase_min_count) == counts and counts.total > 900_000
