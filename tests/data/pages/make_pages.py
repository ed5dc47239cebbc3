"""Generate the synthetic test pages of the clean stage and their expected outputs.

Run ``python tests/data/pages/make_pages.py`` from the repository root; it rewrites every ``*.txt``/
``*.html`` page and its ``*.expected.json`` next to this script. The speeches are made up in the style
of county and district leaders' speeches; the page furniture imitates the kinds of template sites users
scrape (portal pages, document-template sites, preview/paywall sites, machine-converted traditional
pages). Encodings vary on purpose (UTF-8 with and without BOM, GB18030, Big5, UTF-16, CRLF/CR).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import opencc

HERE = Path(__file__).resolve().parent
S2T = opencc.OpenCC("s2t")
T2S = opencc.OpenCC("t2s")

# Body paragraphs: (paragraph text with redaction marks as scraped, same with the canonical mark).
BODIES = {
    "economy": [
        "同志们：",
        "今天召开全县经济工作会议，主要任务是总结去年工作，分析当前形势，安排部署今年重点任务。",
        "一、客观看待过去一年的成绩",
        "过去一年，全县上下攻坚克难，地区生产总值完成X亿元，增长X%，固定资产投资增长百分之八点五。"
        "我们坚持项目为王，新开工重点项目X个，建成投产工业项目十二个，县域经济实力持续增强。",
        "（一）产业发展稳中有进。特色农业规模不断扩大，食用菌产业链条加快延伸，文化旅游融合发展势头良好。",
        "（二）民生保障更加有力。新建改建农村公路一百二十公里，城区新增学位两千个，群众获得感不断增强。",
        "二、准确把握今年工作的总体要求",
        "今年是全面落实十四五规划的关键之年，各级各部门要坚持稳中求进工作总基调，把高质量发展贯穿始终。"
        "一是抓项目稳投资，二是抓产业强支撑，三是抓改革增活力。",
        "三、以过硬作风确保各项任务落地见效",
        "同志们，蓝图已经绘就，关键在于落实。让我们在县委的坚强领导下，真抓实干，奋力谱写县域高质量发展新篇章！",
    ],
    "rural": [
        "同志们：",
        "这次会议是县委、县政府决定召开的一次重要会议，目的是动员全县上下全力推进乡村振兴工作。",
        "一、提高思想认识，增强做好乡村振兴工作的责任感",
        "乡村振兴是新时代三农工作的总抓手，事关全县发展大局。各乡镇要把思想和行动统一到县委的决策部署上来，"
        "切实做到认识到位、责任到位、措施到位。",
        "二、突出工作重点，推动乡村振兴取得新成效",
        "第一，要巩固拓展脱贫攻坚成果。严格落实四个不摘要求，健全防止返贫动态监测和帮扶机制，坚决守住不发生规模性返贫的底线。",
        "第二，要加快发展乡村产业。围绕茶叶、中药材和生态养殖三大主导产业，培育壮大龙头企业X家，带动农户增收致富。",
        "第三，要扎实推进和美乡村建设。持续开展农村人居环境整治提升行动，今年完成改厕X户，村庄清洁行动实现全覆盖。",
        "三、压实工作责任，确保各项任务落到实处",
        "各级党组织书记要当好一线总指挥，县直部门要主动靠前服务，县委督查室要加强跟踪问效，对工作不力的严肃问责。",
        "同志们，乡村振兴任重道远，让我们以时不我待的紧迫感，奋力开创全县乡村振兴工作新局面！",
    ],
    "district": [
        "同志们：",
        "刚才，我们传达学习了市委全会精神，几位同志作了很好的发言，我都同意。下面，我再讲三点意见。",
        "一、深刻领会全会精神实质",
        "市委全会系统总结了上半年工作，对下半年任务作出全面部署，我们要认真学习领会，结合×区实际抓好贯彻落实。",
        "二、聚焦重点任务精准发力",
        "1.坚定不移抓招商。全区上下要树牢招商引资一号工程理念，上半年新签约项目××个，协议投资额××亿元，下半年要力争实现新突破。",
        "2.持之以恒优环境。要深化放管服改革，推行企业开办一日办结，让市场主体感受到实实在在的便利。",
        "3.用心用情惠民生。要办好教育、医疗、养老等民生实事，加快老旧小区改造步伐，让群众生活更加舒心。",
        "三、锤炼过硬作风狠抓落实",
        "全区各级领导干部要发扬钉钉子精神，对定下来的事情雷厉风行、马上就办，以实干实绩回报群众期待。",
    ],
    "safety": [
        "同志们：",
        "今天召开全县安全生产工作会议，主要任务是通报上半年安全生产形势，部署下半年重点工作。",
        "一、清醒认识当前安全生产面临的严峻形势",
        "上半年，全县安全生产形势总体平稳，但也发生了X起一般生产安全事故，造成直接经济损失X万元，教训十分深刻。"
        "各乡镇各部门要深刻汲取事故教训，切实增强做好安全生产工作的责任感和紧迫感。",
        "二、突出抓好重点行业领域隐患排查整治",
        "（一）道路交通领域。要严厉打击超限超载、酒驾醉驾等违法行为，今年已查处交通违法行为××起，要保持高压态势不放松。",
        "（二）建筑施工领域。要督促施工企业落实主体责任，对高支模、深基坑等危险性较大的分部分项工程实行清单化管理。",
        "（三）城镇燃气领域。要全面排查餐饮场所燃气使用安全，某某乡要在月底前完成老旧管网改造任务。",
        "三、层层压实安全生产责任",
        "各级党委政府要坚持党政同责、一岗双责、齐抓共管、失职追责，行业主管部门要按照管行业必须管安全的要求履职尽责。",
        "同志们，安全生产责任重于泰山。让我们以对人民群众生命财产安全高度负责的态度，坚决守住安全发展底线！",
    ],
}

TITLES = {
    "economy": "在全县经济工作会议上的讲话",
    "rural": "县委书记在全县乡村振兴工作动员会上的讲话",
    "district": "区委书记在传达学习市委全会精神会议上的讲话",
}


def canonical(par: str) -> str:
    """The paragraph with each run of redaction marks replaced by the canonical mark."""
    par = re.sub(r"(?<![A-Za-z])X+(?![A-Za-z])", "〓", par)
    return re.sub(r"某{2,}", "〓", re.sub(r"×+", "〓", par))


def sentences(pars: list[str]) -> list[str]:
    """Body sentences (split after 。！？；) of the expected clean paragraphs."""
    out = []
    for par in pars:
        out += [s for s in re.split(r"(?<=[。！？；])", canonical(par)) if len(s) >= 6]
    return out


def write(name: str, data: bytes, expected: dict) -> None:
    expected.setdefault("redactions", sum(s.count("〓") for s in expected["must_keep"]))
    (HERE / name).write_bytes(data)
    (HERE / f"{name}.expected.json").write_text(json.dumps(expected, ensure_ascii=False, indent=1) + "\n",
                                                encoding="utf-8")


def portal_gb18030_wrong_meta() -> None:
    body = BODIES["economy"]
    title = "平安县长在全县经济工作会议上的讲话"
    paras = "\n".join(f"<p>{p}</p>" if not p.startswith(("一、", "二、", "三、")) else f"<p><strong>{p}</strong></p>"
                      for p in body)
    page = f"""<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>{title}_平安县人民政府网</title>
