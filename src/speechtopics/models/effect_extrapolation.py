"""Where an effect's predictions leave the data: the checks behind ``Effect``'s extrapolation warning.

One responsibility: for rows of new data (a factor level with the other covariates held at their median
or mode, the two values of a difference, the rows of a prediction, the points of a continuous curve), say
which rows combine values that no document combines -- a numeric value (given or held) outside the range
of the documents that share the row's categorical values, or categorical values no document has together -- and which expected
shares lie outside [0, 1] (wholly: the interval too, so that a share of about 0 that the simulation's
noise puts at -0.004 is not flagged). An OLS on shares is linear and unbounded: a level evaluated at a
held year outside its own documents' years is the model's extrapolation, and can be a negative "share"
(the government work reports of the Mao era, at the corpus's median year 1998).
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd


def _text(value) -> str:
    """A value as a reader writes it: 1998, not 1998.0."""
    return str(int(value)) if isinstance(value, float) and float(value).is_integer() else str(value)


def outside_data(design, data: pd.DataFrame, newdata) -> list[list[str]]:
    """For every row of ``newdata``: what in it lies outside the documents (empty list: nothing).

    Parameters
    ----------
    design : EffectDesign
        Gives the formula's variables, which are categorical (``design.levels``) and the held values
        (``design.complete``).
    data : pandas.DataFrame
        The documents the effect was estimated on.
    newdata : pandas.DataFrame or mapping
        The rows predicted (variables missing from it are held, as ``Effect.predict`` holds them).

    Returns
    -------
    list of list of str
        Per row, one phrase per problem: ``"year held at 1998, outside those documents' 1954-1977"``
        or ``"no document has era=mao, region=north"``.

    Examples
    --------
    >>> import pandas as pd
    >>> from speechtopics.models.effect_design import EffectDesign
    >>> d = pd.DataFrame({"era": ["a"] * 4 + ["b"] * 4, "year": [1, 2, 3, 4, 7, 8, 9, 10]})
    >>> outside_data(EffectDesign("era + year", d), d, pd.DataFrame({"era": ["a", "b"]}))
    [["year held at 5.5, outside those documents' 1-4"], ["year held at 5.5, outside those documents' 7-10"]]
    >>> outside_data(EffectDesign("year", d), d, pd.DataFrame({"year": [5, 12]}))
    [[], ["year at 12, outside the documents' 1-10"]]
    """
    given = set(map(str, pd.DataFrame(newdata).columns))
    frame = design.complete(newdata)
    categorical = [v for v in design.variables if v in design.levels]
    numeric = [v for v in design.variables if v not in design.levels]
    out = []
    for _, row in frame.iterrows():
        keep = np.ones(len(data), dtype=bool)
        for var in categorical:
            keep &= (data[var] == row[var]).to_numpy()
        problems = []
        if categorical and not keep.any():
            problems.append("no document has " + ", ".join(f"{v}={_text(row[v])}" for v in categorical))
        else:  # without a categorical variable, the range of all the documents
            for var in numeric:
                values = pd.to_numeric(data.loc[keep, var], errors="coerce").dropna()
                value = float(row[var])
                if len(values) and not values.min() <= value <= values.max():
                    how = "at" if var in given else "held at"
                    problems.append(f"{var} {how} {_text(row[var])}, outside {'those' if categorical else 'the'} "
                                    f"documents' {_text(float(values.min()))}-{_text(float(values.max()))}")
        out.append(problems)
    return out


def outside_unit(estimates: np.ndarray, topics: list, lower: np.ndarray | None = None,
                 upper: np.ndarray | None = None) -> list[list[str]]:
    """Per row: the outcomes whose expected share ``estimates[outcome, row]`` lies outside [0, 1].

    With the interval (``lower`` and ``upper``, shaped as ``estimates``) a share is outside only when
    its whole interval is (``upper < 0`` or ``lower > 1``): a share near 0 whose estimate the draws'
    noise puts a hair below it (-0.004, interval -0.36 to 0.34) is not. Without one, the estimate alone
    decides.

    Parameters
    ----------
    estimates : numpy.ndarray
        Expected shares, ``(n_outcomes, n_rows)``.
    topics : list
        The outcomes' names, in row order of ``estimates``.
    lower, upper : numpy.ndarray, optional
        The interval of each share, shaped as ``estimates``.

    Returns
    -------
    list of list of str
        Per row, one phrase per outcome outside [0, 1].

    Examples
    --------
    >>> import numpy as np
    >>> outside_unit(np.array([[0.2, -0.5], [0.8, 1.2]]), [1, 2])
    [[], ['expected share of topic 1 is -0.500', 'expected share of topic 2 is 1.200']]
    >>> est = np.array([[-0.004, -0.5]])
    >>> outside_unit(est, [1], lower=np.array([[-0.36, -0.7]]), upper=np.array([[0.34, -0.3]]))
    [[], ['expected share of topic 1 is -0.500 (interval -0.700 to -0.300)']]
    """
    est = np.asarray(estimates, dtype=float)
    if lower is None or upper is None:
        return [[f"expected share of topic {topics[o]} is {est[o, r]:.3f}" for o in range(est.shape[0])
                 if not 0.0 <= est[o, r] <= 1.0] for r in range(est.shape[1])]
    low, high = np.asarray(lower, dtype=float), np.asarray(upper, dtype=float)
    return [[f"expected share of topic {topics[o]} is {est[o, r]:.3f} (interval {low[o, r]:.3f} to "
             f"{high[o, r]:.3f})" for o in range(est.shape[0]) if high[o, r] < 0.0 or low[o, r] > 1.0]
            for r in range(est.shape[1])]


def row_names(newdata, variables) -> list[str]:
    """A name for every row of ``newdata`` from its formula ``variables``: ``year=2010, era=mao``.

    Examples
    --------
    >>> import pandas as pd
    >>> row_names(pd.DataFrame({"year": [2010.0, 2011.5], "note": ["x", "y"]}), ["year"])
    ['year=2010', 'year=2011.5']
    """
    frame = pd.DataFrame(newdata)
    shown = [c for c in frame.columns if c in set(variables)]
    return [", ".join(f"{c}={_text(v)}" for c, v in zip(shown, row))
            for row in frame[shown].itertuples(index=False)]


#: Flagged rows a warning names; the rest are counted (a prediction over a grid flags many).
MAX_NAMED = 6


def extrapolation_message(names: list[str], problems: list[list[str]]) -> str | None:
    """One warning line for all flagged rows (``names[r]`` says which row: ``era=mao``; the first
    :data:`MAX_NAMED` are named, the others counted), or None."""
    parts = [f"{name}: {'; '.join(p)}" for name, p in zip(names, problems) if p]
    if not parts:
        return None
    more = f" | and {len(parts) - MAX_NAMED} more rows" if len(parts) > MAX_NAMED else ""
    return ("predictions outside the data -- " + " | ".join(parts[:MAX_NAMED]) + more
            + ". There the linear model extrapolates "
            "(an expected share, interval and all, can fall below 0 or above 1); compare such levels within their own "
            "documents (a moderator, an interaction with the held covariate) or read them with care")


def warn_extrapolation(design, data: pd.DataFrame, newdata, estimates: np.ndarray, names: list[str],
                       topics: list, interval=None) -> list[bool]:
    """Warn once (UserWarning, :func:`extrapolation_message`) about the rows of ``newdata`` that
    :func:`outside_data` or :func:`outside_unit` flag (``estimates[outcome, row]`` with its ``interval``,
    ``(lower, upper)``, where given; outcomes named by ``topics``, rows by ``names``); a flag per row."""
    unit = outside_unit(estimates, topics, *(() if interval is None else interval))
    problems = [a + b for a, b in zip(outside_data(design, data, newdata), unit)]
    message = extrapolation_message(names, problems)
    if message:
        warnings.warn(message, UserWarning, stacklevel=4)
    return [bool(p) for p in problems]


#: A curve whose held categorical values (a moderator, the mode of another factor) have fewer documents
#: than this rests on too few to be read; the same threshold as a factor term's (``effect_support``).
FEW_DOCUMENTS = 3


def curve_support(design, data: pd.DataFrame, covariate: str, newdata: pd.DataFrame) -> tuple[list[bool], list[str]]:
    """What a continuous curve over ``covariate`` (the rows of ``newdata``, other variables fixed there or
    held as ``design.complete`` holds them) draws beyond its documents.

    The documents a curve describes are those with its categorical values (moderator and held modes). The
    problems: those values when fewer than :data:`FEW_DOCUMENTS` documents have them; the span of
    ``covariate`` drawn outside those documents' range (or a held number outside it: ``outside_data``);
    a held number that no document has where the variable takes few values (a 0/1 column's median 0.5).

    Parameters
    ----------
    design : EffectDesign
    data : pandas.DataFrame
        The documents the effect was estimated on.
    covariate : str
        The variable on the curve's axis.
    newdata : pandas.DataFrame
        The curve's rows (``covariate`` and any fixed variables).

    Returns
    -------
    (flags, problems)
        A flag per row (outside the documents) and one phrase per problem (:func:`curve_message` makes
        the warning of them).

    Examples
    --------
    >>> from speechtopics.models.effect_design import EffectDesign
    >>> d = pd.DataFrame({"g": ["a"] * 6 + ["b"] * 2, "year": [1, 2, 3, 4, 5, 6, 5, 6]})
    >>> curve_support(EffectDesign("g + year", d), d, "year", pd.DataFrame({"year": [1, 6], "g": "b"}))
    ([True, False], ['g=b has 2 documents', 'year 1-1 is drawn outside those documents (year 5-6)'])
    >>> grid = pd.DataFrame({"year": np.linspace(1, 6, 21), "g": "b"})  # the curve's points: 4.75, 5.0 …
    >>> curve_support(EffectDesign("g + year", d), d, "year", grid)[1][1]
    'year 1-4 is drawn outside those documents (year 5-6)'
    """
    frame = design.complete(newdata)
    categorical = [v for v in design.variables if v in design.levels and v != covariate]
    keep = np.ones(len(data), dtype=bool)
    for var in categorical:
        keep &= (data[var] == frame[var].iloc[0]).to_numpy()
    where = ", ".join(f"{v}={_text(frame[v].iloc[0])}" for v in categorical)
    problems = []
    if categorical and int(keep.sum()) < FEW_DOCUMENTS:
        problems.append(f"{where} has {int(keep.sum())} document{'' if keep.sum() == 1 else 's'}")
    own = pd.to_numeric(data.loc[keep, covariate], errors="coerce").dropna()
    axis = frame[covariate].astype(float)
    flags = (~axis.between(own.min(), own.max())).tolist() if len(own) else [True] * len(frame)
    if categorical and any(flags):
        ends = [float(axis[flags].min()), float(axis[flags].max())]
        if len(own) and (own % 1 == 0).all():  # whole years: 2003-2014 before 2015, not the grid's 2014.88
            ends = [np.floor(e) if e < own.min() else np.ceil(e) for e in ends]
        span = f"{covariate} {ends[0]:.6g}-{ends[1]:.6g} is drawn outside "
        span += "those documents" if problems else f"the documents with {where}"
        problems.append(span + (f" ({covariate} {float(own.min()):.6g}-{float(own.max()):.6g})" if len(own) else ""))
    held = dict.fromkeys(p for row in (outside_data(design, data, newdata) if categorical else [])
                         for p in row if not p.startswith((f"{covariate} at ", "no document has")))  # held numbers
    problems += list(held)
    flags = [f or bool(held) for f in flags]
    for var in design.variables:
        if var in categorical or var == covariate or var in newdata.columns:
            continue
        values = set(pd.to_numeric(data[var], errors="coerce").dropna())
        if len(values) <= 5 and float(frame[var].iloc[0]) not in values:
            problems.append(f"{var} is held at {_text(float(frame[var].iloc[0]))}, a value no document has "
                            f"(its values: {', '.join(_text(float(v)) for v in sorted(values))})")
    return flags, problems


def curve_message(covariate: str, problems: list[str]) -> str | None:
    """One warning line for a curve's (or several curves') :func:`curve_support` problems, or None.

    Examples
    --------
    >>> curve_message("year", ["g=b has 2 documents"])[:39]
    'the curve over year: g=b has 2 document'
    """
    if not problems:
        return None
    return (f"the curve over {covariate}: " + "; ".join(problems) + ". There the curve is the linear model's "
            "extrapolation, not those documents' shares: fix the held values with moderator=, or read it with care")
