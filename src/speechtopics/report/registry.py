"""Which notebook and cell wrote each figure, table and offline view, for ``reports/appendix.md``.

``save_figure``, ``save_table`` and ``save_ldavis`` call :func:`record`; inside a notebook run by
:func:`speechtopics.report.notebooks.execute_notebook` the kernel knows its notebook name (the
``SPEECHTOPICS_NOTEBOOK`` variable) and cell (IPython's execution count, the ``In [n]`` of the executed
notebook), and each record is appended to ``reports/.registry/<notebook>.jsonl``. Outside a notebook
the notebook name is ``cli``.

This module also owns :func:`reports_dir`, the one answer to "where do reports go": the
``SPEECHTOPICS_REPORTS`` variable (set by the notebook runner from ``output.reports`` in the config)
or else ``reports/`` of :func:`speechtopics.paths.project_paths` (the current directory's).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from speechtopics import paths

REPORTS_ENV = "SPEECHTOPICS_REPORTS"
NOTEBOOK_ENV = "SPEECHTOPICS_NOTEBOOK"


def reports_dir() -> Path:
    """The reports folder of this run (``$SPEECHTOPICS_REPORTS``, else ``./reports``)."""
    env = os.environ.get(REPORTS_ENV)
    return Path(env) if env else paths.project_paths().reports


def _registry_dir() -> Path:
    return reports_dir() / ".registry"


def _cell() -> int | None:
    """The ``In [n]`` number of the running notebook cell, or None outside IPython.

    The running cell is the last entry of IPython's input history ``In`` (``In[0]`` is empty);
    ``execution_count`` is not used because IPython increments it before the cell runs.
    """
    try:
        from IPython import get_ipython

        ip = get_ipython()
        if ip is None:
            return None
        n = len(ip.user_ns.get("In", [])) - 1
        return n if n > 0 else int(ip.execution_count)
    except Exception:  # IPython absent or not in a kernel
        return None


def _relative(f: Path) -> str:
    try:
        return Path(f).resolve().relative_to(reports_dir().resolve()).as_posix()
    except ValueError:
        return str(f)


def notebook_records(notebook: str) -> list[dict]:
    """Records written by one notebook in its last run (empty if none)."""
    f = _registry_dir() / f"{notebook}.jsonl"
    if not f.exists():
        return []
    return [json.loads(line) for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]


def reset_registry(notebook: str, remove_files: bool = False) -> None:
    """Forget a notebook's records; with ``remove_files`` also delete the files it wrote last time.

    Deleting the previous outputs first means a figure a notebook no longer makes cannot linger in
    ``reports/`` unlisted.
    """
    if remove_files:
        for rec in notebook_records(notebook):
            for f in rec["files"]:
                (reports_dir() / f).unlink(missing_ok=True)
    (_registry_dir() / f"{notebook}.jsonl").unlink(missing_ok=True)


def record(kind: str, name: str, files: list[Path], description: str) -> None:
    """Append one record (kind ``figure``, ``table`` or ``view``) to the running notebook's registry."""
    notebook = os.environ.get(NOTEBOOK_ENV, "cli")
    d = _registry_dir()
    d.mkdir(parents=True, exist_ok=True)
    row = {"kind": kind, "name": name, "notebook": notebook, "cell": _cell(),
           "files": [_relative(f) for f in files], "description": description}
    with open(d / f"{notebook}.jsonl", "a", encoding="utf-8") as fh:
        fh.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")


def read_registry() -> list[dict]:
    """All records, the last record of each (kind, name) winning, sorted by notebook, kind, name."""
    rows: dict[tuple[str, str], dict] = {}
    d = _registry_dir()
    if d.exists():
        for f in sorted(d.glob("*.jsonl")):
            for r in notebook_records(f.stem):
                rows[(r["kind"], r["name"])] = r
    return sorted(rows.values(), key=lambda r: (r["notebook"], r["kind"], r["name"]))
