"""Dates of documents: a date a user gives (a table's cell), a date in a page's header or text, a date in a
file name, each as ISO ``YYYY-MM-DD``.

This module owns reading dates: :func:`parse_user_date` (the whole value must be a date, in any of the
forms researchers' tables hold), :func:`parse_date` (the first full date in a text), :func:`find_date`
(a page's publish date from its header lines) and :func:`date_from_source` (``2013-03-22_标题.txt``).
Chinese numerals (二〇二〇年三月五日) are read by hand: the date libraries do not read them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any
from pathlib import PurePath

from speechtopics.records import MISSING_TOKENS, NOT_KNOWN_WORDS, date_from_name, title_from_name

__all__ = ["DATE_FORMATS", "ROC_YEAR_ONE", "YEARS", "date_conflict", "date_from_source", "day_month_warning", "find_date",
           "page_date", "parse_date", "parse_user_date"]

_CN_DIGIT = {"〇": 0, "零": 0, "○": 0, "O": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
             "八": 8, "九": 9}
_ISO = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?!\d)")
_CN_DATE = re.compile(r"([〇零○一二三四五六七八九]{4})年([一二三四五六七八九十]{1,2})月([一二三四五六七八九十]{1,3})日")
_COMPACT = re.compile(r"(?<!\d)((?:19|20)\d{2})(\d{2})(\d{2})(?!\d)")


def _cn_number(s: str) -> int:
    """一..三十一 as an int (month/day numerals)."""
    if "十" not in s:
        return int("".join(str(_CN_DIGIT[c]) for c in s))
    tens, _, ones = s.partition("十")
    return (_CN_DIGIT[tens] if tens else 1) * 10 + (_CN_DIGIT[ones] if ones else 0)


#: Years a document of this kind can carry (official texts from the late Qing to now, with room either
#: side); a date outside is a typo (``3020-01-01``) or a number that is not a date, and is not used.
YEARS = (1700, 2100)


def _iso(y: int, m: int, d: int) -> str | None:
    if not YEARS[0] <= y <= YEARS[1]:
        return None
    try:
        return dt.date(y, m, d).isoformat()
    except ValueError:
        return None


def parse_date(text: str | None) -> str | None:
    """First valid date in ``text`` as ``YYYY-MM-DD`` (2021-06-24, 2021年6月24日, 二〇二一年三月五日).

    Parameters
    ----------
    text : str or None
        Any text holding a date.

    Returns
    -------
    str or None
        ISO date, or None when there is no valid full date.
    """
    if not text:
        return None
    text = str(text)
    for m in _ISO.finditer(text):
        iso = _iso(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if iso:
            return iso
    for m in _CN_DATE.finditer(text):
        y = int("".join(str(_CN_DIGIT[c]) for c in m.group(1)))
        iso = _iso(y, _cn_number(m.group(2)), _cn_number(m.group(3)))
        if iso:
            return iso
    m = _COMPACT.search(text)
    if m:
        return _iso(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    return None


_U_TIME = r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
#: A date and time with its offset from UTC (``Z``, ``+08:00``): an instant, read as China's date of it.
_U_INSTANT = re.compile(r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})")
#: China Standard Time, the time of the documents' dates (no daylight saving since 1991).
CHINA_TIME = dt.timezone(dt.timedelta(hours=8), "CST")
_U_YMD = re.compile(rf"(\d{{4}})\s*[-/.年]\s*(\d{{1,2}})\s*[-/.月]\s*(\d{{1,2}})\s*日?{_U_TIME}")
_U_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
# 2020011810, 202001181030, 20200118103000: a compact date with its hour, minutes and seconds (a CMS export's)
_U_COMPACT_TIME = re.compile(r"((?:19|20)\d{2})(\d{2})(\d{2})(?:[01]\d|2[0-3])(?:[0-5]\d){0,2}")
_U_XYY = re.compile(r"(\d{1,2})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{4})" + _U_TIME)
# 2020, 2020年, 2020.0 (a year in a float column), 2020-03, 2020年3月
_U_YM = re.compile(r"(\d{4})(?:\.0|\s*年|\s*[-/.年]\s*(\d{1,2})\s*月?)?")
_CN_YEAR = re.compile(r"([〇零○一二三四五六七八九]{4})年(?:([一二三四五六七八九十]{1,2})月)?")
_MONTHS = {m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1)}
# March 5, 2020 / Mar. 5 2020 / 5 March 2020 / March 2020 (English-language databases)
_U_EN = re.compile(r"(?:(\d{1,2})\s+)?([A-Za-z]{3})[a-z]*\.?\s+(?:(\d{1,2})(?:st|nd|rd|th)?,?\s+)?(\d{4})")
# a date of the Republic of China calendar (Taiwan's; 民國1年 = 1912): 民國110年3月5日, 中華民國110年3月5日 and
# the three-digit years of Taiwan's tables (110/3/5, 110.03.05: 2021; no Gregorian date has such a year)
_U_ROC = re.compile(r"(?:中华民国|中華民國|民国|民國)\s*(\d{1,3})\s*年(?:\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?)?"
                    r"|(1\d{2})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})")
ROC_YEAR_ONE = 1912
"""The Gregorian year of the Republic of China's year 1 (民國1年)."""
_U_SERIAL = re.compile(r"(\d{5})(?:\.\d+)?")  # an Excel date serial that lost its format (45657; 43895.5 with a time)
# a Unix timestamp as databases export it: seconds (9-10 digits: 1973-2286) or milliseconds (12-13 digits)
_U_EPOCH = re.compile(r"(\d{9,10}|\d{12,13})(?:\.\d+)?")

