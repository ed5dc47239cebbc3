"""What an office file's bytes are, whatever its name says.

This module owns recognising files that offices rename freely: WPS saves Word and Excel packages as
``.wps`` and ``.et``, office systems export web pages as ``.doc`` and text tables as ``.xls``
(导出Excel). :func:`disguised_format` reads the first bytes (a zip package's parts, an OLE2 compound
file's signature, an HTML or text head) so that such a file is read for what it is.
"""

from __future__ import annotations

import io

__all__ = ["OLE2_SIGNATURE", "RENAMED_SUFFIXES", "disguised_format"]

#: Suffixes whose files are often another format renamed: their bytes are looked at before the suffix.
RENAMED_SUFFIXES = (".doc", ".wps", ".et", ".xls", ".dps")

#: The first bytes of an OLE2 compound file: an .xls or .doc, or an .xlsx or .docx that Office encrypted.
OLE2_SIGNATURE = bytes.fromhex("D0CF11E0A1B11AE1")


def disguised_format(data: bytes, suffix: str) -> str | None:
    """The format of an office file whose name says another (WPS and office systems rename freely): a
    Word or Excel package named ``.wps``/``.doc``/``.et``/``.xls``, a web page saved as ``.doc``, a text
    table exported as ``.xls`` (导出Excel); None when the bytes are what the suffix says, or unknown (markup
    named ``.xls``, an HTML table or an Excel 2003 XML sheet, is the spreadsheet reader's to read, not a text table)."""
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
    return None
