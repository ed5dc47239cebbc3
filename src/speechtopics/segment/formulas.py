"""Numbered formulas and other pattern-protected terms of official speech.

This module owns the regular expressions that find terms a dictionary cannot list in full: numbered
formulas (六稳六保, 三去一降一补, “四个意识”), plan and congress names (十四五, 二十大, 二十届三中全会,
市委十一届四次全会, 十四届全国人大二次会议), digit-bearing terms (5G, 双11, PM2.5) and, optionally, short
quoted slogans (“放管服”). :func:`split_protected` cuts a text into protected matches and the gaps between
them; only the gaps go to the segmenter, so a match always comes out as one token (this also works around
jieba ignoring user words with digits, jieba issue #659).

Hand-written because no library knows this officialese; the patterns are deliberately anchored on
numerals and on a few fixed heads (届, 中全会, 次全会, 大) to keep false matches rare.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

__all__ = ["find_formulas", "split_protected", "FORMULA_KINDS", "NUMERAL_START"]

N = "一二两三四五六七八九十"  # Chinese numerals used in formulas
_NUM = f"[{N}]"
_ORD = "[一二三四五六七八九十]"
_REDACT = "[X×〓]"  # a redacted numeral (县委X届十次全会)
# Characters that, after a numeral, make a count or a date rather than a formula morpheme.
_NOT_MORPHEME = "零〇个是年月日天次些季周岁届期级号点时分秒元名批项条种类件座亿万千百成倍层切"
# Function characters never make a formula morpheme (统一的多民族 is not 一的多民).
_FUNCTION = "的地得者了着过和与及或在对为把被将也都就而且之其所等从向以于即又还更最很并"
_MORPHEME = f"[\u4e00-\u9fff](?<![{N}{_NOT_MORPHEME}{_FUNCTION}百千万亿第双])"

# The character that ends a text when the segmenter scans many texts joined by it (a control character
# that never stays in a text: see ``chain.Chain.columns``). No pattern reaches across it: all but one
# consume only Han characters, digits, letters and a few marks, and that one's lookahead excludes it.
TEXT_END = "\x1c"

# Known second halves of unquoted "N个X" formulas (四个全面, 两个维护 ...).
NUMBERED_HEADS = (
    "意识|自信|全面|维护|确立|代表|务必|服务|一百年|必须|统筹|坚持|没有变|不动摇|敢于|绝不|"
    "机遇期|大局|定位|率先|走在前列|作风|坚定|精准|到位|转变|结合|聚焦|更加|一批|现代化"
)
# "N + modifier + head" formulas of local policy (四上企业, 三旧改造, 四好农村路, 十大工程): a numeral, one
# modifier from a short list, then a policy noun; the tokenizer also asks the dictionary for word
# boundaries at both ends (like ``paired``), which keeps 第三大产业-style counts out.
MODIFIERS = "上好旧新大优强美零无"
MODIFIED_HEADS = (
    "企业|改造|农村路|工程|行动|产业|战略|攻坚战|任务|举措|工作|体系|机制|平台|板块|基地|园区|项目|"
    "城市|乡村|社区|村居|家庭|班子|干部|支部|抓"
)
NUMERAL_START = re.compile(f"^{_NUM}")

PATTERNS: dict[str, str] = {
    # 十四届全国人大二次会议, 县十八届人大三次会议, 政协十三届五次会议
    "session": (
        f"(?:[省市县区])?(?:{_ORD}{{1,3}}|{_REDACT})届(?:全国|省|市|县|区)?(?:人大|政协|人民代表大会)(?:常委会)?"
        f"{_ORD}{{1,3}}次(?:全体)?会议"
    ),
    # 二十届三中全会, 十一届三中全会, 市委十一届四次全会, 县委X届十次全会, 四中全会
    # lists and tolerant forms: 十八届三中、四中、五中全会, 二十届三中会 (a typo seen in the corpus),
    # 市委十一届四次全体(扩大)会议
    "plenum": (
        f"(?:[省市县区州]委)?(?:(?:{_ORD}{{1,3}}|{_REDACT})届)?{_ORD}{{1,3}}中(?:[、和]{_ORD}{{1,3}}中)*全会"
        f"|(?:[省市县区州]委)?(?:{_ORD}{{1,3}}|{_REDACT})届{_ORD}{{1,3}}中会"
        f"|(?:[省市县区州]委)?(?:{_ORD}{{1,3}}|{_REDACT})届{_ORD}{{1,3}}次"
        f"全(?:体(?:[(（]扩大[)）]|扩大)?会议|会)"
    ),
    # 十一五 … 十五五 anywhere; 六五 … 九五 only as a plan name
    "plan": (
        f"(?<![{N}百千])十[一二三四五]五(?![{N}])"
        f"|(?<![{N}百千])[六七八九]五(?=计划|时期|期间|规划|”)"
    ),
    # 十八大, 十九大, 二十大, 二十一大
    "congress": f"(?<![{N}百千第])(?:二十[一二三]?|十[二三四五六七八九])大(?![学型量概约多都部分众力])",
    # “四个意识”, “一团五园三基地”, “三农” (a quoted term that starts with a numeral)
    # also the first item of a quoted list: “十大抓、抓十大”
    "numbered": (
        f"(?<=[“「\"])(?:{_NUM}|双)[\u4e00-\u9fff]{{1,7}}(?=[”」\"]|、[^”」\"{TEXT_END}]{{1,8}}[”」\"])"
        # ... or the N个 formula that opens a longer quoted slogan (“六个冲在前列交好答卷”): N个, at most
        # two characters, a known head, and more of the slogan up to the closing quote
        f"|(?<=[“「\"])[两三四五六七八九十]个[\u4e00-\u9fff]{{0,2}}?(?:{NUMBERED_HEADS}|在前列)"
        f"(?=[\u4e00-\u9fff、，,]{{1,10}}[”」\"])"
    ),
    # 四个全面, 两个维护, 两个一百年 (unquoted, known heads only)
    # 四个全面, 两个维护, 两个一百年 (unquoted: known heads, or any two-character head a list explains:
    # 六个精准，即扶持对象精准、…)
    "counted": (
        f"(?<![{N}百千第])[两三四五六七八九十]个(?:{NUMBERED_HEADS})"
        f"|(?<![{N}百千第])[两三四五六七八九十]个[\u4e00-\u9fff]{{2}}(?=[,，:：]?即)"
        # measure-word formulas of local governance: 五级书记, 十件民生实事, 一号文件, 一号工程
        f"|(?<![{N}百千第])(?:[三四五]级书记|[两三四五六七八九十]件(?:民生)?实事|一号(?:文件|工程))"
        # named rules (not any count of rules, 这三项规定): 八项规定, 四项基本原则, 和平共处五项原则, 两条底线
        f"|(?<![{N}百千第])(?:八项规定|[两三四五六七八九十]项基本原则|五项原则|[两三四五六七八九十]条(?:底线|红线))"
    ),
    "modified": (
        f"(?<![{N}百千万第])[两三四五六七八九十][{MODIFIERS}](?:{MODIFIED_HEADS})"
    ),
    # 六稳六保, 三严三实, 两学一做, 三去一降一补, 五位一体, 一带一路, 一岗双责
    # (not a reduplication: 一步一步, 一代一代)
    "paired": f"(?<![{N}百千万第])(?!(?P<rep>{_NUM}{_MORPHEME})(?P=rep))(?:{_NUM}{_MORPHEME})(?:[{N}双多]{_MORPHEME}){{1,3}}",
    # 5G, G20, PM2.5, C919, 4K, 双11, 双12
    "digit": r"(?<![A-Za-z0-9.])(?:[A-Za-z]+\d+(?:\.\d+)?[A-Za-z]*|\d+[A-Za-z]+\d*|双1[12])(?![A-Za-z0-9])",
}

#: Kinds whose matches are reported as formulas (``digit`` and ``quoted`` only become tokens).
#: A year written out (一九五八年, 二〇二一年, 二0一五年, 2021年). Not a formula: it is cut out whole so the
#: segmenter does not read 二〇二|一年 or 二0|一|五年 into it, then dropped as a number like 2021.
YEAR_DIGITS = "0123456789〇○零一二三四五六七八九"
YEAR = f"(?<![{YEAR_DIGITS}十])[{YEAR_DIGITS}]{{4}}年"

FORMULA_KINDS = frozenset({"session", "plenum", "plan", "congress", "numbered", "counted", "modified", "paired"})
_ORDER = ("session", "plenum", "plan", "congress", "numbered", "counted", "modified", "paired", "digit")


def _quoted_pattern(max_chars: int) -> str:
    """Short quoted slogan without punctuation inside: “放管服”, “最多跑一次”."""
    return f"(?<=[“「])[\u4e00-\u9fff]{{2,{max_chars}}}(?=[”」])"


@functools.lru_cache(maxsize=16)
def compile_protector(
    extra_terms: tuple[str, ...] = (), quoted_max_chars: int = 0, formulas: bool = True
) -> re.Pattern[str]:
    """One regex with a named group per kind (first alternative wins, so order is precedence); the
    last, ``year``, is not a formula (see :data:`YEAR`).

    Parameters
    ----------
    extra_terms
        Literal terms to protect too (lexicon entries with ASCII letters or digits, which jieba may split).
    quoted_max_chars
        Longest quoted slogan to protect; 0 turns quoted slogans off.
    formulas
        Include the formula and digit patterns.
    """
    parts = []
    starts = set(N + "双“「\"省市县区州X×〓" + "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
    if extra_terms:
        starts.update(t[0] for t in extra_terms)
        alt = "|".join(re.escape(t) for t in sorted(set(extra_terms), key=lambda t: (-len(t), t)))
        parts.append(f"(?P<lexicon>{alt})")
    if formulas:
        parts.extend(f"(?P<{k}>{PATTERNS[k]})" for k in _ORDER)
    if quoted_max_chars >= 2:
        parts.append(f"(?P<quoted>{_quoted_pattern(quoted_max_chars)})")
    parts.append(f"(?P<year>{YEAR})")
    starts.update(YEAR_DIGITS)
    # Every alternative starts with one of these characters (quoted ones just after a quote): a cheap
    # lookahead lets the scan skip other positions fast.
    first = "".join(sorted(re.escape(c) for c in starts))
    return re.compile(f"(?=[{first}]|(?<=[“「\"]))(?:{'|'.join(parts)})")


def split_protected(text: str, pattern: re.Pattern[str]) -> list[tuple[str, str | None]]:
    """Cut ``text`` into ``(piece, kind)``: protected matches (kind = pattern group) and gaps (kind None).

    Examples
    --------
    >>> split_protected("做好六稳六保工作", compile_protector())
    [('做好', None), ('六稳六保', 'paired'), ('工作', None)]
    """
    pieces: list[tuple[str, str | None]] = []
    pos = 0
    for m in pattern.finditer(text):
        if m.start() > pos:
            pieces.append((text[pos : m.start()], None))
        pieces.append((m.group(), m.lastgroup))
        pos = m.end()
    if pos < len(text):
        pieces.append((text[pos:], None))
    return pieces


def find_formulas(text: str) -> list[str]:
    """Numbered formulas in ``text``, in order, found by pattern alone (no dictionary).

    Parameters
    ----------
    text
        Any text.

    Returns
    -------
    list of str
        Matches such as ``六稳六保``, ``四个意识``, ``十四五``, ``二十届三中全会`` (repeats kept).

    Examples
    --------
    >>> find_formulas("增强“四个意识”，做好“六稳”“六保”，编制“十四五”规划")
    ['四个意识', '六稳', '六保', '十四五']
    >>> find_formulas("努力实现“六个冲在前列交好答卷”")
    ['六个冲在前列']
    """
    return [piece for piece, kind in split_protected(text, compile_protector()) if kind in FORMULA_KINDS]


def iter_kinds(text: str) -> Iterable[tuple[str, str]]:
    """``(match, kind)`` for every protected match (formulas and digit terms), for diagnostics."""
    return [(p, k) for p, k in split_protected(text, compile_protector()) if k is not None]
