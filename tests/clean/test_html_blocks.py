"""A page whose text is split over sibling containers (an opening in a styled box, two editor blocks
around a video) keeps every part, and a related article's summary after the body stays out."""

from __future__ import annotations

import speechtopics as st

OPENING = ["同志们：", "今天，我们召开全县经济工作会议，主要任务是总结今年工作，分析当前形势，部署明年经济工作。"]
REST = [f"第{i}项工作，要坚持稳中求进工作总基调，扎实推进项目建设，持续优化营商环境，切实保障和改善民生。"
        "各乡镇各部门要提高政治站位，压实工作责任，形成工作合力。" for i in range(1, 9)]
RELATED = "相关新闻摘要：邻县召开经济工作会议，会议总结了全年工作，安排部署了明年的重点任务和主要目标。"


def _page(opening_box: str, between: str) -> str:
    paras = "".join(f"<p>{p}</p>" for p in REST)
    return (f"<html><head><meta charset='utf-8'><title>在全县经济工作会议上的讲话</title></head><body>"
            f"<h1>在全县经济工作会议上的讲话</h1><div class='content'>"
            f"{opening_box.format(''.join(f'<p>{p}</p>' for p in OPENING))}{between}"
            f"<div class='TRS_Editor'>{paras}</div><div class='related'><p>{RELATED}</p></div></div></body></html>")


def test_every_part_of_a_split_text_is_read_in_order(tmp_path):
    pages = {"video.html": _page("<div class='TRS_Editor'>{}</div>", "<div class='video'><video src='a.mp4'></video></div>"),
             "box.html": _page("<section style='border:1px'>{}</section>", "")}
    for name, html in pages.items():
        (tmp_path / name).write_text(html, encoding="utf-8")
    corpus = st.read_corpus(tmp_path)
    for rec in corpus.records:
        paras = [p["text"] for p in rec["paragraphs"]]
        assert paras[:2] == OPENING and paras[2:10] == REST, rec["source"]
        assert RELATED not in rec["text"]


def test_a_trailing_part_of_the_same_kind_is_read_too(tmp_path):
    half = "".join(f"<p>{p}</p>" for p in REST[:7])
    html = (f"<html><body><h1>在全县经济工作会议上的讲话</h1><div class='TRS_Editor'>{half}</div><video src='a.mp4'></video>"
            f"<div class='TRS_Editor'><p>{REST[7]}</p></div></body></html>")
    (tmp_path / "page.html").write_text(html, encoding="utf-8")
    rec = st.read_corpus(tmp_path).records[0]
    assert [p["text"] for p in rec["paragraphs"]] == REST


def test_related_summaries_in_a_box_of_the_bodys_kind_right_after_it_stay_out(tmp_path):
    body = "".join(f"<p>{p}</p>" for p in OPENING + REST)
    html = (f"<html><body><h1>在全县经济工作会议上的讲话</h1><div class='TRS_Editor'>{body}</div>"
            f"<div class='TRS_Editor'><p>{RELATED}</p></div></body></html>")
    (tmp_path / "page.html").write_text(html, encoding="utf-8")
    assert RELATED not in st.read_corpus(tmp_path).records[0]["text"]


def test_a_headline_above_the_text_in_another_element_is_the_title(tmp_path):
    # no <h1>, a <title> naming only the site: the <h2>, or a bold line of a table layout, above the text
    body = "".join(f"<p>{p}</p>" for p in OPENING + REST)
    h2 = (f"<html><head><title>某某区人民政府</title></head><body><div class='column'>领导讲话</div>"
          f"<div class='art-head'><h2>在全区经济工作会议上的讲话</h2><div>2020年12月20日 来源：区委办</div></div>"
          f"<div class='art-body'>{body}</div></body></html>")
    table = (f"<html><head><title>某某党建网</title></head><body><table><tr><td>当前位置：首页 &gt;&gt; 领导讲话</td></tr>"
             f"<tr><td align='center'><font size='4'><b>在全区经济工作会议上的讲话</b></font></td></tr>"
             f"<tr><td class='content'>{body}</td></tr></table></body></html>")
    for name, html in {"h2.html": h2, "table.html": table}.items():
        (tmp_path / name).write_text(html, encoding="utf-8")
    for rec in st.read_corpus(tmp_path).records:
        assert rec["title"] == "在全区经济工作会议上的讲话", rec["source"]
        assert [p["text"] for p in rec["paragraphs"]] == OPENING + REST


def test_a_title_that_is_the_headline_with_a_site_suffix_is_kept_over_a_column_name(tmp_path):
    body = "".join(f"<p>{p}</p>" for p in OPENING + REST)
    html = (f"<html><head><title>在全县经济工作会议上的讲话_某某县人民政府</title></head><body>"
            f"<h2 class='column-title'>领导讲话专栏文章选登</h2><div class='art-body'>{body}</div></body></html>")
    (tmp_path / "page.html").write_text(html, encoding="utf-8")
    rec = st.read_corpus(tmp_path).records[0]
    assert rec["title"] == "在全县经济工作会议上的讲话"
    assert [p["text"] for p in rec["paragraphs"]] == OPENING + REST
