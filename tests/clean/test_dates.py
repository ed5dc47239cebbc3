"""The user's date wins whenever it parses; a date read from the text is marked inferred."""

import pytest

from speechtopics.clean import CleanConfig
from speechtopics.clean.dates import day_month_warning, parse_user_date
from speechtopics.stages import clean_records

BODY = "同志们：1954年6月28日，我们在这里召开会议。" + "要坚持稳中求进工作总基调，扎实做好各项工作。" * 8


@pytest.mark.parametrize(
    ("value", "fmt", "expected"),
    [
        ("2020-03-05", "mdy", ("2020-03-05", 2020, True)),
        ("2020/3/5", "mdy", ("2020-03-05", 2020, True)),
        ("2020年3月5日", "mdy", ("2020-03-05", 2020, True)),
        ("二〇二〇年三月五日", "mdy", ("2020-03-05", 2020, True)),
        ("2020-03-05 00:00:00", "mdy", ("2020-03-05", 2020, True)),
        ("1/18/2020", "mdy", ("2020-01-18", 2020, True)),
        ("1/18/2020", "dmy", ("2020-01-18", 2020, True)),  # unambiguous: 18 cannot be a month
        ("3/5/2020", "mdy", ("2020-03-05", 2020, True)),
        ("3/5/2020", "dmy", ("2020-05-03", 2020, True)),
        ("2020", "mdy", (None, 2020, True)),
        ("2020年", "mdy", (None, 2020, True)),
        ("", "mdy", (None, None, True)),
        (None, "mdy", (None, None, True)),
        ("2020-02-30", "mdy", (None, None, False)),
        ("n.d.", "mdy", (None, None, False)),
        ("March 5, 2020", "mdy", ("2020-03-05", 2020, True)),
        ("5 Mar 2020", "dmy", ("2020-03-05", 2020, True)),
        ("Sept. 30, 2019", "mdy", ("2019-09-30", 2019, True)),
        ("May 2020", "mdy", (None, 2020, True)),
        ("31 Feb 2020", "mdy", (None, None, False)),
        ("Foo 5, 2020", "mdy", (None, None, False)),
        ("45657", "mdy", ("2024-12-31", 2024, True)),  # an Excel serial that lost its date format
        ("43895.5", "mdy", ("2020-03-05", 2020, True)),  # a serial with a time of day (noon)
        ("12345", "mdy", (None, None, False)),  # outside 1954..2119: not taken for a serial
        ("3020-01-01", "mdy", (None, None, False)),  # a typo for 2020: outside the years of YEARS
        ("3020", "mdy", (None, None, False)),
        ("1650年3月5日", "mdy", (None, None, False)),
        ("1949年10月1日", "mdy", ("1949-10-01", 1949, True)),
        # Unix timestamps as database exports write them, dated in China Standard Time (UTC+8)
        ("1579276800", "mdy", ("2020-01-18", 2020, True)),  # 2020-01-18 00:00 in Beijing
        ("1579276799", "mdy", ("2020-01-17", 2020, True)),  # a second before: still the 17th there
        ("1579305600000", "mdy", ("2020-01-18", 2020, True)),  # milliseconds
        ("1579305600000.0", "mdy", ("2020-01-18", 2020, True)),  # from a float column
        (1579305600, "mdy", ("2020-01-18", 2020, True)),  # a JSON or spreadsheet number
        ("946656000", "mdy", ("2000-01-01", 2000, True)),  # nine digits: seconds before 2001
        ("202001181030", "mdy", ("2020-01-18", 2020, True)),  # a compact date and time, not 1976 in ms
        ("2020011810", "mdy", ("2020-01-18", 2020, True)),
        ("202013181030", "mdy", (None, None, False)),  # no month 13, and no timestamp either
        ("200001011", "mdy", (None, None, False)),  # a compact date mistyped, not a timestamp of 1976
        ("9999999999", "mdy", (None, None, False)),  # 2286: outside the years of YEARS
    ],
)
def test_parse_user_date(value, fmt, expected):
    assert parse_user_date(value, fmt) == expected


def test_dates_of_the_republic_of_china_calendar_are_read_and_only_those():
    """Taiwan's tables date by the ROC calendar (民國1年 = 1912): 民國110年3月5日, 110/3/5, 110.03.05."""
    from speechtopics.clean.dates import ROC_YEAR_ONE

    for value in ("民國110年3月5日", "中華民國110年3月5日", "民国110年3月5日", "110/3/5", "110.03.05", "110-3-5"):
        assert parse_user_date(value) == (f"{ROC_YEAR_ONE + 109}-03-05", ROC_YEAR_ONE + 109, True), value
    assert parse_user_date("民國38年") == (None, ROC_YEAR_ONE + 37, True)
    for value in ("民國110年13月", "110/2/30", "99/3/5", "110年3月5日"):  # impossible, or no sign of the calendar
        assert parse_user_date(value) == (None, None, False), value


