"""speechtopics.cluster: routes on small real samples, seed determinism, the k rule, recurrence flags."""

from __future__ import annotations

import json
import warnings
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import speechtopics as st
from speechtopics.config import Config
from speechtopics.evaluate import agreement
from speechtopics.models import cluster_stability as cs
from speechtopics.models.cluster_features import RHETORIC_GROUPS, rhetoric_features, smd_table, unit_variance
from speechtopics.models.speech_clusters import corpus_from_texts

DATA = Path(__file__).resolve().parents[1] / "data" / "labelled"


def _fast() -> Config:
    cfg = Config()
    return replace(cfg, lda=replace(cfg.lda, passes=3, iterations=30, k=8))


def _sample(name: str, per_label: int = 12):
    rows = [json.loads(x) for x in (DATA / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()]
    df = pd.DataFrame(rows).groupby("label", sort=True).head(per_label).reset_index(drop=True)
    return df, corpus_from_texts(df["id"], df["text"], None, _fast())


@pytest.fixture(scope="module")
def departments():
    return _sample("hebei_department")


@pytest.fixture(scope="module")
def genres():
    return _sample("genre_proxy")


def _nmi(df, res) -> float:
    got = dict(zip(res.assignments["doc_id"], res.assignments["cluster"]))
    return agreement(df["label"].tolist(), [got.get(i, -1) for i in df["id"]])["nmi"]


def _chance_nmi(df, res, draws: int = 200) -> float:
    """The 99th percentile of the NMI of the same clusters against shuffled labels (a permutation test)."""
    got = dict(zip(res.assignments["doc_id"], res.assignments["cluster"]))
    clusters = [got.get(i, -1) for i in df["id"]]
    rng = np.random.default_rng(0)
    labels = df["label"].to_numpy()
    return float(np.quantile([agreement(list(rng.permutation(labels)), clusters)["nmi"] for _ in range(draws)], 0.99))


@pytest.mark.parametrize("method", ["lda", "embedding"])
def test_policy_routes_find_departments_above_chance(departments, method):
    df, corpus = departments
    res = st.cluster(corpus, 5, by="policy", method=method, seed=0, n_seeds=2)
    assert res.k == 5 and len(res.assignments) + len(res.left_out) == len(df)
    # 5 departments x 12 texts: above the 99th percentile of the same clusters against shuffled labels (0.16-0.19 at seeds 0-4)
    assert _nmi(df, res) > _chance_nmi(df, res)
    assert set(res.words["cluster"]) <= set(range(1, 6)) and (res.exemplars.groupby("cluster").size() <= 3).all()
    assert 0.0 <= res.stability <= 1.0 and len(res.seeds) == 2
    prefix = "topic_" if method == "lda" else "word:"
    assert len(res.features) and res.features["feature"].str.startswith(prefix).all()
    if method == "embedding":  # each cluster's top FREX word is used more inside it than outside
        for c, group in res.words.groupby("cluster"):
            row = res.features[(res.features["cluster"] == c) & (res.features["feature"] == f"word:{group['word'].iloc[0]}")]
            assert (row["mean_in"] > row["mean_out"]).all() and len(row) == 1


def test_rhetoric_separates_genres_and_reports_standardised_differences(genres):
    df, corpus = genres
    res = st.cluster(corpus, 3, by="rhetoric", seed=0, n_seeds=2)
    assert _nmi(df, res) > 0.15
    assert set(res.features["feature"]) == {c for cols in RHETORIC_GROUPS.values() for c in cols}
    assert res.stability == 1.0  # the rhetoric features do not depend on the seed; k-means with 10 inits agrees


def test_both_weights_blocks_equally_and_keeps_every_speech(genres):
    df, corpus = genres
    res = st.cluster(corpus, 3, by="both", method="embedding", seed=0, n_seeds=2)
    assert sorted(res.assignments["doc_id"]) == sorted(df["id"])
    assert {"move_problem", "formulaic_share"} <= set(res.features["feature"])
    # the policy half is described too: by the clusters' FREX words as rates (an embedding's dimensions say nothing)
    rates = res.features[res.features["feature"].str.startswith("word:")]
    assert set(rates["feature"]) == {f"word:{w}" for w in res.words["word"]}
    for c, group in res.words.groupby("cluster"):
        top = rates[(rates["cluster"] == c) & (rates["feature"] == f"word:{group['word'].iloc[0]}")]
        assert len(top) == 1 and (top["mean_in"] > top["mean_out"]).all()


def test_a_pretrained_encoder_encodes_the_texts_once_for_every_seed(monkeypatch):
    from speechtopics.models import vectorizers
    from speechtopics.models.cluster_features import embedding_vectors

    calls = []

    class Counting:
        name = "counting"

        def __init__(self, max_chars=512):
            pass

        def encode(self, texts):
            calls.append(len(texts))
            return np.array([[len(t), t.count("会")] for t in texts], dtype=float)

    monkeypatch.setitem(vectorizers.ENCODERS, "counting", Counting)
    cfg = Config()
    cfg = replace(cfg, embeddings=replace(cfg.embeddings, vectorizer="encoder", encoder="counting"))
    texts = ["开会", "今天开会，明天开会", "学习"]
    out = embedding_vectors(texts, [list(t) for t in texts], cfg, [0, 1, 2])
    assert calls == [3] and len(out) == 3
    assert all(np.array_equal(x, out[0]) for x in out)
    assert np.allclose(np.linalg.norm(out[0], axis=1), 1.0)


def test_same_seed_same_bytes(departments):
    _, corpus = departments
    a = st.cluster(corpus, 4, by="both", method="lda", seed=3, n_seeds=2)
    b = st.cluster(corpus, 4, by="both", method="lda", seed=3, n_seeds=2)
    assert a.assignments.to_csv().encode() == b.assignments.to_csv().encode()
    assert a.words.to_csv() == b.words.to_csv() and a.features.to_csv() == b.features.to_csv()


def test_k_rule_finds_planted_groups_and_plots_its_curve():
    rng = np.random.default_rng(0)
    x = np.vstack([c + rng.normal(0, 0.4, (15, 5)) for c in np.eye(4, 5) * 6])
    k, curve = cs.choose_k(x, seed=1, ks=range(2, 8))
    assert k == 4 and curve["k"].tolist() == list(range(2, 8)) and curve["chosen"].sum() == 1
    assert cs.k_max(60) == 10 and cs.k_max(23) == 4 and cs.k_max(6) == 2
    assert curve.loc[curve["k"] == 4, "stability"].item() > 0.95
    fig = st.plots.plot_cluster_k(curve)
    assert type(fig).__name__ == "Figure"
    tops = [seg[:, 1].max() for c in fig.axes[0].collections for seg in c.get_segments()]
    assert tops and max(tops) <= 1.0  # the sd bars stop at ARI's maximum


def test_k_none_chooses_by_the_rule(genres):
    _, corpus = genres
    res = st.cluster(corpus, None, by="rhetoric", seed=0, n_seeds=2)
    assert res.k_curve is not None and res.k == int(res.k_curve.loc[res.k_curve["chosen"], "k"].item())
    assert res.assignments["cluster"].nunique() == res.k


def test_recurrence_flags_a_cluster_that_does_not_recur():
    labels = np.array([0] * 10 + [1] * 10 + [2] * 10)
    same = labels.copy()
    merged = np.array([0] * 10 + [1] * 20)  # clusters 1 and 2 merged: each has Jaccard 0.5 there
    split = np.array([0] * 10 + [1] * 5 + [2] * 5 + [1] * 5 + [2] * 5)  # 1 and 2 mixed: Jaccard 1/3
    table = cs.recurrence(labels, [split, split])
    assert table["recurs"].tolist() == [True, False, False]
    assert table.loc[0, "jaccard"] == 1.0 and table.loc[1, "jaccard"] == pytest.approx(1 / 3)
    assert cs.recurrence(labels, [same, split])["jaccard"].tolist() == pytest.approx([1.0, 2 / 3, 2 / 3])
    assert cs.recurrence(labels, [merged])["jaccard"].tolist() == [1.0, 0.5, 0.5]
    assert cs.pairwise_ari([labels, same]) == 1.0 and cs.medoid_run([split, labels, same]) == 1


def test_feature_groups_have_equal_total_variance():
    rng = np.random.default_rng(2)
    cols = [c for cs_ in RHETORIC_GROUPS.values() for c in cs_]
    table = pd.DataFrame(rng.normal(size=(40, len(cols))) * rng.uniform(0.1, 50, len(cols)), columns=cols)
    x = rhetoric_features(table)
    start = 0
    for group in RHETORIC_GROUPS.values():
        assert x[:, start:start + len(group)].var(axis=0).sum() == pytest.approx(1.0)
        start += len(group)
    assert unit_variance(x).var(axis=0).sum() == pytest.approx(1.0)
    smd = smd_table(table[["depth"]], np.array([0] * 20 + [1] * 20))
    assert smd["smd"].tolist()[0] == pytest.approx(-smd["smd"].tolist()[1])


def test_bad_choices_are_refused(genres):
    _, corpus = genres
    with pytest.raises(ValueError, match="by: 'topic' is not one of"):
        st.cluster(corpus, 3, by="topic")
    with pytest.raises(ValueError, match="method: 'bert'"):
        st.cluster(corpus, 3, method="bert")
    for k in (0, 1):  # the message names the least k there is (it said "at least 1" for 0, then refused 1)
        with pytest.raises(ValueError, match=f"k must be an integer of at least 2 \\(got {k}\\)"):
            st.cluster(corpus, k)
    with pytest.raises(ValueError, match="n_seeds must be an integer of at least 2"):
        st.cluster(corpus, 3, n_seeds=1)


def test_seeds_past_the_generators_limit_are_refused_before_any_fit(genres, monkeypatch):
    from speechtopics.models import speech_clusters

    _, corpus = genres
    monkeypatch.setattr(speech_clusters, "lda_roots", lambda *a, **k: pytest.fail("an LDA was fitted"))
    top = 2**32 - 1
    with pytest.raises(ValueError, match=f"uses seeds up to {top + 1}, above {top}: give a seed of at most {top - 4}"):
        st.cluster(corpus, 3, seed=top - 3, n_seeds=5)
    with pytest.raises(ValueError, match="the k rule's 20 resamples"):
        st.cluster(corpus, None, by="rhetoric", seed=top - 10, n_seeds=2)
    res = st.cluster(corpus, 2, by="rhetoric", seed=top - 1, n_seeds=2)  # the last seeds that fit
    assert res.seeds == [top - 1, top]


def test_a_project_is_read_as_its_corpus(tmp_path):
    from speechtopics.config import load_config

    small = Path(__file__).resolve().parents[1] / "data" / "small.yaml"
    project = st.Project(load_config(small, overrides={"output.interim": str(tmp_path / "interim")}))
    res = st.cluster(project, 2, by="rhetoric", seed=1, n_seeds=2)
    assert sorted(res.assignments["doc_id"]) == sorted(r["doc_id"] for r in project.segmented)


def test_cluster_words_need_two_of_the_clusters_own_speeches_and_k_is_checked_before_any_fit():
    import pandas as pd

    from speechtopics.models.cluster import class_frex
    from speechtopics.stages import CorpusTooSmall

    tokens = [["节能诊断"] * 50 + ["工业", "企业"], ["工业", "企业"], ["工业", "企业", "节能诊断"],
              ["教育", "学校"], ["教育", "学校"], ["节能诊断", "教育"]]
    words = class_frex(tokens, [0, 0, 0, 1, 1, 1])
    assert "节能诊断" in [w for w, _ in words[0]]  # in two of cluster 0's speeches: it competes
    words = class_frex(tokens, [0, 0, 1, 1, 1, 2])
    assert "节能诊断" not in [w for w, _ in words[0]]  # 50 times in one of cluster 0's speeches only
    import speechtopics as st

    text = "同志们：今天召开全县经济工作会议，部署招商引资和项目建设，推动县域经济高质量发展。" * 4
    two = st.read_corpus(pd.DataFrame({"text": [text + "一", text + "二"]}))
    with pytest.raises(CorpusTooSmall, match="2 speeches: too few to cluster"):
        st.cluster(two)
    with pytest.raises(CorpusTooSmall, match="cluster.k = 3, but the corpus has 2 speeches"):
        st.cluster(two, 3)


def test_a_partition_not_to_report_as_it_is_is_said(genres):
    import warnings

    from speechtopics.models.speech_clusters import one_paragraph_lines, weak_partition

    _, corpus = genres
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        res = st.cluster(corpus, None, by="rhetoric", seed=0, n_seeds=2)
    said = [str(w.message) for w in caught if str(w.message).startswith("cluster: ")]
    assert said == one_paragraph_lines(corpus.records, "rhetoric") + weak_partition(res)
    assert any("largest k" in line for line in said) == (res.k == res.k_curve["k"].max())
    weak = res.stability < 0.5 or res.clusters["recurs"].sum() <= len(res.clusters) / 2
    assert any("does not hold across seeds" in line for line in said) == weak


def test_exemplars_are_distinct_speeches_the_closest_copy_standing_for_its_speech():
    from speechtopics.models.speech_clusters import exemplar_table

    assign = pd.DataFrame({"doc_id": ["a", "a2", "b", "c", "d", "e"], "display_name": list("AXBCDE"),
                           "cluster": [1, 1, 1, 1, 2, 2], "distance": [0.3, 0.2, 0.4, 0.5, 0.1, 0.1]})
    table = exemplar_table(assign, ["a", "a", "b", "c", "d", "e"])
    assert table["doc_id"].tolist() == ["a2", "b", "c", "d", "e"]  # a2 is a's closer copy; ties by doc_id
    assert table["rank"].tolist() == [1, 2, 3, 1, 2]
    assert exemplar_table(assign, assign["doc_id"])["doc_id"].tolist() == ["a2", "a", "b", "d", "e"]


def test_a_kept_duplicate_is_one_speech_in_cluster_words_and_exemplars(departments):
    from speechtopics.models.cluster import speech_ids

    df = departments[0].head(10)
    texts = pd.DataFrame({"title": [f"讲话{i}" for i in range(len(df))] + ["讲话0（转载）"],
                          "text": [*df["text"], df["text"].iloc[0]]})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        corpus = st.read_corpus(texts)  # clean.duplicates: keep, the default
        res = st.cluster(corpus, 3, by="rhetoric", seed=1, n_seeds=2)
    speech = dict(zip([r["doc_id"] for r in corpus.records], speech_ids(corpus.records)))
    assert len(set(speech.values())) == len(speech) - 1  # the copy is found
    for c, part in res.assignments.groupby("cluster"):
        members = {speech[d] for d in part["doc_id"]}
        ex = res.exemplars.loc[res.exemplars["cluster"] == c, "doc_id"].map(speech)
        assert ex.is_unique and len(ex) == min(3, len(members))
        tokens = {speech[r["doc_id"]]: set(r["tokens"]) for r in corpus.records if r["doc_id"] in set(part["doc_id"])}
        for w in res.words.loc[res.words["cluster"] == c, "word"]:
            assert sum(w in t for t in tokens.values()) >= min(2, len(members))


def test_a_clusters_summary_words_name_no_person():
    """A cluster's summary words are chosen as topic labels are: a speaker's name among its FREX words
    (李克强, on every speech of the cluster) tells who speaks, not what about, and is passed over there;
    the words table keeps it."""
    a = "李克强主持国务院常务会议，李克强指出，李克强要求部署工业企业节能降耗和技术改造，淘汰落后产能。"
    b = "教育部召开全国教育工作会议，部署学校建设和教师队伍建设，推进义务教育优质均衡发展。"
    texts = [a * 3 + str(i) for i in range(6)] + [b * 3 + str(i) for i in range(6)]
    res = st.cluster(corpus_from_texts([f"d{i}" for i in range(12)], texts, None, Config()), 2,
                     method="embedding", seed=0)
    first = res.clusters.loc[res.clusters["cluster"] == res.assignments.set_index("doc_id").loc["d0", "cluster"]]
    assert "李克强" in set(res.words["word"])
    summary = first["words"].iloc[0].split(" · ")
    assert len(summary) == 5 and "李克强" not in summary


def test_a_k_rule_that_could_try_only_one_k_says_so_and_its_resamples_warn_nothing():
    """Below 15 speeches the rule tries k = 2 only: that is said, as a line for the user to act on; a
    resample of three speeches that holds fewer distinct rows than k is the bootstrap's nature, not a
    scikit-learn ConvergenceWarning for the user."""
    from speechtopics.models.speech_clusters import weak_partition

    a = "同志们：今天我们召开全省经济工作会议。一、总体要求。坚持稳中求进。二、重点任务。扩大内需。谢谢大家！"
    b = "各位代表：现在，我代表省人民政府，向大会报告政府工作，请予审议，并请省政协委员提出意见。"
    corpus = corpus_from_texts(["a1", "a2", "b"], [a, a, b], None, Config())
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        res = st.cluster(corpus, by="rhetoric", seed=0, n_seeds=2)
    assert res.k == 2 and len(res.k_curve) == 1
    said = [str(w.message) for w in caught]
    rule = [line for line in said if "k rule could try only" in line]
    assert "cluster: with 3 speeches the k rule could try only k=2" in rule[0] and rule[0] in weak_partition(res)
    assert not [w for w in caught if w.category.__name__ == "ConvergenceWarning"]
