"""``speechtopics ingest``: files of any format and encoding -> raw records JSONL and a ledger."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import typer

from speechtopics.commands._common import (
    DateFieldOption,
    DateFormatOption,
    IdFieldOption,
    MetaFieldOption,
    SheetOption,
    TextFieldOption,
    TitleFieldOption,
    fail,
    fail_if_nothing_read,
    input_source,
    check_out,
    require_paths,
    warnings_as_lines,
)


def register(app: typer.Typer) -> None:
    @app.command("ingest")
    def ingest(
        paths_: list[Path] = typer.Argument(..., metavar="PATH...", help="Files or folders to read."),
        out: Path = typer.Option(..., "--out", "-o", dir_okay=False, help="Output JSONL, one raw record per line."),
        text_field: str = TextFieldOption,
        title_field: str | None = TitleFieldOption,
        date_field: str | None = DateFieldOption,
        id_field: str | None = IdFieldOption,
        meta_field: list[str] = MetaFieldOption,
        sheet: str | None = SheetOption,
        date_format: str | None = DateFormatOption,
    ) -> None:
        """Read files (txt, md, html, docx, pdf; csv, tsv, json, jsonl, xlsx, xls, ods; zip or gz of them; any encoding)
        into raw records.

        Unreadable, empty or unsupported files are reported with a reason and never stop the run; each file
        or row left out is a row of OUT's ledger, ``<out stem>.ledger.csv`` (source, doc_id, stage, status,
        reason).
        """
        from speechtopics.filewalk import inputs_folder
        from speechtopics.records import files_named_from
        from speechtopics.ingest import read_path, relative_to_project, repeated_ids

        require_paths(*paths_)
        check_out(out, *paths_)
        records, ledger = [], []
        # a missing column names the file as the ledger does; a reader's warnings are lines of their own
        with warnings_as_lines(), files_named_from(inputs_folder(paths_)):
            for p in paths_:
                r, led = read_path(p, input_source(p, text_field, title_field, date_field, id_field, meta_field, sheet,
                                                   date_format))
                records += r
                ledger += led
        if not records and not ledger:
            fail(f"{', '.join(map(str, paths_))}: no files found")
        # named from the folder that holds the inputs, as read_corpus names them: the same files read
        # from another folder get the same ids (and the error below names them as read_corpus does)
        relative_to_project(records + ledger, inputs_folder(paths_), outside=True)
        fail_if_nothing_read(records, ledger)
        if message := repeated_ids(records, id_field):
            typer.echo(f"warning: {message}", err=True)
        out.parent.mkdir(parents=True, exist_ok=True)
        with open(out, "w", encoding="utf-8") as fh:
            for r in records:
                r = {k: v for k, v in r.items() if k != "raw"}
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
        ledger_path = out.with_name(f"{out.stem}.ledger.csv")
        write_ledger(ledger, ledger_path)
        typer.echo(f"ingest: {len(records)} records -> {out}; {len(ledger)} left out -> {ledger_path}")
        for reason, n in Counter(r["reason"] for r in ledger).most_common():
            typer.echo(f"  {n:5d}  {reason}")


LEDGER_COLUMNS = ("source", "doc_id", "stage", "status", "reason")


def write_ledger(ledger: list[dict], path: Path) -> None:
    """Write the rows left out as CSV (UTF-8, one header, ``LEDGER_COLUMNS``; written even when empty)."""
    import csv

    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, LEDGER_COLUMNS, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows(ledger)
