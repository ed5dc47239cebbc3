"""An official document (公文) as a county office sends it: a title of any length, over one line or two,
a year range in it, and below the text the list of attachments, the signature and the distribution
line (抄送), which are apparatus, not text."""

from __future__ import annotations

import pandas as pd
import pytest

import speechtopics as st

BODY = ["为加快康养产业发展，结合我县实际，现提出如下措施。",
        "一、加快建设康养产业园区，完善配套基础设施，引进一批龙头企业，形成产业集聚效应。",
        "二、加强养老服务人才培养，落实从业人员培训补贴和岗位津贴政策，稳定服务队伍。",
        "三、优化康养项目审批流程，推行容缺受理和帮办代办服务，提高审批效率和服务水平。"]
CLOSING = ["附件：1.平山县康养产业重点项目清单", "2.平山县康养产业发展专项资金管理办法", "",
           "平山县人民政府办公室", "2024年4月28日", "（此件公开发布）",
           "抄送：县委各部门，县人大常委会办公室，县政协办公室。", "平山县人民政府办公室 2024年4月29日印发"]


def _read(tmp_path, head: list[str]) -> dict:
    (tmp_path / "notice.txt").write_text("\n".join([*head, "各乡镇人民政府，县政府各部门：", *BODY, *CLOSING]),
                                         encoding="utf-8")
    return st.read_corpus(tmp_path).records[0]


@pytest.mark.parametrize("head, title", [
    (["平山县人民政府办公室关于支持康养产业发展若干措施的通知"], "平山县人民政府办公室关于支持康养产业发展若干措施的通知"),
    (["平山县人民政府办公室关于支持康养产业", "发展若干措施的通知"], "平山县人民政府办公室关于支持康养产业发展若干措施的通知"),
    # a digit in the second line of a title (…等3个方案的通知) is no date: the line is the title's
    (["平山县人民政府办公室关于印发全县优化营商环境大会重点任务", "分工方案等3个方案的通知"],
     "平山县人民政府办公室关于印发全县优化营商环境大会重点任务分工方案等3个方案的通知"),
    (["平山县人民政府办公室关于印发平山县康养产业高质量发展三年行动方案（2023-2025年）的通知"],
     "平山县人民政府办公室关于印发平山县康养产业高质量发展三年行动方案（2023-2025年）的通知"),
    (["中共平山县委办公室关于印发王建国同志在全县决战决胜脱贫攻坚暨康养产业发展工作会议上的讲话的通知"],
     "中共平山县委办公室关于印发王建国同志在全县决战决胜脱贫攻坚暨康养产业发展工作会议上的讲话的通知"),
])
def test_the_title_is_read_whole(tmp_path, head, title):
    rec = _read(tmp_path, head)
    assert rec["title"] == title
    assert [p["text"] for p in rec["paragraphs"]][:1] == BODY[:1]


def test_attachment_list_signature_and_distribution_line_are_apparatus(tmp_path):
    rec = _read(tmp_path, ["平山县人民政府办公室关于支持康养产业发展若干措施的通知"])
    assert [p["text"] for p in rec["paragraphs"]] == BODY
    assert rec["date"] == "2024-04-28"
    dropped = [d["text"] for d in rec["dropped_lines"]]
    assert any(d.startswith("抄送：") for d in dropped) and "2.平山县康养产业发展专项资金管理办法" in dropped


def test_a_cover_notice_above_the_attached_rules_is_kept(tmp_path):
    """A database row titled by the attachment (…实施细则) whose text opens with the cover notice: the
    notice's sentence (为…制定了《…》，现予以印发) is text, not a header above the repeated title."""
    title = "平山县康养产业专项资金管理实施细则（试行）"
    cover = f"为加快康养产业发展，规范专项资金管理，县财政局、县民政局制定了《{title}》，经县政府同意，现予以印发，请认真贯彻执行。"
    pd.DataFrame({"标题": [title], "全文": ["\n".join(["各乡镇人民政府，县政府各部门：", cover, f"附件：{title}",
                                                     "2024年4月28日", title, *BODY])]}).to_csv(tmp_path / "a.csv", index=False)
    rec = st.read_corpus(tmp_path / "a.csv", text="全文").records[0]
    assert rec["title"] == title and cover in rec["text"] and BODY[1] in rec["text"]


def test_a_dated_line_under_a_title_is_not_its_second_line(tmp_path):
    rec = _read(tmp_path, ["凝心聚力 真抓实干", "2024年4月28日在全县康养产业发展大会上的讲话"])
    assert rec["title"] != "凝心聚力 真抓实干2024年4月28日在全县康养产业发展大会上的讲话"
    assert [p["text"] for p in rec["paragraphs"]][:1] == BODY[:1]
