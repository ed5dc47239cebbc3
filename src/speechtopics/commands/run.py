"""``speechtopics run``, ``lda`` and ``report``: the whole pipeline, the LDA stage and the appendix.

Thin commands over :class:`speechtopics.Project`: ``run`` is :meth:`Project.run`, ``report`` is
:func:`speechtopics.report.build.build_reports`, ``lda`` prints a cached model's top words.
"""

from __future__ import annotations

from pathlib import Path

import typer

from speechtopics.commands._common import ConfigOption, check_seed, fail, load, say_warnings_as_lines


def _not_found(exc: FileNotFoundError) -> str:
    """One line for a missing file: a message the stages raised, or the OS's ``path: No such file``."""
    if exc.filename:
        return f"{exc.filename}: {exc.strerror or 'not found'}"
    return str(exc.args[0] if exc.args and isinstance(exc.args[0], str) else exc)


def say_leftovers_removed(project) -> None:
    """Remove what a run killed outright left in the project's folders (the caller holds the lock), and
    say so in one line."""
    from speechtopics.cache import remove_leftovers

    paths = project.paths
    count, size = remove_leftovers([paths.interim, paths.processed, paths.reports])
    if count:
        typer.echo(f"removed {count} temporary file{'s' * (count != 1)} or folder{'s' * (count != 1)} "
                   f"({size / 1e6:.1f} MB) that an interrupted run left", err=True)


def register(app: typer.Typer) -> None:
    @app.command("run")
    def run(config: Path = ConfigOption,
            no_cache: bool = typer.Option(False, "--no-cache", help="Recompute every stage."),
            no_notebooks: bool = typer.Option(False, "--no-notebooks",
                                              help="Stages only, no report."),
            strict: bool = typer.Option(False, "--strict", help="Exit 1 when the stages leave out more than "
                                        "ingest.max_left_out of an input's documents.")) -> None:
        """Run the whole pipeline from one config: ingest, clean, segment, corpus, LDA, then execute the
        notebooks into reports/ and write appendix.md and manifest.json. Cached stages, and notebooks
        whose code, config, data and outputs are unchanged, are reused; --no-cache recomputes all."""
        from speechtopics.lock import ProjectLocked, project_lock
        from speechtopics.project import LeftOutTooMuch, Project
        from speechtopics.records import FieldError
        from speechtopics.shutdown import stop_on_signals
        from speechtopics.stages import CorpusTooSmall

        cfg = load(config)
        if not cfg.ingest.inputs:  # an empty config would run every stage on nothing and empty the last outputs
            fail(f"{config or 'the config'}: no inputs: name the corpus under ingest.inputs (path, and text "
                 "for tables)")
        project = Project(cfg, use_cache=not no_cache, progress=True)
        try:
            with project_lock(project.paths.interim, wait=False), stop_on_signals(), \
                    say_warnings_as_lines(project.paths.root):
                say_leftovers_removed(project)
                # Unchanged notebooks (same code, config, data and outputs) are not re-executed unless
                # --no-cache; `speechtopics report` always re-executes.
                project.run(notebooks=not no_notebooks, force=no_cache, strict=strict, echo=typer.echo,
                            warn=lambda line: typer.echo(line, err=True), config_path=config)
        except FileNotFoundError as exc:
            fail(_not_found(exc))
        except CorpusTooSmall as exc:  # the ledger the message points to is written, and its summary shown
            from speechtopics.report.build import write_processed
            from speechtopics.stages import ledger_summary, summary_lines

            write_processed(project, with_corpus=False)
            for line in summary_lines(ledger_summary(project.ledger(with_corpus=False))):
                typer.echo(line)
            fail(f"{exc} ({project.paths.processed / 'ledger.csv'})")
        except (ProjectLocked, FieldError) as exc:
            fail(str(exc))
        except LeftOutTooMuch as exc:
            fail(str(exc), code=1)

    @app.command("lda")
    def lda(config: Path = ConfigOption,
            k: int = typer.Option(None, "--k", help="Number of topics (default: the sweep's K when "
                                  "lda.choose_k, else lda.k)."),
            seed: int = typer.Option(None, "--seed", help="Seed (default: the config seed).")) -> None:
        """Fit LDA at K (default: the K the report uses) on the configured corpus (cached) and print each
        topic's top words."""
        from speechtopics.project import Project
        from speechtopics.stages import CorpusTooSmall

        if k is not None and k < 2:
            fail(f"--k must be >= 2 (got {k})")
        check_seed(seed)
        cfg = load(config)
        try:
            model = Project(cfg, progress=True).topic_model(k=k, seed=seed)
        except FileNotFoundError as exc:
            fail(_not_found(exc))
        except CorpusTooSmall as exc:
            fail(str(exc))
        typer.echo(f"K={model.k}, seed={model.seed}")
        words = model.top_words(cfg.lda.top_n)
        for topic, group in words.groupby("topic", sort=True):
            typer.echo(f"{topic:3d}  " + " ".join(group["word"]))

    @app.command("report")
    def report(config: Path = ConfigOption,
               notebook: list[str] = typer.Option(None, "--notebook", "-n",
                                                  help="Only this notebook (repeatable).")) -> None:
        """Execute the notebooks with papermill into reports/notebooks/, then write reports/appendix.md
        and reports/manifest.json (config, seed, versions, font, input and output hashes)."""
        from speechtopics.lock import ProjectLocked, project_lock
        from speechtopics.project import Project
        from speechtopics.report.build import build_reports
        from speechtopics.shutdown import stop_on_signals

        cfg = load(config)
        from speechtopics import paths

        for name in notebook or []:
            if not paths.notebook_source(name).exists():
                known = sorted(p.stem for p in paths.notebook_source("x").parent.glob("*.py") if p.stem[:2].isdigit())
                fail(f"--notebook {name}: no report notebook of that name (notebooks: {', '.join(known)})")
        project = Project(cfg)
        try:
            with project_lock(project.paths.interim, wait=False), stop_on_signals(), \
                    say_warnings_as_lines(project.paths.root):
                say_leftovers_removed(project)
                build_reports(project, config, notebooks=notebook or None, echo=typer.echo)
        except FileNotFoundError as exc:
            fail(_not_found(exc))
        except ProjectLocked as exc:
            fail(str(exc))
