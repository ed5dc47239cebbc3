"""The ``effects:`` config slice: defaults, derived levels and the robustness grid."""

from __future__ import annotations

import pandas as pd
import pytest

from speechtopics.config import ConfigError, load_config
from speechtopics.models.effect_options import EffectsConfig


def test_defaults_match_the_issue():
    cfg = EffectsConfig()
    assert cfg.formula == "~ s(year) + C(collection)" and cfg.time == "year" and cfg.factor == "collection"
    assert cfg.nsims == 25 and cfg.uncertainty == "global" and cfg.levels == () and cfg.topics == ()


def test_default_config_has_the_slice_and_notebook():
    cfg = load_config()
    assert cfg.effects == EffectsConfig()
    assert "05-effects" in cfg.report.notebooks


def test_factor_levels_two_largest_or_given_or_none():
    d = pd.DataFrame({"collection": ["a", "b", "b", "c", "c", "c"], "level": ["x"] * 6})
    assert EffectsConfig().factor_levels(d) == ("c", "b")
    assert EffectsConfig(levels=("a", "c")).factor_levels(d) == ("a", "c")
    assert EffectsConfig(levels=("a", "zz")).factor_levels(d) is None
    assert EffectsConfig(factor="level").factor_levels(d) is None  # a single level
    assert EffectsConfig(factor="missing").factor_levels(d) is None


def test_robustness_grid_neighbours_and_explicit():
    cfg = EffectsConfig()
    assert cfg.robustness_grid(5, [5, 10, 15], 1, 0) == [(5, 0), (10, 0)]  # an end of the grid
    assert cfg.robustness_grid(50, [5, 10, 50], 1, 0) == [(50, 0), (10, 0)]
    assert cfg.robustness_grid(12, [5, 10, 15], 1, 0) == [(12, 0), (10, 0), (15, 0)]  # K off the grid
    explicit = EffectsConfig(robustness_ks=(20, 10, 20), robustness_seeds=2)
    assert explicit.robustness_grid(10, [5], 3, 1) == [(10, 1), (10, 2), (20, 1), (20, 2)]


def test_user_metadata_formula_loads(tmp_path):
    path = tmp_path / "c.yaml"
    path.write_text('effects:\n  formula: "~ s(year) + C(level)"\n  factor: level\n  levels: [县, 市]\n',
                    encoding="utf-8")
    cfg = load_config(path).effects
    assert cfg.formula == "~ s(year) + C(level)" and cfg.levels == ("县", "市")


def test_same_level_twice_is_refused(tmp_path):
    path = tmp_path / "c.yaml"
    path.write_text("effects:\n  levels: [a, a]\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="two different levels"):
        load_config(path)
