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


def test_a_records_heading_sections_are_its_sections(cues, scues):
    """A speech whose sections are headings without a number (Word's 标题 1, Markdown's ##) and whose
    points under them are numbered (第一，): its sections are the headings, not the numbered points."""
    heads = ["全面从严治党取得的成效", "坚定不移推进全面从严治党"]
    paragraphs = [{"text": "这次全会的主要任务是，总结工作，部署任务。", "section": ""}]
    for head in heads:
        paragraphs += [{"text": head, "section": head},
                       {"text": "第一，严明党的政治纪律，夯实管党治党责任。", "section": f"{head}/第一"},
                       {"text": "各级党组织要把纪律挺在前面，抓早抓小。", "section": f"{head}/第一"},
                       {"text": "第二，创新体制机制，扎牢制度笼子。", "section": f"{head}/第二"}]
    record = {"doc_id": "d", "paragraphs": paragraphs, "text": "\n".join(p["text"] for p in paragraphs)}
    rows = speech_moves(record, cues, scues)
    assert [r["section"] for r in rows if r["part"] == "body"][-8:] == [heads[0]] * 4 + [heads[1]] * 4
