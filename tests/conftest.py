"""Shared fixtures: paths to small samples of the bundled corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
RAW = REPO / "data" / "raw"


@pytest.fixture(scope="session")
def raw_dir() -> Path:
    return RAW


@pytest.fixture(scope="session")
def sample_pages() -> list[Path]:
    return sorted((RAW / "sample_pages").glob("*.txt"))
