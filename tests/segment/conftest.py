"""Shared fixtures of the segment tests: the sample clean records and small configs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from speechtopics.segment import SegmentConfig

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
