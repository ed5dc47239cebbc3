"""Tables for the appendix: one CSV (UTF-8, LF) and one LaTeX (booktabs) file per table, byte-stable.

The LaTeX is written here rather than with ``DataFrame.to_latex`` so the output never depends on
jinja2/Styler versions. Every cell is escaped in one pass (``\\ & % $ # _ { } ~ ^`` and newlines), numeric
columns are right-aligned, and tables longer than :data:`LONGTABLE_ROWS` rows use ``longtable`` so they
break across pages. The files need ``booktabs`` (and ``longtable``) and, for Chinese text, a CJK-aware
engine: ``xelatex`` with ``xeCJK`` or ``ctex`` (see ``reports/README.md``).

CSV cells are made safe for spreadsheets (OWASP's rule against formula injection): a text cell that
starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading ``'``, so a document
title such as ``=HYPERLINK(...)`` is shown, not evaluated; a number written as text (``-6.8%``, ``+3``,
``-1,200``) or a lone dash is no formula and is written as it is. Numeric columns and the LaTeX are
unchanged.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import pandas as pd

_saved: list[dict] = []

LONGTABLE_ROWS = 40
_LATEX_SPECIAL = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
                  "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
                  "\n": " ", "\r": " "}
_LATEX_RE = re.compile("|".join(re.escape(k) for k in _LATEX_SPECIAL))
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
#: Text that starts like a formula but is a number (``-6.8%``, ``+3``, ``-1,200.5``, ``-2e-3``) or a dash.
NUMBER_LIKE = re.compile(r"[+-]?(?:\d[\d,]*(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?%?|[+-]+|—+")


def latex_escape(value: object) -> str:
    """Escape text for LaTeX in a single pass (so ``\\`` never gets its braces escaped twice)."""
    return _LATEX_RE.sub(lambda m: _LATEX_SPECIAL[m.group(0)], str(value))


def _fmt(value: object, float_digits: int) -> str:
    """Cell text: floats rounded to ``float_digits``, missing values empty."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, float):
        return f"{value:.{float_digits}f}"
    return str(value)


def _align(df: pd.DataFrame) -> str:
    return "".join("r" if pd.api.types.is_numeric_dtype(df[c]) and not pd.api.types.is_bool_dtype(df[c])
                   else "l" for c in df.columns)


def to_latex(df: pd.DataFrame, caption: str = "", label: str = "", float_digits: int = 4, empty: str = "none") -> str:
    """A booktabs table (``table`` + ``tabular``, or ``longtable`` for long tables) as a string.

    Parameters
    ----------
    df : DataFrame
        The table; the index is not written.
    caption, label : str
        ``\\caption`` (escaped) and ``\\label`` (used verbatim).
    float_digits : int
        Digits after the decimal point for float cells.
    empty : str
        The one row, across every column, of a table without rows (so it does not read as a table that
        lost its rows).
    """
    header = " & ".join(latex_escape(c) for c in df.columns) + r" \\"
    body = [" & ".join(latex_escape(_fmt(v, float_digits)) for v in row) + r" \\"
            for row in df.itertuples(index=False)]
    if not body:
        body = [rf"\multicolumn{{{max(len(df.columns), 1)}}}{{l}}{{{latex_escape(empty)}}} \\"]
    cap = [rf"\caption{{{latex_escape(caption)}}}"] if caption else []
    lab = [rf"\label{{{label}}}"] if label else []
    if len(df) > LONGTABLE_ROWS:
        cap_line = ([(cap[0] if cap else r"\caption{}") + (lab[0] if lab else "") + r" \\"]
                    if cap or lab else [])
        lines = [r"{\small", rf"\begin{{longtable}}{{{_align(df)}}}", *cap_line, r"\toprule", header,
                 r"\midrule", r"\endfirsthead", r"\toprule", header, r"\midrule", r"\endhead",
                 r"\bottomrule", r"\endfoot", *body, r"\end{longtable}", "}"]
    else:
        lines = [r"\begin{table}[htbp]", r"\centering", r"\small", *cap, *lab,
                 rf"\begin{{tabular}}{{{_align(df)}}}", r"\toprule", header, r"\midrule", *body,
                 r"\bottomrule", r"\end{tabular}", r"\end{table}"]
    return "\n".join(lines) + "\n"


def csv_safe(value: object) -> object:
    """``value`` with a leading ``'`` when it is text a spreadsheet would read as a formula.

    Parameters
    ----------
    value : object
        A cell.

    Returns
    -------
    object
        The cell, unchanged unless it is a ``str`` starting with one of :data:`FORMULA_PREFIXES` that is
        not a number (:data:`NUMBER_LIKE`).

    Examples
    --------
    >>> [csv_safe(v) for v in ("=SUM(A1)", "+1 票", "-6.8%", "+3", "-", "无")]
    ["'=SUM(A1)", "'+1 票", '-6.8%', '+3', '-', '无']
    """
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES) and not NUMBER_LIKE.fullmatch(value):
        return "'" + value
    return value


