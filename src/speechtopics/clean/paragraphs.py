"""Paragraphs of run-on texts: one-line speeches cut back into paragraphs.

This module owns putting paragraph breaks back into a text that lost its newlines, as speeches in a
researcher's table often have (one cell, one line). It reads the marks such texts keep:

* **indentation**: two or more ideographic spaces (``　　``), the print indentation of a paragraph;
* **spacing**: a run of two or more spaces, unless Latin letters or figures stand on both sides, and
  one space after the end of a sentence (``。 ``, ``！ ``, ``： ``) before the next Chinese word, as
  a database export joins paragraphs with single spaces, when the text has at least one such space
  per 500 characters (a paragraph of a speech is rarely longer); a rarer one is something else (the
  space before a photo credit);
* **structure**, only in a piece that is still long after those: the opening address
  (``同志们：``), a dated title line before the byline (``…的讲话（2018年2月12日）``), a ``※``
  byline, the speaker's name run into the text after such a title (``…（2018年2月12日）习近平党的十八大以后``,
  ``…（2020年9月4日，北京）中华人民共和国主席 习近平尊敬的…``: the name is found by jieba's part-of-speech
  tagger, a person name with at most an office title before it), a vocative between sentences (``。主席先生！``), and enumerators after a sentence end
  (``。第二，``, ``。二、``, ``。（三）``, ``。——``).

It only acts on a text whose longest line holds most of its characters (:func:`is_run_on`), or, for the
whitespace marks, on a text of one line however short, so pages that already have their lines
(scraped pages, files) are left exactly as they are.
"""

from __future__ import annotations

import functools
import re

from speechtopics.clean.shape import is_salutation

__all__ = ["is_run_on", "split_byline", "split_run_on"]

_D = "[0-9０-９]"
_CN = "一二三四五六七八九十"
# two ideographic spaces (other spaces may sit between them): print indentation of a paragraph
_INDENT = re.compile("\u3000[ \t\u00a0]*\u3000[\u3000 \t\u00a0]*")
# two or more spaces between sentences or lines of a title (not inside Latin text or figures: "GDP  2.5")
_SPACED = re.compile(r"(?<![A-Za-z0-9,.])[ \t\u00a0\u3000]{2,}|[ \t\u00a0\u3000]{2,}(?![A-Za-z0-9])")
# one space (any kind) after the end of a sentence or a colon, before a word that is not Latin or figures
_SENTENCE_SPACE = re.compile(r"(?<=[。！？!?；;：:])[ \t\u00a0\u3000](?=[^\sA-Za-z0-9])")
_END = r"(?<=[。！？!?；;])[”」』]?"
# a new paragraph starts before these, when they follow the end of a sentence
_STRUCTURE = re.compile(
    # an enumerator right after an item's closing bracket (…各地政府负责）（二）…, …负责）二、…)
    rf"(?<=[）)])(?=[（(][{_CN}]+[）)]|[{_CN}]+、(?!\d))"
    rf"|(?:{_END})(?="
    rf"第[{_CN}百零]+条(?!件)"  # 第二条基本养老保险… (a regulation's articles)
    rf"|第[{_CN}]+(?:个问题|个方面|方面|部分|条)?[，、：:,]"  # 第一， 第二个问题：
    rf"|[{_CN}]+[、．](?!\d)"  # 二、
    rf"|[（(][{_CN}]+[）)]"  # （三）
    rf"|——"  # ——面对疫情，我们要…
    # a vocative (主席先生！ 女士们、先生们、同志们！ 同志们，朋友们！)
    rf"|[^。！？!?，,：:；;“”]{{0,24}}(?:们|先生|女士|同事|同胞|阁下|同志)(?:[，、,][^。！？!?：:；;“”]{{0,24}})?[！!]"
    ")"
)
# a dated title line at the start: 在…座谈会上的讲话（2018年2月12日） / 致辞（2020年9月4日，北京）
_DATED_TITLE = re.compile(
    rf"^[^。！？!?：:]{{4,80}}?[（(][^（）()。]{{0,12}}"
    rf"{_D}{{4}}\s*年\s*{_D}{{1,2}}\s*月\s*{_D}{{1,2}}\s*日[^（）()。]{{0,20}}[）)]"
)
# a ※ byline after a title at the start: 全面提高依法防控依法治理能力※习近平…
_STAR_BYLINE = re.compile(r"^([^。！？!?※]{4,80}?)\s*※\s*")
_FIRST_COLON = re.compile(r"^[^。！？!?：:]{2,80}?[：:]")
# what may stand before a speaker's name in a byline: an office (中华人民共和国主席, 县委书记)
_OFFICE = re.compile(r"^[\u4e00-\u9fff]{0,12}(?:主席|总书记|总理|书记|省长|市长|县长|区长|州长|旗长|部长|主任|委员长|院长)\s*$")


@functools.lru_cache(maxsize=1)
def _tagger():
    """jieba's part-of-speech tagger on a tokenizer of its own (default dictionary only), so that words the
    segment stage adds to jieba's shared tokenizer never change where a byline ends."""
    import jieba
    import jieba.posseg

    jieba.setLogLevel(60)
    return jieba.posseg.POSTokenizer(jieba.Tokenizer())


