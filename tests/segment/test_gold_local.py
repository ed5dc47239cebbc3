"""Acceptance: local-governance terms of held-out documents come out as single tokens.

``gold_local.tsv`` holds terms of the *gold* half of the local sources (Hebei provincial-department
documents, 新闻联播 broadcasts), none of which is in the lexicon (the lexicon was mined from the other
half only; see ``tests/data/segment/README.md``). The 0.95 target is the acceptance threshold of the issue;
the first and only measurement (2026-12-06, both backends) was 0.259 (98 of 379 whole), so the target test
is an expected failure, kept strict so that it reports when the target is met. The floor test guards
the measured level against regressions.
"""

import csv
from pathlib import Path

import pytest

from speechtopics.segment import SegmentConfig
from speechtopics.segment.chain import get_chain
from speechtopics.segment.resources import read_lexicon, resolve_external

GOLD = Path(__file__).resolve().parents[1] / "data" / "segment" / "gold_local.tsv"
FIRST_MEASURED = 0.259  # 2026-12-06, rjieba and jieba alike: 98 of 379 terms whole


def gold_rows():
    with open(GOLD, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def whole_rate(backend: str) -> tuple[float, list[str]]:
    chain = get_chain(SegmentConfig(backend=backend, workers=1, cache=False))
    rows = gold_rows()
    missed = [r["term"] for r in rows if r["term"] not in {t.word for t in chain.tokens(r["sentence"])}]
    return 1 - len(missed) / len(rows), missed


def test_gold_local_is_large_sourced_and_disjoint_from_the_lexicon():
    rows = gold_rows()
    assert len(rows) >= 300
    assert len({r["term"] for r in rows}) == len(rows)
    assert all(r["term"] in r["sentence"] for r in rows)
    assert all(r["source_doc"].startswith(("hebei/", "xinwenlianbo/")) for r in rows)
    lexicon = {e.term for e in read_lexicon(resolve_external("lexicon/political_terms.tsv"))}
    overlap = sorted({r["term"] for r in rows} & lexicon)
    assert not overlap, f"gold-local terms in the lexicon: {overlap}"


@pytest.mark.parametrize("backend", ["rjieba", "jieba"])
def test_gold_local_not_below_first_measurement(backend):
    rate, missed = whole_rate(backend)
    assert rate >= FIRST_MEASURED - 0.005, f"{rate:.3f}; missed: {missed}"


@pytest.mark.xfail(strict=True, reason="target 0.95 not met: measured 0.259 (see tests/data/segment/README.md)")
@pytest.mark.parametrize("backend", ["rjieba", "jieba"])
def test_gold_local_terms_single_tokens(backend):
    rate, missed = whole_rate(backend)
    assert rate >= 0.95, f"{rate:.3f}; missed: {missed}"
