"""Registry, stamps, manifest: nothing deleted outside reports/, nothing torn, no corrupt file blocks a run."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from speechtopics import safeio
from speechtopics.report import freshness, manifest, registry
from speechtopics.safeio import UnsafePathWarning


def _registry_file(reports, notebook="02-lda"):
    d = reports / ".registry"
    d.mkdir(parents=True, exist_ok=True)
    return d / f"{notebook}.jsonl"


def _line(files):
    return json.dumps({"kind": "figure", "name": "x", "notebook": "02-lda", "cell": 1, "files": files,
                       "description": ""})


def test_reset_never_deletes_outside_reports(reports_tmp, tmp_path):
    victims = [tmp_path / "victim.txt", tmp_path / "elsewhere" / "deep.txt"]
    for v in victims:
        v.parent.mkdir(parents=True, exist_ok=True)
        v.write_text("keep me")
    (reports_tmp / "figures").mkdir(parents=True)
    inside = reports_tmp / "figures" / "a.png"
    inside.write_bytes(b"x")
    (reports_tmp / "linked").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    listed = [str(victims[0]), "../victim.txt", "figures/../../victim.txt", "linked/deep.txt", ".", "figures",
              "figures/a.png"]
    _registry_file(reports_tmp).write_text(_line(listed) + "\n", encoding="utf-8")
    with pytest.warns(UnsafePathWarning):
        registry.reset_registry("02-lda", remove_files=True)
    assert all(v.read_text() == "keep me" for v in victims)
    assert not inside.exists() and (reports_tmp / "figures").is_dir()
    assert not _registry_file(reports_tmp).exists()


def test_torn_registry_line_is_skipped(reports_tmp):
    good = _line(["figures/a.png"])
    _registry_file(reports_tmp).write_text(good + "\n" + good[:25] + "\n[1, 2]\n", encoding="utf-8")
    with pytest.warns(UnsafePathWarning, match="not a registry record"):
        rows = registry.notebook_records("02-lda")
    assert rows == [json.loads(good)]
    with pytest.warns(UnsafePathWarning):
        assert [r["name"] for r in registry.read_registry()] == ["x"]


def test_record_is_atomic_and_idempotent(reports_tmp, monkeypatch):
    monkeypatch.setenv("SPEECHTOPICS_NOTEBOOK", "02-lda")
    (reports_tmp / "figures").mkdir(parents=True)
    for _ in range(2):  # two runs writing the same outputs
        registry.record("figure", "x", [reports_tmp / "figures" / "x.png"], "d")
    registry.record("table", "t", [reports_tmp / "tables" / "t.csv"], "d")
    lines = _registry_file(reports_tmp).read_text(encoding="utf-8").splitlines()
    assert [json.loads(x)["name"] for x in lines] == ["x", "t"]
    assert sorted(p.name for p in (reports_tmp / ".registry").iterdir()) == ["02-lda.jsonl"]


def _notebook_outputs(reports):
    (reports / "notebooks").mkdir(parents=True, exist_ok=True)
    for ext in ("ipynb", "html"):
        (reports / "notebooks" / f"02-lda.{ext}").write_text("{}")


def test_torn_or_hostile_stamp_reads_as_not_fresh(reports_tmp):
    _notebook_outputs(reports_tmp)
    freshness.write_stamp("02-lda", "k", reports_tmp)
    assert freshness.is_fresh("02-lda", "k", reports_tmp)
    stamp = reports_tmp / ".registry" / "02-lda.stamp.json"
    text = stamp.read_text(encoding="utf-8")
    stamp.write_text(text[: len(text) // 2], encoding="utf-8")  # torn by a crash
    assert not freshness.is_fresh("02-lda", "k", reports_tmp)
    for bad in ("[]", '{"key": "k", "outputs": 3}', "\udcff"):
        stamp.write_text(bad, encoding="utf-8", errors="surrogateescape")
        assert not freshness.is_fresh("02-lda", "k", reports_tmp)
    _registry_file(reports_tmp).write_text(_line(["../../../../../../../../dev/zero"]) + "\n")
    assert freshness._output_hashes("02-lda", reports_tmp) is None  # never reads outside reports/


def test_failed_write_leaves_the_old_file_and_no_temp(tmp_path, monkeypatch):
    path = manifest.write_manifest({"a": 1}, tmp_path)

    def crash(*_args):
        raise OSError("disk full")

    monkeypatch.setattr(safeio.os, "replace", crash)
    with pytest.raises(OSError, match="disk full"):
        manifest.write_manifest({"a": 2}, tmp_path)
    assert json.loads(path.read_text(encoding="utf-8")) == {"a": 1}
    assert os.listdir(tmp_path) == ["manifest.json"]


@pytest.mark.parametrize(("relative", "inside"), [("a/b.png", True), ("../x", False), ("/etc/passwd", False),
                                                  ("a/../../x", False), ("..", False), ("", False),
                                                  ("a\0b", False)])
def test_contained(tmp_path, relative, inside):
    assert (safeio.contained(tmp_path, relative) is not None) is inside


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
def test_manifest_gets_the_permissions_of_an_ordinary_write(tmp_path):
    old = os.umask(0o022)
    try:
        plain = tmp_path / "plain.txt"
        plain.write_text("x", encoding="utf-8")
        path = manifest.write_manifest({"a": 1}, tmp_path)
    finally:
        os.umask(old)
    assert path.stat().st_mode & 0o777 == plain.stat().st_mode & 0o777 == 0o644


def test_a_notebook_opened_by_hand_saves_into_its_projects_reports(tmp_path, monkeypatch):
    """Run outside `speechtopics run` (JupyterLab, papermill), a notebook's figures went to ./reports of the
    working directory; Project.use_reports_folder points the session at the project's own reports folder
    and dpi, leaves a runner's choice alone, and gives way to the next project opened in the session."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    import speechtopics as st
    from speechtopics.report import registry

    for name in ("SPEECHTOPICS_REPORTS", "SPEECHTOPICS_DPI", "SPEECHTOPICS_NOTEBOOK"):
        monkeypatch.setenv(name, "")  # recorded, so what use_reports_folder sets is undone after the test
        monkeypatch.delenv(name)
    monkeypatch.setattr(registry, "SET_IN_SESSION", {})
    monkeypatch.chdir(tmp_path)
    projects = []
    for name, dpi in (("a", 72), ("b", 90)):
        (tmp_path / name).mkdir()
        (tmp_path / name / "config.yaml").write_text(f"output:\n  reports: out\nreport:\n  dpi: {dpi}\n",
                                                     encoding="utf-8")
        projects.append(st.Project(tmp_path / name / "config.yaml", use_cache=False))
    assert projects[0].use_reports_folder("02-lda") == tmp_path / "a" / "out"
    fig, ax = plt.subplots()
    ax.plot([1, 2])
    st.save_figure(fig, "demo")
    assert (tmp_path / "a" / "out" / "figures" / "demo.png").exists() and not (tmp_path / "reports").exists()
    assert os.environ["SPEECHTOPICS_DPI"] == "72" and os.environ["SPEECHTOPICS_NOTEBOOK"] == "02-lda"
    assert projects[1].use_reports_folder("02-lda") == tmp_path / "b" / "out"  # the next project in the session
    assert os.environ["SPEECHTOPICS_DPI"] == "90"
    monkeypatch.setenv("SPEECHTOPICS_REPORTS", str(tmp_path / "run"))  # a runner's choice stays
    assert projects[0].use_reports_folder("02-lda") == tmp_path / "run"


