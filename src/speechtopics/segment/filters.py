"""The filters of the segment chain: character filters (``str -> str``) and token filters
(``list[Token] -> list[Token]``), and the :class:`Token` they pass along.

This module owns what a filter keeps and drops: zero-width characters and full-width forms before the
tokenizer; redaction marks, punctuation, numbers, short words, stopwords and unwanted parts of speech
after it. :mod:`speechtopics.segment.chain` puts them in order.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import NamedTuple

from speechtopics.clean.normalize import fullwidth_to_ascii
from speechtopics.segment.formulas import YEAR

# Numbers, and years written out in numerals (one jieba word, 一九五八年, or the protector's ``year``
# piece, 二0一五年); 百年, 十年 stay.
_NUMBER = re.compile(rf"^第?[0-9〇零一二两三四五六七八九十百千万亿.,%+\-]+$|^{YEAR}$"
                     r"|^第[0-9〇零一二两三四五六七八九十百千]+[条款章节项届次批期轮个]$"  # 第十条, 第三届, 第二次
                     r"|^[一二两三四五六七八九十百千几]+[座处个项条次届名位所只种件批]$")  # a count: 一座, 两个, 一处
_REDACTED = re.compile(r"^[X×〓xX]+$|〓")
_HAS_WORD = re.compile(r"\w")
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")


class Token(NamedTuple):
    """A word, the protection kind that produced it (``None`` = segmenter) and its POS tag (or '')."""

    word: str
    kind: str | None = None
    pos: str = ""

    @property
    def protected(self) -> bool:
        """Pattern matches and quoted slogans skip the word filters."""
        return self.kind is not None


CharFilter = Callable[[str], str]
TokenFilter = Callable[[list[Token]], list[Token]]

# ---------------------------------------------------------------- character filters


def normalize_width(text: str) -> str:
    """NFKC: full-width digits and letters to ASCII (２０１３ → 2013), ideographic space to space.

    The segment stage's width normalisation: :func:`speechtopics.clean.normalize.fullwidth_to_ascii`
    with ``nfkc=True``, so the result always equals ``unicodedata.normalize("NFKC", text)``.
    """
    return fullwidth_to_ascii(text, nfkc=True)


def drop_zero_width(text: str) -> str:
    """Remove zero-width characters and BOMs that would split words invisibly."""
    return _ZERO_WIDTH.sub("", text) if _ZERO_WIDTH.search(text) else text


# ---------------------------------------------------------------- token filters


def drop_redacted(tokens: list[Token]) -> list[Token]:
    """Drop redaction marks (〓, and X/×-runs the cleaner left for redacted names)."""
    return [t for t in tokens if not _REDACTED.search(t.word)]


def drop_punctuation(tokens: list[Token]) -> list[Token]:
    """Drop tokens without a letter, digit or Chinese character."""
    return [t for t in tokens if _HAS_WORD.search(t.word)]


def drop_numbers(tokens: list[Token]) -> list[Token]:
    """Drop numbers (2021, 3.5%, 一百, 第三), years in numerals (一九五八年), the numbers of a
    regulation's parts (第十条, 第二款, 第三章), ordinals (第三届, 第二次, 第一批) and counts (一座, 一处,
    两个, 一名); protected formulas such as 十四五 and 两个维护 are kept, and so are words such as 百年,
    一线 and 一流."""
    return [t for t in tokens if t.protected or not _NUMBER.match(t.word)]


#: File-name extensions: a notice's attachment line (附件：实施方案.docx) or a download link names its
#: file; the extension says nothing about the text's content, so it is not a token.
FILE_EXTENSIONS = frozenset({"doc", "docx", "wps", "pdf", "ofd", "caj", "txt", "rtf", "xls", "xlsx", "et", "csv",
                             "ppt", "pptx", "dps", "jpg", "jpeg", "png", "gif", "bmp", "tif", "tiff", "zip", "rar",
                             "7z", "htm", "html", "shtml", "mp3", "mp4", "avi", "wmv", "flv"})


def drop_file_extensions(tokens: list[Token]) -> list[Token]:
    """Drop file-name extensions (docx, pdf, xls, jpg …; any case): see :data:`FILE_EXTENSIONS`."""
    return [t for t in tokens if t.protected or t.word.lower() not in FILE_EXTENSIONS]


def make_min_chars(n: int) -> TokenFilter:
    """Filter dropping unprotected tokens shorter than ``n`` characters."""

    def min_chars(tokens: list[Token]) -> list[Token]:
        return [t for t in tokens if t.protected or len(t.word) >= n]

    return min_chars


def make_stopwords(stop: frozenset[str], formulaic: frozenset[str]) -> TokenFilter:
    """Filter dropping stopwords; words on the formulaic list survive (they go to the formulaic layer)."""

    def drop_stopwords(tokens: list[Token]) -> list[Token]:
        return [t for t in tokens if t.protected or t.word in formulaic or t.word not in stop]

    return drop_stopwords


def make_pos_filter(keep: Sequence[str], lexicon: frozenset[str], formulaic: frozenset[str]) -> TokenFilter:
    """Filter keeping tokens whose POS starts with one of ``keep`` (lexicon terms and formulas pass)."""
    prefixes = tuple(keep)

    def pos_filter(tokens: list[Token]) -> list[Token]:
        return [
            t
            for t in tokens
            if t.protected or t.word in lexicon or t.word in formulaic or t.pos.startswith(prefixes)
        ]

    return pos_filter
