"""The corpus stage by partitions (``speechtopics.corpus_stream`` through ``stages.build_corpus``): the
dictionary, bag-of-words and units of one gensim ``Dictionary`` over every unit, on any executor."""

import json
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from speechtopics.cache import PartWriter, write_parts
from speechtopics.corpus import CorpusConfig, build_dictionary, build_units
from speechtopics.segment import SegmentConfig
from speechtopics.stages import build_corpus, segment_documents

SAMPLE = Path(__file__).parent / "data" / "segment" / "sample_clean.jsonl"
CFG = CorpusConfig(unit="paragraph", min_unit_tokens=5, no_below=2, no_above=0.5, keep_n=200)


@pytest.fixture(scope="module")
def segmented():
    docs = [json.loads(line) for line in SAMPLE.read_text(encoding="utf-8").splitlines() if line.strip()]
    return segment_documents(docs, SegmentConfig(workers=1, cache=False))


@pytest.fixture(scope="module")
def reference(segmented):
    """The whole-corpus algorithm: one Dictionary over all units, then each unit's bag-of-words."""
    units = build_units(segmented, CFG.unit, CFG.min_unit_tokens)
    dictionary = build_dictionary((u["tokens"] for u in units), CFG)
    bows = [dictionary.doc2bow(u["tokens"]) for u in units]
    return dictionary, [b for b in bows if b], [u for u, b in zip(units, bows) if b]


def same(built, reference) -> bool:
    dictionary, bows, units = reference
    d = built["dictionary"]
    return (d.token2id == dictionary.token2id and d.dfs == dictionary.dfs and d.cfs == dictionary.cfs
            and (d.num_docs, d.num_pos, d.num_nnz) == (dictionary.num_docs, dictionary.num_pos, dictionary.num_nnz)
            and built["bow"] == bows and list(built["units"]) == units)


def test_keep_n_cuts_the_vocabulary_so_the_merge_order_matters(reference):
    dictionary, bows, units = reference
    assert len(dictionary) == CFG.keep_n and len(units) > 20  # ties at the cut are broken by first occurrence


def test_in_memory_equals_one_dictionary_over_every_unit(segmented, reference):
    assert same(build_corpus(segmented, CFG), reference)


def test_stored_partitions_on_two_processes_equal_it_too(segmented, reference, tmp_path):
    parts = write_parts(tmp_path / "segmented", segmented, part_size=2, spill=True)  # 4 partitions
    with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("spawn")) as pool:
        built = build_corpus(parts, CFG, lambda: PartWriter(tmp_path / "units", 3), spill=tmp_path / "spill",
                             executor=pool, in_flight=2)
    assert same(built, reference)
    assert not any((tmp_path / "spill").iterdir())  # the stage's spill files are gone
