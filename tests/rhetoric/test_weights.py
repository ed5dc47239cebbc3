"""Fitted move weights: loading, scoring and fitting."""

import pytest

from speechtopics.rhetoric.cues import CueError, hand_weighted, load_move_cues, load_weights
from speechtopics.rhetoric.moves import classify, fitted_scores
from speechtopics.rhetoric.weights import coefficient_table, fit_weights, weights_record, write_weights


def test_cue_file_names_fitted_weights(cues):
    assert cues.fitted is not None and "heldout3" not in cues.fitted.source
    table = coefficient_table(cues)
    assert list(table.columns) == list(cues.moves) and len(table) == len(cues.fitted.features)
    assert hand_weighted(cues).fitted is None


def test_fitted_scores_are_the_linear_model(cues):
    text = "一年来，全县经济运行稳中有进，地区生产总值增长6%，取得了显著成效。"
    assert classify(text, cues)[1] == fitted_scores(text, cues)
    assert classify(text, cues)[0] == "achievement"


def test_bad_weight_file_is_one_line_error(tmp_path, cues):
    p = tmp_path / "w.yaml"
    p.write_text("features: [nope]\nintercept: {}\ncoef: {}\n", encoding="utf-8")
    with pytest.raises(CueError, match="unknown feature 'nope'"):
        load_weights(p, cues.moves, {c.id for c in cues.cues})


def test_fit_and_write_roundtrip(tmp_path, cues):
    hand = hand_weighted(cues)
    texts = ["让我们团结奋斗！", "取得了显著成效，增长8%。", "还存在不少问题和困难。", "要加快推进项目建设。",
             "坚决贯彻党中央决策部署，做到两个维护。", "同志们："] * 3
    labels = ["mobilisation", "achievement", "problem", "deployment", "alignment", "other"] * 3
    record = weights_record(fit_weights(texts, labels, hand, seed=1), hand, source="toy")
    write_weights(record, tmp_path / "w.yaml")
    fw = load_weights(tmp_path / "w.yaml", cues.moves, {f"score:{m}" for m in cues.moves})
    assert fw.features == tuple(f"score:{m}" for m in cues.moves) and fw.source == "toy"
