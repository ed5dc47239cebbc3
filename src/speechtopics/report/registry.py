"""Which notebook and cell wrote each figure, table and offline view, for ``reports/appendix.md``.

``save_figure``, ``save_table`` and ``save_ldavis`` call :func:`record`; inside a notebook run by
:func:`speechtopics.report.notebooks.execute_notebook` the kernel knows its notebook name (the
``SPEECHTOPICS_NOTEBOOK`` variable) and cell (IPython's execution count, the ``In [n]`` of the executed
notebook), and each record is appended to ``reports/.registry/<notebook>.jsonl``. Outside a notebook
the notebook name is ``cli``.

This module also owns :func:`reports_dir`, the one answer to "where do reports go": the
``SPEECHTOPICS_REPORTS`` variable (set by the notebook runner from ``output.reports`` in the config)
or else ``reports/`` of :func:`speechtopics.paths.project_paths` (the current directory's), and
:func:`use_reports_folder`, which points a session that no runner started (a notebook opened in
JupyterLab, run with papermill) at a project's reports folder.

Robustness: a registry file is rewritten whole and atomically on every record (never appended to in
place), an identical record is not written twice, a line that is not a JSON record is skipped with a
warning, and every path a registry line names is checked to lie inside the reports folder before it is
deleted (a line naming ``../x`` or an absolute path elsewhere is skipped with a warning).
"""

from __future__ import annotations

import json
import os
import warnings
from pathlib import Path

from speechtopics import paths
from speechtopics.safeio import UnsafePathWarning, atomic_write_text, contained
from speechtopics.user_errors import OneLineError

REPORTS_ENV = "SPEECHTOPICS_REPORTS"
NOTEBOOK_ENV = "SPEECHTOPICS_NOTEBOOK"
#: The figures' resolution of this run (``report.dpi``), read by :mod:`speechtopics.report.style`.
DPI_ENV = "SPEECHTOPICS_DPI"
#: The folder of the speechtopics package that runs the notebooks (set for their kernels).
PACKAGE_ENV = "SPEECHTOPICS_PACKAGE"
#: The variables :func:`use_reports_folder` set in this process, and to what (a runner's stay as they are).
SET_IN_SESSION: dict[str, str] = {}


def reports_dir() -> Path:
    """The reports folder of this run (``$SPEECHTOPICS_REPORTS``, else ``./reports``)."""
    env = os.environ.get(REPORTS_ENV)
    return Path(env) if env else paths.project_paths().reports


def use_reports_folder(folder: str | Path, notebook: str | None = None, dpi: int | None = None) -> Path:
    """Make this Python session's ``save_figure``, ``save_table`` and ``save_ldavis`` write into ``folder``
    (at ``dpi``, recorded as notebook ``notebook``), unless a run already chose them: each of
    ``SPEECHTOPICS_REPORTS``, ``SPEECHTOPICS_DPI`` and ``SPEECHTOPICS_NOTEBOOK`` that is set stays.
    A later call (another project's notebook in the same kernel) replaces what an earlier call set.
    Returns the reports folder in effect. In a notebook that a run executes, a kernel that imports another
    copy of speechtopics than the run's (a Jupyter kernel of another environment) is refused: its tables
    would mix two versions of the code without a word."""
    check_same_package()
    chosen = {REPORTS_ENV: str(Path(folder).resolve()), DPI_ENV: None if dpi is None else str(dpi),
              NOTEBOOK_ENV: notebook}
    for name, value in chosen.items():
        current = os.environ.get(name)
        if value is not None and (not current or SET_IN_SESSION.get(name) == current):
            os.environ[name] = SET_IN_SESSION[name] = value
    return reports_dir()


class OtherPackage(OneLineError, RuntimeError):
    """A run's notebook kernel imports another copy of speechtopics than the run itself."""


def check_same_package() -> None:
    """Raise :class:`OtherPackage` when :data:`PACKAGE_ENV` names another package folder than this one."""
    import speechtopics

    expected, here = os.environ.get(PACKAGE_ENV), Path(speechtopics.__file__).resolve().parent
    if expected and Path(expected).resolve() != here:
        raise OtherPackage(f"this notebook's kernel imports speechtopics from {here}, but the run uses {expected}: "
                           "run the notebooks with the kernel of the environment the command runs in (its python3)")


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


