"""Exploratory, superseded: the first look at a refit bootstrap of the effect, before the library had one.

``estimate_effect(uncertainty="refit")`` now implements it (with share draws and t intervals) and
``sim_effects.py --modes refit`` measures it; this script is kept to reproduce the exploratory numbers in
``docs/experiments.md``.

Each replication simulates a corpus as ``sim_effects.py`` does, fits the reported LDA and its
``estimate_effect`` intervals (``~ group + year``, ``uncertainty="global"``), then refits LDA on B
bootstrap samples of the documents (seed ``1000 r + b + 1``), matches each refit's topics to the reported
model's (Hungarian on topic-word, the reference vocabulary), regresses the posterior-mean shares and takes
the sd of the B estimates as the standard error: estimate +- 1.96 sd. Writes every row to
``/tmp/refit_boot_L<L>.csv`` and prints the coverage of both intervals.

Usage::

    PYTHONPATH=src python benchmarks/refit_bootstrap_effects.py REPLICATIONS B DOC_LEN
"""
import sys
import time

import numpy as np
import pandas as pd
from speechtopics.models.effect_simulation import (simulate_corpus, fit_stand_in, true_effects, align_topics,
                                                   SimulatedCorpus)
from speechtopics.models.effects import estimate_effect
from speechtopics.evaluate import match_topics

R, B, L = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
truth = true_effects(simulate_corpus(n_docs=5, doc_len=5, k=3, seed=0).params, n_mc=100000)
truth = truth.set_index(["estimand", "true_topic"])["truth"]
rows = []
t0 = time.time()
for r in range(R):
    sim = simulate_corpus(n_docs=500, doc_len=L, k=3, seed=r)
    ref = fit_stand_in(sim, k=3, seed=r)
    match, simil = align_topics(sim, ref)
    summ = estimate_effect(ref, "~ group + year", nsims=25, seed=r).summary().set_index(["topic", "term"])
    words = ref.vocab
    boot = []
    rng = np.random.default_rng([r, 7])
    for b in range(B):
        idx = rng.integers(0, 500, 500)
        data = sim.data.iloc[idx].reset_index(drop=True).copy()
        data["doc_id"] = [f"b{i:04d}" for i in range(500)]
        bs = SimulatedCorpus([sim.docs[i] for i in idx], data, sim.beta, sim.vocab, sim.theta[idx], sim.params)
        m = fit_stand_in(bs, k=3, seed=r * 1000 + b + 1)
        own = m.vocab
        pos = {w: j for j, w in enumerate(own)}
        tw = np.zeros((3, len(words)))
        for j, w in enumerate(words):
            if w in pos:
                tw[:, j] = m.topic_word_[:, pos[w]]
        mt, _ = match_topics(ref.topic_word_, tw)
        s = estimate_effect(m, "~ group + year", nsims=1, uncertainty="none", seed=r).summary().set_index(["topic", "term"])
        boot.append({(t_ref + 1, term): s.loc[(int(mt[t_ref]) + 1, term), "estimate"]
                     for t_ref in range(3) for term in ("group[T.b]", "year")})
    boot = pd.DataFrame(boot)
    for i in range(3):
        t = int(match[i])
        for estimand, term in (("factor", "group[T.b]"), ("trend", "year")):
            est, lo, hi = summ.loc[(t, term), ["estimate", "ci_lower", "ci_upper"]]
            sd_b = boot[(t, term)].std(ddof=1)
            tr = truth[(estimand, i + 1)]
            rows.append((r, i + 1, float(simil[i]), estimand, tr, est, lo, hi, (hi - lo) / 3.92, sd_b,
                         bool(lo <= tr <= hi), bool(abs(est - tr) <= 1.96 * sd_b)))
    print(f"{r + 1} replications, {time.time() - t0:.0f} s", flush=True)
    out = pd.DataFrame(rows, columns=["replication", "true_topic", "similarity", "estimand", "truth", "estimate",
                                      "ci_lower", "ci_upper", "se_global", "se_refit_boot", "covered_global",
                                      "covered_refit_boot"])
    out.to_csv(f"/tmp/refit_boot_L{L}.csv", index=False)
g = out.groupby("estimand")
print(g.agg(coverage_global=("covered_global", "mean"), coverage_refit=("covered_refit_boot", "mean"),
            se_global=("se_global", "mean"), se_refit=("se_refit_boot", "mean"),
            sd_estimates=("estimate", "std")).to_string())
