"""Chrome found from the shape of a line and its neighbours (clean/layout.py, clean/chrome.py)."""

from speechtopics.clean.chrome import classify_lines, looks_like_chrome

P1 = "今年以来，全县上下坚持稳中求进工作总基调，扎实做好各项工作，经济社会发展取得了新的成效。"
P2 = "各级各部门要切实增强责任感和紧迫感，以更加务实的作风抓好各项任务落实，确保全年目标顺利完成。"


def _kept(lines):
    verdicts, _ = classify_lines(lines)
    return [v.text for v in verdicts if v.keep and v.text]


def test_bracketed_buttons_are_chrome_in_any_brackets():
    assert "a row of bracketed buttons" in looks_like_chrome("〖收藏本文〗〖返回列表〗")
    assert "a row of bracketed buttons" in looks_like_chrome("[ 打 印 ] [ 关 闭 ]")
    assert not looks_like_chrome("（一）坚持稳中求进，推动经济平稳健康发展。")


def test_after_the_body_unpunctuated_lines_are_furniture_but_toasts_stay():
    lines = ["同志们：", P1, P2, "现在，我提议：", "为全县人民的幸福安康，", "干杯！",
             "值班编辑：李四", "转发至：朋友圈 豆瓣 知乎", "县融媒体中心"]
    assert _kept(lines) == ["同志们：", P1, P2, "现在，我提议：", "为全县人民的幸福安康，", "干杯！"]


def test_a_list_of_titles_between_paragraphs_is_dropped():
    lines = ["同志们：", P1, "看了又看", "全县召开春季农业生产工作推进会议", "县长带队督导重点项目建设进展情况",
             "县委理论学习中心组开展专题学习研讨", P2]
    assert _kept(lines) == ["同志们：", P1, P2]


def test_link_text_cut_out_of_a_sentence_is_not_a_list():
    lines = ["同志们：", P1, "——基础设施支撑能力持续提升。新建", "高速铁路", "投产里程超过1900公里，新建改建",
             "高速公路", "6700多公里、农村公路29万公里。", P2]
    assert _kept(lines) == lines


def test_a_rights_notice_after_the_body_is_dropped_even_as_a_sentence():
    notice = "本网站所有内容均为原创，未经本站书面许可，任何单位和个人不得转载。"
    assert _kept(["同志们：", P1, P2, notice]) == ["同志们：", P1, P2]
    # a speech sentence about approvals is not a rights notice
    assert _kept(["同志们：", P1, "未经县委同意，不得擅自调整项目计划。", P2])[2] == "未经县委同意，不得擅自调整项目计划。"


def test_a_subheading_with_a_page_word_between_paragraphs_stays_and_furniture_goes():
    lines = ["同志们：", P1, "关注民生，回应关切", P2, "时间紧、任务重、要求高", P1 + "另", "关注我们", "分享到："]
    kept = _kept(lines)
    assert "关注民生，回应关切" in kept and "时间紧、任务重、要求高" in kept
    assert "关注我们" not in kept and "分享到：" not in kept


def test_a_schedule_line_is_not_a_publish_line():
    assert "publish line" not in looks_like_chrome("培训时间：2016年6月2-3日（1日下午报到）")
    assert "publish line" in looks_like_chrome("时间：2016-05-20")
    assert "publish line" in looks_like_chrome("成文日期：2021-06-28")


def test_related_content_in_a_sentence_is_text_and_alone_is_a_label():
    line = "《实施办法》于2024年7月30日由省政府办公厅印发，现就相关内容进行如下解读："
    assert "related articles" not in looks_like_chrome(line)
    assert "related articles" not in looks_like_chrome("按照验收大纲中的要求，做好相关资料的准备工作。依托学校提出申请，并提交以下材料：")
    assert "related articles" in looks_like_chrome("相关内容：")


