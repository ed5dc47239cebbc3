"""``reports/appendix.md``: every figure and table, what it shows, who made it and how to rebuild it."""

from __future__ import annotations

from pathlib import Path

from speechtopics import paths
from speechtopics.report.registry import read_registry

HEADER = """# Appendix: figures and tables

Every file below was written by the notebook and cell named next to it, from the configuration and
seed recorded in `manifest.json`. Rebuild everything with `make appendix` (or
`speechtopics report --config {config}`); rebuild one notebook's outputs with
`speechtopics report --config {config} --notebook <name>`. Hashes of every file are in `manifest.json`.

"""


def write_appendix(config_path: Path, reports_dir: Path | None = None) -> Path:
    """Write appendix.md from the registry of saved figures and tables; return its path."""
    reports_dir = Path(reports_dir or paths.REPORTS)
    try:
        shown_cfg = Path(config_path).resolve().relative_to(paths.REPO)
    except ValueError:
        shown_cfg = Path(config_path)
    rows = read_registry()
    lines = [HEADER.format(config=shown_cfg)]
    for kind, heading in (("figure", "## Figures"), ("table", "## Tables")):
        lines.append(heading + "\n")
        for r in (r for r in rows if r["kind"] == kind):
            files = ", ".join(f"[`{f}`]({f})" for f in r["files"])
            cell = f", cell {r['cell']}" if r.get("cell") else ""
            rebuild = (f"`speechtopics report --notebook {r['notebook']}`" if r["notebook"] != "cli"
                       else "`speechtopics run`")
            lines.append(f"- **{r['name']}** — {r['description'] or '(no description)'}  \n"
                         f"  files: {files}  \n  made by: `notebooks/{r['notebook']}.py`{cell}; "
                         f"rebuild: {rebuild}\n")
        lines.append("")
    ldavis = sorted((reports_dir / "ldavis").glob("*.html")) if (reports_dir / "ldavis").exists() else []
    if ldavis:
        lines.append("## Interactive views (offline)\n")
        lines += [f"- [`ldavis/{p.name}`](ldavis/{p.name})" for p in ldavis]
        lines.append("")
    path = reports_dir / "appendix.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path
