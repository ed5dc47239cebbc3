"""A researcher's table read as they mean it: default title/date columns in any case or in Chinese,
spreadsheet date cells, rows with too many cells, texts given as lists, a column named twice, the id."""

from __future__ import annotations

import datetime as dt
import json
import warnings

import pandas as pd
import pytest
from typer.testing import CliRunner

import speechtopics as st
from speechtopics.records import FieldError

BODY = ("同志们：今天召开全县经济工作会议，主要任务是总结去年工作，分析当前形势，安排部署今年重点任务。"
        "过去一年，全县上下攻坚克难，县域经济实力持续增强，群众获得感不断增强，各项事业取得新进展。")


def test_a_date_column_named_in_another_case_or_in_chinese_is_the_date(tmp_path):
    (tmp_path / "a.csv").write_text(f"Date,Text\n2020-05-19,{BODY}\n", encoding="utf-8")
    docs = st.read_corpus(tmp_path / "a.csv", text="Text").documents
    assert docs["date"].tolist() == ["2020-05-19"] and not docs["date_inferred"].any()
    df = pd.DataFrame({"标题": ["在全县经济工作会议上的讲话"], "日期": ["2025年12月31日"], "正文": [BODY]})
    docs = st.read_corpus(df, text="正文").documents
    assert docs["date"].tolist() == ["2025-12-31"]
    assert docs["title"].tolist() == ["在全县经济工作会议上的讲话"]


def test_spreadsheet_date_cells_are_written_as_iso_text_by_the_cli(tmp_path):
    from speechtopics.cli import app

    pd.DataFrame({"正文": [BODY], "日期": [dt.datetime(2025, 12, 31)], "发布": [dt.datetime(2026, 1, 2, 9, 30)]}) \
        .to_excel(tmp_path / "a.xlsx", index=False)
    out = tmp_path / "o.jsonl"
    res = CliRunner().invoke(app, ["ingest", str(tmp_path / "a.xlsx"), "--text-field", "正文", "--meta-field", "发布",
                                   "--out", str(out)])
    assert res.exit_code == 0, res.output
    meta = json.loads(out.read_text(encoding="utf-8"))["meta"]
    assert meta["date"] == "2025-12-31" and meta["发布"] == "2026-01-02T09:30:00"


def test_a_row_with_more_cells_than_the_header_is_a_ledger_row_not_a_cut_text(tmp_path):
    (tmp_path / "a.csv").write_text(f"date,text\n2020-01-02,{BODY}\n2020-01-03,全年投资1,000亿元。{BODY}\n",
                                    encoding="utf-8")
    corpus = st.read_corpus(tmp_path / "a.csv")
    assert (corpus.documents["status"] == "kept").sum() == 1
    (reason,) = corpus.ledger.loc[corpus.ledger["status"] != "kept", "reason"]
    assert reason.startswith("bad CSV row: 3 cells for 2 columns")


def test_a_header_repeated_among_the_rows_is_a_ledger_row_not_a_document(tmp_path):
    # two exports joined into one file: the second one's header stands among the rows
    (tmp_path / "a.csv").write_text(f"标题,时间,内容\n通知一,2020-01-02,{BODY}\n标题,时间,内容\n通知二,2020-01-03,{BODY}二\n",
                                    encoding="utf-8")
    corpus = st.read_corpus(tmp_path / "a.csv", text="内容")
    assert (corpus.documents["status"] == "kept").sum() == 2 and len(corpus.documents) == 2
    (reason,) = corpus.ledger.loc[corpus.ledger["status"] != "kept", "reason"]
    assert reason == "the header row again (tables joined one after another)"


def test_a_json_text_given_as_a_list_of_paragraphs_keeps_its_paragraphs(tmp_path):
    paras = [BODY[:48], BODY[48:]]
    (tmp_path / "a.json").write_text(json.dumps([{"text": paras}], ensure_ascii=False), encoding="utf-8")
    rec = st.read_corpus(tmp_path / "a.json").records[0]
    assert [p["text"] for p in rec["paragraphs"]] == paras


