"""``speechtopics clean``: files or folders of scraped pages (or ``speechtopics ingest``'s JSONL) -> clean records JSONL.

This module owns the I/O edge of the clean stage: reading inputs through :func:`speechtopics.ingest.read_path`
(using the configured field names when a path is one of the config's inputs), cleaning with
:func:`speechtopics.stages.clean_records` (as ``run`` does, with the run seed), writing one JSON object per input document (files ingest
could not read included, as ``dropped`` with the reason) and printing a summary. Only usage errors
(a missing path, a bad config) exit non-zero.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Optional

import typer

from speechtopics.commands._common import (
    ConfigOption,
    DateFieldOption,
    DateFormatOption,
    IdFieldOption,
    MetaFieldOption,
    SheetOption,
    TextFieldOption,
    TitleFieldOption,
    check_out,
    fail,
    fail_if_nothing_read,
    input_source,
    load,
    warnings_as_lines,
)

__all__ = ["INGEST_KEYS", "ingest_output", "register", "ledger_record", "write_records"]

#: The keys of every record ``speechtopics ingest`` writes: a JSONL whose every line has them is its output.
INGEST_KEYS = frozenset({"doc_id", "source", "text", "encoding", "format", "meta"})


def ingest_output(path: Path) -> tuple[list[dict], list[dict]] | None:
    """The records and left-out rows of a JSONL that ``speechtopics ingest`` wrote, else None.

    Its records are cleaned as they are, as ``run`` cleans them: the title, date, id and metadata ingest
    read from the user's columns are in each record's ``meta`` (read as a JSONL of pages, the records
    lost them, and every date was read from the text instead). The rows ingest left out are read from
    its ``<stem>.ledger.csv`` beside the file, where that is there.
    """
    import csv

    if path.suffix.lower() != ".jsonl" or not path.is_file():
        return None
    records = []
    try:
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    records.append(json.loads(line))
    except (UnicodeDecodeError, ValueError):
        return None
    if not records or not all(isinstance(r, dict) and INGEST_KEYS <= r.keys() and isinstance(r["meta"], dict)
                              for r in records):
        return None
    ledger_path = path.with_name(f"{path.stem}.ledger.csv")
    ledger = []
    if ledger_path.is_file():
        with open(ledger_path, encoding="utf-8", newline="") as fh:
            ledger = [dict(row) for row in csv.DictReader(fh)]
    return records, ledger


def _read(path: Path, cfg, fields) -> tuple[list[dict], list[dict]]:
    """Read one PATH. Configured inputs at or under it are read with their own field names (JSONL
    ``content`` columns and the like); the rest with the field options given (``fields``)."""
    import dataclasses

    from speechtopics import paths
    from speechtopics.ingest import InputSource, read_path

    if (written := ingest_output(path)) is not None:  # ingest's own output: its records as they are
        for rec in written[0]:
            if fields.date_format and not rec.get("date_format"):  # --date-format, where ingest had none
                rec["date_format"] = fields.date_format
        return written
    target = path.resolve()
    inner = []
    for src in cfg.ingest.inputs:
        root = paths.project_paths(cfg).resolve(src.path).resolve()
        if target == root or root in target.parents:
            return in_project(*read_path(path, InputSource(**{**src.__dict__, "path": str(path)})), cfg,
                              configured=True)
        if target in root.parents:
            inner.append((root, src))
    records, ledger = read_path(path, dataclasses.replace(fields, path=str(path)))
    if not inner:
        return in_project(records, ledger, cfg)

    def outside(row: dict) -> bool:
        src_path = paths.resolve(str(row.get("source", "")).split("#")[0], paths.REPO).resolve()
        return not any(src_path == r or r in src_path.parents for r, _ in inner)

    records = [r for r in records if outside(r)]
    ledger = [r for r in ledger if outside(r)]
    for root, src in inner:
        r, led = read_path(root, src)
        records += r
        ledger += led
    return in_project(records, ledger, cfg)


def in_project(records: list[dict], ledger: list[dict], cfg, configured: bool = False) -> tuple[list[dict], list[dict]]:
    """Sources inside the config's project folder named relative to it, as ``run`` names them
    (:func:`speechtopics.ingest.relative_to_project`), so ``clean`` and ``run`` give the same ids."""
    from speechtopics import paths
    from speechtopics.ingest import relative_to_project

    if cfg.base_dir is not None:
        relative_to_project(records + ledger, paths.project_paths(cfg).root, outside=configured)
    return records, ledger


def ledger_record(row: dict) -> dict:
    """A clean-record-shaped line for a file or row that ingest left out."""
    return {"source": row.get("source"), "doc_id": row.get("doc_id"), "title": None, "date": None, "text": "",
            "paragraphs": [], "truncated": None, "total_chars": None, "shown_chars": None, "redactions": 0,
            "mojibake": 0, "status": "dropped", "reason": row.get("reason", "unreadable"), "dropped_lines": [],
            "meta": row.get("row_meta")}  # a row's own id and fields, where it had them


def write_records(records: list[dict], out: Path) -> None:
    """Write records as JSON Lines (UTF-8, ``ensure_ascii=False``)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")


