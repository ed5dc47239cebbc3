"""The hand-labelled validation set and both move methods on it."""

import pandas as pd
import pytest

from speechtopics.rhetoric.cues import MOVES, hand_weighted
from speechtopics.rhetoric.moves import classify_many
from speechtopics.rhetoric.validation import evaluate, load_validation, macro_f1


def test_validation_set_shape():
    df = load_validation()
    assert len(df) >= 470
    assert set(df["label"]) == set(MOVES)
    assert set(df["source"]) == {"sample_pages", "gwr", "xi_speeches", "synthetic"}
    assert set(df["half"]) == {"tune", "heldout", "heldout2", "heldout3"}
    assert df["half"].eq("heldout2").sum() >= 120 and df["half"].eq("heldout3").sum() >= 120
    assert df.loc[df["source"].eq("synthetic"), "half"].eq("heldout3").all()
    assert df["note"].str.len().gt(0).all()
    assert df["note"].str.contains("relabelled").sum() == 5   # round-3 label fixes, each noted


def _f1s(df, pred):
    """Macro-F1 on tune, heldout, heldout2, heldout3 and all."""
    pred = pd.Series(list(pred), index=df.index)
    masks = [df["half"].eq(h) for h in ("tune", "heldout", "heldout2", "heldout3")] + [df["half"].ne("")]
    return tuple(round(macro_f1(df.loc[m, "label"], pred[m]), 4) for m in masks)


@pytest.fixture(scope="module")
def validation():
    return load_validation()


def test_lexicon_scorer_macro_f1(cues, validation):
    """Pinned, third round. Cue families and fitted weights were set on tune + heldout + heldout2 (labels of
    the sharpened guide); heldout3 was drawn and labelled before, and measured once, after: whatever it was."""
    f1 = _f1s(validation, classify_many(validation["text"], cues))
    assert f1[4] >= 0.7 and f1[3] >= 0.7          # all 493 items; the fresh set
    assert f1 == (0.8493, 0.7323, 0.6765, 0.8018, 0.7667)


def test_hand_weighted_scorer_macro_f1(cues, validation):
    """The same cues with hand weights only (round 2 on the new labels: 0.8807, 0.7689, 0.4845, 0.6724)."""
    f1 = _f1s(validation, classify_many(validation["text"], hand_weighted(cues)))
    assert f1 == (0.8462, 0.7686, 0.6086, 0.8167, 0.759)


def test_evaluate_table(cues):
    df = load_validation().head(30)
    t = evaluate(df, {"lexicon": classify_many(df["text"], cues)})
    assert set(t["half"]) <= {"tune", "heldout", "heldout2", "heldout3", "all"} and "all" in set(t["half"])
    assert "macro" in set(t["move"])
