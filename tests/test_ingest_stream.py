"""Tables read a block of rows at a time give the same records and ledger rows as tables read whole."""

from __future__ import annotations

import json

import pytest

from speechtopics import table_input
from speechtopics.ingest import InputSource, iter_sources, read_path
from speechtopics.records import FieldError, IngestResult
from speechtopics.table_input import read_table_bytes, stream_table_file

SPEECH = "同志们：\n\n发展经济，改善民生。"
JSONL = [json.dumps({"text": SPEECH + str(i), "title": f"第{i}号", "date": "2020-01-0" + str(i % 9 + 1)},
                    ensure_ascii=False) for i in range(7)]
FILES = {
    "lf.jsonl": ("\n".join(JSONL) + "\n").encode(),
    "crlf_blank_bad.jsonl": ("\r\n".join(JSONL[:3] + ["", "{not json", JSONL[3]]) + "\r").encode(),
    "cr_sep_bom.jsonl": b"\xef\xbb\xbf" + "\r".join(JSONL[:4]).replace("发展", "发\u2028展").encode(),
    "plain.csv": "text,title\n\"一\n二\",甲\r\n\"三\u2028四\",乙\r五\x85六,丙\n,空\n".encode(),
    "semicolon.csv": "text;date\n发展经济改善民生;2020-01-01\n\"bad\"row\";x\n".encode(),
    "tabs.tsv": "title\ttext\n甲\t发展经济\n乙\t改善民生\n".encode(),
    "header_only.csv": "text,title\n".encode(),
    "lone_cr_in_cells.csv": "text,title\n发展\r经济,甲\n\r改善\r\r民生,乙\n".encode(),  # as DataFrame.to_csv writes them
}


def pieces_of(path, src, fmt):
    stream = stream_table_file(path, src, fmt, str(path))
    assert stream is not None
    out = IngestResult()
    for part in stream:
        out.records += part.records
        out.ledger += part.ledger
    return out


@pytest.mark.parametrize("name", sorted(FILES))
def test_streamed_table_is_the_table_read_whole(tmp_path, monkeypatch, name):
    monkeypatch.setattr(table_input, "STREAM_ROWS", 2)  # several pieces even for a small file
    path = tmp_path / name
    path.write_bytes(FILES[name])
    fmt = path.suffix[1:]
    src = InputSource(path=str(path))
    whole = read_table_bytes(FILES[name], src, fmt, str(path))
    streamed = pieces_of(path, src, fmt)
    assert streamed.records == whole.records and streamed.ledger == whole.ledger
    assert whole.records or whole.ledger


def test_files_that_cannot_be_streamed_are_read_whole(tmp_path):
    gbk = tmp_path / "gbk.csv"
    gbk.write_bytes("text\n发展经济，改善民生\n".encode("gbk"))
    late = tmp_path / "late_field.jsonl"
    late.write_text('{"body": "x"}\n{"text": "发展经济", "speaker": "甲"}\n', encoding="utf-8")
    assert stream_table_file(gbk, InputSource(path=str(gbk)), "csv", "gbk.csv") is None
    src = InputSource(path=str(late), meta_fields=("speaker",))
    assert stream_table_file(late, src, "jsonl", "late.jsonl") is None
    records, ledger = read_path(late, src)  # read whole: the field is in a later row, as before
    assert [r["meta"]["speaker"] for r in records] == ["甲"] and len(ledger) == 1


def test_missing_field_is_raised_before_any_row(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("body\n发展经济\n", encoding="utf-8")
    src = InputSource(path=str(path), text_field="text2")
    # not streamed (the header might sit below a title line); reading it whole names the missing field
    assert stream_table_file(path, src, "csv", "t.csv") is None
    with pytest.raises(FieldError, match=r"no text column 'text2' \(fields: body\)"):
        read_path(path, src)


def test_iter_sources_yields_records_and_fills_the_ledger(tmp_path):
    (tmp_path / "a.jsonl").write_bytes(FILES["crlf_blank_bad.jsonl"])
    (tmp_path / "b.doc").write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + bytes(600))  # an old Word file
    src = InputSource(path=str(tmp_path), name="mine")
    ledger: list[dict] = []
    stream = iter_sources((src,), None, ledger)
    streamed = [next(stream)]
    assert not any(r["source"].endswith("b.doc") for r in ledger)  # the next file is not read yet
    streamed += list(stream)
    records, whole_ledger = read_path(tmp_path, src)
    for r in records:
        r["meta"]["input"] = "mine"
    assert streamed == records and len(records) == 4
    assert ledger == [{**row, "input": "mine"} for row in whole_ledger] and len(ledger) == 2
