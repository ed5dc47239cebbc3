"""The single cleaning steps: normalisation, pinyin, redactions, truncation, mojibake, outline, metadata."""

import pandas as pd
import pytest

from speechtopics.clean import metadata as md
from speechtopics.clean.chrome import looks_like_chrome
from speechtopics.clean.mojibake import remove_mojibake
from speechtopics.clean.normalize import (
    fullwidth_to_ascii,
    normalise_whitespace,
    rejoin_broken_lines,
    remove_pinyin_annotations,
    strip_markup,
    to_simplified,
)
from speechtopics.clean.outline import tag_sections
from speechtopics.clean.redaction import mark_redactions
from speechtopics.clean.truncation import detect_truncation


def test_pinyin_annotations_removed_but_real_brackets_kept():
    text = "講(jiǎng)話，發(fā)展經濟(jì)。(一)總體要求（2021年）講話(全文)，GDP(gdp)"
    out = remove_pinyin_annotations(text)
    assert out == "講話，發展經濟。(一)總體要求（2021年）講話(全文)，GDP(gdp)"
    assert to_simplified(out).startswith("讲话，发展经济")


def test_fullwidth_and_whitespace():
    assert fullwidth_to_ascii("２０２１年ＧＤＰ增长５．２％，") == "2021年GDP增长5.2%，"
    assert normalise_whitespace("\u3000\u3000同志们：\u00a0\n\n\n\n  今天 召开会议。 ") == "同志们：\n\n今天召开会议。"


def test_stray_markup_removed():
    assert strip_markup("要加快<span style='x'>发展</span>&nbsp;步伐<br>下一段") == "要加快发展\xa0步伐\n下一段"


def test_wiki_link_fragments_rejoined():
    text = "国务院总理李强所作的\n政府工作报告\n。会议充分肯定\n\n本作品是中华人民共和国的\n法律\n、\n法规\n，国家机关"
    assert rejoin_broken_lines(text) == "国务院总理李强所作的政府工作报告。会议充分肯定\n\n本作品是中华人民共和国的法律、法规，国家机关"


@pytest.mark.parametrize(
    ("text", "expected", "n"),
    [
        ("县委X届十次全会,开工率达X%", "县委〓届十次全会,开工率达〓%", 2),
        ("在X、X等领导", "在〓、〓等领导", 2),
        ("党的XX大", "党的〓大", 1),
        ("×区增速×%,全市第×", "〓区增速〓%,全市第〓", 3),
        ("**县**乡○○村", "〓县〓乡〓村", 3),
        ("GDP、5G、PM2.5和U型木耳", "GDP、5G、PM2.5和U型木耳", 0),
        ("二〇二一年面积2×3米", "二〇二一年面积2×3米", 0),
        ("已有〓个", "已有〓个", 1),
        ("一九七○年五月二十日声明，二◯◯八年", "一九七〇年五月二十日声明，二〇〇八年", 0),  # circles as zeros
        ("○○年○○县", "〓年〓县", 2),
        ("4X100米接力，乘X8489次列车，20XX年", "4X100米接力，乘X8489次列车，20〓年", 1),  # one X by a digit: a code
        ("在社交媒体平台X发文，X平台上，平台XX个", "在社交媒体平台X发文，X平台上，平台〓个", 1),  # the platform X
        ("“1+X”证书，医学+X，333元/平方米×（1+25%），42厘米×59.4厘米，×县", "“1+X”证书，医学+X，333元/平方米×（1+25%），"
         "42厘米×59.4厘米，〓县", 1),  # a product and a plus-X policy are not marks
        ("对美国社交媒体平台X罚款1.2亿欧元。公报说，X的不合规行为包括", "对美国社交媒体平台X罚款1.2亿欧元。公报说，X的不合规行为包括",
         0),  # a text naming the platform X means it by its other X's too
        ("没有平台的文件，X县XX同志", "没有平台的文件，〓县〓同志", 2),
        ("我国“创新X”系列首发星，“X”县", "我国“创新X”系列首发星，“〓”县", 1),  # X closing a quoted name
    ],
)
def test_mark_redactions(text, expected, n):
    assert mark_redactions(text) == (expected, n)


