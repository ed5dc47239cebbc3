"""A page's date is its byline's, not a date line of the text it carries (clean/html.py)."""

from __future__ import annotations

import pandas as pd

import speechtopics as st

BODY = ("<p>各市教育局：</p><p>为认真做好测试和数据报送工作，经研究，决定于2018年10月下旬举办培训班。现将有关事宜通知如下：</p>"
        "<p>一、时间地点</p><p>1.时间：2018年10月19日至21日，19日报到，20日培训，21日离会。</p>"
        "<p>各地各校要高度重视本次培训工作，选派业务熟练、爱岗敬业的管理人员参加培训。</p>")


def _date(tmp_path, byline: str) -> str | None:
    html = (f'<html><head><meta charset="utf-8"><title>关于举办培训班的通知</title></head><body>'
            f'<h1>关于举办培训班的通知</h1>{byline}<div class="nr">{BODY}</div></body></html>')
    (tmp_path / "p.html").write_text(html, encoding="utf-8")
    (rec,) = st.read_corpus(tmp_path / "p.html").records
    return rec["date"]


def test_an_unlabelled_byline_above_the_text_beats_a_schedule_line_in_it(tmp_path):
    assert _date(tmp_path, '<div class="zz">作者：体卫艺处　2018-08-07</div>') == "2018-08-07"


def test_a_labelled_date_in_table_cells_outside_the_text_is_found(tmp_path):
    cells = "<table><tr><td>生成日期：</td><td>2021-06-28</td></tr></table>"
    assert _date(tmp_path, cells) == "2021-06-28"


def test_a_page_whose_speech_is_only_in_a_script_string_is_read(tmp_path):
    paras = ["同志们，今天召开全县经济工作会议，主要任务是总结去年工作，分析当前形势，部署今年任务。",
             "过去一年，全县上下攻坚克难，县域经济实力持续增强，群众获得感不断增强，各项事业取得新进展。",
             "今年是实施十四五规划的开局之年，做好今年工作意义重大，我们要坚持稳中求进工作总基调。",
             "各乡镇各部门要提高认识，压实责任，确保各项任务落到实处，以优异成绩迎接建党一百周年。",
             "一要抓项目建设，扩大有效投资，确保重点项目按期开工、早日投产，形成更多实物工作量。",
             "二要抓产业升级，培育壮大主导产业，推动传统产业转型升级，加快发展战略性新兴产业。"]
    content = "".join(f'<p class=\\"p\\">{p}</p>' for p in paras)
    html = ('<html><head><meta charset="utf-8"><title>在全县经济工作会议上的讲话</title></head><body>'
            '<div class="con_title">在全县经济工作会议上的讲话</div><div class="con_xx">发布日期：2021-03-02</div>'
            f'<div id="zoom"></div><script>var content = "{content}";'
            'document.getElementById("zoom").innerHTML = content;</script></body></html>')
    (tmp_path / "p.html").write_text(html, encoding="utf-8")
    (rec,) = st.read_corpus(tmp_path / "p.html").records
    assert [p["text"] for p in rec["paragraphs"]] == paras and rec["date"] == "2021-03-02"


def test_a_given_date_years_from_the_pages_own_publish_line_is_flagged(tmp_path):
    speech = "新年前夕，我向全国各族人民致以新年的祝福！" + "我们要坚持以人民为中心的发展思想，让大家一起过上好日子。" * 4
    (tmp_path / "2013-12-31_新年贺词.txt").write_text(
        f"2013-12-31_新年贺词\n国家主席习近平发表二〇一七年新年贺词\n新闻频道 来源：新华社 2016年12月31日 19:06\n{speech}\n",
        encoding="utf-8")
    (tmp_path / "2015-12-31_新年贺词.txt").write_text(
        f"2015-12-31_新年贺词\n来源：新华社 2016年1月1日 08:00\n{speech.replace('好日子', '好生活')}\n", encoding="utf-8")
    corpus = st.read_corpus(tmp_path)
    flagged = {r["source"].rsplit("/", 1)[-1]: r.get("date_conflict") for r in corpus.records}
    assert flagged == {"2013-12-31_新年贺词.txt": "2016-12-31", "2015-12-31_新年贺词.txt": None}
    assert [r["date"] for r in sorted(corpus.records, key=lambda r: r["source"])] == ["2013-12-31", "2015-12-31"]


def test_a_speech_pages_headline_subtitle_and_byline_are_header_and_a_dignitary_address_is_speech(tmp_path):
    body = "今天，第八轮对话在北京举行。首先，我对对话的开幕表示热烈的祝贺！我们要坚持合作共赢，推动两国关系向前发展。"
    (tmp_path / "2016-06-06_为构建新型大国关系而不懈努力.txt").write_text(
        "习近平在第八轮战略与经济对话联合开幕式上的讲话（全文）\n发表时间：2016-06-06　来源：新华社\n"
        "为构建新型大国关系而不懈努力\n——在第八轮战略与经济对话联合开幕式上的讲话\n（2016年6月6日，北京）\n"
        f"中华人民共和国主席　习近平\n克里国务卿，\n雅各布·卢财长，\n各位来宾，\n女士们，先生们，朋友们：\n{body}\n谢谢大家。\n",
        encoding="utf-8")
    (rec,) = st.read_corpus(tmp_path).records
    paras = [p["text"] for p in rec["paragraphs"]]
    assert paras[:3] == ["克里国务卿，", "雅各布·卢财长，", "各位来宾，"]
    assert not any("习近平" in p or p.startswith("——") for p in paras)


