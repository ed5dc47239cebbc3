"""County and city government page shapes that a reviewer's templates found leaking or unflagged.

Each page here is written for the test (a few paragraphs of an invented county speech): a numbered
download link under 附件： inside the text block, a picture's caption set under it without a full stop,
an editor's summary that ends 全文如下。, and one article split over two pages by a pager.
"""

from __future__ import annotations

from speechtopics.clean import CleanConfig, clean_document

PARAGRAPHS = [
    "同志们：",
    "今天召开全县乡村振兴工作会议，主要任务是总结去年工作，分析当前形势，安排部署今年的重点任务。",
    "过去一年，全县上下坚持农业农村优先发展，粮食总产量稳定在四十万吨以上，农村居民人均可支配收入增长百分之七。",
    "今年要抓好三件事。一是稳定粮食生产，二是发展特色产业，三是改善农村人居环境，让群众得到更多实惠。",
    "同志们，让我们团结一心，真抓实干，为全面推进乡村振兴作出新的更大贡献！",
]


def _page(inner: str, after: str = "") -> str:
    return ("<html><head><meta charset='utf-8'><title>在全县乡村振兴工作会议上的讲话</title></head><body>"
            "<h1>在全县乡村振兴工作会议上的讲话</h1><p>发布时间：2023-02-10</p>"
            f"<div id='zoom'>{inner}</div>{after}</body></html>")


def _ps(paragraphs: list[str]) -> str:
    return "".join(f"<p>{p}</p>" for p in paragraphs)


def _clean(page: str) -> dict:
    return clean_document({"doc_id": "d", "source": "page.html", "text": page, "format": "html", "meta": {}},
                          CleanConfig())


def _lines(rec: dict) -> list[str]:
    return rec["text"].split("\n")


def test_a_numbered_download_link_under_an_attachment_label_is_dropped():
    links = "<p>附件：</p><p><a href='/a.docx'>1.全县乡村振兴重点任务清单.docx</a></p><p><a href='/b.xlsx'>2.项目表.xlsx</a></p>"
    rec = _clean(_page(_ps(PARAGRAPHS) + links))
    assert _lines(rec) == PARAGRAPHS
    dropped = {d["text"] for d in rec["dropped_lines"]}
    assert {"1.全县乡村振兴重点任务清单.docx", "2.项目表.xlsx"} <= dropped


def test_a_numbered_outline_heading_is_still_kept():
    headings = ["一、稳定粮食生产", "1.落实耕地保护责任", "耕地保护是粮食安全的根基，各乡镇要把任务分解到村、落实到地块，确保耕地面积不减少。"]
    rec = _clean(_page(_ps(PARAGRAPHS[:3] + headings + PARAGRAPHS[3:])))
    assert _lines(rec) == PARAGRAPHS[:3] + headings + PARAGRAPHS[3:]


def test_a_caption_under_a_picture_without_a_full_stop_is_dropped():
    picture = "<p style='text-align:center'><img src='a.jpg'></p><p style='text-align:center'>图为县长在会上讲话</p>"
    rec = _clean(_page(_ps(PARAGRAPHS[:2]) + picture + _ps(PARAGRAPHS[2:])))
    assert _lines(rec) == PARAGRAPHS
    assert any(d["text"] == "图为县长在会上讲话" for d in rec["dropped_lines"])


def test_an_editors_summary_ending_with_a_full_stop_is_dropped():
    summary = "<p>【摘要】日前，县政府召开全县乡村振兴工作会议，县长出席会议并讲话，全文如下。</p>"
    rec = _clean(_page(summary + _ps(PARAGRAPHS)))
    assert _lines(rec) == PARAGRAPHS


def test_a_page_with_a_pager_is_marked_truncated_and_the_pager_is_not_text():
    pager = "<div class='pages'>第1页 <a href='p_2.html'>第2页</a> <a href='p_2.html'>下一页</a> 共2页</div>"
    first = _clean(_page(_ps(PARAGRAPHS[:3]), after=pager))
    assert first["truncated"] is True
    assert _lines(first) == PARAGRAPHS[:3]
    assert any("truncation notice" in d["reasons"] for d in first["dropped_lines"])
    second = _clean(_page(_ps(PARAGRAPHS[3:]), after="<p><a href='p.html'>上一页</a> 2/2</p>"))
    assert second["truncated"] is True
    assert _lines(second) == PARAGRAPHS[3:]


def test_a_printed_page_number_and_an_article_navigation_do_not_mark_a_page_truncated():
    nav = "<div>第 1 页 共 1 页</div><div>上一篇：县委常委会召开会议</div><div>下一篇：没有了</div>"
    rec = _clean(_page(_ps(PARAGRAPHS), after=nav))
    assert rec["truncated"] is False
    assert _lines(rec) == PARAGRAPHS


def test_a_speech_sentence_naming_a_page_and_the_next_is_no_pager():
    # a leader walking the meeting through its printed material: the page is whole, no pager
    sentence = "请大家翻到会议材料第3页，下一页是任务分工表。"
    for rec in (_clean(_page(_ps(PARAGRAPHS[:3] + [sentence] + PARAGRAPHS[3:]))),
                clean_document({"doc_id": "t", "source": "speech.txt", "text": "\n".join(PARAGRAPHS[:3] + [sentence]
                                + PARAGRAPHS[3:]), "format": "txt", "meta": {}}, CleanConfig())):
        assert rec["truncated"] is False
        assert not any("truncation notice" in d["reasons"] for d in rec["dropped_lines"])


def test_a_forms_note_that_a_part_may_be_left_out_is_no_cut():
    # a model agreement under a provincial policy: (可省略) tells who fills the form in, nothing was withheld
    lines = ["创新联盟协议书（范本）", "第一条 联盟名称", "（视创新联盟具体情况制定，可省略）",
             "第二条 联盟成员单位应当遵守本协议，履行成员义务，共同推进关键核心技术攻关和成果转化。"]
    rec = clean_document({"doc_id": "f", "source": "policy.txt", "text": "\n".join(lines), "format": "txt", "meta": {}},
                         CleanConfig())
    assert rec["truncated"] is False
    assert not any("truncation notice" in d["reasons"] for d in rec["dropped_lines"])
