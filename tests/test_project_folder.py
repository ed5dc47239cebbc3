"""A project folder of the user's own: `speechtopics init DIR`, paths relative to the config file,
bundled resources named in a config, and the run's locations from :func:`paths.project_paths`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from speechtopics import paths, resources
from speechtopics.commands.init import FOLDERS, init_project
from speechtopics.config import Config, ConfigError, load_config


def test_init_writes_a_config_whose_paths_resolve_inside_the_folder(tmp_path: Path):
    folder = tmp_path / "project"
    config = init_project(folder)
    assert config == folder / "config.yaml"
    for sub in FOLDERS:
        assert (folder / sub).is_dir()
    text = config.read_text(encoding="utf-8")
    assert "text_field" in text and "title_field" in text and "date_field" in text and "CSV" in text
    cfg = load_config(config)
    p = paths.project_paths(cfg)
    folder = folder.resolve()
    assert p.root == folder
    assert p.interim == folder / "data" / "interim" and p.processed == folder / "data" / "processed"
    assert p.reports == folder / "reports" and p.figures == folder / "reports" / "figures"
    assert [p.resolve(s.path) for s in cfg.ingest.inputs] == [folder / "data" / "raw"]
    # every other setting is the default's
    default = load_config()
    assert (cfg.seed, cfg.lda, cfg.segment, cfg.rhetoric) == (default.seed, default.lda, default.segment,
                                                               default.rhetoric)


def test_init_refuses_to_overwrite_a_config(tmp_path: Path):
    (tmp_path / "config.yaml").write_text("seed: 1\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "speechtopics.cli", "init", str(tmp_path)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2
    assert len(proc.stderr.strip().splitlines()) == 1 and "already exists" in proc.stderr
    assert (tmp_path / "config.yaml").read_text(encoding="utf-8") == "seed: 1\n"


def test_relative_paths_resolve_against_the_config_folder(tmp_path: Path, monkeypatch):
    (tmp_path / "sub").mkdir()
    (tmp_path / "my_terms.tsv").write_text("term\tfreq\tpos\tsource\n", encoding="utf-8")
    config = tmp_path / "sub" / "c.yaml"
    config.write_text(yaml.safe_dump({
        "ingest": {"inputs": [{"path": "../texts"}]},
        "segment": {"user_lexicons": ["lexicon/political_terms.tsv", "../my_terms.tsv"]},
        "output": {"interim": "cache", "reports": str(tmp_path / "out")},
    }), encoding="utf-8")
    monkeypatch.chdir(tmp_path.parent)
    cfg = load_config(config)
    p = paths.project_paths(cfg)
    assert p.resolve(cfg.ingest.inputs[0].path) == tmp_path / "texts"
    assert p.interim == tmp_path / "sub" / "cache" and p.reports == tmp_path / "out"
    bundled, own = cfg.segment.user_lexicons
    assert bundled == "lexicon/political_terms.tsv"  # a bundled name stays a name (portable cache keys)
    assert resources.resolve(bundled) == resources.resource_path(bundled)
    assert Path(own) == (tmp_path / "my_terms.tsv").resolve()


def test_config_built_in_code_resolves_against_the_current_directory(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    p = paths.project_paths(Config())
    assert p.root == tmp_path.resolve() and p.interim == tmp_path.resolve() / "data" / "interim"
    assert paths.project_paths() == p


def test_top_level_inputs_is_an_alias_of_ingest_inputs(tmp_path: Path):
    config = tmp_path / "c.yaml"
    config.write_text("inputs:\n  - path: x\n    name: a\n", encoding="utf-8")
    assert load_config(config).ingest.inputs[0].name == "a"
    config.write_text("inputs: [{path: x}]\ningest:\n  inputs: [{path: y}]\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="both given"):
        load_config(config)


def test_base_dir_is_not_a_yaml_key_and_not_hashed(tmp_path: Path):
    from speechtopics.config import to_dict

    config = tmp_path / "c.yaml"
    config.write_text("base_dir: /tmp\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="unknown key 'base_dir'"):
        load_config(config)
    assert "base_dir" not in to_dict(load_config())


def test_resources_api():
    names = resources.bundled()
    for name in ("lexicon/political_terms.tsv", "rhetoric/move_cues.yaml", "fonts/wqy-microhei.ttc",
                 "glossary_zh_en.tsv", "stopwords/cn_stopwords.txt", "fonts/wqy-microhei.COPYRIGHT"):
        assert name in names and resources.is_resource(name)
        assert resources.resource_path(name).is_file()
    assert not resources.is_resource("__init__.py") and not resources.is_resource("../paths.py")
    with pytest.raises(FileNotFoundError):
        resources.resource_path("lexicon/nope.tsv")
    assert resources.resolve("/abs/x.txt") == Path("/abs/x.txt")
    assert resources.resolve("own.txt", Path("/base")) == Path("/base/own.txt")


def test_a_project_copied_to_another_folder_keeps_its_sources_and_ids(tmp_path: Path):
    import shutil

    from speechtopics.project import Project

    speech = "同志们：今天召开全县经济工作会议，总结过去一年的工作，部署今年的任务。" * 5
    first = tmp_path / "one" / "proj"
    init_project(first)
    (first / "data" / "raw" / "speeches.csv").write_text(f"text,date\n{speech},2020-01-05\n{speech}乡村振兴。,2021-03-01\n",
                                                          encoding="utf-8")
    second = tmp_path / "elsewhere" / "copy"
    shutil.copytree(first, second)
    ledgers = [Project(load_config(p / "config.yaml"), use_cache=False).ledger() for p in (first, second)]
    assert ledgers[0] == ledgers[1]
    assert [r["source"] for r in ledgers[0]] == ["data/raw/speeches.csv#row2", "data/raw/speeches.csv#row3"]


def test_a_copied_project_with_its_own_word_list_reads_its_stages_back(tmp_path: Path):
    # a co-author's copy of the folder with data/interim: the config makes words/stop.txt absolute,
    # which must not enter the stage keys (its contents do)
    import shutil

    from speechtopics.project import Project

    first = tmp_path / "one" / "proj"
    init_project(first)
    for src in sorted(paths.RAW.glob("xi_speeches_2013_2016/2014-0[1-3]*.txt")):
        shutil.copy(src, first / "data" / "raw" / src.name)
    (first / "words").mkdir()
    (first / "words" / "stop.txt").write_text("我们\n发展\n", encoding="utf-8")
    config = yaml.safe_load((first / "config.yaml").read_text(encoding="utf-8"))
    config["segment"].update(workers=1, stopword_lists=["stopwords/cn_stopwords.txt", "words/stop.txt"])
    config["corpus"].update(no_below=2)
    (first / "config.yaml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    original = Project(first / "config.yaml")
    original.corpus
    assert {"segment", "corpus"} <= set(original.cache.misses)
    second = tmp_path / "elsewhere" / "copy"
    shutil.copytree(first, second)
    copy = Project(second / "config.yaml")
    assert copy.config.segment.stopword_lists[-1] == str((second / "words" / "stop.txt").resolve())
    assert copy.corpus_key == original.corpus_key and list(copy.corpus["doc_ids"]) == list(original.corpus["doc_ids"])
    assert copy.cache.misses == []
    # its contents still count: an edit in the copy segments again
    (second / "words" / "stop.txt").write_text("我们\n改革\n", encoding="utf-8")
    assert Project(second / "config.yaml").segment_key != copy.segment_key


def test_project_without_a_config_reads_the_current_project_folders(tmp_path: Path, monkeypatch):
    """A shipped notebook opened by hand in a project folder (its `config_path` parameter left None)
    reads that project's config.yaml, as every command does; elsewhere the bundled config."""
    from speechtopics import Project

    monkeypatch.chdir(tmp_path)
    assert paths.default_config() == paths.DEFAULT_CONFIG
    assert Project().config.seed == load_config(paths.DEFAULT_CONFIG).seed
    init_project(tmp_path)
    text = (tmp_path / "config.yaml").read_text(encoding="utf-8")
    (tmp_path / "config.yaml").write_text(text.replace("seed: 20240601", "seed: 7", 1), encoding="utf-8")
    assert paths.default_config() == Path("config.yaml")
    project = Project()
    assert project.config.seed == 7
    assert project.paths.root == tmp_path.resolve()
    for source in sorted(paths.NOTEBOOKS.glob("0*.py")):
        assert "config_path = None" in source.read_text(encoding="utf-8"), source.name
