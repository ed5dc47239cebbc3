"""``speechtopics segment`` and ``speechtopics lexicon`` on the command line."""

import json

import pytest
import typer
from typer.testing import CliRunner

from speechtopics.commands.segment import register


@pytest.fixture(scope="module")
def app():
    app = typer.Typer()
    register(app)
    return app


@pytest.fixture()
def config(tmp_path):
    p = tmp_path / "cfg.yaml"
    p.write_text("segment:\n  workers: 1\n  cache: false\n", encoding="utf-8")
    return p


def test_segment_file(app, sample_path, tmp_path, config):
    out = tmp_path / "tokens.jsonl"
    res = CliRunner().invoke(app, ["segment", str(sample_path), "--out", str(out), "--config", str(config)])
    assert res.exit_code == 0, res.output
    recs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert "dup-1" not in {r["doc_id"] for r in recs}  # only kept records
    assert all(isinstance(r["tokens"], list) and isinstance(r["formulaic_tokens"], list) for r in recs)


def test_segment_text(app, config):
    res = CliRunner().invoke(app, ["segment", "--text", "做好六稳六保工作", "--config", str(config)])
    assert res.exit_code == 0 and "六稳六保" in res.output


@pytest.mark.parametrize("content", [None, "{not json\n"])
def test_bad_input_one_line_exit_2(app, tmp_path, config, content):
    src = tmp_path / "bad.jsonl"
    if content is not None:
        src.write_text(content, encoding="utf-8")
    res = CliRunner().invoke(app, ["segment", str(src), "--out", str(tmp_path / "o.jsonl"), "--config", str(config)])
    assert res.exit_code == 2
    assert "bad.jsonl" in res.output and "Traceback" not in res.output
    assert len(res.output.strip().splitlines()) == 1


def test_discover_and_promote(app, tmp_path):
    lex = tmp_path / "lex.tsv"
    lex.write_text("term\tfreq\tpos\tsource\n", encoding="utf-8")
    cfg = tmp_path / "cfg.yaml"
    cfg.write_text(f"segment:\n  workers: 1\n  cache: false\n  user_lexicons: [{lex}]\n", encoding="utf-8")
    text = tmp_path / "corpus.txt"
    text.write_text("。".join(f"{a}要发展新质生产力{b}" for a in "甲乙丙丁戊己庚辛" for b in "一二三四五六"), "utf-8")
    cands = tmp_path / "cands.tsv"
    res = CliRunner().invoke(app, ["lexicon", "discover", str(text), "--out", str(cands), "--min-count", "3",
                                   "--config", str(cfg)])
    assert res.exit_code == 0, res.output
    rows = cands.read_text(encoding="utf-8").splitlines()
    assert rows[0].startswith("term\tfreq\tpmi")
    res = CliRunner().invoke(app, ["lexicon", "promote", str(cands), "--all", "--config", str(cfg)])
    assert res.exit_code == 0, res.output
    assert len(lex.read_text(encoding="utf-8").splitlines()) == len(rows)
    bundled = tmp_path / "bundled.yaml"  # only the package's own lexicon: refused, the package unchanged
    bundled.write_text("segment:\n  user_lexicons: [lexicon/political_terms.tsv]\n", encoding="utf-8")
    res = CliRunner().invoke(app, ["lexicon", "promote", str(cands), "--all", "-c", str(bundled)])
    assert res.exit_code == 2 and "names only the bundled lexicon" in res.output
    res = CliRunner().invoke(app, ["lexicon", "discover", str(text), "--out", str(cands), "--top", "-5"])
    assert res.exit_code == 2 and "--top must be >= 1" in res.output


def test_segment_refuses_to_overwrite_its_input_and_bad_workers(app, tmp_path, config):
    src = tmp_path / "clean.jsonl"
    src.write_text('{"doc_id": "a", "text": "同志们"}\n', encoding="utf-8")
    res = CliRunner().invoke(app, ["segment", str(src), "--out", str(src), "-c", str(config)])
    assert res.exit_code == 2 and "would overwrite the input" in res.output
    assert src.read_text(encoding="utf-8").startswith('{"doc_id": "a"')
    res = CliRunner().invoke(app, ["segment", str(src), "--out", str(tmp_path / "o.jsonl"), "--workers", "0"])
    assert res.exit_code == 2 and "--workers must be in [1, 1024] (got 0)" in res.output
    res = CliRunner().invoke(app, ["segment", str(src), "--out", str(tmp_path / "o.jsonl"), "--workers", "5000"])
    assert res.exit_code == 2 and "--workers must be in [1, 1024] (got 5000)" in res.output
    assert not (tmp_path / "o.jsonl").exists()


def test_segment_refuses_text_beside_a_file(app, tmp_path, config):
    src = tmp_path / "clean.jsonl"
    src.write_text('{"doc_id": "a", "text": "同志们"}\n', encoding="utf-8")
    out = tmp_path / "o.jsonl"
    res = CliRunner().invoke(app, ["segment", str(src), "--out", str(out), "--text", "改革开放", "-c", str(config)])
    assert res.exit_code == 2 and "give either --text" in res.output
    assert not out.exists()


def test_discover_ranks_frequent_compounds_and_one_character_edges():
    from speechtopics.segment import SegmentConfig
    from speechtopics.segment.discover import discover

    cfg = SegmentConfig(workers=1, cache=False, user_lexicons=())
    left = ["建设", "完善", "推动", "加快", "健全", "规范", "落实", "深化", "做好", "优化"]
    right = ["体系", "制度", "工作", "方式", "机制", "平台", "建设", "改革", "政策", "管理"]
    frequent = [f"{x}信息公开{y}" for x in left for y in right]  # 100 times
    rare = [f"{x}新质生产力{y}" for x, y in zip(left, right[:6])]  # 6 times
    edge = [f"{x}积分制{y}" for x, y in zip(left, right[2:])]  # 8 times
    texts = ["。".join(frequent + rare + edge)]
    new = [c.term for c in discover(texts, cfg, min_count=5, top=50)]
    old = [c.term for c in discover(texts, cfg, min_count=5, top=50, score="pmi", min_edge_chars=2)]
    assert "积分制" in new and "积分制" not in old
    assert new.index("信息公开") < new.index("新质生产力")
    assert old.index("信息公开") > old.index("新质生产力")
    with pytest.raises(ValueError, match="score"):
        discover(texts, cfg, score="freq")
