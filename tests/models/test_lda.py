"""LDA runs: exact under a seed, seeded prior, labels and passages, speech clusters (the `cluster` route: test_speech_clusters.py)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from speechtopics.corpus import CorpusConfig, build_dictionary, to_bow
from speechtopics.models import labels as lab
from speechtopics.models.lda import hierarchical_clusters, run_lda
from speechtopics.models.options import LdaConfig, SeededConfig
from speechtopics.models.seeded import run_seeded, seed_prior
from speechtopics.report.topics import topic_terms_table

FAST = LdaConfig(passes=3, iterations=30)


def _corpus(docs):
    d = build_dictionary(docs, CorpusConfig(no_below=2))
    return to_bow(d, docs), d


def test_same_config_and_seed_give_identical_topics_and_tables(planted):
    bow, d = _corpus(planted(n_topics=4, n_docs=80))
    a, b = run_lda(bow, d, 4, FAST, 11), run_lda(bow, d, 4, FAST, 11)
    np.testing.assert_array_equal(a.topic_word, b.topic_word)
    np.testing.assert_array_equal(a.theta, b.theta)
    assert topic_terms_table(a.topic_word, d, a.theta).equals(topic_terms_table(b.topic_word, d, b.theta))
    assert not np.array_equal(a.topic_word, run_lda(bow, d, 4, FAST, 12).topic_word)


def test_hierarchical_clusters_of_mixtures():
    theta = np.array([[0.9, 0.05, 0.05], [0.85, 0.1, 0.05], [0.05, 0.9, 0.05], [0.1, 0.85, 0.05]])
    labels, z = hierarchical_clusters(theta, 2)
    assert labels.tolist() == [0, 0, 1, 1] and z.shape == (3, 4)


def test_seeded_prior_and_model(planted):
    bow, d = _corpus(planted(n_topics=3, n_docs=60))
    seeds = {"A": ["t0w03", "t0w04"], "B": ["t1w03"], "none": ["absent"]}
    eta, names, n_seeded = seed_prior(d, seeds, n_free=1, boost=2.0)
    assert names == ["A", "B", "自由主题 1"] and n_seeded == 2 and eta.shape == (3, len(d))
    assert eta[0, d.token2id["t0w03"]] > eta[1, d.token2id["t0w03"]]
    run = run_seeded(bow, d, LdaConfig(passes=10, iterations=50),
                     SeededConfig(seed_topics=seeds, n_free_topics=1, seed_boost=100.0), 1)
    top_a = {d[int(i)] for i in np.argsort(-run.topic_word[0])[:5]}
    assert "t0w03" in top_a and run.scores["names"][0] == "A"


def test_labels_and_passages(planted):
    bow, d = _corpus(planted(n_topics=3, n_docs=60))
    run = run_lda(bow, d, 3, FAST, 2)
    words = lab.topic_words(run.topic_word, d, lab.term_frequencies(bow, len(d)), n=5)
    assert set(words[0]) == {"prob", "frex", "lift"} and len(words[0]["frex"]) == 5
    labels = lab.suggest_labels(run.topic_word, d, {"区域0": ["t0w02", "t0w03"]}, [w["frex"] for w in words])
    assert sum(lbl.startswith("区域0") for lbl in labels) == 1
    units = [{"doc_id": f"d{i // 2}", "section": "一", "text": f"text {i}", "tokens": []} for i in range(len(bow))]
    p = lab.representative_passages(run.theta, units, {"d0": {"title": "T", "date": "2020-01-01"}}, n=2)
    assert len(p) == 6 and list(p["rank"][:2]) == [1, 2] and p["share"].iloc[0] >= p["share"].iloc[1]
    assert p["display_name"].iloc[0] in ("T", p["doc_id"].iloc[0])


def test_labels_without_seed_topics_are_frex_words_and_unique(planted):
    bow, d = _corpus(planted(n_topics=3, n_docs=60))
    run = run_lda(bow, d, 3, FAST, 2)
    freq = lab.term_frequencies(bow, len(d))
    words = lab.topic_words(run.topic_word, d, freq, n=5)
    assert SeededConfig().seed_topics == {}
    labels = lab.suggest_labels(run.topic_word, d, SeededConfig().seed_topics, [w["frex"] for w in words])
    assert labels == ["·".join(w["frex"][:3]) for w in words]
    same = lab.suggest_labels(run.topic_word, d, None, [["甲", "乙", "丙"]] * 3)
    assert same == ["甲·乙·丙（1）", "甲·乙·丙（2）", "甲·乙·丙（3）"]
    frex = lab.frex_top_words(run.topic_word, d, freq, n=5)
    assert [[w for w, _ in t] for t in frex] == [w["frex"] for w in words]
    assert all(p == run.topic_word[t, d.token2id[w]] for t, ws in enumerate(frex) for w, p in ws)


def test_a_label_names_no_person_and_repeats_no_part_of_a_word(planted):
    bow, d = _corpus(planted(n_topics=3, n_docs=60))
    run = run_lda(bow, d, 3, FAST, 2)
    labels = lab.suggest_labels(run.topic_word, d, None, [["习近平", "防控", "救治", "疫情防控", "医务人员"]] * 3)
    assert labels == ["防控·救治·医务人员（1）", "防控·救治·医务人员（2）", "防控·救治·医务人员（3）"]


def test_a_passage_copied_in_the_corpus_is_shown_once():
    theta = np.array([[0.9, 0.1], [0.8, 0.2], [0.7, 0.3], [0.1, 0.9]])
    units = [{"doc_id": d, "text": t} for d, t in [("a", "同一段"), ("b", "同一 段"), ("c", "另一段"), ("d", "第四段")]]
    p = lab.representative_passages(theta, units, {}, n=2)
    assert p.query("topic == 1")["doc_id"].tolist() == ["a", "c"]
    assert p.query("topic == 1")["rank"].tolist() == [1, 2]


def test_a_passage_of_a_speech_dated_by_its_year_shows_the_year():
    theta = np.array([[0.9, 0.1], [0.2, 0.8], [0.5, 0.5]])
    units = [{"doc_id": d, "text": t} for d, t in [("a", "第一段"), ("b", "第二段"), ("c", "第三段")]]
    docs = {"a": {"date": "2020-05-22", "year": 2020}, "b": {"date": None, "year": 2008},
            "c": {"date": None, "year": pd.NA}}
    p = lab.representative_passages(theta, units, docs, n=3).query("topic == 1")
    assert dict(zip(p["doc_id"], p["date"])) == {"a": "2020-05-22", "b": "2008", "c": ""}
