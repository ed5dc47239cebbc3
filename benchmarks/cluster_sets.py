"""Labelled sets for validating ``speechtopics.cluster``, built from metadata only, and their fixed split.

Written and committed before any clustering method was run on these sources. None of them was used for
a clustering choice in this project before (``benchmarks/validate_clusters.py`` and
``docs/experiments.md`` used the Hebei department folders, ``xi_speeches_2020``, the Hebei 解读/年报
files and 《新闻联播》 items). Labels follow from file names, titles or fields by the rules below, never
from reading the texts.

* ``national_genres`` (``gwr_national_wikisource``): ``政府工作报告`` (State Council reports, titles ending
  政府工作报告), ``决议`` (NPC resolutions approving a report: titles containing 决议) and ``党代会报告``
  (CPC congress reports, the second file; records under 1,000 characters after cleaning, the 7th
  congress's disambiguation stub, are dropped). k = 3.
* ``xi_genres`` (``xi_speeches_2013_2016``, genre from the file name's title): ``贺词致辞`` (title contains
  贺词, 贺信, 致辞, 开幕辞, 闭幕辞 or 祝词), ``讲话`` (else: title contains 讲话, 发言 or 说明 -- work
  speeches and explanations), ``演讲`` (the rest: speeches titled by their theme, mostly abroad). k = 3.
* ``hebei_genres`` (``hebei_gov_policy_docs``; added 2026-12-06 21:00 UTC, committed before any method ran
  on it, with its own salt :data:`GENRE_SALT`): Hebei provincial documents by genre, the label from the
  file name alone: ``政策解读`` (the 教育厅 and 科学技术厅 files 政策解读.csv: interpretations of a policy),
  ``信息公开年报`` (the 政府信息公开年报.csv files of 教育厅, 科学技术厅 and 工业和信息化厅: annual
  information-disclosure reports; the 人社厅 file that mixes them with regulations is left out),
  ``政府规章`` (人民政府_政府规章.csv: provincial government regulations) and ``办公厅文件``
  (人民政府_省政府办公厅文件.csv: notices and opinions of the General Office). Texts as
  :func:`speechtopics.models.embedding_data.load_departments` reads them (``内容`` of 50+ characters),
  texts that occur twice left out. The *labels* are new to this project; the *texts* were part of the
  Hebei department set, whose department labels steered earlier clustering choices, and of the
  lexicon's mining and gold halves. Besides the rule below, heading lines that name the document type
  (:data:`DOC_TYPE_WORDS`: 解读, 年报, 令, 规章, 通知, 意见, 办法 ...) are dropped the same way. k = 4.
* ``hebei_education_subjects`` (``hebei_gov_policy_docs``, the 教育厅 folder; added 2026-12-07 20:10 UTC,
  committed before any method ran on it, with its own salt :data:`SUBJECT_SALT`): the department's
  disclosure column files 教育领域信息公开_<subject>.csv, the label the subject of the file name, for the
  six subjects with at least 13 distinct texts: ``基础教育`` (schools), ``学生资助`` (student aid),
  ``师资建设`` (teachers), ``思政体卫与学校安全`` (political education, sport, health, school safety),
  ``民生工程`` (livelihood projects), ``高等教育`` (universities). A policy-subject axis *inside* one
  issuer, which no set had: the documents share their department, genre range and footer, so only what
  they are about separates them. Texts and cleaning as ``hebei_genres`` (its heading words dropped too).
  The labels are new; the texts were in the Hebei department set and the lexicon's halves. Scored on
  the policy axis only (documents, not speeches). k = 6.
* ``thucnews_topics`` (``thucnews_titles/test.txt``): news titles, 60 per label (the first 60 lines of
  each label in file order), 10 topic labels; short texts, a proxy of the policy (topic) axis only:
  titles have no paragraphs, so the rhetoric axis is not scored on it. k = 10.

Cleaning (the same for every text, metadata rules only): the Wikisource licence footer is cut (from
``本作品是中华人民共和国`` on); among the first 8 non-empty lines, every line under 60 characters that
names a genre word (报告, 决议, 讲话, 演讲, 致辞, 贺词, 贺信, 说明, 发言), carries a date (年 + 月 or
digits with -), a source line (来源), starts with —— or （, or is only a name (习近平, ≤ 4 characters)
is dropped, and so is a line that repeats the title (letters and digits compared), so no heading gives
the label away. Then whitespace is squeezed within lines and empty lines
dropped.

Split: ``design`` when the first byte of ``sha256(SALT + id)`` is even, else ``test``; the salt was fixed
before any score. Run ``python benchmarks/cluster_sets.py`` to print the sizes per set, half and label.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path

import pandas as pd

DATA = Path(os.environ.get("SPEECHTOPICS_VALIDATION_DATA",
                           Path(__file__).resolve().parents[1].parent / "shared" / "data"))
#: Salt of the design/test split (fixed before any clustering was scored on these sets).
SALT = "speechtopics-cluster-sets-2026-12-06:"
GENRE_WORDS = re.compile(r"报告|决议|讲话|演讲|致辞|贺词|贺信|说明|发言")
META_LINE = re.compile(r"\d{4}\s*年\s*\d{1,2}\s*月|\d{4}-\d{1,2}-\d{1,2}|[０-９]{4}年|来源|^——|^[（(]")
FOOTER = "本作品是中华人民共和国"


#: Salt of the ``hebei_genres`` split (fixed 2026-12-06 21:00 UTC, before any method ran on the set).
GENRE_SALT = "speechtopics-hebei-genres-2026-12-06T21:00:"
#: Salt of the ``hebei_education_subjects`` split (fixed 2026-12-07 20:10 UTC, before any method ran on it).
SUBJECT_SALT = "speechtopics-hebei-education-subjects-2026-12-07T20:10:"
#: ``hebei_education_subjects``: the subjects of the 教育厅 column files that hold at least 13 distinct texts.
EDUCATION_SUBJECTS = ("基础教育", "学生资助", "师资建设", "思政体卫与学校安全", "民生工程", "高等教育")
#: Heading words that name a Hebei document's type (``hebei_genres`` only).
DOC_TYPE_WORDS = re.compile(r"解读|年报|年度报告|政府令|令|规章|通知|意见|办法|规定|决定|细则|方案")


def split_of(doc_id: str, salt: str = SALT) -> str:
    """``design`` or ``test``: the parity of the first byte of ``sha256(salt + doc_id)``."""
    return "design" if hashlib.sha256((salt + doc_id).encode("utf-8")).digest()[0] % 2 == 0 else "test"


def _bare(s: str) -> str:
    return re.sub(r"[\W_]+", "", s)


def clean_text(text: str, title: str = "", heading_words: re.Pattern | None = None) -> str:
    """The cleaning rule of the module docstring (footer, heading lines, the title's own line, whitespace);
    ``heading_words`` drops short opening lines that match it too."""
    text = str(text or "").replace("\ufeff", "").replace("\u200b", "").replace("\u200d", "")
    text = text.split(FOOTER, 1)[0]
    lines = [re.sub(r"\s+", " ", ln).strip() for ln in text.replace("\r", "").split("\n")]
    lines = [ln for ln in lines if ln]
    out = []
    for i, ln in enumerate(lines):
        head = i < 8 and len(ln) < 60
        if head and (GENRE_WORDS.search(ln) or META_LINE.search(ln) or ln == "习近平" or len(ln) <= 4
                     or (title and _bare(ln) == _bare(title)) or (heading_words and heading_words.search(ln))):
            continue
        out.append(ln)
    return "\n".join(out)


def national_genres(data: Path = DATA) -> pd.DataFrame:
    """``id, title, text, label`` of the national genre set."""
    rows = []
    folder = data / "gwr_national_wikisource"
    for i, line in enumerate((folder / "government_work_reports.jsonl").read_text(encoding="utf-8").splitlines()):
        r = json.loads(line)
        title = r["title"]
        label = "决议" if "决议" in title else "政府工作报告" if title.endswith("政府工作报告") else None
        if label:
            rows.append({"id": f"gwr{i:03d}", "title": title, "text": clean_text(r["content"]), "label": label})
    for i, line in enumerate((folder / "cpc_congress_reports.jsonl").read_text(encoding="utf-8").splitlines()):
        r = json.loads(line)
        text = clean_text(r["content"])
        if len(text) >= 1000:
            rows.append({"id": f"cpc{i:03d}", "title": r["title"], "text": text, "label": "党代会报告"})
    return _finish(rows)


def xi_genre(title: str) -> str:
    """The genre of an ``xi_speeches_2013_2016`` title (rule of the module docstring)."""
    if re.search(r"贺词|贺信|致辞|开幕辞|闭幕辞|祝词", title):
        return "贺词致辞"
    if re.search(r"讲话|发言|说明", title):
        return "讲话"
    return "演讲"


def xi_genres(data: Path = DATA) -> pd.DataFrame:
    """``id, title, text, label`` of the Xi 2013-2016 genre set (label from the file name)."""
    rows = []
    for path in sorted((data / "xi_speeches_2013_2016").glob("*.txt")):
        title = path.stem.split("_", 1)[1]
        rows.append({"id": f"xi_{path.stem[:10]}_{len(rows):03d}", "title": title,
                     "text": clean_text(path.read_text(encoding="utf-8-sig"), title), "label": xi_genre(title)})
    return _finish(rows)


def thucnews_topics(data: Path = DATA, per_label: int = 60) -> pd.DataFrame:
    """``id, title, text, label``: the first ``per_label`` titles of each label of THUCNews' test file."""
    names = (data / "thucnews_titles" / "class.txt").read_text(encoding="utf-8").split()
    rows, seen = [], {}
    for i, line in enumerate((data / "thucnews_titles" / "test.txt").read_text(encoding="utf-8").splitlines()):
        title, _, lab = line.rpartition("\t")
        label = names[int(lab)]
        if seen.get(label, 0) < per_label:
            seen[label] = seen.get(label, 0) + 1
            rows.append({"id": f"thuc{i:05d}", "title": title, "text": title, "label": label})
    return _finish(rows)


#: ``hebei_genres``: (department folder prefix, file stem) -> label.
HEBEI_GENRE_FILES = {("7", "政策解读"): "政策解读", ("5", "政策解读"): "政策解读",
                     ("7", "政府信息公开年报"): "信息公开年报", ("5", "政府信息公开年报"): "信息公开年报",
                     ("6", "政府信息公开年报"): "信息公开年报",
                     ("3", "人民政府_政府规章"): "政府规章", ("3", "人民政府_省政府办公厅文件"): "办公厅文件"}


def hebei_genres(data: Path = DATA) -> pd.DataFrame:
    """``id, title, text, label`` of the Hebei genre set (label from the file name; own salt)."""
    from speechtopics.models.embedding_data import load_departments

    df = load_departments(data).drop_duplicates("text", keep=False)
    rows = []
    for r in df.itertuples(index=False):
        folder, stem = r.id.split("/")[0], r.id.split("/")[1]
        label = HEBEI_GENRE_FILES.get((folder, stem))
        if label:
            rows.append({"id": f"hg_{r.id}", "title": r.title,
                         "text": clean_text(r.text, r.title, DOC_TYPE_WORDS), "label": label})
    return _finish(rows, GENRE_SALT)


def hebei_education_subjects(data: Path = DATA) -> pd.DataFrame:
    """``id, title, text, label`` of the 教育厅 subject set (label from the file name; own salt)."""
    from speechtopics.models.embedding_data import load_departments

    df = load_departments(data).drop_duplicates("text", keep=False)
    rows = []
    for r in df.itertuples(index=False):
        folder, stem = r.id.split("/")[0], r.id.split("/")[1]
        subject = stem.removeprefix("教育领域信息公开_")
        if folder == "7" and subject != stem and subject in EDUCATION_SUBJECTS:
            rows.append({"id": f"he_{r.id}", "title": r.title,
                         "text": clean_text(r.text, r.title, DOC_TYPE_WORDS), "label": subject})
    return _finish(rows, SUBJECT_SALT)


def _finish(rows: list[dict], salt: str = SALT) -> pd.DataFrame:
    df = pd.DataFrame(rows)
    df["split"] = [split_of(i, salt) for i in df["id"]]
    return df


#: Set name -> (builder, k, axes it is scored on).
SETS = {"national_genres": (national_genres, 3, ("policy", "rhetoric", "both")),
        "xi_genres": (xi_genres, 3, ("policy", "rhetoric", "both")),
        "thucnews_topics": (thucnews_topics, 10, ("policy",)),
        "hebei_genres": (hebei_genres, 4, ("policy", "rhetoric", "both")),
        "hebei_education_subjects": (hebei_education_subjects, 6, ("policy",))}


def main() -> int:
    for name, (build, k, _) in SETS.items():
        df = build()
        print(f"{name} (k={k}): {len(df)} texts, median {int(df['text'].str.len().median())} chars")
        print(pd.crosstab(df["label"], df["split"]).to_string())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
