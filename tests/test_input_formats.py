"""Every input shape researchers have: Excel (Chinese headers, Chinese dates), Word, text PDFs (and
scans, left out with the reason), zip and gzip archives; a field that does not exist is an error that
names the fields there are."""

from __future__ import annotations

import gzip
import warnings
import zipfile
from pathlib import Path

import pandas as pd
import pytest

import speechtopics as st
from speechtopics.ingest import InputSource, read_path
from speechtopics.records import FieldError

SPEECH = ("同志们：今天我们召开全县经济工作会议，总结过去一年的工作，部署今年的任务。过去一年，全县经济发展稳中向好，"
          "招商引资和项目建设取得新成效，乡村振兴扎实推进，生态环境持续改善，民生保障不断加强。")


def excel(path: Path) -> Path:
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        pd.DataFrame({"标题": ["在全县经济工作会议上的讲话", "在全县农村工作会议上的讲话"],
                      "日期": ["2025年12月31日", "2024年1月5日"],
                      "正文": [SPEECH, SPEECH.replace("经济", "农村")]}).to_excel(writer, sheet_name="讲话", index=False)
        pd.DataFrame({"说明": ["本表由县政府办公室整理"]}).to_excel(writer, sheet_name="说明", index=False)
    return path


def test_excel_with_chinese_headers_and_dates(tmp_path: Path):
    corpus = st.read_corpus(excel(tmp_path / "speeches.xlsx"), text="正文", title="标题", date="日期")
    docs = corpus.documents
    kept = docs[docs["status"] == "kept"].sort_values("date")
    assert kept["date"].tolist() == ["2024-01-05", "2025-12-31"]
    assert set(kept["title"]) == {"在全县经济工作会议上的讲话", "在全县农村工作会议上的讲话"}
    sheet_rows = corpus.ledger[corpus.ledger["source"].str.endswith("#说明")]
    assert sheet_rows["reason"].str.contains("no text column").all() and len(sheet_rows) == 1


def test_excel_table_below_a_title_row_is_read_from_its_header(tmp_path: Path):
    # published spreadsheets often carry a title (and a blank row) above the table's header
    path = tmp_path / "titled.xlsx"
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        pd.DataFrame([["2025年全县讲话汇总", None, None], [None, None, None], ["标题", "日期", "正文"],
                      ["在全县经济工作会议上的讲话", "2025年12月31日", SPEECH],
                      ["在全县农村工作会议上的讲话", "2024年1月5日", SPEECH.replace("经济", "农村")]]
                     ).to_excel(writer, sheet_name="讲话", index=False, header=False)
    corpus = st.read_corpus(path, text="正文", title="标题", date="日期")
    kept = corpus.documents[corpus.documents["status"] == "kept"].sort_values("date")
    assert kept["date"].tolist() == ["2024-01-05", "2025-12-31"]
    sources = corpus.ledger.set_index("source")["reason"]
    assert sources[f"{path.name}#讲话!row1-2"] == "above the header (row 3): a title or note, not a document"
    assert {f"{path.name}#讲话!row4", f"{path.name}#讲话!row5"} <= set(sources.index)  # rows numbered as in the sheet
    with pytest.raises(FieldError, match=r"no text column 'text'"):
        st.read_corpus(path, title="标题")


@pytest.mark.parametrize("name, sep", [("titled.csv", ","), ("titled.tsv", "\t")])
def test_delimited_table_below_a_title_line_is_read_from_its_header(tmp_path: Path, name: str, sep: str):
    lines = ["2025年全县讲话汇总" + sep * 2, "", sep.join(["标题", "日期", "正文"]),
             sep.join(["在全县经济工作会议上的讲话", "2025年12月31日", SPEECH]),
             sep.join(["在全县农村工作会议上的讲话", "2024年1月5日", SPEECH.replace("经济", "农村")])]
    (tmp_path / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "新建文件夹").mkdir()
    with warnings.catch_warnings(record=True) as caught:  # a title row and an empty folder lose nothing
        warnings.simplefilter("always")
        corpus = st.read_corpus(tmp_path / name, text="正文", title="标题", date="日期")
    assert not [w for w in caught if "left out" in str(w.message)]
    kept = corpus.documents[corpus.documents["status"] == "kept"].sort_values("date")
    assert kept["date"].tolist() == ["2024-01-05", "2025-12-31"]
    reasons = corpus.ledger.set_index("source")["reason"]
    assert reasons[f"{name}#row1-2"] == "above the header (row 3): a title or note, not a document"
    assert {f"{name}#row4", f"{name}#row5"} <= set(reasons.index)
    with pytest.raises(FieldError, match=r"no text column 'text'"):
        st.read_corpus(tmp_path / name, title="标题")


def test_old_binary_excel_xls_is_read_like_xlsx(tmp_path: Path):
    # tests/data/speeches.xls was written with xlwt: one date typed as a date cell, one as text
    corpus = st.read_corpus(Path(__file__).parent / "data" / "speeches.xls", text="正文", title="标题", date="日期")
    kept = corpus.documents[corpus.documents["status"] == "kept"].sort_values("date")
    assert kept["date"].tolist() == ["2024-01-05", "2025-12-31"]
    assert corpus.ledger["source"].str.endswith("#说明").sum() == 1


def test_ods_spreadsheet_is_read_like_xlsx():
    # tests/data/speeches.ods was written by pandas with odfpy (one row, 标题/日期/正文)
    docs = st.read_corpus(Path(__file__).parent / "data" / "speeches.ods", text="正文", title="标题",
                          date="日期").documents
    assert docs["date"].tolist() == ["2025-12-31"]


