"""``build_reports`` and the notebooks it executes: the run's cache choice reaches each notebook's Project."""

from __future__ import annotations

import pytest

from speechtopics import Project
from speechtopics.report import build, notebooks

SENTENCES = ("全面推进乡村振兴，加快农业农村现代化，巩固拓展脱贫攻坚成果。", "持续优化营商环境，激发市场主体活力，稳住经济大盘。",
             "坚持生态优先、绿色发展，打好污染防治攻坚战。", "加强基层治理，提升公共服务水平，保障和改善民生。")
CONFIG = """\
seed: 3
inputs:
  - path: texts
segment: {workers: 1}
corpus: {unit: speech, min_unit_tokens: 3, no_below: 1, no_above: 1.0}
lda: {k: 2, passes: 1, iterations: 5, choose_k: false}
report: {notebooks: [01-corpus-overview]}
"""


@pytest.fixture
def project_dir(tmp_path):
    """A project folder holding its config and four short speeches written for the test."""
    texts = tmp_path / "project" / "texts"
    texts.mkdir(parents=True)
    for i in range(4):
        body = "\n".join(SENTENCES[(i + j) % 4] * 3 for j in range(4))
        (texts / f"2021-0{i + 1}-01 讲话{i}.txt").write_text(body, encoding="utf-8")
    (tmp_path / "project" / "config.yaml").write_text(CONFIG, encoding="utf-8")
    return tmp_path / "project"


@pytest.mark.parametrize("use_cache", [True, False])
def test_build_reports_passes_the_run_cache_choice_to_every_notebook(project_dir, monkeypatch, use_cache):
    calls = []
    monkeypatch.setattr(notebooks, "execute_notebook", lambda name, *a, **kw: calls.append((name, kw)))
    config = project_dir / "config.yaml"
    build.build_reports(Project(config, use_cache=use_cache), config, echo=lambda line: None)
    assert [(name, kw["parameters"]) for name, kw in calls] == [("01-corpus-overview", {"use_cache": use_cache})]


@pytest.mark.slow
def test_a_notebook_run_without_the_cache_neither_reads_nor_writes_it(project_dir, reports_tmp):
    config = project_dir / "config.yaml"
    interim = project_dir / "data" / "interim"
    notebooks.execute_notebook("01-corpus-overview", config, reports=reports_tmp, interim=interim,
                               parameters={"use_cache": False})
    assert sorted(p.name for p in interim.iterdir()) == ["notebooks"]  # its working copy, no stage
    assert (reports_tmp / "tables" / "corpus_collections.csv").is_file()
    notebooks.execute_notebook("01-corpus-overview", config, reports=reports_tmp, interim=interim)
    assert {"ingest", "clean"} <= {p.name for p in interim.iterdir()}  # the default: the stages are stored
