"""Tables for the appendix: one CSV (UTF-8, LF) and one LaTeX (booktabs) file per table, byte-stable.

The LaTeX is written here rather than with ``DataFrame.to_latex`` so the output never depends on
jinja2/Styler versions. Every cell is escaped in one pass (``\\ & % $ # _ { } ~ ^`` and newlines), numeric
columns are right-aligned, and tables longer than :data:`LONGTABLE_ROWS` rows use ``longtable`` so they
break across pages. The files need ``booktabs`` (and ``longtable``) and, for Chinese text, a CJK-aware
engine: ``xelatex`` with ``xeCJK`` or ``ctex`` (see ``reports/README.md``).

CSV cells are made safe for spreadsheets (OWASP's rule against formula injection): a text cell that
starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading ``'``, so a document
title such as ``=HYPERLINK(...)`` is shown, not evaluated. Numeric columns and the LaTeX are unchanged.
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


def to_latex(df: pd.DataFrame, caption: str = "", label: str = "", float_digits: int = 4) -> str:
    """A booktabs table (``table`` + ``tabular``, or ``longtable`` for long tables) as a string.

    Parameters
    ----------
    df : DataFrame
        The table; the index is not written.
    caption, label : str
        ``\\caption`` (escaped) and ``\\label`` (used verbatim).
    float_digits : int
        Digits after the decimal point for float cells.
    """
    header = " & ".join(latex_escape(c) for c in df.columns) + r" \\"
    body = [" & ".join(latex_escape(_fmt(v, float_digits)) for v in row) + r" \\"
            for row in df.itertuples(index=False)]
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
        The cell, unchanged unless it is a ``str`` starting with one of :data:`FORMULA_PREFIXES`.
    """
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_PREFIXES) else value


def _csv_cells(df: pd.DataFrame) -> pd.DataFrame:
    """A copy whose text (object or string) columns pass through :func:`csv_safe`."""
    out = df.copy()
    for col in out.columns:
        if pd.api.types.is_object_dtype(out[col]) or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(csv_safe)
    return out


def _rounded(df: pd.DataFrame, float_digits: int) -> pd.DataFrame:
    out = df.copy()
    for col in out.columns:
        if pd.api.types.is_float_dtype(out[col]):
            out[col] = out[col].round(float_digits)
    return out


def save_table(df: pd.DataFrame, name: str, *, caption: str = "", out_dir: Path | None = None,
               float_digits: int = 4) -> list[Path]:
    """Write ``df`` as ``<name>.csv`` and ``<name>.tex`` into reports/tables and register it.

    Parameters
    ----------
    df : DataFrame
        The table (index not written).
    name : str
        File stem; the LaTeX label is ``tab:<name>``.
    caption : str
        What the table shows (LaTeX caption and the appendix entry).
    out_dir : Path, optional
        Default ``reports/tables`` of this run.
    float_digits : int
        Floats are rounded to this many digits in both files, so a rerun is byte-identical.

    Returns
    -------
    list of Path
        ``[csv, tex]``.
    """
    from speechtopics.report.registry import record, reports_dir

    out_dir = Path(out_dir or reports_dir() / "tables")
    out_dir.mkdir(parents=True, exist_ok=True)
    rounded = _rounded(df, float_digits)
    csv_path = out_dir / f"{name}.csv"
    tex_path = out_dir / f"{name}.tex"
    _csv_cells(rounded).to_csv(csv_path, index=False, lineterminator="\n", float_format=f"%.{float_digits}f",
                   encoding="utf-8")
    tex_path.write_text(to_latex(rounded, caption=caption, label=f"tab:{name}", float_digits=float_digits),
                        encoding="utf-8", newline="\n")
    _saved.append({"name": name, "files": [str(csv_path), str(tex_path)], "description": caption})
    record("table", name, [csv_path, tex_path], caption)
    return [csv_path, tex_path]


def saved_tables() -> list[dict]:
    """Tables written by :func:`save_table` in this process, in order."""
    return list(_saved)
