"""Tests of reduction, clustering, c-TF-IDF labels and agreement between routes."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.cluster import AgglomerativeClustering
from sklearn.decomposition import PCA

from speechtopics.evaluate import agreement
from speechtopics.models import cluster as cl


def _blobs():
    rng = np.random.default_rng(0)
    centres = np.eye(3, 6) * 5
    return np.vstack([c + rng.normal(0, 0.3, (10, 6)) for c in centres]), np.repeat([0, 1, 2], 10)


def test_spherical_kmeans_and_renumbering():
    X, y = _blobs()
    km = cl.SphericalKMeans(3, n_init=3, random_state=1).fit(X)
    assert agreement(y, km.labels_)["nmi"] == 1.0
    assert km.cluster_centers_.shape == (3, 6)
    assert cl.renumber_by_size(np.array([5, 5, 2, 2, 2, -1])).tolist() == [1, 1, 0, 0, 0, -1]


def test_swappable_reducer_and_clusterer():
    X, y = _blobs()
    model = cl.EmbeddingClusterer(AgglomerativeClustering(3), PCA(2, random_state=0)).fit(X)
    assert model.embedding_.shape == (30, 2) and agreement(y, model.labels_)["ari"] == 1.0


def test_class_tfidf_prefers_distinctive_words():
    toks = [["教育", "学校", "发展"], ["学校", "教师", "发展"], ["经济", "市场", "发展"], ["市场", "企业", "发展"]]
    terms = cl.class_tfidf(toks, [0, 0, 1, 1], top_n=2)
    assert terms[0][0][0] == "学校" and terms[1][0][0] == "市场"


def test_class_frex_labels_tell_clusters_apart():
    # 发展 and 中国 are the most frequent words of both clusters (c-TF-IDF labels both with 中国);
    # FREX puts each cluster's own words first; a word of one document only (错字) never labels
    common = ["发展", "中国"] * 3
    toks = [common + ["教育", "教育", "学校", "学校", "错字", "错字", "错字"], common + ["教育", "教育", "教师", "教师"],
            common + ["教育", "教育", "学校", "学校", "教师", "教师"],
            common + ["市场", "市场", "企业", "企业"], common + ["市场", "市场", "投资", "投资"],
            common + ["市场", "市场", "企业", "企业", "投资", "投资"]]
    labels = [0, 0, 0, 1, 1, 1]
    assert all("中国" in [w for w, _ in ws] for ws in cl.class_tfidf(toks, labels, 2).values())
    frex = cl.class_frex(toks, labels, 3)
    assert frex[0][0][0] == "教育" and frex[1][0][0] == "市场"
    assert all(w != "错字" for ws in frex.values() for w, _ in ws)
    assert cl.class_frex(toks, [-1] * 6) == {}


def test_contingency_neighbours_and_representatives():
    X, y = _blobs()
    tab = cl.contingency(y, y[::-1])
    assert int(tab.drop(columns="embedding").to_numpy().sum()) == 30
    nn = cl.nearest_neighbours(X, 3)
    assert nn.shape == (30, 3) and all(y[j] == y[i] for i in range(30) for j in nn[i])
    theta = np.abs(X) / np.abs(X).sum(1, keepdims=True)
    both = cl.neighbours_both([str(i) for i in range(30)], X, theta, 2)
    assert list(both.columns) == ["doc_id", "display_name", "embedding_neighbours", "lda_neighbours", "shared"]
    reps = cl.representative(X, y, 2)
    assert all(y[i] == c for c, idx in reps.items() for i in idx)


def test_speech_ids_follow_clean_kept_duplicate_reasons():
    records = [{"doc_id": "a", "reason": ""}, {"doc_id": "b", "reason": "kept: exact duplicate of a"},
               {"doc_id": "c", "reason": "kept: near duplicate of b"}, {"doc_id": "d"},
               {"doc_id": "e", "reason": "kept: near duplicate of gone"}]  # its original not among these
    assert cl.speech_ids(records) == ["a", "a", "a", "d", "gone"]


def test_class_frex_counts_a_kept_copy_with_its_original():
    # 志愿军 is in speech 0 and in its copy (document 1) only: one speech, so it may not name cluster 0
    toks = [["志愿军", "志愿军", "抗美援朝", "发展"], ["志愿军", "志愿军", "抗美援朝", "发展"], ["抗美援朝", "和平"],
            ["市场", "企业"], ["市场", "投资"], ["企业", "投资"]]
    labels = [0, 0, 0, 1, 1, 1]
    as_documents = [w for w, _ in cl.class_frex(toks, labels, 5)[0]]
    assert "志愿军" in as_documents  # two documents: it competed, and led
    words = [w for w, _ in cl.class_frex(toks, labels, 5, speeches=["s0", "s0", "s2", "s3", "s4", "s5"])[0]]
    assert "志愿军" not in words and "抗美援朝" in words  # 抗美援朝 is in two speeches
    with pytest.raises(ValueError, match="speeches has 2 ids for 6 documents"):
        cl.class_frex(toks, labels, speeches=["a", "b"])
