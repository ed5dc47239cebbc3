"""Tables for the appendix: one CSV (UTF-8, LF) and one LaTeX (booktabs) file per table, byte-stable."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from speechtopics import paths

_saved: list[dict] = []


def _latex_escape(value: object) -> str:
    text = str(value)
    for a, b in (("\\", r"\textbackslash{}"), ("&", r"\&"), ("%", r"\%"), ("$", r"\$"), ("#", r"\#"),
                 ("_", r"\_"), ("{", r"\{"), ("}", r"\}"), ("~", r"\textasciitilde{}"),
                 ("^", r"\textasciicircum{}")):
        text = text.replace(a, b)
    return text


def _fmt(value: object, float_digits: int) -> str:
    if isinstance(value, float):
        return f"{value:.{float_digits}f}"
    return "" if value is None else str(value)


def to_latex(df: pd.DataFrame, caption: str = "", label: str = "", float_digits: int = 4) -> str:
    """A booktabs ``table`` environment; written by hand so the output never depends on jinja2/Styler."""
    cols = "l" * len(df.columns)
    lines = [r"\begin{table}[htbp]", r"\centering", r"\small"]
    if caption:
        lines.append(rf"\caption{{{_latex_escape(caption)}}}")
    if label:
        lines.append(rf"\label{{{label}}}")
    lines += [rf"\begin{{tabular}}{{{cols}}}", r"\toprule",
              " & ".join(_latex_escape(c) for c in df.columns) + r" \\", r"\midrule"]
    for row in df.itertuples(index=False):
        lines.append(" & ".join(_latex_escape(_fmt(v, float_digits)) for v in row) + r" \\")
    lines += [r"\bottomrule", r"\end{tabular}", r"\end{table}", ""]
    return "\n".join(lines)


def save_table(df: pd.DataFrame, name: str, *, caption: str = "", out_dir: Path | None = None,
               float_digits: int = 4) -> list[Path]:
    """Write ``df`` as ``<name>.csv`` and ``<name>.tex`` into reports/tables and register it.

    Floats are rounded to ``float_digits`` in both files so a rerun is byte-identical.
    """
    out_dir = Path(out_dir or paths.TABLES)
    out_dir.mkdir(parents=True, exist_ok=True)
    rounded = df.copy()
    for col in rounded.columns:
        if pd.api.types.is_float_dtype(rounded[col]):
            rounded[col] = rounded[col].round(float_digits)
    csv_path = out_dir / f"{name}.csv"
    tex_path = out_dir / f"{name}.tex"
    rounded.to_csv(csv_path, index=False, lineterminator="\n", float_format=f"%.{float_digits}f")
    tex_path.write_text(to_latex(rounded, caption=caption, label=f"tab:{name}", float_digits=float_digits),
                        encoding="utf-8")
    _saved.append({"name": name, "files": [str(csv_path), str(tex_path)], "description": caption})
    from speechtopics.report.registry import record

    record("table", name, [csv_path, tex_path], caption)
    return [csv_path, tex_path]


def saved_tables() -> list[dict]:
    """Tables written by :func:`save_table` in this process, in order."""
    return list(_saved)
