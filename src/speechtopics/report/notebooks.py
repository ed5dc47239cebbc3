"""Execute the notebook suite: jupytext ``py:percent`` sources -> executed ``.ipynb`` + static HTML.

papermill injects the parameters (the config path) after the ``parameters`` cell. The kernel inherits

* ``SPEECHTOPICS_NOTEBOOK`` so that ``save_figure``/``save_table``/``save_ldavis`` record which notebook
  and cell wrote each file (see :mod:`speechtopics.report.registry`),
* ``SPEECHTOPICS_REPORTS`` (``output.reports`` of the config) so every file lands in this run's reports,
* ``SPEECHTOPICS_DPI`` (``report.dpi``) and ``SOURCE_DATE_EPOCH`` for fixed figure output.

Executed notebooks are stripped of papermill/nbclient timing metadata and random cell ids, and the
HTML export carries no scripts and no stylesheet comments, so it opens offline with no ``http`` resource (it is a static
record of the run; the interactive views are in ``reports/ldavis/``).
"""

from __future__ import annotations

import os
import re
import shutil
from contextlib import contextmanager
from pathlib import Path

from speechtopics import paths
from speechtopics.partitions import SPILL_PREFIX

_SCRIPT = re.compile(r"<script\b[^>]*>.*?</script>", re.S | re.I)
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_STYLE = re.compile(r"(<style\b[^>]*>)(.*?)(</style>)", re.S | re.I)
_RESOURCE = re.compile(r"""<(?:link|img|iframe)\b[^>]*(?:src|href)=["']https?://[^>]*>""", re.I)
_TIMING_KEYS = ("start_time", "end_time", "duration")
# a warning as Python prints it: "<file>:<line>: <Category>: <message>" and then, indented, the source line
# that raised it; the file is the installed package's or the kernel's cell file (/tmp/ipykernel_<pid>/…)
_WARNING_AT = re.compile(r"^[^\n]*?:\d+: ((?:\w+\.)*\w*Warning): ([^\n]*\n)(?:  [^\n]*\n)?", re.M)


def to_ipynb(source: Path, target: Path) -> Path:
    """Convert a jupytext py:percent file to an .ipynb with the python3 kernelspec."""
    import jupytext

    nb = jupytext.read(source, fmt="py:percent")
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.metadata.pop("jupytext", None)
    target.parent.mkdir(parents=True, exist_ok=True)
    jupytext.write(nb, target, fmt="ipynb")
    return target


def strip_timings(ipynb: Path, root: Path | None = None) -> Path:
    """Remove execution times and random cell ids from an executed notebook so reruns match; with
    ``root`` (the project folder) also the folder itself, so that a rebuild elsewhere gives the same
    bytes: papermill's input and output paths are dropped and ``root/`` is cut from printed paths. A
    warning a cell printed keeps its category and message, not the file and line that raised it (a path
    of the installed package or of the kernel process, different on every machine or run)."""
    import nbformat

    nb = nbformat.read(ipynb, as_version=4)
    for key in _TIMING_KEYS + (("input_path", "output_path") if root is not None else ()):
        nb.metadata.get("papermill", {}).pop(key, None)
    prefix = str(Path(root).resolve()) + os.sep if root is not None else None
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{i:03d}"
        cell.metadata.pop("execution", None)
        for key in _TIMING_KEYS:
            cell.metadata.get("papermill", {}).pop(key, None)
        for out in cell.get("outputs", []) if prefix else []:
            if isinstance(out.get("text"), str):
                text = out["text"].replace(prefix, "")
                out["text"] = _WARNING_AT.sub(r"\1: \2", text) if out.get("name") == "stderr" else text
            if isinstance(out.get("data", {}).get("text/plain"), str):
                out["data"]["text/plain"] = out["data"]["text/plain"].replace(prefix, "")
    nbformat.write(nb, ipynb)
    return ipynb


def offline_page(html: str) -> str:
    """Drop scripts, stylesheet comments and external resources from an nbconvert page."""
    html = _SCRIPT.sub("", html)
    html = _STYLE.sub(lambda m: m.group(1) + _CSS_COMMENT.sub("", m.group(2)) + m.group(3), html)
    return _RESOURCE.sub("", html)


def export_html(ipynb: Path, target: Path) -> Path:
    """Static, offline HTML export of an executed notebook (images embedded, no scripts)."""
    import nbformat
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="classic", embed_images=True)
    body, _ = exporter.from_notebook_node(nbformat.read(ipynb, as_version=4))
    target.write_text(offline_page(body), encoding="utf-8", newline="\n")
    return target


