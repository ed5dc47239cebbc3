"""Collinear effect designs: which design columns add nothing, and what the user can do about it.

One responsibility: find the columns of a design matrix that are linear combinations of those before
them and say, in one line, the likely cause (a spline richer than its data, an empty interaction cell,
covariates nested in one another). ``speechtopics.models.effect_design`` refuses such a design with it.
"""

from __future__ import annotations

import re

import numpy as np

#: A smooth as ``effect_design.expand_smooths`` writes it, in formulaic's column names.
SPLINE_BASIS = re.compile(r"^s\([^)]*\)\[\d+\]$")


def collinear_hint(redundant: list[str]) -> str:
    """What to do about collinear terms: lower a spline's df, fill an interaction's empty cells, or leave
    one of two covariates that move together out."""
    if all(SPLINE_BASIS.match(t) for t in redundant):
        return ("a spline with more basis columns than these data have distinct values can carry: "
                "lower its df (s(x, 3)) or use a plain x")
    if any(":" in t for t in redundant):
        return ("an interaction with combinations of levels that no document has (an empty cell) or that "
                "coincide with a main effect: leave the interaction out, or merge levels so every cell has "
                "documents")
    return "covariates nested in one another, or constant together in these data: leave one of them out"


def collinear_message(formula: str, redundant: list[str]) -> str:
    """One line naming (at most six of) the redundant terms and the likely cause.

    Examples
    --------
    >>> collinear_message("~ s(year, 19)", ["s(year)[18]", "s(year)[19]"]).split(": ")[-1]
    'lower its df (s(x, 3)) or use a plain x)'
    """
    shown = ", ".join(redundant[:6]) + (f" and {len(redundant) - 6} more" if len(redundant) > 6 else "")
    verb = "is a linear combination" if len(redundant) == 1 else "are linear combinations"
    return (f"the design of {formula!r} is collinear: {shown} {verb} of the terms before ("
            f"{collinear_hint(redundant)})")


def collinear_terms(matrix: np.ndarray, terms: list[str]) -> list[str]:
    """The design columns that are linear combinations of the columns before them (none: full rank).

    Examples
    --------
    >>> x = np.array([[1, 0, 2.0], [1, 1, 2.0], [1, 0, 2.0]])
    >>> collinear_terms(x, ["Intercept", "a", "year"])
    ['year']
    """
    if matrix.shape[1] == 0 or np.linalg.matrix_rank(matrix) == matrix.shape[1]:
        return []
    kept: list[int] = []
    redundant = []
    for j in range(matrix.shape[1]):
        if np.linalg.matrix_rank(matrix[:, kept + [j]]) == len(kept) + 1:
            kept.append(j)
        else:
            redundant.append(terms[j])
    return redundant
