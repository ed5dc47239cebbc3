"""fit_lda_parallel: same topic-word bytes for 1 worker, 2 local processes and a 2-process dask cluster;
planted topics recovered; seeds matter; bad arguments refused with a clear ValueError."""

from __future__ import annotations

import numpy as np
import pytest
from gensim.corpora import Dictionary
from gensim.models import LdaModel

from speechtopics.evaluate import match_topics, similarity_matrix
from speechtopics.models.parallel_lda import fit_lda_parallel, partition_seed

K = 3
WORDS = 15


def _planted(n_docs: int = 200, doc_len: int = 25, seed: int = 11):
    """Short documents from 3 topics with disjoint vocabularies (seeded Generator); the true topic-word."""
    rng = np.random.default_rng(seed)
    beta = rng.dirichlet(np.full(WORDS, 1.0), size=K)
    vocab = [[f"t{t}w{w:02d}" for w in range(WORDS)] for t in range(K)]
    docs = []
    for _ in range(n_docs):
        theta = rng.dirichlet(np.full(K, 0.2))
        z = rng.choice(K, size=doc_len, p=theta)
        docs.append([vocab[t][rng.choice(WORDS, p=beta[t])] for t in z])
    dictionary = Dictionary(docs)
    truth = np.zeros((K, len(dictionary)))
    for t in range(K):
        for w in range(WORDS):
            term = vocab[t][w]
            if term in dictionary.token2id:
                truth[t, dictionary.token2id[term]] = beta[t, w]
    truth /= truth.sum(axis=1, keepdims=True)
    return [dictionary.doc2bow(d) for d in docs], dictionary, truth


@pytest.fixture(scope="module")
def corpus():
    return _planted()


def _fit(corpus, **kw):
    bow, dictionary, _ = corpus
    args = dict(passes=20, iterations=50, partition_size=40, seed=5)
    args.update(kw)
    return fit_lda_parallel(bow, dictionary, K, **args)


@pytest.fixture(scope="module")
def reference(corpus):
    return _fit(corpus)


@pytest.fixture(scope="module")
def cluster_address():
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1,
                                  dashboard_address=None) as cluster:
        yield cluster.scheduler_address


def test_same_bytes_for_synchronous_processes_and_a_dask_cluster(corpus, reference, cluster_address):
    assert isinstance(reference, LdaModel)
    ref = reference.get_topics().tobytes()
    two = _fit(corpus, scheduler="processes", workers=2)
    assert two.get_topics().tobytes() == ref
    on_cluster = _fit(corpus, scheduler=cluster_address)
    assert on_cluster.get_topics().tobytes() == ref
    assert on_cluster.state.sstats.tobytes() == reference.state.sstats.tobytes()


def test_a_given_client_is_used_and_left_open(corpus, reference, cluster_address):
    from distributed import Client

    with Client(cluster_address) as client:
        model = _fit(corpus, scheduler=client)
        assert client.status == "running"
    assert model.get_topics().tobytes() == reference.get_topics().tobytes()


def test_planted_topics_are_recovered(corpus, reference):
    _, _, truth = corpus
    match, sim = match_topics(truth, reference.get_topics())
    assert sorted(match) == list(range(K))
    assert sim.min() > 0.8, sim  # gensim LdaModel, same passes and chunksize: 0.84-0.89
    off = similarity_matrix(truth, reference.get_topics())
    off[np.arange(K), match] = 0.0
    assert off.max() < 0.2, off


def test_same_seed_same_model_other_seed_other_model(corpus, reference):
    again = _fit(corpus)
    assert again.get_topics().tobytes() == reference.get_topics().tobytes()
    other = _fit(corpus, seed=6)
    assert other.get_topics().tobytes() != reference.get_topics().tobytes()


def test_the_partition_size_is_part_of_the_result_not_the_workers(corpus, reference):
    assert _fit(corpus, partition_size=50).get_topics().tobytes() != reference.get_topics().tobytes()


