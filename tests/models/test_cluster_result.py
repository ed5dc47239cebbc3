"""speechtopics.cluster's result as a researcher uses it: joined back to the user's own ids, each seed's
run, written to a folder as the ``cluster --details`` command writes it, a k above the distinct speeches
refused, and one-paragraph texts clustered by rhetoric said."""

from __future__ import annotations

import itertools
import warnings

import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import adjusted_rand_score
from typer.testing import CliRunner

import speechtopics as st
from speechtopics.cli import app
from speechtopics.config import Config
from speechtopics.models.cluster_stability import choose_k
from speechtopics.models.speech_clusters import corpus_from_texts

WORK = ["经济", "招商引资", "项目建设", "乡村振兴", "安全生产", "生态环境", "教育", "医疗"]
GREET = ["友谊", "合作", "交流", "和平", "发展", "互利共赢", "人文", "贸易"]


def _speeches(n: int = 6) -> list[str]:
    """``n`` work speeches (numbered sections, 同志们) and ``n`` greetings (女士们、先生们), paragraph by line."""
    work = [f"同志们：\n今天召开全县{a}工作会议，总结{a}工作，部署{b}任务。\n一、统一思想，提高认识。\n"
            f"要把{a}摆在突出位置，抓紧抓实{b}。\n二、突出重点，狠抓落实。\n各级干部要真抓实干。\n谢谢大家！"
            for a, b in itertools.islice(itertools.permutations(WORK, 2), n)]
    greet = [f"尊敬的各位来宾，女士们、先生们，朋友们：\n很高兴出席{a}论坛。两国人民的{a}源远流长。\n"
             f"我们愿同各方深化{b}，共同开创美好未来。\n预祝论坛圆满成功！谢谢！"
             for a, b in itertools.islice(itertools.permutations(GREET, 2), n)]
    return work + greet


def _table(tmp_path):
    """A CSV of the speeches with the user's own ids (HB-…), as a researcher's spreadsheet holds them."""
    texts = _speeches()
    df = pd.DataFrame({"编号": [f"HB-{i:03d}" for i in range(len(texts))], "标题": [f"讲话{i}" for i in range(len(texts))],
                       "正文": texts, "kind": ["work"] * 6 + ["greeting"] * 6})
    path = tmp_path / "speeches.csv"
    df.to_csv(path, index=False)
    return df, path


def test_assignments_carry_the_users_own_ids_and_join_back_to_their_table(tmp_path):
    df, path = _table(tmp_path)
    corpus = st.read_corpus(path, text="正文", id="编号")
    res = st.cluster(corpus, 2, by="rhetoric", seed=0, n_seeds=2)
    assert list(res.assignments.columns) == ["doc_id", "display_name", "cluster", "distance", "source_id"]
    joined = df.merge(res.assignments[["source_id", "cluster"]], left_on="编号", right_on="source_id", how="left")
    assert joined["cluster"].notna().all()
    assert joined.groupby("kind")["cluster"].nunique().eq(1).all()  # each genre is one cluster
    by_doc = corpus.documents.merge(res.assignments[["doc_id", "cluster"]], on="doc_id")
    assert by_doc.set_index("source_id")["cluster"].to_dict() == joined.set_index("编号")["cluster"].to_dict()


def test_a_frame_without_an_id_column_gives_no_source_id():
    texts = _speeches(3)
    corpus = corpus_from_texts([f"d{i}" for i in range(len(texts))], texts, None, Config())
    res = st.cluster(corpus, 2, by="rhetoric", seed=0, n_seeds=2)
    assert "source_id" not in res.assignments.columns


def test_each_seeds_run_is_there_numbered_as_the_reported_partition():
    texts = _speeches()
    corpus = corpus_from_texts([f"d{i}" for i in range(len(texts))], texts, None, Config())
    res = st.cluster(corpus, 3, by="rhetoric", seed=4, n_seeds=3)
    assert list(res.runs.columns) == ["doc_id", "seed_4", "seed_5", "seed_6"]
    assert res.runs["doc_id"].tolist() == res.assignments["doc_id"].tolist()
    assert res.reported_seed in res.seeds
    assert res.runs[f"seed_{res.reported_seed}"].tolist() == res.assignments["cluster"].tolist()
    columns = [f"seed_{s}" for s in res.seeds]
    aris = [adjusted_rand_score(res.runs[a], res.runs[b]) for a, b in itertools.combinations(columns, 2)]
    assert res.stability == pytest.approx(sum(aris) / len(aris), abs=1e-6)
    for c in columns:  # a run's clusters take the reported numbers, one to one
        assert set(res.runs[c]) <= set(res.assignments["cluster"])