def test_a_book_reprints_chapter_heading_above_the_title_is_not_the_speechs_section(tmp_path):
    body = "今天，有机会来到美丽的莫斯科，同大家见面，我感到十分高兴。我们要顺应时代前进潮流，促进世界和平发展。"
    (tmp_path / "2013-03-23_顺应时代前进潮流 促进世界和平发展.txt").write_text(
        "十二、推动构建新型大国关系\n顺应时代前进潮流，促进世界和平发展\n（2013年3月23日）\n"
        f"尊敬的托尔库诺夫院长，\n老师们，同学们：\n{body}\n谢谢大家。\n", encoding="utf-8")
    (rec,) = st.read_corpus(tmp_path).records
    assert (rec["paragraphs"][0]["text"], rec["paragraphs"][0]["section"]) == ("尊敬的托尔库诺夫院长，", "")
    assert not any("十二" in p["text"] or p["section"] for p in rec["paragraphs"])


def test_an_outline_heading_that_names_a_speech_is_body_not_a_headline(tmp_path):
    (tmp_path / "a.txt").write_text(
        "在全县干部大会上的讲话\n一、认真学习领会习近平总书记重要讲话\n"
        "同志们，今天我们召开全县干部大会，主要任务是传达学习上级会议精神，安排部署下一阶段工作。\n", encoding="utf-8")
    (rec,) = st.read_corpus(tmp_path).records
    assert rec["paragraphs"][0]["text"] == "一、认真学习领会习近平总书记重要讲话" and rec["paragraphs"][0]["section"] == "一"



def test_a_channel_s_publish_line_dates_the_page_against_a_given_date():
    text = ("国家主席习近平发表二〇一七年新年贺词\n新闻频道 来源：新华社 2016年12月31日 19:06\n"
            + "2016年即将过去，新年的钟声即将敲响。在这辞旧迎新的美好时刻，我向全国各族人民致以新年的祝福！" * 3)
    corpus = st.read_corpus(pd.DataFrame({"text": [text], "date": ["2013-12-31"]}))
    assert corpus.records[0]["date_conflict"] == "2016-12-31"


def test_a_speechs_own_date_line_wins_over_a_reposts_publish_time(tmp_path):
    import speechtopics as st

    body = "\n".join(["同志们，朋友们：", "今天，我们在这里隆重召开大会，表彰在抗击新冠肺炎疫情斗争中作出杰出贡献的功勋模范人物。"
                      "在这场同严重疫情的殊死较量中，中国人民和中华民族以敢于斗争、敢于胜利的大无畏气概，铸就了伟大抗疫精神。"] * 3)
    head = ["在全国抗击新冠肺炎疫情表彰大会上的讲话", "（2020年9月8日）"]
    publish = "发布时间：2021-03-05 09:30:12　来源：某某县融媒体中心"
    (tmp_path / "a.txt").write_text("\n".join([head[0], publish, head[1], body]), encoding="utf-8")
    (tmp_path / "b.txt").write_text("\n".join([head[0], head[1], publish, body]), encoding="utf-8")
    paras = "".join(f"<p>{p}</p>" for p in body.split("\n"))
    (tmp_path / "c.html").write_text(f"<html><head><meta charset='utf-8'></head><body><h1>{head[0]}</h1>"
                                     f"<div class='info'>{publish}</div><div class='article'><p>{head[1]}</p>{paras}"
                                     f"</div></body></html>", encoding="utf-8")
    docs = st.read_corpus(tmp_path).documents
    assert list(docs["date"]) == ["2020-09-08"] * 3


def test_an_html_pages_own_date_line_above_its_text_wins_over_a_reposts_byline(tmp_path):
    import speechtopics as st

    body = "".join(f"<p>今天，我们召开第{i}次表彰大会，隆重表彰在抗击新冠肺炎疫情斗争中作出杰出贡献的功勋模范人物。</p>" for i in range(6))
    (tmp_path / "a.html").write_text("<html><head><meta charset='utf-8'></head><body><h1>在表彰大会上的讲话</h1>"
                                     "<div class='sub'>（2020年9月8日）</div><div class='meta'>发布时间：2021-03-05 09:30:12"
                                     f"　来源：人民网</div><div class='body'>{body}</div></body></html>", encoding="utf-8")
    assert list(st.read_corpus(tmp_path).documents["date"]) == ["2020-09-08"]