<meta name="keywords" content="经济工作会议,讲话"></head>
<body>
<div class="top-nav"><a href="/">首页</a> | <a href="/zwgk">政务公开</a> | <a href="/hd">互动交流</a></div>
<div class="position">您现在的位置：<a href="/">首页</a> &gt; <a href="/ldjh">领导讲话</a> &gt; 正文</div>
<div class="article">
<h1>{title}</h1>
<div class="info">发布时间：2023-02-16 09:30　来源：县政府办公室　浏览次数：1024　【字号：大 中 小】</div>
<div class="TRS_Editor">
{paras}
</div>
<div class="bdshare">分享到：微信 微博 QQ空间</div>
<div class="prenext"><p>上一篇：关于做好春节期间安全生产工作的通知</p><p>下一篇：全县优化营商环境大会召开</p></div>
</div>
<div class="footer"><p>主办单位：平安县人民政府办公室　地址：平安县人民路1号</p>
<p>版权所有 © 平安县人民政府　ICP备12345678号-1　公网安备 61012302000123号</p></div>
</body></html>"""
    write("portal_gb18030_wrong_meta.html", page.encode("gb18030"), {
        "title": title, "date": "2023-02-16", "encoding": "gb18030", "truncated": False, 
        "must_keep": sentences(body),
        "must_drop": ["您现在的位置", "发布时间", "分享到", "上一篇", "下一篇", "版权所有", "ICP备", "主办单位",
                      "政务公开", "字号"],
    })


def big5_traditional() -> None:
    body = BODIES["rural"]
    title = TITLES["rural"]
    lines = ["首頁 > 領導講話 > 正文", S2T.convert(title), "發佈日期：2022年3月8日　閱讀：356次", ""]
    lines += [S2T.convert(p) for p in body] + ["", "上一篇：全縣春耕生產工作會議召開", "返回頂部"]
    text = "\r\n".join(lines)
    write("county_rural_big5.txt", text.encode("big5hkscs"), {
        "title": title, "date": "2022-03-08", "encoding": "big5", "truncated": False, 
        "speaker_role": "县委书记", "meeting_type": "动员会", "level": "县",
        "must_keep": sentences(body), "must_drop": ["首页", "发布日期", "阅读", "上一篇", "返回顶部"],
    })


def utf16_report() -> None:
    body = BODIES["district"]
    title = TITLES["district"]
    text = "\n".join([title, "（2024年7月25日）", ""] + body + ["", "（根据录音整理）"])
    write("district_study_utf16.txt", text.encode("utf-16"), {
        "title": title, "date": "2024-07-25", "encoding": "utf-16", "truncated": False, 
        "speaker_role": "区委书记", "level": "区",
        "must_keep": sentences(body), "must_drop": ["2024年7月25日"],
    })


PINYIN = {"講": "jiǎng", "話": "huà", "發": "fā", "展": "zhǎn", "經": "jīng", "濟": "jì", "會": "huì",
          "議": "yì", "縣": "xiàn", "項": "xiàng", "業": "yè"}


def annotate(text: str, every: int = 2) -> str:
    """Add pinyin after some characters, as machine-converted pages do: 講(jiǎng)話."""
    out, seen = [], 0
    for ch in text:
        out.append(ch)
        if ch in PINYIN:
            seen += 1
            if seen % every == 0:
                out.append(f"({PINYIN[ch]})")
    return "".join(out)


def pinyin_traditional() -> None:
    body = BODIES["economy"]
    title = "在全縣經濟工作會議上的講話"
    lines = [annotate(S2T.convert("在全县经济工作会议上的讲话（全文）"), 1),
             "來源：範文大全網　時間：2021-12-28",
             ""] + [annotate(S2T.convert(p)) for p in body] + [
             "", "相關文章：", annotate(S2T.convert("在全县项目建设推进会上的讲话"), 1),
             annotate(S2T.convert("在县委经济工作会议上的总结讲话"), 1)]
    write("pinyin_traditional.txt", "\n".join(lines).encode("utf-8"), {
        "title": T2S.convert(title), "date": "2021-12-28", "encoding": "utf-8", "truncated": False,
        "must_keep": sentences(body),
        "must_drop": ["来源", "相关文章", "在全县项目建设推进会上的讲话", "在县委经济工作会议上的总结讲话"],
        "no_traditional": True,
    })


def preview_upsell() -> None:
    body = BODIES["rural"]
    title = "在全县乡村振兴工作动员会上的讲话"
    shown = body[:7]
    lines = [f"{title}", "文章来源：公文范文网  2020-05-12  阅读量：2万+", "下面是小编为大家整理的" + title +
             "，供大家参考。", ""] + shown + [
             "预览阅读已结束，如需继续阅读请联系老师获取完整版（微信：abc123）",
             "点击下载完整版文档", "相关推荐", "在全县脱贫攻坚推进会上的讲话", "乡村振兴工作总结范文5篇",
             "登录 | 注册 | 在线客服"]
    write("preview_upsell.txt", "\r\n".join(lines).encode("utf-8-sig"), {
        "title": title, "date": "2020-05-12", "encoding": "utf-8-sig", "truncated": True, 
        "must_keep": sentences(shown),
        "must_drop": ["预览", "联系老师", "小编", "下载", "相关推荐", "在全县脱贫攻坚推进会上的讲话",
                      "乡村振兴工作总结范文", "登录", "阅读量"],
    })


def paywall_cut() -> None:
    body = BODIES["economy"]
    title = "在县委经济工作务虚会上的讲话"
    cut_par = ("今年是全面落实十四五规划的关键之年，各级各部门要坚持稳中求进工作总基调，"
               "……(…省略2310字,正式会员可完整阅读)……"
               "一是抓项目稳投资，二是抓产业强支撑，三是抓改革增活力。")
    lines = [title, "2019-01-06 来源：网络 作者：佚名", ""] + body[:7] + [cut_par] + body[8:] + [
        "未完,全文共9800字,当前仅显示2400字", "开通VIP会员查看全文", "Copyright 2019 某某文库 All Rights Reserved"]
    keep = [p for p in body[:7] + body[8:]] + [
        "今年是全面落实十四五规划的关键之年，各级各部门要坚持稳中求进工作总基调，",
        "一是抓项目稳投资，二是抓产业强支撑，三是抓改革增活力。"]
    write("paywall_cut.txt", "\r".join(lines).encode("gb18030"), {
        "title": title, "date": "2019-01-06", "encoding": "gb18030", "truncated": True, "total_chars": 9800,
        "shown_chars": 2400, "meeting_type": "务虚会",
        "must_keep": sentences(keep) + ["各级各部门要坚持稳中求进工作总基调，"],
        "must_drop": ["省略", "正式会员", "全文共", "VIP", "Copyright", "佚名"],
        "separate_paragraphs": [["稳中求进工作总基调，", "一是抓项目稳投资"]],
    })


def related_tail() -> None:
    body = BODIES["district"]
    title = TITLES["district"]
    lines = ["当前位置：首页 >> 讲话稿 >> 领导讲话", title, title, "2024-08-02 10:15:33 | 浏览：1688次", ""]
    lines += body + ["", f"【{title}】相关文章：", "区委书记在全区招商引资推进会上的讲话",
                     "区长在全区安全生产工作会议上的讲话", "在区委理论学习中心组学习会上的发言",
                     "文档为doc格式", "本文地址：https://www.example-fanwen.com/jianghua/123.html"]
    write("related_tail.txt", "\n".join(lines).encode("utf-8"), {
        "title": title, "date": "2024-08-02", "encoding": "utf-8", "truncated": False, 
        "must_keep": sentences(body),
        "must_drop": ["当前位置", "浏览", "相关文章", "招商引资推进会上的讲话", "安全生产工作会议上的讲话",
                      "理论学习中心组", "doc格式", "本文地址"],
        "title_once": True,
    })


def bom_crlf_fullwidth() -> None:
    body = [p.replace("十二个", "１２个").replace("两千个", "２０００个") for p in BODIES["economy"]]
    title = "在全县经济工作会议上的讲话"
    lines = [f"2018-01-20_{title}", title, "（２０１８年１月２０日）", "县长　张某某", ""]
    lines += ["　　" + p for p in body]
    expected_body = [p.replace("１２个", "12个").replace("２０００个", "2000个") for p in body]
    write("bom_crlf_fullwidth.txt", "\r\n".join(lines).encode("utf-8-sig"), {
        "title": title, "date": "2018-01-20", "encoding": "utf-8-sig", "truncated": False, 
        "speaker_role": "县长", "level": "县",
        "must_keep": sentences(expected_body) + ["建成投产工业项目12个", "城区新增学位2000个"],
        "must_drop": ["2018-01-20_", "张某某", "１２"],
    })


def utf8_html_mojibake() -> None:
    body = list(BODIES["rural"])
    broken = "要加快发展乡村产业".encode("utf-8").decode("gbk", errors="ignore")
    body[6] = body[6].replace("第二，要加快发展乡村产业。", "第二，" + broken + "要加快发展乡村产业。")
    title = "县委书记在全县乡村振兴工作动员会上的讲话"
    paras = "".join(f"<p>&nbsp;&nbsp;{p}<br/></p>\n" for p in body)
    page = f"""<html><head><meta charset="gbk"><title>{title} - 党建范文网</title>
