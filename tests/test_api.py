"""The public API as a researcher meets it: the README's example, run outside the repository, twice."""

from __future__ import annotations

import warnings
from pathlib import Path

import pandas as pd
import pytest

import speechtopics as st

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "docs" / "examples" / "first_model.py"
XI = REPO / "data" / "raw" / "xi_speeches_2013_2016"


def test_readme_shows_the_example_script():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    body = "\n".join(EXAMPLE.read_text(encoding="utf-8").splitlines()[1:]).strip()
    assert body in readme


@pytest.fixture(scope="module")
def corpus():
    files = sorted(XI.glob("*.txt"))[:12]
    df = pd.DataFrame({"text": [f.read_text(encoding="utf-8") for f in files], "level": ["national"] * 12,
                       "title": [f.stem[11:] for f in files]})
    return st.read_corpus(df, meta=["level"])


def test_read_corpus_accounts_for_every_row(corpus):
    docs = corpus.to_frame()
    assert len(docs) == 12 and list(docs.columns[:5]) == ["doc_id", "title", "date", "year", "display_name"]
    assert list(docs.columns[-2:]) == ["status", "reason"] and "level" in corpus.metadata
    assert set(corpus.ledger["doc_id"]) == set(docs["doc_id"])
    assert len(corpus) == (docs["status"] == "kept").sum() >= 11


def test_read_corpus_ids_do_not_depend_on_where_the_files_are(tmp_path, monkeypatch):
    files = sorted(XI.glob("*.txt"))[:3]
    for folder in ("first copy", "二"):
        (tmp_path / folder / "xi").mkdir(parents=True)
        for f in files:
            (tmp_path / folder / "xi" / f.name).write_bytes(f.read_bytes())
    a = st.read_corpus(tmp_path / "first copy" / "xi")
    monkeypatch.chdir(tmp_path / "二")
    b = st.read_corpus("xi")
    assert a.documents["doc_id"].tolist() == b.documents["doc_id"].tolist()
    assert a.ledger["source"].tolist() == b.ledger["source"].tolist() == [f"xi/{f.name}" for f in files]


def test_dataframe_ids_follow_the_speech_not_its_row(corpus):
    files = sorted(XI.glob("*.txt"))[:12]
    df = pd.DataFrame({"text": [f.read_text(encoding="utf-8") for f in files], "level": ["national"] * 12,
                       "title": [f.stem[11:] for f in files]})
    part = st.read_corpus(df.iloc[[5, 2]].reset_index(drop=True), meta=["level"])
    assert part.documents["doc_id"].tolist() == corpus.documents["doc_id"].iloc[[5, 2]].tolist()
    twice = st.read_corpus(pd.concat([df.iloc[[0]], df.iloc[[0]]]))
    assert twice.documents["doc_id"].nunique() == 2  # a repeated row is a second document, named apart


def test_read_corpus_names_missing_columns_with_a_suggestion():
    df = pd.DataFrame({"Text": ["同志们"], "Date": ["2020-01-01"]})
    with pytest.raises(st.FieldError, match=r"no column 'text'.*did you mean 'Text'"):
        st.read_corpus(df)


def test_topic_model_contract(corpus):
    model = st.TopicModel(k=3, seed=1, passes=3, iterations=30).fit(corpus)
    words = model.top_words(4, by="frex")
    assert list(words.columns) == ["topic", "rank", "word", "weight", "prob"]
    ids = model.dictionary_.token2id  # prob is p(word | topic) of the word ranked there, by any score
    pairs = zip(words["topic"], words["word"])
    assert words["prob"].tolist() == [model.topic_word_[t - 1, ids[w]] for t, w in pairs]
    assert model.top_words(4, by="prob")["weight"].equals(model.top_words(4, by="prob")["prob"])
    assert sorted(words["topic"].unique()) == [1, 2, 3] and (words.groupby("topic").size() == 4).all()
    shares = model.document_topics()
    assert list(shares.columns[-3:]) == ["topic_1", "topic_2", "topic_3"] and shares.columns[0] == "doc_id"
    assert "level" in shares.columns
    assert shares[["topic_1", "topic_2", "topic_3"]].sum(axis=1).round(6).eq(1).all()
    assert len(set(model.labels_)) == 3
    passages = model.passages(2, n=2)
    assert list(passages["topic"]) == [2, 2] and passages["share"].is_monotonic_decreasing
    again = st.TopicModel(k=3, seed=1, passes=3, iterations=30).fit(corpus)
    pd.testing.assert_frame_equal(again.top_words(4, by="frex"), words)
    for by in ("prob", "lift"):
        assert len(model.top_words(2, by=by)) == 6


def test_topic_model_refuses_a_corpus_too_small_before_fitting(corpus):
    with pytest.raises(st.CorpusTooSmall, match="too few for K=500"):
        st.TopicModel(k=500, seed=1).fit(corpus)
    with pytest.raises(ValueError, match="seed must be"):
        st.TopicModel(k=3, seed=-1).fit(corpus)


