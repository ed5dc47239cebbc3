"""The package's structure: no import cycle, no module over 400 lines, no private name imported across modules.

Read with :mod:`ast`, never imported: every ``import`` and ``from ... import`` of every module of
``src/speechtopics``, at module level and inside functions alike, relative imports resolved, and
``from package import submodule`` read as an import of the submodule. Package ``__init__`` modules are
modules too; an ``__init__`` importing its own submodules is no cycle (Python imports a package before
its submodules, and that implicit import is not counted).
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parents[1] / "src" / "speechtopics"
ROOT = PACKAGE_DIR.name
MAX_LINES = 400


def module_name(path: Path) -> str:
    """Dotted name of a module file (a package's ``__init__.py`` is the package)."""
    parts = [ROOT, *path.relative_to(PACKAGE_DIR).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def package_modules() -> dict[str, Path]:
    """Every module of the package, by dotted name."""
    return {module_name(p): p for p in sorted(PACKAGE_DIR.rglob("*.py")) if "__pycache__" not in p.parts}


def imports_of(name: str, path: Path, modules: dict[str, Path]) -> list[tuple[str, str | None, int]]:
    """``(module, imported name or None, line)`` of every import in ``path`` that reaches a package module.

    ``from a.b import c`` gives ``("a.b.c", None, ...)`` when ``a.b.c`` is a module, else
    ``("a.b", "c", ...)``; ``import a.b.c`` gives the longest module prefix of ``a.b.c``.
    """
    is_package = path.name == "__init__.py"
    package = name if is_package else name.rpartition(".")[0]
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                target = _longest_module(alias.name, modules)
                if target:
                    out.append((target, None, node.lineno))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module or ""
            if source != ROOT and not source.startswith(ROOT + "."):
                continue
            for alias in node.names:
                sub = f"{source}.{alias.name}"
                if sub in modules:
                    out.append((sub, None, node.lineno))
                else:
                    target = _longest_module(source, modules)
                    if target:
                        out.append((target, alias.name, node.lineno))
    return out


def _longest_module(dotted: str, modules: dict[str, Path]) -> str | None:
    parts = dotted.split(".")
    for n in range(len(parts), 0, -1):
        if ".".join(parts[:n]) in modules:
            return ".".join(parts[:n])
    return None


def import_graph() -> dict[str, set[str]]:
    """Module -> the package modules it imports (itself, and an ``__init__``'s own submodules, left out)."""
    modules = package_modules()
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        own = name + "." if path.name == "__init__.py" else None
        graph[name] = {t for t, _, _ in imports_of(name, path, modules)
                       if t != name and not (own and t.startswith(own))}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return sorted(out)


def describe(comp: list[str], graph: dict[str, set[str]]) -> str:
    """A circle as the edges inside it."""
    edges = [f"{a} -> {b}" for a in comp for b in sorted(graph[a]) if b in comp]
    return "; ".join(edges)


def test_the_graph_reader_resolves_relative_and_submodule_imports(tmp_path):
    modules = {"speechtopics.models": PACKAGE_DIR / "models" / "__init__.py",
               "speechtopics.models.lda": PACKAGE_DIR / "models" / "lda.py",
               "speechtopics.models.options": PACKAGE_DIR / "models" / "options.py",
               "speechtopics.corpus": PACKAGE_DIR / "corpus.py"}
    src = tmp_path / "x.py"
    src.write_text("from .options import LdaConfig\nfrom speechtopics.models import lda\n"
                   "def f():\n    from ..corpus import to_bow\n    import speechtopics.models.lda.thing\n",
                   encoding="utf-8")
    found = imports_of("speechtopics.models.x", src, modules)
    assert [(m, n) for m, n, _ in found] == [
        ("speechtopics.models.options", "LdaConfig"), ("speechtopics.models.lda", None),
        ("speechtopics.corpus", "to_bow"), ("speechtopics.models.lda", None)]
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_import_cycle():
    graph = import_graph()
    found = cycles(graph)
    assert not found, "import cycles:\n" + "\n".join(describe(c, graph) for c in found)


def test_no_module_over_400_lines():
    long = {name: n for name, path in package_modules().items()
            if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert not long, f"modules over {MAX_LINES} lines: {long}"


def test_no_private_name_imported_across_modules():
    modules = package_modules()
    private = [f"{path.relative_to(PACKAGE_DIR)}:{line}: {name} from {source}"
               for mod, path in modules.items()
               for source, name, line in imports_of(mod, path, modules)
               if name and name.startswith("_") and not name.startswith("__") and source != mod]
    assert not private, "private names imported from another module:\n" + "\n".join(private)
