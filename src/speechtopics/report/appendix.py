"""``reports/appendix.md``: every figure, table and view, what it shows, who made it and how to rebuild it.

The appendix is written from the registry (:mod:`speechtopics.report.registry`) that ``save_figure``,
``save_table`` and ``save_ldavis`` fill while the notebooks run. :func:`check_appendix` verifies the
two directions a referee cares about: every file the appendix lists exists, and every file in
``figures/``, ``tables/`` and ``ldavis/`` is listed.
"""

from __future__ import annotations

import platform
import re
from pathlib import Path

from speechtopics import paths
from speechtopics.report.registry import read_registry
from speechtopics.report.registry import reports_dir as registry_reports_dir

HEADER = """# Appendix: figures and tables

Every file below was written by the notebook and cell named next to it ("cell *n*" is `In [n]` of the
executed notebook in `notebooks/`), from the configuration and seed recorded in `manifest.json`.
{provenance}Rebuild everything with `speechtopics run --config {config}` from the folder that holds the
config; from empty caches, first copy `reports/manifest.json` aside and delete `data/interim/`,
`data/processed/` and `reports/`. `speechtopics report --config {config}` re-executes the notebooks
only, with the stages stored in `data/interim/` (`make appendix` in the speechtopics repository); rebuild
one notebook's outputs with the command given for it. The sha256 of every file is in `manifest.json`
(`README.md` in this folder, "Checking a rebuild against manifest.json", says how to compare two builds).

"""
SECTIONS = (("figure", "## Figures"), ("table", "## Tables"), ("view", "## Interactive views (offline)"),
            ("skipped", "## Not made for this corpus"),
            ("glyphs", "## Characters no bundled font draws (shown as boxes)"))
LISTED_DIRS = ("figures", "tables", "ldavis")
_LINK = re.compile(r"\]\(((?:figures|tables|ldavis)/[^)]+)\)")


def _shown_config(config_path: Path) -> str:
    """The config as a rebuild names it: relative to the repository, else its name in the project folder
    (no absolute path: a copied project folder rebuilds with the same appendix)."""
    try:
        return Path(config_path).resolve().relative_to(paths.REPO).as_posix()
    except ValueError:
        return Path(config_path).name


def write_referee_guide(reports_dir: Path) -> Path | None:
    """Write ``README.md`` (what each file is, how to rebuild and check a rebuild) into a project's
    reports folder when it has none; the repository's own ``reports/README.md`` is kept as it is."""
    from speechtopics import resources

    path = Path(reports_dir) / "README.md"
    if path.exists():
        return None
    path.write_bytes(resources.resource_path("project/reports_README.md").read_bytes())
    return path


def _entry(r: dict, config: str) -> str:
    """One appendix bullet for a registry record."""
    if r["kind"] in ("skipped", "glyphs"):
        return f"- **{r['name']}** — {r['description']} (notebook `{r['notebook']}`)\n"
    files = ", ".join(f"[`{f}`]({f})" for f in r["files"])
    if r["notebook"] == "cli":
        made_by, rebuild = "the command line", f"`speechtopics run --config {config}`"
    else:
        cell = f", cell {r['cell']}" if r.get("cell") else ""
        name = r["notebook"]  # its source ships with speechtopics; the executed copy is in notebooks/
        made_by = (f"notebook `{name}`{cell} (executed: [`notebooks/{name}.ipynb`](notebooks/{name}.ipynb), "
                   f"[`notebooks/{name}.html`](notebooks/{name}.html))")
        rebuild = f"`speechtopics report --config {config} --notebook {r['notebook']}`"
    return (f"- **{r['name']}** — {r['description'] or '(no description)'}  \n"
            f"  files: {files}  \n  made by: {made_by}  \n  rebuild: {rebuild}\n")


def provenance(config_path: Path, seed: int | None = None) -> str:
    """The line of the appendix that says what a rebuild must match: the speechtopics and Python versions,
    the seed and the config file's sha256 (the rest is in ``manifest.json``)."""
    from speechtopics.cache import hash_file
    from speechtopics.report.manifest import package_versions

    parts = [f"speechtopics {package_versions()['speechtopics']}", f"Python {platform.python_version()}"]
    if seed is not None:
        parts.append(f"seed {seed}")
    if Path(config_path).is_file():
        parts.append(f"`{_shown_config(config_path)}` sha256 `{hash_file(config_path)}`")
    return "Built with " + ", ".join(parts) + ".\n"


def render_appendix(rows: list[dict], config: str, provenance: str = "") -> str:
    """The appendix text for registry ``rows``; ``provenance``: the :func:`provenance` line, if any."""
    lines = [HEADER.format(config=config, provenance=provenance)]
    for kind, heading in SECTIONS:
        entries = [_entry(r, config) for r in rows if r["kind"] == kind]
        if entries or kind not in ("view", "skipped", "glyphs"):
            lines += [heading + "\n", *(entries or ["(none)\n"]), ""]
    return "\n".join(lines)


def write_appendix(config_path: Path, reports_dir: Path | None = None, seed: int | None = None) -> Path:
    """Write appendix.md from the registry of saved figures, tables and views, headed by the versions,
    ``seed`` and config hash a rebuild must match (:func:`provenance`); return its path."""
    reports_dir = Path(reports_dir or registry_reports_dir())
    path = reports_dir / "appendix.md"
    path.write_text(render_appendix(read_registry(), _shown_config(config_path), provenance(config_path, seed)),
                    encoding="utf-8", newline="\n")
    return path


def listed_files(appendix: Path) -> set[str]:
    """Paths (relative to ``reports/``) of the figures, tables and views an appendix links to."""
    return set(_LINK.findall(appendix.read_text(encoding="utf-8")))


def check_appendix(reports_dir: Path | None = None) -> list[str]:
    """Problems between ``appendix.md`` and the files on disk (empty when consistent).

    Returns
    -------
    list of str
        One line per listed-but-missing file and per file present but not listed.
    """
    reports_dir = Path(reports_dir or registry_reports_dir())
    appendix = reports_dir / "appendix.md"
    if not appendix.exists():
        return [f"{appendix}: missing"]
    listed = listed_files(appendix)
    present = {p.relative_to(reports_dir).as_posix() for d in LISTED_DIRS if (reports_dir / d).exists()
               for p in (reports_dir / d).rglob("*") if p.is_file() and not p.name.startswith(".")}
    return ([f"{f}: listed in appendix.md but missing" for f in sorted(listed - present)]
            + [f"{f}: in reports/ but not listed in appendix.md" for f in sorted(present - listed)])
