"""The partitioned LDA backend through the Project: the scheduler address comes from the config, and the
model is the same bytes on one worker, two local processes and a two-process dask.distributed cluster."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest

from speechtopics.config import load_config
from speechtopics.project import Project

SMALL = Path(__file__).parent / "data" / "small.yaml"


@pytest.fixture(scope="module")
def cluster_address():
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None,
                                  silence_logs=40) as cluster:
        yield cluster.scheduler_address


def topic_word(tmp_path: Path, **lda) -> np.ndarray:
    overrides = {"output.interim": str(tmp_path / "interim"), "lda.backend": "partitioned", "lda.alpha": "symmetric",
                 "lda.eta": "symmetric", "lda.passes": 3, "lda.iterations": 30, "lda.partition_size": 40,
                 **{f"lda.{k}": v for k, v in lda.items()}}
    return Project(load_config(SMALL, overrides=overrides), use_cache=False).lda(k=3).topic_word


def test_same_model_on_one_worker_two_processes_and_a_cluster(tmp_path, cluster_address):
    one = topic_word(tmp_path, n_jobs=1)
    two = topic_word(tmp_path, n_jobs=2)
    cluster = topic_word(tmp_path, scheduler=cluster_address)
    assert one.tobytes() == two.tobytes() == cluster.tobytes()
    assert not np.array_equal(one, topic_word(tmp_path, n_jobs=1, partition_size=25))


def test_workers_and_scheduler_are_not_in_the_cache_key(tmp_path):
    cfg = load_config(SMALL, overrides={"output.interim": str(tmp_path / "interim"), "lda.backend": "partitioned",
                                        "lda.alpha": "symmetric", "lda.eta": "symmetric", "lda.passes": 2,
                                        "lda.iterations": 20, "lda.n_jobs": 1})
    Project(cfg).lda(k=3)
    again = Project(load_config(SMALL, overrides={"output.interim": str(tmp_path / "interim"),
                                                  "lda.backend": "partitioned", "lda.alpha": "symmetric",
                                                  "lda.eta": "symmetric", "lda.passes": 2, "lda.iterations": 20,
                                                  "lda.n_jobs": 2}))
    again.lda(k=3)
    assert "lda" in again.cache.hits and "lda" not in again.cache.misses


def test_sweep_fits_as_cluster_tasks_give_the_same_bytes(tmp_path, cluster_address):
    from speechtopics.models.sweep import LdaSweep

    project = Project(load_config(SMALL, overrides={"output.interim": str(tmp_path / "interim")}), use_cache=False)
    c = project.corpus
    cfg = dataclasses.replace(project.config.lda, sweep_passes=2, sweep_iterations=20)
    texts = [u["tokens"] for u in c["units"]]
    local = LdaSweep((2, 3), 2, cfg, random_state=7, n_jobs=1).fit(c["bow"], c["dictionary"], texts)
    remote = LdaSweep((2, 3), 2, cfg, random_state=7, scheduler=cluster_address).fit(c["bow"], c["dictionary"], texts)
    assert set(local.topic_words_) == set(remote.topic_words_) == {(2, 7), (2, 8), (3, 7), (3, 8)}
    for key, tw in local.topic_words_.items():
        assert tw.tobytes() == remote.topic_words_[key].tobytes()
    same = local.runs_.drop(columns="seconds").equals(remote.runs_.drop(columns="seconds"))  # wall time differs
    assert same and local.best_k_ == remote.best_k_


def test_clean_and_corpus_tasks_run_on_the_cluster_the_segment_config_names(tmp_path, cluster_address):
    """segment.scheduler (an address) runs the clean and corpus stages' tasks there too, with the documents
    sent over the network (the workers need not see this machine's files); the stages' output is the same."""
    from distributed import Client, get_task_stream

    from speechtopics.parallel import close_clients

    base = {"output.interim": str(tmp_path / "interim"), "segment.chunk_size": 2}
    local = Project(load_config(SMALL, overrides={**base, "segment.workers": 1}), use_cache=False)
    with Client(cluster_address) as client, get_task_stream(client) as stream:
        remote = Project(load_config(SMALL, overrides={**base, "segment.scheduler": cluster_address}))
        cleaned, units, bow = list(remote.cleaned), list(remote.corpus["units"]), remote.corpus["bow"]
    close_clients()  # the stages' client, kept open for the stages that follow
    assert cleaned == list(local.cleaned)
    assert units == list(local.corpus["units"]) and bow == local.corpus["bow"]
    tasks = [t["key"] for t in stream.data]
    assert sum(str(k).startswith("run_and_release") for k in tasks) >= 4  # two clean passes, two corpus passes


def test_stored_chunks_are_read_back_on_the_cluster_after_documents_are_added(tmp_path, cluster_address,
                                                                              monkeypatch):
    """A run on the cluster after an input was added reads the chunks stored by an earlier local run (the
    workers get the documents that are computed again over the network) and gives a run from nothing."""
    import speechtopics.clean.stream as clean_stream
    import speechtopics.project as project_module
    from speechtopics.parallel import close_clients

    monkeypatch.setattr(clean_stream, "CHUNK", 4)
    monkeypatch.setattr(project_module, "PART_SIZE", 4)
    base = {"output.interim": str(tmp_path / "interim"), "segment.workers": 1}
    speeches = {"inputs": [{"path": "../../data/raw/xi_speeches_2013_2016", "name": "xi_speeches", "genre": "讲话",
                            "glob": "2014-0[1-6]*.txt"}]}
    first = Project(load_config(SMALL, overrides={**base, **speeches}))
    first.corpus
    remote = Project(load_config(SMALL, overrides={**base, "segment.scheduler": cluster_address}))
    cleaned, units, bow = list(remote.cleaned), list(remote.corpus["units"]), remote.corpus["bow"]
    close_clients()
    assert all(remote.cache.memos[s].found >= 1 for s in ("clean", "segment", "corpus"))
    local = Project(load_config(SMALL, overrides=base), use_cache=False)
    assert cleaned == list(local.cleaned)
    assert units == list(local.corpus["units"]) and bow == local.corpus["bow"]


@pytest.mark.parametrize("use_cache", [True, False])
def test_corpus_phrases_are_learned_once_over_every_partition(tmp_path, monkeypatch, use_cache):
    import speechtopics.project as project_module
    from speechtopics.stages import segment_documents

    overrides = {"output.interim": str(tmp_path / "interim"), "segment.phrases": True,
                 "segment.phrase_min_count": 3, "segment.workers": 1}
    monkeypatch.setattr(project_module, "PART_SIZE", 6)  # partitions of the 8 small documents: 3 on average
    project = Project(load_config(SMALL, overrides=overrides), use_cache=use_cache)
    kept = list(project.iter_kept())
    seg = project.config.segment
    whole = segment_documents(kept, seg, cache_root=tmp_path / "whole")
    per_part = [d for i in range(0, len(kept), 3)
                for d in segment_documents(kept[i:i + 3], seg, cache_root=tmp_path / "per_part")]
    plain = segment_documents(kept, dataclasses.replace(seg, phrases=False), cache_root=tmp_path / "plain")
    tokens = [d["tokens"] for d in project.segmented]
    assert tokens == [d["tokens"] for d in whole]
    assert tokens != [d["tokens"] for d in plain]  # phrases were joined
    assert tokens != [d["tokens"] for d in per_part]  # and they are the whole corpus's, not each part's
    if use_cache:  # a partition segmented again alone (as after documents are added) joins the same phrases
        stored = sorted((tmp_path / "interim").rglob("segment/by_content/*.pkl"))
        assert len(stored) >= 2
        stored[0].unlink()
        for listing in (tmp_path / "interim").rglob("segment/*/_parts.json"):
            listing.unlink()
        again = Project(load_config(SMALL, overrides=overrides))
        assert [d["tokens"] for d in again.segmented] == tokens and "segment" in again.cache.misses
