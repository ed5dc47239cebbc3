"""Check (not training data): formulas none of the patterns were written from come out whole, and the
formulas found in real text never straddle a function word."""

import csv
from pathlib import Path

import pytest

from speechtopics.segment import SegmentConfig, segment_texts
from speechtopics.segment.chain import get_chain

DATA = Path(__file__).resolve().parents[1] / "data" / "segment"


def rows():
    with open(DATA / "gold_generalisation.tsv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


@pytest.mark.parametrize("backend", ["rjieba", "jieba"])
def test_unseen_formulas_single_tokens_and_reported(backend):
    cfg = SegmentConfig(backend=backend, workers=1, cache=False)
    chain = get_chain(cfg)
    for r in rows():
        assert r["term"] in r["sentence"]
        assert r["term"] in {t.word for t in chain.tokens(r["sentence"])}, r["term"]
        assert r["term"] in chain(r["sentence"])["formulas"], r["term"]


def test_no_formula_straddles_a_function_word_in_corpus(corpus_texts):
    cfg = SegmentConfig(workers=1, cache=False)
    found = {f for lay in segment_texts(corpus_texts, cfg) for f in lay["formulas"]}
    assert len(found) > 20
    assert "一的多民" not in found and "三角一体" not in found
    bad = [f for f in found if any(c in "的得了着过" for c in f)]
    assert not bad, bad
