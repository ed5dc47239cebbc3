"""Typed run configuration loaded from one YAML file.

Each stage owns the dataclass for its slice (``clean.options.CleanConfig`` and so on); this module
composes them into :class:`Config`, validates a YAML mapping against the dataclasses (unknown keys and
wrong types are errors that name the key), checks every number and list against the allowed range in
:data:`speechtopics.config_rules.RULES`, and hashes a slice so caches know when it changed.

Relative paths are taken from the config file's folder (:attr:`Config.base_dir`), which
:func:`speechtopics.paths.project_paths` turns into a run's locations; a relative name of a bundled word list or
cue file (``lexicon/political_terms.tsv``) is that package resource, any other is made absolute on load.
"""

from __future__ import annotations

import dataclasses
import difflib
import hashlib
import json
import math
import re
import sys
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from speechtopics.clean.options import CleanConfig
from speechtopics import config_checks
from speechtopics.config_checks import read_yaml_mapping
from speechtopics.config_rules import ORDERED, REMOVED, RESOURCE_KEYS, RULES
from speechtopics.corpus import CorpusConfig
from speechtopics.ingest import IngestConfig
from speechtopics.models.effect_options import EffectsConfig
from speechtopics.models.embedding_options import EmbeddingConfig
from speechtopics.models.options import ClusterConfig, LdaConfig, SeededConfig
from speechtopics.report.options import ReportConfig
from speechtopics.rhetoric.options import RhetoricConfig
from speechtopics.segment.options import SegmentConfig
from speechtopics.paths import OutputConfig
from speechtopics.user_errors import OneLineError


class ConfigError(OneLineError, ValueError):
    """A config file that cannot be used; the message names the file and key.

    In a notebook (IPython, papermill, nbclient) it shows as its one line, not a traceback through
    the library (:class:`~speechtopics.user_errors.OneLineError`): the message already names the file,
    the key and what is allowed.
    """


#: Metadata of a Config field that is not a YAML key (set by :func:`load_config`).
NOT_IN_YAML = {"yaml": False}


@dataclass(frozen=True)
class Config:
    """Every parameter of a run. ``seed`` is the one seed every random choice takes.

    ``base_dir`` is the folder relative paths are taken from: the config file's folder when loaded by
    :func:`load_config`, None (the current directory) for a Config built in code. It is not a YAML key
    and not part of :func:`to_dict`.
    """

    seed: int = 20240601
    ingest: IngestConfig = field(default_factory=IngestConfig)
    clean: CleanConfig = field(default_factory=CleanConfig)
    segment: SegmentConfig = field(default_factory=SegmentConfig)
    corpus: CorpusConfig = field(default_factory=CorpusConfig)
    lda: LdaConfig = field(default_factory=LdaConfig)
    seeded: SeededConfig = field(default_factory=SeededConfig)
    cluster: ClusterConfig = field(default_factory=ClusterConfig)
    embeddings: EmbeddingConfig = field(default_factory=EmbeddingConfig)
    rhetoric: RhetoricConfig = field(default_factory=RhetoricConfig)
    effects: EffectsConfig = field(default_factory=EffectsConfig)
    report: ReportConfig = field(default_factory=ReportConfig)
    output: OutputConfig = field(default_factory=OutputConfig)
    base_dir: Path | None = field(default=None, compare=False, metadata=NOT_IN_YAML)


def yaml_fields(cls: type) -> list[dataclasses.Field]:
    """The fields of dataclass ``cls`` that are YAML keys."""
    return [f for f in dataclasses.fields(cls) if f.metadata.get("yaml", True)]


def check_value(key: str, value: Any) -> None:
    """Raise ConfigError ``key must be ... (got value)`` when ``value`` is outside ``RULES[key]``."""
    rule = RULES.get(key)
    message = rule.check(key, value) if rule else None
    if message:
        raise ConfigError(message)


