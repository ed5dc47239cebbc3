"""Records get both layers per paragraph and, concatenated, per document."""

from speechtopics.segment import segment_records, segment_texts
from speechtopics.segment.core import LAYERS


def test_segment_texts_shape(cfg):
    out = segment_texts(["推进乡村振兴", ""], cfg)
    assert [sorted(o) for o in out] == [sorted(LAYERS)] * 2
    assert out[1] == {"tokens": [], "formulaic_tokens": [], "formulas": []}


def test_records_keep_fields_and_rebuild_from_paragraphs(records, cfg):
    out = segment_records(records, cfg)
    assert len(out) == len(records)
    for rec, seg in zip(records, out):
        assert {k: seg[k] for k in rec if k != "paragraphs"} == {k: rec[k] for k in rec if k != "paragraphs"}
        if rec["paragraphs"]:
            for name in LAYERS:
                assert seg[name] == [w for p in seg["paragraphs"] for w in p[name]]
            assert all(p["section"] for p in seg["paragraphs"])
        assert "tokens" not in rec  # input untouched
    nopara = next(r for r in out if r["doc_id"] == "nopara")
    assert "放管服" in nopara["tokens"] and not any("〓" in t for t in nopara["tokens"])


def test_attach_columns_matches_attach_layers(records, cfg):
    """Attaching a chunk's flat columns gives what attaching each record's per-paragraph layers gives."""
    from speechtopics.segment.chain import get_chain
    from speechtopics.segment.core import attach_columns, attach_layers, paragraph_texts

    chain = get_chain(cfg)
    flat = [t for r in records for t in paragraph_texts(r)]
    layers = iter(chain.many(flat))
    expected = [attach_layers(r, [next(layers) for _ in paragraph_texts(r)]) for r in records]
    assert attach_columns(records, chain.columns(flat)) == expected


def test_a_regulation_s_article_numbers_are_not_words():
    from speechtopics.segment import SegmentConfig, tokenize

    tokens = tokenize("根据条例第十条和第二款规定，第三章明确了社会保险经办机构的职责。", SegmentConfig(workers=1, cache=False))["tokens"]
    assert not [t for t in tokens if t.startswith("第")] and "条例" in tokens