def test_word_97_and_wps_files_are_left_out_with_what_to_do(tmp_path: Path):
    (tmp_path / "a.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    (tmp_path / "b.txt").write_text(SPEECH, encoding="utf-8")
    _, ledger = read_path(tmp_path)
    assert [r["reason"] for r in ledger] == ["unsupported file type .doc (save it as .docx)"]


def test_excel_named_sheet_and_missing_sheet(tmp_path: Path):
    path = excel(tmp_path / "speeches.xlsx")
    records, _ = read_path(path, InputSource(path=str(path), text_field="正文", sheet="讲话"))
    assert len(records) == 2 and all("#讲话!row" in r["source"] for r in records)
    with pytest.raises(FieldError, match=r"no sheet '讲 话' \(sheets: 讲话, 说明\)"):
        read_path(path, InputSource(path=str(path), text_field="正文", sheet="讲 话"))


@pytest.mark.parametrize("name, sep, encoding", [("speeches.tsv", "\t", "utf-8-sig"),
                                                 ("semicolons.csv", ";", "gb18030"),
                                                 ("tabs.csv", "\t", "utf-8")])
def test_delimited_tables_other_than_commas(tmp_path: Path, name: str, sep: str, encoding: str):
    frame = pd.DataFrame({"标题": ["在全县经济工作会议上的讲话", "在全县农村工作会议上的讲话"],
                          "日期": ["2025/12/31", "2024-01-05"], "正文": [SPEECH, SPEECH.replace("经济", "农村")]})
    frame.to_csv(tmp_path / name, sep=sep, index=False, encoding=encoding)
    docs = st.read_corpus(tmp_path / name, text="正文", title="标题", date="日期").documents
    assert sorted(docs.loc[docs["status"] == "kept", "date"]) == ["2024-01-05", "2025-12-31"]


def test_wrong_column_is_an_error_with_did_you_mean(tmp_path: Path):
    (tmp_path / "all_data.csv").write_text(f"Date,Text\n2020-01-18,{SPEECH}\n", encoding="utf-8")
    with pytest.raises(FieldError, match=r"no text column 'text' \(fields: Date, Text\); did you mean 'Text'\?"):
        st.read_corpus(tmp_path / "all_data.csv")
    with pytest.raises(FieldError, match="did you mean 'Date'"):
        st.read_corpus(tmp_path / "all_data.csv", text="Text", date="date")
    with pytest.raises(FieldError, match="no metadata column 'level'"):
        st.read_corpus(tmp_path / "all_data.csv", text="Text", meta=["level"])


def test_docx_and_text_pdf_are_read_scans_are_left_out_with_the_reason(tmp_path: Path):
    import docx
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from speechtopics.report import style  # noqa: F401  (the bundled CJK font for the PDF's text)

    document = docx.Document()
    cut = SPEECH.index("。") + 1  # at a sentence's end (a paragraph split inside a word is joined back)
    for para in (SPEECH[:cut], SPEECH[cut:]):
        document.add_paragraph(para)
    document.save(tmp_path / "speech.docx")
    fig = plt.figure(figsize=(8, 2))
    fig.text(0.02, 0.5, SPEECH[:40], fontsize=9)
    fig.savefig(tmp_path / "report.pdf")
    fig = plt.figure(figsize=(2, 2))
    plt.imshow([[0, 1], [1, 0]])
    plt.axis("off")
    fig.savefig(tmp_path / "scan.pdf")
    plt.close("all")
    records, ledger = read_path(tmp_path)
    by_name = {Path(r["source"]).name: r for r in records}
    assert by_name["speech.docx"]["text"].splitlines() == [SPEECH[:cut], SPEECH[cut:]]
    assert SPEECH[:20] in by_name["report.pdf"]["text"].replace("\n", "")
    (scan,) = [r for r in ledger if r["source"].endswith("scan.pdf")]
    assert "no text layer" in scan["reason"]


def test_zip_and_gzip_archives_read_as_folders(tmp_path: Path):
    with zipfile.ZipFile(tmp_path / "pages.zip", "w") as zf:
        zf.writestr("a/2021-03-01_讲话.txt", SPEECH)
        zf.writestr("b.csv", f"text,title\n{SPEECH},标题\n")
        zf.writestr("image.png", b"\x89PNG")
        zf.writestr("../evil.txt", SPEECH)
    (tmp_path / "rows.jsonl.gz").write_bytes(gzip.compress(f'{{"text": "{SPEECH}"}}\n'.encode()))
    records, ledger = read_path(tmp_path)
    sources = sorted(Path(r["source"].split("!")[0]).name + "!" + r["source"].split("!", 1)[1] for r in records)
    assert sources == ["pages.zip!a/2021-03-01_讲话.txt", "pages.zip!b.csv#row2", "pages.zip!evil.txt",
                       "rows.jsonl.gz!rows.jsonl#line1"]
    assert [r["reason"] for r in ledger] == ["unsupported file type .png"]
    dated = [r for r in records if r["source"].endswith(".txt") and "2021" in r["source"]][0]
    assert dated["meta"]["date"] == "2021-03-01"


def test_docx_reads_content_controls_insertions_and_tables_in_place(tmp_path: Path):
    """Word shows text inside a content control (w:sdt) and a tracked insertion; a merged cell once."""
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    import speechtopics as st

    paras = [f"第{n}段，全县上下要坚持稳中求进工作总基调，扎实推进乡村振兴和城乡融合发展，确保各项任务落到实处。"
             for n in "一二三四五"]
    document = docx.Document()
    document.add_paragraph(paras[0])
    table = document.add_table(rows=2, cols=3)
    merged = table.cell(0, 0).merge(table.cell(0, 2))
    merged.text = "全县主要经济指标"
    for j, cell in enumerate(table.rows[1].cells):
        cell.text = f"指标{j}"
    document.add_paragraph(paras[1])
    body = document.element.body
    body.insert(len(body) - 1, parse_xml(f'<w:sdt {nsdecls("w")}><w:sdtContent><w:p><w:r><w:t>{paras[2]}</w:t>'
                                         '</w:r></w:p></w:sdtContent></w:sdt>'))
    body.insert(len(body) - 1, parse_xml(f'<w:p {nsdecls("w")}><w:ins w:id="1" w:author="a"><w:r><w:t>{paras[3]}'
                                         '</w:t></w:r></w:ins><w:del w:id="2" w:author="a"><w:r><w:delText>删去的字'
                                         '</w:delText></w:r></w:del></w:p>'))
    document.add_paragraph(paras[4])
    document.save(tmp_path / "speech.docx")
    record = st.read_corpus(tmp_path / "speech.docx").records[0]
    text = record["original_text"]
    for p in paras:
        assert text.count(p) == 1, p
    assert text.count("全县主要经济指标") == 1 and "删去的字" not in text
    assert text.index(paras[0]) < text.index("全县主要经济指标") < text.index(paras[1])


def test_docx_text_box_once_on_its_own_line_and_a_tracked_move_once_where_it_went():
    """Word stores a text box twice (mc:Choice for Word, mc:Fallback for older readers), and a tracked
    move at both places (w:moveFrom, w:moveTo)."""
    import io

    import docx
    from docx.oxml import parse_xml

    from speechtopics.docx_reader import docx_text

    ns = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
          'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
          'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
          'xmlns:v="urn:schemas-microsoft-com:vml"')
    box, moved = "坚持以人民为中心的发展思想", "【被移动的一句话。】"
    document = docx.Document()
    document.add_paragraph("同志们：")
    body = document.element.body
    body.insert(1, parse_xml(
        f'<w:p {ns}><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:wsp><wps:txbx>'
        f'<w:txbxContent><w:p><w:r><w:t>{box}</w:t></w:r></w:p></w:txbxContent></wps:txbx></wps:wsp></w:drawing>'
        f'</mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r><w:t>{box}</w:t></w:r>'
        '</w:p></w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>'
        '<w:r><w:t>今年是全面建成小康社会的收官之年。</w:t></w:r></w:p>'))
    body.insert(2, parse_xml(f'<w:p {ns}><w:moveFrom w:id="3" w:author="a"><w:r><w:t>{moved}</w:t></w:r>'
                             '</w:moveFrom><w:r><w:t>第二段正文。</w:t></w:r></w:p>'))
    body.insert(3, parse_xml(f'<w:p {ns}><w:r><w:t>第三段正文。</w:t></w:r><w:moveTo w:id="4" w:author="a">'
                             f'<w:r><w:t>{moved}</w:t></w:r></w:moveTo></w:p>'))
    out = io.BytesIO()
    document.save(out)
    assert docx_text(out.getvalue()).split("\n") == [
        "同志们：", box, "今年是全面建成小康社会的收官之年。", "第二段正文。", f"第三段正文。{moved}"]