# ---- building dataclasses from YAML ----------------------------------------------------------------

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
        return _build(tp, value, where)
    if origin in (tuple, list):
        if not isinstance(value, (list, tuple)):
            raise ConfigError(f"{where}: expected a list, got {_kind(value)}")
        item_tp = args[0] if args else Any
        items_ = [_convert(v, item_tp, f"{where}[{i}]") for i, v in enumerate(value)]
        return tuple(items_) if origin is tuple else items_
    if origin is dict:
        if not isinstance(value, dict):
            raise ConfigError(f"{where}: expected a mapping, got {_kind(value)}")
        k_tp, v_tp = args if args else (Any, Any)
        return {_convert(k, k_tp, where): _convert(v, v_tp, f"{where}.{k}") for k, v in value.items()}
    if tp is float and isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    if tp in (int, str, bool, float):
        if not isinstance(value, tp) or (tp is int and isinstance(value, bool)):
            raise ConfigError(f"{where}: expected {_TYPE_WORDS[tp]}{_allowed(where, tp)}, got "
                              f"{'nothing (an empty value)' if value is None else repr(value)}")
        return value
    return value


#: What a scalar setting's type is called in a message (YAML's words, not Python's).
_TYPE_WORDS = {int: "int", float: "a number", str: "text", bool: "true or false"}


def _allowed(where: str, tp: type) -> str:
    """`` in [0, 4294967295]``: the range of a numeric setting's rule, for a message about its type."""
    rule = RULES.get(re.sub(r"\[\d+\]$", "", where))
    if tp not in (int, float) or rule is None or (rule.lo is None and rule.hi is None):
        return ""
    return f" {rule.describe()}"


def _kind(value: Any) -> str:
    """What a YAML value is, in YAML's words (an empty ``key:`` is null, not ``NoneType``)."""
    if value is None:
        return "nothing (an empty value; write [] or {} for an empty list or mapping)"
    return {str: "text", bool: "true/false", int: "a number", float: "a number", list: "a list",
            dict: "a mapping"}.get(type(value), type(value).__name__) + f" ({value!r})"


def _build(cls: type, data: Any, key: str) -> Any:
    """Dataclass ``cls`` from a mapping at dotted ``key`` ("" for the top); messages start with the key."""
    where = key or "config"
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(f"{where}: expected a mapping, got {_kind(data)}")
    hints = typing.get_type_hints(cls)
    names = {f.name for f in yaml_fields(cls)}
    removed, why = REMOVED.get(key, ((), ""))
    gone = sorted((set(data) - names) & set(removed), key=str)
    if gone:
        print(f"warning: {where}: {', '.join(gone)} {'was' if len(gone) == 1 else 'were'} removed and "
              f"{'is' if len(gone) == 1 else 'are'} ignored: {why}", file=sys.stderr)
        data = {k: v for k, v in data.items() if k not in gone}
    unknown = sorted(set(data) - names, key=str)
    if unknown:
        close = difflib.get_close_matches(str(unknown[0]), sorted(names), n=1, cutoff=0.6)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        raise ConfigError(
            f"{where}: unknown key {unknown[0]!r}{hint} (known keys: {', '.join(sorted(names))})"
        )
    missing = [f.name for f in yaml_fields(cls) if f.name not in data
               and f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING]
    if missing:
        raise ConfigError(f"{key}.{missing[0]} is required" if key else f"{missing[0]} is required")
    kwargs = {}
    for k, v in data.items():
        dotted = f"{key}.{k}" if key else k
        kwargs[k] = _convert(v, hints[k], dotted)
        check_value(dotted, kwargs[k])
    for lo_key, hi_key in ORDERED:
        parent, _, lo_name = lo_key.rpartition(".")
        hi_name = hi_key.rpartition(".")[2]
        if parent == key and (lo_name in kwargs or hi_name in kwargs):
            defaults = cls()
            lo = kwargs.get(lo_name, getattr(defaults, lo_name))
            hi = kwargs.get(hi_name, getattr(defaults, hi_name))
            if lo > hi:
                raise ConfigError(f"{lo_key} must be <= {hi_key} ({hi}) (got {lo})")
    try:
        return cls(**kwargs)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"{where}: {exc}") from None