def test_one_pass_is_gensims_inference_and_mstep(corpus):
    """The bare-model E-step equals LdaModel.inference on a real model with the same random state."""
    from gensim.models.ldamodel import LdaState

    bow, dictionary, _ = corpus
    init = int(np.random.SeedSequence(5, spawn_key=(0,)).generate_state(1, dtype=np.uint32)[0])
    model = LdaModel(id2word=dictionary, num_topics=K, iterations=50, chunksize=40, update_every=0,
                     random_state=init, dtype=np.float64)
    total = np.zeros(model.state.sstats.shape)
    for i, a in enumerate(range(0, len(bow), 40)):
        model.random_state = np.random.RandomState(partition_seed(5, 0, i))
        total += model.inference(bow[a:a + 40], collect_sstats=True)[1]
    model.state.numdocs += len(bow)
    other = LdaState(model.eta, total.shape, model.dtype)
    other.sstats[...] = total
    other.numdocs = len(bow)
    model.do_mstep(1.0, other, False)
    assert np.array_equal(model.get_topics(), _fit(corpus, passes=1).get_topics())


def test_online_updates_are_gensims_rule_over_fixed_groups_and_the_same_on_any_workers(corpus, reference,
                                                                                      cluster_address):
    """An M-step after each group of 2 partitions (online), with gensim's step size and blend; the same
    bytes on 1 worker, 2 processes and a cluster; the planted topics recovered; not the batch model."""
    from gensim.models.ldamodel import LdaState

    bow, dictionary, truth = corpus
    online = _fit(corpus, passes=2, update_every=2)
    ref = online.get_topics().tobytes()
    assert _fit(corpus, passes=2, update_every=2, scheduler="processes", workers=2).get_topics().tobytes() == ref
    assert _fit(corpus, passes=2, update_every=2, scheduler=cluster_address).get_topics().tobytes() == ref
    assert ref != _fit(corpus, passes=2).get_topics().tobytes()
    assert _fit(corpus, update_every=5).get_topics().tobytes() == reference.get_topics().tobytes()  # 5 partitions

    init = int(np.random.SeedSequence(5, spawn_key=(0,)).generate_state(1, dtype=np.uint32)[0])
    model = LdaModel(id2word=dictionary, num_topics=K, iterations=50, chunksize=40, update_every=0,
                     random_state=init, dtype=np.float64)
    model.state.numdocs += len(bow)
    for pass_ in range(2):
        for group in ([0, 1], [2, 3], [4]):
            other = LdaState(model.eta, model.state.sstats.shape, model.dtype)
            for i in group:
                model.random_state = np.random.RandomState(partition_seed(5, pass_, i))
                other.sstats += model.inference(bow[40 * i:40 * i + 40], collect_sstats=True)[1]
                other.numdocs += len(bow[40 * i:40 * i + 40])
            model.do_mstep(pow(1.0 + pass_ + model.num_updates / 40, -0.5), other, pass_ > 0)
    assert np.array_equal(model.get_topics(), online.get_topics())
    match, sim = match_topics(truth, _fit(corpus, update_every=1).get_topics())
    assert sorted(match) == list(range(K)) and sim.min() > 0.8, sim


def test_partition_seeds_are_derived_and_distinct():
    seeds = {partition_seed(5, p, i) for p in range(3) for i in range(4)}
    assert len(seeds) == 12
    assert partition_seed(5, 1, 2) == partition_seed(5, 1, 2) != partition_seed(6, 1, 2)


def test_downstream_inference_on_the_fitted_model_is_reproducible(corpus, reference):
    bow = corpus[0]
    a = _fit(corpus).get_document_topics(bow[0], minimum_probability=0.0)
    b = _fit(corpus).get_document_topics(bow[0], minimum_probability=0.0)
    assert a == b


