"""Where things live, derived from the repository root.

Every other module asks this one for a location; nothing else hard-codes a path.
Set ``SPEECHTOPICS_ROOT`` to point the toolkit at another project folder (tests do this
to keep caches and reports in a temporary directory).
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def _find_root() -> Path:
    env = os.environ.get("SPEECHTOPICS_ROOT")
    if env:
        return Path(env).resolve()
    # src/speechtopics/paths.py -> repo root is two levels above the package
    candidate = PACKAGE_DIR.parent.parent
    if (candidate / "pyproject.toml").exists():
        return candidate
    return Path.cwd().resolve()


ROOT = _find_root()
# The repository itself (bundled data, lexicons, notebooks), even when ROOT is redirected.
REPO = PACKAGE_DIR.parent.parent

CONFIG_DIR = REPO / "config"
DEFAULT_CONFIG = CONFIG_DIR / "default.yaml"
NOTEBOOKS = REPO / "notebooks"

DATA = REPO / "data"
RAW = DATA / "raw"
EXTERNAL = DATA / "external"
FONTS = EXTERNAL / "fonts"
STOPWORDS = EXTERNAL / "stopwords"
LEXICON = EXTERNAL / "lexicon"
RHETORIC = EXTERNAL / "rhetoric"

# Generated locations follow ROOT so that a redirected run never writes into the repository.
INTERIM = ROOT / "data" / "interim"
PROCESSED = ROOT / "data" / "processed"
REPORTS = ROOT / "reports"
FIGURES = REPORTS / "figures"
TABLES = REPORTS / "tables"
LDAVIS = REPORTS / "ldavis"
REPORT_NOTEBOOKS = REPORTS / "notebooks"


def resolve(path: str | os.PathLike[str], base: Path | None = None) -> Path:
    """Resolve a config path: absolute paths stay, relative ones are taken from ``base`` (default ROOT)."""
    p = Path(path)
    return p if p.is_absolute() else ((base or ROOT) / p)