def test_a_quote_left_open_in_a_csv_cell_is_a_bad_row_not_rows_swallowed(tmp_path: Path):
    (tmp_path / "speeches.csv").write_text(
        "标题,日期,正文\n讲话0,2020-03-01,今天我们在这里隆重集会。\n"
        '讲话1,2020-03-02,"要坚持以人民为中心的发展思想。\n讲话2,2020-03-03,政治局进行第二十八次集体学习。\n'
        "讲话3,2020-03-04,明年就是我们党成立100周年了。\n", encoding="utf-8")
    records, ledger = read_path(tmp_path / "speeches.csv", InputSource(path=str(tmp_path), text_field="正文"))
    assert [r["meta"]["title"] for r in records] == ["讲话0"]
    assert len(ledger) == 1 and ledger[0]["source"].endswith("#row3")
    assert "a quote opened in this row is not closed" in ledger[0]["reason"] and "2 lines" in ledger[0]["reason"]
    # a quoted cell whose lines hold commas is still a cell
    (tmp_path / "speeches.csv").write_text(
        '标题,日期,正文\n讲话1,2020-03-02,"第一段,有英文逗号,两个。\n第二段, 也有。"\n', encoding="utf-8")
    records, ledger = read_path(tmp_path / "speeches.csv", InputSource(path=str(tmp_path), text_field="正文"))
    assert len(records) == 1 and not ledger
    # a scraped cell that starts and ends with a line break, one of its lines with the header's number of
    # commas, followed by more rows: a cell, not a quote left open
    (tmp_path / "speeches.csv").write_text(
        '标题,日期,正文\n讲话1,2020-03-02,"\n第一段。\n辛集市,定州市,下同。\n"\n讲话2,2020-03-03,第二篇。\n',
        encoding="utf-8")
    records, ledger = read_path(tmp_path / "speeches.csv", InputSource(path=str(tmp_path), text_field="正文"))
    assert [r["meta"]["title"] for r in records] == ["讲话1", "讲话2"] and not ledger


