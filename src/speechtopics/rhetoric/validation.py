"""The hand-labelled validation set and per-class precision/recall for the move methods.

The bundled ``rhetoric/validation_paragraphs.csv`` (:mod:`speechtopics.resources`) holds paragraphs from
the bundled corpus labelled by reading each against ``coding_guide.md`` (columns ``item, source, doc, paragraph, text, label, note,
half``). ``half`` is ``tune`` (cues were first tuned on it), ``heldout`` (the first held-out half; cues were
retuned on tune + heldout in a second round), ``heldout2`` (drawn and labelled before that second round,
measured once, then used with the others for the third round's cue families and fitted weights) or
``heldout3`` (drawn and labelled before the third round, never used for tuning or fitting; measured once).
Metrics come from scikit-learn.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
from sklearn.metrics import f1_score, precision_recall_fscore_support

from speechtopics.rhetoric.cues import MOVES, resolve

REQUIRED = ("item", "source", "doc", "paragraph", "text", "label", "note", "half")
HALVES = ("tune", "heldout", "heldout2", "heldout3")


def load_validation(path: str = "rhetoric/validation_paragraphs.csv") -> pd.DataFrame:
    """Read the validation CSV and check its columns and labels.

    Raises
    ------
    ValueError
        When a column is missing or a label is not a known move (message names the file).
    """
    p = resolve(path)
    df = pd.read_csv(p, dtype={"item": int, "paragraph": int}, keep_default_na=False)
    missing = [c for c in REQUIRED if c not in df.columns]
    if missing:
        raise ValueError(f"{p}: missing column {missing[0]!r}")
    bad = sorted(set(df["label"]) - set(MOVES))
    if bad:
        raise ValueError(f"{p}: unknown label {bad[0]!r}")
    bad = sorted(set(df["half"]) - set(HALVES))
    if bad:
        raise ValueError(f"{p}: unknown half {bad[0]!r}")
    return df


def per_class_table(gold: Sequence[str], pred: Sequence[str], method: str = "") -> pd.DataFrame:
    """Precision, recall, F1 and support per move, plus a macro row.

    Parameters
    ----------
    gold, pred : sequence of str
        Gold and predicted moves, aligned.
    method : str
        Name put in a ``method`` column.
    """
    labels = list(MOVES)
    p, r, f, s = precision_recall_fscore_support(gold, pred, labels=labels, zero_division=0)
    df = pd.DataFrame({"move": labels, "precision": p, "recall": r, "f1": f, "support": s})
    macro = pd.DataFrame([{"move": "macro", "precision": p.mean(), "recall": r.mean(), "f1": f.mean(),
                           "support": int(s.sum())}])
    df = pd.concat([df, macro], ignore_index=True)
    df.insert(0, "method", method)
    return df.round(4)


def macro_f1(gold: Sequence[str], pred: Sequence[str]) -> float:
    """Macro-averaged F1 over the six moves."""
    return float(f1_score(gold, pred, labels=list(MOVES), average="macro", zero_division=0))


def evaluate(df: pd.DataFrame, predictions: dict[str, Sequence[str]]) -> pd.DataFrame:
    """Per-class table of each method on each half and on all items.

    Parameters
    ----------
    df : DataFrame
        The validation set (with ``label`` and ``half``).
    predictions : dict
        ``method -> predicted moves`` aligned with ``df``.
    """
    tables = []
    halves = [h for h in HALVES if h in set(df["half"])] + ["all"]
    for method, pred in predictions.items():
        pred = pd.Series(list(pred), index=df.index)
        for half in halves:
            mask = df["half"].eq(half) if half != "all" else pd.Series(True, index=df.index)
            t = per_class_table(df.loc[mask, "label"].tolist(), pred[mask].tolist(), method)
            t.insert(1, "half", half)
            tables.append(t)
    return pd.concat(tables, ignore_index=True)