def test_a_column_named_twice_and_a_missing_id_column_are_errors(tmp_path):
    (tmp_path / "a.csv").write_text(f"text,date,text\n{BODY},2020-01-02,备注\n", encoding="utf-8")
    with pytest.raises(FieldError, match="the text column 'text' appears 2 times"):
        st.read_corpus(tmp_path / "a.csv")
    (tmp_path / "b.csv").write_text(f"uid,text\n7,{BODY}\n", encoding="utf-8")
    with pytest.raises(FieldError, match="no id column 'id' .*did you mean 'uid'"):
        st.read_corpus(tmp_path / "b.csv", id="id")
    assert st.read_corpus(tmp_path / "b.csv", id="uid").documents["source_id"].tolist() == ["7"]
    # a spreadsheet's header is checked as a CSV's (pandas would quietly call the second one '正文.1')
    pd.DataFrame([["正文", "日期", "正文"], [BODY, "2020-01-02", "备注"]]).to_excel(
        tmp_path / "c.xlsx", index=False, header=False, sheet_name="讲话")
    with pytest.raises(FieldError, match=r"c.xlsx#讲话: the column '正文' appears 2 times"):
        st.read_corpus(tmp_path / "c.xlsx", text="正文")
    pd.DataFrame([["正文", "备注", "备注"], [BODY, "甲", "乙"]]).to_excel(tmp_path / "d.xlsx", index=False, header=False)
    assert st.read_corpus(tmp_path / "d.xlsx", text="正文").documents["status"].tolist() == ["kept"]


def test_a_notice_naming_its_attachment_file_is_kept():
    text = ("各市人力资源社会保障局：　　为进一步做好就业创业工作，现将《就业创业补贴实施细则》印发给你们，"
            "请结合实际认真贯彻执行。执行中遇到的问题，请及时向省人力资源社会保障厅反映。　　附件：就业创业补贴实施细则.docx")
    docs = st.read_corpus(pd.DataFrame({"text": [text]})).documents
    assert docs["status"].tolist() == ["kept"]


def test_a_row_left_out_says_why_in_the_words_of_its_text():
    texts = ["今天天气很好。", "This paragraph is about the county economy and its growth. " * 3, "   "]
    reasons = st.read_corpus(pd.DataFrame({"text": texts})).ledger["reason"].tolist()
    assert reasons[0] == "too short (7 < 50 characters)"
    assert reasons[1].startswith("not Chinese (Han share 0.00")
    assert reasons[2] in ("empty (only whitespace)", "empty text field 'text'")


def test_below_a_title_a_mistyped_field_is_the_one_reported(tmp_path):
    (tmp_path / "a.csv").write_text(f"2020年讲话汇编,\n日期,正文\n2020-01-02,{BODY}\n", encoding="utf-8")
    with pytest.raises(FieldError, match="no date column '日 期' .*did you mean '日期'"):
        st.read_corpus(tmp_path / "a.csv", text="正文", date="日 期")
    pd.DataFrame([["2020年讲话汇编", None], ["日期", "正文"], ["2020-01-02", BODY]]).to_excel(
        tmp_path / "a.xlsx", index=False, header=False)
    with pytest.raises(FieldError, match="no date column '日 期' .*did you mean '日期'"):
        st.read_corpus(tmp_path / "a.xlsx", text="正文", date="日 期")
    assert st.read_corpus(tmp_path / "a.xlsx", text="正文", date="日期").documents["date"].tolist() == ["2020-01-02"]


def test_escaped_line_breaks_of_an_export_are_paragraphs_and_a_file_given_twice_is_read_once(tmp_path):
    escaped = BODY[:48] + "\\n" + BODY[48:]
    (tmp_path / "a.csv").write_text(f'text\n"{escaped}"\n', encoding="utf-8")
    corpus = st.read_corpus([tmp_path / "a.csv", tmp_path / "a.csv"])
    assert [p["text"] for p in corpus.records[0]["paragraphs"]] == [BODY[:48], BODY[48:]]
    assert corpus.documents["doc_id"].is_unique and len(corpus.records) == 1
    assert corpus.ledger["reason"].tolist().count("read already (given twice)") == 1


def test_a_run_with_no_document_kept_says_why(tmp_path):
    from speechtopics.stages import CorpusTooSmall, check_units

    rows = [{"status": "dropped", "reason": "unsupported file type .py"}, {"status": "kept", "reason": ""}]
    with pytest.raises(CorpusTooSmall, match="1 of 2 input documents kept; unsupported file type .py: 1"):
        check_units(0, 0, 5, "lda K=5", lambda: rows)


