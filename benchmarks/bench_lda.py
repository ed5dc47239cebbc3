"""Time the default LDA sweep (K grid x seeds, no cache) on the bundled corpus, next to tomotopy.

Run ``python benchmarks/bench_lda.py [--config config/default.yaml]``. The sweep is ``LdaSweep`` with the
config's grid, seeds, passes and ``n_jobs``; the comparison fits tomotopy ``LDAModel`` on the same unit
tokens (vocabulary of the gensim dictionary) for the same (K, seed) grid with ``sweep_iterations x
sweep_passes`` Gibbs iterations, ``workers=1`` and the same number of processes (no coherence). Prints
both wall times and their ratio.
"""

from __future__ import annotations

import argparse
import time


def _tomotopy_fit(docs, k, seed, iterations):
    import tomotopy as tp

    model = tp.LDAModel(k=k, seed=seed)
    for doc in docs:
        if doc:
            model.add_doc(doc)
    model.train(iterations, workers=1)
    return k


def main(argv=None) -> None:
    from joblib import Parallel, delayed

    from speechtopics.models.sweep import LdaSweep
    from speechtopics.project import Project

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--config", default=None)
    args = ap.parse_args(argv)
    pipe = Project(args.config)
    c, cfg = pipe.corpus, pipe.config.lda
    vocab = set(c["dictionary"].token2id)
    docs = [[t for t in u["tokens"] if t in vocab] for u in c["units"]]
    print(f"{len(docs)} {pipe.config.corpus.unit} units, {len(vocab)} terms, {sum(map(len, docs)):,} tokens; "
          f"K={list(cfg.sweep_ks)} x {cfg.sweep_seeds} seeds, n_jobs={cfg.n_jobs}")
    t = time.perf_counter()
    sweep = LdaSweep(cfg.sweep_ks, cfg.sweep_seeds, cfg, random_state=pipe.config.seed, n_jobs=cfg.n_jobs).fit(
        c["bow"], c["dictionary"], docs)
    gensim_s = time.perf_counter() - t
    fit_s = sweep.runs_["seconds"].sum()
    print(f"gensim sweep (fits + all criteria): {gensim_s:.1f} s wall (fits {fit_s:.1f} s CPU); chose K={sweep.best_k_}")
    t = time.perf_counter()
    Parallel(n_jobs=cfg.n_jobs, backend="loky")(
        delayed(_tomotopy_fit)(docs, k, pipe.config.seed + s, cfg.sweep_iterations * cfg.sweep_passes)
        for k in cfg.sweep_ks for s in range(cfg.sweep_seeds))
    tomo_s = time.perf_counter() - t
    print(f"tomotopy LDA, same grid (fits only): {tomo_s:.1f} s wall; ratio gensim/tomotopy = {gensim_s / tomo_s:.2f}")


if __name__ == "__main__":
    main()
