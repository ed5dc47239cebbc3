"""What an office file's bytes are, whatever its name says.

This module owns recognising files that offices rename freely: WPS saves Word and Excel packages as
``.wps`` and ``.et``, office systems export web pages and plain text as ``.doc`` and text tables as
``.xls`` (导出Excel). :func:`disguised_format` reads the first bytes (a zip package's parts, an OLE2 compound
file's signature, an HTML or text head) so that such a file is read for what it is, and
:func:`txt_is_table` tells a ``.txt`` file that is a table (Excel's "Unicode Text" and "Text (Tab
delimited)" exports) from a page of text.
"""

from __future__ import annotations

import io

__all__ = ["OLE2_SIGNATURE", "RENAMED_SUFFIXES", "disguised_format", "package_problem", "txt_is_table"]

#: Suffixes whose files are often another format renamed: their bytes are looked at before the suffix.
RENAMED_SUFFIXES = (".doc", ".wps", ".et", ".xls", ".dps")

#: The first bytes of an OLE2 compound file: an .xls or .doc, or an .xlsx or .docx that Office encrypted.
OLE2_SIGNATURE = bytes.fromhex("D0CF11E0A1B11AE1")


def disguised_format(data: bytes, suffix: str) -> str | None:
    """The format of an office file whose name says another (WPS and office systems rename freely): a
    Word or Excel package named ``.wps``/``.doc``/``.et``/``.xls``, a web page or a plain text saved as
    ``.doc`` (RTF is not read), a text table exported as ``.xls`` (导出Excel); None when the bytes are what
    the suffix says, or unknown (markup named ``.xls``, an HTML table or an Excel 2003 XML sheet, is the
    spreadsheet reader's to read, not a text table)."""
    if suffix not in RENAMED_SUFFIXES:
        return None
    if data.startswith(b"PK\x03\x04"):
        import zipfile

        try:
            names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
        except (zipfile.BadZipFile, OSError):
            return None
        return "docx" if "word/document.xml" in names else "xlsx" if "xl/workbook.xml" in names else None
    if data.startswith(OLE2_SIGNATURE) or suffix == ".dps":
        return None
    head = data[:2048].removeprefix(b"\xef\xbb\xbf").lstrip().lower()
    if head.startswith(b"<"):  # markup: a page saved as .doc; a table (<table>, <html>) exported as .xls
        page = head.startswith((b"<html", b"<!doctype html", b"<?xml")) and b"<html" in head
        return "html" if page and suffix in (".doc", ".wps") else None  # .xls pages: the table reader's own route
    if suffix in (".xls", ".et") and b"\x00" not in head and b"\n" in head:
        return "tsv" if b"\t" in head.split(b"\n", 1)[0] else "csv"
    if suffix in (".doc", ".wps") and head and not head.startswith(b"{\\rtf") and not CONTROL_BYTES & set(head):
        return "txt"  # a text saved or renamed as .doc (Word's "plain text" with the old name, a site's download)
    return None


def package_problem(data: bytes, fmt: str) -> str | None:
    """Why a ``.docx`` or ``.xlsx`` file's bytes cannot be an Office package, said with what to do, or None.

    Office encrypts a password-protected file into an OLE2 container (an older format renamed looks the
    same); a ``.docx`` that is no zip at all is damaged or another format (python-docx would only say
    "File is not a zip file").

    Examples
    --------
    >>> package_problem(b"garbage", "docx")
    'not a Word file (damaged, or another format named .docx): open it in Word or WPS and save it as .docx'
    >>> package_problem(b"PK...", "docx") is None
    True
    """
    if fmt in ("xlsx", "docx") and data.startswith(OLE2_SIGNATURE):
        return (f"password-protected {fmt} (or an older format renamed): open it, and save it as .{fmt} "
                "without a password")
    if fmt == "docx" and not data.startswith(b"PK"):
        return ("not a Word file (damaged, or another format named .docx): open it in Word or WPS and save it "
                "as .docx")
    return None


#: Bytes that a text file does not hold (control characters other than tab, line feed, form feed and
#: carriage return): one in a file's head marks it binary, an old Word file or a fragment of one.
CONTROL_BYTES = frozenset(range(0x09)) | frozenset(range(0x0E, 0x20)) | {0x0B, 0x7F}


#: Lines of a ``.txt`` file's head looked at to tell a tab-separated table from a page of text.
TABLE_HEAD_LINES = 20


def txt_is_table(data: bytes, text_field: str) -> bool:
    """Whether a ``.txt`` file is a table rather than a page: Excel's "Unicode Text" (UTF-16) and "Text (Tab
    delimited)" (GBK) exports are tab-separated tables named ``.txt``, to be read as TSV.

    It is one when the first line's tab-separated cells include the text column's name, or, whatever the
    text column is called, when the first line is a header (two or more cells, none empty, none longer
    than 40 characters or ending a sentence) and at least two more lines follow, nine in ten of the
    lines looked at having the header's number of tabs (a page that indents its paragraphs with a tab
    has one tab per line, at its start, so its first cell is empty).

    Examples
    --------
    >>> head = "标题\\t日期\\t正文\\n讲话一\\t2020-01-01\\t同志们：…\\n讲话二\\t2020-02-01\\t同志们：…\\n"
    >>> txt_is_table(head.encode("utf-16"), "text"), txt_is_table("\\t同志们：\\n\\t今天…\\n".encode(), "text")
    (True, False)
    """
    from speechtopics.clean.decode import DecodeError, decode_counted

    head = data[:16384]
    if b"\t" not in head:
        return False
    try:
        text = decode_counted(head).text
    except DecodeError:  # binary: the text reader says so
        return False
    lines = text.lstrip("\ufeff").replace("\r\n", "\n").split("\n")
    cells = [c.strip().strip('"') for c in lines[0].split("\t")]
    if len(cells) > 1 and text_field in cells:
        return True
    if len(cells) < 2 or any(not c or len(c) > 40 or c[-1] in "。！？；…" for c in cells):
        return False
    if len(data) > len(head):
        lines = lines[:-1]  # the head's last line may be cut
    body = [line for line in lines[1:TABLE_HEAD_LINES + 1] if line.strip()]
    tabs = len(cells) - 1
    return len(body) >= 2 and sum(line.count("\t") == tabs for line in body) >= 0.9 * len(body)
