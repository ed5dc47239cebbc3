"""Labelled text sets for validating the clustering routes (read from the validation data folder).

Owns two external checks, built only from sources that are *not* in the bundled corpus:

* **departments** -- Hebei provincial policy documents labelled by the department folder they were
  published in (5 labels; rows with at least 50 characters of ``内容``);
* **genres** -- a *proxy* 3-genre set: Xi Jinping's 2020 speeches and letters (讲话), Hebei
  department policy interpretations (政策解读) and 《新闻联播》 news items (新闻). The genres follow the
  source, not a hand coding, so it is a proxy for "speeches labelled by genre".

and the seeded half split used to keep tuning data apart from the items a score is reported on.
Loaders return a DataFrame ``id, label, source, text``; nothing here is used by the pipeline.
"""

from __future__ import annotations

import csv
import html
import os
import re
import sys
from pathlib import Path

import numpy as np
import pandas as pd

from speechtopics import paths

# The labelled corpora are not bundled (see benchmarks/README.md for their sources): point
# SPEECHTOPICS_VALIDATION_DATA at a folder holding them; by default a `shared/data` folder beside the repo.
SHARED_DATA = Path(os.environ.get("SPEECHTOPICS_VALIDATION_DATA", paths.REPO.parent / "shared" / "data"))

_TAG = re.compile(r"<[^>]+>")
# the opening mark, and any headline lines an item repeats before it
_NEWS_PREFIX = re.compile(r"^[\s\S]{0,200}?央视网消息\s*（新闻联播）\s*[：:]\s*")
# Publication apparatus at the end of a republished speech: the 《人民日报》 page line, a 新华社 dateline
# and a ※ editor's note ("※这是习近平总书记…的讲话。"). Each names the genre's source, not its text.
_SOURCE_TRAILER = re.compile(
    r"(?:《\s*人民日报\s*》\s*（[^（）]{0,30}版\s*）|（\s*据?新华社[^（）]{0,120}）|※[^※]{0,160})[\s\u3000]*$")
# ... and at the start: a 《求是》 republication's headline and ※ byline (标题※习近平), or a 新华社
# dateline (新华社北京1月19日电).
_SOURCE_HEADER = re.compile(r"^[^。！？※\n]{0,80}※\s*习近平\s*|^新华社[^，。！？\s]{0,12}?\d{1,2}月\d{1,2}日电\s*")


def strip_source_trailers(text: str) -> str:
    """``text`` without the publication apparatus at its end (``_SOURCE_TRAILER``, repeatedly) and a
    headline with a ※ byline or a 新华社 dateline at its start (``_SOURCE_HEADER``)."""
    text = _SOURCE_HEADER.sub("", text.strip(), count=1)
    while (m := _SOURCE_TRAILER.search(text)) is not None:
        text = text[: m.start()].rstrip()
    return text


def _read_csv(path: Path) -> pd.DataFrame:
    """A CSV with ragged rows read leniently (the Python engine skips unparseable lines)."""
    csv.field_size_limit(sys.maxsize)
    return pd.read_csv(path, engine="python", on_bad_lines="skip", dtype=str).fillna("")


def load_departments(root: Path = SHARED_DATA, min_chars: int = 50) -> pd.DataFrame:
    """Hebei policy documents labelled by department (the folder name without its number).

    Parameters
    ----------
    root : Path
        Folder holding ``hebei_gov_policy_docs/``.
    min_chars : int
        Rows with a shorter ``内容`` are left out.

    Returns
    -------
    pandas.DataFrame
        Columns ``id, label, source, title, text``.
    """
    rows = []
    for path in sorted((root / "hebei_gov_policy_docs").glob("*/*.csv")):
        dept = re.sub(r"^\d+", "", path.parent.name.split("-")[0])
        for i, r in _read_csv(path).iterrows():
            text = str(r.get("内容", "")).strip()
            if len(text) >= min_chars:
                rows.append({"id": f"{path.parent.name[:1]}/{path.stem}/{i}", "label": dept,
                             "source": path.stem, "title": str(r.get("标题", "")), "text": text})
    return pd.DataFrame(rows, columns=["id", "label", "source", "title", "text"])


def _news_items(path: Path) -> list[tuple[str, str]]:
    """(headline, body) of each item under ``## 详细新闻`` of one 《新闻联播》 file."""
    text = path.read_text(encoding="utf-8")
    detail = text.split("## 详细新闻", 1)[-1]
    items = []
    for block in re.split(r"^### ", detail, flags=re.M)[1:]:
        head, _, body = block.partition("\n")
        body = re.sub(r"\[查看原文\]\([^)]*\)", "", body)
        body = html.unescape(_TAG.sub("\n", body))
        body = _NEWS_PREFIX.sub("", "\n".join(s.strip() for s in body.splitlines() if s.strip()))
        items.append((head.strip(), body))
    return items


