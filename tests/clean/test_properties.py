"""Properties: idempotent cleaning, body sentences survive, no chrome cue in the output."""

from hypothesis import given, settings
from hypothesis import strategies as st

from speechtopics.clean import CleanConfig
from speechtopics.clean.chrome import looks_like_chrome
from speechtopics.clean.document import clean_text

SENTENCES = [
    "要坚持稳中求进工作总基调，推动经济社会高质量发展。",
    "全县上下要把思想和行动统一到县委的决策部署上来。",
    "今年新开工重点项目X个，完成固定资产投资增长百分之八。",
    "各级领导干部要发扬钉钉子精神，以实干实绩回报群众期待。",
    "要加快推进乡村振兴，巩固拓展脱贫攻坚成果，让群众生活更加幸福。",
    "我们要深化放管服改革，持续优化营商环境，激发市场主体活力。",
    "同志们，蓝图已经绘就，关键在于落实，让我们共同努力！",
]
HEADINGS = ["一、统一思想认识", "二、突出工作重点", "（一）抓项目稳投资", "（二）抓改革增活力", "第一，要强化责任落实。"]
HEAD_CHROME = ["您的位置：首页 > 领导讲话 > 正文", "发布时间：2022-03-01 阅读：120次", "下面是小编为大家整理的讲话稿，供大家参考。",
               "来源：某某范文网", "分享到：微信 微博 QQ空间"]
TAIL_CHROME = ["相关文章：", "在全县安全生产工作会议上的讲话", "上一篇：全县春耕会议召开", "文档下载", "推荐度：",
               "版权所有 © 2022 某县政府 ICP备12345678号", "预览阅读已结束，如需继续阅读请联系老师", "登录 | 注册 | 客服"]

paragraphs = st.lists(
    st.tuples(st.sampled_from(HEADINGS + [None]), st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=4)),
    min_size=2, max_size=6,
)


def _page(head, body, tail, title="在全县工作推进会上的讲话", newline="\n"):
    lines = list(head) + [title, "同志们："]
    for heading, sents in body:
        if heading:
            lines.append(heading)
        lines.append("".join(sents))
    return newline.join(lines + list(tail))


@settings(derandomize=True, max_examples=40, deadline=None)
@given(body=paragraphs, head=st.lists(st.sampled_from(HEAD_CHROME), max_size=3, unique=True),
       tail=st.lists(st.sampled_from(TAIL_CHROME), max_size=4, unique=True), crlf=st.booleans())
def test_clean_is_idempotent_and_keeps_body(body, head, tail, crlf):
    page = _page(head, body, tail, newline="\r\n" if crlf else "\n")
    first = clean_text(page, CleanConfig())
    second = clean_text(first["text"], CleanConfig())
    assert second["text"] == first["text"]
    for _, sents in body:
        for s in sents:
            assert s.replace("X", "〓") in first["text"]
    for line in first["text"].split("\n"):
        assert not looks_like_chrome(line), line
    assert first["title"] == "在全县工作推进会上的讲话"


@settings(derandomize=True, max_examples=30, deadline=None)
@given(st.lists(st.sampled_from(list("要发展经济工作会议讲话同志们，。、：X×○〓GDP5 \n（一）二三") + ["PM2.5", "(jiǎng)"]),
                max_size=120).map("".join))
def test_idempotent_on_arbitrary_text(text):
    first = clean_text(text, CleanConfig())["text"]
    assert clean_text(first, CleanConfig())["text"] == first
