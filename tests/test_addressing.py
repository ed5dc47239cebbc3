"""Content addressing: chunks cut by content, per-chunk results stored by content, and a project run
again after documents were added computing only the chunks those documents are in."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from speechtopics.addressing import MISSING, ChunkMemo, content_chunks, content_digest
from speechtopics.config import load_config
from speechtopics.project import Project

ROOT = Path(__file__).resolve().parents[1]
SPEECHES = ROOT / "data" / "raw" / "xi_speeches_2013_2016"


def test_an_insertion_changes_only_the_chunks_around_it():
    docs = [f"doc-{i}" for i in range(5000)]
    before = list(content_chunks(docs, 32, key=str))
    assert [d for c in before for d in c] == docs
    assert max(len(c) for c in before) <= 32 and 5000 / 32 < len(before) < 5000 / 8  # 16 on average
    for at in (0, 1234, 4999):
        after = list(content_chunks(docs[:at] + ["inserted"] + docs[at:], 32, key=str))
        assert 1 <= len([c for c in after if c not in before]) <= 2
        assert len([c for c in before if c not in after]) <= 2
    fixed = [docs[i:i + 32] for i in range(0, len(docs), 32)]  # what cutting by count would do
    shifted = [(["inserted"] + docs)[i:i + 32] for i in range(0, len(docs) + 1, 32)]
    assert len([c for c in shifted if c not in fixed]) == len(shifted)


def test_chunks_of_size_one_and_a_bad_size():
    assert list(content_chunks("abc", 1, key=str)) == [["a"], ["b"], ["c"]]
    with pytest.raises(ValueError, match="most must be at least 1"):
        list(content_chunks("abc", 0, key=str))


def test_digest_is_of_content_not_key_order_or_identity():
    a = [{"doc_id": "x", "text": "发展经济", "raw": b"\x00\xff", "meta": {"year": 2020, "level": "县"}}]
    b = [{"meta": {"level": "县", "year": 2020}, "raw": b"\x00\xff", "text": "发展经济", "doc_id": "x"}]
    assert content_digest(a) == content_digest(b)
    assert content_digest(a) != content_digest(a + a) != content_digest([{**a[0], "text": "发展"}])


def test_memo_stores_reads_and_never_trusts_a_damaged_entry(tmp_path):
    memo = ChunkMemo(tmp_path, base="stage v1")
    key = memo.key("prepare", "abc")
    assert key != ChunkMemo(tmp_path, base="stage v2").key("prepare", "abc")
    assert memo.get(key) is MISSING
    memo.put(key, {"pages": [["a", "site", ["line"]]]})
    assert memo.get(key) == {"pages": [["a", "site", ["line"]]]} and (memo.found, memo.computed) == (1, 1)
    assert memo.get(key, ".docs.pkl") is MISSING  # the documents that go with it are not there
    memo.path(key).write_bytes(b"not a stored value")
    assert memo.get(key) is MISSING and not memo.path(key).exists()
    off = ChunkMemo(None, base="stage v1")
    off.put(key, 1)
    assert not off.enabled and off.get(key) is MISSING


def _project(folder: Path, interim: Path, use_cache: bool = True) -> Project:
    overrides = {"inputs": [{"path": folder.name, "name": "speeches", "genre": "讲话", "glob": "*.txt"}],
                 "output.interim": str(interim), "segment.workers": 1, "corpus.no_below": 2}
    return Project(load_config(folder.parent / "config.yaml", overrides=overrides), use_cache=use_cache)


def _stages(project: Project) -> dict:
    c = project.corpus
    return {"cleaned": list(project.cleaned), "segmented": list(project.segmented), "units": list(c["units"]),
            "bow": list(c["bow"]), "terms": dict(c["dictionary"].token2id)}


def test_documents_added_are_the_only_chunks_computed(tmp_path, monkeypatch):
    import speechtopics.clean.stream as clean_stream
    import speechtopics.project as project_module

    monkeypatch.setattr(clean_stream, "CHUNK", 6)  # chunks of 3 speeches on average
    monkeypatch.setattr(project_module, "PART_SIZE", 6)
    files = sorted(SPEECHES.glob("2014-*.txt"))[:18]
    # the project and its input in one folder: documents are named relative to the project, so the ids,
    # and with them where chunks are cut, do not depend on where the test runs
    shutil.copy(ROOT / "tests" / "data" / "small.yaml", tmp_path / "config.yaml")
    folder = tmp_path / "speeches"
    folder.mkdir()
    later = {3, 8, 12}
    for i, f in enumerate(files):
        if i not in later:
            shutil.copy(f, folder / f.name)
    first = _project(folder, tmp_path / "interim")
    _stages(first)
    n_chunks = {s: first.cache.memos[s].computed for s in ("clean", "segment", "corpus")}
    assert all(n >= 3 for n in n_chunks.values()) and first.cache.memos["clean"].found == 0

    for i in later:  # three speeches added, among the others by name
        shutil.copy(files[i], folder / files[i].name)
    again = _project(folder, tmp_path / "interim")
    added = _stages(again)
    memos = again.cache.memos
    # each added speech changes at most two chunks; the clean stage counts its two passes of each
    for stage, passes in (("clean", 2), ("segment", 1), ("corpus", 1)):
        assert memos[stage].found >= 1, stage  # chunks read back, not computed
        assert memos[stage].computed <= passes * 3 * 2, stage
        assert memos[stage].computed < memos[stage].found + memos[stage].computed
    assert "chunks computed" in again.cache.memo_note("clean")
    assert added == _stages(_project(folder, tmp_path / "fresh", use_cache=False))  # as if run from nothing



def test_a_finished_chunk_is_addressed_by_the_boilerplate_lines_it_holds():
    from speechtopics.clean.stream import lines_held

    boilerplate = {"site-a": frozenset({"返回首页", "打印本页"}), "site-b": frozenset({"关闭窗口"})}
    pages = [("d1", "site-a", frozenset({"返回首页", "2020年3月5日"})), ("d2", "site-b", frozenset({"来源：新华社"})),
             ("d3", "site-c", frozenset({"返回首页"}))]
    assert lines_held(boilerplate, pages) == {"site-a": frozenset({"返回首页"})}