def test_saved_tables_are_the_cluster_commands_details_byte_for_byte(tmp_path):
    _, path = _table(tmp_path)
    clean = tmp_path / "clean.jsonl"
    cfg = tmp_path / "c.yaml"
    cfg.write_text("seed: 0\n", encoding="utf-8")
    runner = CliRunner()
    done = runner.invoke(app, ["clean", str(path), "--text-field", "正文", "--id-field", "编号", "--out", str(clean),
                               "--config", str(cfg)])
    assert done.exit_code == 0, done.output
    done = runner.invoke(app, ["cluster", str(clean), "--by", "rhetoric", "--k", "2", "--n-seeds", "2", "--seed", "1",
                               "--out", str(tmp_path / "groups.csv"), "--details", str(tmp_path / "cli"),
                               "--config", str(cfg)])
    assert done.exit_code == 0, done.output
    corpus = st.read_corpus(path, text="正文", id="编号", config=cfg)
    res = st.cluster(corpus, 2, by="rhetoric", seed=1, n_seeds=2)
    written = res.save(tmp_path / "api")
    assert [p.name for p in written] == [f"{n}.csv" for n in
                                         ("assignments", "clusters", "words", "exemplars", "features", "runs")]
    for p in written:
        assert p.read_bytes() == (tmp_path / "cli" / p.name).read_bytes(), p.name
    assert pd.read_csv(written[0])["source_id"].tolist() == pd.read_csv(tmp_path / "groups.csv")["source_id"].tolist()
    again = st.cluster(corpus, 2, by="rhetoric", seed=1, n_seeds=2).save(tmp_path / "again")
    assert [p.read_bytes() for p in again] == [p.read_bytes() for p in written]


