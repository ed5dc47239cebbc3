"""manifest.json: versions, font, input and output hashes, git state; sorted and free of timestamps."""

from __future__ import annotations

import json
import os
import re

from speechtopics import paths
from speechtopics.report import manifest


def test_manifest_contents(tmp_path):
    (tmp_path / "figures").mkdir()
    (tmp_path / "figures" / "a.png").write_bytes(b"a")
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "notebooks" / "01.html").write_bytes(b"n")
    src = paths.DEFAULT_CONFIG
    m = manifest.build_manifest({"seed": 1}, 1, [src], tmp_path, config_path=src)
    sha_a = "ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb"
    assert m["outputs"] == {"figures/a.png": sha_a}
    assert list(m["notebook_outputs"]) == ["notebooks/01.html"]
    assert m["inputs"] == {"config/default.yaml": m["config_file"]["sha256"]}
    assert "fonts/wqy-microhei.ttc" in m["external_data"]
    assert m["font"]["family"] == "WenQuanYi Micro Hei" and m["font"]["pdf_fonttype"] == 42
    assert m["packages"]["matplotlib"] and set(m["git"]) == {"commit", "dirty"}
    path = manifest.write_manifest(m, tmp_path)
    assert json.loads(path.read_text(encoding="utf-8")) == m


def test_inputs_inside_a_project_folder_are_named_relative_to_it(tmp_path):
    from speechtopics.report.manifest import input_hashes

    (tmp_path / "data" / "raw").mkdir(parents=True)
    f = tmp_path / "data" / "raw" / "all_data.csv"
    f.write_text("Date,Text\n", encoding="utf-8")
    assert list(input_hashes([f], base=tmp_path)) == ["data/raw/all_data.csv"]
    assert list(input_hashes([f])) == [str(f)]  # outside the repository and no project folder given


def test_a_users_own_word_list_is_hashed_for_the_notebooks_and_named_relative_in_the_manifest(tmp_path):
    from speechtopics.commands.init import init_project
    from speechtopics.config import load_config, user_files
    from speechtopics.report.freshness import project_state

    config = init_project(tmp_path)
    (tmp_path / "mystop.txt").write_text("企业\n", encoding="utf-8")
    text = config.read_text(encoding="utf-8")
    config.write_text(re.sub(r"(?m)^  stopword_lists: \[", "  stopword_lists: [mystop.txt, ", text, count=1),
                      encoding="utf-8")
    cfg = load_config(config)
    assert user_files(cfg) == [(tmp_path / "mystop.txt").resolve()]
    before = project_state(config, [], 300, user_files(cfg))
    (tmp_path / "mystop.txt").write_text("企业\n教育\n", encoding="utf-8")  # edited: the notebooks must rerun
    assert project_state(config, [], 300, user_files(cfg)) != before
    m = manifest.build_manifest({"segment": {"stopword_lists": [str((tmp_path / "mystop.txt").resolve())]}}, 1, [],
                                tmp_path / "reports", config_path=config, user_files=user_files(cfg))
    assert list(m["user_files"]) == ["mystop.txt"] and m["config"]["segment"]["stopword_lists"] == ["mystop.txt"]


def test_workers_and_schedulers_alone_re_execute_no_notebook(tmp_path):
    """The same tables come out on one worker or many, so the notebooks' key leaves those settings out;
    any other setting changes it."""
    from speechtopics.report.freshness import notebook_key, project_state

    def key(text: str) -> str:
        path = tmp_path / "config.yaml"
        path.write_text(text, encoding="utf-8")
        return notebook_key("01-corpus-overview", project_state(path, [], 150))

    base = key("seed: 1\nsegment:\n  workers: 1\nlda:\n  k: 5\n  n_jobs: 1\n")
    assert key("seed: 1\nsegment:\n  workers: 4\n  scheduler: tcp://127.0.0.1:8786\nlda:\n  k: 5\n  n_jobs: 2\n") == base
    assert key("seed: 1\nsegment:\n  workers: 1\nlda:\n  k: 6\n  n_jobs: 1\n") != base


