"""Word documents (``.docx``): their text in reading order, as Word shows it.

One responsibility: :func:`docx_text` (and :func:`read_docx`, which also names the headings a style
makes sections: :func:`~speechtopics.word_headings.section_headings`). python-docx opens the package;
its ``Document.paragraphs`` and ``Paragraph.text`` skip content controls and tracked insertions, repeat merged table cells and read a
text box twice (Word stores a copy for older readers), so the body's elements are walked here, and
Word's automatic list numbers are drawn as Word draws them (:class:`~speechtopics.word_numbering.ListNumbers`):
no python-docx call does either. A document whose paragraphs are the printed lines of its text (copied from a PDF into
Word) is joined back into paragraphs (:func:`printed_lines`) by the PDF reader's rule, and a paragraph
split, or a line broken with Shift+Enter, inside a sentence is joined to the rest (:func:`runs_on`).
"""

from __future__ import annotations

import io
import re
from typing import NamedTuple

from speechtopics.clean.shape import CLAUSE, is_heading, is_salutation
from speechtopics.pdf_reader import ENDS_SENTENCE, pdf_paragraphs
from speechtopics.word_headings import OutlineLevels, section_headings
from speechtopics.word_numbering import ListNumbers

__all__ = ["WordText", "docx_text", "printed_lines", "read_docx", "runs_on", "unwrap_lines"]


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_text(data: bytes) -> str:
    """The text of a Word document in reading order, one paragraph per line.

    Tables stay where they stand, a row per line with its cells separated by tabs (a merged cell once,
    not once per column it spans); paragraphs inside content controls (``w:sdt``, common in templates)
    and tracked insertions are read, tracked deletions are not; an automatically numbered paragraph
    starts with the number Word draws (:class:`~speechtopics.word_numbering.ListNumbers`). python-docx opens the package; its
    ``Document.paragraphs`` and ``Paragraph.text`` skip content controls and insertions and its
    ``row.cells`` repeats merged cells, so the body's elements are walked here, which no python-docx
    call does. A document whose every printed line is a paragraph of its own (:func:`printed_lines`)
    is joined back into paragraphs as a PDF's lines are (:func:`~speechtopics.pdf_reader.pdf_paragraphs`:
    a line that stops short ends one, an indented line starts one), its tables left as they are; a
    paragraph that stops inside a sentence (after a comma: :func:`runs_on`) is joined to the next.
    """
    return read_docx(data).text


class WordText(NamedTuple):
    """A Word document's text (:func:`docx_text`) and its headings that only a style or an outline level
    marks (heading text to level, 1 for 标题 1: :func:`~speechtopics.word_headings.section_headings`)."""

    text: str
    headings: dict[str, int]


def read_docx(data: bytes) -> WordText:
    """:func:`docx_text` with the document's unnumbered styled headings (标题 1 / Heading 1 …, or an
    outline level set on the paragraph), which the clean stage makes sections as a Markdown page's
    ``##`` headings; none for a document whose paragraphs are its printed lines (joined back)."""
    import docx

    document = docx.Document(io.BytesIO(word_package(data)))
    lines: list[str] = []
    rows: set[int] = set()
    outline: list[tuple[str, int | None, bool]] = []
    _docx_blocks(document.element.body, lines, ListNumbers(document), rows,
                 (OutlineLevels(document), outline))
    if printed_lines([line for i, line in enumerate(lines) if i not in rows]):
        return WordText("\n".join(_join_run_on(_rejoin_printed(lines, rows), rows)), {})
    return WordText("\n".join(_join_run_on(lines, rows)), section_headings(outline))


_INNER_CLAUSE = re.compile(r"[，,、；;。！？]")
# a line with a space inside (a photo credit, 新华社记者 李涛 摄), a credit ending 摄, a subtitle (——在…)
# or a file name (2013-10-07_…)
_CAPTION = re.compile(r"\S\s+\S|摄$|^[—－-]|_")


def runs_on(line: str, after: str, min_chars: int = 15, wrap_chars: int = 30) -> bool:
    """Whether ``line`` stops mid-sentence and ``after`` carries it on (a paragraph split, or a soft line
    break typed, inside a sentence): ``line`` ends with a comma or 、 and is ``min_chars`` or longer, or
    ends with a character of a word, is ``wrap_chars`` or longer (soft breaks are taken at 24: an
    official document's printed line is 28 characters) and holds a comma, 、 or stop (not a colon only:
    a source line, 来源：人民日报, is no sentence); ``after`` opens no numbered heading and ``line`` is
    none (a paragraph that opens 第一， and holds a sentence is no heading). A title, a heading without
    a number, a signature or an address has no comma at its end and is seldom that long with
    punctuation inside; a salutation (尊敬的…， 各位来宾，), lines that open alike (a toast's 为…，
    为…，), a photo caption and a —— subtitle are never joined.

    Examples
    --------
    >>> runs_on("党的十八大以来，我们党着眼于新的形势任务，", "把全面从严治党纳入战略布局。")
    True
    >>> runs_on("以上意见，请各乡镇各部门结合实际认真贯彻落实。", "平山县人民政府办公室")
    False
    """
    line, after = line.strip(), after.strip()
    if (not line or not after or is_heading(after) or is_heading(line) and not any(stop in line for stop in "。！？；")
            or is_salutation(line) or is_salutation(after) or line[0] == after[0]):  # an address or toast list
        return False
    if line[-1:] in "，、," and len(line) >= min_chars:
        return True
    return (len(line) >= wrap_chars and bool(_INNER_CLAUSE.search(line)) and "\u4e00" <= line[-1:] <= "\u9fff"
            and not _CAPTION.search(line))