<meta property="og:site_name" content="党建范文网"></head><body>
<nav><ul><li>首页</li><li>讲话稿</li><li>心得体会</li><li>工作总结</li></ul></nav>
<div id="main"><div class="content"><h1>{title}</h1><span class="time">2021-04-09</span>
{paras}</div>
<div class="related"><h3>猜你喜欢</h3><ul><li><a href="#">在全县春季造林绿化动员会上的讲话</a></li>
<li><a href="#">在全县防汛工作会议上的讲话</a></li></ul></div></div>
<footer>Copyright © 2021 党建范文网 备案号：京ICP备00000000号</footer>
<script>var _hmt = _hmt || [];</script></body></html>"""
    expected = list(BODIES["rural"])
    write("html_utf8_mojibake.html", page.encode("utf-8"), {
        "title": title, "date": "2021-04-09", "encoding": "utf-8", "truncated": False, 
        "site": "党建范文网", "mojibake_min": 1,
        "must_keep": sentences(expected),
        "must_drop": ["猜你喜欢", "春季造林", "防汛工作会议", "Copyright", "备案号", "心得体会", "_hmt", broken],
    })


PINYIN_DIGITS = {"講": "jiang3", "話": "hua4", "安": "an1", "產": "chan3", "縣": "xian4", "責": "ze2",
                 "任": "ren4", "險": "xian3", "隱": "yin3", "患": "huan4"}


def annotate_digits(text: str, every: int = 2) -> str:
    """Pinyin with tone digits after some characters (another converter's style): 講(jiang3)話."""
    out, seen = [], 0
    for ch in text:
        out.append(ch)
        if ch in PINYIN_DIGITS:
            seen += 1
            if seen % every == 0:
                out.append(f"（{PINYIN_DIGITS[ch]}）")
    return "".join(out)


def fanwen_traditional_pinyin() -> None:
    """A 公文/范文 template site: category tag in the title, 本文来源/免责声明/扫码关注/分享到 lines."""
    body = BODIES["safety"]
    title = "在全县安全生产工作会议上的讲话"
    lines = [
        "公文写作范文网 - 讲话稿 - 领导讲话",
        annotate_digits(S2T.convert(f"【讲话稿】{title}"), 1),
        S2T.convert("本文来源：公文写作范文网　　作者：网友投稿　　2021年6月24日"),
        "",
    ] + [annotate_digits(S2T.convert(p)) for p in body] + [
        "",
        S2T.convert("免责声明：本站文章均来自网络，如有侵权请联系删除。"),
        S2T.convert("扫码关注公众号，获取更多精品范文"),
        S2T.convert("分享到：QQ 微信 微博"),
        S2T.convert("猜你还想看：全县防汛抗旱工作会议讲话稿"),
    ]
    write("fanwen_traditional_pinyin.txt", "\n".join(lines).encode("utf-8"), {
        "title": title, "date": "2021-06-24", "encoding": "utf-8", "truncated": False,
        "site": "公文写作范文网", "meeting_type": "工作会议", "level": "县",
        "must_keep": sentences(body),
        "must_drop": ["本文来源", "网友投稿", "免责声明", "扫码关注", "分享到", "猜你还想看", "防汛抗旱", "【", "讲话稿】"],
    })


def html_title_suffix_views() -> None:
    """HTML page whose title is only in <title> (with a "_XX网" suffix); 发布时间 with a clock time and
    浏览次数 in the byline; 2021年6月24日 in the text; 打印本页/关闭窗口 and a 相关阅读 list."""
    body = BODIES["safety"]
    title = "在全县安全生产工作会议上的讲话"
    paras = "\n".join(f"<p style=\"text-indent:2em\">{p}</p>" for p in body)
    page = f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<title>{title}_平安县应急管理网</title></head><body>
<div class="wrap"><div class="bt">网站首页 | 机构概况 | 通知公告 | 安全生产 | 应急救援</div>
<div class="tm">发布时间：2021-06-24 14:30　　浏览次数：356　　信息来源：县应急管理局</div>
<div id="zoom">
{paras}
<p style="text-align:right">平安县应急管理局</p>
<p style="text-align:right">2021年6月24日</p>
</div>
<div class="dy">【打印本页】　【关闭窗口】</div>
<div class="xg"><b>相关阅读：</b><br><a href="#">全县召开防汛工作部署会</a><br><a href="#">县应急管理局开展安全生产月活动</a></div>
<div class="bq">平安县应急管理局 版权所有　地址：平安县城关镇</div>
</div></body></html>"""
    write("html_title_suffix_views.html", page.encode("utf-8"), {
        "title": title, "date": "2021-06-24", "encoding": "utf-8", "truncated": False,
        "meeting_type": "工作会议", "level": "县",
        "must_keep": sentences(body),
        "must_drop": ["发布时间", "浏览次数", "打印本页", "关闭窗口", "相关阅读", "防汛工作部署会", "安全生产月活动",
                      "版权所有", "网站首页", "平安县应急管理网"],
    })


def gbk_print_close() -> None:
    """GBK text page of a county portal: nav line, 信息来源 byline, 打印本页/关闭窗口, CRLF."""
    body = BODIES["economy"]
    title = "县长在全县经济工作会议上的讲话"
    lines = ["网站首页 | 政务公开 | 政务服务 | 互动交流", "", title, "",
             "信息来源：县政府办公室　　发布日期：2022年1月5日　　【字体：大 中 小】", ""]
    lines += body + ["", "【打印本页】　　【关闭窗口】", "扫一扫在手机打开当前页",
                     "县人民政府办公室主办　　技术支持：某某网络公司"]
    write("gbk_print_close.txt", "\r\n".join(lines).encode("gbk"), {
        "title": title, "date": "2022-01-05", "encoding": "gb18030", "truncated": False,
        "speaker_role": "县长", "meeting_type": "工作会议", "level": "县",
        "must_keep": sentences(body),
        "must_drop": ["网站首页", "信息来源", "发布日期", "字体", "打印本页", "关闭窗口", "扫一扫", "技术支持", "主办"],
    })


def bom_preview_hidden() -> None:
    """UTF-8 with BOM and CRLF; a 试读 page: hidden middle (……此处隐藏3200字……), a 试读结束 notice with
    the page counts, 开通会员 prompt; dates written 2021年6月24日 in a 时间 byline."""
    body = BODIES["district"]
    title = TITLES["district"]
    cut = ("市委全会系统总结了上半年工作，对下半年任务作出全面部署，"
           "……此处隐藏3200字……"
           "全区各级领导干部要发扬钉钉子精神，对定下来的事情雷厉风行、马上就办，以实干实绩回报群众期待。")
    lines = [f"{title}(精选)", "时间：2021年6月24日　作者：佚名　阅读：12次", ""] + body[:3] + [cut] + [
        "（试读结束，全文共5600字，可预览2400字，开通会员后下载完整版）", "立即开通会员　下载本文档"]
    keep = body[:3] + ["市委全会系统总结了上半年工作，对下半年任务作出全面部署，",
                       "全区各级领导干部要发扬钉钉子精神，对定下来的事情雷厉风行、马上就办，以实干实绩回报群众期待。"]
    write("bom_preview_hidden.txt", "\r\n".join(lines).encode("utf-8-sig"), {
        "title": title, "date": "2021-06-24", "encoding": "utf-8-sig", "truncated": True,
        "total_chars": 5600, "shown_chars": 2400, "speaker_role": "区委书记", "level": "区",
        "must_keep": sentences(keep) + ["对下半年任务作出全面部署，"],
        "must_drop": ["隐藏", "试读", "开通会员", "下载", "佚名", "阅读：", "精选"],
        "separate_paragraphs": [["对下半年任务作出全面部署，", "全区各级领导干部"]],
    })


def main() -> None:
    for fn in (portal_gb18030_wrong_meta, big5_traditional, utf16_report, pinyin_traditional, preview_upsell,
               paywall_cut, related_tail, bom_crlf_fullwidth, utf8_html_mojibake, fanwen_traditional_pinyin,
               html_title_suffix_views, gbk_print_close, bom_preview_hidden):
        fn()
    for par in sum(BODIES.values(), []):  # the traditional pages rely on an exact OpenCC round trip
        assert T2S.convert(S2T.convert(par)) == par, par


if __name__ == "__main__":
    main()
