"""The chain of character filters, tokenizer and token filters gives the two token layers."""

import dataclasses

import pytest

from speechtopics.segment import SegmentConfig, tokenize
from speechtopics.segment.chain import drop_numbers, drop_redacted, Token


def test_political_terms_are_single_tokens(cfg):
    out = tokenize("加快发展新质生产力，深化放管服改革，做好六稳六保工作", cfg)
    assert {"新质生产力", "六稳六保"} <= set(out["tokens"])
    assert any(t.startswith("放管服") for t in out["tokens"])


def test_multilateralism_is_one_word_and_a_colleague_addressed_is_formulaic(cfg):
    """多边主义 came out 多边 / 主义 beside a whole 单边主义; 各位同事 left 同事 among a topic's words."""
    out = tokenize("各位同事：我们坚持真正的多边主义，反对单边主义和保护主义", cfg)
    assert {"多边主义", "单边主义", "保护主义"} <= set(out["tokens"]) and "主义" not in out["tokens"]
    assert "同事" in out["formulaic_tokens"] and "同事" not in out["tokens"]


def test_layers_split_formulaic_from_substantive(cfg):
    out = tokenize("同志们，要进一步扎实推进乡村振兴，切实加强营商环境建设", cfg)
    assert "同志们" in out["formulaic_tokens"] and "进一步" in out["formulaic_tokens"]
    assert "乡村振兴" in out["tokens"]
    assert not set(out["tokens"]) & {"同志们", "进一步", "扎实", "切实", "加强"}


def test_stopwords_numbers_punctuation_and_redactions_removed(cfg):
    out = tokenize("2021年，〓〓〓同志指出：我们的GDP增长了3.5%！", cfg)
    words = out["tokens"] + out["formulaic_tokens"]
    assert not any(w in {"我们", "的", "2021", "3.5%", "〓〓〓", "，", "！"} for w in words)
    assert not any("〓" in w for w in words)


def test_file_name_extensions_are_not_tokens(cfg):
    out = tokenize("附件：1.河北省乡村振兴实施方案.docx 2.申报表.XLS 3.扫描件.pdf；GDP增长", cfg)
    words = {w.lower() for w in out["tokens"]}
    assert not words & {"docx", "xls", "pdf"}
    assert "gdp" in words and "乡村振兴" in out["tokens"]


def test_policy_words_survive_the_stopword_lists(cfg):
    assert "安全" in tokenize("统筹发展和安全", cfg)["tokens"]


def test_formulas_reported_and_kept_as_tokens(cfg):
    out = tokenize("编制“十四五”规划，增强“四个意识”，发展5G网络", cfg)
    assert out["formulas"] == ["十四五", "四个意识"]
    assert {"十四五", "四个意识", "5G"} <= set(out["tokens"])


def test_min_token_chars_configurable(cfg):
    one = tokenize("党领导一切", dataclasses.replace(cfg, min_token_chars=1))["tokens"]
    two = tokenize("党领导一切", cfg)["tokens"]
    assert "党" in one and "党" not in two


def test_pos_filter_keeps_nouns_and_verbs(cfg):
    out = tokenize("非常认真地推进高质量发展", dataclasses.replace(cfg, pos_filter=True))
    assert "高质量发展" in out["tokens"]


def test_dictionary_does_not_veto_pattern_without_boundary(cfg):
    # 三角一体 looks like a paired formula but straddles 长三角 / 一体化
    out = tokenize("推动长三角一体化发展", cfg)
    assert "三角一体" not in out["tokens"] and out["formulas"] == []


def test_token_filters_are_plain_callables():
    toks = [Token("十四五", "plan"), Token("2021"), Token("〓〓"), Token("发展")]
    assert [t.word for t in drop_redacted(drop_numbers(toks))] == ["十四五", "发展"]


@pytest.mark.parametrize("backend", ["jieba", "rjieba"])
def test_years_written_out_leave_no_pieces(cfg, backend):
    # jieba reads 二〇二|一年 and 二0|一|五年 into them; cut out whole, they are dropped like 2021
    out = tokenize("二〇二一年建党百年，二0一五年新年贺词，一九五八年、2021年的十四五", dataclasses.replace(cfg, backend=backend))
    assert out["tokens"] == ["建党", "百年", "新年贺词", "十四五"]
    assert out["formulas"] == ["十四五"]


def test_ordinals_and_counts_are_numbers_but_words_made_with_numerals_are_not():
    words = ("第三届", "第二次", "第一批", "第五期", "一座", "一处", "两个", "一名", "一线", "一流", "一体", "一起", "第一书记")
    assert [t.word for t in drop_numbers([Token(w) for w in words])] == ["一线", "一流", "一体", "一起", "第一书记"]
    assert [t.word for t in drop_numbers([Token("两个维护", "formula")])] == ["两个维护"]


