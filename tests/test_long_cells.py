"""A text longer than a spreadsheet cell, kept over rows: joined back into one document."""

from __future__ import annotations

import warnings

import openpyxl
import pandas as pd
import pytest

import speechtopics as st
from speechtopics.long_cells import CONTINUATION, EXCEL_CELL_LIMIT, fills_cell, joined_continuations

SENTENCE = "年要坚持稳中求进工作总基调，扎实推进项目建设，持续优化营商环境，切实保障和改善民生。\n"
REPORT = "".join(f"{1950 + i % 70}{SENTENCE}" for i in range(1700))  # some 75,000 characters, over three cells
SHORT = "全面推进乡村振兴，加快建设现代化产业体系。" * 6


def _pieces(text: str) -> list[str]:
    return [text[i:i + EXCEL_CELL_LIMIT] for i in range(0, len(text), EXCEL_CELL_LIMIT)]


def _sheet(path, rows):
    book = openpyxl.Workbook()
    book.active.title = "报告"
    for row in rows:
        book.active.append(row)
    book.save(path)


def test_rows_continuing_a_cell_cut_at_excels_limit_are_one_document(tmp_path):
    first, *rest = _pieces(REPORT)
    assert len(rest) == 2 and len(first) == EXCEL_CELL_LIMIT
    _sheet(tmp_path / "r.xlsx", [["标题", "年份", "正文"], ["1955年政府工作报告", 1955, first],
                                 *[[None, None, p] for p in rest], ["2024年政府工作报告", 2024, SHORT]])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        corpus = st.read_corpus(tmp_path / "r.xlsx", text="正文")
    assert not [w for w in caught if "left out" in str(w.message)]  # a joined row is no document left out
    docs, ledger = corpus.documents, corpus.ledger
    assert docs["title"].tolist() == ["1955年政府工作报告", "2024年政府工作报告"]
    assert docs["truncated"].tolist() == [False, False]
    assert len(corpus.records[0]["text"]) > 2 * EXCEL_CELL_LIMIT
    joined = ledger[ledger["status"] != "kept"]
    assert joined["source"].tolist() == ["r.xlsx#报告!row3", "r.xlsx#报告!row4"]
    assert set(joined["reason"]) == {CONTINUATION}
    assert len(ledger) == 4  # every row of the sheet: kept or joined


def test_a_continuation_row_may_repeat_the_first_rows_cells_and_a_csv_is_read_alike(tmp_path):
    first, second, third = _pieces(REPORT)
    frame = pd.DataFrame({"编号": ["0007"] * 3 + ["0008"], "标题": ["报告"] * 3 + ["另一篇"],
                          "正文": [first, second, third, SHORT]})
    frame.to_csv(tmp_path / "r.csv", index=False)
    corpus = st.read_corpus(tmp_path / "r.csv", text="正文", id="编号")
    assert corpus.documents["source_id"].tolist() == ["0007", "0008"]
    assert len(corpus.records[0]["text"]) > 2 * EXCEL_CELL_LIMIT


def test_a_full_cell_without_a_continuation_stays_cut_and_a_new_title_or_a_text_alone_is_a_new_document():
    full = "长" * EXCEL_CELL_LIMIT
    rows = [("t#row2", {"标题": "甲", "正文": full}), ("t#row3", {"标题": "乙", "正文": SHORT})]
    assert joined_continuations(rows, "正文") == (rows, [])
    assert fills_cell(rows[0][1], "正文") and not fills_cell(rows[1][1], "正文")
    shorter = [("t#row2", {"标题": "甲", "正文": full[:-1]}), ("t#row3", {"标题": None, "正文": SHORT})]
    assert joined_continuations(shorter, "正文") == (shorter, [])
    texts_alone = [("t#row2", {"正文": full}), ("t#row3", {"正文": SHORT})]  # nothing says row 3 continues
    assert joined_continuations(texts_alone, "正文") == (texts_alone, [])


@pytest.mark.parametrize("rows", [1000, 1001])
def test_a_streamed_csv_does_not_cut_a_continuation_at_a_pieces_edge(tmp_path, monkeypatch, rows):
    import speechtopics.table_input as table_input

    monkeypatch.setattr(table_input, "STREAM_ROWS", 3)
    first, second, _ = _pieces(REPORT)
    texts = [SHORT + str(i) for i in range(2)] + [first, second] + [SHORT + "三"]
    pd.DataFrame({"标题": ["甲", "乙", "报告", None, "丙"], "正文": texts}).to_csv(tmp_path / "s.csv", index=False)
    corpus = st.read_corpus(tmp_path / "s.csv", text="正文")
    assert corpus.documents["title"].tolist() == ["甲", "乙", "报告", "丙"]
    assert corpus.documents["truncated"].tolist() == [False] * 4


def test_an_untitled_speech_repeating_only_the_speaker_and_level_is_not_joined_to_a_cut_text(tmp_path):
    # a text cut at the limit with the rest lost, then the same county leader's next speech, untitled
    # and undated, its level and speaker filled down: two documents, the first still marked cut
    cut = REPORT[:EXCEL_CELL_LIMIT]
    other = "同志们：\n今天我们召开全县安全生产工作会议。" + SHORT
    frame = pd.DataFrame({"标题": ["在全县经济工作会议上的讲话", None], "日期": ["2021-12-28", None],
                          "级别": ["县级", "县级"], "讲话人": ["张三", "张三"], "正文": [cut, other]})
    frame.to_csv(tmp_path / "s.csv", index=False)
    corpus = st.read_corpus(tmp_path / "s.csv", text="正文", meta=["级别", "讲话人"])
    assert len(corpus.documents) == 2
    assert corpus.documents["truncated"].tolist() == [True, False]
    assert corpus.records[1]["text"].startswith("同志们")
    rows = [("t#row2", {"标题": "甲", "级别": "县级", "正文": cut}), ("t#row3", {"标题": None, "级别": "县级", "正文": other})]
    assert joined_continuations(rows, "正文") == (rows, [])