def test_truncation_notice_splits_paragraph_and_counts():
    lines, t = detect_truncation(["推进发展……(…省略2310字,正式会员可完整阅读)……确保落实。", "未完,全文共9800字,当前仅显示2400字"])
    assert lines == ["推进发展", "确保落实。", ""]
    assert t.truncated and (t.total_chars, t.shown_chars) == (9800, 2400)


def test_truncation_ignores_speech_sentences():
    lines, t = detect_truncation(["完成国民经济调整工作中某些尚未完成的任务，为第三个五年计划作好准备。", "要完整阅读文件,领会精神。"])
    assert not t.truncated and len(lines) == 2
    # 未完 inside a word (未完整, 未完工, 未完税, 未完项) is policy, not a cut notice, even in a short sentence
    policy = ["逾期未完整上传资料的，视为自动放弃鉴定。", "对未完工项目进行清理。", "未完税车辆不得上路。", "逐项销号未完项。"]
    lines, t = detect_truncation(policy)
    assert not t.truncated and lines == policy
    lines, t = detect_truncation(["确保落实。", "（未完）"])
    assert t.truncated and lines[0] == "确保落实。"


def test_truncation_keeps_a_member_state_headline():
    # a broadcast's headline on a line of its own: 正式会员国 is a member state, not a paywall's member
    news = ["安理会重新审议巴勒斯坦成为联合国正式会员国的申请", "联合国安理会8日重新审议巴勒斯坦提出的成为联合国正式会员国的申请。"]
    lines, t = detect_truncation(news)
    assert not t.truncated and lines == news
    lines, t = detect_truncation(["确保落实。", "（正式会员可阅读）"])
    assert t.truncated and lines[0] == "确保落实。"


def test_mojibake_runs_removed_and_counted():
    broken = "在县政府".encode("utf-8").decode("gbk", errors="ignore")
    latin = "国家发展".encode("utf-8").decode("cp1252", errors="ignore")
    text, n = remove_mojibake(f"要推进{broken}经济发展，{latin}锟斤拷项目��建设，濉溪县25℃。")
    assert (text, n) == ("要推进经济发展，项目建设，濉溪县25℃。", 4)


def test_outline_paths():
    paras = ["同志们：", "一、总体要求", "正文", "（一）抓项目", "一是稳投资。", "二是强产业。", "（二）抓改革", "二、保障措施", "1.加强领导"]
    assert tag_sections(paras) == ["", "一", "一", "一/（一）", "一/（一）/一是", "一/（一）/二是", "一/（二）", "二", "二/1"]


@pytest.mark.parametrize(
    ("title", "role", "meeting", "level"),
    [
        ("县委书记在全县乡村振兴工作动员会上的讲话", "县委书记", "动员会", "县"),
        ("在县政府2021年第一次全体会议上的讲话", None, "全体会议", "县"),
        ("区委书记在区委常委（扩大）会议上的讲话", "区委书记", "常委(扩大)会议", "区"),
        ("市长在全市经济工作务虚会上的讲话", "市长", "务虚会", "市"),
        ("在全县重点项目推进会上的讲话", None, "推进会", "县"),
        ("在澳门特别行政区政府欢迎晚宴上的致辞", None, None, None),  # a special administrative region: no 区
        ("在会见全国优秀县委书记时的讲话", None, None, "国家"),  # the county secretaries are the audience
        ("在伦敦金融城市长晚宴上的演讲", None, None, None),  # the Lord Mayor hosts: no role, no level of the speaker
        ("在中美省州长论坛上的讲话", None, "论坛", None),  # the governors are the forum's members, not the speaker
        ("在全县乡镇长会议上的讲话", None, "会议", "县"),
        ("县长在全县乡镇长会议上的讲话", "县长", "会议", "县"),
        ("市长在全市经济工作会议上的讲话", "市长", "工作会议", "市"),
    ],
)
def test_title_metadata(title, role, meeting, level):
    assert (md.speaker_role(title), md.meeting_type(title), md.admin_level(title)) == (role, meeting, level)


