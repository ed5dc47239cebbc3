"""Helpers shared by command modules: config loading and one-line errors."""

from __future__ import annotations

from pathlib import Path
from typing import NoReturn

import typer

ConfigOption = typer.Option(None, "--config", "-c", help="Config file (default: config/default.yaml).",
                            show_default=False)


def fail(message: str, code: int = 2) -> NoReturn:
    """Print one line to stderr and exit (usage errors exit 2)."""
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


def load(config: Path | None):
    """Load the config, turning a bad file or key into one line and exit 2."""
    from speechtopics.config import ConfigError, load_config

    try:
        return load_config(config)
    except ConfigError as exc:
        fail(str(exc))


def require_paths(*paths: Path) -> None:
    for p in paths:
        if not Path(p).exists():
            fail(f"{p}: no such file or folder")