def test_a_licence_footer_is_one_span_to_the_end():
    lines = ["同志们：", P1, P2, P1 + "续", P2 + "续", P1 + "再", "本作品是中华人民共和国的法律、法规、国家机关的决议、决定、命令，属于公有领域。",
             "《刑事审判参考》2011年第1集，总第78集，最高人民法院刑事审判庭共同主办，法律出版社出版。",
             "据2024年社群共识，国务院制定的公文，视同直属机构制定。"]
    assert _kept(lines) == lines[:6]


def test_a_footnote_mark_over_three_lines_leaves_its_sentence_whole():
    from speechtopics.clean.normalize import rejoin_broken_lines

    text = "現在我代表中央委員會作關於上屆代表會議\n[\n1\n]\n以來的工作報告。\n\n下一段。"
    assert rejoin_broken_lines(text) == "現在我代表中央委員會作關於上屆代表會議以來的工作報告。\n\n下一段。"


def test_a_saved_pages_title_line_with_its_site_suffix_does_not_start_the_body():
    # a page saved as text opens with its <title>: 40+ Han characters, no comma, a channel and site after "_"
    head = "习近平在全省干部大会上作重要讲话强调坚定不移推动高质量发展奋力谱写现代化建设新篇章_滚动新闻_某某网"
    lines = [head, "首页", ">", "新闻", ">", "要闻", "【字体：", "大", "中", "小", "】", "同志们：", P1, P2]
    verdicts, title = classify_lines(lines)
    assert [v.text for v in verdicts if v.keep and v.text] == ["同志们：", P1, P2]
    assert title == head


def test_a_headline_like_body_line_without_a_site_suffix_still_starts_the_body():
    # the same length of text without a title separator is a run-on line of the text, kept
    run_on = "全县上下坚持稳中求进工作总基调扎实做好各项工作经济社会发展取得新成效人民群众获得感幸福感安全感不断增强"
    assert _kept([run_on, P1, P2]) == [run_on, P1, P2]


def test_titles_after_a_related_news_label_go_and_the_label_in_a_sentence_is_text():
    lines = ["同志们：", P1, P2, "(责编：王五、赵六)", "相关新闻", "·", "在全县科技创新大会、人才工作会议、科协代表大会上的讲话",
             "·", "县委常委会召开会议传达学习全会精神"]
    assert _kept(lines) == ["同志们：", P1, P2]
    sentence = "要认真做好相关新闻发布工作，及时回应社会关切，正确引导舆论，营造良好氛围。"
    assert _kept(["同志们：", P1, sentence, P2]) == ["同志们：", P1, sentence, P2]


def test_notes_below_a_rule_are_dropped_but_a_list_below_a_markdown_rule_stays():
    """Below a rule at the end, lines that open with a note mark ([1], ①, *本文…) are notes; a Markdown list
    (* item) or a line of speech after the rule is not, and then nothing after the rule is dropped."""
    notes = ["[1] 参见《习近平谈治国理政》，外文出版社2014年版。", "*本文为作者在全县经济工作会议上的讲话。"]
    assert _kept(["同志们：", P1, P2, "——————", *notes]) == ["同志们：", P1, P2]
    items = ["* 加快建设现代化产业体系，推动县域经济高质量发展；", "* 全面推进乡村振兴，持续增加农民收入。"]
    assert _kept(["同志们：", P1, "---", *items]) == ["同志们：", P1, *items]
    assert _kept(["同志们：", P1, "——————", "[1] 参见《习近平谈治国理政》。", P2]) == ["同志们：", P1,
                                                                              "[1] 参见《习近平谈治国理政》。", P2]


def test_circled_numbers_below_a_rule_are_notes_only_where_the_text_cites_them():
    """① opens a note where the text carries it as a reference (…增长①), and a list's item where it does not."""
    note = "① 数据来源：县统计局。"
    assert _kept(["同志们：", P1.replace("工作，", "工作①，"), P2, "——————", note]) == [
        "同志们：", P1.replace("工作，", "工作①，"), P2]
    items = ["①加快建设现代化产业体系；", "②全面推进乡村振兴。"]
    assert _kept(["同志们：", P1, P2, "——————", *items]) == ["同志们：", P1, P2, *items]