def _join_run_on(lines: list[str], rows: set[int]) -> list[str]:
    """``lines`` with each paragraph that :func:`runs_on` into the next joined to it (not table rows)."""
    out: list[str] = []
    glue = False
    for i, line in enumerate(lines):
        if glue:
            out[-1] += line.strip()
        else:
            out.append(line)
        glue = i not in rows and i + 1 < len(lines) and i + 1 not in rows and runs_on(out[-1], lines[i + 1])
    return out


def printed_lines(paragraphs: list[str], min_chars: int = 15) -> bool:
    """Whether ``paragraphs`` are the printed lines of a text rather than its paragraphs (text copied
    from a PDF into Word keeps every line a paragraph of its own): the full lines (as long as the
    upper quartile's paragraph, within two characters or a tenth, and ``min_chars`` or longer) are a
    quarter of the paragraphs or more, and half of them, three or more, are wrapped lines: they do
    not end a sentence, the next paragraph is neither indented nor a numbered heading, and the two hold
    a comma or stop (body text, not a list of names). Paragraphs written in Word vary in length and end their sentences.

    Examples
    --------
    >>> text = "　　今年以来，全县上下坚持稳中求进工作总基调，统筹推进疫情防控和经济社会发展，全年地区生产总值增长百分之六，财政收入稳步增长。"
    >>> printed_lines([text[i:i + 24] for i in range(0, len(text), 24)] * 3)
    True
    >>> printed_lines([text, "　　过去一年，各项事业取得新进展。", text])
    False
    """
    kept = [p for p in paragraphs if p.strip()]
    widths = sorted(len(p.strip()) for p in kept)
    width = widths[3 * len(widths) // 4] if widths else 0
    if width < min_chars:
        return False
    full = [i for i, p in enumerate(kept) if abs(len(p.strip()) - width) <= max(2, width / 10)]
    wrapped = sum(i + 1 < len(kept) and bool(CLAUSE.search(kept[i] + kept[i + 1])) and not ENDS_SENTENCE.search(kept[i].strip())
                  and not _indented(kept[i + 1]) and not is_heading(kept[i + 1].strip()) for i in full)
    return 4 * len(full) >= len(kept) and wrapped >= max(3, len(full) / 2)


def _indented(paragraph: str) -> bool:
    """Whether a paragraph opens with an indent typed as characters (``　　`` or two spaces)."""
    return paragraph[:1] == "\u3000" or paragraph.startswith("  ")


def _rejoin_printed(lines: list[str], rows: set[int]) -> list[str]:
    """``lines`` with each run of paragraphs between tables joined back into paragraphs."""
    out: list[str] = []
    run: list[str] = []
    for i, line in enumerate(lines + [""]):
        if i in rows or i == len(lines):
            joined = pdf_paragraphs("\n".join(run))
            out += joined.split("\n") if joined else []
            run = []
            out += [line] if i < len(lines) else []
        else:
            run.append(line)
    return out


def _docx_blocks(parent, lines: list[str], numbers: ListNumbers, rows: set[int] | None = None,
                 outline: tuple[OutlineLevels, list] | None = None) -> None:
    """Append the lines of the block elements under ``parent`` (body, cell or content control); the
    indices of the lines that are table rows go into ``rows``, and each paragraph outside tables with
    its outline level and whether it is styled Title into ``outline``'s list."""
    rows = set() if rows is None else rows
    for child in parent.iterchildren():
        if child.tag == _W + "p":
            lines.append(numbers.label(child) + _docx_paragraph(child))
            if outline is not None:
                outline[1].append((lines[-1], outline[0].level(child), outline[0].is_title(child)))
        elif child.tag == _W + "tbl":
            for row in child.iterchildren(_W + "tr"):
                cells = []
                for cell in row.iterchildren(_W + "tc"):
                    inner: list[str] = []
                    _docx_blocks(cell, inner, numbers)
                    cells.append("\n".join(inner))
                rows.add(len(lines))
                lines.append("\t".join(cells))
        elif child.tag in (_W + "sdt", _W + "customXml"):
            content = child.find(_W + "sdtContent")
            _docx_blocks(content if content is not None else child, lines, numbers, rows, outline)


_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"


def _docx_paragraph(p) -> str:
    """A paragraph's text: its runs, those of hyperlinks, fields and insertions included; tabs and line
    breaks kept. A text box anchored in it comes first, a line per paragraph of the box, and once: not
    again from the copy Word stores for older readers (``mc:Fallback``). A tracked move is read where it
    moved to (``w:moveTo``), not where it moved from (``w:moveFrom``). A footnote's or endnote's mark
    typed by hand (``w:customMarkFollows``: ① or * in the run of the reference) is left out, as Word's
    own numbered marks are (they hold no text)."""
    apart = (_MC + "Fallback", _W + "moveFrom", _W + "txbxContent")
    nested = next(p.iter(*apart), None) is not None
    boxes = [box for box in p.iter(_W + "txbxContent")
             if next(box.iterancestors(_MC + "Fallback", _W + "moveFrom"), None) is None] if nested else []
    out = [_docx_paragraph(q) + "\n" for box in boxes for q in box.iterchildren(_W + "p")]
    own = []
    for el in p.iter(_W + "t", _W + "tab", _W + "br", _W + "cr"):
        if nested and _inside(el, p, apart) or el.getparent().tag == _W + "tabs":  # a tab stop setting, not a tab
            continue
        if el.tag == _W + "t" and _custom_note_mark(el.getparent()):
            continue
        own.append(el.text or "" if el.tag == _W + "t" else "\t" if el.tag == _W + "tab" else "\n")
    return "".join(out) + unwrap_lines("".join(own))


def unwrap_lines(text: str, min_chars: int = 15) -> str:
    r"""A paragraph's soft line breaks taken out where they only wrap its lines: text pasted from a PDF
    or a web page keeps a break every printed line (every line but the last as long as the others,
    within two characters, and ``min_chars`` or more), which cut numbers and words apart (``2`` /
    ``015年``). A single break typed inside a sentence (Shift+Enter after a comma: :func:`runs_on`) is
    taken out too. Breaks that set lines apart (an address, a list, a signature) are kept.

    Examples
    --------
    >>> unwrap_lines("今年以来，全县上下坚持稳中求进工作总基调，统筹\n推进疫情防控和经济社会发展，全年地区生产总值\n增长6%。")
    '今年以来，全县上下坚持稳中求进工作总基调，统筹推进疫情防控和经济社会发展，全年地区生产总值增长6%。'
    >>> unwrap_lines("平山县人民政府办公室\n2024年4月28日")
    '平山县人民政府办公室\n2024年4月28日'
    >>> unwrap_lines("党的十八大以来，我们党着眼于新的形势任务，\n把全面从严治党纳入“四个全面”战略布局。")
    '党的十八大以来，我们党着眼于新的形势任务，把全面从严治党纳入“四个全面”战略布局。'
    """
    lines = text.split("\n")
    widths = [len(ln.strip()) for ln in lines[:-1]]
    if not widths:
        return text
    # one break: only a long first line that stops mid-sentence is a wrapped one (not …落到实处。 /
    # 平山县人民政府办公室)
    if (len(lines) == 2 and (widths[0] < 2 * min_chars or lines[0].rstrip()[-1:] in "。！？；：!?;:")
            or min(widths) < min_chars or max(widths) - min(widths) > 2 or len(lines[-1].strip()) > max(widths) + 2
            or len({ln.strip()[:2] for ln in lines}) == 1):  # lines that all open alike are a list (addresses)
        return _join_breaks(text)
    return "".join(ln.strip() for ln in lines)


def _join_breaks(text: str) -> str:
    """``text`` with each soft line break inside a sentence (:func:`runs_on`) taken out."""
    lines = text.split("\n")
    return "".join(ln + ("" if i + 1 == len(lines) else "" if runs_on(ln, lines[i + 1], wrap_chars=24) else "\n")
                   for i, ln in enumerate(lines))


def _custom_note_mark(run) -> bool:
    """Whether ``run`` holds a footnote or endnote reference whose mark is the run's own text."""
    ref = next(run.iterchildren(_W + "footnoteReference", _W + "endnoteReference"), None)
    return ref is not None and ref.get(_W + "customMarkFollows") in ("1", "true", "on")


def _inside(el, top, tags: tuple[str, ...]) -> bool:
    """Whether an element of one of ``tags`` stands between ``el`` and ``top`` (its paragraph)."""
    for up in el.iterancestors():
        if up is top:
            return False
        if up.tag in tags:
            return True
    return False


_MACRO_TYPES = (b"application/vnd.ms-word.document.macroEnabled.main+xml",
                b"application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
                b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml")
_DOCUMENT_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def word_package(data: bytes) -> bytes:
    """``data`` as python-docx opens it: a macro-enabled document (``.docm``) or a template (``.dotx``,
    ``.dotm``) is the same package with another content type, which python-docx refuses; its main part
    is declared a document (the macros are never run or read)."""
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            types = z.read("[Content_Types].xml")
            if not any(t in types for t in _MACRO_TYPES):
                return data
            out = io.BytesIO()
            with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as w:
                for info in z.infolist():
                    body = z.read(info.filename)
                    if info.filename == "[Content_Types].xml":
                        for t in _MACRO_TYPES:
                            body = body.replace(t, _DOCUMENT_TYPE)
                    w.writestr(info, body)
            return out.getvalue()
    except (zipfile.BadZipFile, KeyError):
        return data  # python-docx says what is wrong with it