def _summary(records: list[dict]) -> list[str]:
    status = Counter(r["status"] for r in records)
    lines = [f"clean: {len(records)} documents: {status.get('kept', 0)} kept, "
             f"{status.get('dropped', 0)} dropped, {status.get('duplicate', 0)} duplicate"]
    from speechtopics.stages import reason_counts

    # a reason's particulars in brackets are left out where they differ, its advice kept (save it as .docx)
    reasons = reason_counts((r["reason"] if r["status"] == "dropped" else "duplicate"
                             for r in records if r["status"] != "kept"), kind=lambda reason: reason.split(" (")[0])
    lines += [f"  {n:5d}  {reason}" for reason, n in reasons.most_common()]
    repeats = sum(1 for r in records if r["status"] == "kept" and str(r.get("reason", "")).startswith("kept: "))
    if repeats:
        lines.append(f"  {repeats:5d}  kept documents repeat an earlier one (the reason names which; "
                     "clean.duplicates: drop leaves them out)")
    bad_dates = sum(1 for r in records if r.get("date_error"))
    if bad_dates:
        lines.append(f"  dates: {bad_dates} given dates could not be read; those documents are kept without a "
                     "date (field date_error)")
    truncated = sum(1 for r in records if r.get("truncated"))
    redactions = sum(r.get("redactions") or 0 for r in records)
    lines.append(f"  truncated pages: {truncated}; redaction marks: {redactions}")
    return lines


def register(app: typer.Typer) -> None:
    """Add the ``clean`` command to ``app``."""

    @app.command("clean")
    def clean(
        paths_: list[Path] = typer.Argument(..., metavar="PATH...", help="Files or folders of pages, or the JSONL "
                                            "`speechtopics ingest` wrote (its records, dates and fields as read)."),
        out: Path = typer.Option(..., "--out", "-o", dir_okay=False, help="Output JSONL, one clean record per input document."),
        config: Optional[Path] = ConfigOption,
        text_field: str = TextFieldOption,
        title_field: Optional[str] = TitleFieldOption,
        date_field: Optional[str] = DateFieldOption,
        id_field: Optional[str] = IdFieldOption,
        meta_field: list[str] = MetaFieldOption,
        sheet: Optional[str] = SheetOption,
        date_format: Optional[str] = DateFormatOption,
    ) -> None:
        """Clean scraped speech pages: decode by evidence, strip site chrome, normalise, find metadata.

        Every input document appears in the output; empty, binary, unreadable or non-Chinese ones are
        ``dropped`` with a reason; a copy of an earlier document is kept with a reason naming it
        (``duplicate`` naming the kept document with ``clean.duplicates: drop``).
        """
        from speechtopics.clean.dates import day_month_warning
        from speechtopics.filewalk import inputs_folder
        from speechtopics.records import files_named_from
        from speechtopics.ingest import relative_to_project, repeated_ids
        from speechtopics.stages import clean_records

        for p in paths_:
            if not Path(p).exists():
                fail(f"{p}: no such file or folder")
        check_out(out, *paths_)
        cfg = load(config)
        raw: list[dict] = []
        ledger: list[dict] = []
        # a missing column names the file as the ledger does; a reader's warnings are lines of their own
        with warnings_as_lines(), files_named_from(inputs_folder(paths_)):
            for p in paths_:
                records, rows = _read(Path(p), cfg, input_source(Path(p), text_field, title_field, date_field,
                                                                 id_field, meta_field, sheet, date_format))
                raw += records
                ledger += rows
        if not raw and not ledger:
            fail(f"{', '.join(map(str, paths_))}: no files found")
        # a file outside the project is named from the folder that holds the inputs, as read_corpus
        # names it, so the same folder read from another place gives the same ids (and the error below
        # names the files as read_corpus does)
        relative_to_project(raw + ledger, inputs_folder(paths_), outside=True)
        fail_if_nothing_read(raw, ledger)
        if message := repeated_ids(raw, id_field):
            typer.echo(f"warning: {message}", err=True)
        if note := day_month_warning(((r.get("meta") or {}).get("date"), r.get("date_format") or cfg.clean.date_format)
                                     for r in raw):  # 3/10/2013 read month first beside 18/1/2020
            typer.echo(f"warning: {note}", err=True)
        cleaned = clean_records(raw, cfg.clean, cfg.seed)
        write_records(cleaned + [ledger_record(r) for r in ledger], out)
        for line in _summary(cleaned + [ledger_record(r) for r in ledger]):
            typer.echo(line)
        typer.echo(f"  -> {out}")