def test_years_in_numerals_are_numbers_but_centuries_are_words():
    toks = [Token(w) for w in ("一九五八年", "二0一五年", "二〇二一年", "百年", "十年", "两年", "年")]
    assert [t.word for t in drop_numbers(toks)] == ["百年", "十年", "两年", "年"]


TRICKY = [
    "", "  ", "做好六稳六保工作", "长三角一体化发展", "５Ｇ网络和PM2.5治理，增长1.5-2%", "“四个意识”\n第二行",
    "XX同志在〓〓讲话", "十四五规划和二十届三中全会", "\r\n", "abc\u200bdef", "“放管服”改革、“最多跑一次”",
    "2021年GDP增长8.1%，双11期间", "同志们：", "一、坚持稳中求进", "市委十一届四次全会精神",
    # the control characters the batched path puts between texts and in place of protected pieces
    "乡村\x1c振兴\x1d十四五\x1e5G", "\x1c", "“十大抓、抓十大”\x1c推进", "全面从严治党……（一）２０２１年",
]


def test_many_matches_the_token_by_token_path(cfg, corpus_texts):
    """The batched router gives exactly what running each token through the filters gives, on whole
    texts, on their paragraphs and on edge cases."""
    from speechtopics.segment.chain import get_chain

    chain = get_chain(cfg)
    paragraphs = [p for t in corpus_texts for p in t.splitlines()]
    texts = TRICKY + corpus_texts[:3] + paragraphs
    assert chain.many(texts) == [chain._layers(chain.tokens(t)) for t in texts]


def test_idioms_are_tokens_not_formulas(cfg):
    """A paired match the dictionary holds as an ordinary word (an idiom) stays one token but is not
    reported as a formula; a political formula of the same shape in the lexicon still is."""
    out = tokenize("全市交通四通八达，群众一心一意谋发展，开展三反五反运动", cfg)
    assert {"四通八达", "一心一意"} <= set(out["tokens"])
    assert "三反五反" in out["formulas"]
    assert not {"四通八达", "一心一意"} & set(out["formulas"])


def test_place_names_and_major_counts_are_not_paired_formulas(cfg):
    """A place whose name opens with a numeral (四川, 九江) and a count of "major" things (三大) side by side
    read like a paired formula; neither is one, while counted administrative units (三区三州), landforms
    (两江四岸) and pairs of counted nouns (一核两翼) still are."""
    out = tokenize("推进四川三大战略，九江两岸发展，三区三州脱贫，形成一核两翼格局，点亮两江四岸，治理三河三湖", cfg)
    assert {"四川", "三大", "九江", "两岸"} <= set(out["tokens"])
    assert not {"四川三大", "九江两岸"} & set(out["tokens"] + out["formulas"])
    # counted landforms and units are formulas, though the dictionary tags 两江 and 三河 as places
    assert {"三区三州", "一核两翼", "两江四岸", "三河三湖"} <= set(out["formulas"])


def test_columns_are_the_layers_of_each_text(cfg, corpus_texts):
    """The flat columns hold each text's words between its offsets, in order, and round-trip."""
    from speechtopics.segment.chain import LayerColumns, get_chain

    chain = get_chain(cfg)
    texts = TRICKY + [p for t in corpus_texts[:2] for p in t.splitlines()]
    cols = chain.columns(texts)
    assert all(len(b) == len(texts) + 1 and b[-1] == len(w) for w, b in zip(cols.words, cols.bounds))
    assert cols.text_layers() == chain.many(texts) == [chain(t) for t in texts]
    assert LayerColumns.from_text_layers(cols.text_layers()) == cols
    assert chain.columns([]).text_layers() == []


@pytest.mark.parametrize("backend", ["jieba", "rjieba"])
def test_sentinel_characters_come_back_one_word_each(backend):
    """What the batched path relies on: each backend returns every control character it puts into
    the text as a word of its own, and cuts the runs around it as it cuts them alone."""
    from speechtopics.segment.chain import get_chain
    from speechtopics.segment.columns import SENTINELS

    seg = get_chain(SegmentConfig(backend=backend, workers=1, cache=False)).tokenizer.seg
    runs = ["坚持稳中求进工作总基调", "深化放管服改革", "a", "推进", "发展"]
    for c in SENTINELS:
        words = seg.cut(c.join(runs) + c + c)
        assert words.count(c) == len(runs) + 1
        assert [w for w in words if w != c] == [w for r in runs for w in seg.cut(r)]
