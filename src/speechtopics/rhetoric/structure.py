"""Speech structure: opening, numbered sections and sub-sections, closing.

A local leader's 讲话 (and a 政府工作报告) has a fixed shape: a salutation and a purpose statement
(今天我们召开…, 刚才…, 下面我讲几点意见), numbered sections (一、 / （一） / 第一， / 一是 / 一要), and a closing
call (同志们，让我们…而奋斗！). :func:`annotate` gives every paragraph its part, section and numbering level;
:func:`speech_structure` sums a speech up. Every cue is a regex in ``structure_cues.yaml``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from speechtopics.rhetoric.cues import load_pattern_lists

PARTS = ("opening", "body", "closing")


@dataclass(frozen=True)
class StructureCues:
    """Compiled structure cues."""

    numbering: tuple
    lists: tuple
    opening: tuple
    closing: tuple
    heading_max_chars: int
    closing_window: int
    opening_window: int


def load_structure_cues(path: str = "rhetoric/structure_cues.yaml") -> StructureCues:
    """Load ``structure_cues.yaml`` (a bundled name or a path)."""
    raw = load_pattern_lists(path)

    def number(name: str, default: int) -> int:
        items = raw.get(name) or ()
        return int(items[0].pattern) if items else default

    return StructureCues(
        numbering=raw.get("numbering", ()),
        lists=raw.get("lists", ()),
        opening=raw.get("opening", ()),
        closing=raw.get("closing", ()),
        heading_max_chars=number("heading_max_chars", 60),
        closing_window=number("closing_window", 3),
        opening_window=number("opening_window", 6),
    )


def matches_any(text: str, patterns: Sequence) -> bool:
    """True when any compiled pattern matches ``text``."""
    return any(p.search(text) for p in patterns)


def numbering_style(text: str, cues: StructureCues) -> int | None:
    """Index of the numbering style that opens ``text`` (section styles, then list styles), or None."""
    for i, p in enumerate((*cues.numbering, *cues.lists)):
        if p.match(text):
            return i
    return None


def numbering_levels(texts: Sequence[str], cues: StructureCues) -> list[int]:
    """Nesting level per paragraph (0 = unnumbered): section styles get levels by order of first
    appearance, then list styles (一是, ——) below all of them, also by order of first appearance."""
    styles = [numbering_style(t.strip(), cues) for t in texts]
    order: dict[int, int] = {}
    for is_list in (False, True):
        for style in styles:
            if style is not None and (style >= len(cues.numbering)) == is_list:
                order.setdefault(style, len(order) + 1)
    return [0 if style is None else order[style] for style in styles]


def find_opening(texts: Sequence[str], levels: Sequence[int], cues: StructureCues) -> int:
    """Number of leading paragraphs that form the opening: a run of cue paragraphs from the start (one
    paragraph without a cue may come first or sit between two with one), within the opening window,
    before the first section heading."""
    end, gap = 0, 0
    for i, t in enumerate(texts[: cues.opening_window]):
        if levels[i] == 1:
            break
        if matches_any(t, cues.opening):
            end, gap = i + 1, 0
        elif gap:  # a second paragraph in a row without a cue: the run has ended
            break
        else:
            gap = 1
    return end


def find_closing(texts: Sequence[str], start_min: int, cues: StructureCues) -> int:
    """Index where the closing starts (``len(texts)`` when there is none): the earliest paragraph within
    the last ``closing_window`` that matches a closing cue, with everything after it (a speech's
    closing holds paragraphs without a cue between its vocative and its thanks: 女士们、先生们！ /
    …中非友谊将长流不息！ / 谢谢大家。). A report's call in its last paragraphs (各位代表！…) followed by
    more policy is read as its closing too: a limit of the window."""
    n = len(texts)
    start = n
    for i in range(n - 1, max(start_min, n - cues.closing_window) - 1, -1):
        if matches_any(texts[i], cues.closing):
            start = i
    return start


def annotate(texts: Sequence[str], cues: StructureCues | None = None) -> list[dict]:
    """Part, section heading and numbering level of every paragraph of one speech.

    Parameters
    ----------
    texts : sequence of str
        The speech's paragraphs in order.
    cues : StructureCues, optional
        Loaded structure cues (default file when omitted).

    Returns
    -------
    list of dict
        ``{"part", "section", "level"}`` per paragraph; ``section`` is the text of the enclosing
        level-1 heading (up to its first sentence end), ``""`` outside numbered sections.
    """
    cues = cues or load_structure_cues()
    texts = [t.strip() for t in texts]
    levels = numbering_levels(texts, cues)
    n_open = find_opening(texts, levels, cues)
    close_at = find_closing(texts, n_open, cues)
    out, section = [], ""
    for i, (t, lv) in enumerate(zip(texts, levels)):
        part = "opening" if i < n_open else "closing" if i >= close_at else "body"
        if part == "body" and lv == 1:
            section = heading_text(t)
        out.append({"part": part, "section": section if part == "body" else "", "level": lv})
    return out


def heading_text(text: str, limit: int = 40) -> str:
    """The heading part of a numbered paragraph: up to the first sentence end, at most ``limit`` chars."""
    for stop in "。！？；;":
        idx = text.find(stop)
        if 0 < idx:
            text = text[:idx]
    return text[:limit]


def speech_structure(texts: Sequence[str], annotations: Sequence[dict] | None = None) -> dict:
    """Summary of one speech: sections, depth and the share of characters in each part.

    Returns
    -------
    dict
        ``n_paragraphs, n_sections, n_subsections, depth, has_opening, has_closing,
        share_opening, share_body, share_closing``.
    """
    annotations = annotations or annotate(texts)
    chars = {p: 0 for p in PARTS}
    for t, a in zip(texts, annotations):
        chars[a["part"]] += len(t)
    total = sum(chars.values()) or 1
    levels = [a["level"] for a in annotations]
    return {
        "n_paragraphs": len(texts),
        "n_sections": sum(1 for lv in levels if lv == 1),
        "n_subsections": sum(1 for lv in levels if lv > 1),
        "depth": max(levels, default=0),
        "has_opening": chars["opening"] > 0,
        "has_closing": chars["closing"] > 0,
        **{f"share_{p}": round(chars[p] / total, 4) for p in PARTS},
    }
