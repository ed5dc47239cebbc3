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
