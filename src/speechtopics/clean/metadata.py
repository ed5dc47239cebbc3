"""Document metadata the page gives: title, date, site, and what the title says about the speech.

This module owns finding a site name, cleaning a title, and reading the speaker's role, the meeting type
and the administrative level from a title (falling back to header lines and the body for
the level). The vocabularies are hand-written lists of Chinese administrative terms: no library
covers them, and they are short enough to read and extend.
"""

from __future__ import annotations

import re
from urllib.parse import urlparse

from speechtopics.clean.dates import DATE_FORMATS, YEARS, date_from_source, find_date, parse_date, parse_user_date
from speechtopics.clean.normalize import HAN
from speechtopics.resources import officials

__all__ = [
    "DATE_FORMATS",
    "YEARS",
    "parse_date",
    "parse_user_date",
    "find_date",
    "date_from_source",
    "find_site",
    "byline_site",
    "clean_title",
    "spaced_title",
    "speaker_role",
    "meeting_type",
    "admin_level",
]

_SITE_NAME = re.compile(r"([\w\u4e00-\u9fff]{2,14}(?:网|网站|文库|之家|在线|频道|门户|资源站|范文站))(?=\s|$|[|｜_\-—:：])")
_SITE_HINT = re.compile("[网站库家线道户]")  # the last character of every _SITE_NAME suffix
# a single em dash between characters joins names (中国—东盟); spaced, or doubled (——), it separates
# (a hyphen or en dash between digits is a range: 三年行动方案（2023-2025年）)
_TITLE_SEPS = re.compile(r"\s*(?:(?:(?<![0-9０-９])[-–]|[-–](?![0-9０-９])|[_|｜]){1,2}|——|::)\s*|\s+—\s+")


def find_site(lines: list[str], html_meta: dict | None = None, url: str | None = None) -> str | None:
    """Site name from the page: HTML ``og:site_name``, a ``<title>`` suffix, a byline token ending in
    网/文库/之家…, else the URL's host."""
    html_meta = html_meta or {}
    if html_meta.get("site"):
        return str(html_meta["site"]).strip()
    title = html_meta.get("html_title")
    if title:
        parts = [p for p in _TITLE_SEPS.split(title) if p]
        if len(parts) > 1:
            tail = parts[-1].strip()
            if 2 <= len(tail) <= 20:
                return tail
    for line in lines:
        m = len(line) <= 80 and _SITE_HINT.search(line) and _SITE_NAME.search(line)
        if m:
            return m.group(1)
    if url:
        host = urlparse(url).netloc
        return host or None
    return None


# a channel (新闻频道) or a portal section in a byline is not the site, so only these count there
_SITE_SUFFIX = r"(?:网|网站|文库|之家|资源站|范文站|網|網站|文庫|之家)"
_BYLINE_FIELD_SITE = re.compile(
    rf"^(?:(?:文章|本文|信息|稿件)?(?:来源|來源|出处|出處|来自|來自)\s*[:：]\s*)?([\w\u4e00-\u9fff]{{2,14}}{_SITE_SUFFIX})$"
)
_BYLINE_CUE = re.compile(r"时间|時間|日期|发布|發佈|發布|来源|來源|作者|阅读|閱讀|浏览|瀏覽|点击|點擊|编辑|編輯|(?:19|20)\d{2}")
_FIELD_SEP = re.compile(r"[\s|｜]{1,}")


def byline_site(text: str, max_lines: int = 15) -> str | None:
    """Site name from a byline near the top of a page, read while its fields are still apart.

    A byline such as ``无忧文档网    时间: 2021-06-24    阅读:`` separates its fields with runs of spaces;
    once whitespace between Han characters is removed the site name is glued to the next field
    ("无忧文档网时间"), so this reads the page *before* whitespace normalisation. A field counts when
    it is wholly a site name (…网, …文库, …之家 …), optionally after a ``来源：`` label, on a short line
    that carries a byline cue (a date, 时间, 来源, 阅读 …).

    Parameters
    ----------
    text : str
        Page text with its original spacing.
    max_lines : int
        Non-empty lines from the top to look at.

    Returns
    -------
    str or None
    """
    seen = 0
    for line in text.split("\n", 200)[:200]:
        line = line.strip(" \t\r\u3000\u00a0")
        if not line:
            continue
        seen += 1
        if seen > max_lines:
            break
        if len(line) > 80 or not _BYLINE_CUE.search(line):
            continue
        fields = [f for f in _FIELD_SEP.split(line) if f]
        if len(fields) < 2:
            continue
        for field in fields:
            m = _BYLINE_FIELD_SITE.match(field)
            if m:
                return m.group(1)
    return None


