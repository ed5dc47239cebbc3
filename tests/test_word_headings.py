"""Word headings styled 标题 1 / Heading 1 (or set to an outline level) but typed without a number are
sections, as a Markdown page's ## headings are; numbered headings, titles and documents without heading
styles read as before."""

from pathlib import Path

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

import speechtopics as st
from speechtopics.corpus import build_units
from speechtopics.docx_reader import read_docx
from speechtopics.word_headings import OutlineLevels, section_headings

TITLE = "在十八届中央纪委六次全会上的讲话"
HEADS = ["全面从严治党取得的成效", "坚定不移推进全面从严治党", "积极探索强化党内监督的有效途径"]
BODY = ["党的十八大以来，我们党着眼于新的形势任务，把全面从严治党纳入战略布局，党风廉政建设取得新的重大成效。",
        "第一，严明党的政治纪律，夯实管党治党责任。各级党组织要把纪律挺在前面，抓早抓小，防微杜渐。",
        "第二，创新体制机制，扎牢制度笼子。要坚持思想建党和制度治党紧密结合，形成不敢腐的震慑。"]
OPENING = "这次全会的主要任务是，总结二〇一五年党风廉政建设和反腐败工作，部署二〇一六年任务。"


def _speech(path: Path, heads: list[str] = HEADS, style: str | None = "Heading1",
            title_style: str | None = None, outline: bool = False, document=None) -> Path:
    """A speech: a title, an opening, then each heading over the body paragraphs; the headings styled
    ``style`` (a style name or id), or set to outline level 1 on the paragraph (``outline``)."""
    document = document or docx.Document()
    document.add_paragraph(TITLE, style=title_style)
    document.add_paragraph(OPENING)
    for head in heads:
        p = document.add_paragraph(head)
        if outline:
            p._p.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {nsdecls("w")} w:val="0"/>'))
        elif style:
            p._p.get_or_add_pPr().insert(0, parse_xml(f'<w:pStyle {nsdecls("w")} w:val="{style}"/>'))
        for text in BODY:
            document.add_paragraph(text)
    document.save(path)
    return path


def _sections(path: Path) -> tuple[dict, list[str]]:
    record = st.read_corpus(path).records[0]
    return record, [p["section"] for p in record["paragraphs"]]


def test_unnumbered_heading_1_paragraphs_are_sections_and_units(tmp_path: Path):
    """The clean text is as before; each heading opens a section (第一， 第二， inside it), and
    corpus.unit: section gives one unit per heading (the opening before them one of its own)."""
    plain, before = _sections(_speech(tmp_path / "plain.docx", style=None))
    styled, after = _sections(_speech(tmp_path / "styled.docx", style="Heading1"))
    assert [p["text"] for p in styled["paragraphs"]] == [p["text"] for p in plain["paragraphs"]]
    assert styled["title"] == plain["title"] == TITLE
    assert before[1:5] == ["", "", "第一", "第二"]  # before: the headings were plain lines
    assert after[1:5] == [HEADS[0][:20], HEADS[0][:20], f"{HEADS[0]}/第一", f"{HEADS[0]}/第二"]
    for p in styled["paragraphs"]:
        p["tokens"] = list(p["text"])
    units = build_units([styled], unit="section", min_tokens=1)
    assert [u["section"] for u in units] == ["", *(h[:20] for h in HEADS)]


def _chinese_template():
    """A document whose heading style is a Chinese template's 标题 1 (style id a1) and a style based on it."""
    document = docx.Document()
    styles = document.styles.element
    for style_id, name, based in (("a1", "标题 1", "Normal"), ("a9", "讲话小标题", "a1")):
        styles.append(parse_xml(f'<w:style {nsdecls("w")} w:type="paragraph" w:styleId="{style_id}">'
                                f'<w:name w:val="{name}"/><w:basedOn w:val="{based}"/></w:style>'))
    return document


def test_chinese_style_names_styles_based_on_them_and_outline_levels_are_headings(tmp_path: Path):
    """A Chinese template's 标题 1 (any style id), a style based on it, and an outline level set on the
    paragraph itself make headings; a table of contents' heading (based on Heading 1, outline level 9:
    body text) does not."""
    for style in ("a1", "a9"):
        path = _speech(tmp_path / f"{style}.docx", style=style, document=_chinese_template())
        assert read_docx(path.read_bytes()).headings == dict.fromkeys(HEADS, 1)
    path = _speech(tmp_path / "outline.docx", outline=True)
    assert read_docx(path.read_bytes()).headings == dict.fromkeys(HEADS, 1)
    levels = OutlineLevels(docx.Document(path))
    assert [levels.level(p._p) for p in docx.Document(path).paragraphs[:3]] == [None, None, 1]
    assert read_docx(_speech(tmp_path / "toc.docx", style="TOCHeading").read_bytes()).headings == {}
    h2 = _speech(tmp_path / "h2.docx", style="Heading2")
    assert read_docx(h2.read_bytes()).headings == dict.fromkeys(HEADS, 2)