@pytest.mark.parametrize(("title", "level"), [
    ("河北省县域特色产业振兴工作方案", "省"),          # 县域 is the subject, the province the issuer
    ("河北省人民政府办公厅关于印发质量强省建设行动方案的通知", "省"),
    ("河北省城市更新行动方案", "省"), ("河北省农村社区治理办法", "省"), ("河北省各市县财政管理办法", "省"),
    ("河北省房屋建筑和市政基础设施工程标准管理办法", "省"),
    ("河北省委书记在全县干部大会上的讲话", "省"),
    ("河北省平山县政府工作报告", "县"), ("河北省石家庄市人民政府关于加强城市管理的意见", "市"),
    ("河北省张家口市崇礼区政府工作报告", "区"), ("广西壮族自治区人民政府关于印发方案的通知", "省"),
])
def test_a_title_opening_with_a_province_is_the_province_unless_a_place_below_follows(title, level):
    assert md.admin_level(title) == level


@pytest.mark.parametrize(
    ("text", "iso"),
    [("时间: 2021-06-24 00:32:59", "2021-06-24"), ("（２０１３年３月２２日，莫斯科）", None),
     ("（2013年3月22日，莫斯科）", "2013-03-22"), ("二〇二一年三月五日", "2021-03-05"), ("2021-02-30", None)],
)
def test_parse_date(text, iso):
    assert md.parse_date(text) == iso


def test_date_and_title_from_file_name():
    assert md.date_from_source("data/raw/x/2013-03-22_在俄罗斯的致辞.txt") == ("2013-03-22", "在俄罗斯的致辞")


@pytest.mark.parametrize(
    "line",
    ["您当前的位置:首页 > 教育教学 > 内容", "下面是小编为大家整理的讲话(全文),供大家参考。", "文档下载", "推荐度:",
     "VIP免费下载文档", "预览阅读已结束，如需继续阅读请联系老师", "上一篇：全县春耕工作会议召开",
     "版权所有 © 某县人民政府 ICP备12345678号", "分享到：微信 微博", "Public domain", "发布时间：2023-02-16",
     # the publisher's lead and photo captions before a republished speech
     "新华社北京4月28日电 国家主席习近平28日在庆祝“五一”国际劳动节大会上的讲话。讲话全文如下：",
     "新华网巴黎3月27日电", "12月19日，国家主席习近平出席欢迎晚宴并发表重要讲话。新华社记者李涛摄"],
)
def test_chrome_lines(line):
    assert looks_like_chrome(line)


@pytest.mark.parametrize(
    "line",
    ["同志们：", "一、加强网站建设和版权保护", "新华社记者在一线采访，报道了全县脱贫攻坚的经验。", "要加强知识产权保护，严厉打击侵权行为，新增注册企业1200户，为企业登录办事提供便利。",
     "今年全县新增市场主体〓户，下载安装政务服务APP的群众超过十万人，群众办事更加便捷。"],
)
def test_speech_lines_are_not_chrome(line):
    assert not looks_like_chrome(line)


def test_to_simplified_matches_opencc_on_mixed_lines():
    import opencc

    t2s, s2t = opencc.OpenCC("t2s"), opencc.OpenCC("s2t")
    simplified = "要深化改革，答复群众关切。\n与时俱进，覆盖全县。\n\n推进乡村振兴，办好民生实事。"
    mixed = "\n".join(s2t.convert(ln) if i % 2 else ln for i, ln in enumerate(simplified.split("\n")))
    for text in (simplified, mixed, "答覆\n傢俱\n憑藉", "𠮷覆\n說", "\n\n", s2t.convert(simplified)):
        assert to_simplified(text) == t2s.convert(text), text
    # simplified text with a character t2s would change though simplified Chinese writes it too
    for text in ("沈默寡言\n", "浙江德清的乾龙灯会今天开幕，市民游客感受传统文化。"):
        assert to_simplified(text) == text != t2s.convert(text)


