"""Coverage and bias of ``estimate_effect`` on planted data, and its speed beside a plain OLS.

Each replication draws a corpus from the logistic-normal LDA of ``speechtopics.models.effect_simulation``
(a two-level factor, a linear year trend, a smooth sin(year) effect), fits gensim LDA (seed = replication),
aligns the fitted topics to the true ones (Hungarian on topic-word), runs ``estimate_effect`` and asks
whether the true effect on the expected-share scale (Monte Carlo from the generative model) lies in the
95% interval. Prints coverage, bias and RMSE per estimand and uncertainty mode (``--modes none,global,refit``;
``refit`` refits LDA ``--refits`` times per corpus and estimates factor and trend only), pooled over the
topics with each mode's mean width over ``global``'s; with ``--oracle N`` also
the coverage of plain OLS on the *true* shares (no LDA) over N corpora, which separates errors of the
estimand/regression from errors of topic estimation; then the timing of ``estimate_effect`` on 100
speeches x K=20 with 25 draws beside statsmodels OLS on the mean shares (``--timing-refits B``: and of
``uncertainty="refit"`` with B refits). ``--out`` writes every replication's rows as it goes, ``--minutes``
stops starting replications after that long, ``--from-csv`` summarises such files again.

Usage::

    PYTHONPATH=src python benchmarks/sim_effects.py --replications 100
    PYTHONPATH=src python benchmarks/sim_effects.py --replications 100 --modes refit --refits 10 --minutes 75
    PYTHONPATH=src python benchmarks/sim_effects.py --from-csv rows_none_global.csv rows_refit.csv --skip-timing
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import pandas as pd

from speechtopics.models.effect_simulation import (fit_stand_in, run_replication, simulate_corpus,
                                                   true_effects)
from speechtopics.models.effects import estimate_effect


def coverage(args) -> pd.DataFrame:
    truth = true_effects(simulate_corpus(n_docs=5, doc_len=5, k=args.k, seed=0).params, n_mc=100000)
    runs = []
    start = time.perf_counter()
    for r in range(args.first, args.first + args.replications):
        if args.minutes and time.perf_counter() - start > 60 * args.minutes:
            print(f"  stopped after {len(runs)} replications: --minutes {args.minutes} spent", flush=True)
            break
        runs.append(run_replication(r, n_docs=args.docs, doc_len=args.doc_len, k=args.k, nsims=args.nsims,
                                    passes=args.passes, uncertainty=tuple(args.modes.split(",")), truth=truth,
                                    cov_type=args.cov_type, refits=args.refits))
        if args.out:
            pd.concat(runs, ignore_index=True).to_csv(args.out, index=False)
        if (r + 1 - args.first) % args.every == 0:
            print(f"  {r + 1 - args.first} replications, {time.perf_counter() - start:.0f} s", flush=True)
    return summarise(pd.concat(runs, ignore_index=True))


def summarise(table: pd.DataFrame) -> pd.DataFrame:
    """Coverage, bias, RMSE and mean width per (estimand, uncertainty, true topic) of replication rows."""
    table = table.copy()
    table["error"] = table["estimate"] - table["truth"]
    table["width"] = table["ci_upper"] - table["ci_lower"]
    return (table.groupby(["estimand", "uncertainty", "true_topic"])
            .agg(truth=("truth", "first"), mean_estimate=("estimate", "mean"), bias=("error", "mean"),
                 rmse=("error", lambda e: float(np.sqrt(np.mean(e ** 2)))), coverage=("covered", "mean"),
                 mean_width=("width", "mean"), min_similarity=("similarity", "min"),
                 replications=("replication", "nunique"))
            .reset_index())


def pooled(table: pd.DataFrame) -> pd.DataFrame:
    """Coverage, mean |bias| and mean width per (estimand, uncertainty), and each mode's width over global's."""
    g = table.assign(abs_bias=table["bias"].abs()).groupby(["estimand", "uncertainty"])
    out = g.agg(coverage=("coverage", "mean"), mean_abs_bias=("abs_bias", "mean"),
                mean_width=("mean_width", "mean"), replications=("replications", "min"))
    glob = out.xs("global", level="uncertainty")["mean_width"] if "global" in table["uncertainty"].values else None
    if glob is not None:
        out["width_over_global"] = out["mean_width"] / glob.reindex(out.index.get_level_values(0)).to_numpy()
    return out


def oracle_coverage(replications: int, docs: int, k: int) -> pd.DataFrame:
    """Coverage of 95% OLS intervals (``~ group + year``) fitted to the true shares of each corpus."""
    import statsmodels.api as sm

    truth = true_effects(simulate_corpus(n_docs=5, doc_len=5, k=k, seed=0).params, n_mc=100000)
    truth = truth.set_index(["estimand", "true_topic"])["truth"]
    rows = []
    for r in range(replications):
        sim = simulate_corpus(n_docs=docs, doc_len=1, k=k, seed=r)  # theta is drawn before the words
        x = sm.add_constant(np.column_stack([(sim.data["group"] == "b").astype(float),
                                             sim.data["year"].astype(float)]))
        for t in range(3):
            ci = sm.OLS(sim.theta[:, t], x).fit().conf_int()
            for j, estimand in ((1, "factor"), (2, "trend")):
                rows.append((estimand, t + 1, bool(ci[j, 0] <= truth[(estimand, t + 1)] <= ci[j, 1])))
    table = pd.DataFrame(rows, columns=["estimand", "true_topic", "covered"])
    return table.groupby(["estimand", "true_topic"])["covered"].mean().unstack()


def timing(seed: int = 1, refits: int = 0) -> dict:
    import statsmodels.api as sm
    from formulaic import Formula

    sim = simulate_corpus(n_docs=100, doc_len=800, k=20, seed=seed)
    model = fit_stand_in(sim, k=20, seed=seed, passes=3, iterations=50)
    t0 = time.perf_counter()
    eff = estimate_effect(model, "~ group + s(year)", nsims=25)
    eff.summary()
    t_effect = time.perf_counter() - t0
    t0 = time.perf_counter()
    shares = model.document_topics()
    x = np.asarray(Formula("~ group + bs(year, df=10)").get_model_matrix(shares))
    for t in range(1, 21):
        sm.OLS(shares[f"topic_{t}"].to_numpy(), x).fit().summary2()
    t_ols = time.perf_counter() - t0
    out = {"estimate_effect_s": t_effect, "plain_ols_s": t_ols}
    if refits:
        t0 = time.perf_counter()
        estimate_effect(model, "~ group + s(year)", nsims=25, uncertainty="refit", refits=refits).summary()
        out["refit_s"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        fit_stand_in(sim, k=20, seed=seed, passes=3, iterations=50)
        out["one_lda_fit_s"] = time.perf_counter() - t0
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replications", type=int, default=100)
    parser.add_argument("--docs", type=int, default=500)
    parser.add_argument("--doc-len", type=int, default=40)
    parser.add_argument("--k", type=int, default=3)
    parser.add_argument("--nsims", type=int, default=25)
    parser.add_argument("--passes", type=int, default=10)
    parser.add_argument("--cov-type", default="nonrobust", choices=["nonrobust", "HC1"])
    parser.add_argument("--modes", default="global,none", help="uncertainty modes, comma-separated "
                        "(global, none, refit)")
    parser.add_argument("--refits", type=int, default=20, help="LDA refits per corpus for uncertainty=refit")
    parser.add_argument("--first", type=int, default=0, help="seed of the first replication")
    parser.add_argument("--minutes", type=float, default=0, help="start no replication after this many minutes")
    parser.add_argument("--every", type=int, default=10, help="print progress every this many replications")
    parser.add_argument("--out", default="", help="CSV of every replication's rows")
    parser.add_argument("--from-csv", nargs="*", default=[], help="summarise these --out files instead of running")
    parser.add_argument("--oracle", type=int, default=0, help="replications of OLS on the true shares")
    parser.add_argument("--skip-timing", action="store_true")
    parser.add_argument("--timing-refits", type=int, default=0, help="also time uncertainty='refit' with this many")
    args = parser.parse_args()
    print(f"{args.replications} replications, {args.docs} docs of ~{args.doc_len} tokens, K={args.k}, "
          f"nsims={args.nsims}, LDA passes={args.passes}, cov_type={args.cov_type}, modes={args.modes}, "
          f"refits={args.refits}", flush=True)
    if args.from_csv or args.replications:
        table = (summarise(pd.concat([pd.read_csv(f) for f in args.from_csv], ignore_index=True))
                 if args.from_csv else coverage(args))
        with pd.option_context("display.width", 200, "display.max_columns", 20, "display.precision", 4):
            print(table.to_string(index=False))
            print("pooled over topics:")
            print(pooled(table).to_string())
    if args.oracle:
        print(f"oracle: OLS on the true shares, {args.oracle} corpora of {args.docs} documents, coverage")
        print(oracle_coverage(args.oracle, args.docs, args.k).to_string())
    if not args.skip_timing:
        t = timing(refits=args.timing_refits)
        print(f"timing, 100 speeches x K=20, 25 draws: estimate_effect {t['estimate_effect_s']:.2f} s; "
              f"plain OLS on mean shares (20 topics) {t['plain_ols_s']:.2f} s")
        if args.timing_refits:
            print(f"  uncertainty='refit', refits={args.timing_refits}: {t['refit_s']:.2f} s "
                  f"(one LDA fit of that corpus: {t['one_lda_fit_s']:.2f} s)")


if __name__ == "__main__":
    main()
