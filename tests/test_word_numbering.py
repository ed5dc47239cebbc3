"""Word's automatic list numbers as Word draws them: the East Asian formats Chinese offices use, numbering
that comes with a heading style, and a list's start override."""

from pathlib import Path

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from speechtopics.docx_reader import docx_text
from speechtopics.word_numbering import format_number

BODY = "全县上下要坚持稳中求进工作总基调，扎实推进乡村振兴，确保全年各项目标任务圆满完成。"


def _numbering(document, fmt: str, sub_fmt: str | None = None, style: str | None = None, start_override: int | None = None) -> None:
    numbering = document.part.numbering_part.element
    link = f'<w:pStyle w:val="{style}"/>' if style else ""
    numbering.append(parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">'
        f'<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>{link}<w:lvlText w:val="%1、"/></w:lvl>'
        f'<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="{sub_fmt or fmt}"/><w:lvlText w:val="（%2）"/></w:lvl>'
        '</w:abstractNum>'))
    override = (f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{start_override}"/></w:lvlOverride>'
                if start_override else "")
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/>{override}</w:num>'))


def _numbered(document, text: str, level: int) -> None:
    p = document.add_paragraph(text)
    p._p.get_or_add_pPr().append(parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'))


def _read(document, path: Path) -> list[str]:
    document.save(path)
    return docx_text(path.read_bytes()).split("\n")


def test_east_asian_number_formats_are_drawn_as_chinese_numerals(tmp_path: Path):
    """ideographDigital and japaneseCounting (what Word's 一、二、三、 list button writes in some
    versions) were drawn as 1、 (1) and the speech's sections were lost."""
    for fmt in ("ideographDigital", "japaneseCounting", "chineseCountingThousand", "taiwaneseCounting"):
        document = docx.Document()
        _numbering(document, fmt)
        for head in ("充分肯定成绩", "明确今年任务"):
            _numbered(document, head, 0)
            _numbered(document, "抓好项目建设", 1)
            document.add_paragraph(BODY)
        assert _read(document, tmp_path / f"{fmt}.docx") == [
            "一、充分肯定成绩", "（一）抓好项目建设", BODY, "二、明确今年任务", "（一）抓好项目建设", BODY], fmt


def test_number_formats_count_as_word_does():
    assert [format_number(n, "chineseCounting") for n in (9, 10, 11, 20, 21, 100, 110)] == [
        "九", "十", "十一", "二十", "二十一", "一百", "一百一十"]
    assert [format_number(n, "ideographDigital") for n in (3, 10, 12)] == ["三", "一〇", "一二"]
    assert [format_number(n, "chineseLegalSimplified") for n in (1, 10, 12)] == ["壹", "壹拾", "壹拾贰"]
    assert format_number(7, "someFormatWordAddsLater") == "7"


def test_numbering_that_comes_with_a_heading_style_is_drawn(tmp_path: Path):
    """An outline-numbered template numbers its 标题 1 / 标题 2 styles, not the paragraphs: the
    headings came out without 一、 and the speech had no sections."""
    document = docx.Document()
    _numbering(document, "chineseCounting", style="Heading1")
    for name, level in (("Heading 1", None), ("Heading 2", 1)):
        ppr = document.styles[name].element.get_or_add_pPr()
        ilvl = f'<w:ilvl w:val="{level}"/>' if level is not None else ""  # Heading 1's level is the one naming it
        ppr.insert(0, parse_xml(f'<w:numPr {nsdecls("w")}>{ilvl}<w:numId w:val="90"/></w:numPr>'))
    for head in ("充分肯定成绩", "明确今年任务"):
        document.add_paragraph(head, style="Heading 1")
        document.add_paragraph("抓好项目建设", style="Heading 2")
        document.add_paragraph(BODY)
    off = document.add_paragraph("不编号的标题", style="Heading 1")  # numId 0 on the paragraph: no number
    off._p.get_or_add_pPr().append(parse_xml(f'<w:numPr {nsdecls("w")}><w:numId w:val="0"/></w:numPr>'))
    assert _read(document, tmp_path / "styled.docx") == [
        "一、充分肯定成绩", "（一）抓好项目建设", BODY, "二、明确今年任务", "（一）抓好项目建设", BODY, "不编号的标题"]


def test_a_lists_start_override_is_its_first_number(tmp_path: Path):
    """A list continued from an earlier document part starts where Word says (w:startOverride)."""
    document = docx.Document()
    _numbering(document, "chineseCounting", start_override=3)
    _numbered(document, "抓好民生保障", 0)
    document.add_paragraph(BODY)
    assert _read(document, tmp_path / "override.docx")[0] == "三、抓好民生保障"
