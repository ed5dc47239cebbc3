"""Helpers shared by command modules: config loading, one-line errors and one-line warnings."""

from __future__ import annotations

import contextlib
import json
import os
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import NoReturn

import typer

from speechtopics import paths


def project_config(value: Path | None) -> Path | None:
    """``--config`` as given, else the current folder's ``config.yaml`` when there is one (a project made by
    ``speechtopics init``: running there without ``--config`` must not run the checkout's bundled corpus),
    else None (the bundled ``config/default.yaml``): :func:`speechtopics.paths.default_config`'s rule."""
    if value is None and (found := paths.default_config()) != paths.DEFAULT_CONFIG:
        return found
    return value


ConfigOption = typer.Option(None, "--config", "-c", callback=project_config, show_default=False,
                            help="Config file (default: config.yaml in the current folder, as `speechtopics "
                                 "init` makes it, else config/default.yaml).")


def fail(message: str, code: int = 2) -> NoReturn:
    """Print one line to stderr and exit (usage errors exit 2)."""
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


@contextlib.contextmanager
def warnings_as_lines() -> Iterator[None]:
    """Say the warnings the block gives (a reader's: which of two date columns it used) as lines of
    their own on stderr, ``warning: …``, as the commands' other warnings are, not as Python prints them."""
    with warnings.catch_warnings(record=True) as said:
        warnings.simplefilter("always", UserWarning)
        yield
    for message in dict.fromkeys(str(w.message) for w in said):
        typer.echo(f"warning: {message}", err=True)


@contextlib.contextmanager
def say_warnings_as_lines(root: Path | None = None) -> Iterator[None]:
    """Within the block, print each warning as one line on stderr, ``warning: …``, with ``root``'s folder
    left out of the paths it names (for ``speechtopics run``, whose stages read the inputs lazily, so
    :func:`warnings_as_lines`, which records the block's warnings, would miss those a generator gives)."""
    prefix = f"{root}{os.sep}" if root is not None else None
    shown = warnings.showwarning

    def show(message, category, filename, lineno, file=None, line=None):
        text = str(message)
        typer.echo(f"warning: {text.replace(prefix, '') if prefix else text}", err=True)

    warnings.showwarning = show
    try:
        yield
    finally:
        warnings.showwarning = shown


#: Seeds numpy and scikit-learn accept.
MAX_SEED = 2**32 - 1


def check_seed(seed: int | None) -> None:
    """Exit 2 in one line unless ``seed`` is None or in [0, 2**32 - 1]."""
    if seed is not None and not 0 <= seed <= MAX_SEED:
        fail(f"--seed must be in [0, {MAX_SEED}] (got {seed})")


def load(config: Path | None):
    """Load the config, turning a bad file or key into one line and exit 2."""
    from speechtopics.config import ConfigError, load_config

    try:
        return load_config(config)
    except ConfigError as exc:
        fail(str(exc))


TextFieldOption = typer.Option("text", "--text-field", help="Text column/key of CSV, JSON, JSONL and Excel files.")
TitleFieldOption = typer.Option(None, "--title-field", help="Title column/key (default: a column named title, 标题, 题目, 题名, 篇名 … if any; see the README).")
DateFieldOption = typer.Option(None, "--date-field", help="Date column/key (default: a column named date, 日期, 发布日期, 发布时间, 发表时间 … if any; see the README).")
IdFieldOption = typer.Option(None, "--id-field", help="Id column/key of table-like files (default: doc_id, else id).")
MetaFieldOption = typer.Option(None, "--meta-field", help="A metadata column kept with each document (repeatable).")
SheetOption = typer.Option(None, "--sheet", help="Excel: the one sheet to read (default: every sheet).")
DateFormatOption = typer.Option(None, "--date-format", help="Dates written 3/5/2020: mdy (month first) or dmy "
                                "(default: the config's clean.date_format, mdy).")


def input_source(path: Path, text_field: str = "text", title_field: str | None = None,
                 date_field: str | None = None, id_field: str | None = None, meta_fields: list[str] | None = None,
                 sheet: str | None = None, date_format: str | None = None):
    """An :class:`~speechtopics.records.InputSource` from the field options that ``ingest``, ``clean`` and
    ``cluster`` share (a ``date_format`` other than mdy or dmy exits 2 in one line)."""
    from speechtopics.clean.dates import DATE_FORMATS
    from speechtopics.records import InputSource

    if date_format is not None and date_format not in DATE_FORMATS:
        fail(f"--date-format must be one of {', '.join(DATE_FORMATS)} (got {date_format!r})")
    return InputSource(path=str(path), text_field=text_field, title_field=title_field, date_field=date_field,
                       id_field=id_field, meta_fields=tuple(meta_fields or ()), sheet=sheet, date_format=date_format)


def fail_if_nothing_read(records: list, ledger: list[dict]) -> None:
    """Exit 2 when not one record could be read, naming the files and why (the first three)."""
    from speechtopics.records import nothing_read

    if message := nothing_read(records, ledger):
        fail(message)


def require_paths(*paths: Path) -> None:
    for p in paths:
        if not Path(p).exists():
            fail(f"{p}: no such file or folder")


def check_out(out: Path, *inputs: Path) -> None:
    """Exit 2 in one line, before any reading, when ``out`` cannot be written or would harm the input:
    it is an input file, it lies inside an input folder (the next run would read it as input), it is a
    folder, a file stands where one of its folders should be, or its folder is not writable."""
    target = Path(out).resolve()
    for p in inputs:
        source = Path(p).resolve()
        if target == source:
            fail(f"{out}: the output would overwrite the input; write it elsewhere")
        if source.is_dir() and target.is_relative_to(source):
            fail(f"{out}: inside the input folder {p}, where the next run would read it as input; "
                 "write it elsewhere")
    if target.is_dir():
        fail(f"{out}: is a folder; give the output file's name")
    check_writable(out)


def check_writable(path: Path, what: str = "", folder: bool = False) -> None:
    """Exit 2 in one line, before any work, when ``path`` cannot be written (a file; with ``folder``, a
    folder to write files in; missing folders are created): a file stands where one of its folders should
    be, or the nearest folder that exists is not writable. ``what`` names the option (``--details``)."""
    shown = f"{what} {path}" if what else f"{path}"
    target = Path(path).resolve()
    above = next((q for q in ([target] if folder else []) + list(target.parents) if q.exists()), None)
    if above is None:
        return
    if not above.is_dir():
        fail(f"{shown}: {above} is a file, not a folder")
    if not os.access(above, os.W_OK | os.X_OK):
        fail(f"{shown}: cannot write in {above} (permission denied)")


class InputError(ValueError):
    """Bad input; the message names the file and line."""


def read_jsonl(path: Path) -> Iterator[dict]:
    """Records of a JSON Lines file, lazily; blank lines are skipped."""
    try:
        fh = open(path, encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{path}: cannot open ({exc.strerror or exc.__class__.__name__})") from None
    with fh:
        for i, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"{path}:{i}: not valid JSON ({exc.msg} column {exc.colno})") from None
            except UnicodeDecodeError:
                raise InputError(f"{path}:{i}: not UTF-8") from None
            if not isinstance(rec, dict) or not isinstance(rec.get("text", ""), str):
                raise InputError(f"{path}:{i}: expected a record with a text field")
            yield rec


def kept(records: Iterator[dict]) -> Iterator[dict]:
    """Records whose ``status`` is ``kept`` (or absent)."""
    return (r for r in records if r.get("status", "kept") == "kept")
