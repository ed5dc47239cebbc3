"""Text PDFs: their text layer joined back into paragraphs, without running heads, page numbers and notes.

One responsibility: :func:`pdf_text`. pdfminer.six lays each page out into text lines with their
positions; the geometry a reader sees (an indented first line, a line that stops short, a gap between
paragraphs) is read from those positions, and the lines are then joined into paragraphs. A scanned PDF
without a text layer raises :class:`NoTextLayer`, which ingest turns into a ledger row with that reason.
"""

from __future__ import annotations

import io
import logging
import re

from speechtopics.clean.layout import NOTE_RULE

__all__ = ["NoTextLayer", "drop_footnotes", "drop_running_lines", "layout_lines", "pdf_paragraphs", "pdf_text"]


class NoTextLayer(ValueError):
    """A PDF whose pages carry no text (a scan): it cannot be read without OCR."""


def pdf_text(data: bytes) -> str:
    """The text layer of a PDF, one paragraph per line (a paragraph over a page break is one).

    Raises
    ------
    NoTextLayer
        When no page holds any text (a scanned document).
    ValueError
        When the bytes are no PDF (a web page a failed download saved under the PDF's name).
    """
    if b"%PDF" not in data[:1024]:
        head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
        page = head.startswith((b"<html", b"<!doctype", b"<?xml", b"<head"))
        raise ValueError("not a PDF: the file holds a web page (a download that failed?)" if page
                         else "not a PDF: the file does not start as one")
    pages = layout_lines(data)
    if not any(line.strip() for page in pages for line in page):
        raise NoTextLayer("PDF has no text layer (a scan; OCR it first)")
    pages = [drop_footnotes(page) for page in drop_running_lines(pages)]
    # the pages' lines as one run: a paragraph whose last line falls on the next page stays one paragraph
    return pdf_paragraphs("\n".join(line for page in pages for line in page))


#: A text line as laid out: x0, y0, x1, y1 (PDF points, y upwards) and its text.
Line = tuple[float, float, float, float, str]


