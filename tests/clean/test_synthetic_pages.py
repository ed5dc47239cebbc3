"""Synthetic pages of other sites and templates (tests/data/pages, see its README)."""

import json
import re

import pytest

from speechtopics.clean import CleanConfig, clean_document

from pathlib import Path

PAGES = Path(__file__).resolve().parents[1] / "data" / "pages"

EXPECTED = sorted(PAGES.glob("*.expected.json"))
# characters OpenCC would change: a traditional character left in the output
_PINYIN_LEFT = re.compile(r"[\u4e00-\u9fff][(（][a-zāáǎàōóǒòēéěèīíǐìūúǔùǖǘǚǜü]+[)）]")


def _clean(exp_path):
    from speechtopics.ingest import read_path

    page = PAGES / exp_path.name.replace(".expected.json", "")
    records, ledger = read_path(page)
    assert ledger == []
    return records[0], clean_document(records[0], CleanConfig()), json.loads(exp_path.read_text("utf-8"))


def test_there_are_enough_pages():
    assert len(EXPECTED) >= 8


@pytest.mark.parametrize("exp_path", EXPECTED, ids=lambda p: p.name.split(".")[0])
def test_page(exp_path):
    raw, rec, exp = _clean(exp_path)
    text = rec["text"]
    assert [s for s in exp["must_keep"] if s not in text] == []
    assert [c for c in exp["must_drop"] if c in text] == []
    assert (rec["title"], rec["date"]) == (exp["title"], exp["date"])
    assert rec["truncated"] == exp["truncated"]
    assert rec["redactions"] == exp["redactions"]
    assert raw["encoding"].startswith(exp["encoding"])
    for key in ("total_chars", "shown_chars", "speaker_role", "meeting_type", "level", "site"):
        if key in exp:
            assert rec[key] == exp[key], key
    assert rec["mojibake"] >= exp.get("mojibake_min", 0)
    assert not _PINYIN_LEFT.search(text)
    from speechtopics.clean.normalize import to_simplified

    assert to_simplified(text) == text  # no traditional character left
    for before, after in exp.get("separate_paragraphs", []):
        para = next(p["text"] for p in rec["paragraphs"] if before in p["text"])
        assert after not in para
    if exp.get("title_once"):
        assert exp["title"] not in text


def test_sentence_keep_rate_over_all_pages():
    kept = total = 0
    for exp_path in EXPECTED:
        _, rec, exp = _clean(exp_path)
        total += len(exp["must_keep"])
        kept += sum(s in rec["text"] for s in exp["must_keep"])
    assert kept / total >= 0.99
