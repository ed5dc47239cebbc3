"""Skip re-executing a notebook whose inputs and outputs are unchanged since its last run.

A notebook's outputs are a function of its source, the config file, the library's code and data files,
the input corpus and the figure resolution. :func:`notebook_key` hashes all of these; after a run,
:func:`write_stamp` stores the key with the hash of every file the notebook wrote (from the registry).
:func:`is_fresh` is true only when the key matches and every recorded file is still there, byte for
byte, so a rerun of ``speechtopics run`` on an unchanged project costs seconds, while any change to
code, config, data or outputs re-executes the notebook.

The stamp is written atomically; a torn, corrupt or unreadable stamp, or one naming a file outside the
reports folder, reads as "not fresh", so the notebook is simply executed again.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from speechtopics import paths, resources
from speechtopics.cache import hash_file, hash_files
from speechtopics.safeio import atomic_write_text, contained


def tree_hash(root: Path, pattern: str) -> str:
    """One sha256 of the files under ``root`` matching ``pattern`` (``__pycache__`` left out): their
    paths relative to ``root`` and their contents, so the same tree anywhere gives the same hash."""
    h = hashlib.sha256()
    for f in sorted(root.rglob(pattern)):
        if f.is_file() and "__pycache__" not in f.parts:
            h.update(f.relative_to(root).as_posix().encode())
            h.update(hash_file(f).encode())
    return h.hexdigest()


def project_state(config_path: Path, input_files: list[Path], dpi: int, user_files: list[Path] = ()) -> dict:
    """Hashes of what every notebook depends on besides its own source; computed once per run.
    ``user_files``: the user's own word lists and cue files the config names (an edited stopword list
    re-executes the notebooks, as it re-runs the stages)."""
    return {
        "config": config_hash(Path(config_path)),
        # named relative to the project folder, as the inputs are: a copy of it elsewhere is as fresh
        "user_files": {paths.relative_paths(str(f), Path(config_path).resolve().parent): hash_file(f) if f.exists()
                       else None for f in user_files},
        "code": tree_hash(paths.PACKAGE_DIR, "*.py"),
        "external": {name: hash_file(f) for name, f in resources.bundled().items()},
        "inputs": hash_files(input_files, Path(config_path).parent),  # names too: a renamed file re-executes
        "dpi": dpi,
    }


#: Settings that say where and how widely the work runs, not what it computes: the same tables come out
#: on one worker or many, locally or on a cluster (``tests/test_project_partitioned.py``), so changing
#: them alone re-executes no notebook.
EXECUTION_KEYS = {"segment": ("workers", "scheduler"), "lda": ("n_jobs", "scheduler")}


def config_hash(config_path: Path) -> str:
    """Hash of the config file's settings without :data:`EXECUTION_KEYS` (of its bytes when it is not
    a YAML mapping: the run refuses such a file anyway)."""
    import yaml

    try:
        data = yaml.safe_load(config_path.read_text(encoding="utf-8"))
    except (OSError, UnicodeError, yaml.YAMLError):
        return hash_file(config_path)
    if not isinstance(data, dict):
        return hash_file(config_path)
    data = {k: dict(v) if isinstance(v, dict) else v for k, v in data.items()}
    for section, keys in EXECUTION_KEYS.items():
        if isinstance(data.get(section), dict):
            for key in keys:
                data[section].pop(key, None)
    return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False, default=str).encode()).hexdigest()


def notebook_key(name: str, state: dict) -> str:
    """Hash of everything a notebook's outputs depend on: its source and the project state."""
    parts = {"notebook": hash_file(paths.notebook_source(name)), **state}
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


def _stamp_path(name: str, reports: Path) -> Path:
    return reports / ".registry" / f"{name}.stamp.json"


def _output_hashes(name: str, reports: Path) -> dict[str, str] | None:
    from speechtopics.report.registry import notebook_records

    files = [f for rec in notebook_records(name) for f in rec["files"]]
    files += [f"notebooks/{name}.ipynb", f"notebooks/{name}.html"]
    out = {}
    for f in files:
        p = contained(reports, f)
        if p is None or not p.is_file():  # missing, or not a plain file inside reports/: never read it
            return None
        try:
            out[f] = hash_file(p)
        except OSError:
            return None
    return out


def write_stamp(name: str, key: str, reports: Path) -> None:
    """Record the key and output hashes of a notebook run that just finished."""
    outputs = _output_hashes(name, reports) or {}
    atomic_write_text(_stamp_path(name, reports), json.dumps({"key": key, "outputs": outputs}, sort_keys=True,
                                                             indent=1))


def is_fresh(name: str, key: str, reports: Path) -> bool:
    """True when the notebook last ran under ``key`` and all its outputs are unchanged."""
    try:
        stamp = json.loads(_stamp_path(name, reports).read_text(encoding="utf-8"))
    except (OSError, ValueError):  # absent, unreadable, torn or not JSON: recompute
        return False
    if not isinstance(stamp, dict) or not isinstance(stamp.get("outputs"), dict):
        return False
    outputs = stamp["outputs"]
    return stamp.get("key") == key and bool(outputs) and _output_hashes(name, reports) == outputs
