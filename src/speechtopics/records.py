"""The records that pass between ingest and clean, and the names every reader shares.

Owns :class:`InputSource` (one configured input), :class:`IngestConfig` (the ``ingest:`` slice),
:class:`IngestResult` (records and ledger rows of one file), :func:`ledger_row`, :func:`make_doc_id`,
:func:`date_from_name`, :func:`date_choice` (which of several date columns is used, in words),
:func:`nothing_read` (the error when no input row or file gave a record) and
:class:`FieldError` (a field the user named that an input does not have, with a "did you mean"). A raw record is ``doc_id, source, text, encoding, format, meta`` (plus
``invalid_bytes``, for one-document files ``raw`` bytes, and for a Word document with unnumbered
styled headings ``headings``, heading text to level).
"""

from __future__ import annotations

import contextlib
import difflib
import hashlib
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from speechtopics.user_errors import OneLineError

#: A full date in a file name: ``2013-03-22``, ``2013_3_22``, ``2013.03.22``, ``2013年3月22日`` or
#: ``20130322`` (one separator throughout; a year and month alone, ``2014年12月``, is not a date).
DATE_IN_NAME = re.compile(r"(?<!\d)((?:19|20)\d{2})(?:([-_.])(\d{1,2})\2(\d{1,2})|年(\d{1,2})月(\d{1,2})日?"
                          r"|(\d{2})(\d{2}))(?!\d)")


#: Cells that say a table has no value there (R's NA, a spreadsheet's #N/A, a database's null, a dash).
MISSING_TOKENS = frozenset({"", "NA", "N/A", "n/a", "#N/A", "NaN", "nan", "null", "NULL", "None", "-", "—"})
#: Words tables write for "not known" (a Chinese database's 不详 …): a date cell holding one gives no date
#: (not a date error), and ``estimate_effect`` warns of a covariate holding one (it is a value there).
NOT_KNOWN_WORDS = frozenset({"不详", "未知", "不明", "缺失", "暂缺", "暂无", "待定", "unknown", "Unknown", "?", "？"})


class FieldError(OneLineError, ValueError):
    """A field (column) named by the user that the input does not have; the message lists those it has."""


@contextlib.contextmanager
def files_named_from(folder: str | os.PathLike):
    """Raise a :class:`FieldError` from the block, and give its warnings, with the files they name
    relative to ``folder`` (the folder holding the inputs), as the ledger names them: ``all_data.csv: no
    text column …``, not the file's absolute path.

    Examples
    --------
    >>> try:
    ...     with files_named_from("/data"):
    ...         raise FieldError("/data/speeches/a.csv: no text column 'text' (fields: Text)")
    ... except FieldError as exc:
    ...     print(exc)
    speeches/a.csv: no text column 'text' (fields: Text)
    """
    import warnings

    prefix = str(folder).rstrip(os.sep) + os.sep
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", UserWarning)
        try:
            yield
        except FieldError as exc:
            raise FieldError(str(exc).replace(prefix, "")) from None
        finally:
            said = [(str(w.message).replace(prefix, ""), w.category) for w in caught]
    for message, category in said:  # outside the catch: the caller's filters and handlers decide
        warnings.warn(message, category, stacklevel=3)


def missing_field(name: str, available: Sequence[str], what: str = "field", where: str = "") -> FieldError:
    """The error for a missing ``name``, naming the fields that exist and the closest one.

    Examples
    --------
    >>> str(missing_field("text", ["Date", "Text"], "column", "speeches.csv"))
    "speeches.csv: no column 'text' (fields: Date, Text); did you mean 'Text'?"
    >>> str(missing_field("部分", ["year", "部门"], "column"))  # a two-character name, one character off
    "no column '部分' (fields: year, 部门); did you mean '部门'?"
    >>> str(missing_field("年份", ["doc_id", "year"], "column"))  # the same field in the other language
    "no column '年份' (fields: doc_id, year); did you mean 'year'?"
    """
    name = str(name)
    avail = [str(a) for a in available]
    # one character off in a two-character name (部分 for 部门, most Chinese headers) is a ratio of 0.5
    cutoff = 0.5 if len(name) <= 2 else 0.6
    close = ([a for a in avail if a.lower() == name.lower()]
             or difflib.get_close_matches(name, avail, n=1, cutoff=cutoff) or _same_field(name, avail))
    hint = f"; did you mean {close[0]!r}?" if close else ""
    shown = ", ".join(avail[:20]) + (f", … ({len(avail)} in all)" if len(avail) > 20 else "")
    those = {"sheet": "sheets", "variable": "variables", "value": "values"}.get(what, "fields")
    return FieldError(f"{where + ': ' if where else ''}no {what} {name!r} ({those}: {shown}){hint}")


def _same_field(name: str, available: Sequence[str]) -> list[str]:
    """The columns of ``available`` that are the same :data:`DEFAULT_FIELDS` field as ``name`` (年份 for
    ``year``, ``date`` for 日期): a name in the other language is no spelling mistake difflib could find."""
    key = header_key(name)
    for names in DEFAULT_FIELDS.values():
        if key in names:
            return [a for a in available if header_key(a) in names and header_key(a) != key]
    return []


