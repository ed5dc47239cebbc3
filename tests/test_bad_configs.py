"""Nonsense settings are refused on load with one line naming the file, the dotted key, the allowed
range and the value (cases in tests/data/bad_configs.yaml), also through ``speechtopics run``."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from speechtopics.config import Config, ConfigError, load_config, to_dict, yaml_fields
from speechtopics.config_rules import RULES

CASES = yaml.safe_load((Path(__file__).parent / "data" / "bad_configs.yaml").read_text(encoding="utf-8"))
def _params(cases):
    return [pytest.param(c, id=f"{i}-{c['error'][:40]}") for i, c in enumerate(cases)]


def _write(folder: Path, case: dict) -> Path:
    for name in case.get("files", []):
        (folder / name).write_text("not a folder\n", encoding="utf-8")
    path = folder / "config.yaml"
    path.write_text(yaml.safe_dump(case["config"], allow_unicode=True), encoding="utf-8")
    return path


def test_there_are_enough_cases():
    assert len(CASES) >= 36
    assert sum(bool(c.get("cli")) for c in CASES) >= 4


@pytest.mark.parametrize("case", _params(CASES))
def test_bad_config_is_refused_with_one_line(tmp_path: Path, case: dict):
    path = _write(tmp_path, case)
    with pytest.raises(ConfigError) as info:
        load_config(path)
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith(f"{path}: "), message
    assert case["error"] in message, message


@pytest.mark.parametrize("case", _params([c for c in CASES if c.get("cli")]))
def test_bad_config_through_the_cli_exits_2_with_one_line(tmp_path: Path, case: dict):
    path = _write(tmp_path, case)
    proc = subprocess.run([sys.executable, "-m", "speechtopics.cli", "run", "--config", str(path),
                           "--no-notebooks"], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 2, proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1, proc.stderr
    assert case["error"] in proc.stderr and "Traceback" not in proc.stderr


SLICES = [f.name for f in yaml_fields(Config)]
def _slice_params():
    return list(SLICES)


def _numeric_or_list_keys(name: str) -> list[str]:
    """Dotted names of every numeric and list setting of slice ``name`` (or the top-level ``seed``)."""
    value = to_dict(Config()).get(name)
    assert value is not None, f"no slice {name}"
    if not isinstance(value, dict):
        return [name] if isinstance(value, (int, float, list)) and not isinstance(value, bool) else []
    return [f"{name}.{k}" for k, v in value.items()
            if isinstance(v, (int, float, list)) and not isinstance(v, bool)]


@pytest.mark.parametrize("name", _slice_params())
def test_every_numeric_and_list_setting_has_a_rule(name: str):
    keys = _numeric_or_list_keys(name)
    assert [k for k in keys if k not in RULES] == []


@pytest.mark.parametrize("name", _slice_params())
def test_every_rule_names_a_setting(name: str):
    defaults = to_dict(Config())
    assert name in defaults
    stale = [k for k in RULES if k.split(".")[0] == name
             and not (k == name or k.partition(".")[2] in defaults[name])]
    assert stale == []


def test_defaults_are_within_their_rules():
    defaults = to_dict(Config())
    for key, rule in RULES.items():
        parent, _, name = key.rpartition(".")
        node = defaults[parent] if parent else defaults
        if name in node:
            value = node[name]
            if key == "ingest.inputs":
                continue  # a Config built in code has no inputs; a config file must name some
            assert rule.check(key, value) is None, key
