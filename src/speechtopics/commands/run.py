"""``speechtopics run``, ``lda`` and ``report``: the whole pipeline, the LDA stage and the appendix.

``run`` computes the cached stages, writes the processed tables and then, like ``report``, executes the
notebooks into ``reports/notebooks/``, writes ``reports/appendix.md`` (checked against the files on
disk; mismatches are warnings) and ``reports/manifest.json``.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import typer

from speechtopics.commands._common import ConfigOption, fail, load


def _stages(pipe, echo) -> None:
    t = time.perf_counter()
    records, ingest_ledger = pipe.ingested
    echo(f"ingest   {len(records):5d} records, {len(ingest_ledger)} files left out")
    kept = pipe.kept
    echo(f"clean    {len(kept):5d} kept of {len(pipe.cleaned)}")
    seg = pipe.segmented
    echo(f"segment  {sum(len(d['tokens']) for d in seg):,} substantive tokens")
    c = pipe.corpus
    echo(f"corpus   {len(c['units'])} {pipe.cfg.corpus.unit} units, {len(c['dictionary'])} terms")
    if pipe.cfg.lda.choose_k:
        sweep = pipe.sweep()
        echo(f"sweep    K in {list(pipe.cfg.lda.sweep_ks)} x {pipe.cfg.lda.sweep_seeds} seeds: chose K={sweep.best_k_}")
    run = pipe.lda(pipe.chosen_k())
    echo(f"lda      K={run.k}, seed={run.seed}")
    echo(f"stages done in {time.perf_counter() - t:.1f} s "
         f"(cache: {len(pipe.cache.hits)} hits, {len(pipe.cache.misses)} computed)")


def write_processed(pipe) -> None:
    """Corpus tables a notebook or a user loads: documents and the ledger (JSONL, CSV)."""
    import pandas as pd

    from speechtopics import paths

    out = paths.project_paths(pipe.cfg).processed
    out.mkdir(parents=True, exist_ok=True)
    with open(out / "documents.jsonl", "w", encoding="utf-8") as fh:
        for d in pipe.cleaned:
            fh.write(json.dumps({k: v for k, v in d.items() if k != "original_text"}, ensure_ascii=False,
                                default=str) + "\n")
    pd.DataFrame(pipe.ledger()).to_csv(out / "ledger.csv", index=False, lineterminator="\n")


def build_reports(cfg_path: Path | None, cfg, notebooks: list[str] | None = None,
                  echo=typer.echo, force: bool = True) -> list[str]:
    """Execute the notebooks, then write appendix.md and manifest.json; return appendix problems.

    Parameters
    ----------
    cfg_path : Path or None
        The config file (default ``config/default.yaml``); notebooks receive it as ``config_path``.
    cfg : Config
        The loaded config.
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
        Mismatches between appendix.md and the files in reports/ (each also printed as a warning).
    """
    from speechtopics import paths
    from speechtopics.config import to_dict
    from speechtopics.pipeline import Pipeline
    from speechtopics.report.appendix import check_appendix, write_appendix
    from speechtopics.report.manifest import build_manifest, write_manifest
    from speechtopics.report.notebooks import scoped_environ, execute_notebook
    from speechtopics.report.registry import REPORTS_ENV

    cfg_path = Path(cfg_path or paths.DEFAULT_CONFIG)
    reports = paths.project_paths(cfg).reports
    from speechtopics.report.freshness import is_fresh, notebook_key, project_state, write_stamp

    pipe = Pipeline(cfg)
    state = project_state(cfg_path, pipe.input_files, cfg.report.dpi)
    for name in notebooks or list(cfg.report.notebooks):
        t = time.perf_counter()
        key = notebook_key(name, state)
        with scoped_environ({REPORTS_ENV: str(reports)}):
            if not force and is_fresh(name, key, reports):
                echo(f"notebook {name} unchanged since its last run (outputs verified), not re-executed")
                continue
            execute_notebook(name, cfg_path, reports=reports, dpi=cfg.report.dpi,
                             interim=paths.project_paths(cfg).interim)
            write_stamp(name, key, reports)
        echo(f"notebook {name} executed in {time.perf_counter() - t:.1f} s")
    with scoped_environ({REPORTS_ENV: str(reports)}):
        appendix = write_appendix(cfg_path, reports)
    problems = check_appendix(reports)
    for line in problems:
        typer.echo(f"warning: {line}", err=True)
    manifest = build_manifest(to_dict(cfg), cfg.seed, pipe.input_files, reports, config_path=cfg_path,
                              extra={"ledger_summary": pipe.summary()})
    path = write_manifest(manifest, reports)
    echo(f"report   {appendix}; {len(manifest['outputs'])} files hashed -> {path}")
    return problems


def register(app: typer.Typer) -> None:
    @app.command("run")
    def run(config: Path = ConfigOption,
            no_cache: bool = typer.Option(False, "--no-cache", help="Recompute every stage."),
            no_notebooks: bool = typer.Option(False, "--no-notebooks",
                                              help="Stages only, no report.")) -> None:
        """Run the whole pipeline from one config: ingest, clean, segment, corpus, LDA, then execute the
        notebooks into reports/ and write appendix.md and manifest.json. Cached stages, and notebooks
        whose code, config, data and outputs are unchanged, are reused; --no-cache recomputes all."""
        from speechtopics.pipeline import Pipeline

        cfg = load(config)
        try:
            pipe = Pipeline(cfg, use_cache=not no_cache, progress=True)
            _stages(pipe, typer.echo)
        except FileNotFoundError as exc:
            fail(str(exc.args[0] if exc.args else exc))
        write_processed(pipe)
        s = pipe.summary()
        typer.echo(f"documents: {s['status']}")
        for reason, n in list(s["reasons"].items())[:8]:
            typer.echo(f"  {n:5d}  {reason}")
        if cfg.report.execute_notebooks and not no_notebooks:
            # Unchanged notebooks (same code, config, data and outputs) are not re-executed unless
            # --no-cache; `speechtopics report` always re-executes.
            build_reports(config, cfg, force=no_cache)

    @app.command("lda")
    def lda(config: Path = ConfigOption,
            k: int = typer.Option(None, "--k", help="Number of topics (default: the sweep's K when "
                                  "lda.choose_k, else lda.k)."),
            seed: int = typer.Option(None, "--seed", help="Seed (default: the config seed).")) -> None:
        """Fit LDA at K (default: the K the report uses) on the configured corpus (cached) and print each
        topic's top words."""
        from speechtopics.models.lda import top_words
        from speechtopics.pipeline import Pipeline

        cfg = load(config)
        try:
            pipe = Pipeline(cfg, progress=True)
            run_ = pipe.lda(k=k or pipe.chosen_k(), seed=seed)
            typer.echo(f"K={run_.k}, seed={run_.seed}")
        except FileNotFoundError as exc:
            fail(str(exc.args[0] if exc.args else exc))
        for i, words in enumerate(top_words(run_.topic_word, pipe.corpus["dictionary"], cfg.lda.top_n)):
            typer.echo(f"{i + 1:3d}  " + " ".join(w for w, _ in words))

    @app.command("report")
    def report(config: Path = ConfigOption,
               notebook: list[str] = typer.Option(None, "--notebook", "-n",
                                                  help="Only this notebook (repeatable).")) -> None:
        """Execute the notebooks with papermill into reports/notebooks/, then write reports/appendix.md
        and reports/manifest.json (config, seed, versions, font, input and output hashes)."""
        cfg = load(config)
        try:
            build_reports(config, cfg, notebooks=notebook or None)
        except FileNotFoundError as exc:
            fail(str(exc.args[0] if exc.args else exc))
