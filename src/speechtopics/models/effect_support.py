"""What an effect formula and its data can support, said before the regression.

One responsibility: the checks around :func:`~speechtopics.models.effects.estimate_effect`'s design.
:func:`supported_formula` (notebook 05) drops the terms the documents' metadata cannot carry (a column
the corpus lacks, a covariate with one value, a smooth of fewer than three values) and says why, so that
a user's corpus without a ``level`` or with one year still gets the effects it can;
:func:`rows_used` says how many documents a fitted effect used and which it left out for a missing value;
:func:`design_warnings` names terms whose intervals cannot be trusted (and numbers stored as text
that a bare formula term makes a factor); :func:`contrast_name` names a difference's rows;
:func:`parse_topics` reads the
outcomes asked for; :func:`effect_data` checks the covariate table and ``groups`` an effect is given,
:func:`check_choice` its options.
"""

from __future__ import annotations

import re
import warnings

from collections.abc import Sequence

import numpy as np
import pandas as pd

from speechtopics.models.effect_design import S_CALL, normalise_formula
from speechtopics.models.effect_missing import missing_cells, stand_in_values
from speechtopics.models.effect_nesting import nesting_warnings


#: The allowed values of estimate_effect's choices.
CHOICES = {"uncertainty": ("global", "none", "refit"), "cov_type": ("nonrobust", "HC1", "cluster"),
           "family": ("ols", "beta")}


def check_choice(name: str, value) -> None:
    """An error naming the allowed values when ``value`` is not one of :data:`CHOICES` ``[name]``."""
    if value not in CHOICES[name]:
        raise ValueError(f"{name}={value!r} is not allowed; use one of {', '.join(map(repr, CHOICES[name]))}")


def _split_terms(rhs: str) -> list[str]:
    """Top-level ``+`` terms of a right-hand side (``+`` inside parentheses stays)."""
    terms, depth, cur = [], 0, ""
    for ch in rhs:
        depth += (ch == "(") - (ch == ")")
        if ch == "+" and depth == 0:
            terms.append(cur.strip())
            cur = ""
        else:
            cur += ch
    return [t for t in [*terms, cur.strip()] if t]


def _term_variables(term: str, columns) -> list[str]:
    names = re.findall(r"[A-Za-z_\u4e00-\u9fff][\w\u4e00-\u9fff]*", term)
    return [n for n in dict.fromkeys(names) if n in columns]


def supported_formula(formula: str, data: pd.DataFrame) -> tuple[str | None, pd.DataFrame, list[str]]:
    """The part of ``formula`` that ``data`` can support, the rows it uses, and why terms were left out.

    A top-level ``+`` term is left out when a variable it uses is not a column, or (counting only rows
    with every kept variable present) has fewer than two distinct values, or fewer than three for a
    spline ``s(x)``. Rows with a missing value (or blank text) of a kept variable are dropped; nullable integer columns
    (``Int64`` years) become floats.

    Parameters
    ----------
    formula : str
        Right-hand side, with or without ``~``.
    data : pandas.DataFrame
        Document covariates.

    Returns
    -------
    (formula or None, rows, reasons)
        ``None`` when no term is left; ``reasons`` has one line per term left out.

    Examples
    --------
    >>> d = pd.DataFrame({"year": [2001, 2002, 2003, None], "collection": ["a", "a", "a", "b"]})
    >>> f, rows, why = supported_formula("~ s(year) + C(collection)", d)
    >>> f, len(rows), why
    ('~ s(year)', 3, ['C(collection): collection has 1 distinct value in the 3 rows with every covariate'])
    """
    terms = _split_terms(normalise_formula(formula)[1:])
    reasons, kept = [], []
    for term in terms:
        missing = [v for v in re.findall(r"[A-Za-z_]\w*", term) if v not in data.columns
                   and v not in ("s", "C", "bs", "df", "Treatment", "contr", "treatment", "np", "log")]
        if missing:
            reasons.append(f"{term}: no column {missing[0]!r} in the data")
        else:
            kept.append(term)
    while True:
        variables = sorted({v for t in kept for v in _term_variables(t, data.columns)})
        rows = data[~missing_cells(data[variables]).any(axis=1)].reset_index(drop=True) if variables else data
        bad = None
        for term in kept:
            need = 3 if S_CALL.search(term) else 2
            for v in _term_variables(term, data.columns):
                n = int(rows[v].nunique())
                if n < need:
                    bad = (term, f"{term}: {v} has {n} distinct value{'s' * (n != 1)} in the {len(rows)} rows "
                                 "with every covariate")
                    break
            if bad:
                break
        if not bad:
            break
        kept.remove(bad[0])
        reasons.append(bad[1])
    rows = rows.copy()
    for v in variables:
        if pd.api.types.is_extension_array_dtype(rows[v]) and pd.api.types.is_integer_dtype(rows[v]):
            rows[v] = rows[v].astype(float)
    return ("~ " + " + ".join(kept) if kept else None), rows, reasons


