"""Report tests write into a temporary reports folder (``SPEECHTOPICS_REPORTS``), never into reports/."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def reports_tmp(tmp_path, monkeypatch):
    """A fresh reports folder for each test, outside any notebook."""
    folder = tmp_path / "reports"
    monkeypatch.setenv("SPEECHTOPICS_REPORTS", str(folder))
    monkeypatch.delenv("SPEECHTOPICS_NOTEBOOK", raising=False)
    return folder