def test_a_renamed_input_file_re_executes_the_notebooks(tmp_path):
    """A file's name gives its document's id, title and date: the notebooks' state names each input."""
    from speechtopics.report.freshness import project_state

    config = tmp_path / "config.yaml"
    config.write_text("seed: 1\n", encoding="utf-8")
    (tmp_path / "raw").mkdir()
    speech = tmp_path / "raw" / "2020-01-05_讲话.txt"
    speech.write_text("同志们：今天开会。", encoding="utf-8")
    before = project_state(config, [speech], 150)
    os.utime(speech, (0, 0))  # touched: the same name and bytes
    assert project_state(config, [speech], 150) == before
    renamed = speech.rename(tmp_path / "raw" / "2021-01-05_讲话.txt")
    assert project_state(config, [renamed], 150) != before


def test_code_hash_names_the_sources_not_where_they_lie(tmp_path):
    from speechtopics.report.freshness import tree_hash

    for copy in ("a", "b/c"):
        (tmp_path / copy / "pkg" / "__pycache__").mkdir(parents=True)
        (tmp_path / copy / "pkg" / "m.py").write_text("x = 1\n", encoding="utf-8")
        (tmp_path / copy / "pkg" / "__pycache__" / "m.py").write_text(copy, encoding="utf-8")
    assert tree_hash(tmp_path / "a", "*.py") == tree_hash(tmp_path / "b" / "c", "*.py")
    (tmp_path / "b" / "c" / "pkg" / "m.py").write_text("x = 2\n", encoding="utf-8")
    assert tree_hash(tmp_path / "a", "*.py") != tree_hash(tmp_path / "b" / "c", "*.py")
    m = manifest.build_manifest({"seed": 1}, 1, [], tmp_path)
    assert m["code"] == tree_hash(paths.PACKAGE_DIR, "*.py")


def test_a_changed_input_changes_its_hash(tmp_path):
    corpus = tmp_path / "data" / "raw" / "speeches.csv"
    corpus.parent.mkdir(parents=True)
    config = tmp_path / "config.yaml"
    config.write_text("seed: 1\n", encoding="utf-8")
    corpus.write_text("Text\n讲话一\n", encoding="utf-8")
    before = manifest.build_manifest({}, 1, [corpus], tmp_path / "reports", config_path=config)["inputs"]
    corpus.write_text("Text\n讲话二\n", encoding="utf-8")
    after = manifest.build_manifest({}, 1, [corpus], tmp_path / "reports", config_path=config)["inputs"]
    assert list(before) == list(after) == ["data/raw/speeches.csv"]
    assert before["data/raw/speeches.csv"] != after["data/raw/speeches.csv"]


def test_the_processed_tables_and_the_appendix_are_hashed_relative_to_the_project(tmp_path):
    import dataclasses

    from speechtopics.config import Config
    from speechtopics.paths import project_paths
    from speechtopics.report.manifest import processed_hashes

    folders = project_paths(dataclasses.replace(Config(), base_dir=str(tmp_path)))
    folders.processed.mkdir(parents=True)
    (folders.processed / "ledger.csv").write_text("source,doc_id\n", encoding="utf-8")
    (folders.processed / "documents.jsonl").write_text("{}\n", encoding="utf-8")
    appendix = folders.reports / "appendix.md"
    appendix.parent.mkdir(parents=True)
    appendix.write_text("# Appendix\n", encoding="utf-8")
    got = processed_hashes(folders, appendix)
    assert sorted(got) == ["data/processed/documents.jsonl", "data/processed/ledger.csv", "reports/appendix.md"]
    (folders.processed / "ledger.csv").write_text("source,doc_id\na,b\n", encoding="utf-8")
    assert processed_hashes(folders, appendix)["data/processed/ledger.csv"] != got["data/processed/ledger.csv"]
