"""Serial, Dask (processes, local cluster) and cached runs give identical token records."""

import dataclasses
import hashlib
import json

import pytest

from speechtopics.segment import segment_records
from speechtopics.segment import run as run_mod
from speechtopics.segment.run import segment_stream


def digest(records) -> str:
    blob = "\n".join(json.dumps(r, ensure_ascii=False, sort_keys=True) for r in records)
    return hashlib.sha256(blob.encode()).hexdigest()


@pytest.fixture(scope="module")
def serial_hash(records, cfg):
    return digest(segment_records(records, cfg))


def test_stream_serial_matches_records(records, cfg, serial_hash):
    assert digest(segment_stream(records, dataclasses.replace(cfg, chunk_size=2))) == serial_hash


def test_dask_processes_identical(records, cfg, serial_hash):
    par = dataclasses.replace(cfg, workers=2, chunk_size=2, scheduler="processes")
    assert digest(segment_stream(iter(records), par)) == serial_hash


@pytest.mark.slow
def test_dask_local_cluster_identical(records, cfg, serial_hash):
    par = dataclasses.replace(cfg, workers=2, chunk_size=3, scheduler="local")
    assert digest(segment_stream(records, par)) == serial_hash


def test_cache_hit_changes_nothing(records, cfg, serial_hash, tmp_path, monkeypatch):
    cached = dataclasses.replace(cfg, cache=True, chunk_size=3)
    assert digest(segment_stream(records, cached, cache_root=tmp_path)) == serial_hash
    files = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*.parquet"))
    assert len(files) == 3
    mtimes = [p.stat().st_mtime_ns for p in sorted(tmp_path.rglob("*.parquet"))]

    def no_segmenting(_cfg):
        raise AssertionError("a cache hit must not segment")

    monkeypatch.setattr(run_mod, "get_chain", no_segmenting)
    assert digest(segment_stream(records, cached, cache_root=tmp_path)) == serial_hash
    assert [p.stat().st_mtime_ns for p in sorted(tmp_path.rglob("*.parquet"))] == mtimes


def test_cache_key_follows_options(records, cfg, tmp_path):
    a = dataclasses.replace(cfg, cache=True)
    b = dataclasses.replace(a, min_token_chars=1)
    list(segment_stream(records[:1], a, cache_root=tmp_path))
    list(segment_stream(records[:1], b, cache_root=tmp_path))
    assert len({p.parent for p in tmp_path.rglob("*.parquet")}) == 2


def test_cache_key_follows_segment_code(records, cfg, tmp_path, monkeypatch):
    from speechtopics.segment import cache

    a = dataclasses.replace(cfg, cache=True)
    list(segment_stream(records[:1], a, cache_root=tmp_path))
    monkeypatch.setattr(cache, "code_version", lambda: "a later release")
    list(segment_stream(records[:1], a, cache_root=tmp_path))
    assert len({p.parent for p in tmp_path.rglob("*.parquet")}) == 2


def halve(record: dict) -> dict:
    """A stand-in for the clean stage: a pure per-record function that changes the paragraphs."""
    paras = record.get("paragraphs") or []
    return {**record, "paragraphs": paras[: max(1, len(paras) // 2)], "prepared": True}


@pytest.mark.parametrize("workers", [1, 2])
def test_prepare_in_worker_matches_prepare_first(records, cfg, workers):
    par = dataclasses.replace(cfg, workers=workers, chunk_size=2)
    expected = digest(segment_records([halve(r) for r in records], cfg))
    assert digest(segment_stream(iter(records), par, prepare=halve)) == expected


def test_packed_columns_round_trip(records, cfg):
    """What a worker sends back (per layer: its distinct words as one string, word indices and offsets)
    unpacks to its columns, with one string object per distinct word (shared across chunks by a table)."""
    import pickle

    from speechtopics.segment.core import paragraph_texts
    from speechtopics.segment.run import chunk_columns, pack_columns, unpack_columns

    cols = chunk_columns([paragraph_texts(r) for r in records], cfg)
    packed = pickle.loads(pickle.dumps(pack_columns(cols)))
    assert all(isinstance(joined, str) for joined, _, _ in packed)
    assert unpack_columns(packed) == cols
    table: dict[str, str] = {}
    first, again = unpack_columns(packed, table), unpack_columns(pickle.loads(pickle.dumps(packed)), table)
    assert first == again == cols
    words = first.words[0]
    assert len({id(w) for w in words}) == len(set(words)) < len(words)  # one object per distinct word
    assert all(a is b for a, b in zip(words, again.words[0]))  # the same objects in the next chunk


def test_pool_workers_leave_interrupts_to_their_owner(cfg):
    # a notebook kernel's shutdown interrupts its whole process group: a worker that took SIGINT would die
    # printing a KeyboardInterrupt traceback on the run's console
    import signal

    pool = run_mod.pool(dataclasses.replace(cfg, workers=2))
    handlers = {pool.submit(signal.getsignal, signal.SIGINT).result() for _ in range(4)}
    assert handlers == {signal.SIG_IGN}
    assert signal.getsignal(signal.SIGINT) != signal.SIG_IGN  # the owner still takes Ctrl-C