def _is_record(row: object) -> bool:
    """True for a dict with the keys the appendix reads, typed as :func:`record` writes them."""
    if not isinstance(row, dict) or "description" not in row:
        return False
    texts = all(isinstance(row.get(k), str) for k in ("kind", "name", "notebook"))
    files = row.get("files")
    return texts and isinstance(files, list) and all(isinstance(f, str) for f in files)


def notebook_records(notebook: str) -> list[dict]:
    """Records written by one notebook in its last run (empty if none).

    A torn or corrupt line (a crash mid-write by an older version, a hand edit) is skipped with a
    warning rather than blocking every later run.
    """
    f = _registry_dir() / f"{notebook}.jsonl"
    try:
        text = f.read_text(encoding="utf-8", errors="replace")
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        return []
    out = []
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except ValueError:
            row = None
        if _is_record(row):
            out.append(row)
        else:
            warnings.warn(f"{f}:{n}: not a registry record, skipped", UnsafePathWarning, stacklevel=2)
    return out


def reset_registry(notebook: str, remove_files: bool = False) -> None:
    """Forget a notebook's records; with ``remove_files`` also delete the files it wrote last time.

    Deleting the previous outputs first means a figure a notebook no longer makes cannot linger in
    ``reports/`` unlisted. Only files inside the reports folder are deleted: a listed path outside it
    (absolute, ``..``, through a linked folder) or a folder is skipped with a one-line warning.
    """
    if remove_files:
        reports = reports_dir()
        for rec in notebook_records(notebook):
            for f in rec["files"]:
                target = contained(reports, f)
                if target is None:
                    warnings.warn(f"registry {notebook}: {f!r} lies outside {reports}; not deleted",
                                  UnsafePathWarning, stacklevel=2)
                    continue
                try:
                    target.unlink(missing_ok=True)
                except OSError as exc:  # a folder, or no permission: say so and go on
                    warnings.warn(f"registry {notebook}: {f!r} not deleted ({exc.strerror or exc})",
                                  UnsafePathWarning, stacklevel=2)
    (_registry_dir() / f"{notebook}.jsonl").unlink(missing_ok=True)


def record(kind: str, name: str, files: list[Path], description: str) -> None:
    """Add one record (kind ``figure``, ``table``, ``view``, ``skipped`` or ``glyphs``) to the running notebook's registry.

    The file is rewritten atomically with the new line at the end; a record identical to one already
    there is not added again, so two runs that write the same outputs leave one record.
    """
    notebook = os.environ.get(NOTEBOOK_ENV, "cli")
    if notebook == "cli" and not all(Path(f).resolve().is_relative_to(reports_dir().resolve()) for f in files):
        return  # a researcher's own call writing elsewhere: the appendix of reports/ does not list it
    path = _registry_dir() / f"{notebook}.jsonl"
    row = {"kind": kind, "name": name, "notebook": notebook, "cell": _cell(),
           "files": [_relative(f) for f in files], "description": description}
    rows = notebook_records(notebook)
    if row in rows:
        return
    lines = [json.dumps(r, ensure_ascii=False, sort_keys=True) for r in [*rows, row]]
    atomic_write_text(path, "\n".join(lines) + "\n")


def skip_output(name: str, reason: str) -> None:
    """Say that the output ``name`` was not made for this corpus, and why: printed, and listed in
    ``reports/appendix.md`` under "Not made for this corpus" and in the run's console summary, so that
    an output a corpus cannot support is never missing without a word.

    Examples
    --------
    >>> skip_output("effects_year", "the speeches span one year")  # doctest: +SKIP
    not made: effects_year: the speeches span one year
    """
    print(f"not made: {name}: {reason}")
    record("skipped", name, [], reason)


def skipped_outputs() -> list[dict]:
    """The registry's records of outputs not made (:func:`skip_output`), as :func:`read_registry` sorts them."""
    return [r for r in read_registry() if r["kind"] == "skipped"]


def glyph_notes() -> list[dict]:
    """The registry's records of outputs showing characters no bundled font draws (kind ``glyphs``)."""
    return [r for r in read_registry() if r["kind"] == "glyphs"]


def read_registry() -> list[dict]:
    """All records, the last record of each (kind, name) winning, sorted by notebook, kind, name."""
    rows: dict[tuple[str, str], dict] = {}
    d = _registry_dir()
    if d.exists():
        for f in sorted(d.glob("*.jsonl")):
            for r in notebook_records(f.stem):
                rows[(r["kind"], r["name"])] = r
    return sorted(rows.values(), key=lambda r: (r["notebook"], r["kind"], r["name"]))