@pytest.mark.parametrize("kw, message", [
    (dict(passes=0), "passes must be a positive integer"),
    (dict(iterations=-1), "iterations must be a positive integer"),
    (dict(partition_size=0), "partition_size must be a positive integer"),
    (dict(workers=0), "workers must be a positive integer"),
    (dict(seed=-1), "seed must be a non-negative integer"),
    (dict(seed=1.5), "seed must be a non-negative integer"),
    (dict(alpha="auto"), "alpha='auto'"),
    (dict(eta="auto"), "eta='auto'"),
    (dict(scheduler="threads"), "scheduler must be"),
    (dict(scheduler="synchronous", workers=2), "runs one worker"),
    (dict(decay=0.0), "decay must be in"),
    (dict(update_every=-1), "update_every must be 0"),
    (dict(update_every=1.5), "update_every must be 0"),
])
def test_invalid_arguments_raise_a_clear_value_error(corpus, kw, message):
    with pytest.raises(ValueError, match=message):
        _fit(corpus, **kw)


def test_invalid_corpus_or_vocabulary_or_k(corpus):
    bow, dictionary, _ = corpus
    with pytest.raises(ValueError, match="k must be a positive integer"):
        fit_lda_parallel(bow, dictionary, 0)
    with pytest.raises(ValueError, match="empty corpus"):
        fit_lda_parallel([], dictionary, K)
    with pytest.raises(ValueError, match="outside id2word"):
        fit_lda_parallel(bow + [[(len(dictionary) + 3, 1)]], dictionary, K, passes=1)
    with pytest.raises(ValueError, match="id2word is empty"):
        fit_lda_parallel(bow, {}, K)


def test_topic_shares_inferred_by_partition_are_the_same_on_any_workers(corpus, reference):
    bow, _, _ = corpus
    model, theta = _fit(corpus, passes=5, shares=True)
    _, on_two = _fit(corpus, passes=5, shares=True, scheduler="processes", workers=2)
    assert theta.shape == (len(bow), K) and np.allclose(theta.sum(axis=1), 1.0)
    assert on_two.tobytes() == theta.tobytes()
    assert model.get_topics().tobytes() == _fit(corpus, passes=5).get_topics().tobytes()  # shares change no topic
    # the shares are gensim's inference on the fitted model: close to its own per-document answer
    single = np.zeros((20, K))
    for i, doc in enumerate(bow[:20]):
        for t, p in model.get_document_topics(doc, minimum_probability=0.0):
            single[i, t] = p
    assert np.abs(single - theta[:20]).max() < 0.05


def test_a_compressed_row_corpus_is_cut_into_views_with_the_same_result(corpus, reference):
    from speechtopics.corpus import BowCorpus

    bow, dictionary, _ = corpus
    compact = BowCorpus.from_docs([[(i, int(c)) for i, c in d] for d in bow])
    model = fit_lda_parallel(compact, dictionary, K, passes=20, iterations=50, partition_size=40, seed=5)
    assert model.get_topics().tobytes() == reference.get_topics().tobytes()


def test_a_corpus_streamed_from_disk_gives_the_same_model(corpus, reference, tmp_path):
    from speechtopics.corpus import BowCorpus

    bow, dictionary, _ = corpus
    stored = BowCorpus.from_docs(bow)
    stored.write_parquet(tmp_path / "bow.parquet")
    in_memory = fit_lda_parallel(stored, dictionary, K, passes=20, iterations=50, partition_size=40, seed=5)
    streamed = fit_lda_parallel(BowCorpus.iter_parquet(tmp_path / "bow.parquet", batch_rows=97), dictionary, K,
                                passes=20, iterations=50, partition_size=40, seed=5, scheduler="processes",
                                workers=2, spill=str(tmp_path))
    ref = reference.get_topics().tobytes()
    assert in_memory.get_topics().tobytes() == ref == streamed.get_topics().tobytes()
    assert [p.name for p in tmp_path.iterdir()] == ["bow.parquet"]  # the partition files are removed
    online = [fit_lda_parallel(source, dictionary, K, passes=2, partition_size=40, seed=5, update_every=2)
              for source in (stored, iter(bow))]
    assert online[0].get_topics().tobytes() == online[1].get_topics().tobytes()
    with pytest.raises(ValueError, match="empty corpus"):
        fit_lda_parallel(iter([]), dictionary, K)
