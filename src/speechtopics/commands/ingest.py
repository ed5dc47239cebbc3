"""``speechtopics ingest``: files of any format and encoding -> raw records JSONL and a ledger."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import typer

from speechtopics.commands._common import fail, require_paths


def register(app: typer.Typer) -> None:
    @app.command("ingest")
    def ingest(
        paths_: list[Path] = typer.Argument(..., metavar="PATH...", help="Files or folders to read."),
        out: Path = typer.Option(..., "--out", "-o", help="Output JSONL, one raw record per line."),
        text_field: str = typer.Option("text", help="Text column/key of CSV, JSON and JSONL files."),
        title_field: str = typer.Option("title", help="Title column/key of table-like files."),
        date_field: str = typer.Option("date", help="Date column/key of table-like files."),
    ) -> None:
        """Read files (txt, md, html, json, jsonl, csv; any encoding) into raw records.

        Unreadable, empty or unsupported files are reported with a reason and never stop the run.
        """
        from speechtopics.ingest import InputSource, read_path

        require_paths(*paths_)
        records, ledger = [], []
        for p in paths_:
            r, led = read_path(p, InputSource(path=str(p), text_field=text_field, title_field=title_field,
                                              date_field=date_field))
            records += r
            ledger += led
        out.parent.mkdir(parents=True, exist_ok=True)
        with open(out, "w", encoding="utf-8") as fh:
            for r in records:
                r = {k: v for k, v in r.items() if k != "raw"}
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
        typer.echo(f"ingest: {len(records)} records -> {out}; {len(ledger)} left out")
        for reason, n in Counter(r["reason"] for r in ledger).most_common():
            typer.echo(f"  {n:5d}  {reason}")
        if not records and not ledger:
            fail("no files found")