def rows_used(effect, documents: pd.DataFrame) -> str:
    """How many of ``documents`` a fitted effect used, and why it left the others out, for a caption.

    Parameters
    ----------
    effect : Effect
        The result of :func:`~speechtopics.estimate_effect`; its ``settings["left_out"]`` names the
        documents left out for a missing covariate value.
    documents : pandas.DataFrame
        The documents the effect was asked to use (``doc_id`` and the covariates).

    Returns
    -------
    str
        ``n=56 of 72 speeches: 16 without a value of year left out`` (a count per covariate with missing
        values; a document can miss several), or ``n=72 of 72 speeches`` when none was left out.

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> d = pd.DataFrame({"doc_id": ["a", "b", "c"], "year": [2001, None, 2003]})
    >>> rows_used(SimpleNamespace(settings={"left_out": ["b"]}, design=SimpleNamespace(variables=["year"])), d)
    'n=2 of 3 speeches: 1 without a value of year left out'
    """
    left = documents[documents["doc_id"].isin(list(effect.settings.get("left_out") or []))]
    line = f"n={len(documents) - len(left)} of {len(documents)} speeches"
    if not len(left):
        return line
    gaps = missing_cells(left[[v for v in effect.design.variables if v in left.columns]]).sum()
    return line + ": " + ", ".join(f"{int(c)} without a value of {v}" for v, c in gaps.items() if c) + " left out"


def parse_topics(topics, k: int) -> list[tuple[int, ...]]:
    """Outcomes from a ``topics`` argument: ``None`` -> every topic; ``[3, [5, 7]]`` -> (3,), (5, 7).

    Examples
    --------
    >>> parse_topics([3, [5, 7]], k=8)
    [(3,), (5, 7)]
    """
    if topics is None:
        return [(t,) for t in range(1, k + 1)]
    if isinstance(topics, (int, np.integer)) or not isinstance(topics, Sequence) or isinstance(topics, str):
        topics = [topics]
    out = []
    for item in topics:
        group = tuple(item) if isinstance(item, (list, tuple)) else (item,)
        if not group or any(not isinstance(t, (int, np.integer)) or not 1 <= int(t) <= k for t in group):
            raise ValueError(f"topics={topics!r}: topic ids are integers from 1 to k={k} (1-based), "
                             "or lists of them for a summed group")
        out.append(tuple(int(t) for t in group))
    return out


def outcome_name(group: tuple[int, ...]):
    """``(3,) -> 3``; ``(3, 7) -> "3+7"`` (the ``topic`` value in tables)."""
    return group[0] if len(group) == 1 else "+".join(str(t) for t in group)


