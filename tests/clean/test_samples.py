"""The three real sample pages come out with the full speech body and no chrome."""

import pytest

from speechtopics.clean import CleanConfig, clean_document

CHROME = ["您当前的位置", "首页", "无忧文档网", "阅读:", ".doc", "Word文档", "推荐度", "文档为doc格式", "相关热搜", "VIP",
          "文档下载", "浏览记录", "小编", "供大家参考", "相关文章"]


@pytest.fixture(scope="module")
def cleaned(sample_records):
    return {name: clean_document(rec, CleanConfig()) for name, rec in sample_records.items()}


@pytest.mark.parametrize("name", ["county_plenary_2021", "county_mobilization", "district_plenum_study"])
def test_no_chrome_left(cleaned, name):
    text = cleaned[name]["text"]
    assert [c for c in CHROME if c in text] == []
    assert cleaned[name]["status"] == "kept"


@pytest.mark.parametrize(
    ("name", "title", "date", "redactions", "first", "last"),
    [
        ("county_plenary_2021", "在县政府2021年第一次全体会议上的讲话", "2021-06-24", 66, "同志们:",
         "奋力谱写〓新时代追赶超越新篇章!"),
        ("county_mobilization", "在县强产兴城工作动员会上的讲话", None, 16, "同志们:",
         "拼争全省县域经济前十强”新局面而奋斗!"),
        ("district_plenum_study", "县委书记在传达二十届三中全会精神会议上的讲话", None, 21,
         "刚才,我们集中学习了党的二十届三中全会精神", "为进一步全面深化改革提供坚强政治保障。"),
    ],
)
def test_title_date_redactions_and_full_body(cleaned, name, title, date, redactions, first, last):
    rec = cleaned[name]
    assert (rec["title"], rec["date"], rec["redactions"]) == (title, date, redactions)
    assert rec["text"].startswith(first)
    assert rec["text"].rstrip().endswith(last)


def test_every_body_line_of_the_samples_is_kept(cleaned, sample_records):
    """Each original body paragraph survives (modulo redaction marks), none is lost."""
    from speechtopics.clean.normalize import to_simplified
    from speechtopics.clean.redaction import mark_redactions

    for name, rec in cleaned.items():
        def squeeze(s):
            return "".join(s.split())

        dropped = {squeeze(d["text"]) for d in rec["dropped_lines"]}
        original = [squeeze(ln) for ln in sample_records[name]["text"].split("\n") if ln.strip()]
        body = [ln for ln in original if ln not in dropped]
        assert len(body) >= 16
        for line in body:
            # the page has a stray traditional character (贏), which the cleaner simplifies
            assert to_simplified(mark_redactions(line)[0]) in squeeze(rec["text"])


def test_specific_sentences(cleaned):
    plenary = cleaned["county_plenary_2021"]["text"]
    assert "一要在加快进度上下硬茬。" in plenary
    assert "开工率达〓%" in plenary and "金米U型木耳" in plenary
    mob = cleaned["county_mobilization"]["text"]
    assert "第四,要团结有力协同作战。" in mob and "【" not in mob
    district = cleaned["district_plenum_study"]
    assert district["text"].count("县委书记在传达二十届三中全会精神会议上的讲话") == 0
    assert "力争GDP年底继续保持第一" in district["text"] and "〓区是经济功能区" in district["text"]
    # the page's own cut-and-splice ("深化改大产投基金") is kept as is: both halves are body text
    assert "为进一步全面深化改大产投基金" in district["text"]


def test_metadata_and_sections(cleaned):
    plenary = cleaned["county_plenary_2021"]
    assert (plenary["meeting_type"], plenary["level"]) == ("全体会议", "县")
    sections = {p["section"] for p in plenary["paragraphs"]}
    assert {"一", "二/一要", "五/三要"} <= sections
    district = cleaned["district_plenum_study"]
    assert district["speaker_role"] == "县委书记"
    assert "二/（七）" in {p["section"] for p in district["paragraphs"]}
    assert cleaned["county_mobilization"]["meeting_type"] == "动员会"


def test_dropped_lines_keep_evidence(cleaned):
    reasons = {d["text"][:6]: d["reasons"] for d in cleaned["county_plenary_2021"]["dropped_lines"]}
    assert "breadcrumb" in reasons["您当前的位置"]
    assert all(d["reasons"] for d in cleaned["county_mobilization"]["dropped_lines"])


def test_site_from_byline_with_spaced_fields(cleaned):
    """The byline "无忧文档网    时间: ..." gives the site although its fields are glued after normalisation."""
    assert cleaned["county_plenary_2021"]["site"] == "无忧文档网"
