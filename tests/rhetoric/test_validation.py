"""The hand-labelled validation set and both move methods on it."""

from speechtopics.rhetoric.cues import MOVES
from speechtopics.rhetoric.moves import classify_many
from speechtopics.rhetoric.validation import evaluate, load_validation, macro_f1


def test_validation_set_shape():
    df = load_validation()
    assert len(df) >= 200
    assert set(df["label"]) == set(MOVES)
    assert set(df["source"]) == {"sample_pages", "gwr", "xi_speeches"}
    assert set(df["half"]) == {"tune", "heldout"}
    assert df["note"].str.len().gt(0).all()


def test_lexicon_scorer_macro_f1(cues):
    df = load_validation()
    pred = classify_many(df["text"], cues)
    assert macro_f1(df["label"], pred) >= 0.7          # all items
    held = df["half"].eq("heldout")
    # pinned: the held-out half, never tuned on, measured once (0.6731)
    assert round(macro_f1(df.loc[held, "label"], [p for p, h in zip(pred, held) if h]), 4) == 0.6731


def test_evaluate_table(cues):
    df = load_validation().head(30)
    t = evaluate(df, {"lexicon": classify_many(df["text"], cues)})
    assert set(t["half"]) == {"tune", "heldout", "all"}
    assert "macro" in set(t["move"])
