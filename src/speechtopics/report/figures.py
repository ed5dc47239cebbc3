"""Plot functions: each returns a matplotlib Figure and never saves it (see ``style.save_figure``)."""

from __future__ import annotations

import math
from collections.abc import Sequence

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from speechtopics.report import style  # noqa: F401  (applies the one style and the CJK font)
from speechtopics.report.labels import LabelMode, figure_text, format_label


def plot_top_words(top: Sequence[Sequence[tuple[str, float]]], labels: Sequence[str] | None = None,
                   n_cols: int = 5, flagged: Sequence[bool] | None = None, lang: LabelMode = "zh"):
    """Horizontal bars of the top words of every topic, one small panel per topic.

    Parameters
    ----------
    top : per topic, a list of (word, probability), most probable first; the table
        ``TopicModel.top_words()`` returns (``topic, rank, word, weight, prob``: words in its order,
        bars its ``prob``, p(word | topic), whatever ``by`` ranked them; a table without ``prob``: bars
        its ``weight``); or a fitted ``TopicModel``.
    labels : panel titles (default ``主题 i``, ``Topic i`` under ``lang="en"``).
    flagged : topics to mark as unstable (title suffixed with a dagger).
    lang : ``report.labels``: ``zh`` draws the words as they are; ``en`` each word's English gloss from the
        bundled glossary, ``both`` ``中文 (English)``, a word without a gloss in Chinese either way (panel
        titles are drawn as given: gloss them with ``speechtopics.analysis.display_label``).
    """
    bars = "p(word | topic)"
    if hasattr(top, "top_words"):  # a fitted TopicModel: its top words by probability
        top = top.top_words(10)
    if isinstance(top, pd.DataFrame):  # TopicModel.top_words(): one row per (topic, rank)
        missing = {"topic", "word", "weight"} - set(top.columns)
        if missing:
            raise ValueError(f"plot_top_words: the table needs columns topic, word, weight (missing: "
                             f"{', '.join(sorted(missing))})")
        ordered = top.sort_values(["topic", "rank"] if "rank" in top.columns else ["topic"], kind="stable")
        # a FREX score is near 1 for every top word: bars of it would say nothing
        bars = "p(word | topic)" if "prob" in top.columns else "weight"
        top = [list(zip(g["word"], g["prob" if "prob" in top.columns else "weight"]))
               for _, g in ordered.groupby("topic", sort=True)]
    k = len(top)
    if labels is not None and len(labels) < k:
        raise ValueError(f"plot_top_words: {len(labels)} labels for {k} topics")
    n_cols = min(n_cols, k)
    n_rows = math.ceil(k / n_cols)
    fig, axes = plt.subplots(n_rows, n_cols, figsize=(2.3 * n_cols, 2.1 * n_rows), squeeze=False)
    for t, ax in enumerate(axes.flat):
        if t >= k:
            ax.axis("off")
            continue
        words = [format_label(w, lang) for w, _ in top[t]][::-1]
        probs = [p for _, p in top[t]][::-1]
        ax.barh(range(len(words)), probs, color="#4C72B0")
        ax.set_yticks(range(len(words)), words)
        title = labels[t] if labels else figure_text(f"主题 {t + 1}", f"Topic {t + 1}", lang)
        if flagged is not None and flagged[t]:
            title += " †"
        ax.set_title(panel_title(title), fontsize=9)
        ax.tick_params(axis="x", labelsize=6)
        ax.set_xlabel(bars, fontsize=7)
    fig.tight_layout()
    return fig


def panel_title(title: str, width: int = 12) -> str:
    """``title`` on two lines when it is longer than ``width`` characters (a Chinese character is as wide
    as the panel allows about 12 of): before a bracketed gloss, else after the middle ``·`` of its words."""
    if len(title) <= width:
        return title
    at = title.find("（", 1)
    if at > 0:
        return title[:at] + "\n" + title[at:]
    dots = [i for i, c in enumerate(title) if c == "·"]
    if not dots:
        return title
    at = min(dots, key=lambda i: abs(i - len(title) / 2))
    return title[: at + 1] + "\n" + title[at + 1 :]


