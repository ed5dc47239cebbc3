"""Correct caching: keys hash only the config fields a stage reads and the code it imports."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from speechtopics import codehash
from speechtopics.config import load_config
from speechtopics.project import Project

SMALL = Path(__file__).parent / "data" / "small.yaml"
SWEEP = {"lda.sweep_ks": [2, 3], "lda.sweep_seeds": 2, "lda.sweep_passes": 1, "lda.sweep_iterations": 10,
         "lda.n_jobs": 1}


def small(tmp_path: Path, **overrides):
    return load_config(SMALL, overrides={"output.interim": str(tmp_path / "interim"), **SWEEP, **overrides})


def sweep_key(project: Project) -> str:
    project.sweep()
    return project.cache.misses[-1] if project.cache.misses else "hit"


def test_an_option_only_cluster_reads_does_not_rerun_the_sweep(tmp_path):
    first = Project(small(tmp_path))
    first.sweep()
    assert "sweep" in first.cache.misses
    field = "cluster.n_seeds"
    changed = Project(small(tmp_path, **{field: 3, "lda.n_jobs": 2}))
    changed.sweep()
    assert "sweep" in changed.cache.hits and "sweep" not in changed.cache.misses
    # an option the sweep reads does re-run it
    other = Project(small(tmp_path, **{"lda.sweep_iterations": 11}))
    other.sweep()
    assert "sweep" in other.cache.misses


def test_stage_code_is_derived_from_imports():
    sweep = codehash.stage_modules("speechtopics.models.sweep")
    assert {"speechtopics.models.lda", "speechtopics.evaluate", "speechtopics.models.options"} <= set(sweep)
    assert "speechtopics.models.embeddings" not in sweep
    seeded = codehash.stage_modules("speechtopics.models.seeded")
    assert "speechtopics.models.lda" in seeded


@pytest.mark.parametrize("stage, edited", [("speechtopics.models.seeded", "speechtopics.models.lda"),
                                           ("speechtopics.models.sweep", "speechtopics.evaluate"),
                                           ("speechtopics.stages", "speechtopics.clean.dedup")])
def test_editing_any_module_a_stage_imports_invalidates_it(tmp_path, monkeypatch, stage, edited):
    before = codehash.code_hash(stage)
    copy = tmp_path / "edited.py"
    copy.write_bytes(codehash.module_file(edited).read_bytes() + b"\n# an edit\n")
    real = codehash.module_file
    monkeypatch.setattr(codehash, "module_file", lambda name: copy if name == edited else real(name))
    codehash.imported_modules.cache_clear()
    codehash.stage_modules.cache_clear()
    try:
        assert codehash.code_hash(stage) != before
    finally:
        codehash.imported_modules.cache_clear()
        codehash.stage_modules.cache_clear()


def test_editing_an_unrelated_module_keeps_the_key():
    key = codehash.code_hash("speechtopics.models.sweep")
    assert "speechtopics.models.embeddings" not in codehash.stage_modules("speechtopics.models.sweep")
    assert codehash.code_hash("speechtopics.models.sweep") == key


RUN = """
import sys
from speechtopics.config import load_config
from speechtopics.project import Project
cfg = load_config(sys.argv[1], overrides={"output.interim": sys.argv[2], "lda.sweep_ks": [2, 3, 4, 5, 6],
                  "lda.sweep_seeds": 2, "lda.sweep_passes": 4, "lda.sweep_iterations": 50, "lda.n_jobs": 1})