def test_the_last_speech_of_a_csv_ending_with_a_line_break_and_holding_commas_is_kept(tmp_path: Path):
    # pandas (and a spreadsheet) quote a cell holding line breaks; a scraped speech with ASCII commas
    # (two on a line: the header's number of cells) ending with a line break is the file's last cell
    import pandas as pd

    speeches = pd.DataFrame({"标题": ["讲话1", "讲话2"], "日期": ["2020-03-02", "2020-03-03"], "正文": [
        "第一篇讲话的正文。\n", "同志们：\n那么,怎样才能成为好老师呢?今天,我想就这个问题同大家做个交流。\n结语。\n"]})
    for name, sep in (("speeches.csv", ","), ("speeches.tsv", "\t")):
        speeches.to_csv(tmp_path / name, index=False, sep=sep)
        records, ledger = read_path(tmp_path / name, InputSource(path=str(tmp_path), text_field="正文"))
        assert [r["meta"]["title"] for r in records] == ["讲话1", "讲话2"] and not ledger, name
        assert "那么,怎样" in records[1]["text"]
    # the same file with the closing quote lost: still a bad row (a line of it reads as a row)
    text = (tmp_path / "speeches.csv").read_text(encoding="utf-8")
    (tmp_path / "speeches.csv").write_text(text.rstrip('"\n') + "\n", encoding="utf-8")
    records, ledger = read_path(tmp_path / "speeches.csv", InputSource(path=str(tmp_path), text_field="正文"))
    assert len(records) == 1 and "a quote opened in this row is not closed" in ledger[0]["reason"]


def test_a_text_pdf_comes_back_in_paragraphs_without_its_running_header_and_page_numbers(tmp_path: Path):
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.backends.backend_pdf import PdfPages
    import matplotlib.pyplot as plt

    import speechtopics as st
    from speechtopics.report import style  # noqa: F401  (the bundled CJK font)

    paragraphs = [f"第{n}，全县上下要坚持稳中求进工作总基调，扎实推进乡村振兴，加快建设现代化产业体系，"
                  f"确保全年各项目标任务圆满完成，以优异成绩回报全县人民的信任。" for n in "一二三四"]
    with PdfPages(tmp_path / "speech.pdf") as pdf:
        for page in range(2):
            fig = plt.figure(figsize=(8.3, 11.7))
            fig.text(0.1, 0.95, "某某县人民政府办公室编印", fontsize=9)
            y = 0.85
            for para in paragraphs[2 * page:2 * page + 2]:
                for j, start in enumerate(range(0, len(para), 30)):
                    fig.text(0.1, y, ("　　" if j == 0 else "") + para[start:start + 30], fontsize=11)
                    y -= 0.03
                y -= 0.02
            fig.text(0.45, 0.04, f"第 {page + 1} 页 共 2 页", fontsize=9)
            pdf.savefig(fig)
            plt.close(fig)
    text = st.read_corpus(tmp_path / "speech.pdf").records[0]["text"]
    assert text.split("\n") == paragraphs
    # a paragraph whose lines run on over the page break is one paragraph
    lines = [("　　" if j == 0 else "") + para[start:start + 30]
             for para in paragraphs for j, start in enumerate(range(0, len(para), 30))]
    with PdfPages(tmp_path / "speech.pdf") as pdf:
        for page, part in enumerate((lines[:4], lines[4:])):  # page 1 ends inside the second paragraph
            fig = plt.figure(figsize=(8.3, 11.7))
            for i, line in enumerate(part):
                fig.text(0.1, 0.85 - 0.03 * i, line, fontsize=11)
            fig.text(0.45, 0.04, f"- {page + 1} -", fontsize=9)
            pdf.savefig(fig)
            plt.close(fig)
    text = st.read_corpus(tmp_path / "speech.pdf").records[0]["text"]
    assert text.split("\n") == paragraphs


def test_markdown_front_matter_gives_title_and_date_and_markup_is_removed(tmp_path: Path):
    import speechtopics as st

    body = ["同志们：", "今天召开全县经济工作会议，主要任务是总结去年工作，分析当前形势，安排部署今年重点任务。",
            "过去一年，全县上下攻坚克难，县域经济实力持续增强，群众获得感不断增强，各项事业取得新进展。"]
    (tmp_path / "speech.md").write_text(
        "---\ntitle: 在全县经济工作会议上的讲话\ndate: 2021-01-05\nspeaker: 县长\n---\n\n"
        f"> {body[0]}\n\n- {body[1]}\n\n1. {body[2]}[新华网原文](http://example.com/a) ![图](a.png)\n", encoding="utf-8")
    corpus = st.read_corpus(tmp_path / "speech.md")
    doc = corpus.documents.iloc[0]
    assert doc["title"] == "在全县经济工作会议上的讲话" and doc["date"] == "2021-01-05"
    assert [p["text"] for p in corpus.records[0]["paragraphs"]] == body[:2] + [body[2] + "新华网原文"]
    (tmp_path / "speech.md").write_text(  # no front matter: the level-one heading is the title
        "# 在全县经济工作会议上的讲话\n\n本期主要内容：\n\n" + "\n\n".join(body) + "\n", encoding="utf-8")
    doc = st.read_corpus(tmp_path / "speech.md").documents.iloc[0]
    assert doc["title"] == "在全县经济工作会议上的讲话"


def test_word_automatic_list_numbers_are_read_into_the_text(tmp_path: Path):
    """Headings numbered by Word (一、 二、, and 1. under them) keep their numbers, so sections are found."""
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    import speechtopics as st

    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.append(parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>'
        '</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))

    def numbered(text: str, level: int) -> None:
        p = document.add_paragraph(text)
        p._p.get_or_add_pPr().append(parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/>'
                                               '<w:numId w:val="90"/></w:numPr>'))

    body = "全县上下要坚持稳中求进工作总基调，扎实推进乡村振兴，确保全年各项目标任务圆满完成。"
    for head in ("充分肯定成绩", "明确今年任务"):
        numbered(head, 0)
        numbered("抓好项目建设", 1)
        numbered("抓好民生保障", 1)
        document.add_paragraph(body)
    document.save(tmp_path / "speech.docx")
    text = st.read_corpus(tmp_path / "speech.docx").records[0]["original_text"]
    assert text.split("\n")[:4] == ["一、充分肯定成绩", "1.抓好项目建设", "2.抓好民生保障", body]
    assert text.split("\n")[4:6] == ["二、明确今年任务", "1.抓好项目建设"]