#: Column names taken as the title, the date, the id or the year (a year column alone dates a document
#: to its year) when the user names none (compared case- and
#: space-insensitively: ``Date``, ``DATE `` and ``日期`` are the date column). A table file's id column
#: is kept as the metadata field ``source_id`` (the record's ``doc_id`` names where the row was found).
#: The first name in this order wins (发布日期 over 颁布日期; 实施日期, a date of effect, is never taken);
#: the names of CNKI, 北大法宝/法律之星 and news scrapers' exports are among them. A header in traditional
#: characters (標題, 發佈日期, 發表時間) is compared in simplified characters (:func:`header_key`).
DEFAULT_FIELDS = {"title": ("title", "标题", "题目", "题名", "篇名", "文章标题", "新闻标题", "headline"),
                  "date": ("date", "日期", "发布日期", "发布时间", "发文日期", "成文日期", "颁布日期", "公布日期",
                           "发表时间", "发表日期", "出版日期", "刊发日期", "pub_time", "pubdate", "pub_date",
                           "publish_time", "publish_date", "published", "时间"),
                  "id": ("doc_id", "id"),
                  "year": ("year", "年份", "年度")}

#: Metadata the clean stage reads from a document's text (its speaker's role, meeting type and government
#: level); a table's own column of one of these names is read instead, as if named a metadata field.
READ_FROM_TEXT = ("speaker_role", "meeting_type", "level")

#: Metadata the library fills itself that a table's own column of the same name replaces, as if named a
#: metadata field: the input's genre and name (``genre``, ``collection``) and :data:`READ_FROM_TEXT`.
TABLE_OWN_FIELDS = ("genre", "collection", *READ_FROM_TEXT)


def default_field(columns: Sequence[str], kind: str) -> str | None:
    """The column of ``columns`` that is the ``kind`` (``title``, ``date``, ``id`` or ``year``) field by
    default, or None.

    Examples
    --------
    >>> default_field(["Date", "Text"], "date"), default_field(["标题", "正文"], "title")
    ('Date', '标题')
    """
    names = DEFAULT_FIELDS[kind]
    by_name = {header_key(c): str(c) for c in reversed(list(columns))}
    return next((by_name[n] for n in names if n in by_name), None)


def header_key(column: object) -> str:
    """A column name as :data:`DEFAULT_FIELDS` are compared with it: trimmed, case-folded and in simplified
    characters (a Taiwan or Hong Kong table's 標題, 發佈日期, 時間).

    Examples
    --------
    >>> header_key(" Date "), header_key("發佈日期"), header_key("標題")
    ('date', '发布日期', '标题')
    """
    from speechtopics.clean.normalize import to_simplified  # the clean package imports this module

    return to_simplified(str(column).strip()).casefold()


def date_choice(columns: Sequence[str]) -> str | None:
    """When a header has more than one of the default date columns (发布日期 and 成文日期, ``date`` and
    ``pub_time``), the sentence saying which one is used and how to choose another; else None.

    Examples
    --------
    >>> date_choice(["标题", "成文日期", "发布日期", "正文"])
    "date column '发布日期' used; the table also has '成文日期' (name the one meant: date= in read_corpus, --date-field, or the input's date_field)"
    >>> date_choice(["Date", "Text"]) is None
    True
    """
    names = DEFAULT_FIELDS["date"]
    found = [str(c) for c in columns if header_key(c) in names]
    used = default_field(columns, "date")
    if len(found) < 2 or used is None:
        return None
    others = ", ".join(repr(c) for c in found if c != used)
    return (f"date column {used!r} used; the table also has {others} (name the one meant: date= in read_corpus, "
            "--date-field, or the input's date_field)")


@dataclass(frozen=True)
class InputSource:
    """One input of a run: a file or folder, and how to read table-like files in it.

    ``text_field`` etc. name columns/keys of JSON, JSONL, CSV and Excel files; they are ignored for text,
    Word and PDF files. A field named here must exist (else a :class:`FieldError` before any work); a
    ``title_field`` or ``date_field`` left at None takes a column named ``title`` or ``date`` (any case,
    or 标题 / 日期: :func:`default_field`) when the table has one. ``sheet`` names the one sheet of an Excel workbook to read (default: every sheet).
    ``date_format`` (``"mdy"`` or ``"dmy"``) says how this input's dates written ``3/5/2020`` are read
    (default: the config's ``clean.date_format``). ``metadata`` names a sheet (CSV, TSV or Excel) of this
    input's documents' titles, dates and covariates, one row per document, matched by its column
    ``metadata_key`` (:mod:`speechtopics.metadata_sheet`).
    """

    path: str
    name: str = ""
    text_field: str = "text"
    id_field: str | None = None
    title_field: str | None = None
    date_field: str | None = None
    meta_fields: tuple[str, ...] = ()
    glob: str = "**/*"
    genre: str = ""
    sheet: str | None = None
    date_format: Literal["mdy", "dmy"] | None = None
    metadata: str | None = None
    metadata_key: str | None = None


