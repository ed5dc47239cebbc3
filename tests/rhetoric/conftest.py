"""Shared fixtures: the cue files and the three bundled county/district sample pages, cleaned."""

from __future__ import annotations

import pytest

from speechtopics import paths
from speechtopics.rhetoric.cues import load_move_cues
from speechtopics.rhetoric.structure import load_structure_cues

SAMPLES = ("county_mobilization", "county_plenary_2021", "district_plenum_study")


@pytest.fixture(scope="session")
def cues():
    return load_move_cues("rhetoric/move_cues.yaml")


@pytest.fixture(scope="session")
def scues():
    return load_structure_cues()


@pytest.fixture(scope="session")
def sample_docs():
    """The sample pages through ingest and clean (as the CLI users will run them), keyed by file stem."""
    from speechtopics.clean import clean_document
    from speechtopics.ingest import read_path

    out = {}
    for name in SAMPLES:
        records, _ = read_path(paths.RAW / "sample_pages" / f"{name}.txt")
        doc = clean_document(records[0])
        doc["doc_id"] = name
        out[name] = doc
    return out