def beta_warning(draws: np.ndarray, outcomes) -> str | None:
    """With ``family="beta"``: a line when more than a quarter of an outcome's share draws
    (``(nsims, n, k)``) are below 0.01, where the Beta MLE's mean can sit far from the shares' mean."""
    small = max(float(np.mean(draws[..., [t - 1 for t in g]].sum(axis=-1) < 0.01)) for g in outcomes)
    if small <= 0.25:
        return None
    return (f"family='beta': up to {small:.0%} of an outcome's shares are below 0.01, where a Beta regression's "
            "fitted mean can be far from the observed mean share; compare with family='ols' before reading its "
            "predictions as expected shares")


def contrast_name(covariate: str, value1, value2) -> str:
    """What a row of a difference table compares: ``"genre: 讲话 − 署名文章"`` (a whole float as an integer).

    Examples
    --------
    >>> contrast_name("year", 2016.0, 2013)
    'year: 2016 − 2013'
    """
    def text(v):
        return str(int(v)) if isinstance(v, (float, np.floating)) and float(v).is_integer() else str(v)
    return f"{covariate}: {text(value1)} − {text(value2)}"


def design_warnings(design, cov_type: str, cluster, data: pd.DataFrame | None = None) -> list[str]:
    """Lines to warn about a design whose intervals cannot be trusted or whose coding may surprise.

    A factor term resting on fewer than three documents (a document alone in its level fits it exactly,
    so a robust variance there is near zero); a factor whose reference level (what every one of its terms
    is compared with) has fewer than three documents in ``data``; a variable of numbers stored as text
    (``"2014"``) written bare in the formula, which is a factor of one term per value (as in R), not a
    trend; a factor whose levels sit in separate ranges of a numeric covariate
    (:func:`~speechtopics.models.effect_nesting.nesting_warnings`); and clustered errors from fewer than 20
    clusters (too narrow with few).

    Parameters
    ----------
    design : EffectDesign
    cov_type : str
    cluster : array-like or None
        Cluster ids of ``cov_type="cluster"``.
    data : pandas.DataFrame, optional
        The documents of the regression, one row each (for the reference levels' counts).

    Returns
    -------
    list of str

    Examples
    --------
    >>> from speechtopics.models.effect_design import EffectDesign
    >>> d = pd.DataFrame({"year": ["2013", "2014", "2015"] * 4, "g": ["a"] + ["b"] * 11})
    >>> for line in design_warnings(EffectDesign("year + g", d), "nonrobust", None, d):
    ...     print(line[:59])
    g[T.b] is compared with g=a, a level of 1 document: every g
    year holds numbers stored as text ('2013', '2014', '2015'):
    """
    out = []
    thin = [(term, int(col.sum())) for term, col in zip(design.terms, design.matrix.T)
            if term != "Intercept" and np.isin(col, (0.0, 1.0)).all() and 0 < col.sum() < 3]
    if thin:
        named = ", ".join(f"{t} ({n} document{'' if n == 1 else 's'})" for t, n in thin[:5])
        out.append(f"{named}{f' and {len(thin) - 5} more' if len(thin) > 5 else ''} rest on fewer than 3 "
                   "documents: their intervals are unreliable" + (f" (with {cov_type} far too narrow: a document alone "
                   "in its level is fitted exactly)" if cov_type != "nonrobust" else "")
                   + "; merge such levels or leave their documents out")
    if data is not None:
        out += (reference_warnings(design, data, cov_type) + text_number_warnings(design, data)
                + stand_in_warnings(design, data) + nesting_warnings(design, data))
    if cov_type == "cluster" and cluster is not None and (g := len(pd.unique(np.asarray(cluster)))) < 20:
        out.append(f"cov_type='cluster' with {g} clusters: clustered standard errors need many clusters (20 or "
                   "more) and come out too narrow with few; report nonrobust or HC1 beside them")
    return out