def test_office_files_that_cannot_be_read_say_why_and_an_html_table_saved_as_xls_is_read(tmp_path: Path):
    ole = bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 504  # what Office writes for a password-protected file
    (tmp_path / "加密.xlsx").write_bytes(ole)
    (tmp_path / "加密.docx").write_bytes(ole)
    (tmp_path / "zero.xlsx").write_bytes(b"")
    (tmp_path / "损坏.docx").write_bytes(bytes(range(256)) * 40)  # random bytes under a Word name
    (tmp_path / "列表.xls").write_bytes(
        "<html><table><tr><td>标题</td><td>正文</td></tr><tr><td>甲</td><td>同志们：今天我们召开全县经济工作会议，"
        "主要任务是总结去年工作，部署今年任务。</td></tr></table></html>".encode("gbk"))
    records, ledger = read_path(tmp_path, InputSource(path=str(tmp_path), text_field="正文"))
    reasons = {Path(r["source"]).name: r["reason"] for r in ledger}
    assert reasons["加密.xlsx"].startswith("password-protected xlsx (or an older format renamed)")
    assert reasons["加密.docx"].startswith("password-protected docx")
    assert reasons["zero.xlsx"] == "empty file"
    assert reasons["损坏.docx"] == ("not a Word file (damaged, or another format named .docx): open it in Word or "
                                  "WPS and save it as .docx")  # was "cannot read docx: File is not a zip file"
    assert [(Path(r["source"]).name, r["meta"]["title"]) for r in records] == [("列表.xls#table1!row2", "甲")]


def test_a_markdown_pages_subheadings_are_its_sections(tmp_path: Path):
    item = "国务院总理今天主持召开国务院常务会议，研究部署稳经济一揽子政策措施的落实工作。会议指出，要抓好落实。"
    (tmp_path / "20220924.md").write_text(
        "# 《新闻联播》 (20220924)\n\n## 新闻摘要\n\n1. 国务院常务会议召开\n2. 全国秋粮收购有序推进\n\n## 详细新闻\n\n"
        f"### 国务院常务会议召开\n\n{item}\n\n{item.replace('今天', '昨天')}\n\n### 全国秋粮收购有序推进\n\n"
        f"{item.replace('国务院总理', '各地粮食部门')}\n", encoding="utf-8")
    (rec,) = st.read_corpus(tmp_path).records
    sections = [p["section"] for p in rec["paragraphs"]]  # the summary's numbers do not run on into the items
    assert sections.count("详细新闻/国务院常务会议召开") >= 2 and sections[-1] == "详细新闻/全国秋粮收购有序推进"


def test_excel_s_escaped_line_breaks_are_line_breaks_not_words(tmp_path: Path):
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["标题", "正文"])
    body = "_x000D_\n".join(f"第{n}段：今天召开全县经济工作会议，部署招商引资和项目建设，推动县域经济发展。" for n in "一二三四")
    sheet.append(["讲话", body])  # as Excel saves a cell with Alt+Enter line breaks: CR escaped, then LF
    book.save(tmp_path / "a.xlsx")
    corpus = st.read_corpus(tmp_path / "a.xlsx", text="正文", title="标题")
    record = corpus.records[0]
    assert "_x000D_" not in record["text"] and not any("x000" in t for t in record["tokens"])
    assert record["text"].count("\n") == 3


def test_pdf_pages_lose_alternating_heads_and_footnotes_not_their_text():
    from speechtopics.readers import drop_footnotes, drop_running_lines

    pages = [["习近平谈治国理政", "在某大学的演讲", "正文第一页，发展③的方向。", "③ 见《某书》，第16页。", "— 120 —"],
             ["在某大学的演讲", "正文第二页。", "— 121 —"],
             ["习近平谈治国理政", "正文第三页。", "— 122 —"],
             ["在某大学的演讲", "正文第四页，①加强管理；", "②优化服务。", "— 123 —"]]
    kept = [drop_footnotes(page) for page in drop_running_lines(pages)]
    assert kept == [["在某大学的演讲", "正文第一页，发展③的方向。"], ["正文第二页。"], ["正文第三页。"],
                    ["正文第四页，①加强管理；", "②优化服务。"]]


def test_macro_enabled_word_and_excel_files_are_read_as_their_plain_kind(tmp_path: Path):
    import zipfile

    import docx
    import openpyxl

    text = "同志们：今天召开全县经济工作会议，部署招商引资和项目建设，推动县域经济高质量发展。" * 2
    document = docx.Document()
    document.add_paragraph(text)
    document.save(tmp_path / "plain.docx")
    with zipfile.ZipFile(tmp_path / "plain.docx") as z, zipfile.ZipFile(tmp_path / "speech.docm", "w") as out:
        for info in z.infolist():
            body = z.read(info.filename)
            if info.filename == "[Content_Types].xml":
                body = body.replace(b"wordprocessingml.document.main+xml", b"x").replace(
                    b"application/vnd.openxmlformats-officedocument.x",
                    b"application/vnd.ms-word.document.macroEnabled.main+xml")
            out.writestr(info, body)
    (tmp_path / "plain.docx").unlink()
    book = openpyxl.Workbook()
    book.active.append(["正文"])
    book.active.append([text.replace("全县", "全市")])
    book.save(tmp_path / "table.xlsm")
    corpus = st.read_corpus(tmp_path, text="正文")
    assert sorted(corpus.documents["status"]) == ["kept", "kept"], corpus.ledger


