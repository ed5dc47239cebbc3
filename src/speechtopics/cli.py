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


def _click_error(name: str) -> type:
    """Click's exception class ``name`` as typer raises it (typer vendors click; its ``BadParameter``,
    a public name, derives from ``UsageError`` and ``ClickException``)."""
    return next(c for c in typer.BadParameter.__mro__ if c.__name__ == name)


def _given(exc: BaseException) -> str:
    """`` (got 'abc')``: the value a type check refused, when the error it came from holds it (typer
    checks types with pydantic, whose message leaves the value out)."""
    errors = getattr(exc.__cause__, "errors", None)
    try:
        value = errors()[0]["input"] if callable(errors) else None
    except (TypeError, LookupError, ValueError):
        return ""
    return f" (got {value!r})" if isinstance(value, str) else ""


def main() -> None:
    """Console entry point: run the app, reporting usage errors in one line."""
    from speechtopics.config import ConfigError
    from speechtopics.records import FieldError

    try:
        code = app(standalone_mode=False)  # click's own errors are reported below in one line, not a box
    except _click_error("UsageError") as exc:  # --seed abc, a folder given for --out, an unreadable file
        if type(exc).__name__ == "NoArgsIsHelpError":  # the help is printed already
            sys.exit(exc.exit_code)
        command = exc.ctx.command_path if exc.ctx is not None else "speechtopics"
        typer.echo(f"error: {command}: {' '.join(exc.format_message().split())}{_given(exc)} "
                   f"(see {command} --help)", err=True)
        sys.exit(exc.exit_code)
    except _click_error("ClickException") as exc:
        typer.echo(f"error: {' '.join(exc.format_message().split())}", err=True)
        sys.exit(exc.exit_code)
    except typer.Abort:
        typer.echo("Aborted!", err=True)
        sys.exit(1)
    except (ConfigError, FieldError) as exc:
        typer.echo(f"error: {exc}", err=True)
        sys.exit(2)
    except OSError as exc:  # a path that cannot be read or written: one line, the path and the system's words
        where = f"{exc.filename}: " if exc.filename else ""
        typer.echo(f"error: {where}{exc.strerror or (exc.args[0] if exc.args else exc)}", err=True)
        sys.exit(2)
    sys.exit(code if isinstance(code, int) else 0)


if __name__ == "__main__":
    main()
