"""The corpus held compactly: BowCorpus reads like the list of doc2bow vectors it replaces (and gensim fits
the same bytes on it), segmented documents share one string per distinct token and the clean text, and
the segmented corpus is stored in partitions and read back one at a time."""

from __future__ import annotations

import dataclasses
import gc
import pickle
from pathlib import Path

import numpy as np
from gensim.models import LdaModel

from speechtopics import stages
from speechtopics.addressing import content_chunks
from speechtopics.cache import PartitionedList
from speechtopics.config import load_config
from speechtopics.corpus import BowCorpus, build_dictionary, build_units, to_bow
from speechtopics.project import Project

SMALL = Path(__file__).parent / "data" / "small.yaml"


def small_project(tmp_path: Path) -> Project:
    return Project(load_config(SMALL, overrides={"output.interim": str(tmp_path / "interim")}), use_cache=False)


def test_bow_corpus_reads_like_the_list(tmp_path):
    project = small_project(tmp_path)
    c = project.corpus
    units = build_units(project.segmented, unit="section", min_tokens=project.config.corpus.min_unit_tokens)
    listed = [b for b in to_bow(build_dictionary((u["tokens"] for u in units), project.config.corpus),
                                (u["tokens"] for u in units)) if b]
    bow = c["bow"]
    assert isinstance(bow, BowCorpus) and len(bow) == len(listed) == len(c["units"])
    assert list(bow) == listed and bow == listed
    assert bow[3] == listed[3] and bow[-1] == listed[-1]
    assert all(isinstance(i, int) and isinstance(n, int) for i, n in bow[0])
    rows = [5, 0, len(listed) - 1]
    assert list(bow.subset(rows)) == [listed[i] for i in rows]
    assert list(bow[2:7]) == listed[2:7]
    assert pickle.loads(pickle.dumps(bow)) == bow
    with_empty = BowCorpus.from_docs([[], *listed[:3], []])  # documents without terms have no rows
    with_empty.write_parquet(tmp_path / "bow.parquet")
    back = BowCorpus.read_parquet(tmp_path / "bow.parquet")
    assert len(back) == 5 and back == with_empty and back.ids.dtype == np.int32
    assert back.lengths().tolist() == [0] + [sum(c for _, c in d) for d in listed[:3]] + [0]
    for rows in (1, 2, 7, 1 << 20):  # streamed, a document's rows split across batches or not
        assert list(BowCorpus.iter_parquet(tmp_path / "bow.parquet", batch_rows=rows)) == list(with_empty)
    bow.write_parquet(tmp_path / "all.parquet")
    assert list(BowCorpus.iter_parquet(tmp_path / "all.parquet", batch_rows=333)) == listed
    dense = sum(len(b) for b in listed)
    assert bow.ids.nbytes + bow.counts.nbytes == 8 * dense


def test_gensim_fits_the_same_bytes_on_the_compact_corpus(tmp_path):
    c = small_project(tmp_path).corpus
    id2word = {i: c["dictionary"][i] for i in range(len(c["dictionary"]))}
    kw = dict(id2word=id2word, num_topics=3, passes=2, iterations=20, random_state=5, chunksize=40,
              eval_every=None, dtype=np.float64)
    compact = LdaModel(c["bow"], **kw).get_topics()
    listed = LdaModel([list(b) for b in c["bow"]], **kw).get_topics()
    assert compact.tobytes() == listed.tobytes()


def test_segmented_documents_share_token_strings_and_the_clean_text(tmp_path):
    project = small_project(tmp_path)
    kept = project.kept
    docs = list(stages.iter_segmented(kept, dataclasses.replace(project.config.segment, cache=False)))
    seen: dict[str, int] = {}
    for d in docs:
        for part in (d, *d["paragraphs"]):
            for t in part["tokens"]:
                assert seen.setdefault(t, id(t)) == id(t)
    assert len(seen) < sum(len(d["tokens"]) for d in docs)  # words repeat, objects do not
    # a copy back from a worker process holds the clean document's own text afterwards
    copy = pickle.loads(pickle.dumps(docs[0]))
    assert copy["text"] is not kept[0]["text"]
    stages.share_text(copy, kept[0])
    assert copy["text"] is kept[0]["text"] and copy["paragraphs"][0]["text"] is kept[0]["paragraphs"][0]["text"]


def test_segmented_is_stored_in_partitions_and_read_back_lazily(tmp_path, monkeypatch):
    from speechtopics import project as project_module

    monkeypatch.setattr(project_module, "PART_SIZE", 3)
    cfg = load_config(SMALL, overrides={"output.interim": str(tmp_path / "interim")})
    first = Project(cfg)
    seg = first.segmented
    assert isinstance(seg, PartitionedList) and max(seg.lengths) <= 3 and len(seg.lengths) > 1
    in_memory = stages.segment_documents(first.kept, dataclasses.replace(cfg.segment, cache=False))
    assert seg == in_memory and seg[4] == in_memory[4] and seg[-1] == in_memory[-1] and seg[1:5] == in_memory[1:5]
    again = Project(cfg)
    assert again.segmented == in_memory and "segment" in again.cache.hits
    assert again.corpus["bow"] == first.corpus["bow"]
    spilled = Project(cfg, use_cache=False).segmented
    folder = spilled.folder
    assert folder.exists() and spilled == in_memory
    del spilled
    gc.collect()
    assert not folder.exists()  # nothing stored without the cache


