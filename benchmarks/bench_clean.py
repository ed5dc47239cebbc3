"""Benchmark: cleaning must cost less than 10 % of segmentation time on the same corpus.

Reads the bundled corpus (the config's inputs under data/raw) through ingest, times
:func:`speechtopics.clean.clean_documents` on the raw records, then times plain ``jieba.lcut`` on the
clean texts those records became, and prints both times and their ratio measured in this run.

Run: ``.venv/bin/python benchmarks/bench_clean.py [--config FILE] [--repeat N]``.
"""

from __future__ import annotations

import argparse
import time


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", default=None)
    parser.add_argument("--repeat", type=int, default=3, help="cleaning runs (best time is reported)")
    args = parser.parse_args()

    import jieba

    from speechtopics.clean import clean_documents
    from speechtopics.config import load_config
    from speechtopics.ingest import read_sources

    cfg = load_config(args.config)
    records, _ = read_sources(cfg.inputs)
    chars = sum(len(r["text"]) for r in records)
    clean_documents(records[:3], cfg.clean, seed=cfg.seed)  # warm caches (OpenCC, regex tables)
    best = float("inf")
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        cleaned = clean_documents(records, cfg.clean, seed=cfg.seed)
        best = min(best, time.perf_counter() - t0)
    texts = [r["text"] for r in cleaned if r["status"] == "kept"]
    jieba.initialize()
    t0 = time.perf_counter()
    n_tokens = sum(len(jieba.lcut(t)) for t in texts)
    seg = time.perf_counter() - t0
    ratio = best / seg
    print(f"corpus: {len(records)} documents, {chars:,} characters ({len(texts)} kept)")
    print(f"clean:   {best:7.3f} s  (best of {args.repeat})")
    print(f"segment: {seg:7.3f} s  (jieba.lcut, {n_tokens:,} tokens)")
    print(f"ratio clean/segment = {ratio:.3f}  ({'OK' if ratio < 0.10 else 'OVER'} the 0.10 budget)")
    return 0 if ratio < 0.10 else 1


if __name__ == "__main__":
    raise SystemExit(main())