def clean_title(title: str | None, site: str | None = None) -> str | None:
    """Strip a site suffix (``标题 - 某某网``), ``(全文)``-style tags and brackets from a title."""
    if not title:
        return None
    title = re.sub(r"\s+", " ", str(title)).strip()
    parts = [p for p in _TITLE_SEPS.split(title) if p.strip()]
    if len(parts) > 1:
        han_parts = sorted(parts, key=lambda p: len(re.findall(r"[\u4e00-\u9fff]", p)), reverse=True)
        title = han_parts[0]
    if site and title.endswith(site):
        title = title[: -len(site)].rstrip(" -_|")
    title = re.sub(r"\s*[(（【\[](?:全文|完整版|word版|范文|精选|最新|\d+篇)[)）】\]]\s*$", "", title, flags=re.I)
    title = re.sub(r"^#{1,6}\s+", "", title)  # a Markdown heading's hashes in a page saved as text
    # a social-media headline's opening cry: "重磅！习近平在…的讲话"
    title = re.sub(r"^\s*[\u4e00-\u9fff]{2,4}[！!]\s*(?=[^，。！？,!?]{8,}$)", "", title)
    # a leading category tag of template sites: "【讲话稿】在全县…的讲话"
    title = re.sub(r"^\s*[【\[][^【】\[\]]{1,8}[】\]]\s*(?=\S)", "", title)
    title = title.strip("【】[] 　")
    return title or None


# a short <title> without a word that names a text's kind (新年贺词 has one; 学习强国 has none)
_TEXT_KIND = r"讲话|致辞|贺词|报告|发言|演讲|讲稿|决定|通知|意见|公报"
_SITE_NAME_ONLY = re.compile(rf"^(?!.*(?:{_TEXT_KIND}))[^，。；！？]{{0,5}}$")


def names_only_the_site(title: str, headline: str | None = None) -> bool:
    """Whether a page's cleaned ``<title>`` names its site or app rather than its text.

    Parameters
    ----------
    title : str
        The ``<title>``, cleaned (:func:`clean_title`).
    headline : str, optional
        A headline the page marks above its text in another element than ``<h1>``.

    Returns
    -------
    bool
        True for a title of five characters or fewer that names no text's kind (学习强国), and for a short
        one (15 characters or fewer, 长安区人民政府) beside a ``headline`` it neither holds nor names a
        text's kind beside: a ``<title>`` that is the headline with a site suffix holds it.
    """
    if _SITE_NAME_ONLY.match(title):
        return True
    return bool(headline) and headline not in title and len(title) <= 15 and not re.search(_TEXT_KIND, title)


_IS_HAN = re.compile(f"[{HAN}]")


def spaced_title(title: str | None, text: str | None) -> str | None:
    r"""A title read from a line of ``text`` (normalised, so without spaces between Han characters) with
    the one space ``text`` writes between its two phrases (``携手消除贫困 促进共同发展``), as a title given
    in a table or a file name keeps it; ``title`` unchanged when it has a space already, when ``text``
    does not hold it (characters converted since) or when a part is a single character (a title
    letter-spaced for print, ``讲　话``, is one word). Lines of the body are not touched.

    Examples
    --------
    >>> spaced_title("携手消除贫困促进共同发展", "携手消除贫困　促进共同发展\n\n同志们：……")
    '携手消除贫困 促进共同发展'
    >>> spaced_title("讲话", "讲  话\n同志们：……"), spaced_title("在全县会议上的讲话", "在全县会议上的讲话")
    ('讲话', '在全县会议上的讲话')
    """
    if not title or not text or any(c.isspace() for c in title):
        return title
    found = re.search(r"[^\S\n]*".join(map(re.escape, title)), text)
    if not found:
        return title
    parts = found.group().split()
    out = parts[0]
    for before, part in zip(parts, parts[1:]):  # a space between two phrases of Han characters, else none
        phrases = len(before) > 1 and len(part) > 1 and _IS_HAN.match(before[-1]) and _IS_HAN.match(part[0])
        out += (" " if phrases else "") + part
    return out