def test_adding_documents_segments_only_the_new_partitions(tmp_path, monkeypatch):
    from speechtopics import project as project_module

    monkeypatch.setattr(project_module, "PART_SIZE", 4)
    calls: list[int] = []
    segment = stages.iter_segmented

    def counting(docs, cfg, cache_root=None, phrases=None):
        docs = list(docs)
        calls.append(len(docs))
        return segment(docs, cfg, cache_root, phrases)
    monkeypatch.setattr(stages, "iter_segmented", counting)
    overrides = {"output.interim": str(tmp_path / "interim"), "segment.cache": False}
    first = Project(load_config(SMALL, overrides={**overrides, "inputs": [
        {"path": "../../data/raw/xi_speeches_2013_2016", "name": "xi_speeches", "genre": "讲话",
         "glob": "2014-0[1-6]*.txt"}]}))
    n_first = len(first.segmented)
    assert calls == [n_first] and n_first >= 3
    more = Project(load_config(SMALL, overrides=overrides))  # the same speeches, then pages of another input
    full = more.segmented
    def chunks(project):  # the partitions' documents, cut by content
        return [tuple(d["doc_id"] for d in c) for c in content_chunks(project.iter_kept(), 4, key=lambda d: d["doc_id"])]
    before = set(chunks(first))
    assert calls[1] == sum(len(c) for c in chunks(more) if c not in before) < len(full)  # the rest read back
    assert full == stages.segment_documents(more.kept, dataclasses.replace(more.config.segment, cache=False))


def test_streaming_clean_equals_the_whole_corpus_clean(tmp_path):
    from speechtopics.clean import clean_documents

    project = small_project(tmp_path)
    records = list(project.ingested[0])
    twin = {**records[0], "doc_id": "twin", "meta": dict(records[0].get("meta", {}))}  # an exact duplicate
    records = records[:3] + [twin] + records[3:]
    cfg = dataclasses.replace(project.config.clean, duplicates="drop")
    whole = clean_documents(records, cfg, seed=project.config.seed, date_format=cfg.date_format,
                            run_on_min_chars=cfg.run_on_min_chars)
    streamed = list(stages.iter_clean_records(iter(records), cfg, project.config.seed,
                                              spill=tmp_path))
    assert [d["doc_id"] for d in streamed] == [d["doc_id"] for d in whole]
    assert streamed[3]["status"] == "duplicate" and streamed[3]["reason"].endswith(records[0]["doc_id"])
    for a, b in zip(whole, streamed):
        a.pop("raw", None)
        assert all(b[k] == v for k, v in a.items() if k not in ("collection", "genre", "input", "year"))
    assert len({d["display_name"] for d in streamed}) == len(streamed)
    assert streamed == stages.clean_records(records, cfg, project.config.seed)
    assert not [p for p in tmp_path.glob("spill-*") if p.exists() and any(p.iterdir())]


def test_corpus_units_are_stored_in_partitions_and_equal_the_in_memory_build(tmp_path, monkeypatch):
    from speechtopics import project as project_module

    monkeypatch.setattr(project_module, "PART_SIZE", 4)
    cfg = load_config(SMALL, overrides={"output.interim": str(tmp_path / "interim")})
    first = Project(cfg)
    c = first.corpus
    in_memory = stages.build_corpus(list(first.segmented), cfg.corpus)
    assert isinstance(c["units"], PartitionedList) and len(c["units"].lengths) > 1
    assert c["units"] == in_memory["units"] and c["bow"] == in_memory["bow"]
    assert c["dictionary"].token2id == in_memory["dictionary"].token2id
    assert c["dictionary"].dfs == in_memory["dictionary"].dfs
    stored = list((tmp_path / "interim" / "corpus").glob("*.bow.parquet"))  # the bag-of-words, for other tools
    assert len(stored) == 1 and BowCorpus.read_parquet(stored[0]) == in_memory["bow"]
    again = Project(cfg)
    assert again.corpus["units"] == in_memory["units"] and "corpus" in again.cache.hits
    assert again.corpus["bow"] == in_memory["bow"] and "bow" not in again.cache.get("corpus", again.corpus_key)[1]
    spilled = Project(cfg, use_cache=False).corpus["units"]
    assert spilled == in_memory["units"]
    # the spooled units of the first pass are gone; the kept units are the one spill folder left
    assert [p for p in (tmp_path / "interim").glob("spill-*") if any(p.iterdir())] == [spilled.folder]
