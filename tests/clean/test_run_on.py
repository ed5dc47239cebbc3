"""One-line texts (a researcher's table) get their paragraphs back; publication apparatus is cut as spans."""

from speechtopics.clean.apparatus import Apparatus, cut_apparatus, cut_apparatus_lines
from speechtopics.clean.document import clean_text
from speechtopics.clean.outline import tag_sections
from speechtopics.clean.paragraphs import is_run_on, split_run_on

S = "我们要坚持稳中求进工作总基调，扎实做好各项工作，确保经济社会持续健康发展。"  # 36 characters
BODY = S * 5


def _paras(text, **meta):
    return [p["text"] for p in clean_text(text, **meta)["paragraphs"]]


def test_full_width_indentation_splits_a_one_line_text():
    text = "\u3000\u3000同志们：\u3000\u3000" + "\u3000\u3000".join([BODY] * 6) + "\u3000\u3000谢谢大家！"
    paras = _paras(text)
    assert paras[0] == "同志们：" and paras[-1] == "谢谢大家！" and len(paras) == 8


def test_spaces_between_sentences_split_but_not_inside_a_title():
    text = "构建新发展格局\u3000实现互利共赢  " + "  ".join([BODY] * 4)
    out = split_run_on(text)
    assert out.split("\n")[0] == "构建新发展格局\u3000实现互利共赢"  # one ideographic space is not a break
    assert out.count("\n") == 4


def test_a_short_one_line_text_is_split_at_its_indentation():
    assert split_run_on("\u3000\u3000同志们：\u3000\u3000" + S + "\u3000\u3000谢谢大家！") == f"同志们：\n{S}\n谢谢大家！"


def test_single_spaces_after_sentence_ends_split_an_export_that_has_no_other_marks():
    text = "同志们： " + " ".join([BODY] * 6) + " 谢谢大家！"
    lines = split_run_on(text).split("\n")
    assert lines[0] == "同志们：" and lines[-1] == "谢谢大家！" and len(lines) == 8
    spaced = split_run_on("今天开会。 GDP 增长 5%。 谢谢！")
    assert spaced.split("\n") == ["今天开会。 GDP 增长 5%。", "谢谢！"]  # no break before Latin or figures


def test_a_rare_single_space_is_not_a_paragraph_mark():
    # one photo credit in a long one-line text: the space is the credit's, the text stays one piece
    text = BODY * 4 + "习近平在县里考察。 新华社记者 某某/摄" + BODY * 4
    assert "\n" not in split_run_on(text, min_chars=10_000)
    indented = "\u3000\u3000" + BODY * 3 + "。 " + BODY * 3 + "\u3000\u3000" + BODY * 3
    pieces = [p for p in split_run_on(indented).split("\n") if p]
    assert len(pieces) == 2  # the indentation splits; one space in 1,600 characters does not


def test_structure_splits_a_text_with_no_marks_at_all():
    text = ("在全县工作会议上的讲话（2020年3月5日）主席先生，各位同事：" + BODY + "第一，抓项目。" + BODY
            + "第二，抓改革。" + BODY + "——面对疫情，我们要团结。" + BODY + "主席先生！" + BODY)
    lines = split_run_on(text).split("\n")
    assert lines[0] == "在全县工作会议上的讲话（2020年3月5日）"
    assert lines[1] == "主席先生，各位同事："
    assert [ln[:3] for ln in lines[2:]] == [S[:3], "第一，", "第二，", "——面", "主席先"]


def test_texts_with_their_lines_are_left_alone():
    page = "\n".join(["同志们：", BODY + "\u3000\u3000" + BODY, "第一，" + BODY, "谢谢大家！"] * 3)
    assert not is_run_on(page)
    assert split_run_on(page) == page
    assert not is_run_on("短文本\u3000\u3000短文本")


