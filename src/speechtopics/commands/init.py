"""``speechtopics init DIR``: a project folder of the user's own.

Writes ``DIR/config.yaml`` (every default setting, each with its comment, taken from the bundled copy
of ``config/default.yaml``; inputs read from ``data/raw``, outputs under ``data/`` and ``reports/``,
all relative to ``DIR``) and the folders ``data/raw``, ``data/interim``, ``data/processed`` and
``reports``. An existing ``config.yaml`` is never overwritten.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import typer

from speechtopics.commands._common import fail

#: Folders a project holds, relative to its config file.
FOLDERS = ("data/raw", "data/interim", "data/processed", "reports")

HEADER = """\
# speechtopics project settings, written by `speechtopics init`. Relative paths are taken from this
# file's folder. Put your texts in data/raw/, then run `speechtopics run --config config.yaml`.
# Word lists and cue files named like lexicon/political_terms.tsv are files bundled with the package;
# name your own file by its path instead. Unknown keys and values out of range are errors.
"""

INGEST = """\
ingest:                    # what a run reads
  inputs:                  # files or folders, relative to this file's folder
    - path: data/raw       # .txt/.md/.html/.docx/.pdf files, .csv/.tsv/.json/.jsonl/.xlsx/.xls/.ods/.dta/.parquet tables, .zip/.gz/.tar of them
      name: raw            # collection name, kept with every document
      genre: ""            # genre label of every document of this input (讲话, 政府工作报告 ...)
      glob: "**/*"         # which files under the folder to read
      # Tables (CSV, JSON, JSONL, Excel): name the columns that hold each speech's text, title and date,
      # e.g. for a CSV with the header  speech,headline,day,speaker  write
      #   text_field: speech, title_field: headline, date_field: day, meta_fields: [speaker]
      text_field: text     # the column with the speech text
      title_field: null    # the title column (null: one named title/Title/标题 if there is one)
      date_field: null     # the date column (null: one named date, 日期, 发布日期, 时间 … if any; else dates in file names)
      sheet: null          # Excel: the one sheet to read (null: every sheet)
      date_format: null    # dates written 3/5/2020: mdy (month first) | dmy (null: clean.date_format)
      meta_fields: []      # more columns kept with each document
      # Files (txt, Word, PDF) with a sheet of their titles, dates and covariates beside the folder
      # (one row per file, e.g. columns 文件,标题,日期,讲话人): name it and its column naming each file
      metadata: null       # e.g. data/speakers.xlsx (CSV, TSV or Excel; keep it outside the folder above)
      metadata_key: null   # e.g. 文件: a file's name (with or without suffix), or the input's id column
  max_left_out: 0.2        # warn when the stages leave out more than this share of one input's documents

"""

OUTPUT = """\
output:                    # where generated files go (relative to this file's folder)
  interim: data/interim          # stage caches
  processed: data/processed      # documents.jsonl and ledger.csv
  reports: reports               # figures, tables, offline views, notebooks, appendix.md, manifest.json
"""


def default_config_text() -> str:
    """The text of the default config shipped with the package (``config/default.yaml``)."""
    from speechtopics import paths, resources

    if resources.is_resource("default_config.yaml"):
        return resources.resource_path("default_config.yaml").read_text(encoding="utf-8")
    return paths.DEFAULT_CONFIG.read_text(encoding="utf-8")


def _replace_block(text: str, key: str, block: str) -> str:
    """``text`` with its top-level ``key:`` block (up to the next top-level key or the end) replaced."""
    lines = text.splitlines(keepends=True)
    start = next((i for i, ln in enumerate(lines) if re.match(rf"{re.escape(key)}:(\s|$)", ln)), None)
    if start is None:
        return text.rstrip("\n") + "\n\n" + block
    end = next((j for j in range(start + 1, len(lines)) if re.match(r"[^\s#]", lines[j])), len(lines))
    return "".join(lines[:start]) + block + "".join(lines[end:])


SEED_TOPICS = """\
  seed_topics: {}          # seed words per policy area, e.g. 经济发展: [经济, 增长, 投资] (none: topics are labelled by their own FREX words and no seeded model is fitted)
"""


def _no_seed_topics(text: str) -> str:
    """``text`` with the bundled corpus's ``seeded.seed_topics`` (county policy areas) left empty."""
    return re.sub(r"^  seed_topics:[^\n]*\n(?:    [^\n]*\n)*", SEED_TOPICS, text, count=1, flags=re.M)


def project_config_text() -> str:
    """``config.yaml`` of a new project: the defaults with the project's own inputs and outputs, and no
    seed topics (those of the bundled config name county policy areas, not the user's corpus)."""
    text = default_config_text()
    body = text[re.search(r"^[^\s#]", text, flags=re.M).start():]  # drop the file's own header
    body = _replace_block(body, "ingest", INGEST)
    body = _replace_block(body, "output", OUTPUT)
    return HEADER + "\n" + _no_seed_topics(body)


def init_project(folder: Path) -> Path:
    """Write ``folder/config.yaml`` and the project folders; FileExistsError if the config exists."""
    config = Path(folder) / "config.yaml"
    if config.exists():
        raise FileExistsError(f"{config}: already exists; not overwritten")
    if Path(folder).exists() and not Path(folder).is_dir():
        raise FileExistsError(f"{folder}: exists and is not a folder")
    for sub in FOLDERS:
        (Path(folder) / sub).mkdir(parents=True, exist_ok=True)
    config.write_text(project_config_text(), encoding="utf-8", newline="\n")
    return config


def register(app: typer.Typer) -> None:
    @app.command("init")
    def init(folder: Path = typer.Argument(..., metavar="DIR", help="The project folder (created if new).")
             ) -> None:
        """Start a project of your own: DIR/config.yaml (every setting, commented) and the folders
        data/raw (your texts), data/interim, data/processed and reports."""
        try:
            config = init_project(folder)
        except (FileExistsError, OSError) as exc:
            fail(str(exc) if isinstance(exc, FileExistsError) else f"{folder}: cannot create ({exc})")
        typer.echo(f"{config}: written; put your texts in {folder / 'data' / 'raw'} and run "
                   f"`speechtopics run --config {shlex.quote(str(config))}`")  # a path with spaces, quoted
