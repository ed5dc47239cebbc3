"""Formulas (提法) per document: numbered formulas and quoted slogans, counts, first use and spread.

Numbered formulas (六稳六保, 两个维护, 十四五, 二十届三中全会) come from
:func:`speechtopics.segment.formulas.find_formulas`, the one owner of those patterns. This module adds
quoted slogans (“放管服”, “一团五园三基地”, “能早则早、能快则快”): short quotations with no sentence
punctuation inside, so that a quoted *sentence* is not taken for a slogan.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

import numpy as np
import pandas as pd

from speechtopics.segment.formulas import find_formulas

QUOTE = re.compile(r"[“「]([^“”「」]{1,40})[”」]")
SENTENCE_PUNCT = re.compile(r"[。！？!?；;：:]")
HAN = re.compile(r"[\u4e00-\u9fff]")


def find_slogans(text: str, min_chars: int = 2, max_chars: int = 16) -> list[str]:
    """Quoted slogans in ``text``, in order (repeats kept).

    Parameters
    ----------
    text : str
        Cleaned text.
    min_chars, max_chars : int
        Length bounds of a slogan in characters.

    Examples
    --------
    >>> find_slogans("坚持“能早则早、能快则快”的方针，做好“三农”工作")
    ['能早则早、能快则快', '三农']
    """
    out = []
    for m in QUOTE.finditer(text):
        s = m.group(1).strip()
        if min_chars <= len(s) <= max_chars and not SENTENCE_PUNCT.search(s) and HAN.search(s):
            out.append(s)
    return out


def document_formulas(text: str, min_chars: int = 2, max_chars: int = 16, numbered_found=None) -> Counter:
    """Counts of every formula in one document: numbered formulas plus quoted slogans.

    A quoted slogan that is itself a numbered formula (“十四五”) is counted once, as the formula.
    ``numbered_found``: the document's numbered formulas as the segment stage found them (its
    ``formulas`` layer, where an idiom such as 一心一意 or 四通八达 is no formula); default: by pattern.
    """
    numbered = Counter(find_formulas(text) if numbered_found is None else numbered_found)
    slogans = Counter(s for s in find_slogans(text, min_chars, max_chars) if s not in numbered)
    return numbered + slogans


def formulas_table(docs: Iterable[dict], min_chars: int = 2, max_chars: int = 16) -> pd.DataFrame:
    """Long table ``doc_id, formula, count, kind`` over documents (``kind``: numbered/slogan).

    Rows are sorted by document order, then count (descending), then formula, so output is stable.
    """
    rows = []
    for doc in docs:
        text = doc.get("text") or ""
        found = doc.get("formulas")  # a segmented document: the segment stage's formulas (idioms left out)
        numbered = set(find_formulas(text) if found is None else found)
        counts = document_formulas(text, min_chars, max_chars, found)
        for formula, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
            rows.append({"doc_id": doc["doc_id"], "formula": formula, "count": int(n),
                         "kind": "numbered" if formula in numbered else "slogan"})
    return pd.DataFrame(rows, columns=["doc_id", "formula", "count", "kind"])


def diffusion_table(formulas: pd.DataFrame, years: dict[str, int], min_docs: int = 3) -> pd.DataFrame:
    """First appearance and spread over years of each formula in a dated corpus.

    Parameters
    ----------
    formulas : DataFrame
        Output of :func:`formulas_table`.
    years : dict
        ``doc_id -> year``; documents without a year are left out.
    min_docs : int
        Keep formulas used in at least this many documents.

    Returns
    -------
    DataFrame
        ``formula, kind, first_year, last_year, n_docs, n_years, total_count``, sorted by first year.
    """
    df = formulas[formulas["doc_id"].isin(years)].copy()
    if df.empty:
        return pd.DataFrame(columns=["formula", "kind", "first_year", "last_year", "n_docs", "n_years",
                                     "total_count"])
    df["year"] = df["doc_id"].map(years).astype(int)
    g = df.groupby(["formula", "kind"])
    out = pd.DataFrame({
        "first_year": g["year"].min(), "last_year": g["year"].max(), "n_docs": g["doc_id"].nunique(),
        "n_years": g["year"].nunique(), "total_count": g["count"].sum(),
    }).reset_index()
    out = out[out["n_docs"] >= min_docs]
    return out.sort_values(["first_year", "formula"]).reset_index(drop=True)


def year_matrix(formulas: pd.DataFrame, years: dict[str, int], keep: Iterable[str]) -> pd.DataFrame:
    """Documents citing each of the ``keep`` formulas per year (rows formulas, columns every year from the
    first dated document to the last; NaN in a year without any dated document, so a gap shows as one and
    not as years without the formula). A document counts once however often it repeats a formula.

    Examples
    --------
    >>> table = pd.DataFrame({"doc_id": ["a", "b", "c"], "formula": ["两个维护"] * 3, "count": [40, 1, 2]})
    >>> year_matrix(table, {"a": 2016, "b": 2016, "c": 2019}, ["两个维护"]).to_dict("records")
    [{2016: 2.0, 2017: nan, 2018: nan, 2019: 1.0}]
    """
    df = formulas[formulas["doc_id"].isin(years) & formulas["formula"].isin(list(keep))].copy()
    df["year"] = df["doc_id"].map(years).astype(int)
    matrix = df.pivot_table(index="formula", columns="year", values="doc_id", aggfunc="nunique", fill_value=0)
    dated = set(int(y) for y in years.values())
    span = range(min(dated), max(dated) + 1) if dated else range(0)
    matrix = matrix.reindex(columns=list(span), fill_value=0).astype(float)
    matrix.loc[:, [y for y in span if y not in dated]] = np.nan
    matrix.columns.name = "year"
    return matrix
