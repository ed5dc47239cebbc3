"""Formula density per speech (share of formulaic tokens) and a simple lexicon-ratio score to compare.

* ``formula_density``: share of a speech's tokens that the segmenter put on the formulaic layer
  (``formulaic_tokens`` over ``tokens + formulaic_tokens``), plus numbered formulas per 1,000 chars.
* ``lexicon_ratio``: share of characters covered by matches of the move cues (any move but ``other``):
  a transparent, segmenter-free measure of how much of the text is stock rhetoric.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd
from scipy.stats import spearmanr

from speechtopics.rhetoric.cues import MoveCues
from speechtopics.segment.formulas import find_formulas


def formulaic_share(record: dict) -> float:
    """Share of formulaic tokens among all kept tokens of a segmented record (0 when none)."""
    n_form = len(record.get("formulaic_tokens") or ())
    n_all = n_form + len(record.get("tokens") or ())
    return round(n_form / n_all, 4) if n_all else 0.0


def lexicon_ratio(text: str, cues: MoveCues) -> float:
    """Share of characters of ``text`` covered by any non-``other`` move cue match."""
    if not text:
        return 0.0
    covered = bytearray(len(text))
    for cue in cues.cues:
        if cue.move == "other":
            continue
        for m in cue.pattern.finditer(text):
            covered[m.start():m.end()] = b"\x01" * (m.end() - m.start())
    return round(sum(covered) / len(text), 4)


def density_table(records: Iterable[dict], cues: MoveCues) -> pd.DataFrame:
    """Per speech: ``doc_id, n_chars, formulaic_share, formulas_per_1k, lexicon_ratio``."""
    rows = []
    for r in records:
        text = r.get("text") or ""
        n = len(text)
        rows.append({
            "doc_id": r["doc_id"], "n_chars": n, "formulaic_share": formulaic_share(r),
            "formulas_per_1k": round(1000 * len(find_formulas(text)) / n, 4) if n else 0.0,
            "lexicon_ratio": lexicon_ratio(text, cues),
        })
    return pd.DataFrame(rows)


def compare_density(table: pd.DataFrame) -> dict[str, float]:
    """Spearman correlation of formulaic share with the lexicon ratio and with formulas per 1k."""
    out = {}
    for other in ("lexicon_ratio", "formulas_per_1k"):
        if len(table) >= 3 and table["formulaic_share"].nunique() > 1 and table[other].nunique() > 1:
            rho = spearmanr(table["formulaic_share"], table[other]).statistic
            out[f"rho_formulaic_vs_{other}"] = round(float(rho), 4)
        else:
            out[f"rho_formulaic_vs_{other}"] = float("nan")
    return out
