"""Word's styled headings: the paragraphs a heading style or an outline level makes a document's sections.

One responsibility: :class:`OutlineLevels` (the outline level Word gives a paragraph) and
:func:`section_headings` (which of those headings are sections the clean stage should see). Word
shows a paragraph styled 标题 1 / Heading 1 (or set to an outline level) in its navigation pane
whether or not it carries a number; a numbered one (一、 （一）) is already a section by its number
(:func:`~speechtopics.clean.outline.tag_sections`), an unnumbered one only by its style, which the
text alone does not keep. python-docx names a paragraph's style but follows neither ``w:basedOn`` nor
``w:outlineLvl``, so the level is read here.
"""

from __future__ import annotations

import re

from speechtopics.clean.outline import heading_marker
from speechtopics.clean.shape import is_salutation

__all__ = ["OutlineLevels", "section_headings"]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# a built-in heading's name (heading 1, as Word stores it whatever the display language), a Chinese
# template's (标题 1) or an English style id (Heading1)
_HEADING_NAME = re.compile(r"^(?:heading|标题)\s*([1-9])$", re.I)
_TITLE_NAME = re.compile(r"^(?:title|标题)$", re.I)
# a stop inside the text: a sentence, not a heading
_SENTENCE = re.compile(r"[。！？!?；;]")
# a subtitle or a speaker's line (——在全县经济工作会议上的讲话, ——习近平) or a date (（2014年10月8日）)
_FRONT_LINE = re.compile(r"^(?:[—－-]{1,2}|[（(].*[)）]$)")


def _val(el, tag: str) -> str | None:
    child = el.find(_W + tag) if el is not None else None
    return child.get(_W + "val") if child is not None else None


class OutlineLevels:
    """The outline level (1 = 标题 1 / Heading 1 … 9) Word gives each paragraph: the paragraph's own
    ``w:outlineLvl``, else its style's, following ``w:basedOn``; the first style on that chain that
    sets ``w:outlineLvl`` decides (9, body text, as a table of contents' heading sets it: none), and a
    style named heading N (标题 N, id HeadingN) gives N. A paragraph styled Title (标题) is a title."""

    def __init__(self, document):
        self.styles: dict[str, tuple[str | None, str | None, str | None]] = {}  # id: outline, name, based on
        try:
            styles = document.styles.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        for style in styles.iterchildren(_W + "style"):
            if style.get(_W + "type") not in (None, "paragraph"):
                continue
            self.styles[style.get(_W + "styleId")] = (_val(style.find(_W + "pPr"), "outlineLvl"),
                                                      _val(style, "name"), _val(style, "basedOn"))

    def _names(self, style_id: str | None):
        """``(style id, outline level set, name)`` along the style's ``w:basedOn`` chain."""
        seen: set[str] = set()
        while style_id is not None and style_id not in seen and style_id in self.styles:
            seen.add(style_id)
            outline, name, based = self.styles[style_id]
            yield style_id, outline, name
            style_id = based

    def level(self, p) -> int | None:
        """Paragraph ``p``'s outline level, 1 to 9, or None for body text."""
        ppr = p.find(_W + "pPr")
        own = _val(ppr, "outlineLvl")
        if own is not None:
            return _outline(own)
        for style_id, outline, name in self._names(_val(ppr, "pStyle")):
            if outline is not None:
                return _outline(outline)
            m = _HEADING_NAME.match((name or "").strip()) or _HEADING_NAME.match(style_id or "")
            if m:
                return int(m.group(1))
        return None

    def is_title(self, p) -> bool:
        """Whether paragraph ``p`` is styled Title (标题), or a style based on it."""
        ppr = p.find(_W + "pPr")
        return any(_TITLE_NAME.match((name or "").strip()) or style_id == "Title"
                   for style_id, _, name in self._names(_val(ppr, "pStyle")))


def _outline(value: str) -> int | None:
    try:
        level = int(value) + 1
    except ValueError:
        return None
    return level if 1 <= level <= 9 else None


def section_headings(paragraphs: list[tuple[str, int | None, bool]], max_chars: int = 50) -> dict[str, int]:
    """The styled headings that are sections the text does not show: heading text to outline level.

    ``paragraphs`` are the document's paragraphs in order, each ``(text, outline level or None, styled
    Title)``. Left out: a title (styled Title, or a level-1 heading that is the document's first
    paragraph, as a Markdown page's ``#`` heading); the front matter, the headings before the body
    (its first sentence or salutation) opens, but the one right above a body that opens with no
    salutation (a title, subtitle or speaker's line styled as a heading under a date line); a
    salutation (同志们：), a subtitle (——在…的讲话) or a date in brackets styled as a heading; a numbered heading (一、 （一）, a section by its
    number) and an unnumbered one at its level or below it (its sections are numbered); a heading
    that is a sentence (a stop inside, or longer than ``max_chars``) or holds a line break; and all of
    them when they are half the paragraphs or more (a document typed wholly in a heading style).

    Examples
    --------
    >>> body = [("今年全县经济稳中有进。", None, False), ("项目是发展的支撑。", None, False)]
    >>> section_headings([("在全县经济工作会议上的讲话", 1, False), ("同志们：", None, False), ("充分肯定成绩", 1, False),
    ...                   *body, ("明确今年任务", 1, False), ("抓好项目建设", 2, False), *body])
    {'充分肯定成绩': 1, '明确今年任务': 1, '抓好项目建设': 2}
    """
    kept = [(text.strip(), level, title) for text, level, title in paragraphs if text.strip()]
    heads = [(i, text, level) for i, (text, level, title) in enumerate(kept) if level and not title]
    if not heads or 2 * len(heads) >= len(kept):
        return {}
    numbered = [level for _, text, level in heads if heading_marker(text)]
    below = min(numbered, default=10)
    start = next((i for i, (text, level, _) in enumerate(kept) if is_salutation(text) or not level and (
        len(text) > max_chars or _SENTENCE.search(text))), len(kept))
    front = [i for i, _, _ in heads if i < start]
    front = set(front if start < len(kept) and is_salutation(kept[start][0]) else front[:-1])
    out: dict[str, int] = {}
    for i, text, level in heads:
        if (i == 0 and level == 1 or i in front or level >= below or heading_marker(text) or "\n" in text
                or is_salutation(text.rstrip("：:，,！!") + "：") or _FRONT_LINE.match(text)
                or len(text) > max_chars or _SENTENCE.search(text[:-1])):
            continue
        out.setdefault(text, level)
    return out
