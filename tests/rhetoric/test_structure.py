"""Speech structure on the three sample pages (cleaned by the clean stage)."""

from speechtopics.rhetoric.speech import record_paragraphs
from speechtopics.rhetoric.structure import annotate, speech_structure


def parts(doc, scues):
    return [a["part"] for a in annotate(record_paragraphs(doc), scues)]


def test_openings_and_closings(sample_docs, scues):
    for name, doc in sample_docs.items():
        texts = record_paragraphs(doc)
        p = parts(doc, scues)
        assert p[0] == "opening", name
        assert texts[0].startswith(("同志们", "刚才")), name
    # the two complete speeches end in a closing call; the plenum study page is cut off in its body
    assert parts(sample_docs["county_mobilization"], scues)[-1] == "closing"
    assert parts(sample_docs["county_plenary_2021"], scues)[-1] == "closing"
    assert "closing" not in parts(sample_docs["district_plenum_study"], scues)


def test_sections_and_depth(sample_docs, scues):
    s = speech_structure(record_paragraphs(sample_docs["county_plenary_2021"]))
    assert s["n_sections"] == 5 and s["depth"] == 2 and s["n_subsections"] == 11
    s = speech_structure(record_paragraphs(sample_docs["district_plenum_study"]))
    assert s["n_sections"] == 3 and s["depth"] == 3
    s = speech_structure(record_paragraphs(sample_docs["county_mobilization"]))
    assert s["n_sections"] == 4
    assert abs(s["share_opening"] + s["share_body"] + s["share_closing"] - 1) < 1e-3


def test_structure_from_strings(scues):
    texts = ["同志们：", "今天我们召开全县大会。", "一、抓项目", "要加快建设。", "同志们，让我们为新局面而奋斗！"]
    a = annotate(texts, scues)
    assert [x["part"] for x in a] == ["opening", "opening", "body", "body", "closing"]
    assert a[3]["section"] == "一、抓项目"


def test_a_summit_speech_opens_and_closes_with_its_own_forms(scues):
    texts = ["尊敬的主席先生，", "各位同事：", "很高兴来到美丽的杭州，同大家共商合作大计。"] + \
            [f"第{n}，我们要加强合作，推动世界经济增长。" for n in "一二三四"] + \
            ["世界经济的未来取决于我们今天的选择。", "各位同事、朋友们！", "预祝本次峰会取得圆满成功！", "谢谢大家。"]
    parts = [a["part"] for a in annotate(texts, scues)]
    assert parts[:3] == ["opening"] * 3 and parts[3] == "body"
    assert parts[-3:] == ["closing"] * 3 and parts[-4] == "body"


def test_a_dash_list_before_the_sections_stays_below_them(scues):
    texts = ["同志们：", "——坚持稳中求进。", "——坚持改革创新。", "第一，抓好经济工作。", "要扩大有效投资。",
             "第二，抓好民生工作。", "要办好实事。"]
    rows = annotate(texts, scues)
    assert [r["level"] for r in rows] == [0, 2, 2, 1, 0, 1, 0]
    assert rows[4]["section"].startswith("第一") and rows[6]["section"].startswith("第二")


def test_a_cue_deep_in_the_first_paragraphs_does_not_pull_body_into_the_opening(scues):
    texts = ["同志们：", "今年以来全县经济运行平稳。", "工业增加值增长百分之八。", "同志们！", "我们要继续努力。"] + \
            ["要抓好项目建设。"] * 5
    parts = [a["part"] for a in annotate(texts, scues)]
    assert parts[:5] == ["opening", "body", "body", "body", "body"]
