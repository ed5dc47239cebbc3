"""jieba and rjieba agree with the same dictionaries; jieba's global state is never touched."""

from speechtopics.segment import SegmentConfig, segment_texts
from speechtopics.segment.backends import get_segmenter
from speechtopics.segment.resources import LexiconEntry


def test_backends_agree_on_corpus_tokens(corpus_texts):
    texts = corpus_texts
    a = segment_texts(texts, SegmentConfig(backend="jieba", workers=1, cache=False))
    b = segment_texts(texts, SegmentConfig(backend="rjieba", workers=1, cache=False))
    same = total = 0
    for x, y in zip(a, b):
        ta, tb = x["tokens"] + x["formulaic_tokens"], y["tokens"] + y["formulaic_tokens"]
        total += max(len(ta), len(tb))
        # positional agreement on the common prefix plus length difference counts as disagreement
        same += sum(p == q for p, q in zip(ta, tb))
    assert total > 10_000
    assert same / total >= 0.995


def test_private_tokenizers_do_not_share_words():
    import jieba

    w = "测试专用词汇甲乙"
    seg = get_segmenter("jieba", (LexiconEntry(w, 100000, "nz", "test"),), True, "private-test")
    other = get_segmenter("jieba", (), True, "private-empty")
    assert w in seg.cut(f"这是{w}。")
    assert w not in other.cut(f"这是{w}。")
    assert w not in jieba.dt.FREQ  # the module-level default is untouched