def test_a_one_line_notice_with_one_sentence_then_its_attachment_file_and_signature_is_kept():
    text = ("县科技局关于印发《加大研发投入若干措施》的通知各乡镇人民政府，县直各部门：为进一步推动企业加大研发投入，"
            "县科技局、县财政局、县统计局等部门联合制定了《加大研发投入若干措施》，现印发你们，请认真贯彻执行"
            "并结合实际抓好落实。　　附件：加大研发投入若干措施.docx　某某县科技局　某某县财政局　　2022年7月28日")
    docs = st.read_corpus(pd.DataFrame({"text": [text]})).documents
    assert docs["status"].tolist() == ["kept"]


def test_json_wrapped_by_an_api_and_dataframe_ids_and_escaped_breaks(tmp_path):
    (tmp_path / "a.json").write_text(json.dumps({"code": 0, "data": {"list": [{"text": BODY}, {"text": BODY + "。"}]}},
                                                ensure_ascii=False), encoding="utf-8")
    assert len(st.read_corpus(tmp_path / "a.json").records) == 2
    df = pd.DataFrame({"text": [BODY[:48] + "\\n" + BODY[48:]], "uid": [101.0]})
    corpus = st.read_corpus(df, id="uid")
    assert corpus.documents["doc_id"].tolist() == ["101"] and len(corpus.records[0]["paragraphs"]) == 2
    with pytest.raises(FieldError, match="has 1 empty values"):
        st.read_corpus(pd.DataFrame({"text": [BODY, BODY], "uid": [1.0, None]}), id="uid")


def test_a_missing_or_unreadable_date_is_a_missing_value_not_an_empty_string():
    df = pd.DataFrame({"日期": ["2020-03-05", "", "3020-01-01"], "正文": [BODY, BODY + "一", BODY + "二"]})
    docs = st.read_corpus(df, text="正文").documents
    assert docs["date"].iloc[0] == "2020-03-05"
    assert docs["date"].iloc[1:].isna().all()
    assert docs["date_error"].tolist() == ["", "", "3020-01-01"]


def test_a_title_the_table_gives_is_kept_as_given():
    titles = ["河北省应急产业发展规划（2020-2025）", "以“人”为本“社”惠民生——人社政策宣讲“三进”行动实施方案",
              "普法宣传|《河北省安全生产条例》解读"]
    df = pd.DataFrame({"title": titles, "text": [BODY + str(i) for i in range(3)]})
    docs = st.read_corpus(df).documents
    assert docs["title"].tolist() == titles and docs["display_name"].tolist() == titles


def test_blank_sheet_rows_are_skipped_and_a_table_left_out_whole_is_warned_about(tmp_path):
    from speechtopics.stages import input_warnings

    rows = [{"source": "x.xlsx#S!row2", "input": "raw", "status": "kept", "reason": ""},
            {"source": "x.xlsx#S!row3", "input": "raw", "status": "dropped", "reason": "empty row skipped"},
            {"source": "all.csv", "input": "raw", "status": "dropped",
             "reason": "no text column 'text' (fields: Date, Text); did you mean 'Text'?"}]
    rows += [{"source": f"{i}.txt", "input": "raw", "status": "kept", "reason": ""} for i in range(8)]
    warnings = input_warnings(rows, 0.2)
    assert warnings == ["input 'raw': the whole table all.csv was left out: no text column 'text' "
                        "(fields: Date, Text); did you mean 'Text'?"]
    df = pd.DataFrame({"标题": ["甲", None, "丙"], "正文": [BODY, None, None]})
    path = tmp_path / "blank.xlsx"
    df.to_excel(path, index=False)
    reasons = st.read_corpus(path, text="正文").ledger["reason"].tolist()
    assert sorted(reasons) == ["", "empty row skipped", "empty text field '正文'"]


def test_csv_rows_are_numbered_as_a_spreadsheet_numbers_them(tmp_path):
    # a blank line is a row; a quoted cell over two lines is one row
    (tmp_path / "a.csv").write_text(f'date,text\n2020-01-02,"{BODY}\n{BODY}"\n\n2020-01-03,短\n', encoding="utf-8")
    ledger = st.read_corpus(tmp_path / "a.csv").ledger
    assert ledger["source"].str.extract(r"#(row\d+)$")[0].tolist() == ["row2", "row4"]


