"""The K sweep picks the planted number of topics, deterministically."""

from __future__ import annotations

import numpy as np

from speechtopics.corpus import CorpusConfig, build_dictionary, to_bow
from speechtopics.models.options import LdaConfig
from speechtopics.models.sweep import LdaSweep, choose_k, split_holdout

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
