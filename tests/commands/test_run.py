"""``speechtopics run``: what it says while the stages run."""

from __future__ import annotations

import warnings
from pathlib import Path

from typer.testing import CliRunner

from speechtopics.cli import app


def test_a_readers_warning_is_one_line_naming_the_file_from_the_project_folder(tmp_path: Path):
    (tmp_path / "raw").mkdir()
    rows = "\n".join(f"{d},2019-01-0{i},同志们：今年全县要抓好乡村振兴和安全生产工作。" for i, d in
                     enumerate(["2020-03-05", "2020-04-06", "2020-05-07"], start=1))
    (tmp_path / "raw" / "speeches.csv").write_text("发布日期,成文日期,正文\n" + rows + "\n", encoding="utf-8")
    cfg = tmp_path / "config.yaml"
    cfg.write_text("ingest:\n  inputs: [{path: raw, text_field: 正文}]\nlda:\n  k: 5\n", encoding="utf-8")
    shown = warnings.showwarning
    res = CliRunner().invoke(app, ["run", "--config", str(cfg), "--no-notebooks"])
    said = [line for line in res.stderr.splitlines() if "成文日期" in line]
    assert said == [said[0]] and said[0].startswith("warning: raw/speeches.csv: date column '发布日期' used")
    assert str(tmp_path) not in said[0] and "UserWarning" not in res.stderr
    assert warnings.showwarning is shown  # Python's own display is back after the command


def test_a_run_removes_what_a_killed_run_left_and_says_so(tmp_path: Path):
    """A run killed outright (SIGKILL) leaves its temporary files and spill folders; the next run, holding
    the project's lock, removes those older than an hour, and keeps everything else."""
    import os

    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / "a.txt").write_text("同志们：今年全县要抓好乡村振兴和安全生产工作。\n", encoding="utf-8")
    cfg = tmp_path / "config.yaml"
    cfg.write_text("ingest:\n  inputs: [{path: raw}]\nlda:\n  k: 5\n", encoding="utf-8")
    interim = tmp_path / "data" / "interim"
    (interim / "lda" / "spill-abc").mkdir(parents=True)
    (interim / "lda" / "spill-abc" / "part-0.pkl").write_bytes(b"x" * 1000)
    (interim / "lda" / "entry.pkl.tmp").write_bytes(b"y" * 500)
    (interim / "lda" / "fresh.pkl.tmp").write_bytes(b"z")  # a write in progress elsewhere: kept
    (interim / "lda" / "entry.pkl").write_bytes(b"kept")
    for p in [interim / "lda" / "spill-abc" / "part-0.pkl", interim / "lda" / "spill-abc",
              interim / "lda" / "entry.pkl.tmp", interim / "lda" / "entry.pkl"]:
        os.utime(p, (0, 0))
    res = CliRunner().invoke(app, ["run", "--config", str(cfg), "--no-notebooks"])
    assert "removed 2 temporary files or folders (0.0 MB) that an interrupted run left" in res.stderr
    assert sorted(p.name for p in (interim / "lda").iterdir()) == ["entry.pkl", "fresh.pkl.tmp"]


def test_in_a_project_folder_the_command_reads_its_config_yaml(tmp_path: Path, monkeypatch):
    """`speechtopics run` typed in a folder made by `speechtopics init`, without --config, ran the checkout's
    bundled corpus (config/default.yaml); it now reads the folder's own config.yaml."""
    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / "a.txt").write_text("同志们：今年全县要抓好乡村振兴和安全生产工作。\n", encoding="utf-8")
    (tmp_path / "config.yaml").write_text("ingest:\n  inputs: [{path: raw}]\nlda:\n  k: 5\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    res = CliRunner().invoke(app, ["run", "--no-notebooks"])
    assert "ingest       1 records" in res.stdout, res.stdout + res.stderr
