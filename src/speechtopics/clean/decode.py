"""Bytes to text by evidence: the clean stage's decoder.

This module owns turning a file's bytes into ``str``. The order of evidence is: byte-order marks
(UTF-8, UTF-16, UTF-32), known binary signatures, strict UTF-8, then a small set of candidate codecs
(charset-normalizer's guesses plus GB18030, Big5 and BOM-less UTF-16) scored by how much of the
decoded text is *common* Chinese/ASCII text. A declared charset (HTML ``<meta charset>``, HTTP header)
only joins the candidates; it never wins against the bytes. Line ends are normalised to ``\\n``.
"""

from __future__ import annotations

import codecs
import functools
import re

import charset_normalizer

__all__ = ["DecodeError", "decode_bytes", "normalise_newlines"]


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


@functools.lru_cache(maxsize=1)
def common_simplified() -> frozenset[str]:
    """GB2312 level-1 Han characters: the 3755 most frequent simplified characters."""
    chars = []
    for hi in range(0xB0, 0xD8):
        for lo in range(0xA1, 0xFF):
            try:
                chars.append(bytes((hi, lo)).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return frozenset(chars)


@functools.lru_cache(maxsize=1)
def _common_traditional() -> frozenset[str]:
    """Big5 level-1 Han characters (0xA440-0xC67E): the 5401 frequent traditional characters."""
    chars = []
    for hi in range(0xA4, 0xC7):
        for lo in list(range(0x40, 0x7F)) + list(range(0xA1, 0xFF)):
            if (hi, lo) > (0xC6, 0x7E):
                break
            try:
                chars.append(bytes((hi, lo)).decode("big5"))
            except UnicodeDecodeError:
                pass
    return frozenset(chars)


def plausibility(text: str) -> float:
    """Share of characters that are ordinary in Chinese text (0..1).

    Ordinary: printable ASCII, whitespace, CJK and full-width punctuation, and Han characters among the
    frequent simplified or traditional ones. A wrong codec turns GB bytes into rare characters, Latin-1
    letters or U+FFFD, so the right decoding scores highest.

    Parameters
    ----------
    text : str
        A decoded sample.

    Returns
    -------
    float
        The ordinary share; 0.0 for empty text.
    """
    if not text:
        return 0.0
    simp, trad = common_simplified(), _common_traditional()
    good = 0
    for ch in text:
        o = ord(ch)
        if (
            32 <= o < 127
            or ch in "\n\t\u3000\xa0"
            or 0x3000 <= o <= 0x303F
            or 0xFF01 <= o <= 0xFF5E
            or 0x2010 <= o <= 0x2027
            or ch in simp
            or ch in trad
        ):
            good += 1
    return good / len(text)


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
    seen: list[str] = []
    for name in names:
        try:
            canon = _canonical(name)
        except LookupError:
            continue
        if canon not in seen:
            seen.append(canon)
    return seen


def _finish(text: str) -> str:
    return normalise_newlines(text.lstrip("\ufeff"))


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
    if not data:
        return "", "utf-8"
    bom = _bom(data)
    if bom:
        try:
            return _finish(data.decode(bom)), bom
        except UnicodeDecodeError as exc:
            raise DecodeError(f"byte-order mark says {bom} but the bytes are not ({exc.reason})") from None
    for magic, kind in _BINARY_SIGNATURES:
        if data.startswith(magic):
            raise DecodeError(f"binary file ({kind})")
    utf16 = _utf16_without_bom(data)
    if b"\x00" in data[:4000] and not utf16:
        raise DecodeError("binary file (contains NUL bytes)")
    if not utf16:
        try:
            return _finish(data.decode("utf-8")), "utf-8"
        except UnicodeDecodeError:
            pass
    return _decode_by_score(data, declared)


def _decode_by_score(data: bytes, declared: str | None) -> tuple[str, str]:
    """Try each candidate codec; strict decodings beat lenient ones, then the plausibility score decides."""
    best: tuple[tuple[int, float], str, str] | None = None
    sample_len = 20_000
    for name in _candidates(data, declared):
        try:
            text = data.decode(name)
            strict = 1
        except UnicodeDecodeError:
            text = data.decode(name, errors="replace")
            strict = 0
        except LookupError:
            continue
        score = plausibility(text[:sample_len])
        if not strict:
            # a few bad bytes in a long page is a damaged page, not a wrong codec: penalise by their share
            score -= text.count("\ufffd") / max(1, len(text)) * 10
        key = (strict, score) if score > 0.6 else (0, score)
        if best is None or key > best[0]:
            best = (key, text, name)
    if best is None or best[0][1] < 0.5:
        raise DecodeError("undecodable: no encoding gives readable text")
    return _finish(best[1]), best[2]
