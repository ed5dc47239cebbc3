"""What each topic means and where it shows: top words by probability, FREX and lift, a suggested
label, and the most representative passages (stm's ``labelTopics`` and ``findThoughts``)."""

from __future__ import annotations

import functools
import re
from pathlib import Path

import numpy as np
import pandas as pd

from speechtopics import evaluate
from speechtopics.corpus import BowCorpus
from speechtopics.resources import officials
from speechtopics.table_cells import no_value


def term_frequencies(bow, n_terms: int) -> np.ndarray:
    """Corpus count of every term id (from the arrays of a :class:`~speechtopics.corpus.BowCorpus`, else one
    pass over the documents; the same floats either way: sums of integers)."""
    if isinstance(bow, BowCorpus):
        a, b = int(bow.indptr[0]), int(bow.indptr[-1])
        return np.bincount(bow.ids[a:b], weights=np.asarray(bow.counts[a:b], dtype=np.float64), minlength=n_terms)
    freq = np.zeros(n_terms)
    for doc in bow:
        for i, c in doc:
            freq[i] += c
    return freq


def ranked(scores: np.ndarray, dictionary, n: int, candidates: np.ndarray | None = None) -> list[tuple[str, float]]:
    """The ``n`` best ``(word, score)`` pairs of one topic's ``scores`` (ties keep term-id order)."""
    idx = np.arange(len(scores)) if candidates is None else candidates
    order = idx[np.argsort(-scores[idx], kind="stable")][:n]
    return [(dictionary[int(j)], float(scores[j])) for j in order]


def ranked_terms(topic_word: np.ndarray, dictionary, term_freq: np.ndarray, n: int = 10, by: str = "prob",
                 frex_weight: float = 0.5, lift_pool: int = 200) -> list[list[tuple[str, float]]]:
    """Per topic its top ``n`` ``(word, score)`` pairs by probability, FREX or lift.

    Lift (``p(w | topic) / p(w)``) is ranked among the topic's ``lift_pool`` most probable words,
    since over the whole vocabulary it ranks words seen once or twice first.
    """
    if by not in ("prob", "frex", "lift"):
        raise ValueError(f"by must be 'prob', 'frex' or 'lift' (got {by!r})")
    scores = {"prob": topic_word, "frex": evaluate.frex(topic_word, frex_weight)}.get(by)
    if by == "lift":
        scores = evaluate.lift(topic_word, term_freq)
    out = []
    for t, row in enumerate(topic_word):
        pool = np.argsort(-row, kind="stable")[:lift_pool] if by == "lift" else None
        out.append(ranked(scores[t], dictionary, n, pool))
    return out


def topic_words(topic_word: np.ndarray, dictionary, term_freq: np.ndarray, n: int = 10,
                frex_weight: float = 0.5, lift_pool: int = 200) -> list[dict]:
    """Per topic its top ``n`` words by probability, FREX and lift (see :func:`ranked_terms`)."""
    by = {b: ranked_terms(topic_word, dictionary, term_freq, n, b, frex_weight, lift_pool)
          for b in ("prob", "frex", "lift")}
    return [{b: [w for w, _ in by[b][t]] for b in by} for t in range(len(topic_word))]


def frex_top_words(topic_word: np.ndarray, dictionary, term_freq: np.ndarray, n: int = 10,
                   frex_weight: float = 0.5) -> list[list[tuple[str, float]]]:
    """Per topic its top ``n`` words by FREX, each with its probability in the topic, for figures.

    A word present in nearly every document (会议, 工作, 发展 in official speech) has a high
    probability in every topic; FREX ranks it down, so the words shown tell the topics apart.

    Parameters
    ----------
    topic_word : ndarray (k, n_terms)
        Topic-word probabilities.
    dictionary : gensim Dictionary
        The model's vocabulary.
    term_freq : ndarray
        Corpus count of every term (:func:`term_frequencies`).
    n : int
        Words per topic.
    frex_weight : float
        FREX weight of exclusivity against frequency (stm's 0.5).

    Returns
    -------
    list of list of (str, float)
        Per topic ``(word, p(word | topic))``, best FREX first (the shape :func:`plot_top_words` takes).
    """
    ranked = ranked_terms(topic_word, dictionary, term_freq, n, "frex", frex_weight)
    ids = dictionary.token2id
    return [[(w, float(topic_word[t, ids[w]])) for w, _ in terms] for t, terms in enumerate(ranked)]


#: The hundred commonest Chinese surnames (2020 census order), for telling names among jieba's ``nr`` words.
COMMON_SURNAMES = frozenset("王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩邓冯曹彭曾萧田董潘袁蔡蒋余于杜叶"
                            "程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛"
                            "郝顾龚邵万覃武钱戴严莫孔向常汤康易乔赖文")


#: Titles and forms of address that, after a surname, name one person (毛主席, 周总理, 朱总司令, 陈老总).
PERSON_TITLES = frozenset({"主席", "总理", "总书记", "书记", "委员长", "委员", "总司令", "司令", "元帅", "将军",
                           "老总", "同志", "先生", "总统"})