def reference_warnings(design, data: pd.DataFrame, cov_type: str) -> list[str]:
    """A line per factor whose reference level (``design.baselines``) has fewer than three documents in
    ``data``: every term of that factor is a contrast with those few documents."""
    out = []
    for var, level in design.baselines.items():
        n = int((data[var] == level).sum()) if var in data.columns else 3
        if n >= 3:
            continue
        terms = [t for t in design.terms if design.term_baseline(t) == f"{var}={level}"]
        shown = ", ".join(terms[:3]) + (f" and {len(terms) - 3} more" if len(terms) > 3 else "")
        counts = data[var].value_counts()
        big = str(counts.index[0])
        out.append(f"{shown} {'is' if len(terms) == 1 else 'are'} compared with {var}={level}, a level of {n} "
                   f"document{'' if n == 1 else 's'}: every {var} term is a contrast with "
                   f"{'that document' if n == 1 else 'those documents'}, and its interval is unreliable"
                   + (f" (with {cov_type} far too narrow)" if cov_type != "nonrobust" else "")
                   + f"; compare with a larger level, C({var}, Treatment({big!r})) ({counts.iloc[0]} documents), "
                   "or merge the small levels")
    return out


def text_number_warnings(design, data: pd.DataFrame) -> list[str]:
    """A line per variable of numbers stored as text (``"2014"``, a table read with ``dtype=str``) that the
    formula names bare (``~ year``, not ``C(year)``): formulaic, as R, makes it a factor with one term per
    value but the first, where a reader of ``~ year`` may expect a linear trend. Numbers beside text for
    "no value" (``"不详"``, ``"NA"``: a tenure not known) are such a variable too."""
    out = []
    for var in design.levels:
        if not (numbers := _bare_numbers(design, var)) or var not in data.columns:
            continue
        values = pd.Series(sorted(design.levels[var], key=str), dtype=object)
        words = stand_in_values(values)
        numbers = pd.Series(numbers, dtype=object)
        shown = ", ".join(repr(v) for v in numbers[:3]) + (", …" if len(numbers) > 3 else "")
        base = design.baselines.get(var, values.iloc[0])
        nothing = f" and {', '.join(map(repr, words))} (text for 'no value')" if words else ""
        out.append(f"{var} holds numbers stored as text ({shown}){nothing}: '~ {var}' makes it a factor, one term "
                   f"per value compared with {var}={base} (as R does with text), not a linear trend; for a trend "
                   f"convert it (data[{var!r}] = pd.to_numeric(data[{var!r}]"
                   + (", errors='coerce'), which leaves the documents without a number out," if words else "))")
                   + f" or write s({var}); write C({var}) to keep the factor without this warning")
    return out


def _bare_numbers(design, var: str) -> list:
    """The numbers stored as text of a variable of text that the formula names bare (``~ year``), when
    they are three or more and its other values are text for "no value" (不详); else an empty list."""
    bare = re.compile(rf"(?:^|:)`?{re.escape(var)}`?\[T\.")
    if not any(bare.search(t) for t in design.terms):
        return []
    values = pd.Series(sorted(design.levels[var], key=str), dtype=object)
    text = pd.to_numeric(values.astype(str), errors="coerce").isna()
    if text.sum() > len(stand_in_values(values)) or (~text).sum() < 3:  # a value neither number nor 不详
        return []
    return values[~text].tolist()


def stand_in_warnings(design, data: pd.DataFrame) -> list[str]:
    """A line per factor (a variable of text) that holds text tables write for "no value" (``NA``, 不详 …:
    :data:`~speechtopics.models.effect_missing.MISSING_WORDS`): such documents are not left out but
    estimated as a level of their own, perhaps the reference level. Numbers and such text named bare in
    the formula are :func:`text_number_warnings`' case."""
    out = []
    for var in design.levels:
        if var not in data.columns or not (words := stand_in_values(design.levels[var])):
            continue
        if _bare_numbers(design, var):
            continue  # numbers and 不详 under '~ var': text_number_warnings says it
        counts = data[var].map(lambda v: v.strip() if isinstance(v, str) else v).value_counts()
        shown = ", ".join(f"{w!r} ({int(counts.get(w, 0))} document{'s' * (int(counts.get(w, 0)) != 1)})"
                          for w in words)
        base = design.baselines.get(var)
        out.append(f"{var} holds {shown}, text for 'no value': those documents are estimated as a level of their "
                   "own" + (f" ({var}={base} is the reference level)" if isinstance(base, str)
                            and base.strip() in words else "")
                   + f"; to leave them out, make them missing: data[{var!r}] = data[{var!r}].replace({words!r}, None)")
    return out


