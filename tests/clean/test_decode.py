"""Decoding by evidence (speechtopics.clean.decode)."""

import pytest

from speechtopics.clean.decode import DecodeError, decode_bytes

TEXT = "在县政府2021年第一次全体会议上的讲话，经济社会发展。同志们：今天我们召开会议。"
TRAD = "在縣政府2021年第一次全體會議上的講話，經濟社會發展。同志們：今天我們召開會議。"


@pytest.mark.parametrize(
    ("data", "encoding", "expected"),
    [
        (TEXT.encode("utf-8"), "utf-8", TEXT),
        (TEXT.encode("utf-8-sig"), "utf-8-sig", TEXT),
        (TEXT.encode("gb18030"), "gb18030", TEXT),
        (TEXT.encode("gbk"), "gb18030", TEXT),
        (TRAD.encode("big5"), "big5hkscs", TRAD),
        (TEXT.encode("utf-16"), "utf-16", TEXT),
        (TEXT.encode("utf-16-le"), "utf-16-le", TEXT),
    ],
)
def test_decodes_by_evidence(data, encoding, expected):
    text, enc = decode_bytes(data)
    assert (text, enc) == (expected, encoding)


def test_meta_charset_is_not_trusted():
    page = f'<html><head><meta charset="utf-8"></head><body><p>{TEXT}</p></body></html>'
    text, enc = decode_bytes(page.encode("gb18030"), declared="utf-8")
    assert enc == "gb18030" and TEXT in text


def test_line_ends_normalised():
    assert decode_bytes("一\r\n二\r三\n".encode("gb18030"))[0] == "一\n二\n三\n"


def test_empty_is_empty_text():
    assert decode_bytes(b"") == ("", "utf-8")


@pytest.mark.parametrize("data", [b"%PDF-1.7 ...", b"PK\x03\x04rest", bytes(range(256)) * 8])
def test_binary_raises(data):
    with pytest.raises(DecodeError):
        decode_bytes(data)
