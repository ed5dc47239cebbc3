"""Seeded LDA: exact under the seed, seeds tie topics to moves."""

import numpy as np

from speechtopics.rhetoric.lda import build_eta, fit_seeded_lda, predict_moves
from speechtopics.rhetoric.options import RhetoricConfig

DOCS = [["取得", "成效", "增长"], ["问题", "困难", "矛盾"], ["确保", "加快", "落实"], ["奋斗", "团结", "信心"],
        ["党中央", "贯彻", "精神"], ["刚才", "会议", "报告"]] * 4


def test_seeded_lda_is_exact_and_follows_seeds(cues):
    cfg = RhetoricConfig(lda_passes=5, lda_iterations=50, lda_no_below=1)
    m1, d1 = fit_seeded_lda(DOCS, cues, cfg, seed=7)
    m2, d2 = fit_seeded_lda(DOCS, cues, cfg, seed=7)
    p1, t1 = predict_moves(m1, d1, DOCS, cues)
    p2, t2 = predict_moves(m2, d2, DOCS, cues)
    assert p1 == p2 and np.array_equal(t1, t2)
    assert p1[:6] == list(cues.moves)


def test_eta_rows(cues):
    from gensim.corpora import Dictionary

    d = Dictionary([["成效", "问题", "其他"]])
    eta = build_eta(d, cues, RhetoricConfig())
    assert eta.shape == (len(cues.moves), 3)
    assert eta[cues.moves.index("achievement"), d.token2id["成效"]] == RhetoricConfig().lda_eta_seed
