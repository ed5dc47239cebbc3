"""Word documents whose paragraphs are printed lines (text copied from a PDF) joined back; others as written."""

from pathlib import Path

import docx

import speechtopics as st

NOTICE = ["关于进一步做好家禽业扶持工作的通知",
          "各省、自治区、直辖市党委和人民政府，中央和国家机关各部委，解放军各大单位、中央军委机关各部门，各人民团体：",
          "《关于进一步做好家禽业扶持工作的若干意见》已经中央领导同志同意，现印发给你们，请结合实际认真贯彻落实。",
          "为稳定家禽生产，保障市场供应，促进农民增收，各地区各部门要加大扶持力度，落实好各项政策措施，"
          "确保家禽业健康发展。各地要加强组织领导，明确责任分工，抓好督促检查。",
          "2016年10月22日"]


def _printed(paragraphs: list[str], chars: int = 28) -> list[str]:
    """Each paragraph cut into printed lines of ``chars`` characters, the first indented by two (as
    Word keeps text pasted from a PDF: every line a paragraph of its own)."""
    out = []
    for text in paragraphs:
        out.append("\u3000\u3000" + text[:chars - 2])
        out += [text[i:i + chars] for i in range(chars - 2, len(text), chars)]
    return out


def _save(path: Path, paragraphs: list[str], table: list[str] | None = None) -> Path:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        cells = document.add_table(rows=1, cols=len(table)).rows[0].cells
        for cell, text in zip(cells, table):
            cell.text = text
    document.save(path)
    return path


def test_a_document_of_printed_lines_is_joined_back_into_paragraphs(tmp_path: Path):
    lines = [NOTICE[0]] + _printed(NOTICE[1:])
    assert len(lines) > len(NOTICE) + 3
    path = _save(tmp_path / "notice.docx", lines, table=["序号", "项目"])
    text = st.read_corpus(path).records[0]["original_text"]
    assert text.split("\n") == NOTICE + ["序号\t项目"]


def test_paragraphs_written_in_word_are_kept_as_written(tmp_path: Path):
    """An outline whose items are as long as each other and end in a comma, and paragraphs of that
    length that end their sentences, are paragraphs (indented by Word's format, not by characters):
    nothing is joined."""
    from speechtopics.docx_reader import printed_lines

    outline = ["一、加强组织领导，压实工作责任，", "二、强化政策支持，加大资金投入，", "三、优化营商环境，提升服务水平，",
               "四、严格督促检查，注重工作实效，", "五、广泛宣传引导，营造良好氛围，", "六、健全长效机制，巩固工作成果，"]
    even = ["各地要加强组织领导，抓好督促检查。", "各部门要加大扶持力度，务求实效。", "各单位要稳定生产，保障市场供应。"]
    paragraphs = NOTICE[1:2] + outline + even
    assert printed_lines([p[2:] if p in outline else p for p in paragraphs])  # but for their numbers
    path = _save(tmp_path / "speech.docx", paragraphs)
    assert st.read_corpus(path).records[0]["original_text"].split("\n") == paragraphs


SPEECH = ["同志们：", "今天召开全县经济工作会议，主要任务是总结去年工作，分析当前形势，部署今年的任务。",
          "过去一年，全县上下攻坚克难，县域经济实力持续增强，各项事业取得新进展。",
          "今年要重点抓好三个方面的工作：一是扩大有效投资；二是培育新兴产业；三是保障和改善民生。"]


def test_an_editors_note_that_the_text_was_transcribed_is_left_out_with_its_reason(tmp_path: Path):
    """注：本文根据录音整理，未经本人审阅。 under a speech, and （根据录音整理） after its last sentence, are the
    editor's words, not the speaker's: each is named in dropped_lines, and the paragraph keeps its speech."""
    editor = "注：本文根据录音整理，未经本人审阅。"
    paragraphs = ["在全县经济工作会议上的讲话", *SPEECH[:-1], SPEECH[-1] + "（根据录音整理）", editor]
    record = st.read_corpus(_save(tmp_path / "speech.docx", paragraphs)).records[0]
    assert [p["text"] for p in record["paragraphs"]] == SPEECH
    reasons = {d["text"]: d["reasons"] for d in record["dropped_lines"]}
    assert reasons[editor] == reasons["（根据录音整理）"] == ["editor's note"]