@dataclass(frozen=True)
class IngestConfig:
    """Options of the ingest stage (the ``ingest:`` slice of the config).

    Attributes
    ----------
    inputs
        Files or folders read by a run (relative paths: against the config file's folder).
    max_left_out
        Share of one input's documents that the stages may leave out before the run warns, naming the
        input and the main reason (``speechtopics run --strict`` then exits 1).
    """

    inputs: tuple[InputSource, ...] = ()
    max_left_out: float = 0.2


@dataclass
class IngestResult:
    """Records read, and ledger rows for files or rows that were left out."""

    records: list[dict[str, Any]] = field(default_factory=list)
    ledger: list[dict[str, Any]] = field(default_factory=list)


def skipped_file(reason: str) -> bool:
    """Whether a ledger ``reason`` is no document at all: a hidden or system file skipped (.DS_Store,
    Thumbs.db, ~$ lock files), an empty folder, the title rows above a table's header and a group
    header's row over its sub-headers, or a row whose text was joined to the row it continues (a text
    longer than a spreadsheet cell); so not counted among the documents left out.

    Examples
    --------
    >>> skipped_file("system file skipped (.DS_Store)"), skipped_file("empty text field 'text'")
    (True, False)
    >>> skipped_file("empty folder"), skipped_file("above the header (row 3): a title or note, not a document")
    (True, True)
    """
    reason = str(reason)
    return (reason.split(" (")[0].endswith(" skipped") or reason == "empty folder"
            or reason.startswith(("above the header (", "part of the header (", "continuation of the text above (")))


def nothing_read(records: Sequence[dict], ledger: Sequence[dict]) -> str | None:
    """The error when not one record could be read from inputs that gave ledger rows (naming the first
    three and why), else None: ``speechtopics ingest`` and ``clean`` exit 2 with it, ``read_corpus`` raises it.

    Examples
    --------
    >>> nothing_read([], [ledger_row("a.csv#row2", "empty text field 'text'")])
    "nothing could be read: a.csv#row2: empty text field 'text'"
    """
    if records or not ledger:
        return None
    shown = "; ".join(f"{r['source']}: {r['reason']}" for r in ledger[:3])
    return f"nothing could be read: {shown}" + (f" (and {len(ledger) - 3} more)" if len(ledger) > 3 else "")


def ledger_row(source: str, reason: str, doc_id: str | None = None, stage: str = "ingest") -> dict:
    """A row saying that ``source`` was left out, and why."""
    return {"source": source, "doc_id": doc_id or make_doc_id(source), "stage": stage,
            "status": "dropped", "reason": reason}


def title_from_name(stem: str) -> str | None:
    """The title in a file name that opens with a date and a separator (``2013-03-22_在…的致辞``,
    ``20200911_…``, ``2020年9月11日 …``, full-width digits too): the rest of the name, when it has
    four Han characters or more; else None. A date elsewhere in a name (会议纪要20200305第3期, a table
    exported as 讲话导出20210315) says when the file was made, not what the text is called.

    Examples
    --------
    >>> title_from_name("２０２０－０９－１１_在科学家座谈会上的讲话"), title_from_name("2020.03.05 讲话稿")
    ('在科学家座谈会上的讲话', None)
    >>> title_from_name("会议纪要20200305第3期") is None
    True
    """
    m = DATE_IN_NAME.match(stem.translate(_HALF_WIDTH_DIGITS))
    if not m:
        return None
    rest = re.match(r"[\s_\-.·－＿]+(.*)$", stem[m.end():])
    title = rest.group(1).strip() if rest else ""
    return title if len(re.findall(r"[\u4e00-\u9fff]", title)) >= 4 else None


#: Full-width digits and the marks between a date's parts, one to one (positions in a name are kept).
_HALF_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９－．＿", "0123456789-._")


def make_doc_id(source: str) -> str:
    """A stable id derived from where the document was found (path plus row marker).

    Any ``str`` has an id, including one holding lone surrogates (a file name that is not UTF-8, as
    Python reads it); valid text gives the same id as its UTF-8 bytes always did.
    """
    return hashlib.sha1(source.encode("utf-8", "surrogatepass")).hexdigest()[:12]


def date_from_name(name: str) -> str | None:
    """ISO date found in a file name such as ``2013-03-22_title.txt``, or None (a name typed in
    full-width characters, ２０２０－０９－１１, too)."""
    m = DATE_IN_NAME.search(name.translate(_HALF_WIDTH_DIGITS))
    if not m:
        return None
    y, mo, d = (int(g) for g in [m.group(1), *[g for g in m.groups()[2:] if g is not None]])
    if 1 <= mo <= 12 and 1 <= d <= 31:
        return f"{y:04d}-{mo:02d}-{d:02d}"
    return None
