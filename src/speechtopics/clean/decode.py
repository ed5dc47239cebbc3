"""Bytes to text by evidence: the clean stage's decoder.

This module owns turning a file's bytes into ``str``. The order of evidence is: byte-order marks
(UTF-8, UTF-16, UTF-32), known binary signatures, strict UTF-8, then a small set of candidate codecs
(charset-normalizer's guesses plus GB18030, Big5 and BOM-less UTF-16) scored by how much of the
decoded text is *common* Chinese/ASCII text. A declared charset (HTML ``<meta charset>``, HTTP header)
only joins the candidates; it never wins against the bytes. Line ends are normalised to ``\\n``.

A damaged page is not a wrong codec: when a few bytes are invalid under the encoding the bytes otherwise
fit (a stray byte in a UTF-8 page: at most :data:`TINY_INVALID_SHARE` of its non-ASCII bytes), the page
is decoded with U+FFFD for those bytes and :func:`decode_counted` says how many there were. A UTF-8 page
with a GBK footer or paragraph is read piece by piece (``utf-8+gb18030``), not dropped, and so is a GBK
page with a UTF-8 paragraph pasted in (``gb18030+utf-8``). How Chinese a decoding looks is
:mod:`speechtopics.clean.plausibility`'s.
"""

from __future__ import annotations

import codecs
import re
from typing import NamedTuple

import charset_normalizer

from speechtopics.clean.plausibility import plausibility

__all__ = ["DecodeError", "Decoded", "decode_bytes", "decode_counted", "invalid_byte_count",
           "normalise_newlines", "TINY_INVALID_SHARE"]

#: Largest share of invalid bytes (of the non-ASCII bytes) that still reads as a damaged UTF-8 page.
#: Text in GB18030 or Big5 read as UTF-8 has most of its non-ASCII bytes invalid, so 1% cannot confuse them.
TINY_INVALID_SHARE = 0.01

# Decoding errors become one marker per invalid byte, counted and then replaced by U+FFFD. The marker, a
# lone surrogate, never comes out of a strict decoding of these codecs.
_MARK = "\udc00"
_MARK_HANDLER = "speechtopics.decode-mark"


def _mark_invalid(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    return _MARK * (exc.end - exc.start), exc.end


codecs.register_error(_MARK_HANDLER, _mark_invalid)
_NON_ASCII_RUN = re.compile(rb"[\x80-\xff]+")
#: Characters a run of Chinese text decodes to: CJK ideographs, CJK and full-width punctuation.
#: What GBK bytes read as UTF-8 come out as (two-byte UTF-8 but © ° ± × ÷ ·); what Chinese runs are.
_GBK_AS_UTF8 = re.compile("[\u0080-\u00a8\u00aa-\u00af\u00b2-\u00b6\u00b8-\u00d6\u00d8-\u00f6\u00f8-\u07ff]")
_CHINESE_RUN = re.compile("[\u3000-\u303f\u3400-\u9fff\uff00-\uffef\u2014-\u201d\u2026\u00b7]+")
_HIGH_BYTES = bytes(range(0x80, 0x100))


class Decoded(NamedTuple):
    """Text, the codec that gave it, and how many bytes were invalid under that codec (now U+FFFD)."""

    text: str
    encoding: str
    invalid_bytes: int


class DecodeError(ValueError):
    """The bytes are binary or cannot be read as text in any plausible encoding."""


# Magic numbers of formats users drop into a corpus folder by mistake.
_BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "PDF document"),
    (b"PK\x03\x04", "ZIP archive (docx/xlsx?)"),
    (b"\xd0\xcf\x11\xe0", "OLE2 document (doc/xls?)"),
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"\x1f\x8b", "gzip archive"),
    (b"Rar!", "RAR archive"),
    (b"7z\xbc\xaf", "7z archive"),
)

# charset-normalizer names the GB family in several ways; GB18030 is a superset of all of them,
# so decoding with it never loses a character the narrower codec could read.
_GB_FAMILY = {"gb2312", "gbk", "cp936", "gb18030", "hz", "euc_cn", "ms936"}
_BIG5_FAMILY = {"big5", "big5hkscs", "cp950"}

_NEWLINES = re.compile(r"\r\n?|\u2028|\u2029|\x85")
_NEWLINE_CHARS = re.compile("[\r\u2028\u2029\x85]")  # one fast class scan settles most texts


def normalise_newlines(text: str) -> str:
    """Turn CRLF, CR and Unicode line/paragraph separators into ``\\n``.

    Parameters
    ----------
    text : str
        Any text.

    Returns
    -------
    str
        The text with ``\\n`` as its only line end.
    """
    return _NEWLINES.sub("\n", text) if _NEWLINE_CHARS.search(text) else text


