"""A county speech as its office prints it: a slogan title, the occasion in a ``——在…的讲话`` subtitle,
the speaker and the date under them; the title names the occasion, and none of the head is text."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm

import speechtopics as st

BODY = ["同志们：", "今天召开全县经济工作会议，主要任务是总结今年经济工作，分析当前形势，部署明年工作。",
        "今年以来，全县上下坚持稳中求进工作总基调，统筹推进稳增长、促改革、调结构、惠民生、防风险各项工作，"
        "全年地区生产总值增长百分之七，一般公共预算收入增长百分之九。",
        "明年工作的总体要求是，坚持以经济建设为中心，扎实推进供给侧结构性改革，加快转型升级步伐。"]


def _speech(path: Path, head: list[str]) -> Path:
    document = docx.Document()
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.add_run(head[0]).bold = True
    for line in head[1:]:
        document.add_paragraph(line).alignment = WD_ALIGN_PARAGRAPH.CENTER
    for text in BODY:
        document.add_paragraph(text).paragraph_format.first_line_indent = Cm(0.74)
    document.save(path)
    return path


@pytest.mark.parametrize("date_line", ["二〇一五年八月三十一日", "（2015年8月31日）"])
def test_a_slogan_titles_subtitle_gives_the_occasion(tmp_path: Path, date_line: str):
    _speech(tmp_path / "讲话.docx", ["凝心聚力 真抓实干", "——在全县经济工作会议上的讲话", "县委书记　李建国", date_line])
    corpus = st.read_corpus(tmp_path)
    doc = corpus.documents.iloc[0]
    assert "在全县经济工作会议上的讲话" in doc["title"]
    assert doc["meeting_type"] == "工作会议" and doc["speaker_role"] == "县委书记"
    assert str(doc["date"])[:10] == "2015-08-31" and doc["date_inferred"]
    text = corpus.records[0]["text"]
    assert text.startswith("同志们") and "讲话" not in text and "李建国" not in text


def test_a_dash_line_that_is_not_an_occasion_stays_out_of_the_title(tmp_path: Path):
    _speech(tmp_path / "讲话.docx", ["凝心聚力 真抓实干", "——县委书记　李建国", "2015年8月31日"])
    doc = st.read_corpus(tmp_path).documents.iloc[0]
    assert "李建国" not in doc["title"]