def test_a_big5_table_dated_by_the_roc_calendar_is_dated(tmp_path):
    import pandas as pd

    import speechtopics as st

    frame = pd.DataFrame({"日期": ["民國110年3月5日", "110/3/6", "中華民國109年12月31日"],
                          "正文": [BODY, BODY + "加強防疫。", BODY + "推動經濟。"]})
    import opencc

    (tmp_path / "tw.csv").write_bytes(opencc.OpenCC("s2tw").convert(frame.to_csv(index=False)).encode("big5"))
    docs = st.read_corpus(tmp_path / "tw.csv", text="正文").documents
    assert docs["date"].tolist() == ["2021-03-05", "2021-03-06", "2020-12-31"]
    assert docs["date_error"].tolist() == ["", "", ""]


def test_unknown_date_format_is_refused():
    with pytest.raises(ValueError, match="date_format"):
        parse_user_date("3/5/2020", "ymd")


def _clean(date, **kw):
    meta = {} if date is None else {"date": date}
    rec = {"doc_id": "a", "source": "t#row1", "text": BODY, "format": "dataframe", "meta": meta}
    return clean_records([rec], CleanConfig(**kw), seed=0)[0]


def test_user_date_wins_over_a_date_in_the_text():
    doc = _clean("1/18/2020")
    assert (doc["date"], doc["year"], doc["date_inferred"], doc["date_error"]) == ("2020-01-18", 2020, False, None)
    assert _clean("3/5/2020", date_format="dmy")["date"] == "2020-05-03"


def test_year_only_gives_a_year_and_no_date():
    doc = _clean("2020年")
    assert (doc["date"], doc["year"], doc["date_inferred"]) == (None, 2020, False)


def test_text_date_only_without_a_user_date_and_marked_inferred():
    page = "在全县大会上的讲话\n（2019年12月30日）\n" + BODY
    rec = {"doc_id": "a", "source": "t#row1", "text": page, "format": "txt", "meta": {}}
    doc = clean_records([rec], CleanConfig(), seed=0)[0]
    assert (doc["date"], doc["year"], doc["date_inferred"]) == ("2019-12-30", 2019, True)
    none = _clean(None)  # nothing given and no dated header line: no date, and nothing inferred
    assert (none["date"], none["date_inferred"]) == (None, None)


def test_unparseable_user_date_is_reported_and_the_document_kept():
    doc = _clean("sometime in spring")
    assert doc["status"] == "kept"
    assert (doc["date"], doc["date_error"], doc["date_inferred"]) == (None, "sometime in spring", None)


def test_a_year_out_of_range_is_a_date_error_not_a_date():
    doc = _clean("3020-01-01")
    assert (doc["date"], doc["year"], doc["date_error"]) == (None, None, "3020-01-01")


def test_clean_command_counts_dates_it_could_not_read(tmp_path):
    from typer.testing import CliRunner

    from speechtopics.cli import app

    rows = ["id,date,text"] + [f"{i},{d},{BODY}" for i, d in enumerate(["2020-03-05", "3020-01-01", "n.d.", ""])]
    (tmp_path / "t.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["clean", str(tmp_path / "t.csv"), "--out", str(tmp_path / "c.jsonl"),
                                      "--date-field", "date"])
    assert result.exit_code == 0, result.output
    assert "dates: 2 given dates could not be read" in result.output


def test_each_input_and_the_clean_command_can_say_day_first(tmp_path):
    import yaml
    from typer.testing import CliRunner

    from speechtopics.cli import app
    from speechtopics.config import ConfigError, load_config
    from speechtopics.ingest import read_sources

    (tmp_path / "t.csv").write_text(f"date,text\n3/5/2020,{BODY}\n", encoding="utf-8")
    cfg_path = tmp_path / "c.yaml"
    cfg_path.write_text(yaml.safe_dump({"ingest": {"inputs": [{"path": "t.csv", "date_format": "dmy"}]}}))
    cfg = load_config(cfg_path)
    records, _ = read_sources(cfg.ingest.inputs, tmp_path)
    assert [d["date"] for d in clean_records(records, cfg.clean, 0)] == ["2020-05-03"]
    assert cfg.clean.date_format == "mdy"  # the input's own order wins over the config's
    cfg_path.write_text(yaml.safe_dump({"ingest": {"inputs": [{"path": "t.csv", "date_format": "ymd"}]}}))
    with pytest.raises(ConfigError, match="date_format"):
        load_config(cfg_path)
    out = tmp_path / "o.jsonl"
    for fmt, want in (("dmy", "2020-05-03"), ("mdy", "2020-03-05")):
        res = CliRunner().invoke(app, ["clean", str(tmp_path / "t.csv"), "--out", str(out), "--date-format", fmt])
        assert res.exit_code == 0, res.output
        assert f'"date": "{want}"' in out.read_text(encoding="utf-8")
    res = CliRunner().invoke(app, ["clean", str(tmp_path / "t.csv"), "--out", str(out), "--date-format", "ymd"])
    assert res.exit_code == 2 and "--date-format must be one of mdy, dmy" in res.output


