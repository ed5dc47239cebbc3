"""Where things live.

Two kinds of location:

* the repository checkout (development installs only): the default config, the notebooks and the
  bundled corpus (``REPO``, ``DEFAULT_CONFIG``, ``NOTEBOOKS``, ``RAW``); bundled word lists, cues and
  the font are package data, read through :mod:`speechtopics.resources`;
* a run's own folders, derived from its config by :func:`project_paths`: relative paths in a config
  file are taken from the config file's folder (``Config.base_dir``), and a Config built in code
  resolves them against the current directory. Nothing writes into the checkout unless its config
  says so.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PACKAGE_DIR = Path(__file__).resolve().parent
# The repository checkout this package was imported from (src/speechtopics -> two levels up).
REPO = PACKAGE_DIR.parent.parent

CONFIG_DIR = REPO / "config"
DEFAULT_CONFIG = CONFIG_DIR / "default.yaml"
NOTEBOOKS = REPO / "notebooks"


def default_config() -> Path:
    """The config a run takes when none is named: ``config.yaml`` of the current folder when there is
    one (a project made by ``speechtopics init``, as every command reads it without ``--config``), else
    the bundled corpus's ``config/default.yaml``."""
    return Path("config.yaml") if Path("config.yaml").is_file() else DEFAULT_CONFIG

DATA = REPO / "data"
RAW = DATA / "raw"


def relative_paths(obj: Any, base: Path | None) -> Any:
    """``obj`` (a config as :func:`speechtopics.config.to_dict` gives it: dicts, lists, strings) with every
    absolute path inside the folder ``base`` written relative to it, POSIX style.

    A config makes a user's own word list or cue file absolute; written relative, the manifest and the
    cache keys of a project folder copied elsewhere (a co-author's copy) stay the same.

    Examples
    --------
    >>> relative_paths({"stopword_lists": ["/p/words/stop.txt", "stopwords/cn_stopwords.txt"]}, Path("/p"))
    {'stopword_lists': ['words/stop.txt', 'stopwords/cn_stopwords.txt']}
    """
    if isinstance(obj, dict):
        return {k: relative_paths(v, base) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [relative_paths(v, base) for v in obj]
    if base is not None and isinstance(obj, str) and Path(obj).is_absolute() and Path(obj).is_relative_to(base):
        return Path(obj).relative_to(base).as_posix()
    return obj


def resolve(path: str | os.PathLike[str], base: Path | None = None) -> Path:
    """Absolute paths stay; relative ones are taken from ``base`` (default: the current directory).
    ``..`` parts are folded (``config/../data`` -> ``data``)."""
    p = Path(path)
    if not p.is_absolute():
        p = (Path(base) if base is not None else Path.cwd()) / p
    return Path(os.path.normpath(p))


@dataclass(frozen=True)
class OutputConfig:
    """Where generated files go, relative to the config file's folder unless absolute.

    Attributes
    ----------
    interim
        Caches of every stage (``speechtopics`` recomputes nothing found here).
    processed
        Corpus tables a user loads: ``documents.jsonl`` and ``ledger.csv``.
    reports
        Figures, tables, offline views, executed notebooks, ``appendix.md`` and ``manifest.json``.
    """

    interim: str = "data/interim"
    processed: str = "data/processed"
    reports: str = "reports"



@dataclass(frozen=True)
class ProjectPaths:
    """The folders of one run, all absolute.

    Attributes
    ----------
    root
        The folder relative config paths are taken from (the config file's folder).
    interim
        Stage caches (``output.interim``).
    processed
        ``documents.jsonl`` and ``ledger.csv`` (``output.processed``).
    reports
        Everything a report writes (``output.reports``).
    figures, tables, ldavis, report_notebooks
        ``reports/figures``, ``reports/tables``, ``reports/ldavis``, ``reports/notebooks``.
    """

    root: Path
    interim: Path
    processed: Path
    reports: Path
    figures: Path
    tables: Path
    ldavis: Path
    report_notebooks: Path

    def resolve(self, path: str | os.PathLike[str]) -> Path:
        """A path of the config (an input, say): absolute as is, relative ones under ``root``."""
        return resolve(path, self.root)


def notebook_source(name: str) -> Path:
    """The jupytext source of report notebook ``name``: shipped with the package (package data
    ``speechtopics/resources/notebooks``, links to ``notebooks/`` in a checkout), so an installed
    package runs the report too."""
    return PACKAGE_DIR / "resources" / "notebooks" / f"{name}.py"


def project_paths(cfg: Any = None) -> ProjectPaths:
    """The run's locations from ``cfg.output`` of a :class:`~speechtopics.config.Config`, relative to
    ``cfg.base_dir`` (or the current directory).

    ``cfg`` None: the defaults of a Config built in code (``./data/interim``, ``./reports`` ...).
    """
    base = getattr(cfg, "base_dir", None)
    output = cfg.output if cfg is not None else OutputConfig()
    root = Path(base).resolve() if base is not None else Path.cwd().resolve()
    reports = resolve(output.reports, root)
    return ProjectPaths(
        root=root,
        interim=resolve(output.interim, root),
        processed=resolve(output.processed, root),
        reports=reports,
        figures=reports / "figures",
        tables=reports / "tables",
        ldavis=reports / "ldavis",
        report_notebooks=reports / "notebooks",
    )