def split_byline(text: str, max_chars: int = 24) -> tuple[str, str]:
    """A speaker's byline at the start of ``text`` (a person name, with at most an office before it) and
    the rest; ``("", text)`` when ``text`` does not start with one.

    Examples
    --------
    >>> split_byline("中华人民共和国主席 习近平尊敬的各国领导人：")
    ('中华人民共和国主席 习近平', '尊敬的各国领导人：')
    >>> split_byline("党的十八大以后，我先后")
    ('', '党的十八大以后，我先后')
    """
    pos = 0
    for pair in _tagger().cut(text[: max_chars + 8]):
        word, flag = pair.word, pair.flag
        if flag.startswith("nr") and len(word) >= 2 and (pos == 0 or _OFFICE.match(text[:pos])):
            end = pos + len(word)
            return (text[:end], text[end:]) if end <= max_chars else ("", text)
        pos += len(word)
        if pos > max_chars:
            break
    return "", text


def is_run_on(text: str, min_chars: int = 500, share: float = 0.5) -> bool:
    """Whether ``text`` lost its paragraph breaks: its longest line has at least ``min_chars`` characters
    and at least ``share`` of all characters.

    Parameters
    ----------
    text : str
        Raw text.
    min_chars : int
        Shortest line that counts as run-on.
    share : float
        Share of the text's characters the longest line must hold.

    Returns
    -------
    bool
    """
    if len(text) < min_chars:
        return False
    longest = max(len(line) for line in text.split("\n"))
    return longest >= min_chars and longest >= share * len(text)


#: Longest mean paragraph, in characters, of a text whose single spaces after sentence ends are its
#: paragraph marks (:func:`_single_spaced`).
SINGLE_SPACED_PARAGRAPH = 500


def _single_spaced(text: str) -> bool:
    """Whether single spaces after sentence ends are ``text``'s paragraph marks: there is one at least
    every :data:`SINGLE_SPACED_PARAGRAPH` characters."""
    return len(_SENTENCE_SPACE.findall(text)) >= max(1, len(text) // SINGLE_SPACED_PARAGRAPH)


def _whitespace_marks(line: str, single: bool) -> str:
    """``line`` with a newline at each indentation and run of spaces, and with ``single`` at each space
    after a sentence end."""
    line = _SPACED.sub("\n", _INDENT.sub("\n", line))
    return _SENTENCE_SPACE.sub("\n", line) if single else line


def _structural(line: str) -> list[str]:
    """A long line cut at its structural marks (opening address, dated title, ``※`` byline, vocatives,
    enumerators)."""
    head: list[str] = []
    m = _DATED_TITLE.match(line) or _STAR_BYLINE.match(line)
    if m:
        head.append(m.group(1) if m.re is _STAR_BYLINE else m.group(0))
        byline, line = split_byline(line[m.end() :])
        head.append(byline)
    m = _FIRST_COLON.match(line)
    if m and is_salutation(m.group(0)):
        head.append(m.group(0))
        line = line[m.end() :]
    pieces, pos = [], 0
    for m in _STRUCTURE.finditer(line):
        if m.end() > pos:
            pieces.append(line[pos : m.end()])
            pos = m.end()
    pieces.append(line[pos:])
    return [p for p in head + pieces if p.strip()]


def _titled(piece: str) -> list[str]:
    """A short piece that is a dated title with the speaker's name run on (``…（2020年2月3日）习近平``):
    the title and the byline as two lines; any other piece as it is."""
    m = _DATED_TITLE.match(piece)
    if not m:
        return [piece]
    byline, rest = split_byline(piece[m.end() :])
    return [m.group(0), byline] + ([rest] if rest else []) if byline else [piece]


def split_run_on(text: str, min_chars: int = 500, share: float = 0.5) -> str:
    """Put paragraph breaks back into a run-on text (see the module docstring).

    Parameters
    ----------
    text : str
        Raw text, before whitespace normalisation (the indentation is still there).
    min_chars, share : int, float
        What makes a text run-on (:func:`is_run_on`); a piece at least ``min_chars`` long after the
        whitespace marks is also cut at its structural marks.

    Returns
    -------
    str
        The text with ``\\n`` at the paragraph breaks; a text that is not run-on comes back unchanged.

    Examples
    --------
    >>> split_run_on("同志们：" + "今天开会。" * 120 + "第二，抓落实。" + "\\u3000\\u3000谢谢大家！")[:10]
    '同志们：\\n今天开会。'
    """
    if not is_run_on(text, min_chars, share):
        if "\n" in text.strip() or not text.strip():
            return text
        pieces = _whitespace_marks(text.strip(), _single_spaced(text)).split("\n")  # one short line
        return "\n".join(p for p in pieces if p.strip()) if len(pieces) > 1 else text
    out: list[str] = []
    single = _single_spaced(text)
    for line in text.split("\n"):
        for piece in _whitespace_marks(line, single).split("\n"):
            out.extend(_structural(piece) if len(piece) >= min_chars else _titled(piece))
    return "\n".join(out)
