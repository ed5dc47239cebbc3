"""Execute the notebook suite: jupytext ``py:percent`` sources -> executed ``.ipynb`` + static HTML.

papermill injects the parameters (the config path) after the ``parameters`` cell; the kernel inherits
``SPEECHTOPICS_NOTEBOOK`` so that ``save_figure``/``save_table`` can record which notebook and cell
wrote each file (see :mod:`speechtopics.report.registry`).
"""

from __future__ import annotations

import os
from pathlib import Path

from speechtopics import paths


def to_ipynb(source: Path, target: Path) -> Path:
    """Convert a jupytext py:percent file to an .ipynb with the python3 kernelspec."""
    import jupytext

    nb = jupytext.read(source, fmt="py:percent")
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.metadata.pop("jupytext", None)
    target.parent.mkdir(parents=True, exist_ok=True)
    jupytext.write(nb, target, fmt="ipynb")
    return target


def export_html(ipynb: Path, target: Path) -> Path:
    """Static HTML export of an executed notebook (images embedded)."""
    import nbformat
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="classic", embed_images=True)
    body, _ = exporter.from_notebook_node(nbformat.read(ipynb, as_version=4))
    target.write_text(body, encoding="utf-8")
    return target


def execute_notebook(name: str, config_path: Path, out_dir: Path | None = None,
                     parameters: dict | None = None, timeout: int = 1800) -> Path:
    """Execute ``notebooks/<name>.py`` with papermill into ``reports/notebooks/<name>.ipynb`` (+ .html)."""
    import papermill

    from speechtopics.report.registry import reset_registry

    out_dir = Path(out_dir or paths.REPORT_NOTEBOOKS)
    out_dir.mkdir(parents=True, exist_ok=True)
    source = paths.NOTEBOOKS / f"{name}.py"
    if not source.exists():
        raise FileNotFoundError(f"{source}: notebook source not found")
    work = paths.resolve("data/interim/notebooks") / f"{name}.ipynb"
    to_ipynb(source, work)
    output = out_dir / f"{name}.ipynb"
    reset_registry(name)
    params = {"config_path": str(Path(config_path).resolve()), **(parameters or {})}
    old = os.environ.get("SPEECHTOPICS_NOTEBOOK")
    os.environ["SPEECHTOPICS_NOTEBOOK"] = name
    try:
        papermill.execute_notebook(str(work), str(output), parameters=params, kernel_name="python3",
                                   cwd=str(paths.REPO), progress_bar=False, log_output=False,
                                   execution_timeout=timeout)
    finally:
        if old is None:
            os.environ.pop("SPEECHTOPICS_NOTEBOOK", None)
        else:
            os.environ["SPEECHTOPICS_NOTEBOOK"] = old
    export_html(output, out_dir / f"{name}.html")
    return output
