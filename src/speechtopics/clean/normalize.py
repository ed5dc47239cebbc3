"""Character-level normalisation of page text.

This module owns the steps that change characters but never decide what is body and what is chrome:
stray tags and entities, invisible and private-use characters, full-width digits and letters, whitespace
and ``\\u3000`` indentation, pinyin annotations after Han characters, traditional-to-simplified conversion
(OpenCC) and re-joining lines that a wiki export broke around link text. Each step is a plain
``str -> str`` callable so the document cleaner can run them as a chain.
"""

from __future__ import annotations

import functools
import html
import re
import unicodedata
from types import SimpleNamespace

import opencc

from speechtopics.clean.decode import normalise_newlines

__all__ = [
    "strip_markup",
    "remove_invisibles",
    "remove_private_use",
    "fullwidth_to_ascii",
    "halfwidth_forms",
    "normalise_whitespace",
    "remove_pinyin_annotations",
    "to_simplified",
    "rejoin_broken_lines",
    "HAN",
]

HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"

# Leftover tags in text pages: only things that look like real HTML tags (a tag name after "<"), so a
# maths "a<b" or the 《》 book-title marks are never touched.
_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>|<!--.*?-->", re.S)
_ENTITY = re.compile(r"&(?:#\d{1,6}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});")
#: A tag written out as text by an export that escaped its HTML (``&lt;br&gt;``, ``&lt;/p&gt;``); a lone
#: ``&lt;`` (``a &lt; b``) is not one.
_ESCAPED_TAG = re.compile(r"&lt;(/?[a-zA-Z][a-zA-Z0-9]*(?:\s(?:[^<>&]|&(?:quot|amp|#\d+);)*)?/?)&gt;", re.I)
_INVISIBLE = re.compile("[\u200b-\u200f\u2060-\u2064\ufeff\u00ad\u202a-\u202e\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_PRIVATE_USE = re.compile("[\ue000-\uf8ff]")
_FULLWIDTH_ALNUM = {c: c - 0xFEE0 for c in range(0xFF10, 0xFF1A)}
_FULLWIDTH_ALNUM.update({c: c - 0xFEE0 for c in range(0xFF21, 0xFF3B)})
_FULLWIDTH_ALNUM.update({c: c - 0xFEE0 for c in range(0xFF41, 0xFF5B)})
# full-width %, ., + and - inside numbers read better as ASCII for the tokenizer ("２．５％" -> "2.5%")
_FULLWIDTH_ALNUM.update({0xFF05: 0x25, 0xFF0E: 0x2E, 0xFF0B: 0x2B})
# Runs are written ``[x][x]*`` rather than ``[x]+``: Python's regex engine only uses its fast character-set
# scan when a pattern *starts* with a character class, which makes these whole-document passes ~3x cheaper.
_FULLWIDTH_CLASS = "[\uff05\uff0b\uff0e\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]"
_FULLWIDTH_RUN = re.compile(_FULLWIDTH_CLASS + _FULLWIDTH_CLASS + "*")
#: Every full-width form and the ideographic space (their NFKC forms are ``c - 0xFEE0`` and a space).
_FULL_WIDTH = re.compile("[\uff01-\uff5e\u3000]")
#: Full-width punctuation of ordinary Chinese text and its NFKC form (，→ , ...), replaced first.
_COMMON_FULL_WIDTH = tuple((c, chr(ord(c) - 0xFEE0)) for c in "，；！：（）？")
_SPACE_CLASS = "[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]"
_SPACES = re.compile(_SPACE_CLASS + _SPACE_CLASS + "*")
_MANY_NEWLINES = re.compile(r"\n\n\n+")  # not \n{3,}: a literal prefix lets the engine skip ahead
# the space comes first and its neighbours are checked around it, so the engine scans for spaces only
_SPACE_BETWEEN_HAN = re.compile(rf" (?<=[{HAN}，。、；：！？”“（）《》] )(?=[{HAN}，。、；：！？”“（）《》])")


_CODE_BLOCK = re.compile(r"<\s*(style|script)\b[^>]*>.*?<\s*/\s*\1\s*>", re.I | re.S)


def strip_markup(text: str) -> str:
    """Remove leftover HTML tags and decode entities (``&nbsp;``, ``&#12345;``) in a text page.

    Parameters
    ----------
    text : str
        Page text.

    Returns
    -------
    str
        Text without tags; ``<br>`` and ``</p>`` become line breaks. Tags written out as escaped text
        (``&lt;br&gt;``, an export of a database field that held HTML) are read as the tags.

    Examples
    --------
    >>> strip_markup("一、总体要求&lt;br /&gt;二、主要任务&lt;/p&gt;甲&lt;乙")
    '一、总体要求\\n二、主要任务\\n甲<乙'
    """
    if "&lt;" in text or "&LT;" in text:
        text = _ESCAPED_TAG.sub(r"<\1>", text)
    if "<" in text:
        text = _CODE_BLOCK.sub("", text)  # a style sheet or script is no text (.TRS_Editor P{…})
        # a paragraph, item or block opens or closes a line, also where the closing tag was never written
        text = re.sub(r"<\s*(?:br|/?p|/?div|/h\d|/?li|/tr)(?:\s[^<>]*)?/?>", "\n", text, flags=re.I)
        text = re.sub(r"<\s*/t[dh]\s*>", " ", text, flags=re.I)  # table cells stay apart
        text = _TAG.sub("", text)
    if "&" in text:
        text = _ENTITY.sub(lambda m: html.unescape(m.group(0)), text)
        if "&" in text and _ENTITY.search(text):  # escaped twice (&amp;nbsp;, &amp;ldquo;) by an export
            text = _ENTITY.sub(lambda m: html.unescape(m.group(0)), text)
    return text


# a line of nothing but invisible characters inside a sentence (a wiki export's link template left
# 交出一份人 / U+200B / 民满意): the sentence goes on over it
_INVISIBLE_LINE = re.compile("(?<=[^\\s。！？；：!?;:…])\n[ \t]*[\u200b-\u200f\u2060-\u2064\ufeff]+[ \t]*\n"
                             "(?=[\u4e00-\u9fff0-9A-Za-z])")


def remove_invisibles(text: str) -> str:
    r"""Drop zero-width characters, soft hyphens, BOMs and C0 controls (newline and tab are kept); a
    line of nothing but zero-width characters inside a sentence goes with them, so the sentence is
    not cut there.

    Examples
    --------
    >>> remove_invisibles("交出一份人\n\u200b\n民满意的答卷。\n\u200b\n下一段")
    '交出一份人民满意的答卷。\n\n下一段'
    """
    return _INVISIBLE.sub("", _INVISIBLE_LINE.sub("", text))


def remove_private_use(text: str) -> str:
    """Drop Private Use Area characters (U+E000–U+F8FF): a site's icon-font glyphs, which no font draws
    (a figure shows a box); for titles, as the body loses them as mojibake (``clean.mojibake``).

    Examples
    --------
    >>> remove_private_use("关于鼓励创业促进就业的若干意见\ue003")
    '关于鼓励创业促进就业的若干意见'
    """
    return _PRIVATE_USE.sub("", text)


def fullwidth_to_ascii(text: str, nfkc: bool = False) -> str:
    """Map full-width characters to ASCII, for reading (cleaning) or for cutting words (segmenting).

    Parameters
    ----------
    text : str
        Any text.
    nfkc : bool
        False (the cleaner's reading form): only full-width digits and Latin letters, and ``％ ． ＋``
        (``２．５％`` -> ``2.5%``), are mapped; CJK punctuation (，。：) is kept as the reader sees it.
        True (the segmenter's form): the text's NFKC normal form, i.e. every full-width form and the
        ideographic space too (，-> ``,``, ``\u3000`` -> space), and whatever else NFKC changes.

    Returns
    -------
    str
        The mapped text. With ``nfkc`` the result always equals ``unicodedata.normalize("NFKC", text)``.

    Notes
    -----
    The NFKC path is fast and exact: full-width forms are replaced first (:func:`halfwidth_forms`), and
    full NFKC runs only when the result is still not normalised. Replacing a character by its NFKC form
    leaves the text's NFKC unchanged (both decompose alike).
    """
    if not nfkc:
        return _FULLWIDTH_RUN.sub(lambda m: m.group(0).translate(_FULLWIDTH_ALNUM), text)
    if unicodedata.is_normalized("NFKC", text):  # a fast C quick-check
        return text
    text = halfwidth_forms(text)
    return text if unicodedata.is_normalized("NFKC", text) else unicodedata.normalize("NFKC", text)


def halfwidth_forms(text: str) -> str:
    """Every full-width form (U+FF01-U+FF5E) as its ASCII counterpart and the ideographic space as a space.

    The first step of :func:`fullwidth_to_ascii` with ``nfkc=True``: the punctuation Chinese text is full
    of by C-speed ``str.replace``, the rest (rare) by a regex, one Python call per match.
    """
    for wide, narrow in _COMMON_FULL_WIDTH:
        text = text.replace(wide, narrow)
    if _FULL_WIDTH.search(text):
        text = _FULL_WIDTH.sub(_to_half_width, text)
    return text


def _to_half_width(m: re.Match[str]) -> str:
    c = ord(m.group())
    return " " if c == 0x3000 else chr(c - 0xFEE0)


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
def _t2s() -> SimpleNamespace:
    """OpenCC's Taiwan and then Hong Kong standards to simplified (``tw2s``, ``hk2s``): both include
    ``t2s``, and they add the variants a plain ``t2s`` leaves (沿著 -> 沿着, 衞生 -> 卫生, 敍述 -> 叙述)."""
    tw, hk = opencc.OpenCC("tw2s"), opencc.OpenCC("hk2s")
    return SimpleNamespace(convert=lambda text: hk.convert(tw.convert(text)))


# Characters that OpenCC's t2s leaves alone on their own but changes inside a phrase of its TSPhrases
# dictionary (憑藉 -> 凭借, 答覆 -> 答复, 傢俱 -> 家具 ...) or of the Taiwan and Hong Kong variant phrases
# (沿著 -> 沿着). tests/clean/test_steps.py checks this list against
# the installed dictionaries when the ``opencc_dict`` tool is available.
T2S_PHRASE_ONLY = "么俱吃坏哩彷梁沈瞭甦著藉衹覆"
# Code points OpenCC's dictionaries can hold: CJK radicals to the end of the CJK blocks, compatibility
# ideographs, and the supplementary ideographic planes.
_T2S_RANGES = ((0x2E80, 0xA000), (0xF900, 0xFB00), (0xFE30, 0xFE50), (0x20000, 0x323B0))


_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


@functools.lru_cache(maxsize=1)
def _traditional_triggers() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Character classes (BMP, supplementary planes) of every character t2s can change, asked of OpenCC.

    Every code point of the ranges is converted alone (one per line, so no phrase spans two); the ones
    that come back different, plus :data:`T2S_PHRASE_ONLY`, are the only characters whose presence can
    make ``t2s(text) != text``. A text without any of them needs no conversion (most of a simplified
    corpus), and testing that is a fast character-class scan. The supplementary-plane characters get
    their own class because a class mixing them with BMP ones loses the regex engine's bitmap lookup.
    """
    chars = [chr(cp) for lo, hi in _T2S_RANGES for cp in range(lo, hi)]
    out = _t2s().convert("\n".join(chars)).split("\n")
    changed = {c for c, o in zip(chars, out) if c != o} if len(out) == len(chars) else set(chars)
    changed.update(T2S_PHRASE_ONLY)
    cps = sorted(map(ord, changed))
    bmp = [cp for cp in cps if cp <= 0xFFFF]
    astral = [cp for cp in cps if cp > 0xFFFF] or [0x10FFFF]
    return re.compile(f"[{_class_body(bmp)}]"), re.compile(f"[{_class_body(astral)}]")


def needs_simplifying(text: str) -> bool:
    """Whether OpenCC's t2s could change ``text`` (it holds a character that t2s converts)."""
    bmp, astral = _traditional_triggers()
    return bool(bmp.search(text) or _ASTRAL.search(text) and astral.search(text))


def _class_body(cps: list[int]) -> str:
    """Regex character-class body for sorted CJK code points, consecutive runs written as ranges."""
    parts: list[str] = []
    i = 0
    while i < len(cps):
        j = i
        while j + 1 < len(cps) and cps[j + 1] == cps[j] + 1:
            j += 1
        # literal characters, not escapes: the regex parser handles them much faster (none is special)
        parts.append(chr(cps[i]) + (f"-{chr(cps[j])}" if j > i else ""))
        i = j + 1
    return "".join(parts)


@functools.lru_cache(maxsize=4096)
def _in_gb2312(char: str) -> bool:
    """Whether ``char`` is among GB 2312's first level, the 3,755 commonest simplified characters (乾, 沈;
    not the variants of its second level such as 拚, which t2s rightly writes 拼)."""
    try:
        return char.encode("gb2312")[0] < 0xD8
    except UnicodeEncodeError:
        return False


def to_simplified(text: str) -> str:
    """Convert traditional characters to simplified with OpenCC (phrase-aware ``t2s``, with the Taiwan and
    Hong Kong variants: 沿著 -> 沿着, 衞生 -> 卫生).

    Only the lines holding a character t2s could change are handed to OpenCC: its dictionary keys never
    span a line break, so line by line it gives the same result as on the whole text, and a simplified
    document costs a character-class scan. In a document in simplified characters (such characters are
    under 2 % of its text) a line is converted only when one of them is outside the first level of
    GB 2312, the commonest simplified characters (a stray 贏, a variant 拚), or they are 10 % of it (a
    quoted traditional passage): 乾 and 沈 are written in simplified Chinese too (乾龙灯会, 沈阳), and t2s
    would change them (干龙灯会).

    Examples
    --------
    >>> to_simplified("现在我代表中央委員會作報告"), to_simplified("元宵节乾龙灯会开幕")
    ('现在我代表中央委员会作报告', '元宵节乾龙灯会开幕')
    >>> to_simplified("加強公共衞生體系，沿著顯著的方向著力前進")
    '加强公共卫生体系，沿着显著的方向着力前进'

    """
    if not text:
        return text
    bmp, astral = _traditional_triggers()
    if _ASTRAL.search(text):
        return _t2s().convert(text) if astral.search(text) or bmp.search(text) else text
    hit = bmp.search(text)
    if hit is None:
        return text
    convert = _t2s().convert
    traditional = len(bmp.findall(text)) >= max(3, 0.02 * len(text))  # a document in traditional characters
    pieces: list[str] = []
    pos = 0
    while hit is not None:
        start = text.rfind("\n", 0, hit.start()) + 1
        end = text.find("\n", hit.end())
        end = len(text) if end < 0 else end
        pieces.append(text[pos:start])
        line = text[start:end]
        found = bmp.findall(line)
        pieces.append(convert(line) if traditional or len(found) >= max(2, 0.1 * len(line))
                      or not all(map(_in_gb2312, found)) else line)
        pos = end
        hit = bmp.search(text, end)
    pieces.append(text[pos:])
    return "".join(pieces)


# Lines never legitimately begin with these; a line that does continues the line before (wiki exports
# put each link on its own line: "所作的\n政府工作报告\n。会议...").
_CONTINUES = "，。、；：！？）》」』”,.;:!?)"
_OPENS = "《（「『“("
_TERMINAL = "。！？!?；;：:…”」』"


#: A footnote reference a wiki export wrote over three lines, joining the sentence it sits in.
_SPLIT_FOOTNOTE = re.compile(r"\n[\[［]\n\d{1,3}\n[\]］]\n(?=\S)")


def rejoin_broken_lines(text: str) -> str:
    """Join lines that were broken inside a sentence around link text.

    A line is joined to the previous one when it starts with closing punctuation, or when the previous
    line ends with an opening bracket; a short fragment (link text) is joined to both neighbours when
    the line after it starts with closing punctuation and the line before ends mid-sentence. A footnote
    mark written over three lines (``会议\n[\n1\n]\n以来``) is dropped and its sentence joined.

    Parameters
    ----------
    text : str
        Text with ``\\n`` line ends.

    Returns
    -------
    str
        Text with broken sentences re-joined; blank-line paragraph breaks are kept.
    """
    text = _SPLIT_FOOTNOTE.sub("", text)  # a wiki export's footnote mark over three lines (\n[\n1\n]\n)
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