def test_the_title_stays_the_title(tmp_path: Path):
    """A title styled Title (标题), or styled Heading 1 as the document's first paragraph (as a Markdown
    page's # heading), is the title, not a section; the headings below it are."""
    for name, style in (("title.docx", "Title"), ("h1.docx", "Heading 1")):
        record, sections = _sections(_speech(tmp_path / name, style="Heading1", title_style=style))
        assert record["title"] == TITLE
        assert TITLE not in "".join(sections) and sections[2] == HEADS[0][:20]
    assert read_docx((tmp_path / "h1.docx").read_bytes()).headings == dict.fromkeys(HEADS, 1)


def test_numbered_headings_read_as_before(tmp_path: Path):
    """Headings styled Heading 1 that carry their number (一、) are sections by it, as unstyled ones:
    the sections are the same, and an unnumbered Heading 1 among them (结束语) is no section."""
    numbered = [f"{n}、{h}" for n, h in zip("一二三", HEADS)] + ["结束语"]
    _, styled = _sections(_speech(tmp_path / "styled.docx", heads=numbered, style="Heading1"))
    _, plain = _sections(_speech(tmp_path / "plain.docx", heads=numbered, style=None))
    assert styled == plain and "一/第一" in styled
    assert read_docx((tmp_path / "styled.docx").read_bytes()).headings == {}


def test_headings_that_are_sentences_or_the_whole_text_are_no_sections():
    """A paragraph in a heading style that holds a sentence (a stop inside, or longer than 50
    characters) is body text; a document typed wholly in a heading style has no styled sections."""
    paragraphs = [(TITLE, None, False), (OPENING, None, False), (HEADS[0], 1, False),
                  (BODY[0] + BODY[1], 1, False), ("要坚持。要落实", 2, False), (BODY[1], None, False),
                  (BODY[2], None, False)]
    assert section_headings(paragraphs) == {HEADS[0]: 1}
    wholly = [TITLE, HEADS[0], BODY[0], HEADS[1], BODY[1]]
    assert section_headings([(text, 1, False) for text in wholly]) == {}


def test_a_document_without_heading_styles_has_no_headings(tmp_path: Path):
    """A raw record carries ``headings`` only when a style marks some."""
    from speechtopics.ingest import read_path

    records, _ = read_path(_speech(tmp_path / "plain.docx", style=None))
    assert "headings" not in records[0]
    records, _ = read_path(_speech(tmp_path / "styled.docx"))
    assert records[0]["headings"] == dict.fromkeys(HEADS, 1)


def test_front_matter_and_a_salutation_styled_as_headings_are_no_sections(tmp_path: Path):
    """A title styled 标题 1 under a date line, a speaker's line (——习近平) and a salutation (同志们：)
    styled as headings are no sections: the sections are the headings over the body, and the body's
    own 同志们： is no heading."""
    document = docx.Document()
    document.add_paragraph("（2016年1月12日）")
    document.add_paragraph(TITLE, style="Heading 1")
    document.add_paragraph("——习近平", style="Heading 2")
    document.add_paragraph("同志们：", style="Heading 2")
    document.add_paragraph(OPENING)
    for head in HEADS:
        document.add_paragraph(head, style="Heading 1")
        document.add_paragraph("同志们：")
        for text in BODY:
            document.add_paragraph(text)
    document.save(tmp_path / "front.docx")
    assert read_docx((tmp_path / "front.docx").read_bytes()).headings == dict.fromkeys(HEADS, 1)
    record, sections = _sections(tmp_path / "front.docx")
    assert record["title"] == TITLE
    assert sorted(set(sections)) == sorted({"", *(h[:20] for h in HEADS), *(f"{h}/第{n}" for h in HEADS for n in "一二")})


def test_a_heading_right_above_the_body_is_a_section_and_a_table_of_contents_is_not():
    """Without a salutation the heading right above the first sentence is the first section; the
    headings of a table of contents typed in heading styles above it are not, nor is a salutation
    without its colon (同志们) styled as a heading."""
    toc = [("目录", None, False), *((h, 1, False) for h in HEADS)]
    body = [(text, None, False) for text in BODY]
    paragraphs = [(TITLE, None, False), *toc, (HEADS[0], 1, False), *body, ("同志们", 2, False),
                  (HEADS[1], 1, False), *body, (HEADS[2], 1, False), *body]
    assert section_headings(paragraphs) == dict.fromkeys(HEADS, 1)
    assert section_headings([(TITLE, None, False), ("（2016年1月12日）", 1, False), *body[:1],
                             ("各位代表", 1, False), (HEADS[0], 1, False), *body]) == {HEADS[0]: 1}