def test_a_heading_naming_a_dated_document_is_body_and_does_not_date_the_text():
    from speechtopics.clean.document import clean_text

    body = "要坚持稳中求进工作总基调，扎实做好各项工作，确保经济社会持续健康发展。" * 3
    doc = clean_text("\n".join(["同志们！", body, "一九七○年五月二十日声明", body, "2020年3月15日的讲话", body]))
    texts = [p["text"] for p in doc["paragraphs"]]
    assert "一九七〇年五月二十日声明" in texts and "2020年3月15日的讲话" in texts  # ○ as zero becomes 〇
    assert doc["date"] is None and doc["date_inferred"] is None


def test_a_year_column_alone_gives_the_year_and_an_impossible_one_is_a_date_error():
    def clean_year(year):
        rec = {"doc_id": "a", "source": "t#row1", "text": BODY, "format": "dataframe", "meta": {"year": year}}
        return clean_records([rec], CleanConfig(), seed=0)[0]

    doc = clean_year(1999)  # the text holds 1954-06-28: the given year wins, nothing is inferred
    assert (doc["date"], doc["year"], doc["date_inferred"]) == (None, 1999, False)
    bad = clean_year(3020)
    assert (bad["year"], bad["date_error"]) == (None, "3020")


def test_a_title_comes_from_a_file_name_only_when_the_name_opens_with_the_date():
    from speechtopics.clean.dates import date_from_source

    assert date_from_source("x/20200911_在科学家座谈会上的讲话.txt") == ("2020-09-11", "在科学家座谈会上的讲话")
    assert date_from_source("讲话.zip!2020-09-11_在科学家座谈会上的讲话.txt") == ("2020-09-11", "在科学家座谈会上的讲话")
    assert date_from_source("a/2013-10-07_发挥亚太引领作用，维护和发展开放型世界经济.txt")[1] == "发挥亚太引领作用，维护和发展开放型世界经济"
    for name in ("x/会议纪要20200305第3期.txt", "x/习近平在2020年3月5日的讲话.txt", "x/讲话导出20230405.csv#row2"):
        assert date_from_source(name) == (None, None)


def test_a_file_name_cut_short_gives_way_to_the_documents_own_title():
    """File names are cut (by the user, a file system or an export): ``2015-09-23_在西雅图出席侨界举行``
    names a speech whose own title line is longer; the line is then the title, not a header."""
    title = "在西雅图出席侨界举行的欢迎招待会时的讲话"
    text = f"{title}\n（2015年9月23日，西雅图）\n{BODY}"
    docs = [{"doc_id": "a", "source": "x/2015-09-23_在西雅图出席侨界举行.pdf", "text": text},
            {"doc_id": "b", "source": "x/2015-09-23_在西雅图出席侨界举行的欢迎招待会时的讲话.pdf", "text": text},
            # the name is a whole title; a line that only adds a date to it stays a date line
            {"doc_id": "c", "source": "x/2015-11-03_关于规划建议的说明.pdf",
             "text": f"关于规划建议的说明（2015年11月3日）\n{BODY}"},
            # a title the user's table gives is kept as given, however short
            {"doc_id": "d", "source": "t.csv#row2", "text": text, "meta": {"title": "在西雅图出席侨界", "date": "2015-09-23"}}]
    cleaned = {r["doc_id"]: r for r in clean_records(docs, CleanConfig(), seed=0)}
    assert cleaned["a"]["title"] == cleaned["b"]["title"] == title
    assert cleaned["a"]["date"] == "2015-09-23" and cleaned["a"]["paragraphs"][0]["text"].startswith("同志们")
    assert [d["reasons"] for d in cleaned["a"]["dropped_lines"] if d["text"] == title] == [["title (the file name's is cut short)"]]
    assert cleaned["c"]["title"] == "关于规划建议的说明"
    assert cleaned["d"]["title"] == "在西雅图出席侨界"


