"""Criteria on tiny hand-made matrices: diversity, FREX/exclusivity, matching, stability, NMI/ARI."""

from __future__ import annotations

import numpy as np
from gensim.corpora import Dictionary

from speechtopics import evaluate


def _tw(rng, k=4, v=30):
    return rng.dirichlet(np.full(v, 0.1), size=k)


def test_diversity_counts_unique_top_words():
    tw = np.array([[0.5, 0.3, 0.1, 0.1], [0.5, 0.3, 0.1, 0.1]])
    assert evaluate.topic_diversity(tw, topn=2) == 0.5
    assert evaluate.topic_diversity(np.eye(4) + 0.01, topn=1) == 1.0


def test_frex_and_exclusivity_reward_exclusive_words():
    tw = np.array([[0.7, 0.1, 0.1, 0.1], [0.1, 0.1, 0.1, 0.7]])
    fr = evaluate.frex(tw)
    assert fr.shape == tw.shape and fr.max() <= 1.0
    assert fr[0, 0] == fr[0].max() and fr[1, 3] == fr[1].max()
    mixed = np.array([[0.4, 0.3, 0.2, 0.1], [0.4, 0.05, 0.05, 0.5]])
    fr = evaluate.frex(mixed)
    assert fr[0, 1] > fr[0, 0]  # exclusive word beats the more frequent shared one
    assert 0 < evaluate.exclusivity(mixed, 2).min() <= 1


def test_lift_is_ratio_to_corpus_share():
    lf = evaluate.lift(np.array([[0.5, 0.5]]), np.array([1, 3]))
    np.testing.assert_allclose(lf, [[2.0, 2 / 3]])


def test_matching_recovers_a_permutation():
    rng = np.random.default_rng(0)
    a = _tw(rng)
    perm = np.array([2, 0, 3, 1])
    match, sim = evaluate.match_topics(a, a[perm])
    np.testing.assert_array_equal(perm[match], np.arange(4))
    np.testing.assert_allclose(sim, 1.0)
    cos_match, _ = evaluate.match_topics(a, a[perm], metric="cosine")
    np.testing.assert_array_equal(cos_match, match)


def test_stability_is_high_for_same_topics_and_low_for_random_ones():
    rng = np.random.default_rng(1)
    a = _tw(rng)
    assert evaluate.topic_stability([a, a[::-1]]).min() > 0.999
    assert evaluate.topic_stability([a, _tw(rng)]).mean() < 0.6
    assert evaluate.topic_stability([a]).tolist() == [1.0] * 4


def test_similarity_is_bounded():
    rng = np.random.default_rng(2)
    s = evaluate.similarity_matrix(_tw(rng), _tw(rng))
    assert s.min() >= 0 and s.max() <= 1


def test_coherence_prefers_cooccurring_words():
    texts = [["a", "b", "c"], ["a", "b", "d"], ["c", "d", "e"], ["a", "b", "e"]] * 5
    d = Dictionary(texts)
    good, bad = evaluate.coherence_per_topic([["a", "b"], ["a", "e"]], texts, d, "c_npmi")
    assert good > bad
    umass = evaluate.coherence_per_topic([["a", "b"], ["zz", "yy"]], texts, d, "u_mass")
    assert np.isfinite(umass[0]) and np.isnan(umass[1])


def test_agreement_scores():
    assert evaluate.nmi([0, 0, 1, 1], [1, 1, 0, 0]) == 1.0
    assert evaluate.ari([0, 0, 1, 1], ["x", "x", "y", "y"]) == 1.0
    assert evaluate.agreement([0, 1], [0, 1])["n"] == 2


def test_coherence_is_finite_when_top_words_are_absent_from_the_reference():
    # held-out units often lack some of a topic's top words: gensim's NPMI would be inf for them
    train = [["a", "b", "c"], ["a", "b", "d"], ["c", "d", "e"], ["a", "b", "e"], ["x", "y", "a"]] * 4
    heldout = [["a", "b", "c"], ["a", "b", "d"], ["c", "d", "e"]] * 3
    d = Dictionary(train)
    with_absent = evaluate.coherence_per_topic([["a", "b", "x", "y"], ["x", "y"]], heldout, d, "c_npmi")
    without = evaluate.coherence_per_topic([["a", "b"]], heldout, d, "c_npmi")
    assert np.isfinite(with_absent[0]) and with_absent[0] == without[0]
    assert np.isnan(with_absent[1])  # no word of the topic in the reference: no evidence, NaN
    cv = evaluate.coherence_per_topic([["a", "b", "x", "c"]], heldout, d, "c_v")
    assert np.isfinite(cv).all()
    np.testing.assert_allclose(evaluate.reference_coverage([["a", "b", "x", "y"]], heldout), [0.5])
