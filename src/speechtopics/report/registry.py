"""Which notebook and cell wrote each figure and table, for ``reports/appendix.md``.

``save_figure`` and ``save_table`` call :func:`record`; inside a notebook run by
:func:`speechtopics.report.notebooks.execute_notebook` the kernel knows its notebook name (the
``SPEECHTOPICS_NOTEBOOK`` variable) and cell (IPython's execution count), and each record is appended
to ``reports/.registry/<notebook>.jsonl``. Outside a notebook the notebook name is ``cli``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from speechtopics import paths


def _registry_dir() -> Path:
    return paths.REPORTS / ".registry"


def _cell() -> int | None:
    try:
        from IPython import get_ipython

        ip = get_ipython()
        return int(ip.execution_count) if ip is not None else None
    except Exception:  # IPython absent or not in a kernel
        return None


def _relative(f: Path) -> str:
    try:
        return str(Path(f).resolve().relative_to(paths.REPORTS.resolve()))
    except ValueError:
        return str(f)


def reset_registry(notebook: str) -> None:
    (_registry_dir() / f"{notebook}.jsonl").unlink(missing_ok=True)


def record(kind: str, name: str, files: list[Path], description: str) -> None:
    notebook = os.environ.get("SPEECHTOPICS_NOTEBOOK", "cli")
    d = _registry_dir()
    d.mkdir(parents=True, exist_ok=True)
    row = {"kind": kind, "name": name, "notebook": notebook, "cell": _cell(),
           "files": [_relative(f) for f in files],
           "description": description}
    with open(d / f"{notebook}.jsonl", "a", encoding="utf-8") as fh:
        fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def read_registry() -> list[dict]:
    """All records, the last record of each (kind, name) winning, sorted by notebook then name."""
    rows: dict[tuple[str, str], dict] = {}
    d = _registry_dir()
    if d.exists():
        for f in sorted(d.glob("*.jsonl")):
            for line in f.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    r = json.loads(line)
                    rows[(r["kind"], r["name"])] = r
    return sorted(rows.values(), key=lambda r: (r["notebook"], r["kind"], r["name"]))
