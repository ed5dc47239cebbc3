"""Topic and term labels in Chinese, English or both, for figures in English-language journals.

Figure text is Chinese by default; ``report.labels`` in the config (``zh | en | both``) asks for English
glosses. The glosses come from the bundled ``glossary_zh_en.tsv`` (:mod:`speechtopics.resources`), a
glossary of political and policy terms hand-written by the project (no dictionary package covers officialese, and a
machine translation would not be reproducible offline). A label with no gloss falls back to the
Chinese, so nothing is ever dropped from a figure.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Literal

import pandas as pd

from speechtopics import resources

LabelMode = Literal["zh", "en", "both"]
MODES = ("zh", "en", "both")
GLOSSARY_FILE = resources.resource_path("glossary_zh_en.tsv")

# Connectives that join the parts of a compound label such as 招商引资与项目建设.
_JOINERS = re.compile(r"[与和及、/]")


def read_glossary(path: Path | None = None) -> dict[str, str]:
    """Read a ``zh<TAB>en[<TAB>area]`` glossary (``#`` comments, one header row) into a dict.

    Raises
    ------
    ValueError
        On a malformed line or a duplicated Chinese term (the message names file and line).
    """
    path = Path(path or GLOSSARY_FILE)
    out: dict[str, str] = {}
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#") or line.startswith("zh\t"):
            continue
        parts = line.split("\t")
        if len(parts) < 2 or not parts[0].strip() or not parts[1].strip():
            raise ValueError(f"{path}:{n}: expected 'zh<TAB>en[<TAB>area]'")
        zh = parts[0].strip()
        if zh in out:
            raise ValueError(f"{path}:{n}: duplicate term {zh!r}")
        out[zh] = parts[1].strip()
    return out


@lru_cache(maxsize=4)
def glossary(path: str | None = None) -> dict[str, str]:
    """The project glossary (cached)."""
    return read_glossary(Path(path) if path else None)


def gloss(zh: str, terms: dict[str, str] | None = None) -> str | None:
    """English gloss of a term or compound label, or None when any part is unknown.

    A label not in the glossary is split at connectives (与, 和, 及, 、, /) and glossed part by
    part, parts joined with "and" (招商引资与项目建设 -> "attracting investment and project
    construction" if the whole is missing).
    """
    terms = glossary() if terms is None else terms
    zh = zh.strip()
    if zh in terms:
        return terms[zh]
    parts = [p for p in _JOINERS.split(zh) if p]
    if len(parts) > 1 and all(p in terms for p in parts):
        return " and ".join(terms[p] for p in parts)
    return None


def format_label(zh: str, mode: LabelMode = "zh", *, sep: str = " ",
                 terms: dict[str, str] | None = None) -> str:
    """A label for figure text.

    Parameters
    ----------
    zh : str
        The Chinese label (a topic name or a term).
    mode : {"zh", "en", "both"}
        ``zh``: unchanged; ``en``: the English gloss; ``both``: ``中文 (English)`` (``中文 [English (…)]``
        when the gloss has brackets of its own), or with
        ``sep="\\n"`` the gloss on a second line. Without a gloss, ``en`` and ``both`` give the Chinese.
    sep : str
        What separates Chinese and English in ``both`` mode.
    terms : dict, optional
        A glossary to use instead of the project one.

    Returns
    -------
    str
    """
    if mode not in MODES:
        raise ValueError(f"label mode {mode!r} is not one of {', '.join(MODES)}")
    if mode == "zh":
        return zh
    en = gloss(zh, terms)
    if en is None:
        return zh
    if mode == "en":
        return en
    return f"{zh}{sep}[{en}]" if "(" in en else f"{zh}{sep}({en})"  # not 干部 (officials (cadres))


def figure_text(zh: str, en: str, lang: LabelMode = "zh", both: str | None = None) -> str:
    """Fixed figure text (a title, an axis label, a legend entry) in the language of ``report.labels``.

    Parameters
    ----------
    zh : str
        The text a ``zh`` figure draws (Chinese, or Chinese with English beside it).
    en : str
        The English text of an ``en`` figure.
    lang : {"zh", "en", "both"}
        ``report.labels``: ``zh`` gives ``zh``, ``en`` gives ``en``, ``both`` gives ``both``.
    both : str, optional
        The text of a ``both`` figure (default ``zh`` when it already holds ``en``, else ``"zh en"``).

    Examples
    --------
    >>> figure_text("年份 year", "year", "en")
    'year'
    >>> figure_text("讲话的嵌入聚类", "Embedding clusters of the speeches", "both")
    '讲话的嵌入聚类 Embedding clusters of the speeches'
    """
    if lang not in MODES:
        raise ValueError(f"label mode {lang!r} is not one of {', '.join(MODES)}")
    if lang == "zh":
        return zh
    if lang == "en":
        return en
    if both is not None:
        return both
    return zh if en in zh else f"{zh} {en}"


def display_label(zh: str, mode: LabelMode = "zh") -> str:
    """A suggested topic label (``area（w1·w2·w3）`` or ``w1·w2·w3``) with each part glossed per ``mode``.

    Examples
    --------
    >>> display_label("乡村振兴与农业（粮食·耕地）")
    '乡村振兴与农业（粮食·耕地）'
    """
    area, _, rest = zh.partition("（")
    parts = rest.rstrip("）").split("·") if rest else area.split("·")
    glossed = "·".join(format_label(w, mode) for w in parts)
    return f"{format_label(area, mode)}（{glossed}）" if rest else glossed


def short_label(label: str, width: int) -> str:
    """``label`` in at most ``width`` characters, shortened by whole words: the leading ``·``-joined words
    that fit, then ``…`` (a label cut inside a word, 社会保障体系 to 社会, would name a word the topic lacks),
    and ``）`` when a bracket it opened was cut; a first word longer than ``width`` is cut with ``…``.

    Examples
    --------
    >>> short_label("1 高新技术产业·自主创新·社会保障体系", 14)
    '1 高新技术产业·自主创新…'
    >>> short_label("1 乌克兰·乌军·抗议", 14)
    '1 乌克兰·乌军·抗议'
    >>> short_label("3 招商引资与项目建设（签约·开工·项目）", 16)
    '3 招商引资与项目建设（签约…）'
    """
    if width < 1:
        raise ValueError(f"short_label: width must be >= 1 (got {width})")
    if len(label) <= width:
        return label
    def cut(head: str) -> str:  # an opened bracket (a seeded label's 经济发展（经济·增长…）) is closed
        return head + "…" + "）" * (head.count("（") > head.count("）"))

    words = label.split("·")
    kept = ""
    for i, word in enumerate(words):
        more = word if i == 0 else kept + "·" + word
        if len(cut(more)) > width:
            break
        kept = more
    return cut(kept) if kept else label[: width - 1] + "…"


def format_labels(labels: list[str], mode: LabelMode = "zh", *, sep: str = " ") -> list[str]:
    """:func:`format_label` over a list."""
    return [format_label(z, mode, sep=sep) for z in labels]


def gloss_table(labels: list[str], mode: LabelMode = "en") -> pd.DataFrame:
    """The words of ``labels`` (topic labels ``w1·w2·w3`` or ``area（w1·w2）``, or single words), each once in
    the order first met, with the English a figure draws for it under ``mode``: columns ``word``, ``gloss``
    (empty when the glossary has none) and ``shown`` (what the figure writes: the Chinese word itself when
    it has no gloss).

    Examples
    --------
    >>> gloss_table(["扶贫·某某词"])["gloss"].tolist()
    ['poverty alleviation', '']
    """
    words = list(dict.fromkeys(w for lab in labels for w in re.split(r"[（）·]", lab) if w.strip()))
    return pd.DataFrame({"word": words, "gloss": [gloss(w) or "" for w in words],
                         "shown": [format_label(w, mode) for w in words]}, columns=["word", "gloss", "shown"])


def coverage(words: list[str]) -> float:
    """Share of ``words`` that have a gloss (0 for an empty list): how English a figure will be."""
    return sum(gloss(w) is not None for w in words) / len(words) if words else 0.0