_ROLE = re.compile(
    r"((?:[县区市州省旗盟]委|市委|镇党委|乡党委|党工委|党组)(?:常务)?副?书记|"
    r"(?:常务)?副?(?:县|区|市|州|省|旗|镇|乡)长|"
    r"(?:[县区市州省]人大常委会|人大常委会)(?:副)?主任|(?:[县区市州省])?政协(?:副)?主席|"
    r"(?:组织|宣传|统战)部长|纪委书记|监委主任|国家主席|国务院总理|总理|总书记|主席|书记)"
)
_MEETING = (
    ("常委(扩大)会议", r"常委(?:会)?[(（]?扩大[)）]?会议?"),
    ("常委会议", r"常委会议?|常务委员会会议"),
    ("常务会议", r"常务会议"),
    ("全体会议", r"全体(?:[(（]?扩大[)）]?)?会议"),
    ("全会", r"全会(?![精])"),
    ("动员会", r"动员(?:部署)?(?:大)?会|誓师(?:大)?会"),
    ("务虚会", r"务虚会"),
    ("推进会", r"推进(?:大)?会"),
    ("调度会", r"调度会"),
    ("部署会", r"部署(?:大)?会"),
    ("座谈会", r"座谈会?"),
    ("表彰大会", r"表彰(?:大)?会"),
    ("现场会", r"现场(?:观摩)?会"),
    ("观摩会", r"观摩会"),
    ("总结会", r"总结(?:表彰)?(?:大)?会"),
    ("民主生活会", r"民主生活会"),
    ("代表大会", r"代表大会"),
    ("开幕式", r"开幕式"),
    ("招待会", r"招待会"),
    ("论坛", r"论坛"),
    ("峰会", r"峰会"),
    ("学习会", r"(?:传达|学习)[^，。]{0,24}?(?:精神)?(?:会议|会)|中心组(?:集体)?学习|专题学习"),
    ("工作会议", r"工作(?:会议|会)"),
    ("会议", r"会议"),
)
_MEETING_RX = tuple((name, re.compile(rx)) for name, rx in _MEETING)
_LEVEL_TITLE = (
    ("国家", r"国务院|全国|中央|国家主席|中华人民共和国"),
    ("省", r"省委|省政府|全省|省人大|省政协|自治区党委|自治区政府|全自治区|省长"),
    ("市", r"市委|市政府|全市|市人大|市政协|州委|州政府|全州|市长|地委|行署|盟委"),
    ("区", r"(?<!特别行政)(?:区委|区政府|区人大|区政协|区长)|全区|新区|开发区|高新区"),  # not 香港特别行政区政府
    ("县", r"县委|县政府|全县|县人大|县政协|县长|旗委|全旗|县级市|县(?![域级])"),
    ("乡镇", r"乡镇|镇党委|镇政府|乡党委|乡政府|全镇|全乡|镇长|乡长"),
)
_LEVEL_RX = tuple((name, re.compile(rx)) for name, rx in _LEVEL_TITLE)
#: A title that opens with a province's full name (河北省…, 广西壮族自治区…) is the province's, unless a
#: place below it is named right after it (河北省平山县…: the county's).
_PROVINCE_FIRST = re.compile(
    r"(?:(?:河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|海南|四川|贵州|云南"
    r"|陕西|甘肃|青海|台湾)省|内蒙古自治区|广西壮族自治区|西藏自治区|宁夏回族自治区|新疆维吾尔自治区)(?![委长])")
#: A place named right after a province's name (石家庄市, 平山县, 崇礼区, 雄安新区): two to six characters
#: and the word of its level, not a word that ends like one (城市, 超市, 社区, 景区, 县域, 县级, 县城).
_NESTED_PLACE = re.compile(r"(?![各全在对])[\u4e00-\u9fff]{2,6}?(?:(?P<市>自治州|地区|盟|(?<![城都超])市(?![场政]))"
                           r"|(?P<县>自治县|旗|县(?![域级城]))|(?P<区>(?<![社景园城山矿灾库牧林洪能])区(?!域)))")
_BODY_LEVEL = {"国家": r"全国", "省": r"全省", "市": r"全市", "区": r"全区", "县": r"全县", "乡镇": r"全镇|全乡"}


