"""Validate ``cluster --method embedding`` on labelled corpora from the validation data folder
(``SPEECHTOPICS_VALIDATION_DATA``, default ``../shared/data``; see benchmarks/README.md).

Two checks, each scored (NMI, ARI) on a *held-out* half (the route's defaults were chosen on the
other, "tune", half; both are printed), against a plain TF-IDF + KMeans baseline in the same run:

* departments: Hebei policy documents labelled by the department that published them, k=5;
* genres (a PROXY for speeches labelled by genre, built from sources not in the bundled corpus):
  Xi 2020 speeches/letters vs Hebei 政策解读 vs 《新闻联播》 items, k=3.

Usage: ``python benchmarks/validate_embeddings.py [--routes frame_tfidf,tfidf_svd,doc2vec]
[--only genres] [--stance-weight 1.5]``
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import time

import numpy as np
from sklearn.cluster import KMeans
from sklearn.feature_extraction.text import TfidfVectorizer

from speechtopics.config import load_config
from speechtopics.evaluate import agreement
from speechtopics.models.embedding_data import SHARED_DATA, half_split, load_departments, load_genres
from speechtopics.models.embeddings import cluster_texts_embedding
from speechtopics.models.text_features import substantive_tokens


def baseline(texts, k, seed, cfg):
    """TF-IDF (substantive tokens, L2) + KMeans, the plain peer route."""
    toks = substantive_tokens(texts, cfg.segment)
    X = TfidfVectorizer(analyzer=lambda t: t, min_df=2, max_df=0.5).fit_transform(toks)
    return KMeans(k, n_init=10, random_state=seed).fit_predict(X)


def score(name, df, k, cfg, routes):
    tune, test = half_split(df["label"].to_numpy(), seed=0)
    print(f"\n== {name}: {len(df)} texts, k={k}, labels {df['label'].value_counts().to_dict()}")
    for route in ["baseline", *routes]:
        for part, idx in (("tune", tune), ("held-out", test)):
            texts, y = df["text"].to_numpy()[idx].tolist(), df["label"].to_numpy()[idx]
            t0 = time.perf_counter()
            if route == "baseline":
                labels = baseline(texts, k, cfg.seed, cfg)
            else:
                c = dataclasses.replace(cfg, embeddings=dataclasses.replace(cfg.embeddings, vectorizer=route))
                labels = cluster_texts_embedding(texts, k, cfg.seed, c)
            a = agreement(y, labels)
            print(f"{route:14s} {part:9s} n={len(idx):4d}  NMI={a['nmi']:.3f}  ARI={a['ari']:.3f}  "
                  f"({time.perf_counter() - t0:.1f}s)", flush=True)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--routes", default="frame_tfidf,tfidf_svd")
    ap.add_argument("--only", choices=["departments", "genres"], default=None)
    ap.add_argument("--stance-weight", type=float, default=None,
                    help="embeddings.stance_weight for every route (default: the config's)")
    args = ap.parse_args(argv)
    if not (SHARED_DATA / "hebei_gov_policy_docs").exists():
        print(f"{SHARED_DATA}: labelled corpora not found; nothing to validate")
        return 0
    cfg = load_config()
    if args.stance_weight is not None:
        cfg = dataclasses.replace(cfg, embeddings=dataclasses.replace(cfg.embeddings,
                                                                      stance_weight=args.stance_weight))
    routes = [r for r in args.routes.split(",") if r]
    if args.only in (None, "departments"):
        score("departments (Hebei policy documents)", load_departments(), 5, cfg, routes)
    if args.only in (None, "genres"):
        score("genres (PROXY: xi 2020 讲话 / Hebei 政策解读 / 新闻联播 新闻)", load_genres(), 3, cfg, routes)
    return 0


if __name__ == "__main__":
    sys.exit(main())