def test_taiwan_and_hong_kong_variants_are_simplified_too():
    assert to_simplified("公共衞生，敍述，沿著方向著力，成績顯著，著作") == "公共卫生，叙述，沿着方向着力，成绩显著，著作"


def test_a_traditional_run_on_text_gets_the_paragraphs_of_its_simplified_original():
    import opencc

    import speechtopics as st

    text = "同志们，朋友们：" + "今天我们召开大会，部署工作。" * 40 + "同志们！" + "我们要继续努力奋斗。" * 20
    frames = pd.DataFrame({"text": [text, opencc.OpenCC("s2hk").convert(text)]})
    a, b = st.read_corpus(frames).records
    assert b["text"] == a["text"] and a["text"].count("\n") >= 2


def test_t2s_phrase_only_characters_match_the_installed_dictionaries(tmp_path):
    """Characters t2s changes only inside a phrase are listed by hand; check the list against OpenCC's own
    TSPhrases dictionary (dumped with the opencc_dict tool shipped in the wheel)."""
    import shutil
    import subprocess
    from pathlib import Path

    import opencc

    from speechtopics.clean.normalize import T2S_PHRASE_ONLY

    clib = Path(opencc.__file__).parent / "clib"
    tool = clib / "bin" / "opencc_dict"
    if not tool.exists():
        tool = Path(shutil.which("opencc_dict") or "")
    sources = [clib / "share" / "opencc" / f"{name}.ocd2"
               for name in ("TSPhrases", "TWVariantsRevPhrases", "HKVariantsRevPhrases")]
    if not tool.is_file() or not all(source.exists() for source in sources):
        pytest.skip("opencc_dict or the phrase dictionaries not available")
    tw2s, hk2s = opencc.OpenCC("tw2s"), opencc.OpenCC("hk2s")
    needed = set()
    for source in sources:
        out = tmp_path / f"{source.stem}.txt"
        subprocess.run([str(tool), "-i", str(source), "-o", str(out), "-f", "ocd2", "-t", "text"], check=True,
                       capture_output=True)
        for line in out.read_text(encoding="utf-8").splitlines():
            key, values = line.split("\t")
            first = values.split(" ")[0]
            for a, b in zip(key, first):
                if a != b and hk2s.convert(tw2s.convert(a)) == a:
                    needed.add(a)
    assert needed <= set(T2S_PHRASE_ONLY), sorted(needed - set(T2S_PHRASE_ONLY))


def test_cue_triggers_are_implied_by_every_cue_match():
    """A line that matches a cue holds one of the cue's trigger characters (the fast pre-scan is exact)."""
    from speechtopics.clean import chrome

    lines = ["您当前的位置:首页 > 教育教学 > 内容", "当前位置：首页 >> 讲话稿", "首页 / 领导讲话", "所在位置：正文",
             "发布时间：2023-02-16", "阅读(356)", "356次阅读", "责任编辑：张三", "时间: 2021-06-24 00:32:59",
             "来源：县政府办公室", "浏览：1688次", "a > b > c"]
    for line in lines:
        probe = line.lower()
        for name, trigger in chrome._TRIGGER.items():
            if chrome._STRONG[name].search(probe):
                assert trigger.search(probe), (name, line)
    never = [name for name in chrome._NEVER_IN_SPEECH]
    for line in lines + ["下面是小编为大家整理的讲话", "预览阅读已结束", "本作品在全世界都属于公有领域", "VIP免费下载文档",
                         "要坚持稳中求进工作总基调，推动经济社会高质量发展。"]:
        probe = line.lower()
        assert bool(chrome._NEVER_ANY.search(probe)) == any(chrome._STRONG[n].search(probe) for n in never), line