def test_more_topics_than_documents_is_warned_about_naming_documents_and_units(corpus):
    n_docs = len(corpus)
    with pytest.warns(UserWarning, match=rf"K={n_docs + 2} topics for {n_docs} documents \(\d+ units\): more "
                                         "topics than documents"):
        st.TopicModel(k=n_docs + 2, seed=1, unit="paragraph", passes=1, iterations=5).fit(corpus)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        st.TopicModel(k=n_docs, seed=1, unit="paragraph", passes=1, iterations=5).fit(corpus)
    assert not [w for w in caught if "more topics than documents" in str(w.message)]


def test_topic_model_refuses_one_topic_as_the_config_does(corpus):
    # one topic gives every document a share of 1: an effect on it regresses rounding noise
    with pytest.raises(ValueError, match=r"^TopicModel: k must be at least 2 \(got 1\)"):
        st.TopicModel(k=1, seed=1).fit(corpus)
    with pytest.raises(ValueError, match="k must be a positive integer"):
        st.TopicModel(k=0).fit(corpus)


def test_select_k_returns_the_table_the_choice_and_the_reason(corpus):
    sweep = st.select_k(corpus, ks=[2, 3], seeds=2, seed=1, unit="paragraph", passes=1, iterations=10)
    assert sweep.best_k_ in (2, 3) and sweep.reason_.startswith(f"K={sweep.best_k_}")
    assert list(sweep.summary_["k"]) == [2, 3]


def test_to_ldavis_writes_an_offline_page(corpus, tmp_path):
    model = st.TopicModel(k=2, seed=1, passes=2, iterations=20).fit(corpus)
    page = model.to_ldavis(tmp_path / "topics.html").read_text(encoding="utf-8")
    assert "LDAvis" in page and "http://" not in page and "https://" not in page


def test_topic_model_partitioned_backend_is_the_same_on_two_workers(corpus):
    kw = dict(k=3, seed=1, passes=2, iterations=20, alpha="symmetric", eta="symmetric", backend="partitioned",
              partition_size=10)
    one = st.TopicModel(**kw).fit(corpus)
    two = st.TopicModel(**kw, workers=2).fit(corpus)
    assert one.topic_word_.tobytes() == two.topic_word_.tobytes()
    online = st.TopicModel(**kw, partitions_per_update=1).fit(corpus)  # an M-step after each partition
    assert online.topic_word_.tobytes() == st.TopicModel(**kw, workers=2, partitions_per_update=1).fit(
        corpus).topic_word_.tobytes() != one.topic_word_.tobytes()
    with pytest.raises(ValueError, match="partitions_per_update must be 0 or a positive integer"):
        st.TopicModel(**kw, partitions_per_update=-2).fit(corpus)
    with pytest.raises(ValueError, match="not supported by backend='partitioned'"):
        st.TopicModel(k=3, backend="partitioned").fit(corpus)


def test_a_kept_document_with_no_unit_in_the_model_is_named_and_warned_about(corpus):
    files = sorted(XI.glob("*.txt"))[:12]
    odd = "　　".join(["琵琶鸳鸯翡翠玻璃，麒麟凤凰葫芦珊瑚。"] * 3)  # words no other document uses
    df = pd.DataFrame({"text": [f.read_text(encoding="utf-8") for f in files] + [odd]})
    small = st.read_corpus(df)
    with pytest.warns(UserWarning, match="1 of 13 kept documents have no unit"):
        model = st.TopicModel(k=2, seed=1, passes=1, iterations=10).fit(small)
    odd_id = small.documents["doc_id"].iloc[-1]
    assert model.left_out_["doc_id"].tolist() == [odd_id]
    assert odd_id not in set(model.document_topics()["doc_id"])


def test_a_missing_column_names_the_file_as_the_ledger_does(tmp_path):
    """The error names the file relative to the folder holding the inputs (``speeches/all.csv``), not by
    its absolute path, in read_corpus and in the ingest command alike."""
    import subprocess
    import sys

    (tmp_path / "speeches").mkdir()
    pd.DataFrame({"Text": ["同志们：今天召开全县经济工作会议。"], "Date": ["2020-01-01"]}).to_csv(
        tmp_path / "speeches" / "all.csv", index=False)
    with pytest.raises(st.FieldError) as caught:
        st.read_corpus(tmp_path / "speeches" / "all.csv")
    assert str(caught.value).startswith("all.csv: no text column 'text'")
    with pytest.raises(ValueError, match=r"^nothing could be read: speeches/all\.csv: no text column 'text'"):
        st.read_corpus(tmp_path / "speeches")  # in a folder, the table is a ledger row
    result = subprocess.run([sys.executable, "-m", "speechtopics.cli", "ingest", str(tmp_path / "speeches" / "all.csv"),
                             "--out", str(tmp_path / "raw.jsonl")], capture_output=True, text=True)
    assert result.returncode == 2 and str(tmp_path) not in result.stderr
    assert result.stderr.strip().startswith("error: all.csv: no text column 'text'")
