"""Text a page restates: a contents list at its top (:func:`cut_table_of_contents`) and a second copy
of its whole text (:func:`cut_second_copy`).

This module owns recognising such a list and cutting it, so the page's items are read once. A
broadcast transcript opens with its running order (``本期节目主要内容：`` then ``1.习近平…；``,
``（1）2022年脱贫人口…；``), a collection or report with its ``目录``; each entry repeats a heading or a
lead line that follows. Left in, every headline is counted twice and the list becomes a "paragraph" of
its own. The rule is a shape, not a site's strings: a run of at least three lines, each restating a
distinct line further down (the same words once its list marker and closing punctuation are taken
off, a heading that the entry starts with, or one that starts with the entry), each entry a headline (at most 80 characters, no clause
break inside but for one within the quotation or title it names, 围绕“深化…应用，提升…水平”协商议政 or
发表…文章《锲而不舍…精神，以…社风民风》, and restating a line that occurs once more only: a repeated sentence, a law's clause
quoted twice or a register's recurring fields are not a contents list), with at most one unmatched line between two matched
ones (an entry wrapped over two lines; an entry that ends with a colon is also read joined to the line
after it, 新华社综述：⏎风正好扬万里帆…). A short label just above the run (``本期节目主要内容：``,
``目录``) goes with it.
"""

from __future__ import annotations

import re
from collections import Counter

__all__ = ["cut_table_of_contents", "cut_second_copy", "entry_text"]

_CN = "一二三四五六七八九十"
_MARKER = re.compile(rf"^(?:\d{{1,3}}[.．、]|[(（]\d{{1,3}}[)）]|[{_CN}]{{1,3}}[、．.]|[(（][{_CN}]{{1,3}}[)）])\s*")
_CLOSING = re.compile(r"[；;：:。，,、…．.\s]+$")
_SPACE = re.compile(r"\s+")
_LABEL = re.compile(r"^(?:目\s*录|[^。！？，]{2,12}[：:])$")
MIN_ENTRIES = 3
MIN_CHARS = 6  # an entry this short (一、总则) restates too much by chance
MAX_CHARS = 80
_SENTENCE = re.compile("[，,。！？；;]")  # an entry is a headline: no clause break inside
_QUOTED = re.compile("“[^“”]*”|《[^《》]*》|「[^「」]*」|『[^『』]*』")  # a quotation or title a headline names
MIN_PREFIX = 8  # a heading shorter than its entry (the entry runs on) must be this long


def entry_text(line: str) -> str:
    """``line`` as an entry compares: list marker, closing punctuation and spaces taken off.

    Examples
    --------
    >>> entry_text("（1）2022年脱贫人口人均纯收入达14342元；"), entry_text("11.国内联播快讯：")
    ('2022年脱贫人口人均纯收入达14342元', '国内联播快讯')
    """
    text = _MARKER.sub("", line.strip(), count=1)
    return _SPACE.sub("", _CLOSING.sub("", text))


def _restates(entry: str, later: dict[str, int], starts: dict[str, str | None], after: int) -> str | None:
    """The later line ``entry`` restates (its text), or None: the same words, a heading the entry starts
    with (the entry runs on), or the one heading that starts with the entry (the entry wraps)."""
    if not MIN_CHARS <= len(entry) <= MAX_CHARS or _SENTENCE.search(_QUOTED.sub("", entry)):  # a headline
        return None
    for size in range(len(entry), MIN_PREFIX - 1, -1) if len(entry) >= MIN_PREFIX else (len(entry),):
        if later.get(entry[:size], -1) > after:
            return entry[:size]
    whole = starts.get(entry)
    return whole if whole is not None and later[whole] > after else None


def _starts(later: dict[str, int]) -> dict[str, str | None]:
    """Each start (8+ characters) of a headline-length line: the line's text, None when several share it."""
    out: dict[str, str | None] = {}
    for text in later:
        if len(text) <= MAX_CHARS:
            for size in range(MIN_PREFIX, len(text)):
                out[text[:size]] = text if out.get(text[:size], text) == text else None
    return out