def layout_lines(data: bytes) -> list[list[str]]:
    """Each page's text lines in pdfminer's reading order, with the page's geometry written into them as
    a reader sees it (pdfminer's ``extract_pages`` gives each line's position; its plain text does not):

    * pieces of one printed line that the text layer holds apart (drawn out of order, or in runs of
      their own) are one line again when they share a baseline and touch (less than a character apart);
    * a line that starts one to four characters right of its page's left margin (a first-line indent,
      not a centred or right-aligned line or another column) opens with ``　　``, as a typed indent does:
      Word and WPS write their first-line indent as a position, not as characters;
    * an empty line stands where the page leaves more than 1.5 times its usual line pitch between two
      lines (a gap between paragraphs), or where reading moves up the page (a new column or box), and
      nowhere else: a line in a text box of its own is no gap;
    * an empty line ends a page whose body stops more than half a line pitch above the pages' usual
      last line, or is followed by a page whose body starts that far below their usual first line: the
      gap after a paragraph that ends at the page's foot (a page break inside a paragraph is no gap).
      The body is the page without its running head and foot, as :func:`drop_running_lines` finds them.
    """
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams, LTContainer, LTTextLine

    def walk(item, out: list[Line]) -> None:
        if isinstance(item, LTTextLine):
            text = item.get_text().rstrip("\n")
            if text.strip():
                out.append((item.x0, item.y0, item.x1, item.y1, text))
        elif isinstance(item, LTContainer):
            for child in item:
                walk(child, out)

    log = logging.getLogger("pdfminer")
    level = log.level
    log.setLevel(logging.ERROR)  # its warnings about a font's metrics (FontBBox …) say nothing about the text
    try:
        pages: list[list[Line]] = []
        boxes: list[tuple[float, float]] = []
        for page in extract_pages(io.BytesIO(data), laparams=LAParams(all_texts=True)):
            lines: list[Line] = []
            walk(page, lines)
            pages.append(_rejoin_pieces(lines))
            boxes.append((page.y0, page.y1))
    finally:
        log.setLevel(level)
    steps = sorted(a[1] - b[1] for page in pages for a, b in zip(page, page[1:]) if a[1] - b[1] > 0)
    pitch = steps[len(steps) // 2] if steps else 0.0
    margins = [_left_margin([ln for i, page in enumerate(pages) if i % 2 == parity for ln in page]) for parity in (0, 1)]
    ends = _page_ends(pages, boxes, pitch)
    out = []
    for i, page in enumerate(pages):
        left = margins[i % 2] if margins[i % 2] is not None else margins[1 - i % 2]
        text: list[str] = []
        for j, (x0, y0, x1, y1, piece) in enumerate(page):
            if j and (y0 > page[j - 1][1] or pitch and page[j - 1][1] - y0 > 1.5 * pitch):
                text.append("")
            indent = left is not None and 0.7 * (y1 - y0) <= x0 - left <= 4.5 * (y1 - y0)
            text.append(("\u3000\u3000" if indent and not piece[:1].isspace() else "") + piece)
        out.append(text + [""] * (i in ends))
    return out


def _page_ends(pages: list[list[Line]], boxes: list[tuple[float, float]], pitch: float) -> set[int]:
    """The pages (by index) after which the page break is a gap between paragraphs: the page's body
    stops, or the next page's body starts, more than half a pitch short of the pages' usual foot or top
    (the most common distance from the page's edge, of equals the nearest; ``boxes`` holds each page's
    bottom and top edge). A page cropped to its text says nothing: its text reaches its edges."""
    running = _running_lines([[line[4] for line in page] for page in pages])
    spans = []  # per page: the body's distance from the page's foot and top, None for a page without
    for page, (bottom, top) in zip(pages, boxes):
        ends = {*range(len(page))[:1], *range(len(page))[-1:]}
        body = [line[1] for j, line in enumerate(page) if j not in ends or _line_key(line[4]) not in running]
        spans.append((min(body) - bottom, top - max(body)) if body else None)

    def usual(values: list[float]) -> float | None:
        counts: dict[int, int] = {}
        for v in values:
            counts[round(v)] = counts.get(round(v), 0) + 1
        return float(max(counts, key=lambda v: (counts[v], -v))) if counts else None

    foot = usual([span[0] for span in spans[:-1] if span])
    head = usual([span[1] for span in spans if span])
    if not pitch or foot is None or head is None:
        return set()
    out = set()
    for i, span in enumerate(spans[:-1]):
        after = next((s for s in spans[i + 1:] if s), None)
        if span and after and (span[0] - foot) + (after[1] - head) > 0.5 * pitch:
            out.add(i)
    return out


def _rejoin_pieces(lines: list[Line]) -> list[Line]:
    """Lines of one page with the pieces of one printed line joined (same baseline, touching), in x order."""
    out: list[Line] = []
    for line in lines:
        if out:
            x0, y0, x1, y1, text = out[-1]
            height = max(y1 - y0, line[3] - line[1], 1.0)
            gap = max(line[0] - x1, x0 - line[2])
            if abs(line[1] - y0) < 0.3 * height and -0.2 * height < gap < 0.8 * height:
                first, second = (out[-1], line) if line[0] >= x0 else (line, out[-1])
                glue = " " if gap > 0.25 * height and first[4][-1:].isascii() and second[4][:1].isascii() else ""
                out[-1] = (min(x0, line[0]), min(y0, line[1]), max(x1, line[2]), max(y1, line[3]),
                           first[4] + glue + second[4])
                continue
        out.append(line)
    return out


def _left_margin(lines: list[Line]) -> float | None:
    """The x where most lines start (to the point; the leftmost of equals), None without lines."""
    counts: dict[int, int] = {}
    for line in lines:
        counts[round(line[0])] = counts.get(round(line[0]), 0) + 1
    return float(min(counts, key=lambda x: (-counts[x], x))) if counts else None


def drop_running_lines(pages: list[list[str]]) -> list[list[str]]:
    """Pages without their running header and footer: a first or last non-empty line (digits ignored,
    so page numbers match) that recurs at the top or the bottom of two pages or more. Text seldom
    starts or ends two pages with the same line, while heads do, also a book's that alternate (its
    title on the left page, the chapter's on the right, a new chapter's from its first page). The empty
    lines between a running line and the text go with it: the gap around a page number does not end a
    paragraph that goes on over the page break.

    Examples
    --------
    >>> pages = [["中央文献出版社", "正文一。", "第1页"], ["中央文献出版社", "正文二。", "第2页"]]
    >>> drop_running_lines(pages)
    [['正文一。'], ['正文二。']]
    """
    running = _running_lines(pages)
    if not running:
        return pages
    out = []
    for page in pages:
        idx = [i for i, ln in enumerate(page) if ln.strip()]
        drop = {i for i in idx[:1] + idx[-1:] if _line_key(page[i]) in running}
        # pdfminer may read a centred head after the page's first body line (or a foot before its
        # last): a running line second from an end is one when the end's line is not (a chapter's
        # title under a book's running head stays)
        drop |= {idx[k] for k, end in ((1, 0), (-2, -1)) if len(idx) > 2 and idx[end] not in drop
                 and _line_key(page[idx[k]]) in running}
        for i in sorted(drop):  # with the empty lines that set it off the text: they are no paragraph's end
            step = 1 if i in idx[:2] else -1
            j = i + step
            while 0 <= j < len(page) and not page[j].strip():
                drop.add(j)
                j += step
        out.append([ln for i, ln in enumerate(page) if i not in drop])
    return out


def _line_key(line: str) -> str:
    """A line as running heads are compared: without spaces, each number ``#``."""
    return re.sub(r"\d+", "#", "".join(line.split()))


def _running_lines(pages: list[list[str]]) -> set[str]:
    """The running heads and feet of ``pages`` (each a list of lines), as keys: spaces taken out and
    numbers written ``#`` (:func:`drop_running_lines` says which lines are running).

    Examples
    --------
    >>> sorted(_running_lines([["中央文献出版社", "正文一。", "第1页"], ["中央文献出版社", "正文二。", "第2页"]]))
    ['中央文献出版社', '第#页']
    """
    ends: dict[str, int] = {}
    for page in pages:
        filled = [ln for ln in page if ln.strip()]
        for line in {*filled[:1], *filled[-1:]}:
            ends[_line_key(line)] = ends.get(_line_key(line), 0) + 1
    return {k for k, n in ends.items() if n >= 2}


_NOTE_MARKS = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def drop_footnotes(page: list[str]) -> list[str]:
    """A page without its footnotes: from the first line that starts with a note mark (①, ②, …) which
    the page's text carries before it as a reference (…发展③), to the end of the page, with the rule of
    dashes above it (``——————``) when the rule is typed as text. A list in the
    text that numbers its items ①②③ at line starts is not a footnote: its marks are not references.

    Examples
    --------
    >>> drop_footnotes(["两国关系发展③的正确方向。", "③ 见《中国共产党章程》第12页。", "12"])
    ['两国关系发展③的正确方向。']
    >>> drop_footnotes(["主要任务：", "①加强管理；", "②优化服务。"])
    ['主要任务：', '①加强管理；', '②优化服务。']
    """
    seen = ""
    for i, line in enumerate(page):
        text = line.strip()
        if text and text[0] in _NOTE_MARKS and text[0] in seen:
            while i and (not page[i - 1].strip() or NOTE_RULE.fullmatch(page[i - 1].strip())):
                i -= 1  # the rule that sets the notes off, typed as dashes
            return page[:i]
        seen += "".join(c for j, c in enumerate(text) if c in _NOTE_MARKS and j > 0)
    return page


#: A printed page number on a line of its own: 第2页, 第 1 页 共 6 页, - 3 -, — 3 —, ·3·, 4/6, 12.
_PAGE_NUMBER = re.compile(r"(?:第\s*\d+\s*页(?:\s*[/，,、]?\s*共\s*\d+\s*页)?|共\s*\d+\s*页\s*[/，,、]?\s*第\s*\d+\s*页"
                          r"|[-—–·]?\s*\d{1,4}\s*[-—–·]?|\d{1,4}\s*/\s*\d{1,4})$")
#: A speech's own date line under its title, in brackets: （2015年11月3日）, （2015年9月28日，纽约）,
#: （2015年11月）, （2013年10月3—4日）; a bracket naming a year without a month (（2023年第一批）,
#: （2022年修订）) is no date line.
_DATE_LINE = re.compile(r"[（(]\s*(?:\d{4}|[〇○零一二三四五六七八九]{4})\s*年\s*[\d〇○零一二三四五六七八九十]{1,2}\s*月"
                        r"[^（）()]{0,24}[)）]")
#: A line that ends a sentence (closing quotes and brackets aside).
ENDS_SENTENCE = re.compile(r"[。！？!?：:；;…][”’」』)）]*$")


def pdf_paragraphs(page: str) -> str:
    r"""One PDF page's lines joined back into paragraphs, one per line.

    pdfminer returns a page's lines as the page shows them, so a paragraph comes back cut at every line
    end (and, from some writers, each line in a box of its own, between blank lines). A line ends its
    paragraph when it stops short of the margin (shorter than 80 % of the page's median line), and a
    new paragraph starts at an indented line (``　　`` or two spaces) or after a blank line that follows
    a finished sentence (where no line is indented and few are blank, at a line that ends a sentence);
    a page number on a line of its own is left out, and a date line in brackets
    (``（2015年11月3日）``) is a paragraph of its own, also under a title as wide as the text. Lines are joined without a
    space, unless both sides are Latin letters or digits (a number cut at the line's end inside Chinese text,
    ``达到1`` / ``09万人``, is one number: 109万人). No library returns paragraphs here; this is
    the layout rule a reader uses.

    Examples
    --------
    >>> pdf_paragraphs("　　同志们，今天我们召开全县经济工作会议，主要\n任务是总结去年工作。\n　　过去一年，全县上下攻坚克难。")
    '同志们，今天我们召开全县经济工作会议，主要任务是总结去年工作。\n过去一年，全县上下攻坚克难。'
    """
    lines = [ln.rstrip() for ln in page.split("\n")]
    widths = sorted(len(ln.strip()) for ln in lines if ln.strip())
    if not widths:
        return ""
    full = 0.8 * widths[len(widths) // 2]
    out: list[str] = []
    para, blank = "", False
    # where paragraphs are indented, the indent starts them; a blank line is then a text box's edge
    # (some writers put every line in a box of its own), not a paragraph's end
    blanks_count = not any(ln[:1] == "\u3000" or ln.startswith("  ") for ln in lines if ln.strip())
    # with neither indents nor gaps between paragraphs (a blank line for fewer than one line in eight: a
    # title's spacing), nothing but a line's end marks a paragraph's: a full line that ends a sentence ends
    # one more often than a sentence happens to end at the margin inside one
    bare = blanks_count and 8 * sum(not ln.strip() for ln in lines) < len(widths)
    for line in lines:
        piece = line.strip()
        if not piece or _PAGE_NUMBER.match(piece):  # a page number is no part of a paragraph
            blank = blank or not piece
            continue
        indented = line[:1] == "\u3000" or line.startswith("  ")
        dated = bool(_DATE_LINE.fullmatch(piece))
        if para and (indented or dated or blanks_count and blank and ENDS_SENTENCE.search(para)):
            out.append(para)
            para = ""
        para = para + _glue(para, piece) + piece if para else piece
        blank = False
        # stops short of the margin, or ends a sentence where nothing else marks paragraphs: it ends here
        if len(piece) < full or dated or bare and ENDS_SENTENCE.search(piece):
            out.append(para)
            para = ""
    if para:
        out.append(para)
    return "\n".join(out)


#: A number at a line's end whose digits touch the Chinese text before them (…达到1; not a figure after a space or a 2.3).
_CUT_NUMBER = re.compile(r"[^\x00-\x7f\s][0-9]+$")


def _glue(para: str, piece: str) -> str:
    """What joins a paragraph and its next line: a space between Latin letters or digits (words), nothing
    else; nothing also inside a number that the line's end cut in Chinese text (达到1 / 09万人): Chinese
    prose sets no number straight after another, while a row of figures keeps its spaces."""
    if not (para[-1:].isascii() and para[-1:].isalnum() and piece[:1].isascii() and piece[:1].isalnum()):
        return ""
    return "" if piece[:1].isdigit() and _CUT_NUMBER.search(para) else " "
