"""Punctuation in presentation forms (vertical, small and half-width forms) read as the standard forms."""

import unicodedata

import pandas as pd

import speechtopics as st
from speechtopics.clean.document import clean_text
from speechtopics.clean.punctuation import PRESENTATION_FORMS, standard_punctuation

PAGE = ("在联欢晚会上的讲话\n（2014年12月19日，澳门）\n习近平\n崔世安行政长官先生，\n女士们，先生们，朋友们：\n"
        "今天，我们在这里欢聚一堂，共同庆祝澳门回归祖国15周年，感到十分高兴。我代表中央政府，向全体澳门居民致以诚挚的问候！\n"
        "澳门坚持「一国两制」、「澳人治澳」、高度自治的方针，保持了长期繁荣稳定。我们要继续前进，谱写新的篇章！\n"
        "谢谢大家。")
VERTICAL = {"，": "︐", "。": "︒", "：": "︰", "！": "︕", "、": "︑", "「": "﹁", "」": "﹂", "（": "︵", "）": "︶"}
SMALL = {"，": "﹐", "。": "｡", "：": "﹕", "！": "﹗", "、": "､", "「": "｢", "」": "｣", "（": "﹙", "）": "﹚"}


def _written(page: str, forms: dict[str, str]) -> str:
    return page.translate(str.maketrans(forms))


def test_every_form_becomes_its_compatibility_character_in_chinese_width():
    for lo, hi in PRESENTATION_FORMS:
        for code in range(lo, hi + 1):
            char = chr(code)
            out = standard_punctuation(char)
            if out == char:  # no other single character stands for it (an overline, a sesame dot)
                assert unicodedata.normalize("NFKC", char) == char or len(unicodedata.normalize("NFKC", char)) != 1
            elif char not in "\ufe30\ufe19":  # Big5's colon ︰ and the vertical ellipsis ︙
                assert unicodedata.normalize("NFKC", out) == unicodedata.normalize("NFKC", char)
    assert standard_punctuation("︰︙") == "：…"


def test_other_text_is_left_as_it_is():
    text = "同志们：今天，我们召开“两会”（第一次）。ＡＢＣ　、"
    assert standard_punctuation(text) == text


def test_a_page_in_vertical_or_small_forms_reads_as_the_same_page_in_standard_punctuation():
    standard = clean_text(PAGE, doc_id="page")
    for forms in (VERTICAL, SMALL):
        page = _written(PAGE, forms)
        assert page != PAGE
        doc = clean_text(page, doc_id="page")
        assert doc["status"] == "kept"
        assert doc["text"] == standard["text"] and doc["title"] == standard["title"]


def test_a_big5_file_with_small_forms_keeps_its_text(tmp_path):
    import opencc

    text = opencc.OpenCC("s2tw").convert(_written(PAGE, {"，": "﹐", "：": "︰", "「": "﹁", "」": "﹂"}))
    (tmp_path / "big5.txt").write_bytes(text.encode("big5", errors="strict"))
    (tmp_path / "utf8.txt").write_text(PAGE, encoding="utf-8")
    corpus = st.read_corpus(tmp_path)
    assert list(corpus.ledger["status"]) == ["kept", "kept"]
    texts = dict(zip(corpus.documents["doc_id"], (r["text"] for r in corpus.records)))
    assert len(set(texts.values())) == 1
    assert isinstance(corpus.documents, pd.DataFrame)