def test_notes_below_a_typed_rule_at_the_end_are_left_out_with_their_reason(tmp_path: Path):
    """A speech typed in Word ends with its notes below a rule of dashes (——————, [1] 参见《…》), as a
    PDF's page does: the notes are named in dropped_lines."""
    notes = ["[1] 参见《中共中央关于全面深化改革若干重大问题的决定》，人民出版社2013年版。",
             "［2］ 习近平：《在全国组织工作会议上的讲话》，2013年6月28日。"]
    paragraphs = ["在全县经济工作会议上的讲话", *SPEECH, "——————————", *notes]
    record = st.read_corpus(_save(tmp_path / "speech.docx", paragraphs)).records[0]
    assert [p["text"] for p in record["paragraphs"]] == SPEECH
    reasons = {d["text"]: d["reasons"] for d in record["dropped_lines"]}
    assert [reasons.get(n) for n in notes] == [["note below a footnote rule"]] * 2


def test_speech_after_a_typed_rule_is_kept_with_the_lines_between(tmp_path: Path):
    """A rule of dashes inside the speech sets off a part: what follows is no note unless every line after it
    opens with a note mark."""
    later = "①加强组织领导，压实工作责任，确保各项任务落到实处。"
    paragraphs = ["在全县经济工作会议上的讲话", *SPEECH[:2], "——————————", later, *SPEECH[2:]]
    record = st.read_corpus(_save(tmp_path / "speech.docx", paragraphs)).records[0]
    assert [p["text"] for p in record["paragraphs"]] == [*SPEECH[:2], later, *SPEECH[2:]]


def test_a_paragraph_split_or_broken_inside_a_sentence_is_joined(tmp_path: Path):
    """Office staff split a paragraph after a comma (Enter) or break its line (Shift+Enter): each half
    was a paragraph of its own (114 paragraphs for a speech of 73). A signature under a sentence, a
    numbered heading and an outline item are not joined."""
    first = "党的十八大以来，我们党着眼于新的形势任务，"
    rest = "把全面从严治党纳入“四个全面”战略布局，党风廉政建设和反腐败斗争取得新的重大成效。"
    document = docx.Document()
    document.add_paragraph()  # an empty paragraph (a red-head document's rule) reads as an empty line
    document.add_paragraph("一、党风廉政建设和反腐败斗争取得新的重大成效")
    document.add_paragraph(first)
    document.add_paragraph(rest)
    run = document.add_paragraph().add_run("各级党组织要担负起全面从严治党主体责任，切实把管党治党的政")  # a printed line
    run.add_break()
    run.add_text("治责任扛在肩上，层层传导压力。")
    document.add_paragraph("以上意见，请各乡镇各部门结合实际认真贯彻落实，")
    document.add_paragraph("二、坚定不移推进全面从严治党")
    document.add_paragraph(NOTICE[-2])
    document.add_paragraph("××县人民政府办公室")
    document.save(tmp_path / "speech.docx")
    text = st.read_corpus(tmp_path / "speech.docx").records[0]["original_text"]
    assert text.split("\n") == ["", "一、党风廉政建设和反腐败斗争取得新的重大成效", first + rest,
                                "各级党组织要担负起全面从严治党主体责任，切实把管党治党的政治责任扛在肩上，层层传导压力。",
                                "以上意见，请各乡镇各部门结合实际认真贯彻落实，", "二、坚定不移推进全面从严治党",
                                NOTICE[-2], "××县人民政府办公室"]


def test_a_footnote_mark_typed_by_hand_is_left_out(tmp_path: Path):
    """A footnote reference with a custom mark (①, typed in the reference's run) stayed in the text
    after its sentence, where Word's own numbered marks leave nothing."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    p = document.add_paragraph("全面从严治党永远在路上")
    p._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:footnoteReference w:customMarkFollows="1" w:id="1"/>'
                          '<w:t>①</w:t></w:r>'))
    p._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:footnoteReference w:id="2"/></w:r>'))
    p.add_run("，各级党组织要担负起主体责任。")
    document.save(tmp_path / "speech.docx")
    from speechtopics.docx_reader import docx_text

    assert docx_text((tmp_path / "speech.docx").read_bytes()) == "全面从严治党永远在路上，各级党组织要担负起主体责任。"
