"""Specification curves: one effect's estimate and interval across models (K, seed), sorted by estimate.

One responsibility: draw a ``robust_effects`` table (``speechtopics.models.robustness``) for one reference
topic as a matplotlib Figure (:func:`plot_specification_curve`), or on a given axes
(:func:`specification_panel`, which ``report.effect_panels`` uses for its small multiples). Nothing is
saved; importing ``speechtopics.report.style`` applies the project style and the CJK font.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from speechtopics.report import style  # noqa: F401  (applies the one style and the CJK font)
from speechtopics.report.labels import LabelMode, figure_text


def sign_agreement(table: pd.DataFrame, reference_estimate: float) -> tuple[int, int]:
    """(specifications with the reference's sign whose interval excludes zero, matched specifications)."""
    matched = table[table["matched"] & table["estimate"].notna()]
    sign = np.sign(reference_estimate)
    agree = ((np.sign(matched["estimate"]) == sign)
             & ((matched["ci_lower"] > 0) | (matched["ci_upper"] < 0))).sum()
    return int(agree), int(len(matched))


def plot_specification_curve(table: pd.DataFrame, topic: int, term: str, lang: LabelMode = "zh"):
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
    lang : {"zh", "en", "both"}
        ``report.labels``: the language of the title, axis label and legend.

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
    >>> plot_specification_curve(t, 1, "x", lang="en").axes[0].get_title()
    'Topic 1, x\\nsame sign as reference, interval excluding 0:\\n1 of 2 matched specifications (50%)'
    >>> plot_specification_curve(t, 1, "x").axes[0].get_title()
    '主题 1，x\\n与参照模型同号且区间不含 0：\\n2 个匹配设定中有 1 个（50%）'
    """
    fig, ax = plt.subplots(figsize=(max(4.0, 0.3 * len(_rows(table, topic, term)) + 2), 3.6))
    heading = figure_text(f"主题 {topic}，{term}", f"Topic {topic}, {term}", lang,
                          both=f"主题 Topic {topic}, {term}")
    specification_panel(ax, table, topic, term, heading, legend=True, lang=lang)
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
                         ylabel: str | None = None, lang: LabelMode = "en") -> None:
    """Draw one reference topic's specification curve on ``ax`` (sorted by estimate, coloured by K).

    ``heading`` starts the title, which adds the share of matched specifications agreeing with the
    reference; ``ks`` fixes the colour order across panels; ``legend`` adds the K legend to ``ax``;
    ``lang`` (``report.labels``) is the language of the fixed text.
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
        ax.plot([], [], "o", color="grey", mfc="white", label=unmatched_text(lang))
        ax.legend(fontsize=7, loc="best")
    ax.axhline(0, color="grey", lw=0.8, ls="--")
    is_ref = (part["similarity"] >= 1.0 - 1e-9).to_numpy()
    ref = figure_text(" (参照)", " (ref)", lang, both=" (参照 ref)")
    ax.set_xticks(range(len(part)), [f"K{r.k} {seed_label(r.seed, seeds)}" + (ref if is_ref[i] else "")
                                     for i, r in enumerate(part.itertuples())], rotation=90,
                  fontsize=6 if not legend else None)
    ax.set_ylabel(ylabel or figure_text(f"{term} 的效应", f"Effect of {term}", lang))
    agree, n = sign_agreement(part, ref_est)
    share = f"{100 * agree / n:.0f}%" if n else figure_text("无", "n/a", lang, both="n/a")
    zh = f"与参照模型同号且区间不含 0：\n{n} 个匹配设定中有 {agree} 个（{share}）"
    en = f"same sign as reference, interval excluding 0:\n{agree} of {n} matched specifications ({share})"
    ax.set_title(f"{heading}\n{figure_text(zh, en, lang, both=f'{zh}{chr(10)}{en}')}",
                 fontsize=9 if legend else 8)


def unmatched_text(lang: LabelMode = "zh") -> str:
    """The legend entry of the hollow grey points: specifications whose topic matched the reference badly."""
    return figure_text("未匹配 / 相似度低", "unmatched / low similarity", lang)
