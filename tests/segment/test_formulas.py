"""Numbered formulas, plan and congress names and digit terms are found by pattern."""

import pytest

from speechtopics.segment.formulas import compile_protector, find_formulas, split_protected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("做好六稳六保工作", ["六稳六保"]),
        ("践行三严三实，推进两学一做学习教育常态化", ["三严三实", "两学一做"]),
        ("抓好三去一降一补，统筹推进五位一体总体布局", ["三去一降一补", "五位一体"]),
        ("协调推进四个全面战略布局", ["四个全面"]),
        ("增强“四个意识”，做到“两个维护”", ["四个意识", "两个维护"]),
        ("编制“十四五”规划，谋划十五五", ["十四五", "十五五"]),
        ("学习党的二十大和二十届三中全会精神", ["二十大", "二十届三中全会"]),
        ("落实市委十一届四次全会部署", ["市委十一届四次全会"]),
        ("县委X届十次全会确定的目标", ["县委X届十次全会"]),
        ("十四届全国人大二次会议审议通过", ["十四届全国人大二次会议"]),
        ("实行一户一策、一企一策", ["一户一策", "一企一策"]),
        ("为实现四个现代化而奋斗", ["四个现代化"]),
    ],
)
def test_find_formulas(text, expected):
    assert find_formulas(text) == expected


@pytest.mark.parametrize(
    "text",
    ["一九九五年", "三个月内完成", "两个方面的问题", "一是加强领导，二是完善机制", "一年一度的盛会", "一个一个落实",
     "一步一步向前走", "一代一代传下去", "克服一切多余的顾虑"],
)
def test_no_false_formulas(text):
    assert find_formulas(text) == []


def test_digit_terms_are_protected_but_not_formulas():
    pieces = split_protected("建设5G基站，双11销售额增长，PM2.5浓度下降", compile_protector())
    protected = [(p, k) for p, k in pieces if k]
    assert protected == [("5G", "digit"), ("双11", "digit"), ("PM2.5", "digit")]
    assert find_formulas("建设5G基站") == []


def test_quoted_slogans_protected_when_enabled():
    pieces = split_protected("深化“放管服”改革", compile_protector((), 6))
    assert ("放管服", "quoted") in pieces
    assert ("放管服", "quoted") not in split_protected("深化“放管服”改革", compile_protector())


@pytest.mark.parametrize(
    "text, expected",
    [
        ("贯彻党的十八大和十八届三中、四中、五中全会精神", ["十八大", "十八届三中、四中、五中全会"]),
        ("充分认识二十届三中会的重要意义", ["二十届三中会"]),
        ("市委十一届四次全体(扩大)会议强调的“十大抓、抓十大”要求", ["市委十一届四次全体(扩大)会议", "十大抓"]),
        ("全年新增四上企业三十家", ["四上企业"]),
        ("我们注重抓六个精准，即扶持对象精准", ["六个精准"]),
        ("打好三大攻坚战", ["三大攻坚战"]),
    ],
)
def test_generalised_forms(text, expected):
    assert find_formulas(text) == expected


@pytest.mark.parametrize(
    "text", ["我国是统一的多民族国家", "二零一零年", "两个方面：一是加强领导", "第三大产业"]
)
def test_no_false_formulas_across_words(text):
    assert find_formulas(text) == []
