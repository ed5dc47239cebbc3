"""The K sweep picks the planted number of topics, deterministically."""

from __future__ import annotations

import numpy as np
import pytest

from speechtopics.corpus import CorpusConfig, build_dictionary, to_bow
from speechtopics.models.options import LdaConfig
from speechtopics.models.sweep import RULE, LdaSweep, choose_k, split_holdout

CFG = LdaConfig(sweep_passes=4, sweep_iterations=50, top_n=10)


def test_sweep_picks_planted_k(planted):
    docs = planted(n_topics=4, n_docs=200, seed=4)
    d = build_dictionary(docs, CorpusConfig(no_below=2))
    bow = to_bow(d, docs)
    sweep = LdaSweep(ks=(2, 4, 6, 8), n_seeds=2, cfg=CFG, random_state=1, n_jobs=1).fit(bow, d, docs)
    assert sweep.best_k_ == 4
    assert "K=4" in sweep.reason_
    assert set(sweep.summary_["k"]) == {2, 4, 6, 8} and sweep.summary_["chosen"].sum() == 1
    assert {"c_v", "c_npmi_heldout", "u_mass", "perplexity", "stability"} <= set(sweep.runs_.columns)
    again = LdaSweep(ks=(2, 4, 6, 8), n_seeds=2, cfg=CFG, random_state=1, n_jobs=1).fit(bow, d, docs)
    np.testing.assert_array_equal(sweep.topic_words_[(4, 1)], again.topic_words_[(4, 1)])


def test_holdout_split_is_seeded_and_disjoint():
    tr, te = split_holdout(50, 0.2, 3)
    assert len(te) == 10 and not set(tr) & set(te)
    assert split_holdout(50, 0.2, 3)[1].tolist() == te.tolist()


def test_choose_k_breaks_ties_to_smaller_k():
    import pandas as pd

    runs = pd.DataFrame({"k": [2, 4], "seed": [0, 0], "c_npmi_heldout": [0.1, 0.1], "c_v_heldout": [0.5, 0.5],
                         "stability": [0.8, 0.8], "exclusivity": [0.9, 0.9]})
    assert choose_k(runs)[1] == 2
    assert choose_k(runs, stability_threshold=0.9)[1] == 2  # none admissible: all are


def _trade_off_runs(noise: float):
    import pandas as pd

    # coherence falls and exclusivity rises with K; K=4 trades best; K=8 is unstable (not admissible)
    rows = []
    for k, coh, exc, stab in [(2, 0.10, 0.50, 0.9), (4, 0.09, 0.78, 0.8), (6, 0.088, 0.80, 0.7),
                              (8, 0.00, 0.99, 0.3)]:
        for s, e in enumerate((-noise, noise)):
            rows.append({"k": k, "seed": s, "c_npmi_heldout": coh + e, "exclusivity": exc, "stability": stab})
    return pd.DataFrame(rows)


def test_choose_k_trades_coherence_against_exclusivity():
    summary, best, reason = choose_k(_trade_off_runs(0.0005), stability_threshold=0.5)
    assert best == 4 and reason.startswith("K=4") and "not admissible" in reason
    assert not summary.set_index("k").loc[8, "admissible"]
    assert summary.set_index("k")["score"].idxmax() == 4


def test_choose_k_scores_admissible_ks_only():
    summary, best, _ = choose_k(_trade_off_runs(0.0005), stability_threshold=0.5)
    scored = summary.set_index("k")[["score", "score_se"]]
    assert scored.loc[8].isna().all() and scored.loc[[2, 4, 6]].notna().all().all()
    # one admissible K: the others get no score (not a tie at 0 with it)
    summary, best, _ = choose_k(_trade_off_runs(0.0005), stability_threshold=0.85)
    scored = summary.set_index("k")["score"]
    assert best == 2 and scored.notna().tolist() == [True, False, False, False]


def test_when_no_k_is_stable_the_reason_says_so_first_and_what_was_done_instead():
    runs = _trade_off_runs(0.0005)
    runs["stability"] = runs["stability"] * 0.5  # 0.45, 0.4, 0.35, 0.15: none reaches 0.5
    with pytest.warns(UserWarning, match="no K reached a mean stability of 0.5"):
        summary, best, reason = choose_k(runs, stability_threshold=0.5)
    assert reason.startswith(f"K={best}: no K reached the stability bar (mean stability >= 0.5 across seeds; "
                             "the most stable, K=2, has 0.45), so every K was admitted instead and "
                             f"K={best} is the smallest K whose score")
    assert "among Ks with" not in reason and "across all Ks" in reason
    assert reason.endswith("; its topics may not recur under another seed")
    assert summary["admissible"].all()  # the rule itself: every K admitted, scored and chosen as before
    # a stable grid keeps the rule's sentence as it was
    assert choose_k(_trade_off_runs(0.0005), 0.5)[2].startswith("K=4: " + RULE.format(threshold=0.5))


def test_choose_k_prefers_the_smaller_k_within_one_standard_error():
    summary, best, _ = choose_k(_trade_off_runs(0.003), stability_threshold=0.5)
    assert summary.set_index("k")["score"].idxmax() == 4 and best == 2


def test_coherence_references_read_again_from_stored_units_equal_the_lists(planted, tmp_path):
    from speechtopics.models.sweep import BowTokens, TokenRows, UnitTokens
    from speechtopics.partitions import write_parts

    docs = planted(n_topics=3, n_docs=120, seed=5)
    d = build_dictionary(docs, CorpusConfig(no_below=2))
    bow = to_bow(d, docs)
    stored = write_parts(tmp_path / "units", ({"tokens": t} for t in docs), part_size=17)
    reads = []

    class Counting(UnitTokens):
        def __iter__(self):
            reads.append(1)
            return super().__iter__()
    sweeps = [LdaSweep(ks=(2, 3), n_seeds=2, cfg=CFG, random_state=1).fit(bow, d, texts)
              for texts in (docs, Counting(stored), None)]
    runs = [s.runs_.drop(columns="seconds") for s in sweeps]
    assert runs[0].equals(runs[1]) and len(reads) >= 2  # read again for each score, never held whole
    assert runs[2].drop(columns=["c_v", "c_npmi", "c_v_heldout", "c_npmi_heldout"]).equals(
        runs[0].drop(columns=["c_v", "c_npmi", "c_v_heldout", "c_npmi_heldout"]))  # bag-of-words: no word order
    rows = TokenRows(UnitTokens(stored), np.array([0, 5, 119]), {"w"} | set(docs[5]))
    assert len(rows) == 3 and list(rows)[1] == docs[5] and list(rows) == list(rows)
    assert sum(1 for _ in BowTokens(bow, d)) == len(bow)