def test_read_corpus_reads_one_named_sheet(tmp_path: Path):
    import openpyxl

    book = openpyxl.Workbook()
    kept = book.active
    kept.title = "数据"
    kept.append(["正文"])
    kept.append(["同志们：今天召开全县经济工作会议，部署招商引资和项目建设，推动县域经济高质量发展。" * 2])
    draft = book.create_sheet("旧版")
    draft.append(["正文"])
    draft.append(["同志们：这是已撤回的旧版讲话稿，不应读入，部署招商引资和项目建设，推动县域经济发展。" * 2])
    book.save(tmp_path / "a.xlsx")
    assert len(st.read_corpus(tmp_path / "a.xlsx", text="正文")) == 2
    corpus = st.read_corpus(tmp_path / "a.xlsx", text="正文", sheet="数据")
    assert len(corpus) == 1 and "旧版" not in corpus.records[0]["text"]
    with pytest.raises(st.FieldError, match=r"no sheet 'Sheet9' \(sheets: 数据, 旧版\)"):
        st.read_corpus(tmp_path / "a.xlsx", text="正文", sheet="Sheet9")


def test_docx_soft_breaks_that_only_wrap_lines_are_taken_out_and_others_kept(tmp_path: Path):
    import docx

    paragraph = ("2015年以来，我就打赢脱贫攻坚战召开了7个专题会议，每次围绕一个主题，同时也提出面上的工作要求。"
                 "每次座谈会前，我都先到贫困地区调研，实地了解情况，听听基层干部群众意见。")
    document = docx.Document()
    p = document.add_paragraph()
    for i in range(0, len(paragraph), 28):  # a break every printed line, as text pasted from a PDF keeps
        run = p.add_run(paragraph[i:i + 28])
        if i + 28 < len(paragraph):
            run.add_break()
    signature = document.add_paragraph()
    signature.add_run("平山县人民政府办公室").add_break()
    signature.add_run("2024年4月28日")
    document.save(tmp_path / "pasted.docx")
    records, _ = read_path(tmp_path)
    assert records[0]["text"].splitlines() == [paragraph, "平山县人民政府办公室", "2024年4月28日"]


def test_pdf_lines_in_boxes_of_their_own_split_only_at_indents():
    """Some writers put every line in a text box of its own, so a blank line follows each; where
    paragraphs are indented, a full line that happens to end a sentence does not end its paragraph."""
    from speechtopics.readers import pdf_paragraphs

    page = "\n\n".join(["　　同志们，今天我们召开全县经济工作会议，主要任务是总结去年",
                        "工作，分析当前形势，部署今年任务。各位同志作了发言，讲得很好。",
                        "会议材料我也都看了，大家要认真落实。",
                        "　　过去一年，全县上下攻坚克难，县域经济实力持续增强。"])
    assert pdf_paragraphs(page).split("\n") == [
        "同志们，今天我们召开全县经济工作会议，主要任务是总结去年工作，分析当前形势，部署今年任务。各位同志作了发言，讲得很好。"
        "会议材料我也都看了，大家要认真落实。", "过去一年，全县上下攻坚克难，县域经济实力持续增强。"]


def test_a_soft_break_after_a_sentence_or_between_short_lines_stays():
    from speechtopics.docx_reader import unwrap_lines

    signed = "以上意见，请各乡镇各部门结合实际认真贯彻落实，确保各项任务落到实处。\n平山县人民政府办公室"
    addresses = "\n".join(["河北省石家庄市平山县平山镇人民政府", "河北省石家庄市平山县温塘镇人民政府",
                           "河北省石家庄市平山县下口镇人民政府", "河北省石家庄市平山县西柏坡镇政府"])
    assert unwrap_lines(signed) == signed and unwrap_lines(addresses) == addresses


def test_renamed_office_files_are_read_for_what_they_are(tmp_path: Path):
    """WPS and office systems rename freely: a Word package named .wps or .doc, an Excel package named
    .et, a text table exported as .xls and a web page saved as .doc are read; a real old .doc is still
    left out with what to do."""
    import docx

    document = docx.Document()
    document.add_paragraph(SPEECH)
    document.save(tmp_path / "a.docx")
    (tmp_path / "a.docx").rename(tmp_path / "讲话.wps")
    pd.DataFrame({"正文": [SPEECH]}).to_excel(tmp_path / "表.et", index=False, engine="openpyxl")
    (tmp_path / "导出.xls").write_bytes(("正文\t标题\n" + SPEECH + "\t讲话\n").encode("gbk"))
    (tmp_path / "网页.doc").write_text(f"<html><body><p>{SPEECH}</p></body></html>", encoding="utf-8")
    (tmp_path / "old.doc").write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + b"\x00" * 600)
    records, ledger = read_path(tmp_path, InputSource(path=str(tmp_path), text_field="正文"))
    assert sorted(Path(r["source"]).name.split("#")[0] for r in records) == ["导出.xls", "网页.doc", "表.et", "讲话.wps"]
    assert [r["reason"] for r in ledger] == ["unsupported file type .doc (save it as .docx)"]


