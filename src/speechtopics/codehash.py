"""The code a cached stage depends on, derived from its imports rather than listed by hand.

A stage's cache key includes :func:`code_hash` of the module that runs it: the sources of that module
and of every ``speechtopics`` module it imports, directly or through other package modules, at module
level or inside a function. Editing any of them selects another cache entry, so a stale result is
never served; editing a module the stage does not import leaves its cache valid. Imports are read with
:mod:`ast` from the source files (nothing is imported or executed).

Examples
--------
>>> from speechtopics.codehash import stage_modules
>>> "speechtopics.evaluate" in stage_modules("speechtopics.models.sweep")
True
"""

from __future__ import annotations

import ast
import functools
import hashlib
from pathlib import Path

PACKAGE = "speechtopics"
PACKAGE_DIR = Path(__file__).resolve().parent


def module_file(name: str) -> Path | None:
    """Source file of package module ``name`` (``speechtopics.x.y``), or None when there is none."""
    if name != PACKAGE and not name.startswith(PACKAGE + "."):
        return None
    parts = name.split(".")[1:]
    if not parts:
        return PACKAGE_DIR / "__init__.py"
    rel = Path(*parts)
    for candidate in (PACKAGE_DIR / rel.with_suffix(".py"), PACKAGE_DIR / rel / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def _absolute(node: ast.ImportFrom, module: str, is_package: bool) -> str:
    if not node.level:
        return node.module or ""
    parts = module.split(".")
    base = parts if is_package else parts[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


@functools.lru_cache(maxsize=None)
def imported_modules(name: str) -> frozenset[str]:
    """Package modules that module ``name`` imports anywhere in its source (one step, not transitive)."""
    path = module_file(name)
    if path is None:
        return frozenset()
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = _absolute(node, name, path.name == "__init__.py")
            found.add(base)
            found.update(f"{base}.{a.name}" for a in node.names)  # `from pkg import submodule`
    out = set()
    for mod in found:
        # a module's parents are imported with it (their __init__ runs)
        parts = mod.split(".")
        for i in range(1, len(parts) + 1):
            candidate = ".".join(parts[:i])
            if module_file(candidate) is not None:
                out.add(candidate)
    out.discard(name)
    return frozenset(out)


@functools.lru_cache(maxsize=None)
def stage_modules(name: str) -> tuple[str, ...]:
    """``name`` and every package module it reaches through imports, sorted."""
    seen, todo = {name}, [name]
    while todo:
        for dep in imported_modules(todo.pop()):
            if dep not in seen:
                seen.add(dep)
                todo.append(dep)
    return tuple(sorted(m for m in seen if module_file(m) is not None))


def code_hash(*modules: str) -> str:
    """sha256 over the sources of ``modules`` and everything they import in the package.

    Parameters
    ----------
    *modules : str
        Dotted module names, e.g. ``"speechtopics.models.sweep"``.
    """
    h = hashlib.sha256()
    names = sorted({m for mod in modules for m in stage_modules(mod)})
    for mod in names:
        h.update(mod.encode())
        h.update(hashlib.sha256(module_file(mod).read_bytes()).hexdigest().encode())
    return h.hexdigest()
