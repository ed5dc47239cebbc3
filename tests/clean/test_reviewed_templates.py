"""Rules added after a second set of page templates, written by a reviewer after the detector was done.

The reviewer's 21 pages (government portals, news sites, saved-as-text pages; real speech and notice
bodies) found two losses of body text and several leaks. Each rule below is tested on lines written
here, not on the reviewer's pages: a speech's own 知识共享 / 供大家参考 / 为大家带来 / 许可协议 stay; a
notice's attachment outline after its last sentence stays; 主办：…承办：… and a 相关文件 list go; an
editor's line and a share bar glued to the last paragraph are cut as spans; image credits and 图为
captions are cut; an unlabelled byline date is the page's date; a navigation line is not the title.
(A title with a —— subtitle keeps the occasion, 在…的讲话, as before: that is the speech's name in the
tables.)
"""

from __future__ import annotations

from speechtopics.clean import CleanConfig, clean_document

OPENING = "同志们：\n今天召开全县科技创新工作会议，主要任务是总结去年工作，安排部署今年的重点任务。"
BODY = ("过去一年，全县上下坚持创新驱动发展战略，高新技术企业达到八十家，研发投入强度持续提高，"
        "科技成果转化取得新进展。")
CLOSING = "同志们，让我们团结一心，奋勇前进，为建设创新型县城作出新的更大贡献！"


def _clean(text: str, fmt: str = "txt", title: str | None = None) -> dict:
    meta = {"title": title} if title else {}
    return clean_document({"doc_id": "d", "source": f"page.{fmt}", "text": text, "format": fmt, "meta": meta},
                          CleanConfig())


def _paragraphs(rec: dict) -> list[str]:
    return rec["text"].split("\n")


def test_a_speech_talking_about_sharing_licences_or_advice_is_kept():
    lines = ["我们要通过开展联合攻关、知识共享、人才培养等多种形式的合作，相互促进，取长补短，共同提高。",
             "下面，我结合全县实际，讲三点意见，供大家参考。",
             "去年的科技活动周为大家带来了丰富多彩的科普活动，群众参与热情很高。",
             "园区企业与高校签署了技术许可协议，推动成果在本地转化落地。"]
    rec = _clean("\n".join([OPENING, *lines, BODY, CLOSING]))
    assert rec["status"] == "kept"
    for line in lines:
        assert line in _paragraphs(rec), line


def test_a_notices_attachment_outline_after_its_last_sentence_is_kept():
    attachment = ["附件：科技创新平台建设申报材料提纲", "一、平台建设的背景与意义", "（一）产业现状及发展趋势",
                  "（二）平台建设的必要性", "二、建设目标与主要任务", "三、保障措施"]
    text = "\n".join(["各乡镇人民政府，县直各部门：", BODY, "请各单位认真组织申报，按时报送材料。", *attachment,
                      "【打印本页】【关闭窗口】"])
    kept = _paragraphs(_clean(text))
    assert all(line in kept for line in attachment)
    assert "【打印本页】【关闭窗口】" not in kept


def test_a_related_files_list_and_the_host_line_after_the_body_are_dropped():
    tail = ["相关文件", "某某县人民政府办公室关于印发县级防汛应急预案的通知", "某某县人民政府关于加快发展设施农业的意见",
            "某某县人民政府办公室关于做好春季植树造林工作的通知", "主办：某某县人民政府办公室承办：某某县大数据中心"]
    kept = _paragraphs(_clean("\n".join([OPENING, BODY, CLOSING, *tail])))
    assert CLOSING in kept
    assert not any(line in kept for line in tail)


def test_an_editor_line_and_a_share_bar_glued_to_the_last_paragraph_are_cut():
    rec = _clean("\n".join([OPENING, BODY, CLOSING + " 【责任编辑：王小明】 分享到：微信 微博"]))
    assert _paragraphs(rec)[-1] == CLOSING


def test_image_credits_and_picture_captions_are_cut():
    lines = [OPENING, "图为3月12日，县领导在植树现场同干部群众一起劳动。", BODY, "（图片：县融媒体中心）", CLOSING]
    kept = _paragraphs(_clean("\n".join(lines)))
    assert kept[-2:] == [BODY, CLOSING]
    assert not any("图为" in p or "图片：" in p for p in kept)


def test_an_unlabelled_byline_date_before_the_content_is_the_pages_date(tmp_path):
    import speechtopics as st

    paras = "".join(f"<p>{p}</p>" for p in [*OPENING.split("\n"), BODY, CLOSING])
    (tmp_path / "page.html").write_text(
        "<html><head><title>在全县科技创新工作会议上的讲话</title></head><body>"
        "<div>2023年04月29日08:15  来源：某某县人民政府网</div>"
        f"<div class='article'>{paras}</div></body></html>", encoding="utf-8")
    docs = st.read_corpus(tmp_path).documents
    assert docs["date"].tolist() == ["2023-04-29"]


def test_a_navigation_line_is_not_the_title():
    rec = _clean("\n".join(["首页　政务公开　政务服务　政民互动　走进某某", "当前位置：首页 > 政务公开 > 领导讲话",
                            "在全县科技创新工作会议上的讲话", OPENING, BODY, CLOSING]))
    assert rec["title"] == "在全县科技创新工作会议上的讲话"
