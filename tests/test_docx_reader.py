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
