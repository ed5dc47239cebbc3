"""Shared fixtures of the clean-stage tests: sample pages and synthetic test pages."""

from pathlib import Path

import pytest

from speechtopics import paths

SAMPLES = paths.RAW / "sample_pages"
PAGES = Path(__file__).resolve().parents[1] / "data" / "pages"


@pytest.fixture(scope="session")
def sample_records():
    """Raw records of the three real sample pages, read by ingest."""
    from speechtopics.ingest import read_path

    records, _ = read_path(SAMPLES)
    return {Path(r["source"]).stem: r for r in records}
