"""The phrase step (``segment.phrases``): counts that add up, joins that respect the text, one result on
every scheduler, and an unchanged stage when it is off."""

import dataclasses
import hashlib
import json

import pytest

from speechtopics.segment import segment_records
from speechtopics.segment.chain import build_chain, get_chain
from speechtopics.segment.core import corpus_phrases, paragraph_texts
from speechtopics.segment.phrases import PhraseCounts, PhraseTable, learn, word_runs
from speechtopics.segment.run import corpus_phrase_table, chunked, segment_stream


def digest(records) -> str:
    blob = "\n".join(json.dumps(r, ensure_ascii=False, sort_keys=True) for r in records)
    return hashlib.sha256(blob.encode()).hexdigest()


@pytest.fixture(scope="module")
def pcfg(cfg):
    # a small sample: a lower count than the default so that the sample has phrases
    return dataclasses.replace(cfg, phrases=True, phrase_min_count=3)


@pytest.fixture(scope="module")
def texts(records):
    return [t for r in records for t in paragraph_texts(r)]


def test_counts_of_parts_add_up_to_the_whole(pcfg, texts):
    chain = get_chain(pcfg)
    half = len(texts) // 2
    whole = chain.phrase_counts(texts)
    parts = chain.phrase_counts(texts[:half]) + chain.phrase_counts(texts[half:])
    assert parts == whole
    assert whole.total == sum(whole.words.values()) > 1000
    assert PhraseCounts.from_tsv(whole.to_tsv()) == whole


def test_runs_never_cross_punctuation_stopwords_or_formulaic_words(pcfg):
    chain = get_chain(pcfg)
    words = ["信息", "公开", "，", "信息", "的", "公开", "加强", "管理", "2023", "劳动", "合同"]
    assert list(word_runs(words, chain.eligible)) == [["信息", "公开"], ["信息"], ["公开"], ["管理"],
                                                      ["劳动", "合同"]]


def test_learn_joins_frequent_collocations_best_score_first():
    runs = [["政府", "信息", "公开"]] * 6 + [["信息", "公开"]] * 6 + [["政府", "网站"]] * 3 + [["工作"]] * 30
    table = learn(PhraseCounts.of_runs(runs), min_count=5, threshold=0.1, max_words=2)
    assert ("信息", "公开") in table.pairs
    assert table.join(["政府", "信息", "公开"]) == ["政府", "信息公开"]
    assert table.join(["政府", "网站"]) == ["政府", "网站"]  # 3 times: below min_count
    three = learn(PhraseCounts.of_runs(runs), min_count=5, threshold=0.1, max_words=3)
    assert three.join(["政府", "信息", "公开"]) == ["政府信息公开"]


def test_table_is_hashable_by_content():
    a = PhraseTable({("信息", "公开"): 0.5}, {})
    b = PhraseTable({("信息", "公开"): 0.5}, {})
    assert a == b and hash(a) == hash(b) and a.digest == b.digest
    assert PhraseTable({}, {}).digest != a.digest and not PhraseTable({}, {})


def test_joined_tokens_are_the_same_text_by_text_and_in_columns(pcfg, texts):
    table = corpus_phrases(texts, pcfg)
    assert table and len(table) > 10
    chain = build_chain(pcfg, table)
    one_by_one = [chain._layers(chain.tokens(t)) for t in texts]
    assert chain.many(texts) == one_by_one
    joined = {w for lay in one_by_one for w in lay["tokens"]} - {
        w for lay in build_chain(pcfg).many(texts) for w in lay["tokens"]}
    assert joined, "no phrase was joined in the sample"
    assert all(not any(c in w for c in "，。、的") for w in joined)


def test_same_bytes_on_one_worker_and_two_processes(records, pcfg):
    one = dataclasses.replace(pcfg, chunk_size=2)
    two = dataclasses.replace(pcfg, workers=2, chunk_size=2, scheduler="processes")
    chunks = list(chunked(records, 2))
    assert corpus_phrase_table(chunks, one).digest == corpus_phrase_table(chunks, two).digest
    serial = digest(segment_records(records, pcfg))
    assert digest(segment_stream(iter(records), one)) == serial
    assert digest(segment_stream(iter(records), two)) == serial


def test_phrases_change_tokens_only_when_on(records, cfg, pcfg, tmp_path):
    assert not cfg.phrases and corpus_phrases(["信息公开"], cfg) is None
    off = segment_records(records, cfg)
    on = segment_records(records, pcfg)
    assert off != on
    assert [d["formulaic_tokens"] for d in off] == [d["formulaic_tokens"] for d in on]
    cached = dataclasses.replace(pcfg, cache=True, chunk_size=3)
    first = digest(segment_stream(records, cached, cache_root=tmp_path))
    assert digest(segment_stream(records, cached, cache_root=tmp_path)) == first == digest(on)
    assert len(list(tmp_path.iterdir())) == 1 and "-" in next(tmp_path.iterdir()).name


@pytest.mark.slow
def test_same_bytes_on_a_local_dask_cluster(records, pcfg):
    cluster = dataclasses.replace(pcfg, workers=2, chunk_size=3, scheduler="local")
    assert digest(segment_stream(records, cluster)) == digest(segment_records(records, pcfg))
