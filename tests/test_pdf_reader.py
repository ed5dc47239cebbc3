"""Text PDFs as offices write them: the layout (indents, pieces of a line, page breaks) read from positions."""

from pathlib import Path

import pytest

import speechtopics as st
from speechtopics.pdf_reader import drop_running_lines

PARAGRAPHS = ["同志们，今天我们召开全县经济工作会议，主要任务是总结去年工作，分析当前形势，部署今年的任务。各位同志要认真落实。"
              "会议材料大家都看了，要抓紧抓实。",
              "过去一年，全县上下攻坚克难，县域经济实力持续增强，全年地区生产总值增长百分之六，群众获得感不断增强。"
              "各项事业取得新进展，为今年工作打下了坚实基础，也积累了宝贵经验。",
              "今年要重点抓好三个方面的工作：一是扩大有效投资；二是培育新兴产业；三是保障和改善民生。各乡镇各部门要主动作为。"]


def _lines(text: str, first: int) -> list[str]:
    """``text`` cut into printed lines of 24 characters, the first ``first`` shorter (its indent)."""
    out, start = [text[:24 - first]], 24 - first
    while start < len(text):
        out.append(text[start:start + 24])
        start += 24
    return out


def _write(path: Path, pages: list[list[tuple[float, float, str]]]) -> None:
    """A PDF of A4 pages, each ``(x, y, text)`` in points from the bottom left, 16 pt, in the given order."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.backends.backend_pdf import PdfPages

    from speechtopics.report import style  # noqa: F401  (the bundled CJK font)

    # whole A4 pages as offices write them, not cropped to their text (the report style crops figures)
    with matplotlib.rc_context({"savefig.bbox": "standard"}), PdfPages(path, metadata={"CreationDate": None}) as pdf:
        for page in pages:
            fig = plt.figure(figsize=(595 / 72, 842 / 72))
            for x, y, text in page:
                fig.text(x / 595, y / 842, text, fontsize=16)
            pdf.savefig(fig)
            plt.close(fig)


def _layout(paragraphs: list[str], per_page: int) -> list[list[tuple[float, float, str]]]:
    """Word's layout: a first-line indent of two characters as a position (no characters), 28.9 pt
    between lines (公文 spacing: each line a text box of its own for pdfminer), page numbers — n —."""
    lines = [(80.0 + (32 if j == 0 else 0), text) for para in paragraphs
             for j, text in enumerate(_lines(para, 2))]
    pages = []
    for n, start in enumerate(range(0, len(lines), per_page), 1):
        body = [(x, 770 - 28.9 * i, text) for i, (x, text) in enumerate(lines[start:start + per_page])]
        pages.append(body + [(280.0, 40.0, f"— {n} —")])
    return pages


def test_a_word_first_line_indent_starts_paragraphs_and_nothing_else_does(tmp_path: Path):
    """A full line that ends a sentence, or the last on a page, does not end its paragraph when the
    paragraphs are indented by position: each line in a box of its own is no paragraph."""
    paragraphs = PARAGRAPHS
    assert any(line.endswith("。") and len(line) == 24 for p in paragraphs for line in _lines(p, 2)[:-1])
    _write(tmp_path / "speech.pdf", _layout(paragraphs, per_page=4))  # page 1 ends inside paragraph 2
    text = st.read_corpus(tmp_path / "speech.pdf").records[0]["text"]
    assert text.split("\n") == paragraphs


def test_pieces_of_a_line_drawn_out_of_order_are_one_line(tmp_path: Path):
    """A text layer that draws each line's second half first (and the page bottom up) reads as printed."""
    pages = _layout(PARAGRAPHS, per_page=30)
    shuffled = []
    for x, y, text in reversed(pages[0]):
        if len(text) > 8:
            shuffled += [(x + 16 * 8, y, text[8:]), (x, y, text[:8])]
        else:
            shuffled.append((x, y, text))
    _write(tmp_path / "speech.pdf", [shuffled])
    text = st.read_corpus(tmp_path / "speech.pdf").records[0]["text"]
    assert text.split("\n") == PARAGRAPHS


def test_unindented_paragraphs_without_gaps_end_at_a_line_ending_a_sentence():
    from speechtopics.pdf_reader import pdf_paragraphs

    lines = ["过去一年，全县上下攻坚克难，县域经济实力持续增强，各项事业取得新进展。",
             "今年要重点抓好三个方面的工作：一是扩大有效投资；二是培育新兴产业；三",
             "是保障和改善民生。"]
    assert pdf_paragraphs("\n".join(lines)).split("\n") == [lines[0], lines[1] + lines[2]]


@pytest.mark.parametrize("rule", ["——————", "________"])
def test_a_footnote_rule_typed_as_dashes_goes_with_its_notes(rule: str):
    from speechtopics.pdf_reader import drop_footnotes

    page = ["全县经济发展①取得新进展，要继续", rule, "① 数据来源：县统计局。", "— 3 —"]
    assert drop_footnotes(page) == ["全县经济发展①取得新进展，要继续"]


