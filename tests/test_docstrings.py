"""Every public name's docstring example runs (doctest), from the repository root."""

from __future__ import annotations

import doctest
import importlib
import os
import pkgutil
from pathlib import Path

import pytest

import speechtopics

REPO = Path(__file__).resolve().parents[1]
MODULES = sorted(m.name for m in pkgutil.walk_packages(speechtopics.__path__, "speechtopics.")
                 if not m.name.endswith("__main__"))  # every module: an example that no longer holds fails here


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_run(name, monkeypatch, tmp_path):
    monkeypatch.chdir(REPO)
    monkeypatch.setenv("SPEECHTOPICS_REPORTS", str(tmp_path))  # the examples' registry records stay out of reports/
    module = importlib.import_module(name)
    # doctest's own defaults, as `python -m doctest` and `pytest --doctest-modules` run an example
    result = doctest.testmod(module, optionflags=0, verbose=False)
    assert result.failed == 0, f"{name}: {result.failed} of {result.attempted} examples failed"


def test_every_public_name_has_an_example():
    import speechtopics

    for name in ("read_corpus", "TopicModel", "select_k", "Project", "save_figure", "cluster"):
        doc = getattr(speechtopics, name).__doc__ or ""
        assert "Examples" in doc and ">>>" in doc, name
    for module in ("plots", "analysis"):
        assert ">>>" in (getattr(speechtopics, module).__doc__ or ""), module
    assert os.path.isdir(REPO / "docs" / "examples")


@pytest.mark.parametrize("name", sorted(speechtopics.PUBLIC))
def test_public_examples_run_as_written(name, monkeypatch, tmp_path):
    """A public name's example runs pasted into a fresh session: it imports every name it uses, none
    comes from the globals of the module that defines it."""
    monkeypatch.chdir(REPO)
    monkeypatch.setenv("SPEECHTOPICS_REPORTS", str(tmp_path))
    obj = getattr(speechtopics, name)
    runner = doctest.DocTestRunner(optionflags=0)
    for test in doctest.DocTestFinder(recurse=False).find(obj, name, globs={}):
        runner.run(test)
    assert runner.failures == 0, f"{name}: {runner.failures} of {runner.tries} examples fail in a fresh session"