def test_apparatus_is_cut_as_spans_and_the_rest_of_the_line_stays():
    line = ("同志们，让我们共同奋斗！（新华社北京9月3日电）《 人民日报 》（ 2020年09月04日 02 版）")
    pieces, spans = cut_apparatus(line)
    assert pieces == ["同志们，让我们共同奋斗！"]
    assert [s.reason for s in spans] == ["publication lead", "page line"]
    pieces, spans = cut_apparatus("新华社北京5月18日电国家主席习近平5月17日给北京科技大学留学生回信。")
    assert pieces == ["国家主席习近平5月17日给北京科技大学留学生回信。"]
    assert cut_apparatus(S) == ([S], [])


def test_photo_captions_and_notes_are_cut_between_paragraphs():
    line = (S + "2020年3月6日，习近平在北京出席座谈会并发表重要讲话。这是座谈会现场。 新华社记者 鞠鹏/摄第一，" + S
            + "※ 这是习近平总书记2020年2月讲话的节选。")
    lines, spans = cut_apparatus_lines([line])
    assert lines == [S, "第一，" + S]
    assert [s.reason for s in spans] == ["photo caption", "note"]
    # a sentence about a reporter is speech
    assert cut_apparatus("新华社记者在一线采访，报道了全县的经验。")[1] == []


def test_a_one_line_republished_speech_is_kept_whole():
    """The all_data.csv case: paragraphs joined by 　　 and a closing dateline and page line."""
    text = ("\u3000\u3000回信全体留学生：\u3000\u3000你们好！来信收悉。" + BODY + "\u3000\u3000" + BODY
            + "\u3000\u3000中华人民共和国主席习近平\u3000\u30002020年5月17日\u3000\u3000（新华社北京5月18日电）"
            "\u3000\u3000新华社北京5月18日电国家主席习近平5月17日给留学生回信。" + BODY
            + "\u3000\u3000《 人民日报 》（ 2020年05月19日 01 版）")
    rec = clean_text(text)
    paras = [p["text"] for p in rec["paragraphs"]]
    assert rec["status"] == "kept" and len(paras) >= 4
    assert not any("新华社" in p or "人民日报" in p for p in paras)
    assert any(p.startswith("国家主席习近平5月17日") for p in paras)
    assert {"publication lead", "page line"} <= {r for d in rec["dropped_lines"] for r in d["reasons"]}


def test_numbered_questions_open_a_level_above_first_second():
    paths = tag_sections(["第一个问题：认识进展", "第一，成绩", "第二，发展", "第二个问题：把握挑战", "第一，任务"])
    assert paths == ["第一个问题", "第一个问题/第一", "第一个问题/第二", "第二个问题", "第二个问题/第一"]


def test_quoted_formulas_survive_cleaning_and_are_found():
    """Formulas written as separate quoted pieces, or opening a longer quoted slogan, are found."""
    from speechtopics.segment.formulas import find_formulas

    text = ("\u3000\u3000同志们：\u3000\u3000" + BODY + "要以“六个冲在前列交好答卷”的要求，扎实做好“六稳”“六保”工作。"
            + "\u3000\u3000" + BODY)
    found = find_formulas(clean_text(text)["text"])
    assert found == ["六个冲在前列", "六稳", "六保"]
    assert find_formulas("“六稳”、“六保”") == ["六稳", "六保"]


def test_paper_datelines_editor_notes_and_long_agency_parentheticals_are_cut():
    pieces, spans = cut_apparatus("本报北京8月17日电（记者张洋、易舒冉）中华全国青年联合会第十三届委员会全体会议开幕。")
    assert pieces == ["中华全国青年联合会第十三届委员会全体会议开幕。"]
    line = "党和人民感谢你们！（据新华社合肥8月21日电习近平在安徽考察时强调坚持改革开放坚持高质量发展）（回信全文另发）"
    pieces, spans = cut_apparatus(line)
    assert pieces == ["党和人民感谢你们！"] and [s.reason for s in spans] == ["publication lead", "note"]


