"""config/default.yaml documents every setting: its keys are the dataclasses' fields (both ways,
recursively) and every key line carries a ``#`` comment."""

from __future__ import annotations

import dataclasses
import re
import types
import typing
from pathlib import Path

import pytest
import yaml

from speechtopics import paths
from speechtopics.config import Config, yaml_fields

DEFAULT = paths.DEFAULT_CONFIG
DATA = yaml.safe_load(DEFAULT.read_text(encoding="utf-8"))
LINES = DEFAULT.read_text(encoding="utf-8").splitlines()

SLICES = [f.name for f in yaml_fields(Config)
          if dataclasses.is_dataclass(typing.get_type_hints(Config)[f.name])]


def _params():
    return list(SLICES)


def _dataclass_of(tp):
    """The dataclass inside ``tp`` (itself, ``X | None``, ``tuple[X, ...]``, ``list[X]``), or None."""
    if dataclasses.is_dataclass(tp):
        return tp
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType, tuple, list):
        for arg in typing.get_args(tp):
            found = _dataclass_of(arg)
            if found:
                return found
    return None


def _mismatches(cls, node, where: str) -> list[str]:
    """Keys of ``node`` that are not fields of ``cls`` and fields missing from it, recursively."""
    if isinstance(node, list):  # a list of dataclass items: each item's keys are fields; all are used
        out, seen = [], set()
        for i, item in enumerate(node):
            out += [m for m in _mismatches(cls, item, f"{where}[{i}]") if "missing" not in m]
            seen |= set(item or {})
        out += [f"{where}[].{f.name}: missing" for f in yaml_fields(cls) if f.name not in seen]
        return out
    if not isinstance(node, dict):
        return [f"{where}: not a mapping"]
    hints = typing.get_type_hints(cls)
    fields = {f.name for f in yaml_fields(cls)}
    out = [f"{where}.{k}: not a field" for k in node if k not in fields]
    out += [f"{where}.{k}: missing" for k in sorted(fields - set(node))]
    for k in fields & set(node):
        inner = _dataclass_of(hints[k])
        if inner is not None and node[k] is not None:
            out += _mismatches(inner, node[k], f"{where}.{k}")
    return out


def test_top_level_keys_are_the_config_fields():
    assert set(DATA) == {f.name for f in yaml_fields(Config)}


@pytest.mark.parametrize("name", _params())
def test_yaml_keys_equal_dataclass_fields(name: str):
    cls = typing.get_type_hints(Config)[name]
    assert name in DATA
    assert _mismatches(cls, DATA[name], name) == []


def _key_lines() -> list[tuple[int, str, str]]:
    """``(line number, dotted key, line)`` of every line whose key is a dataclass field."""
    out, stack = [], []
    for n, line in enumerate(LINES, 1):
        m = re.match(r"^(\s*)(?:-\s+)?([^\s#:][^:]*):(\s|$)", line)
        if not m or line.lstrip().startswith("#"):
            continue
        col = len(line) - len(line.lstrip(" -")) if line.lstrip().startswith("-") else len(m.group(1))
        while stack and stack[-1][0] >= col:
            stack.pop()
        stack.append((col, m.group(2)))
        keys = [k for _, k in stack]
        if _is_field(keys):
            out.append((n, ".".join(keys), line))
    return out


def _is_field(keys: list[str]) -> bool:
    cls = Config
    for i, k in enumerate(keys):
        names = {f.name for f in yaml_fields(cls)}
        if k not in names:
            return False
        if i < len(keys) - 1:
            cls = _dataclass_of(typing.get_type_hints(cls)[k])
            if cls is None:
                return False
    return True


def test_the_key_line_scan_sees_every_slice():
    seen = {key.split(".")[0] for _, key, _ in _key_lines()}
    assert set(SLICES) | {"seed"} <= seen


@pytest.mark.parametrize("name", ["seed", *_params()])
def test_every_key_line_has_a_comment(name: str):
    lines = [(n, key, line) for n, key, line in _key_lines() if key.split(".")[0] == name]
    assert lines, f"no key lines for {name}"
    bare = [f"{DEFAULT.name}:{n}: {key}" for n, key, line in lines if not re.search(r"\s#\s?\S", line)]
    assert bare == []


def test_default_config_loads_with_paths_relative_to_its_folder():
    from speechtopics.config import load_config

    cfg = load_config()
    assert cfg.base_dir == DEFAULT.parent.resolve()
    p = paths.project_paths(cfg)
    assert p.interim == paths.REPO.resolve() / "data" / "interim"
    assert p.reports == paths.REPO.resolve() / "reports"
    for src in cfg.ingest.inputs:
        assert p.resolve(src.path).resolve().is_relative_to(paths.RAW.resolve())
        assert p.resolve(src.path).exists()
    assert isinstance(Path(p.root), Path)


def test_a_key_given_twice_is_refused_naming_both_lines(tmp_path):
    from speechtopics.config import ConfigError, load_config

    path = tmp_path / "config.yaml"
    path.write_text("lda:\n  k: 20\nseed: 1\nlda:\n  k: 7\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"key 'lda' is given twice \(lines 1 and 4\)"):
        load_config(path)
