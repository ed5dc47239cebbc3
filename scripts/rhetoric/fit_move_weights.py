"""Fit the move scorer's weights (``move_weights.yaml``) on the labelled rows of tune, heldout and heldout2.

Run after any change to ``move_cues.yaml``. ``heldout3`` is never used here: it was drawn and labelled
before the third round and is measured, once, with the weights this script wrote.

    .venv/bin/python scripts/rhetoric/fit_move_weights.py
"""

import os

from speechtopics.config import load_config
from speechtopics.rhetoric.cues import hand_weighted, load_move_cues, resolve
from speechtopics.rhetoric.validation import load_validation
from speechtopics.rhetoric.weights import fit_weights, weights_record, write_weights

HALVES = ("tune", "heldout", "heldout2")
# Inverse L2 strength of the fitted weights (was rhetoric.weights_c of the config, read only here).
C = 0.3
ROOT = os.path.join(os.path.dirname(__file__), "..", "..")


def main():
    cfg = load_config(os.path.join(ROOT, "config", "default.yaml"))
    rc = cfg.rhetoric
    cues = hand_weighted(load_move_cues(rc.cue_file))
    df = load_validation(rc.validation_file)
    df = df[df["half"].isin(HALVES)]
    model = fit_weights(df["text"].tolist(), df["label"].tolist(), cues, c=C, seed=cfg.seed)
    record = weights_record(model, cues, source=f"{' + '.join(HALVES)} ({len(df)} rows), C={C}")
    out = resolve("rhetoric/move_weights.yaml")
    write_weights(record, out)
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
