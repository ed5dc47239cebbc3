"""The bundled notebooks use only the public API: ``speechtopics``, ``speechtopics.plots`` and
``speechtopics.analysis`` (no private attribute, no internal module)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("*.py"))
PUBLIC_MODULES = {"speechtopics", "speechtopics.plots", "speechtopics.analysis"}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_imports_only_public_names(path):
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source)
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("speechtopics"):
            assert node.module in PUBLIC_MODULES, f"{path.name}: imports {node.module}"
            assert not any(a.name.startswith("_") for a in node.names), f"{path.name}: private name"
        if isinstance(node, ast.Import):
            for a in node.names:
                if a.name.startswith("speechtopics"):
                    assert a.name in PUBLIC_MODULES, f"{path.name}: imports {a.name}"
        if isinstance(node, ast.Attribute):
            assert not node.attr.startswith("_"), f"{path.name}:{node.lineno}: private attribute .{node.attr}"
    assert not re.search(r"\._[a-z]", source), f"{path.name}: reaches a private name"


def test_every_name_the_notebooks_use_is_exported():
    import speechtopics
    from speechtopics import analysis, plots

    for name in speechtopics.__all__:
        assert getattr(speechtopics, name) is not None
    for module in (analysis, plots):
        for name in module.__all__:
            assert hasattr(module, name), f"{module.__name__}.{name}"


def test_every_notebook_ships_with_the_package():
    from speechtopics import paths
    from speechtopics.config import load_config

    names = {p.stem for p in NOTEBOOKS} | set(load_config(paths.DEFAULT_CONFIG).report.notebooks)
    for name in names:
        source = paths.notebook_source(name)
        assert source.is_file(), f"{name}: not in speechtopics/resources/notebooks"
        assert source.read_bytes() == (paths.NOTEBOOKS / f"{name}.py").read_bytes()


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_notebook_takes_the_run_cache_choice_as_a_parameter(path):
    import jupytext

    nb = jupytext.read(path, fmt="py:percent")
    params = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    assert "use_cache = True" in params.source, f"{path.name}: no use_cache parameter"
    calls = [node for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
             if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Project"]
    assert calls, f"{path.name}: builds no Project"
    for call in calls:
        passed = {kw.arg: kw.value for kw in call.keywords}
        assert getattr(passed.get("use_cache"), "id", None) == "use_cache", f"{path.name}:{call.lineno}"
        assert getattr(passed.get("overrides"), "id", None) == "overrides", f"{path.name}:{call.lineno}"
    assert "overrides = None" in params.source, f"{path.name}: no overrides parameter"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_notebook_names_its_kernel_for_papermill(path):
    # `jupytext --to ipynb` then `papermill` (no -k, no --language) needs both in the notebook
    import jupytext

    spec = jupytext.read(path, fmt="py:percent").metadata.get("kernelspec", {})
    assert spec.get("name") == "python3" and spec.get("language") == "python", path.name
