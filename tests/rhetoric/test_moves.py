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


def test_an_edited_cue_file_is_read_again_and_changes_its_digest(tmp_path):
    """A session that edits its own cue file and loads it again gets the edit, and the cue files'
    digest (the part of the rhetoric clusters' cache key) follows the bytes, not the names."""
    import shutil

    from speechtopics import resources
    from speechtopics.rhetoric.cues import cue_files_digest, load_move_cues, load_pattern_lists

    cues, structure = tmp_path / "cues.yaml", tmp_path / "structure.yaml"
    shutil.copy(resources.resource_path("rhetoric/move_cues.yaml"), cues)
    shutil.copy(resources.resource_path("rhetoric/structure_cues.yaml"), structure)
    digest = cue_files_digest(cues, structure)
    assert load_move_cues(cues).min_score == 0.9
    assert digest == cue_files_digest(str(cues), str(structure))
    cues.write_text(cues.read_text(encoding="utf-8").replace("min_score: 0.9", "min_score: 2.5"), encoding="utf-8")
    assert load_move_cues(cues).min_score == 2.5
    assert cue_files_digest(cues, structure) != digest
    before = cue_files_digest(cues, structure)
    structure.write_text("opening: [同志们]\n", encoding="utf-8")
    assert list(load_pattern_lists(structure)) == ["opening"]
    assert cue_files_digest(cues, structure) != before
