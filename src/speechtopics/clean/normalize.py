"""Character-level normalisation of page text.

This module owns the steps that change characters but never decide what is body and what is chrome:
stray tags and entities, invisible characters, full-width digits and letters, whitespace and ``\\u3000``
indentation, pinyin annotations after Han characters, traditional-to-simplified conversion (OpenCC) and
re-joining lines that a wiki export broke around link text. Each step is a plain ``str -> str`` callable
so the document cleaner can run them as a chain.
"""

from __future__ import annotations

import functools
import html
import re

import opencc

from speechtopics.clean.decode import normalise_newlines

__all__ = [
    "strip_markup",
    "remove_invisibles",
    "fullwidth_to_ascii",
    "normalise_whitespace",
    "remove_pinyin_annotations",
    "to_simplified",
    "rejoin_broken_lines",
    "strip_markdown",
    "HAN",
]

HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"

# Leftover tags in text pages: only things that look like real HTML tags (a tag name after "<"), so a
# maths "a<b" or the 《》 book-title marks are never touched.
_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>|<!--.*?-->", re.S)
_ENTITY = re.compile(r"&(?:#\d{1,6}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});")
_INVISIBLE = re.compile("[\u200b-\u200f\u2060-\u2064\ufeff\u00ad\u202a-\u202e\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_FULLWIDTH_ALNUM = {c: c - 0xFEE0 for c in range(0xFF10, 0xFF1A)}
_FULLWIDTH_ALNUM.update({c: c - 0xFEE0 for c in range(0xFF21, 0xFF3B)})
_FULLWIDTH_ALNUM.update({c: c - 0xFEE0 for c in range(0xFF41, 0xFF5B)})
# full-width %, ., + and - inside numbers read better as ASCII for the tokenizer ("２．５％" -> "2.5%")
_FULLWIDTH_ALNUM.update({0xFF05: 0x25, 0xFF0E: 0x2E, 0xFF0B: 0x2B})
_FULLWIDTH_RUN = re.compile("[\uff05\uff0b\uff0e\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]+")
_SPACES = re.compile("[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_MANY_NEWLINES = re.compile(r"\n{3,}")
# the space comes first and its neighbours are checked around it, so the engine scans for spaces only
_SPACE_BETWEEN_HAN = re.compile(rf" (?<=[{HAN}，。、；：！？”“（）《》] )(?=[{HAN}，。、；：！？”“（）《》])")


def strip_markup(text: str) -> str:
    """Remove leftover HTML tags and decode entities (``&nbsp;``, ``&#12345;``) in a text page.

    Parameters
    ----------
    text : str
        Page text.

    Returns
    -------
    str
        Text without tags; ``<br>`` and ``</p>`` become line breaks.
    """
    if "<" in text:
        text = re.sub(r"<\s*(?:br|/p|/div|/h\d|/li|/tr)\s*/?>", "\n", text, flags=re.I)
        text = _TAG.sub("", text)
    if "&" in text:
        text = _ENTITY.sub(lambda m: html.unescape(m.group(0)), text)
    return text


def remove_invisibles(text: str) -> str:
    """Drop zero-width characters, soft hyphens, BOMs and C0 controls (newline and tab are kept)."""
    return _INVISIBLE.sub("", text)


def fullwidth_to_ascii(text: str) -> str:
    """Map full-width digits and Latin letters (and ``％ ． ＋``) to ASCII; CJK punctuation is kept."""
    return _FULLWIDTH_RUN.sub(lambda m: m.group(0).translate(_FULLWIDTH_ALNUM), text)


def normalise_whitespace(text: str) -> str:
    """Trim each line (``\\u3000`` indentation included), squeeze inner spaces, drop spaces between Han.

    Blank lines are kept as single empty lines so paragraph breaks survive.
    """
    text = _SPACES.sub(" ", normalise_newlines(text))
    text = text.replace(" \n", "\n").replace("\n ", "\n")
    if " " in text:
        text = _SPACE_BETWEEN_HAN.sub("", text)
    return _MANY_NEWLINES.sub("\n\n", text).strip(" \n")


# One pinyin syllable (tone marks, or a tone digit, or neutral tone). The pattern is a hand-written
# syllable shape because no library marks "annotation after a character"; requiring the Han character
# before the bracket keeps (一), (2021年), (全文) and (GDP) untouched.
_TONED = "āáǎàōóǒòēéěèīíǐìūúǔùǖǘǚǜüńňǹḿ"
_SYLLABLE = rf"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?[aoeiuvü{_TONED}]{{1,4}}(?:ng|n|r)?[1-5]?"
# the bracket comes first and the Han character is checked behind it, so the regex engine can scan for
# the bracket quickly instead of trying the look-behind at every position
_PINYIN_ANNOTATION = re.compile(rf"[(（](?<=[{HAN}][(（])\s?{_SYLLABLE}(?:[ ']{_SYLLABLE}){{0,3}}\s?[)）]", re.I)


def remove_pinyin_annotations(text: str) -> str:
    """Remove pinyin in brackets right after a Han character: ``講(jiǎng)話`` -> ``講話``.

    Parameters
    ----------
    text : str
        Text, traditional or simplified.

    Returns
    -------
    str
        Text without the annotations; other bracketed text is untouched.
    """
    if "(" not in text and "（" not in text:
        return text
    return _PINYIN_ANNOTATION.sub("", text)


@functools.lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Convert traditional characters to simplified with OpenCC (phrase-aware ``t2s``)."""
    return _t2s().convert(text) if text else text


# Lines never legitimately begin with these; a line that does continues the line before (wiki exports
# put each link on its own line: "所作的\n政府工作报告\n。会议...").
_CONTINUES = "，。、；：！？）》」』”,.;:!?)"
_OPENS = "《（「『“("
_TERMINAL = "。！？!?；;：:…”」』"


def rejoin_broken_lines(text: str) -> str:
    """Join lines that were broken inside a sentence around link text.

    A line is joined to the previous one when it starts with closing punctuation, or when the previous
    line ends with an opening bracket; a short fragment (link text) is joined to both neighbours when
    the line after it starts with closing punctuation and the line before ends mid-sentence.

    Parameters
    ----------
    text : str
        Text with ``\\n`` line ends.

    Returns
    -------
    str
        Text with broken sentences re-joined; blank-line paragraph breaks are kept.
    """
    lines = text.split("\n")
    if len(lines) < 2:
        return text
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        if out and line and line[0] in _CONTINUES:
            while len(out) > 1 and not out[-1]:
                out.pop()  # a continuation joins the last text line even across a blank line
            out[-1] += line
        elif out and line and out[-1] and out[-1][-1] in _OPENS:
            out[-1] += line
        elif (
            out
            and line
            and out[-1]
            and out[-1][-1] not in _TERMINAL
            and len(line) <= 20
            and line[-1] not in _TERMINAL
            and nxt
            and nxt[0] in _CONTINUES
        ):
            out[-1] += line
        else:
            out.append(line)
        i += 1
    return "\n".join(out)


_MD_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_MD_HEADING = re.compile(r"^#{1,6}\s+", re.M)


def strip_markdown(text: str) -> str:
    """Remove Markdown heading hashes and paired ``**bold**`` markers (so they are not read as redactions)."""
    return _MD_HEADING.sub("", _MD_EMPHASIS.sub(r"\2", text))
