"""Section paths: a heading (Markdown's ##, Word's 标题 1) is one unit with the numbering under it."""

from speechtopics.clean.outline import heading_path, heading_sections, top_section


def test_a_headings_numbered_paragraphs_stay_in_its_unit():
    """第一， 第二， under a heading are inside its unit, as （一） （二） under 一、 are; numbering
    without a heading still gives one unit per top-level number."""
    lines = ["开场白。", "全面从严治党取得的成效", "第一，严明纪律。", "要抓早抓小。", "第二，创新机制。", "结束语"]
    sections = heading_sections(lines, lines, list(range(len(lines))), {"全面从严治党取得的成效": 1, "结束语": 1})
    assert sections == ["", "全面从严治党取得的成效", "全面从严治党取得的成效/第一", "全面从严治党取得的成效/第一",
                        "全面从严治党取得的成效/第二", "结束语"]
    assert [top_section(s) for s in sections] == ["", *["全面从严治党取得的成效"] * 4, "结束语"]
    assert [top_section(s) for s in ("一/（二）", "第一", "详细新闻/要闻一/1/（2）")] == ["一", "第一", "详细新闻/要闻一"]


def test_heading_path_is_the_headings_a_path_opens_with():
    assert [heading_path(s) for s in ("详细新闻/要闻一/1", "二/（三）", "", "结束语")] == ["详细新闻/要闻一", "", "", "结束语"]