@pytest.mark.parametrize(
    ("text", "site"),
    [("您当前的位置:首页 >  内容\n\n标题\n\n无忧文档网    时间: 2021-06-24 00:32:59     阅读:\n\n同志们:", "无忧文档网"),
     ("标题\n文章来源：公文范文网  2020-05-12  阅读量：2万+", "公文范文网"),
     ("新闻频道 来源：新华社 2016年12月31日 19:06", None),
     ("要加强网站建设 推进数字政府，全县政务服务网上可办率达到百分之九十。", None)],
)
def test_byline_site_read_before_spaces_collapse(text, site):
    assert md.byline_site(text) == site


def test_title_category_tag_and_site_suffix_removed():
    assert md.clean_title("【讲话稿】在全县安全生产工作会议上的讲话") == "在全县安全生产工作会议上的讲话"
    assert md.clean_title("在全县安全生产工作会议上的讲话_平安县应急管理网") == "在全县安全生产工作会议上的讲话"


def test_hidden_middle_notice_keeps_both_sides():
    lines, t = detect_truncation(["对下半年任务作出全面部署，……此处隐藏3200字……全区各级领导干部要发扬钉钉子精神。"])
    assert lines == ["对下半年任务作出全面部署，", "全区各级领导干部要发扬钉钉子精神。"]
    assert t.truncated


def test_addresses_to_named_people_open_the_body():
    """Once the publisher's lead is dropped, an address such as 崔世安行政长官先生， starts the speech
    (it must not be taken for a header line before the body)."""
    from speechtopics.clean.document import clean_text

    page = ("在澳门特别行政区政府欢迎晚宴上的致辞\n"
            "新华社澳门12月19日电 国家主席习近平19日出席澳门特别行政区政府欢迎晚宴并致辞。致辞全文如下：\n"
            "习近平\n崔世安行政长官先生，\n各位来宾：\n"
            "今天，我们在这里欢聚一堂，共同庆祝澳门回归祖国15周年，感到十分高兴。我代表中央政府，向全体澳门居民致以诚挚的问候！")
    paras = [p["text"] for p in clean_text(page, doc_id="macau")["paragraphs"]]
    assert paras[0] == "崔世安行政长官先生，" and len(paras) == 3
    assert not any("新华社" in p or "全文如下" in p for p in paras)


def test_a_legislatures_salutation_opens_the_body_and_names_no_speaker():
    """Hong Kong's policy address opens 主席女士、各位立法會議員、各位市民： (a salutation, not a byline: its
    主席 is the one addressed, not the speaker's role), as the same address to 各位代表 opens a report."""
    from speechtopics.clean.document import clean_text

    body = ("這是我發表的第五份施政報告。過去一年，特區政府堅守「一國兩制」的方針，全力恢復社會秩序，推動經濟復甦。\n"
            "在房屋方面，政府會增加公營房屋供應，縮短公屋輪候時間，擴大土地儲備，改善市民的居住環境。")
    for salutation in ("主席女士、各位立法會議員、各位市民：", "主席、各位代表："):
        doc = clean_text(f"二〇二一年施政報告\n{salutation}\n{body}", doc_id="hk")
        assert doc["paragraphs"][0]["text"] == to_simplified(salutation)
        assert doc["speaker_role"] is None and len(doc["paragraphs"]) == 3


def test_a_serial_marker_with_the_speech_going_on_is_no_cut():
    from speechtopics.clean.truncation import detect_truncation

    part = "我们要坚持以人民为中心的发展思想，让大家一起过上好日子，这是我们共同的目标和愿望。" * 3
    lines, trunc = detect_truncation([part, "（未完待续）", part + "谢谢各位。"])
    assert not trunc.truncated and lines[0].endswith("好日子，这是我们共同的目标和愿望。")
    assert "未完待续" not in "".join(lines)
    lines, trunc = detect_truncation([part, "（未完待续）"])  # the page stops there: the rest is elsewhere
    assert trunc.truncated


