"""Command line of the segment stage: ``speechtopics segment`` and ``speechtopics lexicon``.

This module owns the I/O edge of the stage: reading clean JSONL, writing token JSONL, printing the tokens
of one string, and the lexicon workflow (``lexicon discover`` writes ranked candidates to
``data/interim/lexicon/``; ``lexicon promote`` adds reviewed ones to the lexicon). Errors are one line
naming the file, exit status 2, never a traceback.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Optional

import typer

from speechtopics.commands._common import InputError, check_out, kept, read_jsonl

__all__ = ["register", "read_jsonl", "kept"]


def _fail(message: str) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(2)


def _load_config(config: Optional[Path]):
    from speechtopics.config import ConfigError, load_config

    try:
        return load_config(config)
    except ConfigError as exc:
        _fail(str(exc))


def _segment_file(src: Path, out: Path, cfg, cache_root: Path) -> int:
    from speechtopics.segment.run import segment_stream

    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    n = 0
    try:
        with open(tmp, "w", encoding="utf-8") as fh:
            for rec in segment_stream(kept(read_jsonl(src)), cfg, cache_root):
                fh.write(json.dumps(rec, ensure_ascii=False, sort_keys=True) + "\n")
                n += 1
    except BaseException:  # a bad line, or an interrupt: no half-written file is left behind
        tmp.unlink(missing_ok=True)
        raise
    if n == 0:  # as ingest, clean and cluster refuse an input with nothing to read
        tmp.unlink(missing_ok=True)
        raise InputError(f"{src}: no kept document (an empty file, or every record left out by clean)")
    tmp.replace(out)
    return n


def segment_command(
    src: Optional[Path] = typer.Argument(None, help="Clean records (JSON Lines)."),
    out: Optional[Path] = typer.Option(None, "--out", dir_okay=False, help="Token records to write (JSON Lines)."),
    text: Optional[str] = typer.Option(None, "--text", help="Print the tokens of this one string."),
    config: Optional[Path] = typer.Option(None, "--config", "-c", help="Config YAML (default config/default.yaml)."),
    workers: Optional[int] = typer.Option(None, "--workers", help="Override segment.workers (>= 1)."),
) -> None:
    """Segment clean records into substantive and formulaic tokens (or one string with --text)."""
    import dataclasses

    from speechtopics.segment.resources import ResourceError

    from speechtopics import paths

    from speechtopics.config_rules import RULES

    if workers is not None and (problem := RULES["segment.workers"].check("--workers", workers)):
        _fail(problem)  # the range of the config's segment.workers
    if text is not None and (src is not None or out is not None):
        _fail("segment: --text prints the tokens of one string; give either --text '...' or "
              "CLEAN.jsonl --out TOKENS.jsonl, not both")
    full = _load_config(config)
    cfg = full.segment
    if workers is not None:
        cfg = dataclasses.replace(cfg, workers=workers)
    try:
        if text is not None:
            from speechtopics.segment import tokenize

            lay = tokenize(text, cfg)
            typer.echo(" ".join(lay["tokens"]))
            if lay["formulaic_tokens"]:
                typer.echo("formulaic: " + " ".join(lay["formulaic_tokens"]))
            if lay["formulas"]:
                typer.echo("formulas: " + " ".join(lay["formulas"]))
            return
        if src is None or out is None:
            _fail("segment: give CLEAN.jsonl --out TOKENS.jsonl, or --text '...'")
        check_out(out, src)
        n = _segment_file(src, out, cfg, paths.project_paths(full).interim / "segment")
        typer.echo(f"{out}: {n} segmented records")
    except (InputError, ResourceError) as exc:
        _fail(str(exc))


def discover_command(
    inputs: list[Path] = typer.Argument(..., help="Clean JSONL records or plain .txt files."),
    out: Optional[Path] = typer.Option(None, "--out", dir_okay=False,
                                       help="Candidates TSV (default: lexicon/ in the config's output.interim)."),
    min_count: int = typer.Option(5, help="Minimum candidate frequency (>= 1)."),
    top: int = typer.Option(500, help="Number of candidates to write (>= 1)."),
    config: Optional[Path] = typer.Option(None, "--config", "-c", help="Config YAML (default config/default.yaml)."),
) -> None:
    """Rank new-word candidates (PMI and neighbour entropy) and write them for review."""
    if min_count < 1 or top < 1:
        _fail(f"--min-count and --top must be >= 1 (got {min_count}, {top})")
    from speechtopics import paths
    from speechtopics.segment.discover import discover, write_candidates

    if odd := [p for p in inputs if p.suffix not in (".jsonl", ".txt")]:
        _fail(f"{odd[0]}: lexicon discover reads clean JSONL or plain .txt files (run speechtopics clean on a "
              "table or a folder of pages first)")
    full = _load_config(config)
    cfg = full.segment
    target = out or paths.project_paths(full).interim / "lexicon" / "candidates.tsv"
    check_out(target, *inputs)  # an output it cannot write is refused before the work

    read = 0  # documents read: none is an error, as for ingest and clean

    def texts() -> Iterator[str]:
        nonlocal read
        for p in inputs:
            if p.suffix == ".jsonl":
                for r in kept(read_jsonl(p)):
                    read += 1
                    yield r.get("text", "")
            else:
                try:
                    read += 1
                    yield p.read_text(encoding="utf-8-sig")
                except (OSError, UnicodeDecodeError) as exc:
                    raise InputError(f"{p}: cannot read as UTF-8 text ({exc.__class__.__name__})") from None

    try:
        cands = discover(texts(), cfg, min_count=min_count, top=top)
    except InputError as exc:
        _fail(str(exc))
    if not read:
        _fail(f"{inputs[0]}: no kept document to read (an empty file, or every record left out by clean)")
    path = write_candidates(cands, target)
    typer.echo(f"{path}: {len(cands)} candidates; mark accepted ones with 'y', then run lexicon promote")


def promote_command(
    candidates: Path = typer.Argument(..., help="Reviewed candidates TSV (accept column y)."),
    all_: bool = typer.Option(False, "--all", help="Promote every listed term, reviewed or not."),
    config: Optional[Path] = typer.Option(None, "--config", "-c", help="Config YAML (default config/default.yaml)."),
) -> None:
    """Add reviewed candidates to the first user lexicon of the config that is not a bundled one."""
    from speechtopics import resources
    from speechtopics.segment.discover import promote, read_accepted
    from speechtopics.segment.resources import resolve_external

    cfg = _load_config(config).segment
    try:
        terms = read_accepted(candidates, accept_all=all_)
    except (OSError, ValueError, KeyError) as exc:
        _fail(f"{candidates}: cannot read candidates ({exc})")
    bundled = Path(resources.__file__).resolve().parent
    own = [name for name in cfg.user_lexicons if not resolve_external(name).resolve().is_relative_to(bundled)]
    if not own:  # the package's own lexicon would change for every project, and be lost on reinstall
        _fail("segment.user_lexicons names only the bundled lexicon: add a lexicon file of your own to it "
              "(e.g. lexicon/my_terms.tsv in the project) and promote into that")
    added = promote(terms, own[0], source=f"corpus:{candidates.name}")
    typer.echo(f"{own[0]}: {len(added)} terms added")


def register(app: typer.Typer) -> None:
    """Add ``segment`` and the ``lexicon`` group (``discover``, ``promote``) to ``app``."""
    app.command("segment")(segment_command)
    lexicon = typer.Typer(help="Build the political lexicon from the corpus.", no_args_is_help=True)
    lexicon.command("discover")(discover_command)
    lexicon.command("promote")(promote_command)
    app.add_typer(lexicon, name="lexicon")