#: Orders of a day and month written before a four-digit year (``3/5/2020``) that
#: :func:`parse_user_date` accepts as ``date_format``.
DATE_FORMATS = ("mdy", "dmy")


#: A cell that says no value (R's NA, a spreadsheet's #N/A, a database's null, a dash, a Chinese
#: database's 不详 "not known"), lower-cased.
_NO_DATE = frozenset({t.lower() for t in MISSING_TOKENS | NOT_KNOWN_WORDS} | {"nat", "--"})


def parse_user_date(value: object, date_format: str = "mdy") -> tuple[str | None, int | None, bool]:
    """A date the user gave (a table's date column) as an ISO date and a year.

    The whole value must be a date; accepted forms are ``2020-03-05``, ``2020/3/5``, ``2020.3.5``,
    ``2020年3月5日``, ``二〇二〇年三月五日``, ``20200305``, a date with a time (``2020-03-05 00:00:00``,
    as pandas writes timestamps), ``1/18/2020`` and ``18/1/2020`` (day and month before a four-digit
    year), and a year or a year and month alone (``2020``, ``2020年``, ``2020-03``, ``2020年3月``),
    which give the year but no date; English forms (``March 5, 2020``, ``5 Mar 2020``, ``March 2020``);
    a five-digit Excel date serial that lost its cell format (``45657`` is 2024-12-31); and a Unix
    timestamp as database exports write it, in seconds (9 or 10 digits, ``1579305600``) or milliseconds
    (12 or 13 digits, ``1579305600000``), read as its date in China Standard Time; a date of the
    Republic of China calendar (``民國110年3月5日``, ``中華民國110年``, and a three-digit year as Taiwan's
    tables write it, ``110/3/5``, ``110.03.05``: 2021-03-05); a run of digits that
    reads as a compact date and time (``2020011810``, ``202001181030``, ``20200118103000``) is that
    date instead, and one of 9, 10 or 12 digits opening with 19 or 20 that is not a valid one is a date
    error (as a timestamp it would be of 2030 on, or of 1976: a compact date mistyped, 200001011). A date and
    time with an offset from UTC (``2024-07-31T16:00:00Z``, a tz-aware timestamp) is an instant and
    gives its date in China Standard Time (UTC+8), the documents' own time. Else a short
    value holding one full date (``发布日期：2020-03-05``) gives that date.

    Parameters
    ----------
    value : object
        The field's value (a string, a number, a date or datetime, or None).
    date_format : {"mdy", "dmy"}
        How to read day and month before a four-digit year when both could be the month
        (``3/5/2020``): ``"mdy"`` (the default, US order) takes the first number as the month
        (2020-03-05), ``"dmy"`` as the day (2020-05-03). When one of them is above 12 the order is
        unambiguous and ``date_format`` is not used (``1/18/2020`` is 18 January either way).

    Returns
    -------
    tuple of (str or None, int or None, bool)
        ISO date (None for a year alone), year, and whether the value was understood. An empty value (or one
        saying none: ``NA``, ``null``, ``不详``, ``未知``) gives ``(None, None, True)``; a value that is not a valid date gives ``(None, None, False)``.

    Examples
    --------
    >>> parse_user_date("1/18/2020")
    ('2020-01-18', 2020, True)
    >>> parse_user_date("3/5/2020"), parse_user_date("3/5/2020", "dmy")[0]
    (('2020-03-05', 2020, True), '2020-05-03')
    >>> parse_user_date("March 5, 2020"), parse_user_date("45657")[0]
    (('2020-03-05', 2020, True), '2024-12-31')
    >>> parse_user_date("2020年"), parse_user_date("n.d."), parse_user_date("NA"), parse_user_date("不详")
    ((None, 2020, True), (None, None, False), (None, None, True), (None, None, True))
    >>> parse_user_date("2024-07-31T16:00:00.000Z")[0]  # midnight of 1 August in Beijing
    '2024-08-01'
    >>> parse_user_date(1579276800), parse_user_date("1579276800000")[0]  # 2020-01-18 00:00 in Beijing
    (('2020-01-18', 2020, True), '2020-01-18')
    >>> parse_user_date("202001181030")[0]  # a compact date and time, not a timestamp of 1976
    '2020-01-18'
    >>> parse_user_date("民國110年3月5日"), parse_user_date("110/3/5")[0], parse_user_date("中華民國38年")
    (('2021-03-05', 2021, True), '2021-03-05', (None, 1949, True))
    """
    if date_format not in DATE_FORMATS:
        raise ValueError(f"date_format must be one of {DATE_FORMATS}, not {date_format!r}")
    if value is None:
        return None, None, True
    if isinstance(value, dt.datetime) and value.tzinfo is not None:  # an instant: its day in China
        value = value.astimezone(CHINA_TIME)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.strftime("%Y-%m-%d"), value.year, True
    text = str(value).strip().replace("／", "/")
    if not text or text.lower() in _NO_DATE:  # an empty cell as tables write it: no date given
        return None, None, True
    if _U_INSTANT.fullmatch(text):  # 2024-07-31T16:00:00.000Z, as JavaScript's toISOString writes
        try:
            return parse_user_date(dt.datetime.fromisoformat(text), date_format)
        except ValueError:
            return None, None, False
    for rx in (_U_YMD, _U_COMPACT):
        m = rx.fullmatch(text)
        if m:
            iso = _iso(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            return (iso, int(iso[:4]), True) if iso else (None, None, False)
    m = _CN_DATE.fullmatch(text)
    if m:
        year = int("".join(str(_CN_DIGIT[c]) for c in m.group(1)))
        iso = _iso(year, _cn_number(m.group(2)), _cn_number(m.group(3)))
        return (iso, int(iso[:4]), True) if iso else (None, None, False)
    m = _U_XYY.fullmatch(text)
    if m:
        a, b, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
        month_first = b > 12 or (a <= 12 and date_format == "mdy")
        iso = _iso(y, a, b) if month_first else _iso(y, b, a)
        return (iso, y, True) if iso else (None, None, False)
    m = _U_YM.fullmatch(text)
    if m and YEARS[0] <= int(m.group(1)) <= YEARS[1] and (m.group(2) is None or 1 <= int(m.group(2)) <= 12):
        return None, int(m.group(1)), True
    m = _CN_YEAR.fullmatch(text)
    if m and YEARS[0] <= int("".join(str(_CN_DIGIT[c]) for c in m.group(1))) <= YEARS[1]:
        return None, int("".join(str(_CN_DIGIT[c]) for c in m.group(1))), True
    m = _U_EN.fullmatch(text)
    if m and m.group(2).lower() in _MONTHS and not (m.group(1) and m.group(3)):
        day, year = m.group(1) or m.group(3), int(m.group(4))
        iso = _iso(year, _MONTHS[m.group(2).lower()], int(day)) if day else None
        if not YEARS[0] <= year <= YEARS[1]:
            return None, None, False
        return (iso, year, True) if iso or not day else (None, None, False)
    m = _U_ROC.fullmatch(text)
    if m:
        year, month, day = (m.group(1), m.group(2), m.group(3)) if m.group(1) else m.group(4, 5, 6)
        year = int(year) + ROC_YEAR_ONE - 1
        iso = _iso(year, int(month), int(day)) if day else None
        if day and not iso or month and not 1 <= int(month) <= 12:
            return None, None, False
        return iso, year, True
    m = _U_SERIAL.fullmatch(text)
    if m and 20000 <= int(m.group(1)) <= 80000:  # 1954-10-03 .. 2119-01-10 in Excel's 1900 system
        day = dt.date(1899, 12, 30) + dt.timedelta(days=int(m.group(1)))
        return day.isoformat(), day.year, True
    m = _U_COMPACT_TIME.fullmatch(text)  # before a timestamp: 202001181030 is a date and time, not 1976
    if m and (iso := _iso(int(m.group(1)), int(m.group(2)), int(m.group(3)))):
        return iso, int(iso[:4]), True
    m = _U_EPOCH.fullmatch(text)
    if m and not (len(m.group(1)) in (9, 10, 12) and m.group(1)[:2] in ("19", "20")):  # as one: 2030+ or 1976
        seconds = int(m.group(1)) / (1000 if len(m.group(1)) > 10 else 1)
        day = dt.datetime.fromtimestamp(seconds, CHINA_TIME).date()
        return (day.isoformat(), day.year, True) if YEARS[0] <= day.year <= YEARS[1] else (None, None, False)
    iso = parse_date(text) if len(text) <= 40 else None  # a labelled date: "发布日期：2020-03-05"
    return (iso, int(iso[:4]), True) if iso else (None, None, False)


def day_month_warning(given: Iterable[tuple[object, str]]) -> str | None:
    """A warning when given dates written with day and month before the year were read in an order the
    other dates read so rule out, else None: ``3/10/2013`` read month first (``date_format`` mdy) beside
    ``18/1/2020``, which only a day-first column holds (or the other way round under dmy).

    Parameters
    ----------
    given : iterable of (value, date_format)
        Each given date with the ``date_format`` it is read with.

    Examples
    --------
    >>> day_month_warning([("3/10/2013", "mdy"), ("18/1/2020", "mdy"), ("2020-01-02", "mdy")])[:60]
    "1 given date such as '3/10/2013' was read month first (date_"
    >>> day_month_warning([("3/10/2013", "mdy"), ("9/13/2013", "mdy"), ("11/11/2014", "mdy")]) is None
    True
    """
    ambiguous: dict[str, list[str]] = {f: [] for f in DATE_FORMATS}
    ruled_out: dict[str, list[str]] = {f: [] for f in DATE_FORMATS}
    for value, date_format in given:
        m = _U_XYY.fullmatch(value.strip().replace("／", "/")) if isinstance(value, str) else None
        if m is None or date_format not in DATE_FORMATS:
            continue
        a, b = int(m.group(1)), int(m.group(2))
        if a <= 12 and b <= 12 and a != b:
            ambiguous[date_format].append(value)
        elif (a > 12 >= b) if date_format == "mdy" else (b > 12 >= a):
            ruled_out[date_format].append(value)
    for fmt in DATE_FORMATS:
        if ambiguous[fmt] and ruled_out[fmt]:
            read, other = ("month", "day") if fmt == "mdy" else ("day", "month")
            n, k = len(ambiguous[fmt]), len(ruled_out[fmt])
            return (f"{n} given date{'s' if n > 1 else ''} such as {ambiguous[fmt][0]!r} "
                    f"{'were' if n > 1 else 'was'} read {read} first (date_format {fmt!r}), but {k} other"
                    f"{'s' if k > 1 else ''} such as {ruled_out[fmt][0]!r} can only be {other} first: if the "
                    f"dates are written {other} first, give date_format "
                    f"{next(f for f in DATE_FORMATS if f != fmt)!r} (--date-format)")
    return None


_DATE_LINE_HINT = re.compile(r"发布|发表|时间|日期|更新|来源|^\s*[(（]|日\s*[)）]?\s*$")


# a date of the file, not of the text: when it was printed, revised, saved, downloaded or is due
_NOT_TEXT_DATE = re.compile(r"(?:打印|修订|修改|保存|下载|访问|截止)(?:日期|时间|于)")


def find_date(lines: list[str]) -> str | None:
    """Date from header lines: a publish-time line first, else a dated line such as ``（2013年3月22日，莫斯科）``;
    never a print, revision, save, download or due date (打印日期：…, a Word DATE field's result).

    Examples
    --------
    >>> find_date(["打印日期：2024年5月6日", "（2013年9月7日，阿斯塔纳）"])
    '2013-09-07'
    """
    lines = [line for line in lines if not _NOT_TEXT_DATE.search(line)]
    for line in lines:
        if _DATE_LINE_HINT.search(line):
            iso = parse_date(line)
            if iso:
                return iso
    for line in lines:  # a byline that is only a date and a counter ("2024-08-02 10:15 | 浏览：1688次")
        if len(line) <= 60:
            iso = parse_date(line)
            if iso:
                return iso
    return None


def date_from_source(source: str | None) -> tuple[str | None, str | None]:
    """Date and title from a file name like ``2013-03-22_在俄罗斯…的致辞.txt`` (also inside an archive,
    ``讲话.zip!2020-09-11_…txt``, and the other forms :func:`~speechtopics.records.title_from_name`
    reads: ``20200911_…``, full-width digits).

    Returns
    -------
    tuple of (str or None, str or None)
        ISO date and the title part, or ``(None, None)``.
    """
    if not source:
        return None, None
    name = str(source).split("::")[0].split("#")[0].split("!")[-1]  # an archive's member by its own name
    stem = PurePath(name).stem
    title = title_from_name(stem)  # the name opens with a date and a separator
    return (date_from_name(stem), title) if title is not None else (None, None)


# a speech's own date line under its title: （2020年9月8日）, （2013年3月22日，莫斯科）
_OWN_DATE_LINE = re.compile(r"^\s*[（(]\s*[^（）()，,]{6,16}[日号]\s*(?:[，,、]\s*[^（）()\d]{1,12})?\s*[)）]\s*$")


def page_date(html_meta: dict[str, Any], header_lines: list[str]) -> str | None:
    """The date a page states for itself: the text's own date line under its title (``（2020年9月8日）``:
    the day of the speech, where a repost's 发布时间 is the day of the page), else its metadata's, else
    the first in its header lines.

    Examples
    --------
    >>> page_date({"date": "2021-03-05 09:30:12"}, ["发布时间：2021-03-05 09:30:12", "（2020年9月8日）"])
    '2020-09-08'
    """
    own = next((iso for line in header_lines if _OWN_DATE_LINE.match(line) and not _NOT_TEXT_DATE.search(line)
                for iso in [parse_date(line)] if iso), None)
    return own or parse_date(html_meta.get("date")) or find_date(header_lines)


def date_conflict(year: int | None, inferred: bool | None, html_meta: dict[str, Any],
                  header_lines: list[str]) -> str | None:
    """The page's own date when a given date's year is two or more years from it (a file named for
    2013 that holds the 2017 New Year address), else None; a publication a year after the speech is
    common and not flagged."""
    if year is None or inferred is not False:
        return None
    own = page_date(html_meta, header_lines)
    return own if own and abs(int(own[:4]) - year) >= 2 else None
