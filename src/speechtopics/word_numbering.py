"""Word's automatic list numbers (一、 （二） 3.): the numbers Word draws before numbered paragraphs.

One responsibility: :class:`ListNumbers`. A numbered paragraph's number is not in its text: Word
draws it from the paragraph's ``w:numPr`` (or its style's, as outline-numbered templates set it on
标题 1 / Heading 1) and the numbering part's level definitions (format, text, start). python-docx
exposes the numbering part's XML but computes no number; docx2python counts lists in its six basic
formats only (decimal, letters, roman numerals, bullets: none of the Chinese counting formats offices
use) and mammoth writes lists as HTML ``<ol>`` without their numbers, so the numbers are counted here.
"""

from __future__ import annotations

import re

__all__ = ["ListNumbers", "format_number"]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_DIGITS = "〇一二三四五六七八九"
_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_LEGAL_TRADITIONAL = "零壹貳參肆伍陸柒捌玖"


def _counting(n: int, digits: str = _DIGITS, ten: str = "十", hundred: str = "百", one_ten: bool = False) -> str:
    """一 … 九百九十九 as Chinese counts (十一, 二十, 一百零五); larger numbers in digits."""
    if not 0 < n < 1000:
        return str(n)
    hundreds, rest = divmod(n, 100)
    tens, ones = divmod(rest, 10)
    out = digits[hundreds] + hundred if hundreds else ""
    if tens:
        out += ("" if tens == 1 and not hundreds and not one_ten else digits[tens]) + ten
    elif hundreds and ones:
        out += "零" if digits[0] == "〇" else digits[0]
    return out + (digits[ones] if ones else "")


def _digit_by_digit(n: int, digits: str = _DIGITS) -> str:
    """Each decimal digit as a Chinese numeral (10 → 一〇), as ``ideographDigital`` draws it."""
    return "".join(digits[int(c)] for c in str(n))


_FORMATS = {
    "decimal": str, "decimalZero": lambda n: f"{n:02d}",
    "chineseCounting": _counting, "chineseCountingThousand": _counting, "japaneseCounting": _counting,
    "taiwaneseCounting": _counting, "taiwaneseCountingThousand": _counting,
    "ideographDigital": _digit_by_digit, "taiwaneseDigital": _digit_by_digit,
    "japaneseDigitalTenThousand": _digit_by_digit,
    "chineseLegalSimplified": lambda n: _counting(n, _LEGAL, "拾", "佰", one_ten=True),
    "ideographLegalTraditional": lambda n: _counting(n, _LEGAL_TRADITIONAL, "拾", "佰", one_ten=True),
    "japaneseLegal": lambda n: _counting(n, "〇壱弐参四伍六七八九", "拾", "百", one_ten=True),
    "ideographTraditional": lambda n: "甲乙丙丁戊己庚辛壬癸"[(n - 1) % 10],
    "ideographZodiac": lambda n: "子丑寅卯辰巳午未申酉戌亥"[(n - 1) % 12],
    "ideographEnclosedCircle": lambda n: chr(0x3280 + n - 1) if 1 <= n <= 10 else str(n),
    "decimalEnclosedCircle": lambda n: chr(0x245F + n) if 1 <= n <= 20 else str(n),
    "decimalEnclosedCircleChinese": lambda n: chr(0x245F + n) if 1 <= n <= 20 else str(n),
    "decimalEnclosedParen": lambda n: chr(0x2473 + n) if 1 <= n <= 20 else f"({n})",
    "decimalEnclosedFullstop": lambda n: chr(0x2487 + n) if 1 <= n <= 20 else f"{n}.",
    "decimalFullWidth": lambda n: "".join(chr(0xFF10 + int(c)) for c in str(n)),
    "decimalFullWidth2": lambda n: "".join(chr(0xFF10 + int(c)) for c in str(n)),
    "lowerLetter": lambda n: chr(96 + (n - 1) % 26 + 1), "upperLetter": lambda n: chr(64 + (n - 1) % 26 + 1),
    "lowerRoman": lambda n: _roman(n).lower(), "upperRoman": lambda n: _roman(n),
    "bullet": lambda n: "", "none": lambda n: "",
}


def format_number(n: int, fmt: str) -> str:
    """``n`` drawn in Word's number format ``fmt`` (``w:numFmt``; an unknown format as decimal).

    Examples
    --------
    >>> [format_number(n, "chineseCounting") for n in (1, 10, 12, 20, 105)]
    ['一', '十', '十二', '二十', '一百零五']
    >>> format_number(10, "ideographDigital"), format_number(3, "chineseLegalSimplified")
    ('一〇', '叁')
    """
    return _FORMATS.get(fmt, str)(n)


