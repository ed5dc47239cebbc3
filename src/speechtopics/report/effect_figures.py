"""Figures of covariate effects on topic prevalence: stm's three effect plots and a specification curve.

One responsibility: draw :class:`speechtopics.models.effects.Effect` results and robustness tables as
matplotlib Figures. Every function returns the Figure and never saves it (``style.save_figure`` does);
importing ``speechtopics.report.style`` applies the project style and the bundled CJK font, so topic
labels in Chinese render.
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
                labels: Sequence[str] | None = None):
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
        return _difference(effect, covariate, idx, names, cov_value1, cov_value2, fixed_and_held, ci)
    if method == "continuous":
        return _continuous(effect, covariate, idx, names, fixed_and_held, ci)
    return _pointestimate(effect, covariate, idx, names, fixed_and_held, ci)


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


def held_text(held: dict) -> str:
    """``others at 年份=2020, level=县`` (empty when nothing is held)."""
    return "others at " + ", ".join(f"{k}={_value(v)}" for k, v in held.items()) if held else ""


def interval_method(effect) -> str:
    """How an effect's intervals were made, for a figure's title: ``global, HC1``, ``refit ×20, nonrobust``."""
    st = effect.settings
    how = st.get("uncertainty", "global")
    if how == "refit" and st.get("refits"):
        how += f" ×{st.get('refits_used', st['refits'])}"
    return f"{how}, {st.get('cov_type', 'nonrobust')}" + ("" if st.get("family", "ols") == "ols" else f", {st['family']}")


def _subtitle(fixed_and_held: tuple[dict, dict, str], ci: float) -> str:
    """``95% intervals (global, HC1); level=县; others at 年份=2020`` (how the intervals were made, the
    moderator, then what the others are held at)."""
    fixed, held, how = fixed_and_held
    parts = [f"{round(100 * ci)}% intervals ({how})"]
    if fixed:
        parts.append(", ".join(f"{k}={v}" for k, v in fixed.items()))
    if held:
        parts.append(held_text(held))
    return "; ".join(parts)


def _value(v) -> str:
    """A held value as a reader writes it: 2020, not 2020.0."""
    return str(int(v)) if isinstance(v, float) and v.is_integer() else str(v)


def _pointestimate(effect, covariate, idx, names, fixed_and_held, ci):
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
        ylabels += [f"{lev} (n={int(counts.get(lev, 0))}{', extrapolated' if out else ''})"
                    for lev, out in zip(levels, outside)]
    xlabel = "Expected topic share"
    if (pred["ci_upper"] > 1).any() or (pred["ci_lower"] < 0).any():  # OLS on shares is not bounded
        for bound in (0, 1):
            ax.axvline(bound, color="grey", lw=0.6, ls=":")
        xlabel += " (dotted: shares 0 and 1, which a linear model can pass)"
    ax.set_yticks(yticks, ylabels)
    ax.set_ylim(-0.7, len(idx) * (n_lev + 1))  # room above the first topic's name, below the title
    ax.set_xlabel(xlabel)
    ax.set_title(f"Expected topic share by {covariate}\n({_subtitle(fixed_and_held, ci)})")
    fig.tight_layout()
    return fig


def _difference(effect, covariate, idx, names, v1, v2, fixed_and_held, ci):
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
    ax.set_xlabel(f"Difference in expected share ({covariate} = {v1}, n={n1}, minus {covariate} = {v2}, n={n2})")
    ax.set_title(f"{covariate}: {v1} − {v2}\n({_subtitle(fixed_and_held, ci)})")
    fig.tight_layout()
    return fig


def _continuous(effect, covariate, idx, names, fixed_and_held, ci):
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
            transform=ax.get_xaxis_transform(), label=f"documents (n={len(values)})")
    if shade_gaps(ax, values):
        ax.fill_between([], [], color="0.92", label="no documents (curve interpolated)")
    if any(outside):
        ax.fill_between(grid, 0, 1, where=outside, transform=ax.get_xaxis_transform(), facecolor="none",
                        edgecolor="0.6", hatch="//", lw=0, label="outside the documents held (extrapolated)")
    if (pred["ci_upper"] > 1).any() or (pred["ci_lower"] < 0).any():  # OLS on shares is not bounded
        for bound in (0, 1):
            ax.axhline(bound, color="grey", lw=0.6, ls=":")
        ax.plot([], [], color="grey", lw=0.6, ls=":", label="shares 0 and 1 (a linear model can pass them)")
    if np.all(values == np.round(values)):  # whole numbers, such as years: no tick at 2022.5
        ax.xaxis.set_major_locator(plt.MaxNLocator(integer=True))
    ax.set_xlabel(covariate)
    ax.set_ylabel("Expected topic share")
    ax.set_title(f"Expected topic share over {covariate}\n({_subtitle(fixed_and_held, ci)})")
    ax.legend(loc="best", fontsize=7)
    fig.tight_layout()
    return fig


def sign_agreement(table: pd.DataFrame, reference_estimate: float) -> tuple[int, int]:
    """(specifications with the reference's sign whose interval excludes zero, matched specifications)."""
    matched = table[table["matched"] & table["estimate"].notna()]
    sign = np.sign(reference_estimate)
    agree = ((np.sign(matched["estimate"]) == sign)
             & ((matched["ci_lower"] > 0) | (matched["ci_upper"] < 0))).sum()
    return int(agree), int(len(matched))


def plot_specification_curve(table: pd.DataFrame, topic: int, term: str):
    """Estimate and interval of one effect across models (K, seed), sorted by estimate, coloured by K.

    Parameters
    ----------
    table : pandas.DataFrame
        From ``robust_effects`` (``k, seed, reference_topic, matched_topic, similarity, term, estimate,
        ci_lower, ci_upper, matched``).
    topic : int
        Reference topic id.
    term : str
        Coefficient name, e.g. ``"group[T.b]"``.

    Returns
    -------
    matplotlib.figure.Figure
        Unmatched or low-similarity specifications are drawn hollow and grey; the title gives the share
        of matched specifications that have the reference model's sign and an interval excluding zero.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"k": [3, 4], "seed": [1, 1], "reference_topic": [1, 1], "matched_topic": [1, 2],
    ...                   "similarity": [1.0, 0.8], "term": ["x", "x"], "estimate": [0.2, 0.1],
    ...                   "ci_lower": [0.1, -0.1], "ci_upper": [0.3, 0.3], "matched": [True, True]})
    >>> plot_specification_curve(t, 1, "x").axes[0].get_title()
    'Topic 1, x\\nsame sign as reference, interval excluding 0:\\n1 of 2 matched specifications (50%)'
    """
    fig, ax = plt.subplots(figsize=(max(4.0, 0.3 * len(_rows(table, topic, term)) + 2), 3.6))
    specification_panel(ax, table, topic, term, f"Topic {topic}, {term}", legend=True)
    fig.tight_layout()
    return fig


def seed_label(seed: int, seeds) -> str:
    """``s<seed>``, or ``s+<offset>`` from the smallest seed when seeds are large (config seeds).

    Examples
    --------
    >>> seed_label(20240602, [20240601, 20240602]), seed_label(2, [1, 2])
    ('s+1', 's2')
    """
    low = min(seeds)
    return f"s+{seed - low}" if low >= 1000 else f"s{seed}"


def _rows(table: pd.DataFrame, topic, term: str) -> pd.DataFrame:
    part = table[(table["reference_topic"] == topic) & (table["term"] == term)]
    if part.empty:
        raise ValueError(f"no rows for reference_topic={topic!r} and term={term!r}")
    return part


def specification_panel(ax, table, topic, term, heading: str, *, legend: bool, ks=None,
                         ylabel: str | None = None) -> None:
    """Draw one reference topic's specification curve on ``ax`` (sorted by estimate, coloured by K).

    ``heading`` starts the title, which adds the share of matched specifications agreeing with the
    reference; ``ks`` fixes the colour order across panels; ``legend`` adds the K legend to ``ax``.
    """
    part = _rows(table, topic, term)
    ref = part[part["similarity"] >= 1.0 - 1e-9]
    ref_est = float(ref["estimate"].iloc[0]) if len(ref) else float(part["estimate"].median())
    part = part.sort_values(["estimate", "k", "seed"], na_position="last").reset_index(drop=True)
    ks = list(ks) if ks is not None else sorted(part["k"].unique())
    seeds = sorted(table["seed"].unique())
    for i, row in part.iterrows():
        if pd.isna(row["estimate"]):
            ax.plot(i, 0, "x", color="grey")
            continue
        color = f"C{ks.index(row['k']) % 10}" if row["matched"] else "grey"
        ax.errorbar(i, row["estimate"], yerr=[[row["estimate"] - row["ci_lower"]],
                                              [row["ci_upper"] - row["estimate"]]],
                    fmt="o", color=color, mfc=color if row["matched"] else "white", ms=4, capsize=1.5)
    if legend:
        for j, k in enumerate(ks):
            ax.plot([], [], "o", color=f"C{j % 10}", label=f"K={k}")
        ax.plot([], [], "o", color="grey", mfc="white", label="unmatched / low similarity")
        ax.legend(fontsize=7, loc="best")
    ax.axhline(0, color="grey", lw=0.8, ls="--")
    is_ref = (part["similarity"] >= 1.0 - 1e-9).to_numpy()
    ax.set_xticks(range(len(part)), [f"K{r.k} {seed_label(r.seed, seeds)}" + (" (ref)" if is_ref[i] else "")
                                     for i, r in enumerate(part.itertuples())], rotation=90,
                  fontsize=6 if not legend else None)
    ax.set_ylabel(ylabel or f"Effect of {term}")
    agree, n = sign_agreement(part, ref_est)
    share = f"{100 * agree / n:.0f}%" if n else "n/a"
    ax.set_title(f"{heading}\nsame sign as reference, interval excluding 0:\n{agree} of {n} "
                 f"matched specifications ({share})", fontsize=9 if legend else 8)