def test_k_above_the_distinct_speeches_is_refused_and_the_k_rule_stays_below_them():
    texts = _speeches(3)
    copies = [texts[0]] * 5 + [texts[3]]  # five copies of a work speech and a greeting: 2 distinct texts
    corpus = corpus_from_texts([f"d{i}" for i in range(len(copies))], copies, None, Config())
    with warnings.catch_warnings():
        warnings.simplefilter("error", category=Warning)  # no scikit-learn ConvergenceWarning first
        with pytest.raises(ValueError, match="k=3, but the 6 speeches take only 2 distinct positions by rhetoric"):
            st.cluster(corpus, 3, by="rhetoric", seed=0, n_seeds=2)
    x = np.array([[0.0, 0.0]] * 10 + [[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])  # 13 rows, 4 distinct
    _, curve = choose_k(x, 0, ks=[2, 3, 4, 5, 6])
    assert curve["k"].tolist() == [2, 3, 4]


def test_one_paragraph_texts_by_rhetoric_are_said_in_the_api_and_the_command(tmp_path):
    flat = [t.replace("\n", "") for t in _speeches(3)]
    corpus = corpus_from_texts([f"d{i}" for i in range(len(flat))], flat, None, Config())
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        st.cluster(corpus, 2, by="rhetoric", seed=0, n_seeds=2)
    said = [str(w.message) for w in caught if "one paragraph each" in str(w.message)]
    assert len(said) == 1 and said[0].startswith("cluster: 6 of 6 texts are one paragraph each")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        st.cluster(corpus_from_texts([f"d{i}" for i in range(6)], _speeches(3), None, Config()), 2, by="rhetoric",
                   seed=0, n_seeds=2)
    assert not [w for w in caught if "one paragraph each" in str(w.message)]
    path, cfg = tmp_path / "flat.csv", tmp_path / "c.yaml"
    pd.DataFrame({"id": range(len(flat)), "text": flat}).to_csv(path, index=False)
    cfg.write_text("seed: 0\n", encoding="utf-8")
    out = CliRunner().invoke(app, ["cluster", str(path), "--by", "rhetoric", "--k", "2", "--n-seeds", "2",
                                   "--out", str(tmp_path / "g.csv"), "--config", str(cfg)])
    assert out.exit_code == 0, out.output
    assert "cluster: 6 of 6 texts are one paragraph each" in out.output and "UserWarning" not in out.output


def _lda_corpus():
    """The work speeches and greetings as a corpus with quick LDA settings (a few passes)."""
    from dataclasses import replace

    cfg = Config()
    cfg = replace(cfg, lda=replace(cfg.lda, passes=3, iterations=30))
    texts = _speeches()
    return corpus_from_texts([f"d{i}" for i in range(len(texts))], texts, None, cfg)


@pytest.mark.filterwarnings("ignore:cluster. the partition does not hold")
@pytest.mark.parametrize("by", ["policy", "both"])
def test_the_topic_t_features_have_their_words_from_the_reported_seeds_fit(by, tmp_path):
    """The ``topic_t`` features named topics of the clustering's own LDA, and no table gave their words."""
    from dataclasses import replace

    from speechtopics.models.cluster_features import content_units, lda_roots

    corpus = _lda_corpus()
    res = st.cluster(corpus, 2, by=by, seed=3, n_seeds=2, topics=4)
    words = res.topic_words
    assert list(words.columns) == ["topic", "rank", "word", "prob"]
    assert len(words) == 4 * 10
    assert words.groupby("topic")["rank"].apply(list).to_dict() == {t: list(range(1, 11)) for t in (1, 2, 3, 4)}
    topic_features = {f for f in res.features["feature"] if f.startswith("topic_")}
    assert topic_features == {f"topic_{t}" for t in words["topic"].unique()}
    for _, ranked in words.groupby("topic"):
        assert ranked["prob"].is_monotonic_decreasing and ranked["word"].is_unique

    # the words and the features are those of the reported seed's fit: refit it alone
    built = content_units(list(corpus.records), replace(corpus.config.corpus, min_unit_tokens=1))
    ids = res.assignments["doc_id"].tolist()
    _, roots, fitted = lda_roots(built, ids, 4, corpus.config.lda, [res.reported_seed])
    pd.testing.assert_frame_equal(words, fitted[0])
    shares = pd.DataFrame(roots[0] ** 2, columns=[f"topic_{t}" for t in range(1, 5)])
    inside = shares[res.assignments["cluster"].eq(1).to_numpy()].mean()
    rows = res.features[res.features["cluster"].eq(1) & res.features["feature"].str.startswith("topic_")]
    assert rows.set_index("feature")["mean_in"].to_dict() == pytest.approx(inside.to_dict())

    written = res.save(tmp_path / "out")
    assert written[-1].name == "topic_words.csv"
    pd.testing.assert_frame_equal(pd.read_csv(written[-1]), words.round(4))  # saved to 4 decimals
    again = st.cluster(corpus, 2, by=by, seed=3, n_seeds=2, topics=4)
    assert again.topic_words.equals(words)
    assert [p.read_bytes() for p in again.save(tmp_path / "again")] == [p.read_bytes() for p in written]


def test_no_topic_words_where_no_lda_is_clustered(tmp_path):
    corpus = _lda_corpus()
    for by, method in (("rhetoric", "lda"), ("policy", "embedding")):
        res = st.cluster(corpus, 2, by=by, method=method, seed=0, n_seeds=2)
        assert res.topic_words is None
        assert not any(f.startswith("topic_") for f in res.features["feature"])
        assert "topic_words.csv" not in [p.name for p in res.save(tmp_path / f"{by}-{method}")]


def test_saved_tables_round_their_floats_as_save_table_does(tmp_path):
    """jaccard 0.7128252788104089 is written 0.7128, the bytes save_table writes for the same table."""
    clusters = pd.DataFrame({"cluster": [1, 2], "n": [3, 2], "jaccard": [0.7128252788104089, 1.0],
                             "recurs": [True, True], "words": ["经济 项目", "合作"], "exemplars": ["a", "d"]})
    assign = pd.DataFrame({"doc_id": list("abcde"), "display_name": list("abcde"), "cluster": [1, 1, 1, 2, 2],
                           "distance": [0.1234567, 0.2, 1 / 3, 0.0, 2.5]})
    words = pd.DataFrame({"cluster": [1], "rank": [1], "word": ["经济"], "frex": [0.987654]})
    exemplars = assign.assign(rank=1)[["cluster", "rank", "doc_id", "display_name", "distance"]]
    features = pd.DataFrame({"cluster": [1], "feature": ["greeting"], "mean_in": [0.1], "mean_out": [2 / 3],
                             "smd": [-1.23456789]})
    res = st.SpeechClusters(assign, clusters, words, exemplars, features, 0.5, 2, "rhetoric", "lda", [0, 1])
    written = {p.name: p for p in res.save(tmp_path / "saved")}
    assert written["clusters.csv"].read_text(encoding="utf-8").splitlines()[1:] == [
        "1,3,0.7128,True,经济 项目,a", "2,2,1.0000,True,合作,d"]
    assert written["assignments.csv"].read_text(encoding="utf-8").splitlines()[3] == "c,c,1,0.3333"
    for name in ("assignments", "clusters", "words", "exemplars", "features"):
        table = st.save_table(getattr(res, name), name, tmp_path / "tables")[0]
        assert written[f"{name}.csv"].read_bytes() == table.read_bytes(), name
    assert res.save(tmp_path / "two", float_digits=2)[1].read_text(encoding="utf-8").splitlines()[1] == \
        "1,3,0.71,True,经济 项目,a"
