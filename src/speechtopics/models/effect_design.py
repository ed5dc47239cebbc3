"""Design matrices of covariate-effect formulas: parse once, keep the encoding, re-use it for new data.

One responsibility: turn a right-hand-side formula (``"~ C(level) + s(year)"``) and a DataFrame into a
design matrix with formulaic, and keep formulaic's ``ModelSpec`` so that predictions on new data use the
same factor levels and the same spline knots.

Splines: ``s(x)`` and ``s(x, df)`` (stm's smoother) are rewritten in the formula string, before
formulaic sees it, to ``bs(x, df=df, degree=min(3, df), extrapolation='extend')``. formulaic's ``bs``
is a stateful transform, so the knots (quantiles of ``x`` in the fitting data) and the boundary knots are
stored in the ``ModelSpec`` and reused for new data; ``extrapolation='extend'`` continues the end
polynomials beyond the data range, as R's ``predict(bs(...))`` does. When ``df`` is not given it is
``min(10, max(1, n_unique // 3))`` where ``n_unique`` is the number of distinct values of ``x`` in the
data: stm's ``s()`` defaults to ``df = 10``, and with few distinct values (years) it is capped at one
degree of freedom per three of them, so that the curve is a smooth of the years, not a line through
each year's mean (with a degree of freedom per year the basis nearly interpolates, and between and
beyond sparse years gave "shares" of -400 to +600).
"""

from __future__ import annotations

import difflib
import re
import warnings
from collections.abc import Mapping

import numpy as np
import pandas as pd

from speechtopics.models.effect_collinear import collinear_message, collinear_terms
from speechtopics.models.effect_missing import missing_cells, stand_in_values
from speechtopics.records import missing_field

_SMOOTH_TERM = re.compile(r"bs\((\w+), df=\d+, degree=\d+, extrapolation='extend'\)")
#: ``s(x)`` / ``s(x, df)``; ``x`` is any identifier, Chinese ones (``s(年份)``) included.
S_CALL = re.compile(r"(?<![\w.])s\(\s*([^\W\d]\w*)\s*(?:,\s*(?:df\s*=\s*)?(\d+)\s*)?\)")


#: Operators typed with a Chinese input method (＋, ～, （）, ，, ＊, ：) read as their ASCII forms.
_FULL_WIDTH = str.maketrans("＋～（），＊：－", "+~(),*:-")


def first_line(exc: Exception) -> str:
    """An error's first line without terminal colours (formulaic marks the bad token in colour, below)."""
    lines = re.sub(r"\x1b\[[0-9;]*m", "", str(exc)).strip().splitlines()
    return lines[0] if lines else type(exc).__name__


