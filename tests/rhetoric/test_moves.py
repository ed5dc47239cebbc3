"""The lexicon-and-pattern move scorer."""

from speechtopics.rhetoric.cues import MOVES
from speechtopics.rhetoric.moves import classify, classify_sentences, score_text


def test_scores_cover_every_move(cues):
    scores = score_text("要加快推进项目建设。", cues)
    assert set(scores) == set(MOVES)


def test_clear_cut_moves(cues):
    assert classify("同志们，让我们更加紧密团结起来，为开创新局面而奋斗！", cues)[0] == "mobilisation"
    assert classify("一年来，全县经济运行稳中有进，地区生产总值增长6%，取得了显著成效。", cues)[0] == "achievement"
    assert classify("我们清醒地看到，发展中还存在不少问题，短板弱项仍然突出。", cues)[0] == "problem"
    assert classify("一要加快项目建设。要确保年底前全部开工，务必抓好落实。", cues)[0] == "deployment"
    assert classify("要增强“四个意识”、坚定“四个自信”、做到“两个维护”，坚决贯彻党中央决策部署。", cues)[0] == "alignment"
    assert classify("同志们：", cues)[0] == "other"


def test_part_bonus_favours_mobilisation_at_close(cues):
    text = "全年工作目标任务已经确定，关键是落实。"
    assert classify(text, cues, "closing")[1]["mobilisation"] > classify(text, cues)[1]["mobilisation"]


def test_sentences(cues):
    out = classify_sentences("过去一年取得了显著成效。但还存在不少问题。让我们奋力前进！", cues)
    assert [m for _, m in out] == ["achievement", "problem", "mobilisation"]