#: A monarch's regnal number, which the segmenter splits from the name (图普 · 六世, 查尔斯 · 三世).
_REGNAL = re.compile(r"[一二三四五六七八九十]{1,3}世")


#: An administrative division's name: the place and the word of its level (许昌市, 富平县, 武威地区).
_DIVISION = re.compile(r"(.{2,})(?:市|县|区|镇|乡|州|旗|盟|地区|自治州|自治县)")


@functools.cache
def historical_figures() -> frozenset[str]:
    """The names of THUOCL's list of historical figures (``resources/names/THUOCL_lishimingren.txt``,
    13,658 people, mined from encyclopaedia pages: 朱德, 陈云, 列宁, 周恩来)."""
    from speechtopics.resources import resource_path

    table = pd.read_csv(resource_path("names/THUOCL_lishimingren.txt"), sep="\t", header=None,
                        names=["word", "df"], dtype={"word": str}, encoding="utf-8-sig", keep_default_na=False)
    return frozenset(table["word"].str.strip())


@functools.cache
def official_name_parts() -> frozenset[str]:
    """The heads and tails, of two characters or more, of the names of :func:`officials` with four
    characters or more, as the segmenter splits a foreign name it does not know whole (高市早苗 ->
    高市 · 早苗, 安倍晋三 -> 安倍 · 晋三): each part alone names the person, not a topic.

    Examples
    --------
    >>> sorted(w for w in official_name_parts() if w.startswith("高市") or w.endswith("早苗"))
    ['早苗', '高市']
    """
    return frozenset(part for name in officials() if len(name) >= 4
                     for i in range(2, len(name) - 1) for part in (name[:i], name[i:]))


@functools.cache
def person_names() -> frozenset[str]:
    """Words of jieba's dictionary that are a person's name.

    A word is a name when jieba tags it ``nrfg`` (a full name: 习近平, 李强); or tags it ``nr``/``nrt``
    and it has three characters, one of :data:`COMMON_SURNAMES` first (毛泽东, 孙中山, 周总理); or THUOCL's
    list of historical figures (:func:`historical_figures`) holds it and either it has three characters
    or more (周恩来, which jieba tags ``t``; 恩格斯) or jieba tags it ``nr``/``nrt`` and no longer word of
    the dictionary other than a name ends with it (朱德, 陈云, 列宁; not 陆军, the head of 海陆军). A word
    the dictionary or the lexicon also holds as an administrative division (许昌 of 许昌市, 富平 of 富平县) is a place,
    not a name, for local governments' topics are labelled by their places.
    Neither source alone will do: jieba's ``nr`` also tags 亚太, 从严治党, 文明, 顾问 and 钟声, and
    THUOCL's list also holds 田间, 陆军, 高昂 and 樱桃.
    """
    import jieba

    from speechtopics.resources import resource_path

    figures = historical_figures()
    path = Path(jieba.__file__).with_name("dict.txt")
    with open(path, encoding="utf-8") as fh:
        rows = [line.split() for line in fh if line.count(" ") == 2]
    heads = {w[-2:] for w, _, tag in rows if len(w) > 2 and tag not in ("nr", "nrt", "nrfg")}
    # a place first: a word jieba's dictionary or the lexicon's division names (THUOCL) hold with 市, 县,
    # 区 … after it (许昌市, 富平县, 元朗区)
    lexicon = pd.read_csv(resource_path("lexicon/political_terms.tsv"), sep="\t", usecols=["term", "pos"],
                          dtype=str, keep_default_na=False)
    divisions = [w for w, _, _ in rows] + lexicon.loc[lexicon["pos"] == "ns", "term"].tolist()
    places = {m.group(1) for w in divisions if (m := _DIVISION.fullmatch(w))}
    return frozenset(w for w, _, tag in rows if w not in places and (tag == "nrfg" or (
        tag in ("nr", "nrt") and len(w) == 3 and w[0] in COMMON_SURNAMES) or (w in figures and (
            len(w) >= 3 or (tag in ("nr", "nrt") and w not in heads)))))


def is_person(word: str) -> bool:
    """Whether ``word`` names a person: a name of :func:`person_names` or :func:`officials`, a part of an
    official's name the segmenter splits off (:func:`official_name_parts`: 高市 of 高市早苗), a monarch's
    regnal number (六世 of 图普六世, 三世 of 查尔斯三世), or one of :data:`COMMON_SURNAMES`
    followed by a title of :data:`PERSON_TITLES` (毛主席, 江总书记, 朱总司令), the form of address of
    one person, which jieba's dictionary mostly tags ``n``.

    Examples
    --------
    >>> [is_person(w) for w in ["朱德", "毛主席", "总书记", "文明", "主席", "王毅", "特朗普"]]
    [True, True, False, False, False, True, True]
    """
    return (word in person_names() or word in officials() or word in official_name_parts()
            or _REGNAL.fullmatch(word) is not None
            or (len(word) > 2 and word[0] in COMMON_SURNAMES and word[1:] in PERSON_TITLES))