def test_a_name_joined_by_an_em_dash_stays_in_the_title():
    from speechtopics.clean.metadata import clean_title

    title = "在第十七届中国—东盟博览会开幕式上的致辞"
    assert clean_title(title) == title
    assert clean_title("共抗疫情——在巴黎和平论坛的致辞") == "在巴黎和平论坛的致辞"
    assert clean_title("在全县大会上的讲话 — 某某网") == "在全县大会上的讲话"


def test_a_speakers_name_run_into_the_text_after_a_dated_title_is_its_own_line():
    text = "在全县工作会议上的讲话（2018年2月12日）王小明党的十八大以后，" + BODY * 4
    lines = split_run_on(text).split("\n")
    assert lines[:2] == ["在全县工作会议上的讲话（2018年2月12日）", "王小明"]
    assert lines[2].startswith("党的十八大以后")
    office = "在峰会上的致辞（2020年9月4日，北京）中华人民共和国主席 习近平尊敬的各国领导人：" + BODY * 4
    assert split_run_on(office).split("\n")[1:3] == ["中华人民共和国主席 习近平", "尊敬的各国领导人："]
    short = "在常委会会议上的讲话（2020年2月3日）习近平\u3000\u3000" + BODY * 4
    assert split_run_on(short).split("\n")[:2] == ["在常委会会议上的讲话（2020年2月3日）", "习近平"]
    # the body itself does not begin with a name: nothing is taken from it
    plain = "在全县工作会议上的讲话（2018年2月12日）党的十八大以后，" + BODY * 4
    assert split_run_on(plain).split("\n")[1].startswith("党的十八大以后")
    # the name leaves the body of the cleaned document
    assert not _paras(text)[0].startswith("王小明")


def test_single_spaces_split_an_export_even_where_a_byline_has_a_double_space():
    text = "主席  习近平 同志们： " + " ".join([BODY] * 6) + " 谢谢大家！"
    lines = split_run_on(text).split("\n")
    assert lines[-1] == "谢谢大家！" and lines.count(BODY) == 6


def test_a_republications_original_headline_is_apparatus():
    assert cut_apparatus("谢谢大家。(原标题：习近平在上合峰会讲话：弘扬上海精神促进共同发展)")[0] == ["谢谢大家。"]
    pieces, spans = cut_apparatus("原标题：习近平：在第三届世界互联网大会开幕式上的视频讲话")
    assert pieces == [] and spans[0].reason == "note"
    assert cut_apparatus("这篇报道的原标题更长。")[0] == ["这篇报道的原标题更长。"]


def test_a_credit_split_onto_its_own_line_takes_its_caption_with_it():
    lines = ["我们要把全面从严治党要求真正落到实处。2019年5月20日至22日，习近平在江西考察。这是习近平来到农户家看望慰问。",
             "新华社记者 鞠鹏/摄同志们！我们党是一个大党。"]
    kept, cut = cut_apparatus_lines(lines)
    assert kept == ["我们要把全面从严治党要求真正落到实处。", "同志们！我们党是一个大党。"]
    assert [a.reason for a in cut] == ["photo caption"] and cut[0].text.startswith("2019年5月20日至22日")


def test_a_run_on_regulation_is_cut_at_its_articles_and_items_after_a_bracket():
    law = "第一条为了规范社会保险费征缴，制定本条例。第二条基本养老保险费的征收范围包括国有企业。" * 15
    assert split_run_on(law).split("\n")[:3] == ["第一条为了规范社会保险费征缴，制定本条例。",
                                                "第二条基本养老保险费的征收范围包括国有企业。",
                                                "第一条为了规范社会保险费征缴，制定本条例。"]
    items = "（一）加强就业服务。（人社部门负责）（二）创造就业岗位。（发改委负责）二、强化保障措施。" * 12
    assert split_run_on(items).split("\n")[:3] == ["（一）加强就业服务。（人社部门负责）",
                                                  "（二）创造就业岗位。（发改委负责）", "二、强化保障措施。"]


