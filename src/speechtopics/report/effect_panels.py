"""Effect figures as small multiples: continuous effects per topic, specification curves per topic.

One responsibility: the panel (one topic per axes) versions of ``report.effect_figures``' plots, for
models with many topics, where one axes with every topic is unreadable. Every function returns the Figure
and never saves it; importing ``speechtopics.report.style`` applies the project style and the CJK font.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from speechtopics.report import style  # noqa: F401  (applies the one style and the CJK font)
from speechtopics.arguments import ci_arg
from speechtopics.models.effect_extrapolation import curve_message, curve_support
from speechtopics.records import missing_field
from speechtopics.report.figure_layout import title_and_legend
from speechtopics.report.effect_figures import (
    held_text,
    held_values,
    interval_method,
    shade_gaps,
    topic_names,
)
from speechtopics.report.specification_figures import specification_panel, unmatched_text
from speechtopics.report.labels import LabelMode, figure_text


def plot_specification_curves(table: pd.DataFrame, term: str, topics=None, labels=None, n_cols: int = 3,
                              lang: LabelMode = "zh"):
    """:func:`plot_specification_curve` for several reference topics, one panel each, one legend.

    Parameters
    ----------
    table : pandas.DataFrame
        From ``robust_effects``.
    term : str
        The coefficient or contrast (``table["term"]``) drawn.
    topics : list of int, optional
        Reference topic ids (default: every one in the table).
    labels : dict or list of str, optional
        Panel headings: ``{topic: label}`` or one per topic (default ``"主题 t"``, ``"Topic t"`` in English).
    n_cols : int
        Panels per row.
    lang : {"zh", "en", "both"}
        ``report.labels``: the language of the title, axis labels and legend; labels are drawn as given.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"k": [3, 4, 3, 4], "seed": [1, 1, 1, 1], "reference_topic": [1, 1, 2, 2],
    ...                   "matched_topic": [1, 2, 2, 0], "similarity": [1.0, 0.8, 1.0, 0.0],
    ...                   "term": ["x"] * 4, "estimate": [0.2, 0.1, -0.1, float("nan")],
    ...                   "ci_lower": [0.1, -0.1, -0.2, float("nan")], "ci_upper": [0.3, 0.3, 0.0, float("nan")],
    ...                   "matched": [True, True, True, False]})
    >>> len(plot_specification_curves(t, "x", labels=["a", "b"]).axes)
    2
    """
    topics = list(topics) if topics is not None else sorted(table["reference_topic"].unique())
    if not topics:
        raise ValueError("no topics to draw")
    if isinstance(labels, dict):
        heads = [f"{t}: {labels.get(t, '')}".rstrip(": ") for t in topics]
    elif labels is not None:
        if len(labels) != len(topics):
            raise ValueError(f"labels has {len(labels)} entries for {len(topics)} topics")
        heads = [f"{t}: {lab}" for t, lab in zip(topics, labels)]
    else:
        heads = [figure_text(f"主题 {t}", f"Topic {t}", lang, both=f"主题 Topic {t}") for t in topics]
    n_cols = max(1, min(n_cols, len(topics)))
    n_rows = -(-len(topics) // n_cols)
    n_specs = int(table[["k", "seed"]].drop_duplicates().shape[0])
    width = max(3.2, 0.22 * n_specs + 1.4)
    fig, axes = plt.subplots(n_rows, n_cols, figsize=(width * n_cols, 3.2 * n_rows), squeeze=False)
    ks = sorted(table["k"].unique())
    for ax, t, head in zip(axes.flat, topics, heads):
        specification_panel(ax, table, t, term, head, legend=False, ks=ks,
                            ylabel=figure_text("效应", "Effect", lang), lang=lang)
    for ax in list(axes.flat)[len(topics):]:
        ax.axis("off")
    handles = [plt.Line2D([], [], marker="o", ls="", color=f"C{j % 10}", label=f"K={k}")
               for j, k in enumerate(ks)]
    handles.append(plt.Line2D([], [], marker="o", ls="", color="grey", mfc="white",
                              label=unmatched_text(lang)))
    fig.legend(handles=handles, loc="lower center", ncol=len(handles), fontsize=8, frameon=False)
    fig.suptitle(figure_text(f"跨模型稳健性（K、随机种子）：{term}", f"Robustness across models (K, seed): {term}",
                             lang), fontsize=10)
    fig.tight_layout(rect=(0, 0.04, 1, 0.97))
    return fig


def _curve_rows(covariate, values, fixed) -> pd.DataFrame:
    """The rows a curve predicts: 120 points over ``values``' range (one where they are one value)."""
    grid = np.linspace(values.min(), values.max(), 120) if np.ptp(values) > 0 else values[:1]
    return pd.DataFrame({covariate: grid, **{k: [v] * len(grid) for k, v in fixed.items()}})


