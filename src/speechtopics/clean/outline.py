"""Speech outline: numbered headings and each paragraph's section path.

This module owns recognising the numbering Chinese speeches use (``一、``, ``（一）``/``(一)``, ``1.``,
``（1）``, ``第一，``, ``第一个问题：``, ``一是``, ``一要``) and tagging every paragraph with the path of
headings above it, e.g. ``"二/（三）"``. Levels are not fixed: the first numbering style met opens level
one, a new style opens a level below, and meeting a style again closes the levels under it, which
follows whatever order a given speech uses.
"""

from __future__ import annotations

import re

__all__ = ["heading_marker", "heading_path", "heading_sections", "tag_sections", "top_section"]

_CN = "一二三四五六七八九十百"
_MARKERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    # a full stop before a digit is a decimal's; 、 before one is a heading's (一、2023年工作回顾)
    ("cn、", re.compile(rf"^([{_CN}]+)(?:、|[．.](?!\d))")),
    ("（cn）", re.compile(rf"^[(（]([{_CN}]+)[)）]")),
    ("第cn个问题", re.compile(rf"^第([{_CN}]+)(?:个问题|个方面|部分)(?=[、，,:：\s\u3000]|[^。！？，,；;：:]{{0,30}}$)")),
    ("第cn", re.compile(rf"^第([{_CN}]+)(?:[、，,:：]|(?=[是要条]))")),
    ("cn是", re.compile(rf"^([{_CN}]{{1,3}})是(?=\S)")),
    ("cn要", re.compile(rf"^([{_CN}]{{1,3}})要(?=\S)")),
    ("n.", re.compile(r"^(\d{1,2})(?:、|[.．](?!\d))")),
    ("（n）", re.compile(r"^[(（](\d{1,2})[)）]")),
)


# every marker starts with one of these (or a decimal digit, which \d also matches beyond ASCII)
_FIRST = frozenset(_CN + "(（第")


_CN_VALUE = {c: i for i, c in enumerate("一二三四五六七八九十", 1)}
_MONTH_AFTER = re.compile(r"([一二三四五六七八九十]{1,2}|\d{1,2})月")


def _number(text: str) -> int | None:
    """The value of a numeral of one or two places (12, 十二, 十一; 二十 and above never name a month)."""
    if text.isdecimal():
        return int(text)
    if len(text) == 1:
        return _CN_VALUE.get(text)
    return 10 + _CN_VALUE.get(text[1], 0) if text[0] == "十" else None


def _two_months(num: str, rest: str) -> bool:
    """Whether ``num、`` opens two consecutive months (1、2月份, 五、六月份), not a heading (一、十月份工作)."""
    m = _MONTH_AFTER.match(rest)
    return bool(m) and _number(num) is not None and _number(m.group(1)) == _number(num) + 1


def heading_marker(line: str) -> tuple[str, str] | None:
    """The numbering style and label a line starts with.

    Parameters
    ----------
    line : str
        One paragraph.

    Returns
    -------
    tuple of (str, str) or None
        ``(style, label)`` such as ``("（cn）", "（二）")``, or None for an unnumbered paragraph.
    """
    if not line or not (line[0] in _FIRST or line[0].isdecimal()):
        return None
    for style, rx in _MARKERS:
        m = rx.match(line)
        if m:
            num = m.group(1)
            if style in ("cn、", "n.") and _two_months(num, line[m.end():]):
                return None  # 1、2月份, 五、六月份: two months in a row, not a heading
            label = {
                "cn、": num,
                "（cn）": f"（{num}）",
                "第cn个问题": f"第{num}{m.group(0)[len(num) + 1:]}",
                "第cn": f"第{num}",
                "cn是": f"{num}是",
                "cn要": f"{num}要",
                "n.": num,
                "（n）": f"（{num}）",
            }[style]
            return style, label
    return None


# a label :func:`tag_sections` gives (一, （二）, 第三, 第一个问题, 二是, 12, （3）), not a heading's own text
_LABEL = re.compile(rf"^(?:[{_CN}]+|\d{{1,2}}|（(?:[{_CN}]+|\d{{1,2}})）|第[{_CN}]+(?:个问题|个方面|部分)?|[{_CN}]{{1,3}}[是要])$")


