"""The hand-labelled validation set and both move methods on it."""

import pandas as pd

from speechtopics.rhetoric.cues import MOVES
from speechtopics.rhetoric.moves import classify_many
from speechtopics.rhetoric.validation import evaluate, load_validation, macro_f1


def test_validation_set_shape():
    df = load_validation()
    assert len(df) >= 200
    assert set(df["label"]) == set(MOVES)
    assert set(df["source"]) == {"sample_pages", "gwr", "xi_speeches"}
    assert set(df["half"]) == {"tune", "heldout", "heldout2"}
    assert df["half"].eq("heldout2").sum() >= 120
    assert df["note"].str.len().gt(0).all()


def test_lexicon_scorer_macro_f1(cues):
    df = load_validation()
    pred = pd.Series(classify_many(df["text"], cues), index=df.index)

    def f1(half):
        m = df["half"].eq(half)
        return round(macro_f1(df.loc[m, "label"], pred[m]), 4)

    assert macro_f1(df["label"], pred) >= 0.7          # all 358 items
    # pinned, second round: cues retuned on tune + heldout (0.6731 on heldout before the retune);
    # heldout2 was drawn and labelled before the retune and measured once, after it
    assert (f1("tune"), f1("heldout"), f1("heldout2")) == (0.8884, 0.7591, 0.4833)


def test_evaluate_table(cues):
    df = load_validation().head(30)
    t = evaluate(df, {"lexicon": classify_many(df["text"], cues)})
    assert set(t["half"]) <= {"tune", "heldout", "heldout2", "all"} and "all" in set(t["half"])
    assert "macro" in set(t["move"])