def _curve(ax, effect, covariate, values, fixed, topic, ci, color, label=None):
    newdata = _curve_rows(covariate, values, fixed)
    grid = newdata[covariate].to_numpy()
    part = effect.predict(newdata, ci=ci, topics=[topic], warn=False)
    if len(grid) == 1:
        est = part["estimate"].to_numpy()
        ax.errorbar(grid, est, yerr=[est - part["ci_lower"], part["ci_upper"] - est], fmt="o", ms=3,
                    color=color, label=label)
        return
    ax.fill_between(grid, part["ci_lower"], part["ci_upper"], color=color, alpha=0.25, lw=0)
    ax.plot(grid, part["estimate"], color=color, lw=1.4, label=label)


def plot_effect_grid(effect, covariate: str, *, topics=None, fixed: dict | None = None, by: str | None = None,
                     levels: Sequence | None = None, ci: float = 0.95, labels: Sequence[str] | None = None,
                     n_cols: int = 4, lang: LabelMode = "zh"):
    """stm's continuous effect plot as small multiples: one panel per topic, its own band and scale.

    Parameters
    ----------
    effect : Effect
    covariate : str
        A numeric variable of the formula (years); integer ticks.
    topics : list, optional
        Topic ids among those estimated; default all.
    fixed : dict, optional
        Other covariates held at these values (default: median / mode), shown in the title.
    by : str, optional
        A categorical variable of the formula: one curve per level, each over the range of ``covariate``
        that level's documents cover (no curve beyond a level's own years), in its own colour.
    levels : list, optional
        The levels of ``by`` drawn (default all, the largest first).
    ci : float
        Interval level of the bands.
    labels : list of str, optional
        One panel heading per topic (default ``"id: model label"``).
    n_cols : int
        Panels per row.
    lang : {"zh", "en", "both"}
        ``report.labels``: the language of the title and axis labels; topic labels are drawn as given.

    Returns
    -------
    matplotlib.figure.Figure
        Each panel: expected share (line), ``ci`` band, a rug of the documents' values, grey spans
        where the covariate has no document (:func:`~speechtopics.report.effect_figures.document_gaps`),
        and hatched spans where a curve's held values (its level, ``fixed``) have no document.
        A curve whose held values (its ``by`` level, ``fixed``, other variables' median or mode) have
        fewer than 3 documents, or whose documents do not reach part of its range, is warned about once
        (``effect_extrapolation.curve_support``).

    Examples
    --------
    >>> from speechtopics.models.effect_simulation import simulate_corpus, fit_stand_in
    >>> from speechtopics.models.effects import estimate_effect
    >>> m = fit_stand_in(simulate_corpus(n_docs=60, doc_len=30, seed=4), k=3, seed=4, passes=3)
    >>> fig = plot_effect_grid(estimate_effect(m, "group + s(year)", nsims=2), "year", n_cols=2, by="group")
    >>> len(fig.axes)
    4
    """
    from matplotlib.ticker import MaxNLocator

    ci = ci_arg(ci, "plot_effect_grid")
    for var in (covariate, by):
        if var is not None and var not in effect.design.variables:
            raise ValueError(f"covariate {var!r} is not in the formula {effect.settings['formula']!r}")
    for var in fixed or {}:
        effect.variable(var, "fixed")
    col = effect.data[covariate]
    if not pd.api.types.is_numeric_dtype(col):
        raise ValueError(f"a continuous effect needs a numeric covariate; {covariate!r} is not")
    idx = effect.select(topics)
    names = topic_names(effect, idx, labels)
    fixed = {k: v for k, v in (fixed or {}).items() if k != by}
    values = col.to_numpy(dtype=float)
    if by is None:
        groups = [(None, values)]
    else:
        counts = effect.data[by].value_counts()
        unknown = [lev for lev in (levels or []) if lev not in counts.index]
        if unknown:
            raise missing_field(unknown[0], list(map(str, counts.index)), "value", f"levels of {by}")
        groups = [(lev, effect.data.loc[effect.data[by] == lev, covariate].to_numpy(dtype=float))
                  for lev in (levels if levels is not None else
                              sorted(counts.index, key=lambda v: (-counts[v], str(v))))]
    problems, beyond = [], []  # a curve of few documents, or beyond its documents' range: said once, hatched
    for lev, vals in groups:
        rows = _curve_rows(covariate, vals, dict(fixed, **({} if lev is None else {by: lev})))
        outside, found = curve_support(effect.design, effect.data, covariate, rows)
        problems += [p if lev is None else f"[{by}={lev}] {p}" for p in found]
        beyond.append((rows[covariate].to_numpy(), np.asarray(outside, dtype=bool)))
    if problems:
        warnings.warn(curve_message(covariate, problems), UserWarning, stacklevel=2)
    n_cols = max(1, min(n_cols, len(idx)))
    n_rows = -(-len(idx) // n_cols)
    fig, axes = plt.subplots(n_rows, n_cols, figsize=(3.0 * n_cols, 2.3 * n_rows + 0.2), sharex=True,
                             squeeze=False)
    gaps = False
    hatched = any(flags.any() for _, flags in beyond)
    for ax, o, name in zip(axes.flat, idx, names):
        gaps = shade_gaps(ax, values)
        for grid, flags in beyond:  # where the held values have no document: the curve is extrapolated
            if flags.any() and len(grid) > 1:
                ax.fill_between(grid, 0, 1, where=flags, transform=ax.get_xaxis_transform(), facecolor="none",
                                edgecolor="0.6", hatch="//", lw=0)
        for g, (lev, vals) in enumerate(groups):
            at = dict(fixed, **({} if lev is None else {by: lev}))
            color = "#4C72B0" if lev is None else f"C{g % 10}"
            _curve(ax, effect, covariate, vals, at, effect.topics[o], ci, color,
                   label=None if lev is None else f"{by}={lev} (n={len(vals)})")
            ax.plot(vals, np.full_like(vals, 0.02 + 0.05 * g), "|", color=color, ms=5, alpha=0.5,
                    transform=ax.get_xaxis_transform())
        ax.axhline(0, color="grey", lw=0.6, ls=":")
        ax.set_title(name, fontsize=8)
        ax.tick_params(labelsize=7, labelbottom=True)
        ax.xaxis.set_major_locator(MaxNLocator(nbins=4, integer=True))
    for ax in list(axes.flat)[len(idx):]:
        ax.axis("off")
    for ax in axes[:, 0]:
        ax.set_ylabel(figure_text("比例期望值", "Expected share", lang), fontsize=8)
    held = "".join(f", {k}={v}" for k, v in fixed.items())
    others = held_text(held_values(effect, {covariate, by, *fixed}), lang)
    level, how, n = round(100 * ci), interval_method(effect), len(values)
    en = (f"Expected topic share over {covariate}{held}{f' ({others})' if others else ''}: "
          f"{f'one curve per {by}, over its own years' if by else 'line'}, {level}% band ({how}); "
          f"ticks: documents (n={n})" + ("; grey: no documents" if gaps else "")
          + ("; hatched: outside the documents held (extrapolated)" if hatched else ""))
    zh = (f"主题比例期望值随 {covariate} 的变化{held}{f'（{others}）' if others else ''}："
          f"{f'每个 {by} 一条曲线，仅覆盖其文档所在年份' if by else '曲线'}，{level}% 置信带（{how}）；"
          f"刻度线：文档（n={n}）" + ("；灰色：无文档" if gaps else "")
          + ("；斜线：超出所固定取值下文档的范围（外推）" if hatched else ""))
    title = figure_text(zh, en, lang, both=f"{zh}\n{en}")
    handles, texts = axes.flat[0].get_legend_handles_labels() if by is not None else ([], [])
    title_and_legend(fig, title, 9, handles, texts)  # wrapped and in columns: the panels keep the width
    return fig