@pytest.mark.parametrize("line", ["4.强化质量发展利民惠民。完善消费者权益保护，健全预付充值备案等制度，规范市场秩序。",
                                  "答：提名单位、填报人可利用系统自带的查重功能进行查重，查重结果仅供参考。",
                                  "出版单位变更主要事项（名称、主办单位、主管单位）的审核。"])
def test_policy_sentences_with_a_furniture_word_are_not_chrome(line):
    assert looks_like_chrome(line) == []


@pytest.mark.parametrize("line", ["来源：新华网", "以上内容仅供参考，欢迎下载", "立即充值 开通会员", "主办单位：河北省人民政府办公厅"])
def test_furniture_lines_are_still_chrome(line):
    assert looks_like_chrome(line)


def test_a_button_unfolding_a_whole_text_is_no_truncation_and_is_named(tmp_path):
    import speechtopics as st

    paras = ["同志们："] + [f"第{i}条，各乡镇各部门要坚持稳中求进工作总基调，扎实推进项目建设，持续优化营商环境，"
                         "切实保障和改善民生，确保各项任务落到实处。" for i in range(1, 9)]
    (tmp_path / "m.txt").write_text("\n".join(["在全县工作会议上的讲话", "", *paras[:3], "打开APP 阅读全文", *paras[3:]]),
                                    encoding="utf-8")
    (tmp_path / "cut.txt").write_text("\n".join(["在全县工作会议上的讲话", "", *paras[:3], "打开APP 阅读全文"]), encoding="utf-8")
    recs = {r["source"].split("/")[-1]: r for r in st.read_corpus(tmp_path).records}
    whole, cut = recs["m.txt"], recs["cut.txt"]
    assert not whole["truncated"] and [p["text"] for p in whole["paragraphs"]] == paras
    assert any("阅读全文" in d["text"] for d in whole["dropped_lines"])
    assert cut["truncated"] and any("阅读全文" in d["text"] for d in cut["dropped_lines"])


def test_markup_in_a_table_cell_style_blocks_open_paragraphs_double_escapes_and_titles(tmp_path):
    import pandas as pd

    import speechtopics as st

    paras = [f"第{i}条，各乡镇各部门要坚持稳中求进工作总基调，扎实推进项目建设，持续优化营商环境。" for i in range(1, 5)]
    html = ("<style>.TRS_Editor P{margin-top:5px;font-family:宋体}</style><script>var a='广告';</script>"
            + "".join(f"<p>{p}" for p in paras))
    escaped = "&lt;p&gt;" + "&amp;nbsp;&amp;ldquo;两不愁三保障&amp;rdquo;".join(paras) + "&lt;/p&gt;"
    pd.DataFrame({"title": ["<strong>关于&ldquo;十四五&rdquo;规划的讲话</strong>", "讲话二"],
                  "text": [html, escaped]}).to_csv(tmp_path / "t.csv", index=False)
    first, second = st.read_corpus(tmp_path / "t.csv").records
    assert [p["text"] for p in first["paragraphs"]] == paras and first["title"] == "关于“十四五”规划的讲话"
    assert "&" not in second["text"] and "“两不愁三保障”" in second["text"]


def test_a_given_title_loses_icon_font_glyphs_and_invisibles_no_font_draws():
    import speechtopics as st
    from speechtopics.clean.normalize import remove_private_use

    body = "为进一步做好新形势下就业工作，现就鼓励创业促进就业提出以下意见。各地要落实各项扶持政策。" * 3
    corpus = st.read_corpus(pd.DataFrame({"title": ["关于鼓励创业促进就业的若干意见\ue003", "就业\u200b工作\ue000通知",
                                                    "\ue003"],
                                          "text": [body, body.replace("意见", "通知"), body.replace("各地", "各市")]}))
    assert corpus.documents["title"].tolist()[:2] == ["关于鼓励创业促进就业的若干意见", "就业工作通知"]
    assert not corpus.documents["display_name"].str.contains("[\ue000-\uf8ff\u200b]").any()
    assert remove_private_use("第\ue0011条") == "第1条"
