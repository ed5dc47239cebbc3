"""How much wider the method of composition's intervals are than the posterior-mean regression's.

``estimate_effect(uncertainty="global")`` draws each document's topic shares from gensim's variational
Dirichlet (stm's method of composition); ``uncertainty="none"`` regresses the posterior means once. How
far apart their intervals are depends on how large a document's share uncertainty is beside the spread of
the shares across documents: on the document length and on how mixed the documents are. This script
measures the ratio of interval widths (none / global) on planted corpora of
``speechtopics.models.effect_simulation`` over a grid of document lengths and noise sds (the sd of the
logit-scale document noise: 2 = most documents dominated by one topic, 0.5 = well-mixed documents), and
prints, per cell, the median width ratio over (corpus, topic) pairs for the factor and the trend, and the
mean Dirichlet variance of a share beside the variance of the posterior means across documents.

Usage::

    PYTHONPATH=src python benchmarks/effect_widths.py --corpora 20 --lengths 6,12,40 --sigmas 0.5,1,2
"""

from __future__ import annotations

import argparse
import time

import pandas as pd

from speechtopics.models.effect_simulation import align_topics, fit_stand_in, simulate_corpus
from speechtopics.models.effects import estimate_effect


def widths(seed: int, doc_len: int, sigma: float, n_docs: int, k: int) -> list[dict]:
    """Width ratios none / global for the three planted topics of one corpus."""
    sim = simulate_corpus(n_docs=n_docs, doc_len=doc_len, k=k, seed=seed, sigma=sigma)
    model = fit_stand_in(sim, k=k, seed=seed)
    match, _ = align_topics(sim, model)
    fitted = [int(t) for t in match[:3]]
    out = {}
    for mode in ("none", "global"):
        s = estimate_effect(model, "~ group + year", topics=fitted, nsims=25, uncertainty=mode,
                            seed=seed).summary().set_index(["topic", "term"])
        out[mode] = s["ci_upper"] - s["ci_lower"]
    gamma = model.model_.inference(list(model.bow_))[0]
    total = gamma.sum(1, keepdims=True)
    mean = gamma / total
    dirichlet_var = float((mean * (1 - mean) / (total + 1)).mean())
    spread = float(mean.var(0).mean())
    rows = []
    for t in fitted:
        for term, estimand in (("group[T.b]", "factor"), ("year", "trend")):
            rows.append({"doc_len": doc_len, "sigma": sigma, "corpus": seed, "topic": t, "estimand": estimand,
                         "ratio": float(out["none"][(t, term)] / out["global"][(t, term)]),
                         "dirichlet_var": dirichlet_var, "share_var": spread})
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpora", type=int, default=20)
    parser.add_argument("--docs", type=int, default=500)
    parser.add_argument("--k", type=int, default=3)
    parser.add_argument("--lengths", default="6,12,40")
    parser.add_argument("--sigmas", default="0.5,1,2")
    parser.add_argument("--first", type=int, default=2000, help="seed of the first corpus")
    parser.add_argument("--out", default="")
    args = parser.parse_args()
    rows, start = [], time.perf_counter()
    for length in [int(x) for x in args.lengths.split(",")]:
        for sigma in [float(x) for x in args.sigmas.split(",")]:
            for seed in range(args.first, args.first + args.corpora):
                rows += widths(seed, length, sigma, args.docs, args.k)
            print(f"  ~{length} tokens, sd {sigma}: {time.perf_counter() - start:.0f} s", flush=True)
    table = pd.DataFrame(rows)
    if args.out:
        table.to_csv(args.out, index=False)
    summary = (table.pivot_table(index=["doc_len", "sigma"], columns="estimand", values="ratio", aggfunc="median")
               .join(table.groupby(["doc_len", "sigma"])[["dirichlet_var", "share_var"]].mean()))
    print(summary.round(4).to_string())
    print(f"corpora per cell {args.corpora}, {args.docs} documents, K={args.k}; "
          f"median over (corpus, topic) pairs of width(none) / width(global)")


if __name__ == "__main__":
    main()