def test_a_whole_file_name_title_keeps_its_byline_apart():
    """A name that reads as a whole headline (…的讲话) is not cut short: the line that adds a byline to it
    (after a space or a dash) stays a header line, whose speaker is read; a subtitle's dash is no part
    of the title a cut name gives way to."""
    docs = [{"doc_id": "a", "source": "x/2021-02-05_在全县经济工作会议上的讲话.txt",
             "text": f"在全县经济工作会议上的讲话　县委书记　张三\n{BODY}"},
            {"doc_id": "b", "source": "x/2021-02-06_在全县经济工作会议上的讲话.txt",
             "text": f"在全县经济工作会议上的讲话——县委书记张三\n{BODY}"},
            {"doc_id": "c", "source": "x/2016-09-05_在二十国集团.txt",
             "text": f"——在二十国集团领导人杭州峰会上的开幕辞\n{BODY}"}]
    cleaned = {r["doc_id"]: r for r in clean_records(docs, CleanConfig(), seed=0)}
    assert cleaned["a"]["title"] == cleaned["b"]["title"] == "在全县经济工作会议上的讲话"
    assert cleaned["a"]["speaker_role"] == cleaned["b"]["speaker_role"] == "县委书记"
    assert cleaned["c"]["title"] == "在二十国集团领导人杭州峰会上的开幕辞"


@pytest.mark.parametrize(("name", "title"), [
    ("携手建设中国", "携手建设中国－东盟命运共同体"),  # one dash joins two words
    ("在中法建交5", "在中法建交50周年纪念大会上的讲话"),  # cut inside a number
    ("在庆祝“五一", "在庆祝“五一”国际劳动节暨表彰全国劳动模范和先进工作者大会上的讲话"),  # a quote the name opened
    ("关于《中共中央关于全面深化改革若干重大问题的决定》", "关于《中共中央关于全面深化改革若干重大问题的决定》的说明"),
])
def test_a_name_cut_at_a_mark_or_a_digit_gives_way_to_the_title_line(name, title):
    """A name is cut wherever its writer or a file system cut it: at a dash, inside a number, inside
    quotes, after a quoted title whose own ending (决定) is not the outer title's."""
    docs = [{"doc_id": "a", "source": f"x/2014-03-27_{name}.txt", "text": f"{title}\n{BODY}"}]
    assert clean_records(docs, CleanConfig(), seed=0)[0]["title"] == title


def test_day_first_dates_read_month_first_are_warned_about_and_a_consistent_column_is_not():
    """An export written day first (22/3/2013, 7/4/2013) read with the default mdy: 7/4/2013 became
    4 July without a word; the day-first dates beside it rule that order out, and the warning says so."""
    column = ["22/3/2013", "7/4/2013", "5/6/2013", "18/1/2020", "11/11/2014", "2013-03-22", None]
    note = day_month_warning((v, "mdy") for v in column)
    assert note == ("2 given dates such as '7/4/2013' were read month first (date_format 'mdy'), but 2 others such "
                    "as '22/3/2013' can only be day first: if the dates are written day first, give date_format "
                    "'dmy' (--date-format)")
    assert day_month_warning((v, "dmy") for v in column) is None  # read day first: nothing rules it out
    us = ["3/10/2013", "9/13/2013", "1/18/2020"]  # month first throughout
    assert day_month_warning((v, "mdy") for v in us) is None
    assert "read day first (date_format 'dmy')" in day_month_warning((v, "dmy") for v in us)
    assert day_month_warning((v, "mdy") for v in ["3/10/2013", "4/11/2013"]) is None  # no evidence either way


@pytest.mark.parametrize("cell", ["不详", "未知", " 暂无 ", "待定"])
def test_a_date_cell_saying_not_known_is_no_date_given_and_the_text_dates_the_document(cell):
    """A Chinese database's 不详 is its NA: no date given (dated from the page and marked inferred, as a blank
    cell is), not a date that could not be read."""
    assert parse_user_date(cell) == (None, None, True)
    doc = {"doc_id": "a", "source": "t.csv#row2", "format": "csv", "meta": {"date": cell},
           "text": "在全县经济工作会议上的讲话\n（2013年12月26日）\n" + "同志们：今天我们召开全县经济工作会议，总结过去一年的工作。" * 3}
    rec = clean_records([doc], CleanConfig(), 0)[0]
    assert (rec["date"], rec["date_inferred"], rec["date_error"]) == ("2013-12-26", True, None)
