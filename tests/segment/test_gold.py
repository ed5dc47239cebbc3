"""Acceptance: the gold political terms come out as single tokens in real sentences, with and without
the corpus phrase step (``segment.phrases``; its phrases learned from the bundled corpus ``data/raw``,
from the shipped counts ``phrase_counts_raw.tsv.gz``, see ``tests/data/segment/README.md``)."""

import csv
from pathlib import Path

import pytest

from speechtopics.segment import SegmentConfig
from speechtopics.segment.chain import get_chain

GOLD = Path(__file__).resolve().parents[1] / "data" / "segment" / "gold_terms.tsv"


def gold_rows():
    with open(GOLD, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def test_gold_list_is_large_and_sourced():
    rows = gold_rows()
    assert len(rows) >= 300
    assert all(r["source"] and r["term"] in r["sentence"] for r in rows)
    assert sum(r["source"].startswith("corpus:") for r in rows) / len(rows) > 0.9


@pytest.mark.parametrize("phrases", [False, True])
@pytest.mark.parametrize("backend", ["rjieba", "jieba"])
def test_gold_terms_single_tokens(backend, phrases, shipped_phrases):
    cfg = SegmentConfig(backend=backend, workers=1, cache=False, phrases=phrases)
    chain = get_chain(cfg, shipped_phrases(cfg, "phrase_counts_raw.tsv.gz") if phrases else None)
    rows = gold_rows()
    missed = [r["term"] for r in rows if r["term"] not in {t.word for t in chain.tokens(r["sentence"])}]
    rate = 1 - len(missed) / len(rows)
    assert rate >= 0.98, f"{rate:.3f}; missed: {missed}"