def top_section(path: str) -> str:
    """The top-level section of a section path: the unit a section-level model reads.

    A speech's outline labels (``"二/（三）"``) give their first label; headings (a Markdown page's
    ``##`` …, a Word document's styled ones: see :func:`heading_sections`) come before its numbering
    (``"详细新闻/新闻标题/1"``) and each heading is a section of its own, numbering under it included:
    the path up to its last heading is kept (a broadcast's news items are units of their own, not one
    unit per ``## 详细新闻``; a Word speech's 标题 1 sections are one unit each, 第一，… 第二，… inside).

    Parameters
    ----------
    path : str
        A paragraph's section path, labels joined by ``/``.

    Returns
    -------
    str
        The path's headings, the numbering under them left out; without a heading, the path up to
        and including its first outline label (the whole path when it has neither).

    Examples
    --------
    >>> top_section("二/（三）"), top_section("详细新闻/要闻一"), top_section("详细新闻/要闻一/1/（2）")
    ('二', '详细新闻/要闻一', '详细新闻/要闻一')
    """
    parts = (path or "").split("/")
    for i, part in enumerate(parts):
        if _LABEL.match(part):  # the headings above it, else the label itself
            return "/".join(parts[: i or 1])
    return "/".join(parts)


def heading_path(path: str) -> str:
    """The headings a section path opens with (:func:`heading_sections`), ``""`` when it opens with an
    outline label or is empty.

    Examples
    --------
    >>> heading_path("全面从严治党取得的成效/第一"), heading_path("二/（三）"), heading_path("")
    ('全面从严治党取得的成效', '', '')
    """
    parts = (path or "").split("/")
    n = next((i for i, part in enumerate(parts) if _LABEL.match(part)), len(parts))
    return "/".join(parts[:n])


def tag_sections(paragraphs: list[str]) -> list[str]:
    """Section path for each paragraph (``""`` before the first heading).

    Parameters
    ----------
    paragraphs : list of str
        The body paragraphs in order.

    Returns
    -------
    list of str
        One path per paragraph, labels joined by ``/``.
    """
    stack: list[tuple[str, str]] = []
    paths = []
    for para in paragraphs:
        marker = heading_marker(para)
        if marker:
            style, label = marker
            styles = [s for s, _ in stack]
            if style in styles:
                del stack[styles.index(style) :]
            stack.append((style, label))
        paths.append("/".join(label for _, label in stack))
    return paths


def heading_sections(paragraphs: list[str], lines: list[str], origins: list[int], levels: dict[str, int]) -> list[str]:
    """Sections of a Markdown page or a Word document: its ``##`` … headings, or the headings its
    styles mark (``levels``: heading text to level), are the outer path, and the outline numbering
    (:func:`tag_sections`) starts again inside each, so a broadcast's ``### 新闻标题`` items are sections and its summary list's numbers do not run on into them.

    Parameters
    ----------
    paragraphs : list of str
        The body paragraphs.
    lines : list of str
        Every line of the page in order, kept or not (headings may have been dropped as chrome).
    origins : list of int
        The line each paragraph comes from.
    levels : dict
        Heading text (as the lines read) to its level (2 to 6 for ``##`` …, 1 to 9 for Word's).

    Examples
    --------
    >>> heading_sections(["1.要闻一", "正文一。", "正文二。"], ["新闻摘要", "1.要闻一", "详细新闻", "要闻一", "正文一。",
    ...                  "正文二。"], [1, 4, 5], {"新闻摘要": 2, "详细新闻": 2, "要闻一": 3})
    ['新闻摘要/1', '详细新闻/要闻一', '详细新闻/要闻一']
    """
    stack: list[tuple[int, str]] = []
    outer_at = []
    for line in lines:
        level = levels.get((line or "").strip())
        if level:
            stack = [s for s in stack if s[0] < level] + [(level, line.strip()[:20].replace("/", "／"))]
        outer_at.append("/".join(label for _, label in stack))
    outer = [outer_at[i] for i in origins]
    out, start = [""] * len(paragraphs), 0
    for j in range(1, len(paragraphs) + 1):
        if j == len(paragraphs) or outer[j] != outer[start]:
            inner = tag_sections(paragraphs[start:j])
            for t in range(start, j):
                out[t] = "/".join(x for x in (outer[t], inner[t - start]) if x)
            start = j
    return out