def effect_data(model, data, groups, cov_type: str = "nonrobust") -> tuple[pd.DataFrame, object, list]:
    """The covariate table of :func:`~speechtopics.models.effects.estimate_effect` (``data``, else
    ``model.documents_``; a DataFrame with one row per ``doc_id``) in the model's document order, its
    ``groups`` (required with ``cov_type="cluster"``, only allowed with it): a column name as given, or
    one value per row as a Series indexed by ``doc_id`` (so that it follows the rows kept), and the
    ``doc_id`` of the model's documents that ``data`` has no row for.

    The rows are put in the model's order so that a covariate sheet's row order changes no number of
    the result; a document of the model without a row is left out of the estimate with a warning
    naming how many and the first (as a missing covariate value is); a ``doc_id`` the model lacks, or
    one on several rows, is an error naming it.

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> m = SimpleNamespace(documents_=pd.DataFrame({"doc_id": ["a", "b"], "year": [2001, 2002]}))
    >>> effect_data(m, None, [1, 2], "cluster")[1].to_dict()
    {'a': 1, 'b': 2}
    >>> effect_data(m, pd.DataFrame({"doc_id": ["b", "a"], "year": [2002, 2001]}), None)[0]["doc_id"].tolist()
    ['a', 'b']
    """
    if (cov_type == "cluster") != (groups is not None):
        raise ValueError("groups is required with cov_type='cluster' and only allowed with it")
    if data is not None and not isinstance(data, pd.DataFrame):  # model.documents_ is one, with the metadata
        raise TypeError("estimate_effect: data must be a DataFrame with a doc_id column "
                        f"(got {type(data).__name__})")
    model_ids = list(model.documents_["doc_id"])
    data = (model.documents_ if data is None else data).reset_index(drop=True)
    if "doc_id" not in data.columns:
        raise ValueError("data needs a doc_id column with one row per document (model.documents_ has the ids; "
                         "merge your covariates onto it)")
    if (repeated := data["doc_id"][data["doc_id"].duplicated()]).any():
        raise ValueError(f"data has {repeated.nunique()} doc_id value{'s' * (repeated.nunique() > 1)} on several "
                         f"rows, e.g. {repeated.iloc[0]!r}: one row per document")
    if groups is not None and not isinstance(groups, str):
        groups = np.asarray(groups)
        if len(groups) != len(data):
            raise ValueError(f"groups has {len(groups)} values for {len(data)} rows of data")
        groups = pd.Series(groups, index=data["doc_id"])
    position = pd.Series(range(len(model_ids)), index=model_ids)
    order = data["doc_id"].map(position)
    if order.isna().any():
        unknown = data.loc[order.isna(), "doc_id"]
        raise ValueError(f"{len(unknown)} doc_id values of data are not in the model, e.g. {unknown.iloc[0]!r}")
    data = data.iloc[np.argsort(order.to_numpy(dtype=np.int64), kind="stable")].reset_index(drop=True)
    present = set(data["doc_id"])
    absent = [d for d in model_ids if d not in present]
    if absent:
        named = ", ".join(map(str, absent[:5])) + (f" and {len(absent) - 5} more" if len(absent) > 5 else "")
        warnings.warn(f"{len(absent)} of {len(model_ids)} documents of the model have no row in data and are left "
                      f"out of the effect estimate (doc_id {named}; all in Effect.settings['left_out'])",
                      UserWarning, stacklevel=3)
    return data, groups, absent