def label_words(words: list[str], n: int = 3) -> list[str]:
    """The first ``n`` of a topic's FREX-ranked ``words`` that can name it: not a person's name (a
    speaker's signature tells who speaks, not what about) and not a part or a whole of a word already
    taken (防控 after 疫情防控 says nothing more). A person is a name or a form of address
    (:func:`is_person`).

    Examples
    --------
    >>> label_words(["习近平", "防控", "救治", "疫情防控", "医务人员"])
    ['防控', '救治', '医务人员']
    """
    out: list[str] = []
    for w in words:
        if is_person(w) or any(w in o or o in w for o in out):
            continue
        out.append(w)
        if len(out) == n:
            break
    return out


def unique_labels(labels: list[str]) -> list[str]:
    """``labels`` with a repeated one suffixed by its topic id (``…（3）``), so no two topics share one.

    Examples
    --------
    >>> unique_labels(["经济·发展", "改革", "经济·发展"])
    ['经济·发展（1）', '改革', '经济·发展（3）']
    """
    counts = pd.Series(labels, dtype=object).value_counts()
    return [f"{lbl}（{t + 1}）" if counts[lbl] > 1 else lbl for t, lbl in enumerate(labels)]


def suggest_labels(topic_word: np.ndarray, dictionary, seed_topics: dict[str, list[str]] | None,
                   frex_words: list[list[str]], min_mass: float = 0.02) -> list[str]:
    """A label per topic from the corpus itself: its top three FREX words that can name it (:func:`label_words`).

    Parameters
    ----------
    topic_word : ndarray (k, n_terms)
        Topic-word probabilities.
    dictionary : gensim Dictionary
        The model's vocabulary.
    seed_topics : dict, optional
        Seed words per area (``seeded.seed_topics``). Only when given, a topic whose seed words of one
        area carry at least ``min_mass`` of its probability is labelled ``area（w1·w2·w3）``.
    frex_words : list of list of str
        Each topic's words ranked by FREX.
    min_mass : float
        Least probability mass of an area's seed words for the area to name the topic.

    Returns
    -------
    list of str
        One label per topic, all different (a repeated one gets its topic id, :func:`unique_labels`).
    """
    labels = []
    for t, row in enumerate(topic_word):
        best, mass = "", 0.0
        for area, words in (seed_topics or {}).items():
            m = float(sum(row[dictionary.token2id[w]] for w in words if w in dictionary.token2id))
            if m > mass:
                best, mass = area, m
        words = "·".join(label_words(frex_words[t]))
        labels.append(f"{best}（{words}）" if best and mass >= min_mass else words)
    return unique_labels(labels)


def doc_date(doc: dict) -> str:
    """A document's date as a table shows it: the ISO date, else the year alone (a corpus dated by
    ``date_field: year``), else empty (also for the missing values of a table's row: NaN, ``pd.NA``).

    Examples
    --------
    >>> doc_date({"date": "2020-05-22", "year": 2020}), doc_date({"date": None, "year": 2008}), doc_date({})
    ('2020-05-22', '2008', '')
    >>> doc_date({"date": float("nan"), "year": float("nan")})
    ''
    """
    if not no_value(doc.get("date")):
        return str(doc["date"])
    return "" if no_value(doc.get("year")) else str(int(doc["year"]))


def representative_passages(theta: np.ndarray, units: list[dict], docs: dict[str, dict], n: int = 3,
                            max_chars: int = 160) -> pd.DataFrame:
    """The ``n`` units with the highest share of each topic, with the speech's name, date and section.

    ``docs`` maps ``doc_id`` to a clean document (``display_name`` or ``title``, ``date``, ``year``); the
    ``display_name`` column names the speech (its title, file name or date and opening words). Ties
    break by unit order. A passage whose text repeats one already shown for the topic (a copy of a
    speech kept in the corpus) is passed over for the next.
    """
    picks = [np.argsort(-theta[:, t], kind="stable")[:4 * n] for t in range(theta.shape[1])]
    # read in unit order: units stored in partitions (a PartitionedList) load each partition once
    chosen = {i: units[i] for i in sorted({int(i) for top in picks for i in top})}
    rows = []
    for t, top in enumerate(picks):
        seen: set[str] = set()
        rank = 0
        for i in top:
            u = chosen[int(i)]
            text = " ".join(u.get("text", "").split())
            if text.replace(" ", "") in seen:
                continue
            seen.add(text.replace(" ", ""))
            rank += 1
            if rank > n:
                break
            d = docs.get(u["doc_id"], {})
            rows.append({"topic": t + 1, "rank": rank, "share": float(theta[i, t]), "doc_id": u["doc_id"],
                         "display_name": d.get("display_name") or d.get("title") or u["doc_id"], "date": doc_date(d), "section": u.get("section", ""),
                         "passage": text[:max_chars] + ("…" if len(text) > max_chars else "")})
    return pd.DataFrame(rows)
