"""Figures of covariate effects on topic prevalence: stm's three effect plots.

One responsibility: draw :class:`speechtopics.models.effects.Effect` results as matplotlib Figures
(the specification curves of robustness tables are ``report.specification_figures``, re-exported
here). Every function returns the Figure and never saves it (``style.save_figure`` does); importing
``speechtopics.report.style`` applies the project style and the bundled CJK font, so topic labels in
Chinese render. ``lang`` (``report.labels``) is the language of the fixed text.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from speechtopics.arguments import ci_arg
from speechtopics.models.effect_extrapolation import curve_message, curve_support
from speechtopics.report import style  # noqa: F401  (applies the one style and the CJK font)
from speechtopics.report.labels import LabelMode, figure_text
from speechtopics.report.specification_figures import (  # noqa: F401  (re-exported: their old home)
    plot_specification_curve,
    seed_label,
    sign_agreement,
    specification_panel,
)

METHODS = ("pointestimate", "difference", "continuous")


def topic_names(effect, idx: list[int], labels: Sequence[str] | None) -> list[str]:
    """Panel or tick names of the outcomes ``idx``: ``labels`` if given, else ``"id: model label"``."""
    if labels is not None:
        if len(labels) != len(idx):
            raise ValueError(f"labels has {len(labels)} entries for {len(idx)} topics")
        return list(labels)
    return [f"{effect.topics[o]}: {effect.outcome_label(effect.topics[o])}" for o in idx]


def plot_effect(effect, covariate: str, *, method: str = "pointestimate", topics=None, cov_value1=None,
                cov_value2=None, moderator: str | None = None, moderator_value=None, ci: float = 0.95,
                labels: Sequence[str] | None = None, lang: LabelMode = "zh"):
    """stm's ``plot.estimateEffect``: point estimates, a difference, or a continuous curve.

    Parameters
    ----------
    effect : Effect
        From ``estimate_effect``.
    covariate : str
        A variable of the formula.
    method : {"pointestimate", "difference", "continuous"}
        ``pointestimate``: expected share at every level (number of documents per level on the axis;
        a level evaluated outside its own documents -- a held year none of them has, or an expected
        share whose interval lies wholly outside [0, 1] -- is marked "extrapolated" and warned about once, naming the level and the
        covariate, see ``Effect.extrapolation``; the shares 0 and 1 are drawn when an estimate or
        interval passes them);
        ``difference``: share at ``cov_value1`` minus at ``cov_value2`` per topic; ``continuous``: share over
        the observed range of a numeric covariate with a band, a rug of the documents' values and grey
        spans where there is no document (:func:`document_gaps`); a warning (and a hatched span) when
        the values held -- a moderator, another factor's mode -- have fewer than 3 documents, or their
        documents do not reach part of the range, or a held number is one no document has
        (``effect_extrapolation.curve_support``).
        Other covariates are held at their median (numeric) or mode.
    topics : list, optional
        Topic ids (or group names such as ``"3+7"``) among those estimated; default all.
    moderator, moderator_value : optional
        Fix an interacting covariate at one value.
    ci : float
        Interval level.
    labels : list of str, optional
        One label per plotted topic (default ``"id: model label"``).
    lang : {"zh", "en", "both"}
        ``report.labels``: the language of the titles, axis labels and legend (主题比例期望值 /
        Expected topic share); topic labels and covariate names are drawn as given.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> from speechtopics.models.effect_simulation import simulate_corpus, fit_stand_in
    >>> from speechtopics.models.effects import estimate_effect
    >>> m = fit_stand_in(simulate_corpus(n_docs=60, doc_len=30, seed=4), k=3, seed=4, passes=3)
    >>> fig = plot_effect(estimate_effect(m, "group + year", nsims=2), "year", method="continuous")
    >>> type(fig).__name__
    'Figure'
    """
    if method not in METHODS:
        raise ValueError(f"method={method!r} is not allowed; use one of {', '.join(map(repr, METHODS))}")
    ci = ci_arg(ci, "plot")
    if covariate not in effect.design.variables:
        raise ValueError(f"covariate {covariate!r} is not in the formula {effect.settings['formula']!r}")
    if moderator is not None:
        if moderator not in effect.design.variables or moderator == covariate:
            raise ValueError(f"moderator {moderator!r} is not another variable of the formula "
                             f"{effect.settings['formula']!r}")
        if moderator_value is None:
            raise ValueError(f"moderator {moderator!r} needs a moderator_value")
    idx = effect.select(topics)
    names = topic_names(effect, idx, labels)
    fixed = {} if moderator is None else {moderator: moderator_value}
    held = held_values(effect, {covariate, *fixed})
    fixed_and_held = (fixed, held, interval_method(effect))
    if method == "difference":
        return _difference(effect, covariate, idx, names, cov_value1, cov_value2, fixed_and_held, ci, lang)
    if method == "continuous":
        return _continuous(effect, covariate, idx, names, fixed_and_held, ci, lang)
    return _pointestimate(effect, covariate, idx, names, fixed_and_held, ci, lang)


#: A span between two neighbouring values of a continuous covariate wider than this share of its range,
#: and more than twice the values' usual spacing, holds no document: the curve there is the model's
#: interpolation, and the figures shade it.
GAP_SHARE = 0.1


def document_gaps(values) -> list[tuple[float, float]]:
    """Spans of a continuous covariate with no document, wider than :data:`GAP_SHARE` of its range and
    than twice the median step between its distinct values (years 1965-1974 of the work reports, which
    have none; not a year's step in documents of 2022-2026): each ``(last value before, first after)``.

    Examples
    --------
    >>> document_gaps([2001, 2011, 2012, 2013, 2020, 2021, 2024])
    [(2001.0, 2011.0), (2013.0, 2020.0)]
    >>> document_gaps([2022, 2023, 2024, 2025, 2026])
    []
    """
    v = np.unique(np.asarray(values, dtype=float))
    if len(v) < 2:
        return []
    steps = np.diff(v)
    wide = np.flatnonzero((steps > GAP_SHARE * (v[-1] - v[0])) & (steps > 2 * np.median(steps)))
    return [(float(v[i]), float(v[i + 1])) for i in wide]


def shade_gaps(ax, values) -> bool:
    """Shade :func:`document_gaps` of ``values`` on ``ax``; True when there was one to shade."""
    gaps = document_gaps(values)
    for lo, hi in gaps:
        ax.axvspan(lo, hi, color="0.92", lw=0, zorder=0)
    return bool(gaps)


def held_values(effect, shown) -> dict:
    """What the formula's other variables are held at in a figure: their median or mode, except
    the variables in ``shown`` (the one on the axis, a moderator, the curves' ``by``)."""
    return {k: v for k, v in effect.design.reference.items() if k not in shown}


def held_text(held: dict, lang: LabelMode = "en") -> str:
    """``others at 年份=2020, level=县`` (``其他变量取 年份=2020, level=县`` under ``lang="zh"``; empty when
    nothing is held)."""
    if not held:
        return ""
    values = ", ".join(f"{k}={_value(v)}" for k, v in held.items())
    return figure_text(f"其他变量取 {values}", f"others at {values}", lang)


def interval_method(effect) -> str:
    """How an effect's intervals were made, for a figure's title: ``global, HC1``, ``refit ×20, nonrobust``."""
    st = effect.settings
    how = st.get("uncertainty", "global")
    if how == "refit" and st.get("refits"):
        how += f" ×{st.get('refits_used', st['refits'])}"
    return f"{how}, {st.get('cov_type', 'nonrobust')}" + ("" if st.get("family", "ols") == "ols" else f", {st['family']}")


def _subtitle(fixed_and_held: tuple[dict, dict, str], ci: float, lang: LabelMode = "en") -> str:
    """``95% intervals (global, HC1); level=县; others at 年份=2020`` (how the intervals were made, the
    moderator, then what the others are held at), in brackets; ``lang="zh"``:
    ``（95% 置信区间 (global, HC1)；level=县；其他变量取 年份=2020）``."""
    fixed, held, how = fixed_and_held
    level = round(100 * ci)
    parts = [figure_text(f"{level}% 置信区间 ({how})", f"{level}% intervals ({how})", lang,
                         both=f"{level}% 置信区间 intervals ({how})")]
    if fixed:
        parts.append(", ".join(f"{k}={v}" for k, v in fixed.items()))
    if held:
        parts.append(held_text(held, lang))
    return f"（{'；'.join(parts)}）" if lang == "zh" else f"({'; '.join(parts)})"


def _value(v) -> str:
    """A held value as a reader writes it: 2020, not 2020.0."""
    return str(int(v)) if isinstance(v, float) and v.is_integer() else str(v)


def _pointestimate(effect, covariate, idx, names, fixed_and_held, ci, lang="zh"):
    fixed = fixed_and_held[0]
    col = effect.data[covariate]
    levels = sorted(col.dropna().unique(), key=lambda v: (str(type(v)), v))
    if pd.api.types.is_numeric_dtype(col) and len(levels) > 12:
        raise ValueError(f"{covariate!r} has {len(levels)} values; use method='continuous'")
    counts = col.value_counts()
    newdata = pd.DataFrame({covariate: levels, **{k: [v] * len(levels) for k, v in fixed.items()}})
    shown = [effect.topics[o] for o in idx]
    pred = effect.predict(newdata, ci=ci, topics=shown, warn=False)  # warned below, naming the levels
    n_lev = len(levels)
    estimates, lower, upper = (pred[c].to_numpy(dtype=float).reshape(len(idx), n_lev)
                               for c in ("estimate", "ci_lower", "ci_upper"))
    names_of_rows = [f"{covariate}={_value(lev)}" for lev in levels]
    outside = effect.extrapolation(newdata, estimates, names_of_rows, shown, (lower, upper))
    fig, ax = plt.subplots(figsize=(6.4, 0.9 + 0.28 * len(idx) * (n_lev + 1)))
    yticks, ylabels = [], []
    for i, o in enumerate(idx):
        part = pred[pred["topic"] == effect.topics[o]]
        base = (len(idx) - 1 - i) * (n_lev + 1)  # first topic on top
        y = base + np.arange(n_lev)[::-1]
        ax.errorbar(part["estimate"], y, xerr=[part["estimate"] - part["ci_lower"],
                                               part["ci_upper"] - part["estimate"]],
                    fmt="o", color=f"C{i % 10}", ms=4, capsize=2)
        ax.text(1.0, base + n_lev - 0.4, names[i], transform=ax.get_yaxis_transform(), ha="right",
                va="bottom", fontsize=8, color=f"C{i % 10}")
        yticks += list(y)
        extrapolated = figure_text(", 外推", ", extrapolated", lang, both=", 外推 extrapolated")
        ylabels += [f"{lev} (n={int(counts.get(lev, 0))}{extrapolated if out else ''})"
                    for lev, out in zip(levels, outside)]
    xlabel = figure_text("主题比例期望值", "Expected topic share", lang)
    if (pred["ci_upper"] > 1).any() or (pred["ci_lower"] < 0).any():  # OLS on shares is not bounded
        for bound in (0, 1):
            ax.axvline(bound, color="grey", lw=0.6, ls=":")
        xlabel = figure_text("主题比例期望值（点线：比例 0 与 1，线性模型的估计可能越出）",
                             "Expected topic share (dotted: shares 0 and 1, which a linear model can pass)",
                             lang)
    ax.set_yticks(yticks, ylabels)
    ax.set_ylim(-0.7, len(idx) * (n_lev + 1))  # room above the first topic's name, below the title
    ax.set_xlabel(xlabel)
    ax.set_title(figure_text(f"按 {covariate} 分组的主题比例期望值", f"Expected topic share by {covariate}", lang)
                 + f"\n{_subtitle(fixed_and_held, ci, lang)}")
    fig.tight_layout()
    return fig


def _difference(effect, covariate, idx, names, v1, v2, fixed_and_held, ci, lang="zh"):
    fixed = fixed_and_held[0]
    if v1 is None or v2 is None:
        raise ValueError("method='difference' needs cov_value1 and cov_value2")
    mod = next(iter(fixed.items()), (None, None))
    diff = effect.difference(covariate, v1, v2, topics=[effect.topics[o] for o in idx], moderator=mod[0],
                             moderator_value=mod[1], ci=ci)
    fig, ax = plt.subplots(figsize=(6.4, 0.9 + 0.35 * len(idx)))
    y = np.arange(len(idx))[::-1]
    est = diff["estimate"].to_numpy()
    ax.errorbar(est, y, xerr=[est - diff["ci_lower"], diff["ci_upper"] - est], fmt="o", ms=4, capsize=2,
                color="#4C72B0")
    ax.axvline(0, color="grey", lw=0.8, ls="--")
    ax.set_yticks(y, names)
    counts = effect.data[covariate].value_counts()
    n1, n2 = int(counts.get(v1, 0)), int(counts.get(v2, 0))
    ax.set_xlabel(figure_text(f"主题比例期望值之差（{covariate} = {v1}, n={n1} 减 {covariate} = {v2}, n={n2}）",
                              f"Difference in expected share ({covariate} = {v1}, n={n1}, "
                              f"minus {covariate} = {v2}, n={n2})", lang))
    ax.set_title(f"{covariate}: {v1} − {v2}\n{_subtitle(fixed_and_held, ci, lang)}")
    fig.tight_layout()
    return fig


def _continuous(effect, covariate, idx, names, fixed_and_held, ci, lang="zh"):
    fixed = fixed_and_held[0]
    col = effect.data[covariate]
    if not pd.api.types.is_numeric_dtype(col):
        raise ValueError(f"method='continuous' needs a numeric covariate; {covariate!r} is not")
    for var, value in fixed.items():  # the curve spans the moderator level's own documents, not all
        col = col[effect.data.loc[col.index, var] == value]
    if col.empty:
        raise ValueError(f"no document has {', '.join(f'{k}={v!r}' for k, v in fixed.items())}")
    values = col.to_numpy(dtype=float)
    grid = np.linspace(values.min(), values.max(), 100)
    newdata = pd.DataFrame({covariate: grid, **{k: [v] * len(grid) for k, v in fixed.items()}})
    pred = effect.predict(newdata, ci=ci, topics=[effect.topics[o] for o in idx], warn=False)
    outside, problems = curve_support(effect.design, effect.data, covariate, newdata)
    if problems:  # few documents at the held values, or a span none of them reaches: said, and hatched below
        warnings.warn(curve_message(covariate, problems), UserWarning, stacklevel=3)
    fig, ax = plt.subplots(figsize=(6.4, 4.0))
    for i, o in enumerate(idx):
        part = pred[pred["topic"] == effect.topics[o]]
        ax.plot(grid, part["estimate"], color=f"C{i % 10}", lw=1.5, label=names[i])
        ax.fill_between(grid, part["ci_lower"], part["ci_upper"], color=f"C{i % 10}", alpha=0.2, lw=0)
    ax.plot(values, np.full_like(values, 0.01), "|", color="black", ms=10, alpha=0.6,
            transform=ax.get_xaxis_transform(),
            label=figure_text(f"文档 (n={len(values)})", f"documents (n={len(values)})", lang))
    if shade_gaps(ax, values):
        ax.fill_between([], [], color="0.92",
                        label=figure_text("无文档（曲线为插值）", "no documents (curve interpolated)", lang))
    if any(outside):
        ax.fill_between(grid, 0, 1, where=outside, transform=ax.get_xaxis_transform(), facecolor="none",
                        edgecolor="0.6", hatch="//", lw=0,
                        label=figure_text("超出所固定取值下文档的范围（外推）",
                                          "outside the documents held (extrapolated)", lang))
    if (pred["ci_upper"] > 1).any() or (pred["ci_lower"] < 0).any():  # OLS on shares is not bounded
        for bound in (0, 1):
            ax.axhline(bound, color="grey", lw=0.6, ls=":")
        ax.plot([], [], color="grey", lw=0.6, ls=":", label=figure_text(
            "比例 0 与 1（线性模型的估计可能越出）", "shares 0 and 1 (a linear model can pass them)", lang))
    if np.all(values == np.round(values)):  # whole numbers, such as years: no tick at 2022.5
        ax.xaxis.set_major_locator(plt.MaxNLocator(integer=True))
    ax.set_xlabel(covariate)
    ax.set_ylabel(figure_text("主题比例期望值", "Expected topic share", lang))
    ax.set_title(figure_text(f"主题比例期望值随 {covariate} 的变化", f"Expected topic share over {covariate}", lang)
                 + f"\n{_subtitle(fixed_and_held, ci, lang)}")
    ax.legend(loc="best", fontsize=7)
    fig.tight_layout()
    return fig