def test_markup_an_export_wrote_out_as_escaped_text_is_read_as_markup():
    text = f"{BODY[:48]}&lt;br&gt;{BODY[48:]}&lt;/p&gt;&lt;p style=&quot;x&quot;&gt;人均收入&lt;1万元的农户全部脱贫。"
    (rec,) = st.read_corpus(pd.DataFrame({"text": [text]})).records
    paras = [p["text"] for p in rec["paragraphs"]]
    assert paras[:2] == [BODY[:48], BODY[48:]] and not any("&lt;" in p or "<br" in p or "&gt;" in p for p in paras)
    assert "人均收入<1万元的农户全部脱贫。" in paras


def test_an_id_column_that_repeats_a_value_in_a_file_is_said(tmp_path):
    from speechtopics.cli import app

    (tmp_path / "a.csv").write_text(f"uid,text\n7,{BODY}\n7,{BODY[::-1]}\n8,{BODY[5:]}\n", encoding="utf-8")
    with pytest.warns(UserWarning, match=r"id column 'uid': 1 value is given to several rows \('7': .*a.csv#row2"):
        docs = st.read_corpus(tmp_path / "a.csv", id="uid").documents
    assert docs["source_id"].tolist() == ["7", "7", "8"] and docs["doc_id"].is_unique
    for command in ("ingest", "clean"):
        res = CliRunner().invoke(app, [command, str(tmp_path / "a.csv"), "--id-field", "uid", "--out",
                                       str(tmp_path / f"{command}.jsonl")])
        assert res.exit_code == 0 and "warning: id column 'uid': 1 value is given to several rows" in res.output