@contextmanager
def scoped_environ(values: dict[str, str]):
    """Set environment variables for the kernel, restoring the old values afterwards."""
    old = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


@contextmanager
def removing_new(interim: Path, before: set[Path]):
    """Remove the spill folders (uncached partitions) that appear in ``interim`` while the block runs
    besides those in ``before``: a kernel shut down by papermill does not run the finalizers that remove
    its own (a notebook run with ``use_cache=False`` leaves megabytes per notebook otherwise). The caller
    is blocked while the kernel runs, so every new one is the kernel's."""
    try:
        yield
    finally:
        for folder in set(interim.glob(f"{SPILL_PREFIX}*")) - before:
            shutil.rmtree(folder, ignore_errors=True)


def notebook_cwd(config_path: Path) -> Path:
    """Where a notebook runs: the repository for a config inside the checkout (the bundled run), else
    the config file's folder (a user's project, an installed package)."""
    p = Path(config_path).resolve()
    return paths.REPO if p.is_relative_to(paths.REPO) else p.parent


def _shown_path(p: Path) -> str:
    """The config path as the notebook sees it: relative to the folder it runs in."""
    p = Path(p).resolve()
    return p.relative_to(notebook_cwd(p)).as_posix()


def execute_notebook(name: str, config_path: Path, out_dir: Path | None = None,
                     parameters: dict | None = None, timeout: int = 1800,
                     reports: Path | None = None, dpi: int = 300, interim: Path | None = None) -> Path:
    """Execute notebook ``<name>`` (:func:`speechtopics.paths.notebook_source`) with papermill into
    ``reports/notebooks/<name>.ipynb`` (+ .html).

    Parameters
    ----------
    name : str
        Notebook stem in ``notebooks/``.
    config_path : Path
        The run's config, passed as the ``config_path`` parameter.
    out_dir : Path, optional
        Where the executed notebook goes (default ``<reports>/notebooks``).
    parameters : dict, optional
        More papermill parameters.
    timeout : int
        Per-cell timeout in seconds.
    reports : Path, optional
        The run's reports folder (default :func:`speechtopics.report.registry.reports_dir`).
    interim : Path, optional
        The run's ``output.interim`` folder, where the notebook's working copy is written (default
        ``data/interim`` of :func:`speechtopics.paths.project_paths`, the current directory's).
    dpi : int
        Figure resolution (``report.dpi``).

    Returns
    -------
    Path
        The executed ``.ipynb``.
    """
    import papermill

    from speechtopics.report.registry import NOTEBOOK_ENV, PACKAGE_ENV, REPORTS_ENV, reports_dir, reset_registry

    reports = Path(reports or reports_dir())
    out_dir = Path(out_dir or reports / "notebooks")
    out_dir.mkdir(parents=True, exist_ok=True)
    source = paths.notebook_source(name)
    if not source.exists():
        raise FileNotFoundError(f"{source}: notebook source not found")
    interim = Path(interim or paths.project_paths().interim)
    work = interim / "notebooks" / f"{name}.ipynb"
    to_ipynb(source, work)
    output = out_dir / f"{name}.ipynb"
    params = {"config_path": _shown_path(config_path), **(parameters or {})}
    env = {NOTEBOOK_ENV: name, REPORTS_ENV: str(reports), "SPEECHTOPICS_DPI": str(dpi),
           PACKAGE_ENV: str(Path(__file__).resolve().parents[1]),
           "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", "0")}
    spills = set(interim.glob(f"{SPILL_PREFIX}*"))
    with scoped_environ(env), removing_new(interim, spills):
        reset_registry(name, remove_files=True)
        papermill.execute_notebook(str(work), str(output), parameters=params, kernel_name="python3",
                                   cwd=str(notebook_cwd(config_path)), progress_bar=False, log_output=False,
                                   execution_timeout=timeout,
                                   # the kernel's own log is not the user's business: its start-up notices
                                   # (TCP on localhost), and the "KeyboardInterrupt caught in kernel" it
                                   # logs as an error when jupyter_client interrupts it on every shutdown;
                                   # a cell's error still stops the run (papermill raises it)
                                   extra_arguments=["--IPKernelApp.log_level=CRITICAL"])
    strip_timings(output, notebook_cwd(config_path))
    export_html(output, out_dir / f"{name}.html")
    return output
