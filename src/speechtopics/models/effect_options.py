"""Options of the covariate-effect analysis (the ``effects:`` slice of the config, notebook 05).

This module owns :class:`EffectsConfig`: the formula regressed by
:func:`speechtopics.estimate_effect`, which covariates the figures draw, the uncertainty settings, the
models of the robustness (specification) curve and the correlation method of the topic network. Empty
values mean "derive from the corpus and the rest of the config" (:meth:`EffectsConfig.factor_levels`,
:meth:`EffectsConfig.robustness_grid`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import pandas as pd


@dataclass(frozen=True)
class EffectsConfig:
    """Covariate effects on topic prevalence with uncertainty, and their robustness across models.

    Attributes
    ----------
    formula
        Right-hand side of the effect regression (``s(x)``: a B-spline, ``C(x)``: a factor); any metadata
        column of the documents can enter it (``"~ s(year) + C(level)"``).
    time
        The numeric covariate drawn as a continuous effect with bands (must be in ``formula``).
    factor
        The categorical covariate of the difference plot and the robustness curves (in ``formula``).
    levels
        The two levels of ``factor`` compared (first minus second); empty: the two largest groups.
    nsims
        Topic-share draws of the method of composition (stm's default 25).
    uncertainty
        ``global`` (draws from each unit's variational Dirichlet), ``none`` (posterior means) or
        ``refit`` (a document bootstrap that also refits the LDA ``refits`` times, carrying the error of
        the fitted topics; one LDA fit per refit). The robustness curves use ``global`` when this is
        ``refit``: they already refit every model of the grid.
    refits
        Bootstrap refits of ``uncertainty: refit`` (5 to 1000).
    cov_type
        Coefficient covariance: ``HC1`` (heteroskedasticity-robust, the default here) or ``nonrobust``
        (``estimate_effect``'s and stm's default). Collections of speeches differ in how much a topic's
        share varies (government work reports hardly ever use the diplomatic-speech topics that vary
        widely across Xi's speeches); the pooled residual variance of ``nonrobust`` then gives the
        reports' curves bands as wide as the speeches', which the data do not show.
    robustness_ks
        Numbers of topics of the robustness curve; empty: the chosen K and its neighbours in
        ``lda.sweep_ks``.
    robustness_seeds
        Seeds per K of the robustness curve (config seed, seed + 1, ...); 0: ``lda.sweep_seeds``.
    topics
        1-based topic ids drawn in the figures; empty: all topics.
    correlation
        Topic correlation method of the network: ``simple`` (stm's default) or ``glasso``.
    """

    formula: str = "~ s(year) + C(collection)"
    time: str = "year"
    factor: str = "collection"
    levels: tuple[str, ...] = ()
    nsims: int = 25
    uncertainty: Literal["global", "none", "refit"] = "global"
    refits: int = 20
    cov_type: Literal["nonrobust", "HC1"] = "HC1"
    robustness_ks: tuple[int, ...] = ()
    robustness_seeds: int = 0
    topics: tuple[int, ...] = ()
    correlation: Literal["simple", "glasso"] = "simple"

    def __post_init__(self):
        if len(self.levels) not in (0, 2):
            raise ValueError(f"levels must name two levels of {self.factor!r} or none "
                             f"(got {list(self.levels)})")
        if len(self.levels) == 2 and self.levels[0] == self.levels[1]:
            raise ValueError(f"levels must be two different levels (got {list(self.levels)})")

    def factor_levels(self, data: pd.DataFrame) -> tuple | None:
        """The two levels of ``factor`` compared: ``levels`` if given, else the two largest groups.

        Returns None when ``data`` has no such column or fewer than two of its levels occur.

        Examples
        --------
        >>> d = pd.DataFrame({"collection": ["a", "b", "b", "c", "c", "c"]})
        >>> EffectsConfig().factor_levels(d)
        ('c', 'b')
        """
        if self.factor not in data.columns:
            return None
        counts = data[self.factor].dropna().astype(str).value_counts()
        if self.levels:
            return tuple(self.levels) if all(v in counts.index for v in self.levels) else None
        if len(counts) < 2:
            return None
        top = counts.sort_index().sort_values(ascending=False, kind="stable").index[:2]
        return tuple(top)

    def robustness_grid(self, chosen_k: int, sweep_ks: Sequence[int], sweep_seeds: int,
                        seed: int) -> list[tuple[int, int]]:
        """``(K, seed)`` of every model of the robustness curve, the reported model first.

        Parameters
        ----------
        chosen_k : int
            The reported K.
        sweep_ks, sweep_seeds : the ``lda`` slice's grid
        seed : int
            The config seed (seeds are ``seed, seed + 1, ...``).

        Examples
        --------
        >>> EffectsConfig().robustness_grid(10, [5, 10, 15, 20], 2, 7)
        [(10, 7), (10, 8), (5, 7), (5, 8), (15, 7), (15, 8)]
        """
        if self.robustness_ks:
            ks = list(dict.fromkeys(self.robustness_ks))
        else:
            grid = sorted(set(sweep_ks) | {chosen_k})
            i = grid.index(chosen_k)
            ks = [chosen_k] + grid[max(i - 1, 0):i] + grid[i + 1:i + 2]
        if chosen_k in ks:
            ks.remove(chosen_k)
            ks.insert(0, chosen_k)
        n_seeds = self.robustness_seeds or sweep_seeds
        return [(k, seed + s) for k in ks for s in range(n_seeds)]