def _gap_pages(footer: bool) -> tuple[list[str], list[list[tuple[float, float, str]]]]:
    """Paragraphs set off by a gap (no indent), their lines full but the last: page 1 breaks inside a
    paragraph after a full line that ends a sentence, page 2 ends a paragraph with a full line at its
    foot and stops short (the gap and the next line would not fit), page 3 goes on; page numbers
    — n — when ``footer``."""
    going_on = "各乡镇各部门要主动作为，加强统筹协调，形成合力，确保各项任务落到实处，让群众有更多获得感幸福感。明年我们还要继续努力。"
    ending = "全县上下要坚定信心，攻坚克难，推动经济高质量发展，以优异成绩向全县人民交上一份满意答卷，为建设美好家园作出新的更大贡献，让全县人民生活更加美好。"
    paragraphs = [PARAGRAPHS[0], going_on, ending, PARAGRAPHS[2]]
    assert _lines(going_on, 0)[1].endswith("。") and len(_lines(ending, 0)[-1]) == 24
    pitch, gap = 28.9, 20.0

    def place(lines: list[str], top: float) -> list[tuple[float, float, str]]:
        return [(80.0, top - pitch * i, line) for i, line in enumerate(lines)]

    first, second = _lines(paragraphs[0], 0), _lines(going_on, 0)
    page1 = place(first, 770) + place(second[:2], 770 - len(first) * pitch - gap)
    page2 = place(second[2:], 770) + place(_lines(ending, 0), 770 - len(second[2:]) * pitch - gap)
    pages = [page1, page2, place(_lines(paragraphs[3], 0), 770)]
    assert min(y for _, y, _ in page2) - min(y for _, y, _ in page1) > pitch / 2  # page 2 stops short
    if footer:
        pages = [page + [(280.0, 40.0, f"— {n} —")] for n, page in enumerate(pages, 1)]
    return paragraphs, pages


@pytest.mark.parametrize("footer", [False, True])
def test_gap_separated_paragraphs_end_at_a_page_that_stops_short_and_go_on_over_a_full_one(tmp_path: Path, footer):
    """Where a gap, not an indent, sets paragraphs apart, a page whose text stops clearly above the
    pages' usual foot ends its paragraph there; a full page, or the gap above a page number, does not."""
    paragraphs, pages = _gap_pages(footer)
    _write(tmp_path / "speech.pdf", pages)
    text = st.read_corpus(tmp_path / "speech.pdf").records[0]["text"]
    assert text.split("\n") == paragraphs


def test_a_running_line_goes_with_the_gap_that_sets_it_off():
    from speechtopics.pdf_reader import drop_running_lines

    pages = [["中央文献出版社", "", "正文一，", "", "— 1 —"], ["中央文献出版社", "", "正文二。", "", "— 2 —", ""]]
    assert drop_running_lines(pages) == [["正文一，"], ["正文二。", ""]]



def test_a_running_head_read_after_a_pages_first_body_line_is_left_out():
    """pdfminer can read a centred head after the page's first body line (a scraped county PDF: 县信访局
    in the text of one page of four); it is left out as on the other pages, while a chapter's title
    under a book's running head stays."""
    pages = [["县信访局", "正文一，", "— 1 —"], ["正文二，", "县信访局", "正文三。", "— 2 —"],
             ["县信访局", "正文四。", "— 3 —"]]
    assert drop_running_lines(pages) == [["正文一，"], ["正文二，", "正文三。"], ["正文四。"]]
    book = [["习近平谈治国理政", "在某大学的演讲", "正文一。"], ["在某大学的演讲", "正文二。"], ["习近平谈治国理政", "正文三。"]]
    assert drop_running_lines(book)[0] == ["在某大学的演讲", "正文一。"]


def test_a_web_page_saved_as_pdf_is_a_ledger_row_saying_so(tmp_path: Path):
    (tmp_path / "讲话.pdf").write_bytes(b"<html><body>404 Not Found</body></html>")
    (tmp_path / "坏.pdf").write_bytes(b"\x00\x01binary junk")
    _write(tmp_path / "好.pdf", _layout(PARAGRAPHS, 9))
    ledger = st.read_corpus(tmp_path).ledger.set_index("source")["reason"]
    assert ledger.filter(like="讲话.pdf").iloc[0] == ("cannot read pdf: not a PDF: the file holds a web page "
                                                     "(a download that failed?)")
    assert "not a PDF" in ledger.filter(like="坏.pdf").iloc[0]


def test_a_number_cut_at_a_lines_end_is_one_number_and_a_row_of_figures_keeps_its_spaces(tmp_path: Path):
    """Office PDFs wrap lines at any character: 达到1 / 09万人 is 109万人, not '1 09万人', while figures
    set apart by spaces (… 2014 / 2015 …) and Latin words across a line end keep their space."""
    cut = "今年全县外出务工返乡自主创业的人员累计达到" + "109万人，比上年增加一成，创业带动就业效果明显。"
    row = "全县生产总值连续三年增长，依次为" + " 2014 2015 2016，数据来自县统计局。"
    words = "会议邀请开发计划署的专家 Belt and Road 合作项目负责人参加。"
    paragraphs = [cut, row, words]
    # the first printed line holds 22 characters: it ends inside 109, after 2014 , after and
    assert [_lines(p, 2)[0][-2:] for p in paragraphs] == ["到1", "4 ", "d "]
    _write(tmp_path / "speech.pdf", _layout(paragraphs, per_page=9))
    text = st.read_corpus(tmp_path / "speech.pdf").records[0]["text"]
    assert text.split("\n") == paragraphs
