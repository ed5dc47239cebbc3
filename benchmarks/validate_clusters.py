"""Validate :func:`speechtopics.cluster` on labelled sets, beside TF-IDF + k-means and plain LDA + k-means.

The sets and their design/test split are :mod:`cluster_sets` (committed before any score; sources no
clustering choice of this project used), plus ``hebei_department`` (Hebei policy documents by issuing
department, :func:`speechtopics.models.embedding_data.load_departments`), which *was* used for earlier
choices of the clustering routes and is reported as such. Every route and baseline is given k = the
number of labels and seed 0.

Routes: ``policy/lda``, ``policy/embedding``, ``rhetoric`` (the method plays no part), ``both/lda``,
``both/embedding`` (sets whose axes include rhetoric only). Baselines on the same texts and tokens (the
segment stage's content tokens):

* ``tfidf_kmeans`` -- TF-IDF (sublinear, min_df 2, max_df 0.5) of each text's tokens, k-means (10 inits);
* ``lda_kmeans`` -- one gensim LDA with ``lda.k`` topics on whole texts (the config's LDA settings),
  k-means (10 inits) on the topic shares as they are.

With ``--old DIR`` (a checkout of an earlier version, e.g. ``git worktree add /tmp/old-cluster 3c22f83``)
the earlier ``cluster --method lda`` (the tuned ensemble) is scored on the same texts too, run by that
checkout's CLI in its own process, for the sets named in ``--old-sets``.

Run ``python benchmarks/validate_clusters.py --half design`` while designing, ``--half test`` once at the
end. Prints one row per (set, route) with NMI, ARI, the route's stability across seeds and seconds, and
writes them as CSV under ``--out`` (default ``data/interim/validate``). Speeches a route could not
cluster (no content token left) count as one more cluster (-1).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))

import cluster_sets  # noqa: E402

ROUTES = [("policy", "lda"), ("policy", "embedding"), ("rhetoric", "lda"), ("both", "lda"), ("both", "embedding")]


def hebei_department(data: Path = cluster_sets.DATA) -> pd.DataFrame:
    """The Hebei department set (used before for clustering choices), split like the others."""
    from speechtopics.models.embedding_data import load_departments

    df = load_departments(data).drop_duplicates("text", keep=False).reset_index(drop=True)
    df["split"] = [cluster_sets.split_of(i) for i in df["id"]]
    return df


SETS = {**cluster_sets.SETS, "hebei_department": (hebei_department, 5, ("policy",))}


def tfidf_kmeans(token_lists: list[list[str]], k: int, seed: int) -> np.ndarray:
    """TF-IDF (sublinear, min_df 2, max_df 0.5) + seeded k-means."""
    from sklearn.cluster import KMeans
    from sklearn.feature_extraction.text import TfidfVectorizer

    x = TfidfVectorizer(analyzer=lambda t: t, min_df=2, max_df=0.5, sublinear_tf=True).fit_transform(token_lists)
    return KMeans(n_clusters=k, n_init=10, random_state=seed).fit_predict(x)


def lda_kmeans(token_lists: list[list[str]], k: int, seed: int, cfg) -> np.ndarray:
    """One gensim LDA (``cfg.lda``, ``lda.k`` topics) on whole texts + seeded k-means on the shares."""
    from sklearn.cluster import KMeans

    from speechtopics.corpus import build_dictionary, to_bow
    from speechtopics.models.lda import document_topics, fit_lda

    dictionary = build_dictionary(token_lists, cfg.corpus)
    bow = to_bow(dictionary, token_lists)
    theta = document_topics(fit_lda(bow, dictionary, cfg.lda.k, cfg.lda, seed), bow)
    return KMeans(n_clusters=k, n_init=10, random_state=seed).fit_predict(theta)


def old_route(df: pd.DataFrame, k: int, old: Path, seed: int = 0) -> list[int]:
    """The earlier checkout's ``cluster --method lda`` on ``df``'s texts (its own process and config)."""
    import json
    import os
    import subprocess
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in.jsonl"
        src.write_text("".join(json.dumps({"id": i, "text": t}, ensure_ascii=False) + "\n"
                               for i, t in zip(df["id"], df["text"])), encoding="utf-8")
        out = Path(tmp) / "out.csv"
        subprocess.run([sys.executable, "-m", "speechtopics.cli", "cluster", str(src), "--k", str(k), "--method", "lda",
                        "--seed", str(seed), "--out", str(out)], check=True, cwd=old, capture_output=True,
                       env={**os.environ, "PYTHONPATH": str(old / "src")})
        got = pd.read_csv(out, dtype={"id": str})
    return dict(zip(got["id"], got["cluster"]))


def score(truth, labels) -> dict:
    from speechtopics.evaluate import agreement

    res = agreement(list(truth), [int(x) for x in labels])
    return {"nmi": round(res["nmi"], 4), "ari": round(res["ari"], 4)}


def evaluate(name: str, half: str, cfg, seed: int = 0, old: Path | None = None) -> list[dict]:
    """Every route and baseline on one half of one set."""
    import speechtopics as st
    from speechtopics.models.speech_clusters import corpus_from_texts

    build, k, axes = SETS[name]
    df = build()
    df = df[df["split"] == half].reset_index(drop=True)
    corpus = corpus_from_texts(df["id"], df["text"], df["title"], cfg)
    truth = dict(zip(df["id"], df["label"]))
    ids = [r["doc_id"] for r in corpus.records]
    tokens = [list(r["tokens"]) for r in corpus.records]
    rows = []
    base = {"set": name, "half": half, "n": len(ids), "k": k}
    for label, fn in (("tfidf_kmeans", lambda: tfidf_kmeans(tokens, k, seed)),
                      ("lda_kmeans", lambda: lda_kmeans(tokens, k, seed, cfg))):
        t = time.perf_counter()
        labels = fn()
        rows.append({**base, "route": label, **score([truth[i] for i in ids], labels), "stability": np.nan,
                     "seconds": round(time.perf_counter() - t, 1)})
    if old is not None:
        t = time.perf_counter()
        got = old_route(df, k, old, seed)
        rows.append({**base, "route": "old_lda_ensemble", **score([truth[i] for i in ids], [got[i] for i in ids]),
                     "stability": np.nan, "seconds": round(time.perf_counter() - t, 1)})
    for by, method in ROUTES:
        if by not in axes:
            continue
        t = time.perf_counter()
        res = st.cluster(corpus, k, by=by, method=method, seed=seed)
        got = dict(zip(res.assignments["doc_id"], res.assignments["cluster"]))
        labels = [got.get(i, -1) for i in ids]
        route = "rhetoric" if by == "rhetoric" else f"{by}/{method}"
        rows.append({**base, "route": route, **score([truth[i] for i in ids], labels),
                     "stability": res.stability, "seconds": round(time.perf_counter() - t, 1)})
    return rows


def main(argv=None) -> int:
    from speechtopics.config import load_config

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--half", choices=("design", "test"), required=True)
    ap.add_argument("--sets", default=",".join(SETS))
    ap.add_argument("--out", type=Path, default=Path("data/interim/validate"))
    ap.add_argument("--old", type=Path, default=None, help="Checkout of an earlier version (its root).")
    ap.add_argument("--old-sets", default="national_genres,xi_genres,thucnews_topics")
    args = ap.parse_args(argv)
    cfg = load_config(None)
    rows = []
    for name in args.sets.split(","):
        old = args.old.resolve() if args.old is not None and name in args.old_sets.split(",") else None
        rows += evaluate(name, args.half, cfg, old=old)
        print(pd.DataFrame(rows[-8:]).to_string(index=False), flush=True)
    table = pd.DataFrame(rows)
    args.out.mkdir(parents=True, exist_ok=True)
    table.to_csv(args.out / f"clusters_{args.half}.csv", index=False, lineterminator="\n")
    wide = table.pivot_table(index="route", columns="set", values="nmi", sort=False)
    print(wide.round(3).to_string())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