def test_a_plain_text_saved_as_doc_is_read_and_rtf_or_binary_is_not(tmp_path: Path):
    """A speech saved as plain text under a .doc name (a site's download, Word's "plain text" kept as .doc)
    was "unsupported file type .doc"; it is read as the text it is, in UTF-8 or GBK. RTF and an old Word
    file (binary) are still left out with what to do."""
    (tmp_path / "讲话.doc").write_text("在全县经济工作会议上的讲话\n\n" + SPEECH, encoding="utf-8")
    (tmp_path / "讲话gbk.doc").write_bytes(("在全县农业工作会议上的讲话\r\n\r\n" + SPEECH).encode("gbk"))
    (tmp_path / "富文本.doc").write_text("{\\rtf1\\ansi 同志们}", encoding="utf-8")
    (tmp_path / "old.doc").write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + b"\x00" * 600)
    records, ledger = read_path(tmp_path, InputSource(path=str(tmp_path)))
    texts = {Path(r["source"]).name: r["text"] for r in records}
    assert sorted(texts) == ["讲话.doc", "讲话gbk.doc"]
    assert all(SPEECH in t for t in texts.values())
    assert sorted(r["reason"] for r in ledger) == ["unsupported file type .doc (save it as .docx)"] * 2


def test_a_missing_text_column_under_a_title_row_names_the_headers_fields(tmp_path: Path):
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["2020年讲话汇总表（内部资料）"])
    sheet.append(["标题", "日期", "正文", "字数"])
    sheet.append(["在全县经济工作会议上的讲话", "2020-03-05", SPEECH, len(SPEECH)])
    book.save(tmp_path / "t.xlsx")
    with pytest.raises(FieldError, match=r"no text column '内容' \(fields: 标题, 日期, 正文, 字数\)"):
        st.read_corpus(tmp_path / "t.xlsx", text="内容")


def test_a_bracketed_date_line_under_a_title_as_wide_as_the_text_stays_its_own_paragraph():
    """A title as wide as the body's lines does not end short of the margin; the date line under it
    (（2015年11月3日）) is not glued to it, and a date inside a sentence still runs on."""
    from speechtopics.readers import pdf_paragraphs

    page = "\n".join(["关于《中共中央关于制定国民经济和社会发展规划的建议》的说明",
                      "（2015年11月3日，北京）",
                      "　　受中央政治局委托，现在，我就建议起草的有关情况向全会作说明。全会",
                      "将于（2015年11月3日）闭幕，请大家认真讨论。"])
    assert pdf_paragraphs(page).split("\n") == [
        "关于《中共中央关于制定国民经济和社会发展规划的建议》的说明", "（2015年11月3日，北京）",
        "受中央政治局委托，现在，我就建议起草的有关情况向全会作说明。全会将于（2015年11月3日）闭幕，请大家认真讨论。"]
    # a bracket naming a month is a date line ((2015年11月), (2013年10月3—4日)); one naming a year but no
    # month is part of the line above: a title's batch, a plan's name
    assert pdf_paragraphs("关于《中共中央关于制定国民经济和社会发展规划的建议》的说明\n（2013年10月3—4日）\n"
                          "　　受中央政治局委托。").split("\n")[1] == "（2013年10月3—4日）"
    page = "\n".join(["河北省关于公布省级重点项目名单的通知书说明文件的通知公告事项",
                      "（2023年第一批）",
                      "　　根据有关规定，现将名单公示如下。请各地认真组织实施，按照有关要求编制",
                      "（2021年至2025年全县经济社会发展规划纲要）",
                      "并报送审核。"])
    assert pdf_paragraphs(page).split("\n") == [
        "河北省关于公布省级重点项目名单的通知书说明文件的通知公告事项（2023年第一批）",
        "根据有关规定，现将名单公示如下。请各地认真组织实施，按照有关要求编制（2021年至2025年全县经济社会发展规划纲要）并报送审核。"]


def test_a_broadcasts_news_items_are_units_of_their_own(tmp_path: Path):
    items = {"国务院常务会议召开": "国务院总理主持召开国务院常务会议，研究部署稳经济一揽子政策措施的落实工作，会议要求各地区各部门抓好政策落实。",
             "全国秋粮收购有序推进": "各地粮食部门加快秋粮收购进度，农民售粮顺畅，粮食仓储设施和物流运输保障有力，收购价格总体平稳。",
             "神舟飞船发射成功": "载人飞船在酒泉卫星发射中心点火发射，航天员乘组顺利进驻空间站，载人航天工程取得新的重大成果。"}
    for day in ("20220924", "20220928"):
        body = "".join(f"### {head}\n\n{text}\n\n{text.replace('，', '，今天')}\n\n" for head, text in items.items())
        summary = "".join(f"{i}. {head}\n" for i, head in enumerate(items, 1))
        (tmp_path / f"{day}.md").write_text(f"# 《新闻联播》 ({day})\n\n## 新闻摘要\n\n{summary}\n## 详细新闻\n\n{body}",
                                            encoding="utf-8")
    corpus = st.read_corpus(tmp_path)
    model = st.TopicModel(k=2, seed=1, min_unit_tokens=5, no_below=1, no_above=1.0, passes=1).fit(corpus)
    sections = [u["section"] for u in model.units_]
    assert sections == [f"详细新闻/{head}" for head in items] * 2  # one unit per item, not one per ## 详细新闻


def html_export(rows: list[list[str]], title: str | None = None, page: bool = True, charset: str = "gb2312") -> str:
    """An "export to Excel" as many sites send it: an HTML table, a title row over its header."""
    width = len(rows[0])
    cells = "".join(f"<tr>{''.join(f'<td>{c}</td>' for c in row)}</tr>" for row in rows[1:])
    head = f"<tr>{''.join(f'<th>{c}</th>' for c in rows[0])}</tr>"
    top = f'<tr><td colspan="{width}">{title}</td></tr>' if title else ""
    table = f"<table border=1>{top}{head}{cells}</table>"
    meta = f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">'
    return f"<html><head>{meta}</head><body>{table}</body></html>" if page else table