def test_an_official_document_s_number_and_notes_are_apparatus_a_cited_number_is_not():
    kept, cut = cut_apparatus("冀人社发〔2024〕23号各市（含定州、辛集市）人力资源社会保障局：")
    assert kept == ["各市（含定州、辛集市）人力资源社会保障局："] and cut[0].reason == "document number"
    kept, cut = cut_apparatus("请认真贯彻落实。（此件主动公开）（联系单位：省人社厅就业处）")
    assert kept == ["请认真贯彻落实。"] and [a.reason for a in cut] == ["document note", "document note"]
    cited = "根据《国务院关于做好就业工作的通知》（国发〔2020〕12号）要求，现印发。"
    assert cut_apparatus(cited) == ([cited], [])


def test_a_line_of_caption_sentences_closed_by_a_credit_is_cut_whole_and_a_speech_keeps_its_sentences():
    caption = "新年前夕，国家主席习近平通过中国国际广播电台、中央人民广播电台、中央电视台发表二〇一五年新年贺词。新华社记者 鞠鹏 摄"
    assert cut_apparatus(caption) == ([], [Apparatus(caption, "photo caption")])
    speech = "同志们，今年的工作很重要。我们要抓好落实。各级干部要担当作为。我们一定能够完成任务。"
    pieces, spans = cut_apparatus(speech + "新华社记者李涛摄")  # four sentences: not a caption line
    assert pieces == [speech] and [s.text for s in spans] == ["新华社记者李涛摄"]


def test_the_byline_under_a_republished_speechs_title_is_a_header_and_a_second_clean_changes_nothing(tmp_path):
    import speechtopics as st

    body = ["尊敬的各位来宾，女士们，先生们，朋友们：", "今天，我们相聚在这里，共同探讨互联网发展和治理的重大问题。" * 3,
            "互联网是人类的共同家园。让这个家园更美丽、更干净、更安全，是国际社会的共同责任。" * 3, "谢谢大家。"]
    head = ["习近平在第二届世界互联网大会开幕式上的讲话（全文）", "发表时间：2015-12-16　　　来源：新华社", "",
            "    12月16日，第二届世界互联网大会在浙江省乌镇开幕。国家主席习近平出席开幕式并发表主旨演讲。", "",
            "新华社杭州12月16日电", "", "在第二届世界互联网大会开幕式上的讲话", "", "（2015年12月16日，乌镇）", "",
            "中华人民共和国主席  习近平", ""]
    path = tmp_path / "2015-12-16_在第二届世界互联网大会开幕式上的讲话.txt"
    path.write_text("\n".join(head + body), encoding="utf-8")
    first = [p["text"] for p in st.read_corpus(path).records[0]["paragraphs"]]
    assert first[0] == body[0] and not any("习近平" in p for p in first)
    again = tmp_path / "again" / path.name
    again.parent.mkdir()
    again.write_text("\n".join(first), encoding="utf-8")
    assert [p["text"] for p in st.read_corpus(again).records[0]["paragraphs"]] == first


def test_a_leaders_name_alone_under_a_repeated_title_is_a_byline_and_the_same_line_further_down_is_text(tmp_path):
    import speechtopics as st

    title = "在纪念陈云同志诞辰110周年座谈会上的讲话"
    body = ["同志们，朋友们：", "今天，我们在这里隆重集会，纪念陈云同志诞辰110周年。" * 3, "习近平",
            "我们要坚定信心，开拓进取。" * 3]
    head = ["习近平在纪念陈云同志诞辰110周年座谈会上的讲话", "发表时间：2015-06-13　　　来源：新华社", "",
            "    6月12日，中共中央在北京人民大会堂举行座谈会，纪念陈云同志诞辰110周年。", "",
            "新华社北京6月12日电", "", title, "", "（2015年6月12日）", "", "习近平 ", ""]
    path = tmp_path / f"2015-06-12_{title}.txt"
    path.write_text("\n".join(head + body), encoding="utf-8")
    paragraphs = [p["text"] for p in st.read_corpus(path).records[0]["paragraphs"]]
    assert paragraphs[0] == body[0] and paragraphs.count("习近平") == 1  # the body's own line stays