def spline_df(x, df: int | None = None, name: str = "x") -> int:
    """Degrees of freedom of ``s(x)``: ``df`` when given, else ``min(10, max(1, n_unique // 3))``.

    Parameters
    ----------
    x : array-like
        The covariate values in the fitting data.
    df : int, optional
        Requested degrees of freedom.

    Returns
    -------
    int

    Examples
    --------
    >>> spline_df([2001, 2002, 2003, 2004]), spline_df(range(2010, 2025))
    (1, 5)
    >>> spline_df(range(50))
    10
    """
    if df is not None:
        if int(df) < 1:
            raise ValueError(f"s({name}): df must be at least 1, got {df}")
        return int(df)
    n_unique = int(pd.Series(np.asarray(x)).nunique())
    if n_unique < 2:
        raise ValueError(f"s({name}): {name} has {n_unique} distinct value{'' if n_unique == 1 else 's'} in these "
                         "data; a smooth needs at least two")
    return min(10, max(1, n_unique // 3))


def expand_smooths(formula: str, data: pd.DataFrame, warn: bool = False) -> str:
    """Rewrite ``s(x)`` / ``s(x, df)`` as formulaic B-splines (see the module docstring); with ``warn``, a
    default df of 1 (a straight line) is said once.

    Examples
    --------
    >>> import pandas as pd
    >>> expand_smooths("~ s(year, 4)", pd.DataFrame({"year": range(2000, 2020)}))
    "~ bs(year, df=4, degree=3, extrapolation='extend')"
    """
    def repl(match: re.Match) -> str:
        name, df = match.group(1), match.group(2)
        if name not in data.columns:
            raise missing_field(name, list(map(str, data.columns)), "column", f"formula {formula!r}")
        values = data[name].dropna()
        text = values[pd.to_numeric(values.astype(object), errors="coerce").isna()]  # 人社厅, not 2020 or "2020"
        if len(text):
            example = f" such as {text.iloc[0]!r}"
            if words := stand_in_values(text):  # numbers with 不详 or NA where a value is not known
                if len(words) == text.map(lambda v: str(v).strip()).nunique():
                    raise ValueError(f"s({name}): {name} holds numbers and {', '.join(map(repr, words))}, text for "
                                     "'no value'; make those cells missing to leave their documents out: "
                                     f"data[{name!r}] = pd.to_numeric(data[{name!r}], errors='coerce')")
            raise ValueError(f"s({name}): {name} is not numeric (values{example}); a smooth is of a number "
                             f"such as a year: write C({name}) for a categorical covariate")
        d = spline_df(data[name], None if df is None else int(df), name)
        if warn and d == 1 and df is None:
            warnings.warn(f"s({name}): {data[name].nunique()} distinct values give one degree of freedom, so the "
                          f"smooth is a straight line in {name}; write s({name}, df) for a curve", UserWarning,
                          stacklevel=2)
        return f"bs({name}, df={d}, degree={min(3, d)}, extrapolation='extend')"

    return S_CALL.sub(repl, formula)


def normalise_formula(formula: str) -> str:
    """``"a + b"`` or ``"~ a + b"`` -> ``"~ a + b"``; a left-hand side is an error. Operators typed in
    full width (＋, （）) read as ASCII, except inside backticks, where a column's name is as written.

    Examples
    --------
    >>> normalise_formula("C(level) + year")
    '~ C(level) + year'
    >>> normalise_formula("～ C（`级别（行政）`）")
    '~ C(`级别（行政）`)'
    """
    if not isinstance(formula, str) or not formula.strip():
        raise ValueError("formula must be a non-empty string such as '~ C(level) + s(year)'")
    parts = formula.strip().split("`")  # the odd parts are backticked names
    text = "`".join(p if i % 2 else p.translate(_FULL_WIDTH) for i, p in enumerate(parts))
    if "~" in text:
        lhs, _, rhs = text.partition("~")
        if lhs.strip():
            raise ValueError(f"formula {formula!r} has a left-hand side; give only '~ covariates' "
                             "(the outcome is the topic share)")
        text = rhs.strip()
    return f"~ {text}"


def formula_variables(formula: str, data: pd.DataFrame) -> list[str]:
    """The columns of ``data`` that ``formula`` uses, sorted; a name that is neither a column nor one of
    formulaic's transforms (``C``, ``bs``, ``log``, ``np`` …) is an error naming the columns there are.

    Examples
    --------
    >>> import pandas as pd
    >>> d = pd.DataFrame({"年份": [2001, 2002, 2003], "级别": ["县", "市", "县"]})
    >>> formula_variables("C(级别) + s(年份, 2)", d)
    ['年份', '级别']
    >>> formula_variables("C(级别) + year", d)
    Traceback (most recent call last):
    ...
    speechtopics.records.FieldError: formula '~ C(级别) + year': no column 'year' (fields: 年份, 级别); did you mean '年份'?
    """
    from formulaic import Formula

    normal = normalise_formula(formula)
    expand_smooths(normal, data)  # checks the s() columns
    plain = S_CALL.sub(lambda m: m.group(1), normal)  # formulaic does not list a bs() call's variable
    odd_s = re.search(r"(?<![\w.])s\([^)]*\)?", plain)
    if odd_s:
        raise ValueError(f"formula {normal!r}: {odd_s.group(0)} is not a smooth this reads; write s(x) or "
                         "s(x, df) with a column x and a whole number df, such as s(year, 4)")
    try:
        required = sorted(str(v) for v in Formula(plain).required_variables)
    except Exception as exc:  # a formula formulaic cannot parse
        raise ValueError(f"cannot read the formula {normal!r}: {first_line(exc)}") from None
    columns = list(map(str, data.columns))
    calls = [v for v in required if v not in columns and re.search(rf"(?<![\w.]){re.escape(v)}\s*\(", plain)]
    if calls:
        raise ValueError(f"formula {normal!r}: {calls[0]}() is not a function here; write C(x) for a "
                         "categorical covariate and s(x) or s(x, df) for a smooth one")
    unknown = [v for v in required if v not in columns]
    if unknown:
        raise missing_field(unknown[0], columns, "column", f"formula {normal!r}")
    if not required:  # "~", "~ 1": an intercept alone, the mean share, is no effect of anything
        raise ValueError(f"formula {normal.strip()!r} names no covariate; give at least one column, such as "
                         "'~ C(level) + s(year)'")
    return required


def numeric_smooths(formula: str, data: pd.DataFrame) -> pd.DataFrame:
    """``data`` with the column of every ``s(x)`` in ``formula`` that holds numbers as text or Python
    objects (a table read with ``dtype=str``: ``"2020"``) converted to numbers; a column that is already
    numeric, or that has a value that is not a number (refused by :func:`expand_smooths`), is kept.

    Examples
    --------
    >>> import pandas as pd
    >>> numeric_smooths("~ s(year)", pd.DataFrame({"year": ["2001", "2002", None]}))["year"].tolist()
    [2001.0, 2002.0, nan]
    """
    convert = {}
    for name in dict.fromkeys(m.group(1) for m in S_CALL.finditer(formula)):
        if name in data.columns and not pd.api.types.is_numeric_dtype(data[name]):
            values = pd.to_numeric(data[name].astype(object), errors="coerce")
            if (values.notna() | data[name].isna()).all():
                convert[name] = values
    return data.assign(**convert) if convert else data


def complete_rows(data: pd.DataFrame, formula: str) -> tuple[pd.DataFrame, list]:
    """``data`` without the rows that miss a value of a ``formula`` variable, and those rows' ``doc_id``.

    As R's ``lm`` (``na.omit``), rows with a missing covariate (:func:`missing_cells`: a blank text cell
    too) are left out of the regression, but not silently: a ``UserWarning`` says how many, which
    columns and the first five ``doc_id``. Every row missing one is an error.

    Examples
    --------
    >>> import pandas as pd, warnings
    >>> d = pd.DataFrame({"doc_id": ["a", "b", "c"], "year": [2001, None, 2003]})
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     kept, left_out = complete_rows(d, "~ year")
    >>> kept["doc_id"].tolist(), left_out
    (['a', 'c'], ['b'])
    """
    variables = formula_variables(formula, data)
    empty = missing_cells(data[variables])
    missing = empty.any(axis=1)
    if not missing.any():
        return data, []
    which = ", ".join(f"{v} ({int(c)})" for v, c in empty.sum().items() if c)
    if missing.all():
        raise ValueError(f"every row misses a value of {which}: no row to estimate the effect on")
    ids = data.loc[missing, "doc_id"].astype(str).tolist()
    named = ", ".join(ids[:5]) + (f" and {len(ids) - 5} more" if len(ids) > 5 else "")
    warnings.warn(f"{int(missing.sum())} of {len(data)} documents left out of the effect estimate, "
                  f"missing values in: {which} (doc_id {named}; all in Effect.settings['left_out'])",
                  UserWarning, stacklevel=3)
    return data[~missing].reset_index(drop=True), data.loc[missing, "doc_id"].tolist()


class EffectDesign:
    """A covariate formula fitted to data: its design matrix and the encoding to reuse on new data.

    Parameters
    ----------
    formula : str
        Right-hand side, with or without ``~``; ``C(x)`` factors, ``a:b`` / ``a*b`` interactions,
        ``s(x)`` / ``s(x, df)`` splines.
    data : pandas.DataFrame
        The fitting data (one row per observation).

    Attributes
    ----------
    formula : str
        The formula as given, normalised to start with ``~``.
    expanded : str
        The formula formulaic evaluates (splines rewritten).
    variables : list of str
        Data columns the formula uses, sorted.
    terms : list of str
        Design-matrix column names.
    matrix : numpy.ndarray
        The (n, p) design matrix of the fitting data.

    Examples
    --------
    >>> import pandas as pd
    >>> d = pd.DataFrame({"level": ["a", "b"] * 10, "year": range(2000, 2020)})
    >>> design = EffectDesign("C(level) + s(year, 4)", d)
    >>> design.matrix.shape
    (20, 6)
    >>> design.transform(pd.DataFrame({"level": ["b"], "year": [2010]})).shape
    (1, 6)
    """

    def __init__(self, formula: str, data: pd.DataFrame):
        from formulaic import Formula

        self.formula = normalise_formula(formula)
        data = numeric_smooths(self.formula, data)  # "2020" or an object 2020 is a year to a smooth
        for var in formula_variables(self.formula, data):  # a one-valued factor would vanish from the design
            values = data[var].dropna().unique()
            if len(values) < 2:
                raise ValueError(f"{var!r} has {len(values)} distinct value{'' if len(values) == 1 else 's'} in the "
                                 f"data{f' ({values[0]})' if len(values) else ''}: it has no effect to estimate; "
                                 "leave it out of the formula")
        self.expanded = expand_smooths(self.formula, data, warn=True)  # the one place that warns
        try:
            mm = Formula(self.expanded).get_model_matrix(data, na_action="raise")
        except Exception as exc:  # formulaic raises many types; say which formula failed
            raise ValueError(f"cannot build the design of {self.formula!r}: {first_line(exc)}") from exc
        self.spec = mm.model_spec
        self.variables = sorted(str(v) for v in self.spec.required_variables)
        self.terms = [_SMOOTH_TERM.sub(r"s(\1)", str(c)) for c in mm.columns]  # s(year)[1], not bs(year, df=…)[1]
        self.matrix = np.asarray(mm, dtype=float)
        redundant = collinear_terms(self.matrix, self.terms)
        if redundant:
            raise ValueError(collinear_message(self.formula, redundant))
        #: the values of every non-numeric variable in the fitting data (new data must use them)
        self.levels = {v: set(data[v].dropna().unique()) for v in self.variables
                       if not pd.api.types.is_numeric_dtype(data[v]) or pd.api.types.is_bool_dtype(data[v])}
        self._reference = reference_values(data, self.variables)
        #: the reference level of every factor (``C(year)`` too): the one level without a ``[T.…]`` term
        self.baselines = {}
        for var in self.variables:
            mine = [t for t in self.terms if "[T." in t and re.search(_named(var), t)]
            unseen = [v for v in data[var].dropna().unique() if not any(f"[T.{v}]" in t for t in mine)]
            if mine and len(unseen) == 1:
                self.baselines[var] = unseen[0]

    def term_baseline(self, term: str) -> str:
        """What a factor term is compared with (``level=县``; ``;``-joined for an interaction), or ``""``."""
        parts = []
        for var, level in self.baselines.items():
            if re.search(_named(var) + r"[^:]*\[T\.", term):
                parts.append(f"{var}={level}")
        return "; ".join(parts)

    @property
    def reference(self) -> dict:
        """Typical value of every formula variable: median of numeric ones, mode of the others."""
        return dict(self._reference)

    def transform(self, newdata: pd.DataFrame | Mapping) -> np.ndarray:
        """Design matrix of ``newdata`` with the fitted encoding; missing variables take :attr:`reference`.

        Parameters
        ----------
        newdata : pandas.DataFrame or mapping of column -> values

        Returns
        -------
        numpy.ndarray
            ``(len(newdata), len(terms))``.
        """
        frame = self.complete(newdata)
        for var, levels in self.levels.items():  # formulaic would encode an unseen level as the reference
            unknown = [v for v in frame[var].unique() if not pd.isna(v) and v not in levels]
            if unknown:
                known = sorted(map(str, levels))
                close = difflib.get_close_matches(str(unknown[0]), known, n=1)
                raise ValueError(f"{var}: {unknown[0]!r} is not a value of the data (values: {', '.join(known)})"
                                 + (f"; did you mean {close[0]!r}?" if close else ""))
        try:
            mm = self.spec.get_model_matrix(frame, na_action="raise")
        except Exception as exc:
            raise ValueError(f"cannot encode new data with {self.formula!r}: {first_line(exc)}") from exc
        return np.asarray(mm, dtype=float)

    def complete(self, newdata: pd.DataFrame | Mapping) -> pd.DataFrame:
        """``newdata`` as a DataFrame with every formula variable present (missing ones at reference)."""
        frame = numeric_smooths(self.formula, pd.DataFrame(newdata).reset_index(drop=True))
        for var in self.variables:
            if var not in frame.columns:
                frame[var] = [self._reference[var]] * len(frame)
        return frame


def _named(var: str) -> str:
    """A pattern for ``var`` as a design term names it: at the start, after ``(`` or ``:``, in backticks
    when its name is not an identifier (``C(`发言人 姓名`)[T.李強]``)."""
    return rf"(?:^|[(:])`?{re.escape(var)}`?(?![\w])"


def reference_values(data: pd.DataFrame, variables) -> dict:
    """Median of each numeric column in ``variables`` (an int when it and the column's values are whole
    numbers, so that a held year reads 2020, not 2020.0), mode (first in sort order on ties) of the others.

    Examples
    --------
    >>> import pandas as pd
    >>> reference_values(pd.DataFrame({"x": [1, 2, 9], "g": ["b", "a", "b"]}), ["x", "g"])
    {'x': 2, 'g': 'b'}
    >>> d = pd.DataFrame({"year": [2019.0, 2021.0], "tenure": [1, 2], "share": [0.5, 0.5]})
    >>> reference_values(d, ["year", "tenure", "share"])
    {'year': 2020, 'tenure': 1.5, 'share': 0.5}
    """
    out = {}
    for var in variables:
        col = data[var]
        if pd.api.types.is_numeric_dtype(col) and not pd.api.types.is_bool_dtype(col):
            values = col.to_numpy(dtype=float)
            median = float(np.median(values))  # a whole median of whole numbers (a year) is an int: 2020
            out[var] = int(median) if median.is_integer() and (values == np.round(values)).all() else median
        else:
            counts = col.value_counts(sort=False)
            best = counts.max()
            out[var] = sorted((v for v, c in counts.items() if c == best), key=str)[0]
    return out