def _roman(n: int) -> str:
    out = ""
    for value, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                           (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        count, n = divmod(n, value)
        out += letters * count
    return out


def _val(el, tag: str) -> str | None:
    child = el.find(_W + tag) if el is not None else None
    return child.get(_W + "val") if child is not None else None


class ListNumbers:
    """The numbers Word draws before automatically numbered paragraphs (一、 （二） 3.), which are not in
    the paragraph's text: the paragraph's ``w:numPr``, else its paragraph style's (following
    ``w:basedOn``; a style's level is the one whose ``w:pStyle`` names it), read against the numbering
    part's levels (format, text, start; a list's ``w:lvlOverride``/``w:startOverride`` too), counted per
    list and level, a level's count restarting after a higher level. python-docx does not compute them."""

    def __init__(self, document):
        self.levels: dict[tuple[str, str], tuple[str, str, int]] = {}
        self.counts: dict[tuple[str, str], int] = {}
        self.styles: dict[str, tuple[str | None, str | None]] = {}
        self.based: dict[str, str] = {}
        self.style_levels: dict[tuple[str, str], str] = {}
        try:
            numbering = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract = {a.get(_W + "abstractNumId"): a for a in numbering.iterchildren(_W + "abstractNum")}
        for num in numbering.iterchildren(_W + "num"):
            definition = abstract.get(_val(num, "abstractNumId"))
            if definition is None:
                continue
            num_id = num.get(_W + "numId")
            starts = {o.get(_W + "ilvl"): int(_val(o, "startOverride"))
                      for o in num.iterchildren(_W + "lvlOverride") if _val(o, "startOverride") is not None}
            for lvl in definition.iterchildren(_W + "lvl"):
                ilvl, start = lvl.get(_W + "ilvl"), _val(lvl, "start")
                self.levels[(num_id, ilvl)] = (_val(lvl, "numFmt") or "decimal", _val(lvl, "lvlText") or "",
                                               starts.get(ilvl, int(start) if start is not None else 1))
                if _val(lvl, "pStyle") is not None:
                    self.style_levels[(num_id, _val(lvl, "pStyle"))] = ilvl
        try:
            styles = document.styles.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        for style in styles.iterchildren(_W + "style"):
            style_id = style.get(_W + "styleId")
            pr = style.find(f"{_W}pPr/{_W}numPr")
            if pr is not None:
                self.styles[style_id] = (_val(pr, "numId"), _val(pr, "ilvl"))
            if _val(style, "basedOn") is not None:
                self.based[style_id] = _val(style, "basedOn")

    def _style_numbering(self, style_id: str | None) -> tuple[str | None, str | None]:
        """The list and level a paragraph style (or a style it is based on) numbers its paragraphs with."""
        seen: set[str] = set()
        own = style_id
        while style_id is not None and style_id not in seen:
            seen.add(style_id)
            if style_id in self.styles:
                num_id, level = self.styles[style_id]
                return num_id, level if level is not None else self.style_levels.get((num_id, own), "0")
            style_id = self.based.get(style_id)
        return None, None

    def label(self, p) -> str:
        """The number drawn before paragraph ``p`` (``""`` when it has none)."""
        ppr = p.find(_W + "pPr")
        pr = ppr.find(_W + "numPr") if ppr is not None else None
        num_id, level = (_val(pr, "numId"), _val(pr, "ilvl")) if pr is not None else (None, None)
        if num_id is None or level is None:
            style_num, style_level = self._style_numbering(_val(ppr, "pStyle"))
            num_id, level = num_id or style_num, level or style_level
        level = level or "0"
        if (num_id, level) not in self.levels:  # numId 0: numbering switched off
            return ""
        fmt, text, start = self.levels[(num_id, level)]
        self.counts[(num_id, level)] = self.counts.get((num_id, level), start - 1) + 1
        for (other, deeper) in list(self.counts):  # a deeper level starts again under a new item
            if other == num_id and int(deeper) > int(level):
                del self.counts[(other, deeper)]

        def number(match) -> str:
            key = (num_id, str(int(match.group(1)) - 1))
            value = self.counts.get(key, self.levels.get(key, ("decimal", "", 1))[2])
            return format_number(value, self.levels.get(key, (fmt,))[0])

        return re.sub(r"%(\d)", number, text)
