"""Moves of clear-cut paragraphs of the sample pages (pinned)."""

from speechtopics.rhetoric.speech import speech_moves

CLEAR = {
    "county_mobilization": {"第一,要备齐粮草": "deployment", "同志们,信心比黄金": "mobilisation",
                            "大家都能看到,现在很多地方": "problem"},
    "county_plenary_2021": {"所谓“势头好”": "achievement", "所谓“压力大”": "problem",
                            "一要在加快进度": "deployment", "二要把环境护好": "deployment",
                            "同志们,无边光景": "mobilisation", "同志们:": "other"},
    "district_plenum_study": {"上半年,我们交出": "achievement", "三中全会在党和国家历史上": "alignment",
                              "(四)项目建设": "deployment", "刚才,我们集中学习": "other"},
}


def test_clear_paragraph_moves(sample_docs, cues, scues):
    right = total = 0
    for name, expected in CLEAR.items():
        rows = speech_moves(sample_docs[name], cues, scues)
        for prefix, move in expected.items():
            row = next(r for r in rows if r["text"].startswith(prefix))
            total += 1
            right += row["move"] == move
    assert right == total


def test_rows_follow_contract(sample_docs, cues, scues):
    rows = speech_moves(sample_docs["county_plenary_2021"], cues, scues)
    assert [r["paragraph"] for r in rows] == list(range(len(rows)))
    for r in rows:
        assert set(r) == {"doc_id", "paragraph", "text", "part", "section", "move", "scores"}
        assert r["part"] in ("opening", "body", "closing")


def test_text_fallback_without_paragraphs(cues, scues):
    rows = speech_moves({"doc_id": "d", "text": "同志们：\n要加快建设。\n\n让我们奋力前进！"}, cues, scues)
    assert [r["part"] for r in rows] == ["opening", "body", "closing"]
