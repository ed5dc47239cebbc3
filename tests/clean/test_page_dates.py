"""A page's date is its byline's, not a date line of the text it carries (clean/html.py)."""

from __future__ import annotations

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
