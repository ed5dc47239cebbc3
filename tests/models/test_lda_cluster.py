"""The ``cluster --method lda`` route: planted groups recovered, exact under a seed, labelled samples."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from speechtopics.evaluate import nmi
from speechtopics.models import lda
from speechtopics.models.lda_cluster import cluster_texts_lda, cluster_tokens
from speechtopics.models.mixture_cluster import cluster_mixtures
from speechtopics.models.options import ClusterConfig, LdaConfig

FAST_LDA = LdaConfig(passes=3, iterations=30)
FAST = ClusterConfig(passes=5, iterations=50, seeds=2)
SMALL = ClusterConfig(passes=10, iterations=50, seeds=3)
LABELLED = Path(__file__).resolve().parents[1] / "data" / "labelled"


def test_clustering_recovers_planted_groups(planted):
    docs, groups = planted(n_topics=4, n_docs=80, groups=True, seed=3)
    details = {}
    labels, runs = cluster_tokens(docs, 4, seed=5, cfg=FAST, details=details)
    assert nmi(groups, labels) > 0.9
    assert len(runs) == 6 and sorted({r.k for r in runs}) == [10, 20, 30]  # K grid x 2 seeds, content only
    assert set(details["stability"]) == set(FAST.neighbors) and details["n_neighbors"] in FAST.neighbors
    np.testing.assert_array_equal(labels, cluster_tokens(docs, 4, seed=5, cfg=FAST)[0])


@pytest.mark.parametrize("name,k,floor", [("genre_proxy", 3, 0.2), ("hebei_department", 5, 0.2)])
def test_cluster_texts_on_labelled_samples_beats_chance(name, k, floor):
    rows = [json.loads(line) for line in (LABELLED / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()]
    cfg = type("Cfg", (), {"cluster": SMALL, "segment": None})()
    labels = cluster_texts_lda([r["text"] for r in rows], k, 20240601, cfg)
    truth = [r["label"] for r in rows]
    chance = np.mean([nmi(truth, np.random.default_rng(s).permutation(labels)) for s in range(5)])
    assert nmi(truth, labels) > max(floor, 3 * chance)


def test_cluster_mixtures_weights_blocks():
    a = np.array([[0.9, 0.1]] * 20 + [[0.1, 0.9]] * 20)  # block that separates the two halves
    b = np.array([[0.9, 0.1], [0.1, 0.9]] * 20)  # block that separates odd from even rows
    by_a = cluster_mixtures([[a], [b]], 2, 0, weights=[1.0, 0.0])
    by_b = cluster_mixtures([[a], [b]], 2, 0, weights=[0.0, 1.0])
    assert by_a.tolist() == [0] * 20 + [1] * 20 and by_b.tolist() == [0, 1] * 20


def test_run_views_can_train_on_openings_and_closings(planted):
    from speechtopics.corpus import CorpusConfig, build_dictionary, to_bow
    from speechtopics.models.lda_cluster import run_views

    docs = planted(n_topics=3, n_docs=30, seed=1)
    dictionary = build_dictionary(docs, CorpusConfig(no_below=1, no_above=1.0))
    bow = to_bow(dictionary, docs)
    views = [to_bow(dictionary, [d[:5] for d in docs]), to_bow(dictionary, [d[-3:] for d in docs])]
    plain, plain_views = run_views(bow, dictionary, 3, FAST_LDA, 7, views)
    aug, aug_views = run_views(bow, dictionary, 3, FAST_LDA, 7, views, train_views=True)
    direct = lda.fit_lda(bow + views[0] + views[1], dictionary, 3, FAST_LDA, 7)  # whole texts, then the views
    np.testing.assert_allclose(aug.topic_word, direct.get_topics())
    assert not np.allclose(aug.topic_word, plain.topic_word)
    assert aug.theta.shape == (30, 3) and [v.shape for v in aug_views] == [(30, 3), (30, 3)]
    again, again_views = run_views(bow, dictionary, 3, FAST_LDA, 7, views, train_views=True)
    np.testing.assert_array_equal(again.theta, aug.theta)
    np.testing.assert_array_equal(again_views[0], aug_views[0])


def test_stance_tokens_keep_only_markers_in_order():
    from speechtopics.models.text_features import stance_tokens

    assert stance_tokens([["我们", "的", "发展", "要", "！"], ["会议", "。"]]) == [["我们", "要", "！"], []]


def test_stance_tokens_tag_quoted_and_reported_voice():
    from speechtopics.models.text_features import stance_tokens

    news = ["他", "强调", "，", "我们", "要", "坚持", "。", "我们", "要", "“", "你们", "要", "”", "。",
            "记者", "说", "：", "“", "我", "”", "！", "要"]
    assert stance_tokens([news], voice=True) == [[
        "他", "强调", "R:我们", "R:要", "R:坚持",        # reported up to the sentence end
        "我们", "要", "“", "Q:你们", "Q:要", "”",        # own voice, then quoted words
        "记者", "说", "R:：", "“", "R:Q:我", "”", "！",  # reported and quoted; the frame stays bare
        "要"]]
    assert stance_tokens([news]) == [[w.split(":")[-1] for w in stance_tokens([news], voice=True)[0]]]


def test_stance_layer_is_fitted_from_register_and_switches_off(planted):
    docs, groups = planted(n_topics=3, n_docs=40, groups=True, seed=2)
    register = [["我们", "要", "！"] * 3 if g == 0 else ["记者", "表示", "："] * 3 for g in groups]
    no_reg = ClusterConfig(passes=3, iterations=30, seeds=1, register_terms=0)
    labels, runs = cluster_tokens(docs, 3, seed=4, cfg=no_reg, register=register)
    assert sorted(r.k for r in runs) == [3, 5, 8, 10, 20, 30]  # content grid + stance topics
    again, _ = cluster_tokens(docs, 3, seed=4, cfg=no_reg, register=register)
    np.testing.assert_array_equal(labels, again)
    from dataclasses import replace

    _, off = cluster_tokens(docs, 3, seed=4, cfg=replace(no_reg, stance_weight=0.0), register=register)
    assert sorted(r.k for r in off) == [10, 20, 30]


def test_stance_layer_counts_reported_markers_apart_unless_switched_off(planted):
    docs, groups = planted(n_topics=2, n_docs=30, groups=True, seed=2)
    register = [["我们", "要", "！"] * 3 if g == 0 else ["他", "表示", "，", "我们", "要", "。"] * 3 for g in groups]
    cfg = ClusterConfig(passes=2, iterations=20, seeds=1, register_terms=0, stance_topics=(3,))
    from dataclasses import replace

    def stance_vocab(c):
        runs = cluster_tokens(docs, 2, seed=1, cfg=c, register=register)[1]
        return set(next(r for r in runs if r.k == 3).model.id2word.values())

    assert stance_vocab(cfg) == {"我们", "要", "！", "他", "表示", "R:我们", "R:要"}
    assert stance_vocab(replace(cfg, stance_voice=False)) == {"我们", "要", "！", "他", "表示"}


def test_explained_share_is_eta_squared():
    from speechtopics.models.mixture_cluster import explained_share

    assert explained_share([1, 1, 3, 3], [0, 0, 1, 1]) == pytest.approx(1.0)
    assert explained_share([1, 3, 1, 3], [0, 0, 1, 1]) == pytest.approx(0.0)
    assert explained_share([1, 2, 3, 6], [0, 0, 1, 1]) == pytest.approx(9 / 14)  # mean 3; groups 1.5 and 4.5
    assert explained_share([5, 5, 5], [0, 1, 1]) == 0.0


def test_length_column_counts_only_where_the_groups_differ_in_length():
    from speechtopics.models.mixture_cluster import length_column

    groups = np.array([0] * 10 + [1] * 10)
    aligned = length_column([100] * 10 + [3000] * 10, groups, 2.0)
    np.testing.assert_allclose(aligned, 2.0 * np.array([-1.0] * 10 + [1.0] * 10))  # all variance between
    across = length_column([100, 3000] * 10, groups, 2.0)
    np.testing.assert_allclose(across, 0.0)  # none between
    assert not length_column([50] * 20, groups, 2.0).any()


def _two_groups_and_ambiguous_documents():
    rng = np.random.default_rng(0)
    theta = np.vstack([np.tile([0.9, 0.1], (20, 1)), np.tile([0.1, 0.9], (20, 1)), np.tile([0.5, 0.5], (4, 1))])
    theta = np.clip(theta + rng.normal(0, 0.02, theta.shape), 0.01, None)
    return theta / theta.sum(1, keepdims=True)


def test_cluster_mixtures_lets_length_settle_ambiguous_documents():
    theta = _two_groups_and_ambiguous_documents()
    lengths = [100] * 20 + [3000] * 20 + [100, 100, 3000, 3000]
    truth = [0] * 20 + [1] * 20 + [0, 0, 1, 1]
    words_only = cluster_mixtures([[theta]], 2, 0, n_neighbors=5)
    with_length = cluster_mixtures([[theta]], 2, 0, n_neighbors=5, lengths=lengths, length_weight=1.0)
    assert nmi(truth, words_only) < 1.0
    assert nmi(truth, with_length) == pytest.approx(1.0)


def test_cluster_mixtures_ignores_length_unrelated_to_the_groups():
    theta = _two_groups_and_ambiguous_documents()
    lengths = np.random.default_rng(1).integers(100, 3000, len(theta))
    words_only = cluster_mixtures([[theta]], 2, 0, n_neighbors=5)
    with_length = cluster_mixtures([[theta]], 2, 0, n_neighbors=5, lengths=lengths, length_weight=1.0)
    np.testing.assert_array_equal(words_only, with_length)


def test_cluster_tokens_passes_neighbours_and_length_settings(planted, monkeypatch):
    from dataclasses import replace

    from speechtopics.models import lda_cluster

    docs, _ = planted(n_topics=3, n_docs=30, groups=True, seed=2)
    seen = {}

    def record(blocks, k, seed, **kw):
        seen.update(kw)
        return np.zeros(len(docs), dtype=int)

    monkeypatch.setattr(lda_cluster, "cluster_mixtures", record)
    cfg = replace(FAST, seeds=1, neighbors=7, length_weight=0.5, voice_weight=0.3)
    cluster_tokens(docs, 3, seed=1, cfg=cfg)
    assert seen["n_neighbors"] == 7 and seen["length_weight"] == 0.5
    assert seen["lengths"] == [len(d) for d in docs]  # no register layer: token counts
    assert seen["rates"] is None  # no register layer: no voice rates
    register = [["我们", "要"] + d for d in docs]
    cluster_tokens(docs, 3, seed=1, cfg=cfg, register=register)
    assert seen["rate_weight"] == 0.3
    np.testing.assert_allclose(seen["rates"][:, 0], [np.log1p(1000 / len(r)) for r in register])


def test_voice_rates_count_only_the_texts_own_first_and_second_person():
    from speechtopics.models.text_features import voice_rates

    speech = ["同志", "们", "，", "我们", "要", "干", "。"]  # 2 of 7 words in its own voice
    report = ["他", "表示", "，", "我们", "要", "干", "。", "“", "大家", "好", "”"]  # reported and quoted only
    plain = ["会议", "召开", "。"]
    rates = voice_rates([speech, report, plain, []])
    assert rates.shape == (4, 1)
    np.testing.assert_allclose(rates[:, 0], [np.log1p(1000 * 2 / 7), 0.0, 0.0, 0.0])


def test_gated_column_weighs_each_scalar_by_what_the_groups_explain():
    from speechtopics.models.mixture_cluster import gated_column, length_column

    groups = np.array([0] * 10 + [1] * 10)
    np.testing.assert_allclose(gated_column([1.0] * 10 + [5.0] * 10, groups, 0.5), 0.5 * np.repeat([-1.0, 1.0], 10))
    np.testing.assert_allclose(gated_column([1.0, 5.0] * 10, groups, 0.5), 0.0)
    lengths = np.random.default_rng(0).integers(50, 5000, 20)
    np.testing.assert_allclose(length_column(lengths, groups, 2.0), gated_column(np.log1p(lengths), groups, 2.0))


def test_cluster_mixtures_lets_voice_rates_settle_ambiguous_documents():
    theta = _two_groups_and_ambiguous_documents()
    rates = np.array([0.0] * 20 + [3.0] * 20 + [0.0, 0.0, 3.0, 3.0])
    truth = [0] * 20 + [1] * 20 + [0, 0, 1, 1]
    with_rates = cluster_mixtures([[theta]], 2, 0, n_neighbors=5, rates=rates[:, None], rate_weight=1.0)
    assert nmi(truth, with_rates) == pytest.approx(1.0)
    assert nmi(truth, cluster_mixtures([[theta]], 2, 0, n_neighbors=5, rates=rates, rate_weight=0.0)) < 1.0


def test_seed_halves_are_complementary_splits():
    from speechtopics.models.mixture_cluster import seed_halves

    assert seed_halves(7) == [{0, 1, 2, 3}, {0, 2, 4, 6}, {0, 1, 4, 5}, {0, 3, 5, 6}]
    assert seed_halves(2) == [{0}]
    assert seed_halves(1) == []


def test_choose_neighbors_scores_every_candidate_and_is_exact():
    from speechtopics.models.mixture_cluster import choose_neighbors

    rng = np.random.default_rng(3)
    centres = np.array([[0.8, 0.1, 0.1], [0.1, 0.8, 0.1], [0.1, 0.1, 0.8]])
    runs = []
    for _ in range(4):  # 4 seeds, one topic count: runs 0..3
        theta = np.clip(np.repeat(centres, 20, axis=0) + rng.normal(0, 0.05, (60, 3)), 0.01, None)
        runs.append(theta / theta.sum(1, keepdims=True))
    chosen, stability = choose_neighbors([runs], 3, 0, 4, (5, 10, 20))
    assert set(stability) == {5, 10, 20} and chosen == 5  # planted groups: every size is stable, first wins
    assert all(s == pytest.approx(1.0) for s in stability.values())
    assert choose_neighbors([runs], 3, 0, 4, (5, 10, 20)) == (chosen, stability)
    assert choose_neighbors([runs], 3, 0, 4, (12,)) == (12, {})
    assert choose_neighbors([runs[:1]], 3, 0, 1, (5, 10)) == (5, {})  # one seed: nothing to compare
