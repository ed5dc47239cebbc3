"""County speech pages end to end through the CLI: ``clean`` -> ``formulas`` -> ``rhetoric``.

The three bundled sample pages plus two pages in another style written for these tests
(``tests/data/rhetoric_pages/``, marked synthetic in their text): a plain-text county economic work
meeting (一、/（一）/一是 numbering) and an HTML township-revitalisation meeting (1./第一， numbering,
site chrome, 谢谢大家 at the end).
"""

import csv
import json
from collections import defaultdict
from pathlib import Path

import pytest
from typer.testing import CliRunner

from speechtopics import paths
from speechtopics.cli import app
from speechtopics.segment.formulas import find_formulas

PAGES = Path(__file__).parents[1] / "data" / "rhetoric_pages"

FORMULAS = {
    "county_mobilization": {"一团五园三基地", "一区两点", "一战略两战役", "三大工程", "一号工程", "十大抓、抓十大"},
    "county_plenary_2021": {"十四五", "六稳", "六保", "双过半", "六个一", "一村一品", "一镇一业", "一企一策"},
    "district_plenum_study": {"二十届三中全会", "十一届三中全会", "五大体系", "四责协同"},
    "synthetic_county_economic_2023": {"双招双引", "一主两辅", "三品一标", "一村一品", "六稳", "六保", "两个确立",
                                       "两个维护", "一盘棋", "二十大", "一个项目、一名领导、一个专班、一抓到底"},
    "synthetic_township_revitalisation": {"三农", "十四五", "四个一", "四个不摘", "五美乡村", "厕所革命"},
}

# Clear-cut paragraphs (prefix -> move), judged against coding_guide.md before running the scorer.
CLEAR = {
    "synthetic_county_economic_2023": {
        "同志们：": "other", "过去一年，全县上下顶住": "achievement", "我们也要清醒看到": "problem",
        "（一）坚定不移抓项目": "deployment", "各级党组织要坚定拥护": "alignment",
        "各乡镇、各部门要牢固树立": "deployment", "同志们，新征程已经开启": "mobilisation"},
    "synthetic_township_revitalisation": {
        "各位领导，同志们：": "other", "去年以来，全县上下": "achievement", "但是，对照上级要求": "problem",
        "第一，要抓好": "deployment", "第二，要抓好": "deployment", "同志们，乡村振兴使命光荣": "mobilisation",
        "谢谢大家": "other"},
    "county_plenary_2021": {"一要在加快进度": "deployment", "同志们,无边光景": "mobilisation", "同志们:": "other"},
    "county_mobilization": {"第一,要备齐粮草": "deployment", "同志们,信心比黄金": "mobilisation"},
}


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    out = tmp_path_factory.mktemp("pages")
    runner = CliRunner()
    clean, form, moves = out / "c.jsonl", out / "f.csv", out / "m.jsonl"
    for args in (["clean", str(paths.RAW / "sample_pages"), str(PAGES), "--out", str(clean)],
                 ["formulas", str(clean), "--out", str(form)], ["rhetoric", str(clean), "--out", str(moves)]):
        r = runner.invoke(app, args)
        assert r.exit_code == 0, (args[0], r.output)
    names = {}
    for line in open(clean, encoding="utf-8"):
        rec = json.loads(line)
        assert rec["status"] == "kept", rec["source"]
        names[rec["doc_id"]] = Path(rec["source"]).stem
    formulas = defaultdict(set)
    for row in csv.DictReader(open(form, encoding="utf-8")):
        formulas[names[row["doc_id"]]].add(row["formula"])
    rows = defaultdict(list)
    for line in open(moves, encoding="utf-8"):
        row = json.loads(line)
        rows[names[row["doc_id"]]].append(row)
    return formulas, rows


def test_every_numbered_formula_found(outputs):
    formulas, _ = outputs
    for name, expected in FORMULAS.items():
        assert expected <= formulas[name], (name, expected - formulas[name])


def test_openings_and_closings(outputs):
    _, rows = outputs
    for name in ("county_mobilization", "county_plenary_2021", "synthetic_county_economic_2023",
                 "synthetic_township_revitalisation"):
        parts = [r["part"] for r in rows[name]]
        assert parts[0] == "opening" and parts[-1] == "closing", name
        assert "body" in parts, name
    syn = rows["synthetic_county_economic_2023"]
    assert [r["part"] for r in syn[:3]] == ["opening", "opening", "body"]   # salutation, purpose, 一、
    assert [r["part"] for r in syn].count("closing") == 1
    html = rows["synthetic_township_revitalisation"]
    assert [r["part"] for r in html[-2:]] == ["closing", "closing"]          # the call, then 谢谢大家
    assert not any("VIP" in r["text"] or "首页" in r["text"] for r in html)   # chrome left to clean


def test_clear_cut_moves_at_least_four_in_five(outputs):
    _, rows = outputs
    right = total = 0
    for name, expected in CLEAR.items():
        for prefix, move in expected.items():
            row = next(r for r in rows[name] if r["text"].startswith(prefix))
            total += 1
            right += row["move"] == move
    assert right / total >= 0.8
    assert (right, total) == (19, 19)


@pytest.mark.parametrize("text, formula", [
    ("落实十大抓、抓十大工作要求", "十大抓"),
    ("落实市委十一届四次全体(扩大)会议精神", "十一届四次全体(扩大)会议"),
    ("坚持五级书记抓乡村振兴", "五级书记"),
    ("办好十件民生实事", "十件民生实事"),
    ("贯彻落实中央一号文件精神", "一号文件"),
])
def test_unquoted_formula_gaps(text, formula):
    assert any(formula in f for f in find_formulas(text))


def test_no_formula_inside_ordinary_words():
    assert find_formulas("我国是统一的多民族国家") == []
