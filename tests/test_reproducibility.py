"""End to end: the same config from empty caches gives byte-identical figures, tables and views.

Two complete runs (``speechtopics run``: stages, notebooks, appendix, manifest) on a small sample of the
bundled corpus, each from a config in its own empty project folder (outputs relative to it), started
side by side. Their manifests must
list the same output hashes, the hashes must be those of the files on disk, the appendix must list
exactly the files written, and the offline views must contain no ``http``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from speechtopics import paths
from speechtopics.cache import hash_file

pytestmark = pytest.mark.slow

CONFIG = """\
seed: 11
inputs:
  - path: {raw}/xi_speeches_2013_2016
    name: xi_speeches
    genre: 讲话
    glob: "2013-03*.txt"
  - path: {raw}/sample_pages
    name: county_pages
    genre: 讲话
    glob: "*.txt"
segment:
  workers: 1
corpus:
  unit: paragraph
  min_unit_tokens: 5
  no_below: 2
lda:
  k: 3
  passes: 2
  iterations: 20
  choose_k: false
  sweep_ks: [2, 3]
  sweep_seeds: 2
  sweep_passes: 1
  sweep_iterations: 10
  n_jobs: 1
embeddings:
  k: 3
rhetoric:
  n_clusters: 3
report:
  notebooks: [01-corpus-overview, 02-lda, 03-embeddings, 04-rhetoric, 05-effects]
"""


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory) -> list[Path]:
    """Reports folders of two runs of one config from empty caches."""
    base = tmp_path_factory.mktemp("repro")
    exe = Path(sys.executable).with_name("speechtopics")
    procs, roots = [], []
    for i in (1, 2):
        root = base / f"root{i}"
        root.mkdir()
        config = root / "small.yaml"
        config.write_text(CONFIG.format(raw=paths.RAW.as_posix()), encoding="utf-8")
        env = {**os.environ, "PYTHONHASHSEED": str(i)}
        env.pop("SPEECHTOPICS_REPORTS", None)
        procs.append(subprocess.Popen([str(exe), "run", "--config", str(config)], env=env, text=True,
                                      stdout=subprocess.PIPE, stderr=subprocess.STDOUT))
        roots.append(root)
    for p in procs:
        out, _ = p.communicate(timeout=600)
        assert p.returncode == 0, out[-3000:]
        assert "warning:" not in out, out[-3000:]
    return [r / "reports" for r in roots]


def _manifest(reports: Path) -> dict:
    return json.loads((reports / "manifest.json").read_text(encoding="utf-8"))


def test_output_hashes_identical(two_runs):
    a, b = (_manifest(r)["outputs"] for r in two_runs)
    kinds = {Path(p).suffix for p in a}
    assert {".png", ".pdf", ".csv", ".tex", ".html"} <= kinds
    assert a == b


def test_manifest_hashes_match_files(two_runs):
    reports = two_runs[0]
    m = _manifest(reports)
    assert m["outputs"] == {p: hash_file(reports / p) for p in m["outputs"]}
    assert m["seed"] == 11 and m["font"]["bundled"] and m["inputs"]
    assert set(m["git"]) == {"commit", "dirty"} and m["packages"]["pyLDAvis"]


def test_appendix_lists_exactly_the_files(two_runs):
    from speechtopics.report.appendix import check_appendix, listed_files

    for reports in two_runs:
        assert check_appendix(reports) == []
        figures = {p for p in listed_files(reports / "appendix.md") if p.startswith("figures/")}
        assert figures and all((reports / f).is_file() for f in figures)


def test_offline_views_have_no_http(two_runs):
    pages = sorted((two_runs[0] / "ldavis").rglob("*"))
    assert pages
    for p in pages + sorted((two_runs[0] / "notebooks").glob("*.html")):
        text = p.read_text(encoding="utf-8")
        if p.parent.name == "ldavis":
            assert "http" not in text, p
        else:
            assert "<script" not in text, p


def test_rerun_in_the_same_folder_gives_a_byte_identical_manifest(two_runs):
    """Two identical runs of one project (the second from empty caches and an empty reports folder):
    manifest.json byte for byte, executed notebooks included (no timing in any output)."""
    import shutil

    reports = two_runs[0]
    root = reports.parent
    first = (reports / "manifest.json").read_bytes()
    notebooks = {p.name: p.read_bytes() for p in (reports / "notebooks").glob("*.ipynb")}
    shutil.rmtree(reports)
    shutil.rmtree(root / "data" / "interim", ignore_errors=True)
    exe = Path(sys.executable).with_name("speechtopics")
    env = {**os.environ, "PYTHONHASHSEED": "3"}
    env.pop("SPEECHTOPICS_REPORTS", None)
    out = subprocess.run([str(exe), "run", "--config", str(root / "small.yaml")], env=env, text=True,
                         capture_output=True, timeout=600)
    assert out.returncode == 0, out.stderr[-3000:]
    assert {p.name: p.read_bytes() for p in (reports / "notebooks").glob("*.ipynb")} == notebooks
    assert (reports / "manifest.json").read_bytes() == first
