"""Shared fixtures of the segment tests: the sample clean records and small configs."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from speechtopics.segment import SegmentConfig
from speechtopics.segment.core import phrase_table
from speechtopics.segment.phrases import PhraseCounts

DATA = Path(__file__).resolve().parents[1] / "data" / "segment"


@pytest.fixture(scope="session")
def sample_path() -> Path:
    return DATA / "sample_clean.jsonl"


@pytest.fixture(scope="session")
def records(sample_path) -> list[dict]:
    return [json.loads(line) for line in sample_path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="session")
def cfg() -> SegmentConfig:
    return SegmentConfig(backend="rjieba", workers=1, cache=False)


RAW = Path(__file__).resolve().parents[2] / "data" / "raw"


def corpus_sample(n_chars: int = 60_000) -> list[str]:
    """Deterministic sample of the bundled corpus: slices of government work reports and speeches."""
    texts = []
    for line in (RAW / "gwr_national_wikisource" / "government_work_reports.jsonl").read_text(
        encoding="utf-8"
    ).splitlines()[::6]:
        texts.append(json.loads(line)["content"][:4000])
    for p in sorted((RAW / "xi_speeches_2013_2016").glob("*.txt"))[::8]:
        texts.append(p.read_text(encoding="utf-8-sig")[:3000])
    out, total = [], 0
    for t in texts:
        out.append(t)
        total += len(t)
        if total > n_chars:
            break
    return out



@pytest.fixture(scope="session")
def corpus_texts() -> list[str]:
    return corpus_sample()


@pytest.fixture(scope="session")
def shipped_phrases():
    """``f(cfg, name)``: the phrase table ``cfg`` learns from a shipped count table of this folder
    (``phrase_counts_gold.tsv.gz``: the gold half of the local sources; ``phrase_counts_raw.tsv.gz``: the
    bundled corpus; both written by ``scripts/lexicon/phrase_design.py counts``)."""

    def load(cfg: SegmentConfig, name: str):
        counts = PhraseCounts.from_tsv(gzip.decompress((DATA / name).read_bytes()).decode("utf-8"))
        return phrase_table(counts, cfg)

    return load