#: Words before a role that make its holder the audience, not the speaker (在会见全国优秀县委书记时的讲话,
#: 给县长们的回信) ...
_AUDIENCE = re.compile(r"(?:会见|接见|看望|慰问|同|与|和|给|致|欢迎|宴请)[^，。、；]{0,12}$")
#: ... or after it, when the role's holder hosts the event (伦敦金融城市长晚宴) or the event is named by
#: its holders (中美省州长论坛, 全县乡镇长会议, 县委书记座谈会: a meeting of them, the speech addressed to them).
_HOSTED = re.compile(r"们?(?:晚宴|宴会|午宴|招待会|欢迎会|论坛|峰会|座谈会|联席会议?|会议|大会)")


#: A byline under a republished speech's title: a role and a name, nothing else (中华人民共和国主席  习近平).
_BYLINE = re.compile(rf"[\u4e00-\u9fff]{{0,12}}?{_ROLE.pattern}[\s\u3000]*[\u4e00-\u9fff]{{2,3}}")


def byline_line(text: str) -> bool:
    """Whether a line reads as a speaker's byline: a role and a name, or a leader's name alone
    (``resources/names/officials.txt``), nothing else; only the position of the line, right under a
    title, tells a byline from a short line such as 县委书记抓党建.

    Examples
    --------
    >>> byline_line("中华人民共和国主席  习近平"), byline_line("县委书记　李建国"), byline_line("同志们")
    (True, True, False)
    >>> byline_line("中华人民共和国主席习近平"), byline_line("一、县委书记的责任"), byline_line("习近平")
    (True, False, True)
    """
    return len(text) <= 24 and (bool(_BYLINE.fullmatch(text.strip())) or re.sub(r"\s+", "", text) in officials())


def speaker_role(*texts: str | None) -> str | None:
    """Speaker's role from a title or header lines (县委书记, 县长, 区委书记, 国家主席 …); a role named
    after 会见, 同, 给 … (the people met, written to or dined with) is the audience's and is passed over.

    Examples
    --------
    >>> speaker_role("县委书记在全县乡村振兴工作动员会上的讲话"), speaker_role("在会见全国优秀县委书记时的讲话")
    ('县委书记', None)
    >>> speaker_role("在中美省州长论坛上的讲话"), speaker_role("县长在全县乡镇长会议上的讲话")
    (None, '县长')
    """
    for text in texts:
        if text:
            for m in _ROLE.finditer(text):
                if not (_AUDIENCE.search(text[: m.start()]) or _HOSTED.match(text, m.end())):
                    return m.group(1)
    return None


def meeting_type(title: str | None) -> str | None:
    """Meeting type named in a title (全体会议, 动员会, 务虚会, 推进会, 常委(扩大)会议 …)."""
    if not title:
        return None
    for name, rx in _MEETING_RX:
        if rx.search(title):
            return name
    return None


def admin_level(title: str | None, header: str = "", body: str = "") -> str | None:
    """Administrative level (国家/省/市/区/县/乡镇): from the title, else header lines, else the body's
    most frequent ``全X`` (全县, 全区 …). In a title or header, the earliest level word decides, except
    that one opening with a province's name is the province's unless a lower place follows at once.

    Examples
    --------
    >>> admin_level("河北省县域商业体系建设实施方案"), admin_level("河北省平山县政府工作报告")
    ('省', '县')
    """
    for text in (title, header):
        if not text:
            continue
        province = _PROVINCE_FIRST.match(text.strip())
        if province:
            level, at = "省", province.end()
            while place := _NESTED_PLACE.match(text.strip(), at):  # 河北省张家口市崇礼区: the district's
                level, at = place.lastgroup, place.end()
            return level
        hits = []
        for name, rx in _LEVEL_RX:  # a level word of a role whose holders host or name the event is passed over
            m = next((m for m in rx.finditer(text) if not _HOSTED.match(text, m.end())), None)
            if m:
                hits.append((m.start(), name))
        if hits:
            return min(hits)[1]
    if body:
        counts = {name: len(re.findall(rx, body[:20000])) for name, rx in _BODY_LEVEL.items()}
        name, n = max(counts.items(), key=lambda kv: kv[1])
        if n >= 2:
            return name
    return None
