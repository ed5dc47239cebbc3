"""Markdown files: their YAML front matter and their markup.

This module owns reading a Markdown file's front matter (title, date and other fields at its top) and
removing its markup (heading hashes, emphasis, list and quote markers, images, links) so that what is
left is the text the clean stage reads.
"""

from __future__ import annotations

import re

__all__ = ["front_matter", "strip_markdown"]

_MD_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_MD_HEADING = re.compile(r"^#{1,6}\s+", re.M)
# a quote or list marker at a line's start (> , - , * , + , 1. ), an image, a link (its text is kept)
_MD_LINE_MARK = re.compile(r"^[ \t]*(?:>[ \t]?)+|^[ \t]*(?:[-*+]|\d{1,3}[.)])[ \t]+", re.M)
_MD_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
_MD_LINK = re.compile(r"\[([^\]\n]+)\]\([^)\n]*\)")
_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)


def front_matter(text: str) -> tuple[str, dict]:
    """A Markdown file's YAML front matter (``---`` … ``---`` at its top) as a dict, and the text without
    it; ``({}, text)`` when there is none or it is not a YAML mapping."""
    import yaml

    m = _FRONT_MATTER.match(text)
    if not m:
        return text, {}
    try:
        data = yaml.safe_load(m.group(1))
    except yaml.YAMLError:
        return text, {}
    return (text[m.end():], data) if isinstance(data, dict) else (text, {})


def strip_markdown(text: str) -> str:
    """Remove Markdown markup: heading hashes, paired ``**bold**`` markers (so they are not read as
    redactions), quote and list markers at a line's start, images, and links (their text stays)."""
    text = _MD_LINK.sub(r"\1", _MD_IMAGE.sub("", text))
    return _MD_LINE_MARK.sub("", _MD_HEADING.sub("", _MD_EMPHASIS.sub(r"\2", text)))