def test_a_json_nan_is_no_value_and_a_list_of_objects_is_not_text(tmp_path):
    (tmp_path / "a.json").write_text(f'[{{"title": NaN, "speaker": NaN, "text": "{BODY}"}}]', encoding="utf-8")
    docs = st.read_corpus(tmp_path / "a.json", meta=["speaker"]).documents
    assert docs["title"].tolist() == [""] and docs["speaker"].isna().all()
    blocks = [{"type": "p", "text": BODY[:48]}, {"type": "p", "text": BODY[48:]}]
    (tmp_path / "b.json").write_text(json.dumps([{"text": blocks}], ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ValueError, match=r"nothing could be read: b.json#item1: text field 'text' holds a list of "
                                         r"objects, not of paragraphs"):  # its one row: no corpus, as the CLI says
        st.read_corpus(tmp_path / "b.json")


def test_json_records_keyed_by_url_are_records_with_their_key(tmp_path):
    data = {"http://a/1": {"标题": "甲", "时间": "2024-01-02", "内容": BODY},
            "http://a/2": {"标题": "乙", "时间": "2024-01-03", "内容": BODY[::-1]}}
    (tmp_path / "a.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    docs = st.read_corpus(tmp_path / "a.json", text="内容", meta=["key"]).documents
    assert docs["key"].tolist() == ["http://a/1", "http://a/2"]
    assert docs["date"].tolist() == ["2024-01-02", "2024-01-03"]  # 时间 is a default date column


def test_integer_column_labels_and_a_meta_string(tmp_path):
    df = pd.DataFrame([["讲话", "2020-01-02", BODY, "县委"]])  # as read with header=None
    docs = st.read_corpus(df, text=2, title=0, date=1, meta=3).documents
    assert docs[["title", "date", "3"]].values.tolist() == [["讲话", "2020-01-02", "县委"]]
    with pytest.raises(FieldError, match=r"no column '7' \(fields: 0, 1, 2, 3\)"):
        st.read_corpus(df, text=7)


def test_a_csv_row_short_of_its_text_cell_is_a_bad_row_not_an_empty_text(tmp_path):
    (tmp_path / "a.csv").write_text(f"标题,日期,正文\n甲,2020-01-02,{BODY[:60]}\n{BODY[60:]}\n", encoding="utf-8")
    ledger = st.read_corpus(tmp_path / "a.csv", text="正文").ledger
    assert ledger["reason"].str.startswith("bad CSV row: 1 cell for 3 columns, none for '正文'").sum() == 1


def test_cells_merged_down_a_group_of_rows_give_every_row_their_value(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["标题", "日期", "级别", "正文"])
    ws.merge_cells("A1:A1")
    for i in range(4):
        ws.append([f"讲话{i}", None, None, BODY[i:]])
    ws["B2"], ws["B4"], ws["C2"] = "2024-08-01", "2023-11-07", "省级"
    ws.merge_cells("B2:B3")
    ws.merge_cells("B4:B5")
    ws.merge_cells("C2:C5")
    wb.save(tmp_path / "a.xlsx")
    docs = st.read_corpus(tmp_path / "a.xlsx", text="正文", meta=["级别"]).documents
    assert docs["date"].tolist() == ["2024-08-01", "2024-08-01", "2023-11-07", "2023-11-07"]
    assert docs["级别"].tolist() == ["省级"] * 4


@pytest.mark.parametrize("encoding", ["gb18030", "utf-16"])
def test_excel_text_exports_named_txt_are_read_as_tables(tmp_path, encoding):
    df = pd.DataFrame({"标题": ["甲", "乙"], "日期": ["2020-01-02", "2020-01-03"], "正文": [BODY, BODY[::-1]]})
    df.to_csv(tmp_path / "a.txt", sep="\t", index=False, encoding=encoding, lineterminator="\r\n")
    docs = st.read_corpus(tmp_path / "a.txt", text="正文").documents
    assert docs[["title", "date", "status"]].values.tolist() == [["甲", "2020-01-02", "kept"], ["乙", "2020-01-03", "kept"]]
    (tmp_path / "b.txt").write_text(f"第一段\t甲\n{BODY}\n", encoding="utf-8")  # tabs, but no header naming the text
    assert len(st.read_corpus(tmp_path / "b.txt").documents) == 1


@pytest.mark.parametrize("encoding", ["gb18030", "utf-16"])
def test_an_excel_text_export_is_a_table_when_no_text_column_is_named(tmp_path, encoding):
    """Read without naming its text column, Excel's "Unicode Text" export was one page holding the header
    and every row, with nothing said; it is a table, and the missing column is named as a .tsv's is."""
    from speechtopics.records import FieldError

    df = pd.DataFrame({"标题": ["甲", "乙", "丙"], "日期": ["2020-01-02", "2020-01-03", "2020-01-04"],
                       "正文": [BODY, BODY[::-1], BODY[2:]]})
    df.to_csv(tmp_path / "a.txt", sep="\t", index=False, encoding=encoding, lineterminator="\r\n")
    with pytest.raises(FieldError, match=r"a\.txt: no text column 'text' \(fields: 标题, 日期, 正文\)"):
        st.read_corpus(tmp_path / "a.txt")
    page = "\t同志们：\n\t今天我们召开全县经济工作会议。\n\t过去一年，全县经济发展稳中向好。\n" + BODY  # tab indents
    (tmp_path / "page.txt").write_text(page, encoding="utf-8")
    assert st.read_corpus(tmp_path / "page.txt").documents["status"].tolist() == ["kept"]


def test_an_instant_with_its_utc_offset_is_dated_in_china_time():
    utc = pd.Timestamp("2024-08-01 00:00", tz="Asia/Shanghai").tz_convert("UTC")
    df = pd.DataFrame({"text": [BODY, BODY[::-1], BODY[3:]],
                       "date": ["2024-07-31T16:00:00.000Z", "2024-04-17T00:00:00+08:00", utc]})
    assert st.read_corpus(df).documents["date"].tolist() == ["2024-08-01", "2024-04-17", "2024-08-01"]


def test_the_left_out_warning_counts_kinds_of_reasons_not_their_particulars():
    from speechtopics.stages import input_warnings

    rows = ([{"input": "教育厅", "source": f"a.csv#row{i}", "status": "dropped",
              "reason": f"too short ({i} < 50 characters)"} for i in range(2, 18)]
            + [{"input": "教育厅", "source": f"a.csv#row{i}", "status": "dropped", "reason": "empty text field '内容'"}
               for i in range(18, 30)]
            + [{"input": "教育厅", "source": f"a.csv#row{i}", "status": "kept", "reason": ""} for i in range(30, 60)])
    (line,) = input_warnings(rows, 0.2)
    assert line.endswith("most often: too short (16)")


def test_a_text_of_exactly_a_spreadsheet_cells_limit_is_marked_truncated(tmp_path):
    import pandas as pd

    import speechtopics as st

    sentence = "要坚持稳中求进工作总基调，扎实推进项目建设，持续优化营商环境，切实保障和改善民生。"
    long_text = (sentence * (32_767 // len(sentence) + 1))[:32_767]
    pd.DataFrame({"正文": [long_text, sentence * 5]}).to_excel(tmp_path / "t.xlsx", index=False)
    recs = st.read_corpus(tmp_path / "t.xlsx", text="正文").records
    assert [r["truncated"] for r in recs] == [True, False]
    assert any("cell's limit" in d["reasons"][0] for d in recs[0]["dropped_lines"])


def test_unix_timestamps_in_a_date_column_are_dates_in_china_time(tmp_path):
    seconds = [1579276800, 1614873600]  # 2020-01-18 and 2021-03-05, 00:00 in Beijing (16:00 UTC the day before)
    pd.DataFrame({"date": seconds, "text": [BODY, BODY + "一"]}).to_csv(tmp_path / "s.csv", index=False)
    pd.DataFrame({"date": seconds, "text": [BODY, BODY + "一"]}).to_excel(tmp_path / "s.xlsx", index=False)
    (tmp_path / "ms.json").write_text(json.dumps([{"date": s * 1000, "text": t} for s, t in zip(seconds, [BODY, BODY + "一"])],
                                                 ensure_ascii=False), encoding="utf-8")
    for name in ("s.csv", "s.xlsx", "ms.json"):
        docs = st.read_corpus(tmp_path / name).documents
        assert docs["date"].tolist() == ["2020-01-18", "2021-03-05"], name
        assert docs["date_error"].tolist() == ["", ""]


def test_the_column_names_of_database_exports_are_found_without_naming_them(tmp_path):
    """CNKI's 题名 / 发表时间, a law database's 颁布日期 beside 实施日期, a scraper's pub_time: the title and
    date are found as 标题 and 日期 are; a date of effect (实施日期) is never the document's date."""
    import speechtopics as st

    body = "同志们：今天召开全县经济工作会议，部署今年重点任务。全县上下攻坚克难，各项事业取得新进展。"
    frames = {"cnki.csv": {"题名": ["在全县会议上的讲话"], "发表时间": ["2020-01-18 00:00:00"], "正文": [body]},
              "law.csv": {"标题": ["关于加强管理的通知"], "实施日期": ["2021-05-01"], "颁布日期": ["2021-03-15"],
                          "全文": [body]},
              "news.csv": {"headline": ["全县召开经济工作会议"], "pub_time": ["2020年01月18日08:15"], "content": [body]}}
    texts = {"cnki.csv": "正文", "law.csv": "全文", "news.csv": "content"}
    for name, columns in frames.items():
        pd.DataFrame(columns).to_csv(tmp_path / name, index=False)
    found = {name: st.read_corpus(tmp_path / name, text=texts[name]).documents.iloc[0] for name in frames}
    assert [(d["title"], d["date"]) for d in found.values()] == [
        ("在全县会议上的讲话", "2020-01-18"), ("关于加强管理的通知", "2021-03-15"), ("全县召开经济工作会议", "2020-01-18")]


def test_a_table_with_two_date_columns_says_which_it_used_and_how_to_choose(tmp_path):
    pd.DataFrame({"标题": ["关于加强管理的通知"], "成文日期": ["2021-03-01"], "发布日期": ["2021-03-15"],
                  "正文": [BODY]}).to_csv(tmp_path / "a.csv", index=False)
    said = "date column '发布日期' used; the table also has '成文日期'"
    with pytest.warns(UserWarning, match=f"^a.csv: {said}") as caught:
        docs = st.read_corpus(tmp_path / "a.csv", text="正文").documents
    assert docs["date"].tolist() == ["2021-03-15"] and sum(said in str(w.message) for w in caught) == 1
    frame = pd.DataFrame({"text": [BODY], "date": ["2020-01-18"], "pub_time": ["2020-01-19 08:00"]})
    with pytest.warns(UserWarning, match="the DataFrame: date column 'date' used; the table also has 'pub_time'"):
        st.read_corpus(frame)
    with warnings.catch_warnings():
        warnings.simplefilter("error", UserWarning)
        assert st.read_corpus(tmp_path / "a.csv", text="正文", date="成文日期").documents["date"].tolist() == ["2021-03-01"]
    from speechtopics.cli import app

    res = CliRunner().invoke(app, ["ingest", str(tmp_path / "a.csv"), "--text-field", "正文", "--out",
                                   str(tmp_path / "o.jsonl")])
    assert res.exit_code == 0 and f"warning: a.csv: {said}" in res.output


def test_title_and_date_columns_named_in_traditional_characters_are_found(tmp_path):
    """A Taiwan or Hong Kong table (Big5: 標題, 發佈日期) names its title and date as a mainland table does
    (标题, 发布日期); they are found without naming them, and a second date column is said by its own name."""
    import opencc

    to_tw = opencc.OpenCC("s2twp").convert
    row = {"標題": to_tw("在全县经济工作会议上的讲话"), "發佈日期": "2020-01-18", "正文": to_tw(BODY)}
    (tmp_path / "tw.csv").write_bytes(pd.DataFrame([row]).to_csv(index=False).encode("big5"))
    docs = st.read_corpus(tmp_path / "tw.csv", text="正文").documents
    assert docs[["title", "date"]].values.tolist() == [["在全县经济工作会议上的讲话", "2020-01-18"]]
    assert docs["date_inferred"].tolist() == [False]
    pd.DataFrame([{**row, "成文日期": "2020-01-10"}]).to_csv(tmp_path / "two.csv", index=False)
    with pytest.warns(UserWarning, match="date column '發佈日期' used; the table also has '成文日期'"):
        assert st.read_corpus(tmp_path / "two.csv", text="正文").documents["date"].tolist() == ["2020-01-18"]


def test_a_year_column_named_in_chinese_gives_the_year(tmp_path):
    rows = [["1957年政府工作报告", 1957, BODY], ["2024年政府工作报告", "2024", BODY + "一"], ["决议", None, BODY + "二"]]
    pd.DataFrame(rows, columns=["标题", "年份", "正文"]).to_excel(tmp_path / "r.xlsx", index=False)
    pd.DataFrame(rows, columns=["标题", "年度", "正文"]).to_csv(tmp_path / "r.csv", index=False)
    for name in ("r.xlsx", "r.csv"):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            docs = st.read_corpus(tmp_path / name, text="正文").documents
        assert docs["year"].tolist()[:2] == [1957, 2024] and pd.isna(docs["year"].iloc[2]), name
        assert docs["date"].isna().all(), name


def test_a_row_holding_only_a_link_says_so_not_that_it_is_not_chinese():
    # a scraped news item whose body the scraper missed: only the "view the original" link is left
    texts = ["[查看原文](https://tv.cctv.com/2022/10/31/VIDEqlUXgFhQATUXU6kmpPA8221031.shtml)",
             "https://tv.cctv.com/2022/10/31/VIDEqlUXgFhQATUXU6kmpPA8221031.shtml",
             "This paragraph is about the county economy and its growth. " * 3]
    reasons = st.read_corpus(pd.DataFrame({"text": texts})).ledger["reason"].tolist()
    assert reasons[:2] == ["no body text (only a link)"] * 2
    assert reasons[2].startswith("not Chinese (Han share 0.00")


@pytest.mark.parametrize("stream", [True, False])
def test_a_carriage_return_in_a_cell_pandas_left_unquoted_stays_in_its_cell(tmp_path, monkeypatch, stream):
    # DataFrame.to_csv quotes a cell holding a line feed but not one holding only a carriage return, and
    # scraped texts hold them: each was read as the end of a row (the text cut, the rest "bad CSV rows")
    from speechtopics import table_input

    if not stream:
        monkeypatch.setattr(table_input, "stream_table_file", lambda *a, **k: None)
    more = "二是抓好民生工程，扎实推进教育、医疗、养老等各项事业发展，确保人民群众得到实惠。"
    frame = pd.DataFrame({"标题": ["甲", "乙"], "日期": ["2014-01-07", "2015-03-02"],
                          "正文": [f"\r{BODY}\r{more}", f"{BODY}\r\n{more}"], "部门": ["教育厅", "科学技术厅"]})
    frame.to_csv(tmp_path / "lf.csv", index=False)
    corpus = st.read_corpus(tmp_path / "lf.csv", text="正文", title="标题", date="日期", meta=["部门"])
    assert corpus.ledger["status"].tolist() == ["kept", "kept"]
    docs = corpus.documents
    assert docs["部门"].tolist() == ["教育厅", "科学技术厅"] and docs["year"].tolist() == [2014, 2015]
    frame.to_csv(tmp_path / "crlf.csv", index=False, lineterminator="\r\n")  # every break quoted: the same texts
    same = st.read_corpus(tmp_path / "crlf.csv", text="正文", title="标题", date="日期", meta=["部门"])
    assert [r["text"] for r in corpus.records] == [r["text"] for r in same.records]
    assert all(BODY[:20] in r["text"] and more in r["text"] for r in corpus.records)
