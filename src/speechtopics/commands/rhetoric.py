"""``speechtopics formulas`` and ``speechtopics rhetoric``: formulas and rhetorical moves of clean speeches.

Both read ``CLEAN.jsonl`` (the output of ``speechtopics clean``: records with ``doc_id`` and ``text``,
paragraphs separated by newlines, maybe ``paragraphs``). Errors are one line naming the file, exit 2.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import typer

from speechtopics.commands._common import ConfigOption, InputError, check_out, fail, kept, load, read_jsonl


def read_clean_jsonl(path: Path) -> list[dict]:
    """Kept records of a clean JSONL file; a bad line, a record without ``doc_id`` or no kept record at all
    is a one-line error."""
    if not path.exists():
        fail(f"{path}: no such file")
    try:
        records = list(kept(read_jsonl(path)))
    except InputError as exc:
        fail(str(exc))
    for n, rec in enumerate(records, 1):
        if "doc_id" not in rec:
            fail(f"{path}: record {n}: expected a record with 'doc_id' and 'text'")
    if not records:  # as ingest, clean and cluster refuse an input with nothing to read
        fail(f"{path}: no kept document (an empty file, or every record left out by clean)")
    return records


def _rhetoric_setup(config: Path | None):
    from speechtopics.rhetoric.cues import CueError, load_move_cues
    from speechtopics.rhetoric.structure import load_structure_cues

    cfg = load(config)
    try:
        return cfg, load_move_cues(cfg.rhetoric.cue_file), load_structure_cues(cfg.rhetoric.structure_file)
    except CueError as exc:
        fail(str(exc))


def register(app: typer.Typer) -> None:
    """Add the ``formulas`` and ``rhetoric`` commands to ``app``."""

    @app.command("formulas")
    def formulas_cmd(
        clean: Path = typer.Argument(..., metavar="CLEAN.jsonl", help="Output of `speechtopics clean`."),
        out: Path = typer.Option(..., "--out", "-o", dir_okay=False, help="Output CSV: doc_id,formula,count."),
        config: Path | None = ConfigOption,
    ) -> None:
        """Numbered formulas (六稳六保, 十四五 …) and quoted slogans per document, with counts."""
        from speechtopics.rhetoric.formulas import formulas_table

        check_out(out, clean)
        cfg = load(config)
        records = read_clean_jsonl(clean)
        table = formulas_table(records, cfg.rhetoric.slogan_min_chars, cfg.rhetoric.slogan_max_chars)
        out.parent.mkdir(parents=True, exist_ok=True)
        with open(out, "w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh, lineterminator="\n")
            w.writerow(["doc_id", "formula", "count"])
            w.writerows(table[["doc_id", "formula", "count"]].itertuples(index=False, name=None))
        typer.echo(f"formulas: {len(table)} rows from {len(records)} documents -> {out}")

    @app.command("rhetoric")
    def rhetoric_cmd(
        clean: Path = typer.Argument(..., metavar="CLEAN.jsonl", help="Output of `speechtopics clean`."),
        out: Path = typer.Option(..., "--out", "-o", dir_okay=False, help="Output JSONL, one line per paragraph."),
        config: Path | None = ConfigOption,
    ) -> None:
        """Part (opening/body/closing), section and rhetorical move of every paragraph."""
        from speechtopics.rhetoric.speech import speech_moves

        check_out(out, clean)
        _, cues, scues = _rhetoric_setup(config)
        records = read_clean_jsonl(clean)
        out.parent.mkdir(parents=True, exist_ok=True)
        n = 0
        with open(out, "w", encoding="utf-8") as fh:
            for rec in records:
                for row in speech_moves(rec, cues, scues):
                    fh.write(json.dumps(row, ensure_ascii=False) + "\n")
                    n += 1
        typer.echo(f"rhetoric: {n} paragraphs from {len(records)} documents -> {out}")
