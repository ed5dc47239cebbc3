"""Fit the weights of the move scorer: a multinomial logistic model over the scorer's own evidence.

Features are either the six hand-weighted move scores (``score:<move>``: each a weighted sum of cue-family
counts plus the sentence vote) or the cue families themselves (one per cue id, ``log1p(min(matches,
cap))``). The first (``kind="scores"``, the default) is a 6 x 6 recalibration: each learnt weight says how
much the evidence for one move counts for or against another, and the intercepts set how much evidence a
move needs over ``other``. Grouped cross-validation on the 358 paragraphs of tune/heldout/heldout2 chose it
over per-family weights (540 weights; no better on held-out documents). The model is written to a YAML
file that the cue file names (``weights_file``) and that :mod:`speechtopics.rhetoric.moves` reads.
scikit-learn does the fitting (L2-regularised, class-balanced, ``lbfgs``: deterministic).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import yaml
from sklearn.linear_model import LogisticRegression

from speechtopics.rhetoric.cues import MoveCues
from speechtopics.rhetoric.moves import model_features


def feature_names(cues: MoveCues, kind: str = "scores") -> list[str]:
    """``scores``: ``score:<move>``; ``cues``: cue ids in cue-file order; ``both``: the two."""
    scores = [f"score:{m}" for m in cues.moves]
    ids = [c.id for c in cues.cues]
    return {"scores": scores, "cues": ids, "both": scores + ids}[kind]


def feature_matrix(texts: Sequence[str], cues: MoveCues, kind: str = "scores") -> tuple[np.ndarray, list[str]]:
    """Features of many paragraphs and their names."""
    names = feature_names(cues, kind)
    rows = [model_features(t, cues) for t in texts]
    return np.array([[r[n] for n in names] for r in rows], dtype=float).reshape(len(rows), len(names)), names


def fit_weights(texts: Sequence[str], labels: Sequence[str], cues: MoveCues, c: float = 0.3,
                seed: int = 0, kind: str = "scores") -> LogisticRegression:
    """Fit the logistic model on labelled paragraphs.

    Parameters
    ----------
    texts, labels : sequence of str
        Paragraphs and their gold moves.
    cues : MoveCues
        The cue families (hand weights; ``cues.fitted`` is ignored).
    c : float
        Inverse L2 strength (scikit-learn ``C``).
    seed : int
        The config seed (``random_state``; lbfgs does not use it, passed for the record).
    kind : {"scores", "cues", "both"}
        Feature set (:func:`feature_names`).
    """
    x, _ = feature_matrix(texts, cues, kind)
    model = LogisticRegression(C=c, class_weight="balanced", max_iter=5000, random_state=seed)
    return model.fit(x, list(labels))


def weights_record(model: LogisticRegression, cues: MoveCues, source: str, kind: str = "scores",
                   digits: int = 4) -> dict:
    """The fitted model as a plain mapping (``features``, ``intercept``, ``coef`` per move, ``source``)."""
    names = feature_names(cues, kind)
    classes = list(model.classes_)
    missing = [m for m in cues.moves if m not in classes]
    if missing:
        raise ValueError(f"no labelled paragraph of move {missing[0]!r}: cannot fit its weights")
    return {
        "source": source,
        "features": names,
        "intercept": {m: round(float(model.intercept_[classes.index(m)]), digits) for m in cues.moves},
        "coef": {m: [round(float(w), digits) for w in model.coef_[classes.index(m)]] for m in cues.moves},
    }


def write_weights(record: dict, path: Path) -> None:
    """Write the weight record as YAML (one flow-style row per move, with a header comment)."""
    head = ("# Fitted weights of the move scorer (speechtopics.rhetoric.weights): multinomial logistic model\n"
            "# score[m] = intercept[m] + coef[m] . x, x = the features listed (score:<move> = hand-weighted move\n"
            "# score; a cue id = log1p(min(matches, cap)) of that cue). coef rows follow the features' order.\n"
            "# Written by data/external/rhetoric/fit_move_weights.py; do not edit by hand.\n")
    body = yaml.safe_dump({k: record[k] for k in ("source", "features", "intercept")}, allow_unicode=True,
                          sort_keys=False, width=100)
    rows = "coef:\n" + "".join(f"  {m}: [{', '.join(f'{w:g}' for w in ws)}]\n" for m, ws in record["coef"].items())
    path.write_text(head + body + rows, encoding="utf-8")


def coefficient_table(cues: MoveCues):
    """The fitted weights as a DataFrame (feature x move), for reading what counts for what."""
    import pandas as pd

    fw = cues.fitted
    if fw is None:
        raise ValueError("the cue file names no weights_file")
    return pd.DataFrame({m: fw.coef[m] for m in cues.moves}, index=list(fw.features)).round(3)
