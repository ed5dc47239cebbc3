"""The ``speechtopics`` command line: one command per stage, and ``run`` for the whole pipeline.

Commands live in :mod:`speechtopics.commands` (one module per stage, each with ``register(app)``);
this module builds the Typer app, registers them, and turns usage errors (a bad config key, a missing
path) into one clear line on stderr with exit status 2 instead of a traceback.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys

import typer

from speechtopics import commands

app = typer.Typer(
    name="speechtopics",
    help="Topic modeling of Chinese political speech: ingest -> clean -> segment -> corpus -> LDA / "
         "embeddings / rhetoric -> report. Every command reads one config file (default: "
         "config/default.yaml); `speechtopics run` runs the whole pipeline.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

# Modules whose commands should be listed first, in pipeline order; others follow alphabetically.
ORDER = ["init", "run", "ingest", "clean", "segment", "lexicon", "lda", "cluster", "embeddings", "rhetoric",
         "report"]


def _command_modules() -> list[str]:
    names = [m.name for m in pkgutil.iter_modules(commands.__path__) if not m.name.startswith("_")]
    return sorted(names, key=lambda n: (ORDER.index(n) if n in ORDER else len(ORDER), n))


for _name in _command_modules():
    importlib.import_module(f"speechtopics.commands.{_name}").register(app)


def main() -> None:
    """Console entry point: run the app, reporting usage errors in one line."""
    from speechtopics.config import ConfigError
    from speechtopics.records import FieldError

    try:
        app(standalone_mode=True)
    except (ConfigError, FieldError) as exc:
        typer.echo(f"error: {exc}", err=True)
        sys.exit(2)
    except OSError as exc:  # a path that cannot be read or written: one line, the path and the system's words
        where = f"{exc.filename}: " if exc.filename else ""
        typer.echo(f"error: {where}{exc.strerror or (exc.args[0] if exc.args else exc)}", err=True)
        sys.exit(2)


if __name__ == "__main__":
    main()
