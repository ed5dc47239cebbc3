"""Validate ``speechtopics cluster`` against known categories, next to a TF-IDF + k-means baseline.

Two labelled sets are prepared from the validation data folder (``SPEECHTOPICS_VALIDATION_DATA``,
default ``shared/data`` beside the repository; see benchmarks/README.md):

* ``hebei_department`` -- Hebei provincial policy documents labelled by issuing department (the five
  department folders), rows with at least 50 characters of ``内容``, exact duplicate texts dropped; k=5.
* ``genre_proxy`` -- a **proxy** three-genre set from sources not in the bundled corpus: 讲话 (Xi
  speeches and letters published 2020, ``xi_speeches_2020``), 解读 (Hebei 政策解读 and 政府信息公开年报
  files) and 新闻 (《新闻联播》 items, a seeded sample). Genre and source coincide here, so the set
  measures whether clusters separate registers, not genre within one source; k=3.

Run ``python benchmarks/validate_clusters.py [--methods lda,embedding] [--seeds 3] [--out DIR]``. Each
set is split into a tuning half and a held-out half (stratified, seeded); the LDA route was tuned on the
tuning half only. Prints one row per (set, half, seed, method) with NMI, ARI and seconds, then the mean
and min over seeds, and writes the prepared sets as JSONL and the results as
CSV under ``--out`` (default ``data/interim/validate``). ``--sample DIR`` writes a small stratified
sample (for ``tests/data/labelled``). ``--resamples N`` instead scores the LDA route and the baseline
on ``N`` genre sets drawn afresh from every speech, interpretation and news item of the validation
data (70 + 100 + 100 texts each, draw ``r`` seeded with ``100 + r``; one method seed), which shows how
much the genre figure moves with the sample.
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

DATA = Path(os.environ.get("SPEECHTOPICS_VALIDATION_DATA", Path(__file__).resolve().parents[1].parent / "shared" / "data"))
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


def _departments() -> pd.DataFrame:
    from speechtopics.models.embedding_data import load_departments

    return load_departments(DATA)


def _genres() -> pd.DataFrame:
    from speechtopics.models.embedding_data import load_genres

    return load_genres(DATA)


#: The sets scored: the embedding route's loaders (the same texts, links and the 《新闻联播》 prefix
#: stripped so no URL or fixed opening gives the genre away); ``hebei_department``/``genre_proxy``
#: above are the earlier variants (kept for ``--sample``).
SETS = {"hebei_department": (_departments, 5), "genre_proxy": (_genres, 3)}
SAMPLE_SETS = {"hebei_department": (hebei_department, 5), "genre_proxy": (genre_proxy, 3)}


def tfidf_kmeans(token_lists: list[list[str]], k: int, seed: int) -> np.ndarray:
    """Baseline: TF-IDF (sublinear, same tokens, min_df 2, max_df 0.5) + seeded k-means."""
    from sklearn.cluster import KMeans
    from sklearn.feature_extraction.text import TfidfVectorizer

    x = TfidfVectorizer(analyzer=lambda t: t, min_df=2, max_df=0.5, sublinear_tf=True).fit_transform(token_lists)
    return KMeans(n_clusters=k, n_init=10, random_state=seed).fit_predict(x)


def evaluate_set(name: str, df: pd.DataFrame, k: int, methods: list[str], cfg, seeds=(0, 1, 2)) -> list[dict]:
    """NMI/ARI of each method (and the TF-IDF baseline) on both halves of one labelled set, per seed.

    The set is split into a tuning half and a held-out half (stratified, seeded:
    :func:`speechtopics.models.embedding_data.half_split`); the LDA route's defaults were chosen on the
    tuning half only, so the held-out rows are the honest ones. Method seeds are ``SEED + s``.
    """
    from speechtopics.evaluate import agreement
    from speechtopics.models import lda_cluster as lda
    from speechtopics.models import text_features as tf
    from speechtopics.models.embedding_data import half_split

    t = time.perf_counter()
    tokens = tf.prepare_texts(df["text"].tolist(), cfg)
    register = tf.register_tokens(df["text"].tolist())
    seg_s = time.perf_counter() - t
    labels_all = df["label"].to_numpy()
    results = []
    print(f"{name}: {len(df)} docs, labels {df['label'].value_counts().to_dict()}, segmented in {seg_s:.0f} s")
    for half, idx in zip(("tune", "held-out"), half_split(labels_all, seed=0)):
        y = labels_all[idx].tolist()
        tok, reg = [tokens[i] for i in idx], [register[i] for i in idx]
        for s in seeds:
            seed = SEED + s

            def record(method, fn):
                t0 = time.perf_counter()
                labels = fn()
                row = {"set": name, "half": half, "seed": seed, "method": method, "k": k, "n_docs": len(idx),
                       **agreement(y, labels), "seconds": time.perf_counter() - t0}
                results.append(row)
                print(f"{name:18s} {half:8s} seed={seed} {method:14s} NMI={row['nmi']:.3f} ARI={row['ari']:.3f} "
                      f"({row['seconds']:.0f} s, n={len(idx)})", flush=True)

            record("tfidf_kmeans", lambda: tfidf_kmeans(tok, k, seed))
            if "lda" in methods:
                record("lda", lambda: lda.cluster_tokens(tok, k, seed, cfg.cluster, register=reg, lda=cfg.lda)[0])
            if "embedding" in methods:
                try:
                    from speechtopics.models.embeddings import cluster_texts_embedding as emb_cluster
                except ImportError as exc:
                    print(f"{name}: embedding method not available ({exc})")
                else:
                    record("embedding", lambda: emb_cluster(df["text"].to_numpy()[idx].tolist(), k, seed, cfg))
    return results


#: Texts per genre of each resampled set (the pools hold 145 speeches, 137 interpretations and 3,286 news items).
RESAMPLE_SIZES = {"讲话": 70, "政策解读": 100, "新闻": 100}


def evaluate_resamples(n: int, methods: list[str], cfg) -> list[dict]:
    """NMI/ARI of the LDA route and the TF-IDF baseline on ``n`` resampled genre sets (k=3, seed ``SEED``)."""
    from speechtopics.evaluate import agreement
    from speechtopics.models import lda_cluster as lda
    from speechtopics.models import text_features as tf
    from speechtopics.models.embedding_data import genre_pools, resampled_genres

    pools = genre_pools(DATA)
    print("genre pools:", {g: len(t) for g, t in pools.items()})
    rows = []
    for r in range(n):
        df = resampled_genres(pools, RESAMPLE_SIZES, seed=100 + r)
        texts, y = df["text"].tolist(), df["label"].tolist()
        tokens, register = tf.prepare_texts(texts, cfg), tf.register_tokens(texts)
        runs = {"tfidf_kmeans": lambda: tfidf_kmeans(tokens, 3, SEED)}
        if "lda" in methods:
            runs["lda"] = lambda: lda.cluster_tokens(tokens, 3, SEED, cfg.cluster, register=register, lda=cfg.lda)[0]
        for method, fn in runs.items():
            t0 = time.perf_counter()
            row = {"set": f"genre_resample_{r}", "half": "whole", "seed": SEED, "method": method, "k": 3,
                   "n_docs": len(df), **agreement(y, fn()), "seconds": time.perf_counter() - t0}
            rows.append(row)
            print(f"{row['set']:18s} {method:14s} NMI={row['nmi']:.3f} ARI={row['ari']:.3f} ({row['seconds']:.0f} s)",
                  flush=True)
    summary = pd.DataFrame(rows).groupby("method")["nmi"].agg(["mean", "min", "max"]).round(3)
    print(summary.to_string())
    return rows


def summarise(rows: list[dict]) -> pd.DataFrame:
    """Mean and min NMI/ARI over seeds per set, half and method."""
    df = pd.DataFrame(rows)
    return df.groupby(["set", "half", "method"])[["nmi", "ari", "seconds"]].agg(["mean", "min"]).round(3)


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
    ap.add_argument("--seeds", type=int, default=3, help="method seeds per half")
    ap.add_argument("--resamples", type=int, default=0,
                    help="score N genre sets resampled from all the validation data instead of the halves")
    args = ap.parse_args(argv)
    if not DATA.exists():
        print(f"{DATA}: labelled source data not present; nothing to validate")
        return 0
    cfg = load_config(args.config)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    rows = []
    if args.resamples:
        rows = evaluate_resamples(args.resamples, args.methods.split(","), cfg)
        pd.DataFrame(rows).to_csv(out / "resamples.csv", index=False, lineterminator="\n", float_format="%.4f")
        return 0
    for name in args.sets.split(","):
        build, k = (SAMPLE_SETS if args.sample else SETS)[name]
        df = build()
        df.to_json(out / f"{name}.jsonl", orient="records", lines=True, force_ascii=False)
        if args.sample:
            write_sample(df, Path(args.sample) / f"{name}.jsonl")
            continue
        rows += evaluate_set(name, df, k, args.methods.split(","), cfg, seeds=range(args.seeds))
    if rows:
        pd.DataFrame(rows).to_csv(out / "results.csv", index=False, lineterminator="\n", float_format="%.4f")
        print(summarise(rows).to_string())
    return 0


if __name__ == "__main__":
    sys.exit(main())
