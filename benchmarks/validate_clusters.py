"""Validate ``speechtopics cluster`` against known categories, next to a TF-IDF + k-means baseline.

Two labelled sets are prepared from ``/work/shared/data`` (when present; see its SOURCES.md):

* ``hebei_department`` -- Hebei provincial policy documents labelled by issuing department (the five
  department folders), rows with at least 50 characters of ``内容``, exact duplicate texts dropped; k=5.
* ``genre_proxy`` -- a **proxy** three-genre set from sources not in the bundled corpus: 讲话 (Xi
  speeches and letters published 2020, ``xi_speeches_2020``), 解读 (Hebei 政策解读 and 政府信息公开年报
  files) and 新闻 (《新闻联播》 items, a seeded sample). Genre and source coincide here, so the set
  measures whether clusters separate registers, not genre within one source; k=3.

Run ``python benchmarks/validate_clusters.py [--methods lda,embedding] [--out DIR]``. Prints one row
per (set, method) with NMI, ARI and seconds, and writes the prepared sets as JSONL and the results as
CSV under ``--out`` (default ``data/interim/validate``). ``--sample DIR`` writes a small stratified
sample (for ``tests/data/labelled``).
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import re
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

DATA = Path(os.environ.get("SPEECHTOPICS_SHARED_DATA", "/work/shared/data"))
SEED = 20240601


def _read_csv(path: str) -> pd.DataFrame:
    return pd.read_csv(path, engine="python", on_bad_lines="skip", dtype=str)


def hebei_department(data: Path = DATA) -> pd.DataFrame:
    """Hebei policy documents labelled by department folder (``id, text, label, source``)."""
    rows = []
    for path in sorted(glob.glob(str(data / "hebei_gov_policy_docs" / "*" / "*.csv"))):
        dept = re.sub(r"^\d+|-.*$", "", Path(path).parent.name)
        df = _read_csv(path)
        if "内容" not in df:
            continue
        for title, text in zip(df.get("标题", [""] * len(df)), df["内容"].fillna("")):
            if len(str(text).strip()) >= 50:
                rows.append({"text": str(text).strip(), "label": dept, "title": str(title),
                             "source": f"hebei_gov_policy_docs/{Path(path).parent.name}/{Path(path).name}"})
    out = pd.DataFrame(rows).drop_duplicates("text", keep=False).reset_index(drop=True)
    out.insert(0, "id", [f"hebei{i:05d}" for i in range(len(out))])
    return out


def _xinwenlianbo_items(data: Path, n: int, rng: np.random.Generator) -> list[dict]:
    items = []
    for path in sorted((data / "xinwenlianbo_sample").glob("*.md")):
        body = path.read_text(encoding="utf-8").split("## 详细新闻", 1)[-1]
        for block in re.split(r"^###\s+", body, flags=re.M)[1:]:
            title, _, text = block.partition("\n")
            text = re.sub(r"<[^>]+>|&\w+;", "", text).replace("央视网消息（新闻联播）：", "").strip()
            if len(text) >= 300:
                items.append({"text": text, "label": "新闻", "title": title.strip(),
                              "source": f"xinwenlianbo_sample/{path.name}"})
    pick = np.sort(rng.choice(len(items), size=min(n, len(items)), replace=False))
    return [items[i] for i in pick]


def genre_proxy(data: Path = DATA, n_news: int = 150) -> pd.DataFrame:
    """Proxy genre set: 讲话 (xi_speeches_2020), 解读 (Hebei 政策解读 / 年报), 新闻 (xinwenlianbo)."""
    rng = np.random.default_rng(SEED)
    rows = []
    xi = _read_csv(str(data / "xi_speeches_2020" / "all_data.csv"))
    for date, text in zip(xi["Date"], xi["Text"].fillna("")):
        rows.append({"text": text.strip(), "label": "讲话", "title": str(date),
                     "source": "xi_speeches_2020/all_data.csv"})
    for path in sorted(glob.glob(str(data / "hebei_gov_policy_docs" / "*" / "*.csv"))):
        if not re.match(r"(政策解读|政府信息公开年报)\.csv$", Path(path).name):
            continue
        df = _read_csv(path)
        for title, text in zip(df.get("标题", [""] * len(df)), df.get("内容", pd.Series(dtype=str)).fillna("")):
            if len(str(text).strip()) >= 200:
                rows.append({"text": str(text).strip(), "label": "解读", "title": str(title),
                             "source": f"hebei_gov_policy_docs/{Path(path).parent.name}/{Path(path).name}"})
    rows += _xinwenlianbo_items(data, n_news, rng)
    out = pd.DataFrame(rows).drop_duplicates("text", keep=False).reset_index(drop=True)
    out.insert(0, "id", [f"genre{i:05d}" for i in range(len(out))])
    return out


SETS = {"hebei_department": (hebei_department, 5), "genre_proxy": (genre_proxy, 3)}


def tfidf_kmeans(token_lists: list[list[str]], k: int, seed: int) -> np.ndarray:
    """Baseline: TF-IDF (sublinear, same tokens, min_df 2, max_df 0.5) + seeded k-means."""
    from sklearn.cluster import KMeans
    from sklearn.feature_extraction.text import TfidfVectorizer

    x = TfidfVectorizer(analyzer=lambda t: t, min_df=2, max_df=0.5, sublinear_tf=True).fit_transform(token_lists)
    return KMeans(n_clusters=k, n_init=10, random_state=seed).fit_predict(x)


def evaluate_set(name: str, df: pd.DataFrame, k: int, methods: list[str], cfg) -> list[dict]:
    """NMI/ARI of each method (and the TF-IDF baseline) on one labelled set."""
    from speechtopics.evaluate import agreement
    from speechtopics.models import lda

    t = time.perf_counter()
    tokens = lda.prepare_texts(df["text"].tolist(), cfg)
    seg_s = time.perf_counter() - t
    results = []

    def record(method, fn):
        t0 = time.perf_counter()
        labels = fn()
        row = {"set": name, "method": method, "k": k, "n_docs": len(df),
               **agreement(df["label"].tolist(), labels), "seconds": time.perf_counter() - t0}
        results.append(row)
        print(f"{name:18s} {method:14s} NMI={row['nmi']:.3f} ARI={row['ari']:.3f} "
              f"({row['seconds']:.0f} s, n={len(df)})", flush=True)

    print(f"{name}: {len(df)} docs, labels {df['label'].value_counts().to_dict()}, segmented in {seg_s:.0f} s")
    record("tfidf_kmeans", lambda: tfidf_kmeans(tokens, k, SEED))
    if "lda" in methods:
        record("lda", lambda: lda.cluster_tokens(tokens, k, SEED, cfg.lda)[0])
    if "embedding" in methods:
        try:
            from speechtopics.models.embeddings import cluster_texts as emb_cluster
        except ImportError as exc:
            print(f"{name}: embedding method not available ({exc})")
        else:
            record("embedding", lambda: emb_cluster(df["text"].tolist(), k, SEED, cfg))
    return results


def write_sample(df: pd.DataFrame, path: Path, per_class: int = 24) -> None:
    """A stratified, seeded sample (``per_class`` rows per label, texts cut to 800 chars) as JSONL."""
    rng = np.random.default_rng(SEED)
    parts = []
    for _, grp in sorted(df.groupby("label"), key=lambda kv: kv[0]):
        parts.append(grp.iloc[np.sort(rng.choice(len(grp), size=min(per_class, len(grp)), replace=False))])
    sample = pd.concat(parts)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        for r in sample.itertuples(index=False):
            fh.write(json.dumps({"id": r.id, "text": r.text[:800], "label": r.label, "source": r.source},
                                ensure_ascii=False) + "\n")


def main(argv=None) -> int:
    from speechtopics.config import load_config

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--methods", default="lda,embedding")
    ap.add_argument("--sets", default=",".join(SETS))
    ap.add_argument("--config", default=None)
    ap.add_argument("--out", default="data/interim/validate")
    ap.add_argument("--sample", default=None, help="write stratified samples into this folder and stop")
    args = ap.parse_args(argv)
    if not DATA.exists():
        print(f"{DATA}: labelled source data not present; nothing to validate")
        return 0
    cfg = load_config(args.config)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    rows = []
    for name in args.sets.split(","):
        build, k = SETS[name]
        df = build()
        df.to_json(out / f"{name}.jsonl", orient="records", lines=True, force_ascii=False)
        if args.sample:
            write_sample(df, Path(args.sample) / f"{name}.jsonl")
            continue
        rows += evaluate_set(name, df, k, args.methods.split(","), cfg)
    if rows:
        pd.DataFrame(rows).to_csv(out / "results.csv", index=False, lineterminator="\n", float_format="%.4f")
    return 0


if __name__ == "__main__":
    sys.exit(main())
