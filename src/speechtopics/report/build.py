"""The report of a project: the processed tables, the executed notebooks, ``appendix.md`` and the manifest.

:func:`write_processed` writes the corpus tables a user loads (documents and ledger);
:func:`build_reports` executes the notebooks into ``reports/notebooks/``, writes
``reports/appendix.md`` (checked against the files on disk; mismatches are warnings) and
``reports/manifest.json``. Both take a :class:`~speechtopics.project.Project` (or anything with its
``config``, ``cleaned``, ``input_files``, ``ledger()`` and ``summary()``).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from speechtopics import paths


def write_processed(project, with_corpus: bool = True) -> None:
    """Corpus tables a notebook or a user loads: ``documents.jsonl`` and ``ledger.csv`` (``with_corpus``
    False: the ledger up to the clean stage, for a run that stopped before the corpus held a unit)."""
    import pandas as pd

    out = paths.project_paths(project.config).processed
    out.mkdir(parents=True, exist_ok=True)
    with open(out / "documents.jsonl", "w", encoding="utf-8") as fh:
        for d in project.cleaned:
            fh.write(json.dumps({k: v for k, v in d.items() if k != "original_text"}, ensure_ascii=False,
                                default=str) + "\n")
    ledger = pd.DataFrame(project.ledger(with_corpus=with_corpus)).drop(columns=["row_meta"], errors="ignore")
    ledger.to_csv(out / "ledger.csv", index=False, lineterminator="\n")


def build_reports(project, config_path: str | Path | None = None, notebooks: list[str] | None = None,
                  echo=print, force: bool = True) -> list[str]:
    """Execute the notebooks, then write appendix.md and manifest.json; return appendix problems.

    Parameters
    ----------
    project : Project
        The run (its config and input files). Its cache choice (``use_cache``) is passed to every
        notebook as the ``use_cache`` parameter, so a run without the cache executes notebooks that
        recompute their stages too.
    config_path : Path or None
        The config file (default ``config/default.yaml``); notebooks receive it as ``config_path``.
    notebooks : list of str, optional
        Only these notebooks (default: ``report.notebooks``).
    echo : callable
        Where progress lines go.
    force : bool
        Re-execute every notebook; False skips a notebook whose inputs, code, config and outputs are
        unchanged since its last run (see :mod:`speechtopics.report.freshness`).

    Returns
    -------
    list of str
        Mismatches between appendix.md and the files in reports/ (each also printed to stderr).
    """
    from speechtopics.config import to_dict, user_files
    from speechtopics.report.appendix import check_appendix, write_appendix, write_referee_guide
    from speechtopics.report.freshness import is_fresh, notebook_key, project_state, write_stamp
    from speechtopics.report.manifest import build_manifest, processed_hashes, write_manifest
    from speechtopics.report.notebooks import execute_notebook, scoped_environ
    from speechtopics.report.registry import REPORTS_ENV, glyph_notes, skipped_outputs

    cfg = project.config
    # the run's cache choice reaches each notebook's own Project (`speechtopics run --no-cache`: none reads
    # or writes the cache, as the run's stages did not)
    use_cache = bool(getattr(getattr(project, "cache", None), "enabled", True))
    cfg_path = Path(config_path or paths.DEFAULT_CONFIG)
    reports = paths.project_paths(cfg).reports
    state = project_state(cfg_path, project.input_files, cfg.report.dpi, user_files(cfg))
    if notebooks is None:  # a whole report: a notebook the config no longer names leaves nothing behind
        with scoped_environ({REPORTS_ENV: str(reports)}):
            for name in retire_notebooks(reports, list(cfg.report.notebooks)):
                echo(f"notebook {name} is not in report.notebooks: its outputs of an earlier run removed")
    for name in notebooks or list(cfg.report.notebooks):
        t = time.perf_counter()
        key = notebook_key(name, state)
        with scoped_environ({REPORTS_ENV: str(reports)}):
            if not force and is_fresh(name, key, reports):
                echo(f"notebook {name} unchanged since its last run (outputs verified), not re-executed")
                continue
            execute_notebook(name, cfg_path, reports=reports, dpi=cfg.report.dpi,
                             interim=paths.project_paths(cfg).interim, parameters={"use_cache": use_cache})
            write_stamp(name, key, reports)
        echo(f"notebook {name} executed in {time.perf_counter() - t:.1f} s")
    with scoped_environ({REPORTS_ENV: str(reports)}):
        appendix = write_appendix(cfg_path, reports, seed=cfg.seed)
        write_referee_guide(reports)
        for r in skipped_outputs():
            echo(f"not made {r['name']}: {r['description']}")
        for r in glyph_notes():
            print(f"warning: {r['description']}", file=sys.stderr)
    problems = check_appendix(reports)
    for line in problems:
        print(f"warning: {line}", file=sys.stderr)
    manifest = build_manifest(to_dict(cfg), cfg.seed, project.input_files, reports, config_path=cfg_path,
                              extra={"ledger_summary": project.summary(),
                                     "processed": processed_hashes(project.paths, appendix)},
                              user_files=user_files(cfg))
    path = write_manifest(manifest, reports)
    echo(f"report   {appendix}; {len(manifest['outputs'])} files hashed -> {path}")
    return problems


def retire_notebooks(reports: Path, keep: list[str]) -> list[str]:
    """Remove what notebooks not in ``keep`` wrote in an earlier run (their registered outputs, executed
    notebook and stamp), so that the appendix and the manifest list only this run's; returns their names."""
    from speechtopics.report.registry import reset_registry

    gone = []
    for f in sorted((reports / ".registry").glob("*.jsonl")):
        name = f.stem
        if name == "cli" or name in keep:
            continue
        reset_registry(name, remove_files=True)
        for leftover in (reports / "notebooks" / f"{name}.ipynb", reports / "notebooks" / f"{name}.html",
                         reports / ".registry" / f"{name}.stamp.json"):
            leftover.unlink(missing_ok=True)
        gone.append(name)
    return gone