@pytest.mark.parametrize("suffix", [".xls", ".xlsx"])
@pytest.mark.parametrize(("page", "bom"), [(True, False), (False, False), (True, True)])
def test_an_html_table_exported_as_a_spreadsheet_is_read_below_its_title_row(tmp_path: Path, suffix, page, bom):
    rows = [["编号", "标题", "发布日期", "内容"], ["0012", "在全县经济工作会议上的讲话", "2020-01-18", SPEECH],
            ["0013", "在全县农村工作会议上的讲话", "2021-03-05", SPEECH.replace("经济", "农村")]]
    charset = "utf-8" if bom else "gb2312"  # a UTF-8 page with a byte-order mark, or a GBK one
    data = html_export(rows, "政策文件导出（共2条）", page, charset).encode("utf-8-sig" if bom else "gbk")
    (tmp_path / f"导出{suffix}").write_bytes(data)
    corpus = st.read_corpus(tmp_path / f"导出{suffix}", text="内容", id="编号")
    docs = corpus.documents
    assert docs[["title", "date", "source_id"]].values.tolist() == [
        ["在全县经济工作会议上的讲话", "2020-01-18", "0012"], ["在全县农村工作会议上的讲话", "2021-03-05", "0013"]]
    left = corpus.ledger[corpus.ledger["status"] == "dropped"]
    assert left["source"].tolist() == [f"导出{suffix}#table1!row1"]
    assert left["reason"].str.startswith("above the header (row 2)").all()


def test_an_excel_2003_xml_sheet_named_xls_says_how_to_convert_it(tmp_path: Path):
    (tmp_path / "导出.xls").write_text(
        '<?xml version="1.0"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">\n<Worksheet>'
        f"<Table><Row><Cell><Data>正文</Data></Cell></Row><Row><Cell><Data>{SPEECH}</Data></Cell></Row></Table>"
        "</Worksheet></Workbook>\n", encoding="utf-8")
    _, ledger = read_path(tmp_path, InputSource(path=str(tmp_path), text_field="正文"))
    assert [r["reason"] for r in ledger] == ["cannot read xls: ValueError: an Excel 2003 XML spreadsheet (SpreadsheetML): "
                                             "open it in Excel or WPS and save it as .xlsx"]


def test_paragraphs_inside_a_cell_of_an_html_table_export_stay_paragraphs(tmp_path: Path):
    first, second = SPEECH, SPEECH.replace("经济", "农村")
    rows = [["标题", "发布<br>日期", "内容"], ["在全县经济工作会议上的讲话", "2020-01-18", f"<p>{first}</p><p>{second}</p>"],
            ["在全县农村工作会议上的讲话", "2021-03-05", f"{first}<br/>{second}"]]
    (tmp_path / "导出.xls").write_bytes(html_export(rows, "政策文件导出").encode("gbk"))
    records, _ = read_path(tmp_path, InputSource(path=str(tmp_path), text_field="内容"))
    assert [r["text"] for r in records] == [f"{first}\n{second}"] * 2  # not glued into one paragraph
    assert [r["meta"]["date"] for r in records] == ["2020-01-18", "2021-03-05"]  # 发布<br>日期 is one name


def test_hidden_rows_and_sheets_are_read_and_said(tmp_path: Path):
    """Rows hidden or filtered out in Excel, and a hidden sheet, are read like the others (nothing is left
    out in silence), with a warning naming the sheet and the rows, so that a researcher who hid rows to
    leave them out learns that they were not."""
    import openpyxl

    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "讲话"
    ws.append(["标题", "正文"])
    for i in range(8):
        ws.append([f"讲话{i}", SPEECH.replace("全县", f"第{i}县")])
    for row in (3, 4, 5, 6, 7, 8):
        ws.row_dimensions[row].hidden = True
    old = book.create_sheet("旧稿")
    old.append(["标题", "正文"])
    old.append(["旧稿", SPEECH.replace("经济", "旧稿")])
    old.sheet_state = "hidden"
    book.save(tmp_path / "book.xlsx")
    with pytest.warns(UserWarning) as caught:
        corpus = st.read_corpus(tmp_path / "book.xlsx", text="正文", title="标题")
    said = [str(w.message) for w in caught]
    assert (corpus.documents["status"] == "kept").sum() == 9
    assert any(m.endswith("book.xlsx#讲话: 6 hidden or filtered-out rows (row 3, 4, 5, 6, 7 …) read like the "
                          "others (delete them to leave them out)") for m in said), said
    assert any(m.endswith("book.xlsx#旧稿: a hidden sheet, read like the others (name the sheet to read with "
                          "`sheet`, or delete this one)") for m in said), said
    plain = openpyxl.Workbook()
    plain.active.append(["正文"])
    plain.active.append([SPEECH])
    plain.save(tmp_path / "plain.xlsx")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        st.read_corpus(tmp_path / "plain.xlsx", text="正文")


def test_a_number_formatted_with_leading_zeros_is_read_as_excel_shows_it(tmp_path):
    import openpyxl

    body = "同志们：今天召开全县经济工作会议，主要任务是总结去年工作，安排部署今年重点任务。" * 3
    book = openpyxl.Workbook()
    book.active.append(["编号", "字数", "正文"])
    for i, n in enumerate((123, 4567)):
        book.active.append([n, 2000 + i, body + str(i)])
        book.active.cell(row=i + 2, column=1).number_format = "000000"
    book.save(tmp_path / "ids.xlsx")
    corpus = st.read_corpus(tmp_path / "ids.xlsx", text="正文", id="编号", meta=["字数"])
    assert corpus.documents["source_id"].tolist() == ["000123", "004567"]
    assert corpus.documents["字数"].tolist() == [2000, 2001]  # a number in General format stays a number
