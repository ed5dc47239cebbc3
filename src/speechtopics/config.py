"""Typed run configuration loaded from one YAML file.

Each stage owns the dataclass for its slice (``clean.options.CleanConfig`` and so on); this module
composes them into :class:`Config`, validates a YAML mapping against the dataclasses (unknown keys and
wrong types are errors that name the key), and hashes a slice so caches know when it changed.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from speechtopics.clean.options import CleanConfig
from speechtopics.corpus import CorpusConfig
from speechtopics.ingest import InputSource
from speechtopics.models.embedding_options import EmbeddingConfig
from speechtopics.models.options import ClusterConfig, LdaConfig, SeededConfig
from speechtopics.report.options import ReportConfig
from speechtopics.rhetoric.options import RhetoricConfig
from speechtopics.segment.options import SegmentConfig


class ConfigError(ValueError):
    """A config file that cannot be used; the message names the file and key."""


@dataclass(frozen=True)
class OutputConfig:
    """Where generated files go, relative to the project root unless absolute."""

    interim: str = "data/interim"
    processed: str = "data/processed"
    reports: str = "reports"


@dataclass(frozen=True)
class Config:
    """Every parameter of a run. ``seed`` is the one seed every random choice takes."""

    seed: int = 20240601
    inputs: tuple[InputSource, ...] = ()
    clean: CleanConfig = field(default_factory=CleanConfig)
    segment: SegmentConfig = field(default_factory=SegmentConfig)
    corpus: CorpusConfig = field(default_factory=CorpusConfig)
    lda: LdaConfig = field(default_factory=LdaConfig)
    seeded: SeededConfig = field(default_factory=SeededConfig)
    cluster: ClusterConfig = field(default_factory=ClusterConfig)
    embeddings: EmbeddingConfig = field(default_factory=EmbeddingConfig)
    rhetoric: RhetoricConfig = field(default_factory=RhetoricConfig)
    report: ReportConfig = field(default_factory=ReportConfig)
    output: OutputConfig = field(default_factory=OutputConfig)


def _is_dataclass_type(tp: Any) -> bool:
    return isinstance(tp, type) and dataclasses.is_dataclass(tp)


def _convert(value: Any, tp: Any, where: str) -> Any:
    """Convert a YAML value to the annotated type, raising ConfigError that names ``where``."""
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if tp is Any:
        return value
    if origin in (typing.Union, types.UnionType):
        if value is None and type(None) in args:
            return None
        errors = []
        for arg in args:
            if arg is type(None):
                continue
            try:
                return _convert(value, arg, where)
            except ConfigError as exc:
                errors.append(str(exc))
        raise ConfigError(errors[0] if errors else f"{where}: invalid value {value!r}")
    if origin is typing.Literal:
        if value not in args:
            raise ConfigError(f"{where}: {value!r} is not one of {', '.join(map(repr, args))}")
        return value
    if _is_dataclass_type(tp):
        return from_mapping(tp, value, where)
    if origin in (tuple, list):
        if not isinstance(value, (list, tuple)):
            raise ConfigError(f"{where}: expected a list, got {type(value).__name__}")
        item_tp = args[0] if args else Any
        items = [_convert(v, item_tp, f"{where}[{i}]") for i, v in enumerate(value)]
        return tuple(items) if origin is tuple else items
    if origin is dict:
        if not isinstance(value, dict):
            raise ConfigError(f"{where}: expected a mapping, got {type(value).__name__}")
        k_tp, v_tp = args if args else (Any, Any)
        return {_convert(k, k_tp, where): _convert(v, v_tp, f"{where}.{k}") for k, v in value.items()}
    if tp is float and isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    if tp in (int, str, bool, float):
        if not isinstance(value, tp) or (tp is int and isinstance(value, bool)):
            raise ConfigError(f"{where}: expected {tp.__name__}, got {value!r}")
        return value
    return value


def from_mapping(cls: type, data: Any, where: str = "config") -> Any:
    """Build dataclass ``cls`` from a mapping; unknown keys are errors."""
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(f"{where}: expected a mapping, got {type(data).__name__}")
    hints = typing.get_type_hints(cls)
    names = {f.name for f in dataclasses.fields(cls)}
    unknown = sorted(set(data) - names)
    if unknown:
        raise ConfigError(
            f"{where}: unknown key {unknown[0]!r} (known keys: {', '.join(sorted(names))})"
        )
    kwargs = {k: _convert(v, hints[k], f"{where}.{k}") for k, v in data.items()}
    try:
        return cls(**kwargs)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"{where}: {exc}") from None


def load_config(path: str | Path | None = None, overrides: dict[str, Any] | None = None) -> Config:
    """Load and validate a YAML config; ``overrides`` is merged on top (dotted keys allowed)."""
    from speechtopics import paths

    path = Path(path) if path else paths.DEFAULT_CONFIG
    if not path.exists():
        raise ConfigError(f"{path}: config file not found")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: not valid YAML ({str(exc).splitlines()[0]})") from None
    for dotted, value in (overrides or {}).items():
        node = data
        *parents, last = dotted.split(".")
        for key in parents:
            node = node.setdefault(key, {})
        node[last] = value
    try:
        return from_mapping(Config, data, where=str(path))
    except ConfigError:
        raise


def to_dict(obj: Any) -> Any:
    """Plain, JSON-ready form of a config (or any slice of it)."""
    if dataclasses.is_dataclass(obj):
        return {f.name: to_dict(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, (list, tuple)):
        return [to_dict(v) for v in obj]
    if isinstance(obj, dict):
        return {str(k): to_dict(v) for k, v in obj.items()}
    return obj


def config_hash(*slices: Any) -> str:
    """Stable short hash of config slices (dataclasses or plain values)."""
    blob = json.dumps([to_dict(s) for s in slices], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]