def _genre_sources(root: Path) -> list[pd.DataFrame]:
    """Every text of the three proxy genre sources, unsampled and unfiltered (columns ``id, label,
    source, text``): 讲话 from ``xi_speeches_2020``, 政策解读 from Hebei, 新闻 from 《新闻联播》."""
    speeches = _read_csv(root / "xi_speeches_2020" / "all_data.csv")
    parts = [pd.DataFrame({"id": [f"xi2020/{i}" for i in speeches.index], "label": "讲话",
                           "source": "xi_speeches_2020", "text": speeches["Text"].str.strip()})]
    interp = []
    for path in sorted((root / "hebei_gov_policy_docs").glob("*/政策解读.csv")):
        df = _read_csv(path)
        interp.append(pd.DataFrame({"id": [f"{path.parent.name[:1]}/政策解读/{i}" for i in df.index],
                                    "label": "政策解读", "source": "hebei_gov_policy_docs",
                                    "text": df["内容"].str.strip()}))
    parts.append(pd.concat(interp, ignore_index=True))
    news = [{"id": f"xwlb/{p.stem}/{j}", "label": "新闻", "source": "xinwenlianbo_sample", "text": body}
            for p in sorted((root / "xinwenlianbo_sample").glob("*.md"))
            for j, (_, body) in enumerate(_news_items(p))]
    parts.append(pd.DataFrame(news))
    return parts


def load_genres(root: Path = SHARED_DATA, per_class: int = 100, seed: int = 0,
                min_chars: int = 300) -> pd.DataFrame:
    """The proxy 3-genre set: 讲话 (xi_speeches_2020), 政策解读 (Hebei), 新闻 (新闻联播).

    Up to ``per_class`` texts of at least ``min_chars`` characters per genre, sampled with ``seed``.
    The 《新闻联播》 boilerplate opening (央视网消息（新闻联播）：) and HTML are removed, and so is the
    publication apparatus at the end of republished speeches (《人民日报》 page line, 新华社 dateline,
    ※ editor's note: :func:`strip_source_trailers`), so the genre is not given away by a fixed prefix
    or trailer. (Until the trailers were stripped, 43 of the 58 speeches ended in the 《人民日报》 line,
    and every clustering route scored higher on it.)

    Returns
    -------
    pandas.DataFrame
        Columns ``id, label, source, text``.
    """
    rng = np.random.default_rng(seed)
    out = []
    for part in _genre_sources(root):
        part = part[part["text"].str.len() >= min_chars].reset_index(drop=True)
        take = np.sort(rng.permutation(len(part))[:per_class])
        out.append(part.iloc[take])
    out = pd.concat(out, ignore_index=True)[["id", "label", "source", "text"]]
    out["text"] = out["text"].map(strip_source_trailers)  # after sampling: the same items as before
    return out


#: Publication metadata lines of the 2013-2016 speech files (发表时间：… 来源：…), a mark of the source, not the genre.
_METADATA_LINE = re.compile(r"^\s*(?:发表时间|来源)[:：].*$", re.M)


def genre_pools(root: Path = SHARED_DATA, min_chars: int = 300) -> dict[str, list[str]]:
    """Every text of each proxy genre in the validation data, for resampled genre sets.

    讲话: ``xi_speeches_2020`` and ``xi_speeches_2013_2016`` (each file without its first line, the
    file title, and without publication metadata lines); 政策解读: every Hebei 政策解读 row; 新闻: every
    《新闻联播》 item. Texts shorter than ``min_chars`` are left out; publication apparatus is stripped
    (:func:`strip_source_trailers`) as in :func:`load_genres`.
    """
    pools = {part["label"].iloc[0]: part["text"].tolist() for part in _genre_sources(root)}
    for path in sorted((root / "xi_speeches_2013_2016").glob("*.txt")):
        body = path.read_text(encoding="utf-8-sig").replace("\r\n", "\n").split("\n", 1)[-1]
        pools["讲话"].append(_METADATA_LINE.sub("", body).strip())
    return {genre: [strip_source_trailers(t) for t in texts if len(t) >= min_chars]
            for genre, texts in pools.items()}


def resampled_genres(pools: dict[str, list[str]], sizes: dict[str, int], seed: int) -> pd.DataFrame:
    """One genre set drawn from ``pools`` (:func:`genre_pools`) without replacement: ``sizes[genre]``
    texts of each genre (fewer when the pool is smaller), chosen with ``seed``. Columns ``id, label, text``."""
    rng = np.random.default_rng(seed)
    rows = []
    for genre, n in sizes.items():
        pool = pools[genre]
        for i in np.sort(rng.choice(len(pool), min(n, len(pool)), replace=False)):
            rows.append({"id": f"{genre}/{i}", "label": genre, "text": pool[i]})
    return pd.DataFrame(rows, columns=["id", "label", "text"])


def half_split(labels, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Stratified seeded split into a tuning half and a held-out half (index arrays, sorted)."""
    rng = np.random.default_rng(seed)
    labels = np.asarray(labels)
    tune, test = [], []
    for lab in sorted(set(labels)):
        idx = rng.permutation(np.flatnonzero(labels == lab))
        tune.extend(idx[: len(idx) // 2])
        test.extend(idx[len(idx) // 2:])
    return np.sort(tune), np.sort(test)