def _bom(data: bytes) -> str | None:
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if data.startswith(codecs.BOM_UTF32_LE) or data.startswith(codecs.BOM_UTF32_BE):
        return "utf-32"
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        return "utf-16"
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    """Guess BOM-less UTF-16: NUL bytes present and one byte order decodes to plausible text."""
    sample = data[:4000]
    if b"\x00" not in sample or len(sample) < 4:
        return None
    sample = sample[: len(sample) // 2 * 2]
    for name in ("utf-16-le", "utf-16-be"):
        try:
            text = sample.decode(name)
        except UnicodeDecodeError:
            continue
        if plausibility(text) > 0.9:
            return name
    return None


def _canonical(name: str) -> str:
    name = codecs.lookup(name).name
    if name in _GB_FAMILY or name.replace("-", "_") in _GB_FAMILY:
        return "gb18030"
    if name in _BIG5_FAMILY or name.replace("-", "_") in _BIG5_FAMILY:
        return "big5hkscs"
    return name


def _candidates(data: bytes, declared: str | None) -> list[str]:
    names = ["gb18030", "big5hkscs"]
    guess = _utf16_without_bom(data)
    if guess:
        names.insert(0, guess)
    try:
        for match in charset_normalizer.from_bytes(data[:200_000]):
            names.append(match.encoding)
    except Exception:  # charset-normalizer is a guesser; any failure only means "no extra guess"
        pass
    if declared:
        names.append(declared)
    names.append("utf-8")  # a damaged UTF-8 page competes too (its invalid bytes are penalised)
    seen: list[str] = []
    for name in names:
        try:
            canon = _canonical(name)
        except LookupError:
            continue
        if canon not in seen:
            seen.append(canon)
    return seen


def _replaced(data: bytes, name: str) -> tuple[str, int]:
    """``data`` decoded under ``name`` (invalid sequences as U+FFFD), and a quick count of them.

    The count is of U+FFFD characters the decoding added (each stands for one or more invalid bytes),
    so it is a lower bound on the invalid bytes; 0 means the strict decoding succeeded.
    """
    try:
        return data.decode(name), 0
    except UnicodeDecodeError:
        text = data.decode(name, errors="replace")
    genuine = data.count(b"\xef\xbf\xbd") if name.startswith("utf-8") else 0
    return text, max(1, text.count("\ufffd") - genuine)


def invalid_byte_count(data: bytes, name: str) -> int:
    """How many bytes of ``data`` are invalid under codec ``name`` (0 when it decodes strictly).

    Parameters
    ----------
    data : bytes
        Encoded text.
    name : str
        A codec name.

    Returns
    -------
    int
        The number of bytes a strict decoding would reject.
    """
    try:
        data.decode(name)
        return 0
    except UnicodeDecodeError:
        return data.decode(name, errors=_MARK_HANDLER).count(_MARK)


def _tiny(bad: int, data: bytes, name: str) -> bool:
    """True when ``bad`` invalid bytes are a damaged page rather than a wrong codec."""
    if name.startswith("utf-8"):
        base = len(data) - len(data.translate(None, _HIGH_BYTES))  # non-ASCII bytes
    else:
        base = len(data)
    return bad <= base * TINY_INVALID_SHARE


def _finish(text: str, newlines: bool = True) -> str:
    text = text.lstrip("\ufeff")
    return normalise_newlines(text) if newlines else text


def decode_bytes(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode a document's bytes by evidence.

    Parameters
    ----------
    data : bytes
        The file's bytes.
    declared : str, optional
        An encoding the container claims (HTML meta charset, HTTP header). Used only as one more
        candidate, never trusted over the bytes.

    Returns
    -------
    tuple of (str, str)
        The text with ``\\n`` line ends and no BOM, and the codec name used (``utf-8``,
        ``utf-8-sig``, ``utf-16``, ``gb18030``, ``big5hkscs``, ...).

    Raises
    ------
    DecodeError
        When the bytes are a known binary format or no codec gives plausible text.
    """
    text, encoding, _ = decode_counted(data, declared)
    return text, encoding


def decode_counted(data: bytes, declared: str | None = None, newlines: bool = True) -> Decoded:
    """:func:`decode_bytes`, also saying how many bytes were invalid and replaced by U+FFFD.

    Parameters
    ----------
    data : bytes
        The file's bytes.
    declared : str, optional
        An encoding the container claims; one more candidate only.
    newlines : bool
        Normalise line ends to ``\\n`` (False keeps them, e.g. for JSON Lines, whose strings may
        hold U+2028).

    Returns
    -------
    Decoded
        ``(text, encoding, invalid_bytes)``.

    Raises
    ------
    DecodeError
        When the bytes are a known binary format or no codec gives plausible text.
    """
    if not data:
        return Decoded("", "utf-8", 0)
    bom = _bom(data)
    if bom:
        text, bad = _replaced(data, bom)
        if bad and not (_tiny(bad, data, bom) and _tiny(bad := invalid_byte_count(data, bom), data, bom)):
            raise DecodeError(f"byte-order mark says {bom} but {bad} or more bytes are not")
        return Decoded(_finish(text, newlines), bom, bad)
    for magic, kind in _BINARY_SIGNATURES:
        if data.startswith(magic):
            raise DecodeError(f"binary file ({kind})")
    utf16 = _utf16_without_bom(data)
    if b"\x00" in data[:4000] and not utf16:
        raise DecodeError("binary file (contains NUL bytes)")
    if not utf16:
        text, bad = _replaced(data, "utf-8")
        # valid UTF-8, or UTF-8 with a stray byte or two (the quick count first: it rejects GB text fast)
        if not bad or (_tiny(bad, data, "utf-8") and _tiny(bad := invalid_byte_count(data, "utf-8"), data,
                                                                 "utf-8")):
            return _with_pieces(data, text, "utf-8", bad, newlines)
    try:
        text, name = _decode_by_score(data, declared)
    except DecodeError:
        mixed = _utf8_with_gbk(data)
        if mixed is None:
            raise
        return Decoded(_finish(mixed[0], newlines), "utf-8+gb18030", mixed[1])
    return _with_pieces(data, text, name, invalid_byte_count(data, name), newlines)


def _with_pieces(data: bytes, text: str, name: str, bad: int, newlines: bool) -> Decoded:
    """``text`` (``data`` read as ``name``, ``bad`` bytes invalid), or the page read piece by piece
    (:func:`_utf8_with_gbk`) where that reads it better: invalid UTF-8 bytes that are a GBK paragraph,
    or a UTF-8 paragraph on a GBK page (GB18030 reads it too, as rare characters)."""
    name = _canonical(name)
    if bad and name == "utf-8" or name == "gb18030" and _UTF8_HAN_RUN.search(data):
        mixed = _utf8_with_gbk(data)
        if mixed is not None and (mixed[1] < bad if name == "utf-8" else
                                  plausibility(mixed[0][:20_000]) > plausibility(text[:20_000])):
            return Decoded(_finish(mixed[0], newlines), f"{name}+{'gb18030' if name == 'utf-8' else 'utf-8'}",
                           mixed[1])
    return Decoded(_finish(text, newlines), name, bad)


#: Three Han characters in UTF-8 in a row: a trigger for reading a GB page's pieces as UTF-8.
_UTF8_HAN_RUN = re.compile(rb"(?:[\xe4-\xe9][\x80-\xbf]{2}){3}")


def _utf8_with_gbk(data: bytes) -> tuple[str, int] | None:
    """A UTF-8 page with GBK pieces in it (a footer or include a server pasted in, common on county
    sites): each run of non-ASCII bytes (both codecs leave ASCII as it is) read as UTF-8 when that gives
    Chinese text, else as GB18030; ``(text, invalid bytes)``, or None when that is not readable text
    either (then no codec is)."""
    bad = 0

    def run(match: re.Match) -> str:
        nonlocal bad
        piece = match.group(0)
        for codec in ("utf-8", "gb18030"):
            try:
                text = piece.decode(codec)
            except UnicodeDecodeError:
                continue
            if _CHINESE_RUN.fullmatch(text) or (codec == "utf-8" and not _GBK_AS_UTF8.search(text)):
                return text
        text, invalid = _replaced(piece, "utf-8")
        bad += invalid
        return text

    text = _NON_ASCII_RUN.sub(lambda m: run(m).encode("utf-8"), data).decode("utf-8")
    if plausibility(text[:20_000]) < 0.6 or bad > len(data) * TINY_INVALID_SHARE:
        return None
    return text, bad


def _decode_by_score(data: bytes, declared: str | None) -> tuple[str, str]:
    """Try each candidate codec; strict decodings beat lenient ones, then the plausibility score decides."""
    best: tuple[tuple[int, float], str, str] | None = None
    sample_len = 20_000
    for name in _candidates(data, declared):
        try:
            text, bad = _replaced(data, name)
        except LookupError:
            continue
        strict = int(bad == 0)
        score = plausibility(text[:sample_len])
        if not strict:
            # a few bad bytes in a long page is a damaged page, not a wrong codec: penalise by their share
            score -= text.count("\ufffd") / max(1, len(text)) * 10
        key = (strict, score) if score > 0.6 else (0, score)
        if best is None or key > best[0]:
            best = (key, text, name)
    if best is None or best[0][1] < 0.5:
        raise DecodeError("undecodable: no encoding gives readable text")
    return best[1], best[2]
