"""A listed compound name of a mined or curated source is cut at its joints; hand terms never are."""

import pytest

from speechtopics.segment import SegmentConfig
from speechtopics.segment.chain import build_chain
from speechtopics.segment.compounds import best_cut, compound_cuts
from speechtopics.segment.resources import LexiconEntry

LEXICON = """term\tfreq\tpos\tsource
城乡建设用地增减挂钩\t50000\tnz\tcurated:test
增减挂钩\t50000\tnz\tcurated:test
城乡建设用地\t50000\tnz\tcurated:test
创业担保贷款\t50000\tnz\tcorpus:test
人类命运共同体\t50000\tnz\thand:ideology
命运共同体\t50000\tnz\thand:ideology
"""
TEXT = "规范开展城乡建设用地增减挂钩，落实创业担保贷款，推动构建人类命运共同体"


def words(tmp_path, backend, cut):
    path = tmp_path / "lexicon.tsv"
    path.write_text(LEXICON, encoding="utf-8")
    cfg = SegmentConfig(backend=backend, workers=1, cache=False, user_lexicons=(str(path),), cut_compounds=cut)
    return [t.word for t in build_chain(cfg).tokens(TEXT)]


@pytest.mark.parametrize("backend", ["rjieba", "jieba"])
def test_a_curated_name_of_listed_terms_is_cut_at_its_joints(tmp_path, backend):
    toks = words(tmp_path, backend, cut=True)
    assert "城乡建设用地" in toks and "增减挂钩" in toks and "城乡建设用地增减挂钩" not in toks
    assert "创业担保贷款" in toks  # no listed term inside: stays whole
    assert "人类命运共同体" in toks  # a hand term is never cut


@pytest.mark.parametrize("backend", ["rjieba", "jieba"])
def test_without_the_rule_the_name_stays_one_token(tmp_path, backend):
    toks = words(tmp_path, backend, cut=False)
    assert "城乡建设用地增减挂钩" in toks and "增减挂钩" not in toks


def test_the_cut_takes_the_fewest_parts_then_the_most_listed_characters():
    dictionary = {"知识", "产权", "保护", "产权保护"}
    assert best_cut("知识产权保护", {"知识产权", "产权"}, dictionary) == ("知识产权", "保护")  # not 知识/产权/保护
    assert best_cut("知识产权保护", {"产权保护", "知识"}, dictionary) == ("知识", "产权保护")  # 6 listed characters
    assert best_cut("知识产权保护", {"知识产权", "产权保护"}, dictionary) == ("知识产权", "保护")  # tie: longest first
    assert best_cut("审计监督", set(), {"审计", "监督"}) is None  # no listed part: not cut


def test_only_mined_and_curated_sources_are_cut():
    entries = [LexiconEntry("政务服务事项", 5000, "nz", "corpus:x"), LexiconEntry("政务服务", 5000, "nz", "hand:x"),
               LexiconEntry("政务服务中心", 5000, "nz", "thuocl:law"), LexiconEntry("行政审批事项", 5000, "nz", "curated:y"),
               LexiconEntry("行政审批", 5000, "nz", "corpus:x")]
    cuts = compound_cuts(entries, {"事项", "中心"})
    assert cuts == {"政务服务事项": ("政务服务", "事项"), "行政审批事项": ("行政审批", "事项")}


def test_a_name_inside_a_longer_name_is_cut_as_it_is_alone():
    entries = [LexiconEntry("科技成果转移转化", 5000, "nz", "curated:x"), LexiconEntry("成果转移转化", 5000, "nz", "curated:x"),
               LexiconEntry("转移转化", 5000, "nz", "curated:x")]
    cuts = compound_cuts(entries, {"科技", "成果"})
    assert cuts["成果转移转化"] == ("成果", "转移转化")
    assert cuts["科技成果转移转化"] == ("科技", *cuts["成果转移转化"])  # not 科技 / 成果转移转化
    assert not any(p in cuts for parts in cuts.values() for p in parts)  # no part is itself a name with a cut
