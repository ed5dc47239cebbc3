"""appendix.md lists every figure, table and view with its notebook, cell and rebuild command."""

from __future__ import annotations

from pathlib import Path

from speechtopics.report import appendix, registry


def _fake_run(reports: Path, monkeypatch) -> None:
    monkeypatch.setenv("SPEECHTOPICS_NOTEBOOK", "02-lda")
    for sub, name in (("figures", "lda_top_words.png"), ("figures", "lda_top_words.pdf"),
                      ("tables", "t.csv")):
        (reports / sub).mkdir(parents=True, exist_ok=True)
        (reports / sub / name).write_bytes(b"x")
    registry.record("figure", "lda_top_words", [reports / "figures/lda_top_words.png",
                                                reports / "figures/lda_top_words.pdf"], "各主题高频词")
    registry.record("table", "t", [reports / "tables/t.csv"], "topic terms")


def test_appendix_entries(reports_tmp, monkeypatch):
    _fake_run(reports_tmp, monkeypatch)
    text = appendix.write_appendix(Path("config/default.yaml"), reports_tmp).read_text(encoding="utf-8")
    assert "[`figures/lda_top_words.pdf`](figures/lda_top_words.pdf)" in text
    assert "各主题高频词" in text and "notebook `02-lda`" in text and "(notebooks/02-lda.ipynb)" in text
    assert "speechtopics report --config config/default.yaml --notebook 02-lda" in text
    assert appendix.check_appendix(reports_tmp) == []


def test_check_finds_unlisted_and_missing_files(reports_tmp, monkeypatch):
    _fake_run(reports_tmp, monkeypatch)
    appendix.write_appendix(Path("config/default.yaml"), reports_tmp)
    (reports_tmp / "figures" / "stray.png").write_bytes(b"x")
    (reports_tmp / "tables" / "t.csv").unlink()
    assert appendix.check_appendix(reports_tmp) == [
        "tables/t.csv: listed in appendix.md but missing",
        "figures/stray.png: in reports/ but not listed in appendix.md"]


def test_reset_removes_a_notebooks_previous_outputs(reports_tmp, monkeypatch):
    _fake_run(reports_tmp, monkeypatch)
    registry.reset_registry("02-lda", remove_files=True)
    assert registry.read_registry() == []
    assert not (reports_tmp / "figures" / "lda_top_words.png").exists()


def test_repository_appendix_is_consistent():
    """The committed/generated reports/ (when built) lists exactly the files it holds."""
    from speechtopics import paths

    from speechtopics.config import load_config

    reports = paths.project_paths(load_config()).reports
    if (reports / "appendix.md").exists():
        assert appendix.check_appendix(reports) == []


def test_an_output_not_made_is_listed_with_its_reason(reports_tmp, monkeypatch, capsys):
    import speechtopics as st

    _fake_run(reports_tmp, monkeypatch)
    monkeypatch.setenv("SPEECHTOPICS_NOTEBOOK", "05-effects")
    st.skip_output("effects_year", "the speeches span one year (2020)")
    assert capsys.readouterr().out == "not made: effects_year: the speeches span one year (2020)\n"
    text = appendix.write_appendix(Path("config/default.yaml"), reports_tmp).read_text(encoding="utf-8")
    assert ("## Not made for this corpus\n\n- **effects_year** — the speeches span one year (2020) "
            "(notebook `05-effects`)") in text
    assert appendix.check_appendix(reports_tmp) == []
    assert [r["name"] for r in registry.skipped_outputs()] == ["effects_year"]


def test_a_notebook_dropped_from_the_config_leaves_no_outputs_behind(reports_tmp, monkeypatch):
    from speechtopics.report import registry
    from speechtopics.report.build import retire_notebooks

    for name in ("01-kept", "02-dropped"):
        monkeypatch.setenv("SPEECHTOPICS_NOTEBOOK", name)
        out = reports_tmp / "tables" / f"{name}.csv"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text("a\n1\n", encoding="utf-8")
        registry.record("table", name, [out], "a table")
        (reports_tmp / "notebooks").mkdir(exist_ok=True)
        (reports_tmp / "notebooks" / f"{name}.ipynb").write_text("{}", encoding="utf-8")
    monkeypatch.delenv("SPEECHTOPICS_NOTEBOOK")
    assert retire_notebooks(reports_tmp, ["01-kept"]) == ["02-dropped"]
    assert (reports_tmp / "tables" / "01-kept.csv").exists() and (reports_tmp / "notebooks" / "01-kept.ipynb").exists()
    assert not (reports_tmp / "tables" / "02-dropped.csv").exists()
    assert not (reports_tmp / "notebooks" / "02-dropped.ipynb").exists()
    assert [r["notebook"] for r in registry.read_registry()] == ["01-kept"]


def test_appendix_names_the_versions_seed_and_config_hash_a_rebuild_must_match(reports_tmp, monkeypatch,
                                                                               tmp_path):
    import hashlib
    import platform
    from importlib import metadata

    _fake_run(reports_tmp, monkeypatch)
    config = tmp_path / "project" / "config.yaml"
    config.parent.mkdir()
    config.write_text("seed: 7\n", encoding="utf-8")
    text = appendix.write_appendix(config, reports_tmp, seed=7).read_text(encoding="utf-8")
    digest = hashlib.sha256(config.read_bytes()).hexdigest()
    assert (f"Built with speechtopics {metadata.version('speechtopics')}, Python {platform.python_version()}, "
            f"seed 7, `config.yaml` sha256 `{digest}`.") in text
    assert "`speechtopics run --config config.yaml`" in text and str(tmp_path) not in text
    config.write_text("seed: 8\n", encoding="utf-8")
    assert digest not in appendix.write_appendix(config, reports_tmp, seed=8).read_text(encoding="utf-8")
