"""Tables of contents: a running order or 目录 restating later headings is cut once; repeats are not."""

from __future__ import annotations

import pandas as pd

import speechtopics as st
from speechtopics.clean.contents import cut_table_of_contents

BROADCAST = """# 《晚间要闻》 (20240105)

## 内容提要

本期主要内容：

1.全省召开农村工作会议部署乡村振兴；

2.调研行：

开发区加快产业转型升级；

3.地方快讯：

（1）新建高标准农田二十万亩；

（2）一批重点交通项目开工；

## 详细内容

### 全省召开农村工作会议部署乡村振兴

会议指出，要守牢耕地红线，推进乡村全面振兴，抓好粮食生产和农民增收。

### 调研行：开发区加快产业转型升级

开发区把招商引资和项目建设作为经济工作的重中之重，新签约项目四十个。

### 地方快讯

新建高标准农田二十万亩

今年全省新建高标准农田二十万亩，粮食产能稳步提升。

一批重点交通项目开工

一批重点交通项目今天集中开工，总投资三百亿元。
"""


def test_a_running_order_is_cut_and_each_item_read_once(tmp_path):
    (tmp_path / "20240105.md").write_text(BROADCAST, encoding="utf-8")
    corpus = st.read_corpus(tmp_path / "20240105.md")
    record = corpus.records[0]
    assert "本期主要内容" not in record["text"] and "1.全省" not in record["text"]
    assert record["text"].count("高标准农田二十万亩") == 2  # the lead line and its paragraph, not the list entry
    cut = [d["text"] for d in record["dropped_lines"] if d["reasons"] == ["table of contents"]]
    assert cut[0] == "本期主要内容：" and cut[-1] == "（2）一批重点交通项目开工；" and len(cut) == 7


def test_a_law_s_contents_goes_whole_with_its_short_chapter_lines():
    chapters = ["第一章总则", "第二章财税支持措施", "第三章融资促进措施", "第四章创业扶持政策", "第五章附则"]
    body = [f"第{i}条 本章规定的事项，依照有关法律执行。" for i in range(5)]
    lines = ["中华人民共和国某某促进法", "目录", *chapters]
    for chapter, text in zip(chapters, body):
        lines += [chapter, text]
    kept, cut = cut_table_of_contents(lines)
    assert cut == ["目录", *chapters]
    assert kept == [lines[0], *lines[2 + len(chapters):]]


def test_text_pasted_twice_and_recurring_fields_are_not_contents():
    block = ["一、稳定经济增长", "二、扩大有效投资", "三、促进消费恢复", "四、稳定外贸外资"]
    assert cut_table_of_contents(block + block)[1] == []  # a second copy, not headings with their text
    register = []
    for i in range(4):
        register += [f"关于第{i}项工作的管理办法", "发文单位：科技部办公厅", "说明：该文件已不适应当前的发展形势"]
    assert cut_table_of_contents(register + register)[1] == []
    clauses = ["（一）劳动者严重失职，营私舞弊，造成重大损害的；", "（二）劳动者被依法追究刑事责任的；",
               "（三）劳动者同时与其他用人单位建立劳动关系，拒不改正的；"]
    assert cut_table_of_contents(clauses + ["解读如下。"] + clauses)[1] == []


def test_a_body_stored_twice_is_read_once_and_the_copy_is_named():
    body = "各市人民政府：为加快推进乡村振兴，经省政府同意，现将实施方案印发给你们，请认真贯彻执行。" * 4 + \
        "河北省人民政府办公厅2024年7月4日"
    corpus = st.read_corpus(pd.DataFrame({"text": [body + body, body + "\n\n" + body]}))
    for record in corpus.records:
        assert record["text"].count("河北省人民政府办公厅") == 1
        assert [d["reasons"] for d in record["dropped_lines"] if d["reasons"] == ["second copy of the text"]]


def test_a_red_head_office_line_is_not_the_title():
    text = ("中共平山县委办公室文件\n平办发〔2014〕3号\n关于深入开展党的群众路线教育实践活动的通知\n各乡镇党委，县直各部门：\n"
            + "现将有关事项通知如下，请认真贯彻落实，确保教育实践活动取得实效。" * 4)
    corpus = st.read_corpus(pd.DataFrame({"text": [text]}))
    assert corpus.documents["title"].tolist() == ["关于深入开展党的群众路线教育实践活动的通知"]
    assert "平办发" not in corpus.records[0]["text"]


def test_an_entry_naming_a_quotation_with_a_comma_is_still_a_headline():
    entries = ["甲地召开全省经济工作会议", "乙地推进乡村振兴", "全省召开协商会围绕“稳就业，促增收”协商议政",
               "《求是》杂志发表文章《坚持人民至上，增进民生福祉》", "丙地加快项目建设"]
    lines = ["本期节目主要内容：", *(f"{i}.{e}；" for i, e in enumerate(entries, 1))]
    for e in entries:
        lines += [e, f"{e[:2]}有关负责人介绍了相关工作。"]
    kept, cut = cut_table_of_contents(lines)
    assert cut == lines[:6] and kept == lines[6:]
    # lines with quoted commas pasted twice are a second copy of a text, not a list of headings
    quoted = ["他说“要稳就业，促增收”", "又说“要抓项目，扩投资”", "还说“要惠民生，暖民心”"]
    assert cut_table_of_contents(quoted + quoted)[1] == []
