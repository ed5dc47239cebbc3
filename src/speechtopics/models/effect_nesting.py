"""A factor whose levels sit in separate ranges of a numeric covariate (a premier nested in the year).

This module owns :func:`nesting_warnings`. With ``~ C(premier) + s(year)``, each premier holds office in
years of their own; a comparison of premiers (:meth:`Effect.difference`, a point-estimate plot) holds
the year at one value (its median), which lies outside the years of most premiers, so every such
estimate extrapolates the year curve into years the premier never had. The fit itself is fine; what
misleads is reading level contrasts at a held value the levels do not share.
"""

from __future__ import annotations

import pandas as pd

__all__ = ["nesting_warnings"]


def nesting_warnings(design, data: pd.DataFrame) -> list[str]:
    """A line per (factor, numeric covariate) of the formula where at least half of the factor's levels
    never reach the value the covariate is held at (``design.reference``: its median) in ``data``.

    Parameters
    ----------
    design : EffectDesign
    data : pandas.DataFrame
        The documents of the regression, one row each.

    Returns
    -------
    list of str

    Examples
    --------
    >>> from speechtopics.models.effect_design import EffectDesign
    >>> d = pd.DataFrame({"year": list(range(1990, 2014)), "premier": ["李鹏"] * 8 + ["朱镕基"] * 8 + ["温家宝"] * 8})
    >>> line = nesting_warnings(EffectDesign("premier + year", d), d)[0]
    >>> line.startswith("premier's levels sit in different ranges of year (朱镕基 1998–2005, 李鹏 1990–1997")
    True
    >>> "2 of 3 never reach year=2001.5" in line
    True
    """
    numeric = [v for v in design.variables if v not in design.levels and v not in design.baselines
               and v in data.columns and pd.api.types.is_numeric_dtype(data[v])]
    out = []
    for factor in design.levels:
        if factor not in data.columns:
            continue
        for var in numeric:
            rows = data[[factor, var]].dropna()
            held = design.reference.get(var)
            if rows[factor].nunique() < 2 or held is None:
                continue
            spans = rows.groupby(factor, sort=True)[var].agg(["min", "max"])
            outside = int(((spans["min"] > held) | (spans["max"] < held)).sum())
            if 2 * outside < len(spans):
                continue
            shown = ", ".join(f"{level} {lo:g}–{hi:g}" for level, (lo, hi) in spans.head(4).iterrows())
            out.append(f"{factor}'s levels sit in different ranges of {var} ({shown}{' …' if len(spans) > 4 else ''}): "
                       f"a contrast of {factor} levels compares them at a {var} most of them never had ({outside} of "
                       f"{len(spans)} never reach {var}={held:g}, where point estimates hold it), so it rests on the "
                       f"{var} curve's extrapolation; compare levels at a {var} they share (effect.predict with "
                       f"{var} given), or fit {factor} without {var}")
    return out