def test_a_notebook_kernel_importing_another_copy_of_the_package_than_the_run_is_one_line(tmp_path, monkeypatch):
    # a Jupyter kernel of another environment would write tables from other code than the run's, unsaid
    import speechtopics
    from speechtopics.report import registry
    from speechtopics.report.registry import PACKAGE_ENV, OtherPackage, use_reports_folder

    for name in ("SPEECHTOPICS_DPI", "SPEECHTOPICS_NOTEBOOK"):
        monkeypatch.setenv(name, "")  # recorded, so what use_reports_folder sets is undone after the test
        monkeypatch.delenv(name)
    monkeypatch.setattr(registry, "SET_IN_SESSION", {})
    monkeypatch.setenv(PACKAGE_ENV, str(Path(speechtopics.__file__).resolve().parent))
    monkeypatch.setenv("SPEECHTOPICS_REPORTS", str(tmp_path / "run"))
    assert use_reports_folder(tmp_path / "out", "02-lda") == tmp_path / "run"  # the same package: no word
    monkeypatch.setenv(PACKAGE_ENV, str(tmp_path / "elsewhere" / "speechtopics"))
    with pytest.raises(OtherPackage, match=r"kernel imports speechtopics from .*, but the run uses .*elsewhere") as err:
        use_reports_folder(tmp_path / "out", "02-lda")
    assert len(err.value._render_traceback_()) == 1