def plot_corpus_overview(docs: pd.DataFrame, by: str = "collection", lang: LabelMode = "zh"):
    """Documents per year and length distribution, by collection (or another column, ``by``).

    ``docs`` needs columns ``collection`` (or ``by``), ``year`` (may be missing) and ``n_chars``, as
    ``documents.jsonl`` of a run has them; a :class:`~speechtopics.reading.Corpus` gives its kept
    documents with the length of their clean text. A corpus read from a DataFrame is one collection,
    ``dataframe``: name a metadata column (``by="department"``) to compare its groups. With one group the
    figure has no legend and its box reads ``全部文档`` (``all documents`` in English); every group is named
    with its count, and in the legend of the year lines also with its undated documents, which no line counts.
    A group's line runs from its first year to its last and falls to 0 in a year without a document (a
    count there is 0, where a per-year mean share has no value and its line breaks).
    ``lang`` (``report.labels``) is the language of the axis labels: ``zh`` and ``both`` write them in
    Chinese and English (``年份 year``), ``en`` in English.
    """
    if hasattr(docs, "records") and hasattr(docs, "kept"):  # a Corpus
        chars = {r["doc_id"]: len(r.get("text") or "") for r in docs.records}
        docs = docs.kept.assign(n_chars=lambda d: d["doc_id"].map(chars).fillna(0))
    missing = {by, "year", "n_chars"} - set(docs.columns)
    if missing:
        raise ValueError(f"plot_corpus_overview: docs needs columns {by}, year and n_chars (missing: "
                         f"{', '.join(sorted(missing))}); pass the Corpus itself: plot_corpus_overview(corpus)")
    column = docs[by].astype(object).where(docs[by].notna(), "(none)")  # a document without a value counts
    groups = sorted(docs.assign(**{by: column}).groupby(by), key=lambda kv: str(kv[0]))
    one = len(groups) == 1
    names = [figure_text("全部文档", "all documents", lang, "全部文档 all documents") if one else str(name)
             for name, _ in groups]
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 3.2))
    dated = docs.dropna(subset=["year"])
    for name, (_, grp) in zip(names, groups):
        counts = grp.dropna(subset=["year"])["year"].astype(int).value_counts()
        if len(counts):  # a year between the first and the last without a document counts 0
            counts = counts.reindex(range(counts.index.min(), counts.index.max() + 1), fill_value=0)
            undated = int(grp["year"].isna().sum())  # in n but not on the line: said, so the line's sum is n
            label = f"{name} (n={len(grp)}, {undated} undated)" if undated else f"{name} (n={len(grp)})"
            ax1.plot(counts.index, counts.to_numpy(), marker="o", ms=2, lw=1, label=label,
                     markevery=(counts > 0).tolist())  # a dot where there are documents
    ax1.set_xlabel(figure_text("年份 year", "year", lang))
    ax1.set_ylabel(figure_text("文档数 documents", "documents", lang))
    if len(dated):
        if not one:  # one line needs no legend (a DataFrame's corpus is one collection, "dataframe")
            ax1.legend(frameon=False, title=None if by == "collection" else by, title_fontsize=8)
        years = dated["year"].astype(int)
        if years.nunique() < 3:  # one or two years: whole years around them, counts from 0, not 1925-2125
            ax1.set_xlim(years.min() - 1, years.max() + 1)
            ax1.set_xticks(range(int(years.min()) - 1, int(years.max()) + 2))
        ax1.set_ylim(bottom=0)  # counts from 0: a baseline at 19 would make 20 look twice 21's drop
        ax1.yaxis.set_major_locator(plt.MaxNLocator(integer=True))
        ax1.xaxis.set_major_locator(plt.MaxNLocator(integer=True))
    lengths = [np.log10(np.maximum(g["n_chars"].to_numpy(), 1)) for _, g in groups]
    ax2.boxplot(lengths, orientation="horizontal",
                tick_labels=[f"{name} (n={len(g)})" for name, (_, g) in zip(names, groups)])
    ax2.set_xlabel(figure_text("log10 字数 characters", "log10 characters", lang))
    fig.tight_layout()
    return fig
