"""Decoding by evidence (speechtopics.clean.decode)."""

import codecs

import pytest

from speechtopics.clean.decode import DecodeError, decode_bytes, decode_counted

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


LONG = TEXT * 20


@pytest.mark.parametrize("where", [0, 2, len(LONG) // 2, len(LONG)])
def test_utf8_page_with_a_stray_byte_is_kept(where):
    data = bytearray(LONG.encode("utf-8"))
    data.insert(len(LONG[:where].encode("utf-8")), 0xFF)
    text, enc, bad = decode_counted(bytes(data))
    assert (enc, bad) == ("utf-8", 1)
    assert text.replace("\ufffd", "") == LONG
    mid_char = LONG.encode("utf-8")[:7] + b"\xff" + LONG.encode("utf-8")[7:]  # also breaks one character
    assert decode_counted(mid_char)[1] == "utf-8"
    assert decode_bytes(bytes(data)) == (text, enc)


def test_mostly_ascii_utf8_html_with_stray_bytes_is_utf8():
    page = ("<html><body>" + "<div class='x'>&nbsp;</div>" * 200 + f"<p>{LONG}</p></body></html>").encode()
    page = page[:100] + b"\x80\xfe" + page[100:]
    text, enc, bad = decode_counted(page)
    assert (enc, bad) == ("utf-8", 2) and LONG in text


@pytest.mark.parametrize(("codec", "source", "expected"), [("gb18030", LONG, "gb18030"),
                                                           ("big5", TRAD * 20, "big5hkscs")])
def test_damaged_gb_and_big5_pages_keep_their_codec(codec, source, expected):
    data = source.encode(codec)
    data = data[:40] + b"\xff" + data[40:]
    text, enc, bad = decode_counted(data)
    assert enc == expected and bad == 1 and text.count("\ufffd") == 1


@pytest.mark.parametrize("n", [1, 2, 5, 40, 400])
def test_gb_text_is_never_taken_for_damaged_utf8(n):
    html = ("<p>" + "a" * 5000 + TEXT[:n] + "</p>").encode("gb18030")
    text, enc, bad = decode_counted(html)
    assert enc == "gb18030" and bad == 0 and TEXT[:n] in text


def test_damaged_utf8_with_bom_is_kept():
    cut = len(LONG[:30].encode("utf-8"))
    data = codecs.BOM_UTF8 + LONG.encode("utf-8")[:cut] + b"\xc3" + LONG.encode("utf-8")[cut:]
    text, enc, bad = decode_counted(data)
    assert (enc, bad) == ("utf-8-sig", 1) and text.replace("\ufffd", "") == LONG


def test_newlines_can_be_kept():
    assert decode_counted("a\u2028b\r\n".encode(), newlines=False).text == "a\u2028b\r\n"


def test_a_utf8_page_with_a_gbk_footer_is_read_not_dropped():
    para = "同志们，今天召开全县经济工作会议，主要任务是总结去年工作，分析当前形势，部署今年任务。"
    body = "".join(f"<p>{para}第{i}段。</p>" for i in range(6)).encode("utf-8")
    foot = "<div>主办单位：某某县人民政府办公室　冀ICP备12012345号</div>".encode("gbk")
    text, encoding, bad = decode_counted(b"<html><body>" + body + foot + b"</body></html>")
    assert encoding == "utf-8+gb18030" and bad == 0
    assert f"{para}第5段。" in text and "主办单位：某某县人民政府办公室" in text


def test_a_paragraph_in_the_other_encoding_is_read_in_its_own():
    """A GBK page with a UTF-8 paragraph pasted in (GB18030 reads it too, as rare characters), and a
    UTF-8 page with a GBK paragraph (a share of invalid bytes): each piece is read in its own encoding."""
    from speechtopics.clean.decode import decode_counted

    body = [f"第{i}条，各乡镇各部门要坚持稳中求进工作总基调，扎实推进项目建设，持续优化营商环境。" * 3 for i in range(12)]
    pasted = "今年入汛以来，长江流域、淮河流域发生较重汛情，主要江河湖泊一度处于超警戒水位，党中央及时作出防汛救灾部署。"
    for page, other in (("gbk", "utf-8"), ("utf-8", "gbk")):
        data = b"\n".join([body[0].encode(page), pasted.encode(other), *(b.encode(page) for b in body[1:])])
        text, encoding, invalid = decode_counted(data)
        assert text.split("\n") == [body[0], pasted, *body[1:]], (page, encoding)
        assert invalid == 0 and "+" in encoding
