from pathlib import Path

import pytest

from speechtopics.config import Config, ConfigError, config_hash, load_config, to_dict


def test_default_config_loads_with_one_seed_and_inputs():
    cfg = load_config()
    assert isinstance(cfg, Config)
    assert isinstance(cfg.seed, int)
    assert [s.name for s in cfg.ingest.inputs] == ["gwr", "xi_speeches", "county_pages"]
    assert cfg.corpus.unit in ("paragraph", "section", "speech")


def test_unknown_key_is_an_error_naming_the_key(tmp_path: Path):
    p = tmp_path / "bad.yaml"
    p.write_text("seed: 1\nlda:\n  kk: 3\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"lda: unknown key 'kk'"):
        load_config(p)


def test_wrong_type_and_bad_choice_are_errors(tmp_path: Path):
    p = tmp_path / "bad.yaml"
    p.write_text("seed: one\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="seed: expected int"):
        load_config(p)
    p.write_text("corpus:\n  unit: chapter\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="unit"):
        load_config(p)


def test_missing_file_is_a_config_error(tmp_path: Path):
    with pytest.raises(ConfigError, match="not found"):
        load_config(tmp_path / "nope.yaml")


def test_overrides_and_hash_change_with_slice():
    a = load_config()
    b = load_config(overrides={"lda.k": a.lda.k + 1})
    assert b.lda.k == a.lda.k + 1
    assert config_hash(a.lda) != config_hash(b.lda)
    assert config_hash(a.clean) == config_hash(b.clean)
    assert to_dict(a)["seed"] == a.seed


def test_settings_removed_on_purpose_load_with_a_warning_and_others_stay_errors(tmp_path, capsys):
    import pytest

    from speechtopics.config import ConfigError, load_config

    old = tmp_path / "old.yaml"
    old.write_text("cluster:\n  topics: 0\n  stance_weight: 1.5\n  neighbors: 15\n", encoding="utf-8")
    cfg = load_config(old)
    assert cfg.cluster.topics == 0
    err = capsys.readouterr().err
    assert "cluster: neighbors, stance_weight were removed and are ignored" in err
    typo = tmp_path / "typo.yaml"
    typo.write_text("cluster:\n  n_seed: 3\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="unknown key 'n_seed'"):
        load_config(typo)


def test_the_encoder_names_the_config_accepts_are_the_encoders_there_are():
    import typing

    from speechtopics.models.embedding_options import EmbeddingConfig
    from speechtopics.models.vectorizers import ENCODERS

    hint = typing.get_type_hints(EmbeddingConfig)["encoder"]
    names = {a for arg in typing.get_args(hint) for a in typing.get_args(arg)}
    assert names == set(ENCODERS)


def test_config_error_shows_as_one_line_in_a_notebook(tmp_path):
    """A notebook cell that loads a config with a bad value shows the message line, not a traceback."""
    from IPython.core.interactiveshell import InteractiveShell

    from speechtopics.config import ConfigError, load_config

    bad = tmp_path / "config.yaml"
    bad.write_text("lda:\n  passes: -1\n", encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(bad)
    lines = info.value._render_traceback_()
    assert lines == [f"ConfigError: {info.value}"]
    assert "lda.passes" in lines[0] and "\n" not in lines[0]
    shell = InteractiveShell.instance()
    result = shell.run_cell(f"from speechtopics.config import load_config; load_config({str(bad)!r})")
    assert isinstance(result.error_in_exec, ConfigError)


def test_every_users_error_of_the_public_path_is_one_line_in_a_notebook():
    from speechtopics.config import ConfigError
    from speechtopics.readers import MissingSheet
    from speechtopics.records import FieldError
    from speechtopics.rhetoric.cues import CueError
    from speechtopics.stages import CorpusTooSmall

    errors = [kind("speeches.xlsx: the problem, named") for kind in (ConfigError, FieldError, CorpusTooSmall, CueError)]
    for error in [*errors, MissingSheet("财政厅", ["人社厅", "教育厅"])]:
        assert isinstance(error, ValueError)  # callers that catch ValueError still catch it
        assert error._render_traceback_() == [f"{type(error).__name__}: {error}"] and "\n" not in str(error)


def test_overrides_of_a_loaded_config_are_checked_as_a_file_is():
    from speechtopics.config import with_overrides

    base = load_config()
    cfg = with_overrides(base, {"lda.k": 7, "seed": 3})
    assert (cfg.lda.k, cfg.seed) == (7, 3)
    assert cfg.base_dir == base.base_dir and cfg.ingest.inputs == base.ingest.inputs
    assert with_overrides(base, None) is base
    with pytest.raises(ConfigError, match=r"^overrides: .*lda\.passes"):
        with_overrides(base, {"lda.passes": -1})
    with pytest.raises(ConfigError, match=r"unknown key 'kk'"):
        with_overrides(base, {"lda.kk": 3})
    with pytest.raises(ConfigError, match=r"lda\.k\.x: lda\.k is a setting, not a section"):
        with_overrides(base, {"lda.k.x": 3})
    with pytest.raises(ConfigError, match=r"^overrides: effects\.factor: .* not a variable of effects\.formula"):
        with_overrides(base, {"effects.formula": "~ s(year)"})
    with pytest.raises(ConfigError, match="overrides must be a mapping"):
        with_overrides(base, ["lda.k", 3])


def test_overrides_of_a_file_name_the_file_and_the_overrides():
    with pytest.raises(ConfigError, match=r"default\.yaml with overrides: .*formula"):
        load_config(overrides={"effects.formula": "~ C(level"})