def csv_cells(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``df`` whose text (object or string) columns pass through :func:`csv_safe`.

    Parameters
    ----------
    df : DataFrame
        A table.

    Returns
    -------
    DataFrame
        The copy, numbers unchanged.
    """
    out = df.copy()
    for col in out.columns:
        if pd.api.types.is_object_dtype(out[col]) or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(csv_safe)
    return out


def round_floats(df: pd.DataFrame, float_digits: int) -> pd.DataFrame:
    """Floats rounded to ``float_digits``; a p-value column (``p_value``) written so that one too small
    for the digits keeps two significant ones (``3.2e-05``, not ``0.0000``, which reads as p = 0).

    How every saved table rounds (:func:`save_table`, ``SpeechClusters.save``); write the copy with
    ``float_format=f"%.{float_digits}f"`` so a rerun is byte-identical.

    Examples
    --------
    >>> t = round_floats(pd.DataFrame({"jaccard": [0.7128252788104089], "p_value": [3.2e-07]}), 4)
    >>> t.to_dict("records")
    [{'jaccard': 0.7128, 'p_value': '3.2e-07'}]
    """
    out = df.copy()
    for col in out.columns:
        if pd.api.types.is_float_dtype(out[col]):
            if str(col).startswith("p_value"):
                tiny = 10.0 ** -float_digits
                out[col] = [("" if pd.isna(v) else f"{v:.1e}" if 0 < v < tiny else f"{v:.{float_digits}f}")
                            for v in out[col]]
            else:
                out[col] = out[col].round(float_digits)
    return out


#: The row labels of ``DataFrame.describe()``: an unnamed index of these is called ``statistic``.
DESCRIBE_ROWS = frozenset({"count", "mean", "std", "min", "25%", "50%", "75%", "max", "unique", "top", "freq"})


def positional_index(index: pd.Index) -> bool:
    """Whether ``index`` only numbers the rows (an unnamed integer index such as ``0 .. n-1``).

    Parameters
    ----------
    index : Index
        A frame's index.

    Returns
    -------
    bool
        True for an unnamed single-level integer index (a RangeIndex, or one left by filtering rows).
    """
    return index.nlevels == 1 and index.name is None and pd.api.types.is_integer_dtype(index.dtype)


def with_row_labels(df: pd.DataFrame, index_label: str | None = None) -> pd.DataFrame:
    """``df`` with its row labels as leading column(s), unless the index only numbers the rows.

    Parameters
    ----------
    df : DataFrame
        A table.
    index_label : str, optional
        Name of the label column; default the index's own name, else ``statistic`` for the rows of
        ``describe()``, else ``row``. A MultiIndex keeps its level names (unnamed levels get
        ``level_<i>``).

    Returns
    -------
    DataFrame
        ``df`` itself when its index is positional (:func:`positional_index`), else a copy whose first
        column(s) hold the row labels and whose index is a RangeIndex.

    Examples
    --------
    >>> with_row_labels(pd.DataFrame({"x": [1.0, 2.0]}).describe()).columns.tolist()
    ['statistic', 'x']
    >>> with_row_labels(pd.DataFrame({"x": [1]})).columns.tolist()
    ['x']
    """
    if positional_index(df.index):
        return df
    if df.index.nlevels > 1:
        names = [n if n not in (None, "") else f"level_{i}" for i, n in enumerate(df.index.names)]
        return df.rename_axis(names).reset_index()
    name = index_label or df.index.name
    if name in (None, ""):
        name = "statistic" if set(map(str, df.index)) <= DESCRIBE_ROWS else "row"
    if name in df.columns:
        raise ValueError(f"save_table: the row-label column {name!r} is already a column; pass index_label")
    return df.rename_axis(name).reset_index()


def save_table(df: pd.DataFrame, name: str, folder: str | Path | None = None, *, caption: str = "",
               out_dir: Path | None = None, float_digits: int = 4, index_label: str | None = None,
               empty: str = "none") -> list[Path]:
    """Write ``df`` as ``<name>.csv`` and ``<name>.tex`` into reports/tables and register it.

    Parameters
    ----------
    df : DataFrame
        The table. Its row labels are written as the first column (named by ``index_label``, the
        index's name, ``statistic`` for ``describe()`` rows or ``row``); an index that only numbers
        the rows (unnamed integers, such as a RangeIndex) is not written.
    name : str
        File stem; the LaTeX label is ``tab:<name>``.
    folder : str or Path, optional
        Where to write (default ``reports/tables`` of this run), as in :func:`save_figure`.
    caption : str
        What the table shows (LaTeX caption and the appendix entry).
    out_dir : Path, optional
        The same as ``folder`` (the older keyword).
    float_digits : int
        Floats are rounded to this many digits in both files, so a rerun is byte-identical.
    index_label : str, optional
        Name of the row-label column (see :func:`with_row_labels`).
    empty : str
        What the LaTeX table says in its one row when ``df`` has none (the CSV keeps its header only).

    Returns
    -------
    list of Path
        ``[csv, tex]``.
    """
    from speechtopics.report.registry import record, reports_dir

    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"save_table needs a pandas DataFrame (got a {type(df).__name__}): "
                        "pd.DataFrame(...) or a Series' .to_frame()")
    out_dir = Path(folder or out_dir or reports_dir() / "tables")
    out_dir.mkdir(parents=True, exist_ok=True)
    rounded = round_floats(with_row_labels(df, index_label), float_digits)
    csv_path = out_dir / f"{name}.csv"
    tex_path = out_dir / f"{name}.tex"
    csv_cells(rounded).to_csv(csv_path, index=False, lineterminator="\n", float_format=f"%.{float_digits}f",
                   encoding="utf-8")
    tex_path.write_text(to_latex(rounded, caption=caption, label=f"tab:{name}", float_digits=float_digits,
                                 empty=empty),
                        encoding="utf-8", newline="\n")
    _saved.append({"name": name, "files": [str(csv_path), str(tex_path)], "description": caption})
    record("table", name, [csv_path, tex_path], caption)
    return [csv_path, tex_path]


def saved_tables() -> list[dict]:
    """Tables written by :func:`save_table` in this process, in order."""
    return list(_saved)
