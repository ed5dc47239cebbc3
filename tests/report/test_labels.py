"""Topic labels in Chinese, English or both, from the hand-written glossary."""

from __future__ import annotations

import pytest

from speechtopics.models.options import DEFAULT_SEED_TOPICS
from speechtopics.report import labels


def test_glossary_is_large_and_clean():
    terms = labels.read_glossary()  # raises on duplicates or malformed lines
    assert len(terms) >= 300
    assert all(en.isascii() for en in terms.values())
    assert "hand-written" in labels.GLOSSARY_FILE.read_text(encoding="utf-8").splitlines()[1].lower()


def test_every_seed_area_and_seed_word_has_a_gloss():
    for area, words in DEFAULT_SEED_TOPICS.items():
        assert labels.gloss(area) is not None, area
        missing = [w for w in words if labels.gloss(w) is None]
        assert len(missing) <= 4, (area, missing)


@pytest.mark.parametrize(("mode", "expected"), [
    ("zh", "经济发展"), ("en", "economic development"), ("both", "经济发展 (economic development)")])
def test_format_label_modes(mode, expected):
    assert labels.format_label("经济发展", mode) == expected


def test_unknown_term_falls_back_to_chinese():
    for mode in labels.MODES:
        assert labels.format_label("某某词", mode) == "某某词"


def test_compound_label_glossed_by_parts():
    terms = {"甲": "A", "乙": "B"}
    assert labels.format_label("甲与乙", "en", terms=terms) == "A and B"
    assert labels.format_label("甲与丙", "en", terms=terms) == "甲与丙"
    assert labels.format_label("甲", "both", sep="\n", terms=terms) == "甲\n(A)"


def test_bad_mode_and_bad_file(tmp_path):
    with pytest.raises(ValueError, match="label mode"):
        labels.format_label("经济", "fr")
    bad = tmp_path / "g.tsv"
    bad.write_text("zh\ten\n经济\teconomy\n经济\tagain\n", encoding="utf-8")
    with pytest.raises(ValueError, match="g.tsv:3: duplicate"):
        labels.read_glossary(bad)


def test_a_short_label_keeps_whole_words_and_marks_the_cut():
    from speechtopics import analysis

    long = "1 高新技术产业·自主创新·社会保障体系"
    short = analysis.short_label(long, 16)
    assert short.endswith("…") and len(short) <= 16
    kept = short[2:-1].split("·")
    assert kept == long[2:].split("·")[: len(kept)]  # every word kept is whole: no 社会 for 社会保障体系
    assert analysis.short_label("2 乌克兰·乌军·抗议", 16) == "2 乌克兰·乌军·抗议"
    seeded = analysis.short_label("3 招商引资与项目建设（签约·开工·项目）", 16)
    assert len(seeded) <= 16 and seeded.count("（") == seeded.count("）")
    assert analysis.short_label("以习近平同志为核心的党中央", 8) == "以习近平同志为…"
    with pytest.raises(ValueError):
        analysis.short_label("经济", 0)


@pytest.mark.parametrize(("lang", "expected"), [("zh", "年份 year"), ("en", "year"), ("both", "年份 year")])
def test_figure_text_follows_the_label_mode(lang, expected):
    assert labels.figure_text("年份 year", "year", lang) == expected


def test_figure_text_of_chinese_only_text_gets_english_beside_it_in_both():
    assert labels.figure_text("讲话", "speeches", "both") == "讲话 speeches"
    assert labels.figure_text("讲话", "speeches", "both", both="讲话 (speeches)") == "讲话 (speeches)"
    with pytest.raises(ValueError, match="label mode"):
        labels.figure_text("讲话", "speeches", "de")


def test_gloss_table_lists_each_label_word_once_with_what_a_figure_shows():
    terms = labels.glossary()
    known = next(iter(terms))
    table = labels.gloss_table([f"{known}·某某词", f"某某词（{known}）"], "both")
    assert table.columns.tolist() == ["word", "gloss", "shown"]
    assert table["word"].tolist() == [known, "某某词"]
    assert table["gloss"].tolist() == [terms[known], ""]
    assert table["shown"].tolist() == [f"{known} ({terms[known]})", "某某词"]


def test_a_gloss_with_brackets_of_its_own_is_not_nested_in_brackets():
    from speechtopics.report.labels import format_label

    terms = {"干部": "officials (cadres)", "青年": "youth"}
    assert format_label("干部", "both", terms=terms) == "干部 [officials (cadres)]"
    assert format_label("青年", "both", terms=terms) == "青年 (youth)"
    assert format_label("干部", "en", terms=terms) == "officials (cadres)"