def cut_table_of_contents(lines: list[str]) -> tuple[list[str], list[str]]:
    """Lines without a table of contents, and the lines cut (empty when there is none). A list broken by
    entries whose items have no heading below (they stay: the list is their only record) is cut run by run.

    Parameters
    ----------
    lines : list of str
        A document's lines, in order.

    Returns
    -------
    tuple of (list of str, list of str)

    Examples
    --------
    >>> page = ["本期节目主要内容：", "1.甲地召开全省经济工作会议；", "2.乙地推进乡村振兴；", "3.丙地加快项目建设。",
    ...         "甲地召开全省经济工作会议", "会议指出，要稳增长。", "乙地推进乡村振兴", "全村种粮。",
    ...         "丙地加快项目建设", "新开工项目十个。"]
    >>> kept, cut = cut_table_of_contents(page)
    >>> cut[0], len(cut), kept[0]
    ('本期节目主要内容：', 4, '甲地召开全省经济工作会议')
    """
    texts = [entry_text(ln) for ln in lines]
    anywhere = {t: i for i, t in enumerate(texts) if t}  # the last position of every line
    count: Counter[str] = Counter(t for t in texts if t)
    # what an entry can restate: a line met twice (the entry and its heading); one met more often is a
    # recurring field of a register
    last = {t: i for t, i in anywhere.items() if count[t] <= 2}
    starts = _starts(last)
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(lines):
        run, heads, gap, j = [], [], 0, i
        while j < len(lines):
            head, wrapped = _restates(texts[j], last, starts, j), None
            if head is None and texts[j] and lines[j].rstrip().endswith(("：", ":")):  # 新华社综述：⏎风正好…
                wrapped = next((k for k in range(j + 1, min(j + 3, len(lines))) if texts[k]), None)
                if wrapped is not None and not _MARKER.match(lines[wrapped].strip()):
                    head = _restates(entry_text(lines[j].strip() + lines[wrapped].strip()), last, starts, wrapped)
            if not texts[j]:  # blank lines between entries
                pass
            elif head is not None and head not in heads:
                run += [j] if wrapped is None else [j, wrapped]
                heads.append(head)
                gap = 0
                j = wrapped if wrapped is not None else j
            elif run and gap == 0:
                gap = 1
            else:
                break
            j += 1
        if len(heads) >= MIN_ENTRIES and _points_to_sections(texts, run, [last[h] for h in heads], anywhere):
            start, end = _edges(texts, run, heads, last)
            label = start - 1
            while label >= 0 and not texts[label]:
                label -= 1
            if label >= 0 and _LABEL.match(lines[label].strip()):
                start = label
            spans.append((max(start, spans[-1][1] if spans else 0), end))
            i = end
            continue
        i = (run[0] + 1) if run else i + 1
    gone = {k for a, b in spans for k in range(a, b)}
    return [ln for k, ln in enumerate(lines) if k not in gone], [ln for k, ln in enumerate(lines) if k in gone]


def _edges(texts: list[str], run: list[int], heads: list[str], last: dict[str, int]) -> tuple[int, int]:
    """The run widened over short entries at its ends that restate a later line too (第一章总则 …
    第十章附则: too short to start a run, part of one that is found)."""
    start, end = run[0], run[-1] + 1
    for step, edge in ((-1, start - 1), (1, end)):
        k = edge
        while 0 <= k < len(texts):
            t = texts[k]
            if t and not (2 <= len(t) < MIN_CHARS and last.get(t, -1) > k and t not in heads):
                break
            if t:
                start, end = (k, end) if step < 0 else (start, k + 1)
            k += step
    return start, end


def _points_to_sections(texts: list[str], run: list[int], targets: list[int], anywhere: dict[str, int]) -> bool:
    """Whether the lines a run restates are headings with text of their own between them, not a second
    copy of the run (a page whose text was pasted twice, a block of targets or a signature repeated)."""
    inside = set(range(run[0], run[-1] + 1)) - set(run)
    if any(texts[k] and anywhere[texts[k]] > run[-1] and (_SENTENCE.search(texts[k]) or len(texts[k]) > MAX_CHARS)
           for k in inside):  # a sentence between its entries recurs too: a second copy of the text
        return False
    copied = {texts[k] for k in range(run[0], run[-1] + 1)}
    ordered = sorted(targets)
    separated = sum(any(texts[k] and texts[k] not in copied for k in range(a + 1, b))
                    for a, b in zip(ordered, ordered[1:]))
    return separated >= 0.8 * (len(ordered) - 1)


def cut_second_copy(text: str) -> tuple[str, str]:
    r"""A text without a second copy of itself (a scraper that stored a page's body twice), and the copy
    cut (empty when there is none): the text, spaces and line breaks aside, is one string written twice
    in a row. Read before the text is cut into paragraphs, so a copy glued to the first (…2024年7月4日各市
    …：) is found as well as one on lines of its own.

    Examples
    --------
    >>> body = "各市人民政府：现将方案印发给你们，请认真贯彻执行。" * 5 + "河北省人民政府办公厅2024年7月4日"
    >>> kept, copy = cut_second_copy(body + body)
    >>> kept == body and copy == body
    True
    >>> cut_second_copy("同志们：\n要抓落实。\n要抓落实。")[1]
    ''
    """
    compact = _SPACE.sub("", text)
    half = len(compact) // 2
    if len(compact) < 100 or len(compact) % 2 or compact[:half] != compact[half:]:
        return text, ""
    seen = 0
    for cut, c in enumerate(text):  # where the second copy starts in the text as written
        if not c.isspace():
            if seen == half:
                break
            seen += 1
    return text[:cut].rstrip(), text[cut:].strip()
