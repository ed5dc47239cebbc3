"""Time deterministic data-parallel LDA (``fit_lda_parallel``): 1 worker vs 2 local processes, next to gensim.

Run ``python benchmarks/bench_parallel_lda.py [--docs 20000] [--k 20] [--passes 5]``. The corpus is
synthetic from real text: paragraphs of ``data/raw/xi_speeches_2013_2016`` (read and segmented with
:func:`speechtopics.read_corpus`, at least 10 tokens each) drawn with replacement by a seeded numpy
Generator up to ``--docs`` documents; vocabulary: terms in at least 3 documents and at most half of them.
Prints the wall time of each fit, whether the 1-worker and 2-process topic-word matrices are the same
bytes, and gensim ``LdaModel`` (one process, batch ``update_every=0``, same passes, iterations and
chunksize = partition size) for reference; its topics differ (its E-step draws from one random stream).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]


def corpus(n_docs: int, seed: int = 0):
    """Bag-of-words of ``n_docs`` paragraphs resampled from the bundled speeches, and the dictionary."""
    from gensim.corpora import Dictionary

    from speechtopics.reading import read_corpus

    c = read_corpus(REPO / "data" / "raw" / "xi_speeches_2013_2016")
    paras = [list(p["tokens"]) for r in c.records for p in r["paragraphs"] if len(p["tokens"]) >= 10]
    rng = np.random.default_rng(seed)
    docs = [paras[i] for i in rng.integers(len(paras), size=n_docs)]
    dictionary = Dictionary(docs)
    dictionary.filter_extremes(no_below=3, no_above=0.5, keep_n=None)
    bow = [dictionary.doc2bow(d) for d in docs]
    return bow, dictionary, len(paras)


def main(argv=None) -> None:
    from gensim.models import LdaModel

    from speechtopics.models.parallel_lda import fit_lda_parallel

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=20000)
    ap.add_argument("--k", type=int, default=20)
    ap.add_argument("--passes", type=int, default=5)
    ap.add_argument("--iterations", type=int, default=50)
    ap.add_argument("--partition-size", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    bow, dictionary, n_paras = corpus(args.docs)
    n_tokens = sum(c for d in bow for _, c in d)
    print(f"{len(bow)} documents resampled from {n_paras} real paragraphs, {len(dictionary)} terms, "
          f"{n_tokens:,} tokens; K={args.k}, passes={args.passes}, iterations={args.iterations}, "
          f"partition size {args.partition_size} ({-(-len(bow) // args.partition_size)} partitions)")
    common = dict(passes=args.passes, iterations=args.iterations, partition_size=args.partition_size,
                  seed=args.seed)
    timings, topics = {}, {}
    for name, kw in (("1 worker (synchronous)", dict(workers=1)),
                     ("2 local processes", dict(scheduler="processes", workers=2))):
        t = time.perf_counter()
        model = fit_lda_parallel(bow, dictionary, args.k, **common, **kw)
        timings[name] = time.perf_counter() - t
        topics[name] = model.get_topics().tobytes()
        print(f"fit_lda_parallel, {name}: {timings[name]:.1f} s wall")
    same = len(set(topics.values())) == 1
    print(f"topic-word matrices identical (bytes): {same}")
    t = time.perf_counter()
    LdaModel(bow, id2word=dictionary, num_topics=args.k, passes=args.passes, iterations=args.iterations,
             update_every=0, chunksize=args.partition_size, random_state=args.seed, eval_every=None,
             minimum_probability=0.0, dtype=np.float64)
    gensim_s = time.perf_counter() - t
    one, two = timings.values()
    print(f"gensim LdaModel, one process (reference): {gensim_s:.1f} s wall")
    print(f"speed-up 2 processes / 1 worker: {one / two:.2f}x; 1 worker / gensim: {one / gensim_s:.2f}")


if __name__ == "__main__":
    main()