def from_mapping(cls: type, data: Any, where: str = "config") -> Any:
    """Build dataclass ``cls`` from a mapping; unknown keys and values out of range are errors.

    ``where`` prefixes every message (a file name). For :class:`Config` a top-level ``inputs`` list is
    accepted as an alias of ``ingest.inputs``.
    """
    try:
        if cls is Config:
            data = _alias_inputs(data)
        return _build(cls, data, "")
    except ConfigError as exc:
        raise ConfigError(f"{where}: {exc}") from None


def _alias_inputs(data: Any) -> Any:
    """Move a top-level ``inputs`` (the layout before the ``ingest`` slice) into ``ingest.inputs``."""
    if not isinstance(data, dict) or "inputs" not in data:
        return data
    data = dict(data)
    ingest = data.get("ingest")
    if isinstance(ingest, dict) and "inputs" in ingest:
        raise ConfigError("inputs and ingest.inputs are both given; keep only ingest.inputs")
    if ingest is not None and not isinstance(ingest, dict):
        return data  # _build reports the bad ingest slice
    data["ingest"] = {**(ingest or {}), "inputs": data.pop("inputs")}
    return data


def _absolute_resources(cfg: Config, base: Path) -> Config:
    """Relative resource paths that are not bundled resources, made absolute against ``base``."""
    from speechtopics import resources

    def fix(name: str | None) -> str | None:
        if not name or Path(name).is_absolute() or resources.is_resource(name):
            return name
        return str((base / name).resolve())

    changed = {}
    for slice_name, keys in RESOURCE_KEYS.items():
        part = getattr(cfg, slice_name)
        new = {}
        for k in keys:
            v = getattr(part, k)
            fixed = tuple(fix(x) for x in v) if isinstance(v, tuple) else fix(v)
            if fixed != v:
                new[k] = fixed
        if new:
            changed[slice_name] = dataclasses.replace(part, **new)
    return dataclasses.replace(cfg, **changed) if changed else cfg


def user_files(cfg: Config) -> list[Path]:
    """The user's own data files the config names (stopword lists, lexicons, cue files that are not
    bundled resources), sorted: what a run depends on besides the corpus and the package."""
    return sorted({path for _, _, path in config_checks.named_user_files(cfg)})


def _check_outputs(cfg: Config) -> None:
    from speechtopics.paths import resolve

    for f in yaml_fields(OutputConfig):
        p = resolve(getattr(cfg.output, f.name), cfg.base_dir)
        if p.exists() and not p.is_dir():
            raise ConfigError(f"output.{f.name} must be a folder, not an existing file "
                              f"(got {getattr(cfg.output, f.name)!r})")


#: The named priors gensim accepts for alpha and eta; otherwise a number > 0.
LDA_PRIORS = {"alpha": ("auto", "symmetric", "asymmetric"), "eta": ("auto", "symmetric")}


def _positive_number(value: Any) -> bool:
    try:
        x = float(value)
    except (TypeError, ValueError):
        return False
    return math.isfinite(x) and x > 0 and not isinstance(value, bool)


def _check_lda_backend(cfg: Config) -> None:
    lda = cfg.lda
    for name, named in LDA_PRIORS.items():
        value = getattr(lda, name)
        if value not in named and not _positive_number(value):
            raise ConfigError(f"lda.{name} must be {' | '.join(named)} or a number > 0 (got {value!r})")
    if lda.backend == "partitioned":
        for name in ("alpha", "eta"):
            if getattr(lda, name) == "auto":
                raise ConfigError(f"lda.{name}: 'auto' is not supported by lda.backend: partitioned "
                                  "(use symmetric or a number)")