sweep = Project(cfg).sweep()
sys.stdout.write(sweep.summary_.to_csv(index=False))
"""


@pytest.mark.slow
def test_killed_during_the_sweep_then_rerun_gives_identical_tables(tmp_path):
    script = tmp_path / "sweep.py"
    script.write_text(RUN, encoding="utf-8")
    ref = subprocess.run([sys.executable, str(script), str(SMALL), str(tmp_path / "ref")], capture_output=True,
                         text=True, check=True).stdout
    killed_dir = tmp_path / "killed"
    proc = subprocess.Popen([sys.executable, str(script), str(SMALL), str(killed_dir)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.time() + 120
    while time.time() < deadline and not (killed_dir / "corpus").exists():  # the sweep starts after corpus
        time.sleep(0.2)
    time.sleep(0.5)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    # whatever the kill left behind (temporary files, a half-written pickle) is never read as a cache entry
    again = subprocess.run([sys.executable, str(script), str(SMALL), str(killed_dir)], capture_output=True,
                           text=True, check=True).stdout
    assert again == ref


def test_a_renamed_input_file_is_read_again_and_named_as_it_is_now(tmp_path):
    """A file's name gives its doc_id, title and date: renaming it (same bytes) must not serve the
    records read under its old name; touching it (same name, same bytes) recomputes nothing."""
    import yaml

    raw = tmp_path / "raw"
    raw.mkdir()
    body = "同志们：\n" + "我们要坚持以人民为中心的发展思想，推动经济社会高质量发展，切实保障和改善民生。" * 3
    (raw / "2020-01-05_在全县经济工作会议上的讲话.txt").write_text(body, encoding="utf-8")
    (raw / "2020-03-01_在全县农村工作会议上的讲话.txt").write_text(body.replace("经济", "农业"), encoding="utf-8")
    config = tmp_path / "config.yaml"
    config.write_text(yaml.safe_dump({"inputs": [{"path": "raw", "name": "county", "glob": "*.txt"}],
                                      "segment": {"workers": 1}}, allow_unicode=True), encoding="utf-8")

    def titles(project: Project) -> list[tuple[str, str]]:
        return sorted((d["title"], str(d["date"])) for d in project.cleaned)

    first = Project(config)
    assert titles(first) == [("在全县农村工作会议上的讲话", "2020-03-01"), ("在全县经济工作会议上的讲话", "2020-01-05")]
    os.utime(raw / "2020-01-05_在全县经济工作会议上的讲话.txt", (0, 0))
    touched = Project(config)
    touched.cleaned
    assert touched.cache.misses == [] and touched.ingest_key == first.ingest_key
    (raw / "2020-01-05_在全县经济工作会议上的讲话.txt").rename(raw / "2020-01-06_在全县经济工作会议上的讲话（摘要）.txt")
    renamed = Project(config)
    assert titles(renamed) == [("在全县农村工作会议上的讲话", "2020-03-01"), ("在全县经济工作会议上的讲话（摘要）", "2020-01-06")]
    assert "ingest" in renamed.cache.misses


def test_each_stage_line_says_when_the_stage_was_stored_before(tmp_path):
    first, again = [], []
    Project(small(tmp_path)).compute(echo=first.append)
    Project(small(tmp_path)).compute(echo=again.append)
    stages = ("ingest", "clean", "segment", "corpus", "sweep", "lda")
    assert [line.split()[0] for line in again[:6]] == list(stages)
    assert all(line.endswith("(stored before)") for line in again[:6]), again
    assert not any(line.endswith("(stored before)") for line in first[:6]), first
    assert again[-1].endswith("(cache: 6 stages stored before, 0 computed)")
    assert first[-1].endswith("(cache: 0 stages stored before, 6 computed)")


def test_an_edited_cue_file_reclusters_the_speeches_by_rhetoric(tmp_path):
    """The rhetoric clusters are cached under the cue files' contents, not their names alone."""
    import shutil

    from speechtopics import resources

    cues = tmp_path / "my_cues.yaml"
    shutil.copy(resources.resource_path("rhetoric/move_cues.yaml"), cues)
    options = {"cluster.by": "rhetoric", "cluster.k": 2, "cluster.n_seeds": 2, "rhetoric.cue_file": str(cues)}
    first = Project(small(tmp_path, **options))
    before = first.speech_clusters(details=True).features
    assert "speech_clusters" in first.cache.misses
    same = Project(small(tmp_path, **options))
    same.speech_clusters()
    assert "speech_clusters" in same.cache.hits
    # no paragraph reaches the new threshold: every paragraph is 'other'
    cues.write_text(cues.read_text(encoding="utf-8").replace("min_score: 0.9", "min_score: 500"), encoding="utf-8")
    edited = Project(small(tmp_path, **options))
    after = edited.speech_clusters(details=True).features
    assert "speech_clusters" in edited.cache.misses
    fresh = Project(small(tmp_path / "fresh", **options), use_cache=False).speech_clusters(details=True).features
    assert after.equals(fresh) and not after.equals(before)