def _check_formula_and_notebooks(cfg: Config) -> None:
    """``effects.formula`` parses (formulaic; ``s(x)`` read as a spline call) and every name of
    ``report.notebooks`` is a report notebook: both refused on load, not after the run's work."""
    from speechtopics import paths

    formula = str(cfg.effects.formula).strip()
    try:
        from formulaic import Formula

        Formula(formula if formula.startswith("~") else f"~ {formula}")
    except Exception as exc:  # formulaic's syntax errors span several lines; keep the first
        raise ConfigError(f"effects.formula: cannot parse {formula!r} ({str(exc).splitlines()[0]})") from None
    for name in cfg.report.notebooks:
        if not paths.notebook_source(name).exists():
            known = sorted(p.stem for p in paths.notebook_source("x").parent.glob("*.py") if p.stem[:2].isdigit())
            raise ConfigError(f"report.notebooks: no report notebook {name!r} (notebooks: {', '.join(known)})")


def load_config(path: str | Path | None = None, overrides: dict[str, Any] | None = None) -> Config:
    """Load and validate a YAML config; ``overrides`` is merged on top (dotted keys allowed).

    Relative paths in the file are taken from its folder (``Config.base_dir``). Every message names the
    file, the dotted key, what is allowed and the value: ``config.yaml: lda.passes must be in [1, 10000] (got -1)``.
    """
    from speechtopics import paths

    path = Path(path) if path else paths.DEFAULT_CONFIG
    if not path.exists():
        raise ConfigError(f"{path}: config file not found")
    if path.is_dir():
        raise ConfigError(f"{path}: is a folder, not a config file")
    try:
        data = read_yaml_mapping(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: {config_checks.describe_yaml_error(exc)}") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: {config_checks.describe_decode_error(exc, path.read_bytes())}") from None
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected a mapping of settings, got {type(data).__name__}")
    where = f"{path} with overrides" if overrides else str(path)
    return _validated(_merge_overrides(data, overrides, where), where, path.resolve().parent)


def with_overrides(cfg: Config, overrides: dict[str, Any] | None) -> Config:
    """``cfg`` with ``overrides`` (dotted keys: ``{"lda.k": 12, "seed": 3}``) set, checked as a file is."""
    if not overrides:
        return cfg
    return _validated(_merge_overrides(to_dict(cfg), overrides, "overrides"), "overrides", cfg.base_dir or Path.cwd())


def _merge_overrides(data: dict, overrides: dict[str, Any] | None, where: str) -> dict:
    """``data`` with each dotted key of ``overrides`` set (an unknown key is refused by :func:`from_mapping`)."""
    if overrides is not None and not isinstance(overrides, dict):
        raise ConfigError(f"{where}: overrides must be a mapping of dotted keys (got {type(overrides).__name__})")
    for dotted, value in (overrides or {}).items():
        node = data
        *parents, last = str(dotted).split(".")
        for n, key in enumerate(parents):
            node = node.setdefault(key, {})
            if not isinstance(node, dict):
                raise ConfigError(f"{where}: {dotted}: {'.'.join(parents[:n + 1])} is a setting, not a section")
        node[last] = value
    return data


def _validated(data: dict, where: str, base: Path) -> Config:
    """The :class:`Config` of ``data`` with relative paths taken from ``base``, every check applied."""
    cfg = from_mapping(Config, data, where=where)
    cfg = dataclasses.replace(_absolute_resources(cfg, base), base_dir=base)
    try:
        _check_outputs(cfg)
        _check_lda_backend(cfg)
        _check_formula_and_notebooks(cfg)
    except ConfigError as exc:
        raise ConfigError(f"{where}: {exc}") from None
    if found := config_checks.problems(cfg):
        raise ConfigError(config_checks.describe(where, found))
    return cfg


def to_dict(obj: Any) -> Any:
    """Plain, JSON-ready form of a config (or any slice of it); ``base_dir`` is left out."""
    if dataclasses.is_dataclass(obj):
        return {f.name: to_dict(getattr(obj, f.name)) for f in yaml_fields(type(obj))}
    if isinstance(obj, (list, tuple)):
        return [to_dict(v) for v in obj]
    if isinstance(obj, dict):
        return {str(k): to_dict(v) for k, v in obj.items()}
    return obj


def config_hash(*slices: Any) -> str:
    """Stable short hash of config slices (dataclasses or plain values)."""
    blob = json.dumps([to_dict(s) for s in slices], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]
