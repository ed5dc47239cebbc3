"""Model selection: LDA over a grid of K x seeds, scored on every criterion, and the rule that picks K.

Each (K, seed) fit is a single-threaded gensim ``LdaModel`` on the training units (exact under its
seed); fits run in parallel processes (joblib), or as tasks on a ``dask.distributed`` cluster when a
scheduler address is given (results gathered in grid order: the same bytes either way). A seeded split holds out ``cfg.holdout`` of the units
for held-out perplexity and held-out coherence. Coherence of all fits is computed in one gensim pass
per measure and reference set (co-occurrences are counted once for the union of all top words).

Rule (:func:`choose_k`, stated in :data:`RULE`): the semantic-coherence / exclusivity trade-off of stm's
``searchK`` practice (Roberts et al. 2014), decided by a one-standard-error rule. Held-out c_npmi and
stability fall with K almost by construction (more, narrower topics have rarer top words and more ways to
split), while exclusivity rises with K by construction (narrower topics share fewer words); a rule that
averages criteria which all move one way (the earlier mean of z-scores) therefore picks the smallest K
of any grid. Instead, (1) Ks whose mean stability across seeds is below ``stability_threshold`` are
not admissible (their topics do not replicate); (2) held-out c_npmi and exclusivity are min-max scaled
across the admissible Ks and summed per fit, so a K gains on one only by what it loses on the other;
(3) the smallest admissible K whose mean score is within one standard error of the best mean wins
(Breiman's one-SE rule: the simplest model the seeds cannot tell from the best). The standard error of a
K's mean over a few seeds is itself noisy, so the SEs of all admissible Ks are pooled (root mean square).
"""

from __future__ import annotations

import time
import warnings
from dataclasses import replace

import numpy as np
import pandas as pd

from speechtopics import evaluate
from speechtopics.models.lda import fit_lda
from speechtopics.models.options import LdaConfig

#: Criteria of the selection rule: held-out coherence traded against exclusivity (both higher-better).
RULE_CRITERIA = ("c_npmi_heldout", "exclusivity")
#: Every criterion reported per K (the rest are shown, not used by the rule).
CRITERIA = ("c_v", "c_npmi", "c_v_heldout", "c_npmi_heldout", "heldout_coverage", "u_mass", "heldout_ll",
            "perplexity", "diversity", "exclusivity", "stability")
#: The rule's choice among the Ks it admits (``which``: "those Ks", or "all Ks" when no K is stable).
SCORE_RULE = ("the smallest K whose score (held-out c_npmi and exclusivity, each min-max scaled across {which}, "
              "summed) is within one standard error (over seeds, pooled across Ks) of the best mean score")
#: The rule in one sentence (for the report table).
RULE = "among Ks with mean stability >= {threshold} across seeds, " + SCORE_RULE.format(which="those Ks")


def split_holdout(n: int, frac: float, random_state: int) -> tuple[np.ndarray, np.ndarray]:
    """Seeded split of ``n`` unit indices into (train, held-out), both sorted."""
    rng = np.random.default_rng(random_state)
    n_test = int(round(n * frac)) if n > 4 else 0
    perm = rng.permutation(n)
    return np.sort(perm[n_test:]), np.sort(perm[:n_test])


class TokenRows:
    """The token lists of ``texts`` at ``rows`` (sorted indices), kept to ``vocab``, read from ``texts``
    again each time this is iterated: a coherence reference that holds one unit's tokens at a time (one
    stored partition when ``texts`` reads stored units), not every unit's.

    ``texts`` is anything iterable more than once in the same order: a list of token lists,
    :class:`UnitTokens` over stored units, :class:`BowTokens` over a bag-of-words. gensim's coherence
    counts are sums over units, the same in any order, so the scores equal those of the list
    ``[texts[i] for i in rows]``.
    """

    def __init__(self, texts, rows, vocab: set[str]):
        self.texts, self.vocab, self.rows = texts, vocab, np.asarray(rows, dtype=np.int64)
        self.mask = np.zeros(int(self.rows.max()) + 1 if len(self.rows) else 0, dtype=bool)
        self.mask[self.rows] = True

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self):
        n = len(self.mask)
        for i, doc in enumerate(self.texts):
            if i >= n:
                return
            if self.mask[i]:
                yield [t for t in doc if t in self.vocab]


class UnitTokens:
    """The ``tokens`` of each unit of ``units`` (a list of dicts, or the stored units read one partition
    at a time), as a sequence iterable again and again."""

    def __init__(self, units):
        self.units = units

    def __len__(self) -> int:
        return len(self.units)

    def __iter__(self):
        return (u["tokens"] for u in self.units)


class BowTokens:
    """Each document of a bag-of-words as its token list (every term repeated by its count), iterable
    again and again."""

    def __init__(self, bow, dictionary):
        self.bow, self.dictionary = bow, dictionary

    def __len__(self) -> int:
        return len(self.bow)

    def __iter__(self):
        return ([self.dictionary[i] for i, c in doc for _ in range(c)] for doc in self.bow)


def _fit_one(train, test, dictionary, k: int, seed: int, cfg: LdaConfig) -> dict:
    start = time.perf_counter()
    model = fit_lda(train, dictionary, k, cfg, seed)
    bound = float(model.log_perplexity(test)) if test else float("nan")
    return {"k": k, "seed": seed, "topic_word": model.get_topics(), "heldout_ll": bound,
            "perplexity": float(np.exp2(-bound)), "seconds": time.perf_counter() - start}


def shutdown_workers() -> None:
    """Stop joblib's loky worker processes now, killing fits still running (a sweep stopped by a signal)."""
    from joblib.externals.loky import get_reusable_executor

    # reuse=True: the executor joblib's Parallel runs on, as it is (no resize, no fresh one)
    get_reusable_executor(reuse=True).shutdown(wait=False, kill_workers=True)


class LdaSweep:
    """LDA fitted at every K of a grid under several seeds, with the criteria and the chosen K.

    Parameters
    ----------
    ks : sequence of int
        Numbers of topics to try.
    n_seeds : int
        Seeds per K: ``random_state, random_state + 1, ...``.
    cfg : LdaConfig
        Model settings; the sweep uses ``sweep_passes``/``sweep_iterations``, ``holdout``, ``top_n``.
    random_state : int
        The one seed (split and fits).
    n_jobs : int
        Parallel processes (joblib ``loky``).
    scheduler : str or distributed.Client, optional
        A ``dask.distributed`` scheduler address (``tcp://host:8786``) or Client: each (K, seed) fit is
        one task there (``n_jobs`` is then unused); the result is the same bytes as with local processes.

    Attributes
    ----------
    runs_ : pandas.DataFrame
        One row per (k, seed) with every criterion.
    summary_ : pandas.DataFrame
        One row per K: criteria averaged over seeds, their standard deviations (``*_sd``), the rule's
        ``score`` and ``chosen``.
    topic_words_ : dict
        ``(k, seed) -> (k, n_terms)`` topic-word matrix.
    best_k_ : int
    reason_ : str
        The rule and the values that decided it, in one sentence.
    """

    def __init__(self, ks=(5, 10, 15, 20), n_seeds: int = 3, cfg: LdaConfig | None = None,
                 random_state: int = 0, n_jobs: int = 1, scheduler=None):
        self.ks = ks
        self.n_seeds = n_seeds
        self.cfg = cfg
        self.random_state = random_state
        self.n_jobs = n_jobs
        self.scheduler = scheduler

    def fit(self, bow, dictionary, texts=None) -> LdaSweep:
        """Fit every (K, seed) and score it.

        Parameters
        ----------
        bow : list
            gensim bag-of-words of the units.
        dictionary : gensim Dictionary
        texts : list of list of str, optional
            Token lists of the units (coherence references), or anything that gives them again on each
            iteration (:class:`UnitTokens` over stored units: the sweep then holds one partition of them
            at a time); rebuilt from ``bow`` when omitted (:class:`BowTokens`).
        """
        cfg = self.cfg or LdaConfig()
        # the sweep runs its fits in parallel itself: each partitioned fit stays in its own process
        fit_cfg = replace(cfg, passes=cfg.sweep_passes, iterations=cfg.sweep_iterations, n_jobs=1, scheduler=None)
        texts = BowTokens(bow, dictionary) if texts is None else texts
        vocab = set(dictionary.token2id)
        train_idx, test_idx = split_holdout(len(bow), cfg.holdout, self.random_state)
        if hasattr(bow, "subset"):  # a compact BowCorpus stays compact (and cheap to send to the workers)
            train, test = bow.subset(train_idx), bow.subset(test_idx)
        else:
            train, test = [bow[i] for i in train_idx], [bow[i] for i in test_idx]
        grid = [(k, self.random_state + s) for k in self.ks for s in range(self.n_seeds)]
        fits = self._fits(grid, train, test, dictionary, fit_cfg)
        self.topic_words_ = {(f["k"], f["seed"]): f["topic_word"] for f in fits}
        rows = [{key: v for key, v in f.items() if key != "topic_word"} for f in fits]
        self.runs_ = self._score(pd.DataFrame(rows), dictionary, TokenRows(texts, train_idx, vocab),
                                 TokenRows(texts, test_idx, vocab), train, cfg.top_n)
        self.summary_, self.best_k_, self.reason_ = choose_k(self.runs_, cfg.stability_threshold)
        return self

    def _fits(self, grid, train, test, dictionary, fit_cfg) -> list[dict]:
        """Every (K, seed) fit, in grid order: joblib processes, or tasks on the Dask cluster."""
        if self.scheduler is None:
            from joblib import Parallel, delayed

            return Parallel(n_jobs=self.n_jobs, backend="loky")(
                delayed(_fit_one)(train, test, dictionary, k, s, fit_cfg) for k, s in grid)
        from distributed import Client

        own = not isinstance(self.scheduler, Client)
        client = Client(self.scheduler) if own else self.scheduler
        try:
            # one copy of the data per worker, not per task (a dict: scatter would split a sequence)
            data = client.scatter({"train": train, "test": test, "dictionary": dictionary}, broadcast=True)
            futures = [client.submit(_fit_one, data["train"], data["test"], data["dictionary"], k, s, fit_cfg,
                                     pure=False) for k, s in grid]
            return client.gather(futures)
        finally:
            if own:
                client.close()

    def _score(self, runs: pd.DataFrame, dictionary, train_texts, test_texts, train_bow, topn: int):
        keys = list(zip(runs["k"], runs["seed"]))
        tops, owner = [], []
        for key in keys:
            tw = self.topic_words_[key]
            idx = np.argsort(-tw, axis=1, kind="stable")[:, :topn]
            tops += [[dictionary[j] for j in row] for row in idx]
            owner += [key] * len(idx)
        owner_arr = np.array([keys.index(o) for o in owner])
        coh = {
            "c_v": evaluate.coherence_per_topic(tops, train_texts, dictionary, "c_v"),
            "c_npmi": evaluate.coherence_per_topic(tops, train_texts, dictionary, "c_npmi"),
            "u_mass": evaluate.coherence_per_topic(tops, train_texts, dictionary, "u_mass", bow=train_bow),
        }
        if test_texts:
            coh["c_v_heldout"] = evaluate.coherence_per_topic(tops, test_texts, dictionary, "c_v")
            coh["c_npmi_heldout"] = evaluate.coherence_per_topic(tops, test_texts, dictionary, "c_npmi")
        else:
            coh["c_v_heldout"], coh["c_npmi_heldout"] = coh["c_v"], coh["c_npmi"]
        coh["heldout_coverage"] = evaluate.reference_coverage(tops, test_texts or train_texts)
        with warnings.catch_warnings():  # a fit whose topics have no scorable word gives NaN, said nowhere else
            warnings.simplefilter("ignore", RuntimeWarning)
            for name, vals in coh.items():
                runs[name] = [float(np.nanmean(vals[owner_arr == i])) for i in range(len(keys))]
        runs["diversity"] = [evaluate.topic_diversity(self.topic_words_[key], 25) for key in keys]
        runs["exclusivity"] = [float(evaluate.exclusivity(self.topic_words_[key], 10).mean()) for key in keys]
        runs["stability"] = [self._stability(k, s) for k, s in keys]
        return runs

    def _stability(self, k: int, seed: int) -> float:
        mats = [self.topic_words_[(k, seed)]] + [self.topic_words_[(kk, s)] for kk, s in self.topic_words_
                                                  if kk == k and s != seed]
        return float(evaluate.topic_stability(mats).mean())


def choose_k(runs: pd.DataFrame, stability_threshold: float = 0.5,
             criteria=RULE_CRITERIA) -> tuple[pd.DataFrame, int, str]:
    """Pick K from the sweep's fits by the rule in :data:`RULE` (see the module docstring).

    Parameters
    ----------
    runs : DataFrame
        One row per (k, seed) with at least ``criteria`` and ``stability``.
    stability_threshold : float
        Ks whose mean stability is below this are not admissible (when none is, all are).
    criteria : pair of str
        The two higher-is-better criteria traded against each other.

    Returns
    -------
    (summary, best_k, reason)
        ``summary``: one row per K with the criteria's means and sds over seeds, ``admissible``,
        ``score`` (mean; empty for a K that is not admissible), ``score_se`` and ``chosen``. Ties go to
        the smaller K.
    """
    cols = [c for c in CRITERIA if c in runs]
    mean = runs.groupby("k")[cols].mean()
    sd = runs.groupby("k")[cols].std(ddof=0).add_suffix("_sd")
    admissible = mean["stability"] >= stability_threshold if "stability" in mean else mean.index >= 0
    none_stable = not admissible.any()
    if none_stable:  # said in the reason and as a warning: the topics of every K differ across seeds
        admissible[:] = True
        warnings.warn(f"select_k: no K reached a mean stability of {stability_threshold} across seeds (best "
                      f"{mean['stability'].max():.2f}); K was chosen among all, and its topics will not recur "
                      "under another seed", UserWarning, stacklevel=3)
    ok = mean.index[admissible]
    per_fit = pd.Series(0.0, index=runs.index)
    for c in criteria:
        lo, hi = mean.loc[ok, c].min(), mean.loc[ok, c].max()
        per_fit += (runs[c] - lo) / (hi - lo) if hi > lo else 0.0
    grouped = per_fit.groupby(runs["k"])
    score = grouped.mean().round(12)
    se = (grouped.std(ddof=1) / np.sqrt(grouped.count())).fillna(0.0).round(12)
    top = score[ok].max()
    top_k = int(score[ok][score[ok] == top].index.min())
    # one SE from 3 seeds is itself noisy, so the SEs of all admissible Ks are pooled (root mean square)
    se_pooled = float(np.sqrt(np.mean(se[ok].to_numpy() ** 2)))
    best = int(min(kk for kk in ok if score[kk] >= top - se_pooled - 1e-12))
    summary = pd.concat([mean, sd], axis=1).reset_index()
    summary["admissible"] = admissible.to_numpy()
    # the rule scores admissible Ks only: an unstable K's criteria are scaled by the others' range (with
    # one admissible K, no range at all: every K would read 0), a number the rule never compares
    summary["score"] = score.where(admissible).to_numpy()
    summary["score_se"] = se.where(admissible).to_numpy()
    summary["chosen"] = summary["k"] == best
    row = mean.loc[best]
    left_out = [int(kk) for kk in mean.index[~admissible]]
    values = ", ".join(f"{c} {row[c]:.3f}" for c in (*criteria, "stability"))
    if none_stable:  # first what happened, then the rule that chose among all Ks
        steady = mean["stability"].idxmax()
        rule = (f"no K reached the stability bar (mean stability >= {stability_threshold} across seeds; "
                f"the most stable, K={steady}, has {mean.loc[steady, 'stability']:.2f}), so every K was "
                f"admitted instead and K={best} is " + SCORE_RULE.format(which="all Ks"))
    else:
        rule = RULE.format(threshold=stability_threshold)
    reason = (f"K={best}: {rule}"
              + (f" (the only admissible K: {values})" if len(ok) == 1 else
                 f" (best mean score {top:.2f} at K={top_k}, pooled SE {se_pooled:.2f}; K={best} scores "
                 f"{score[best]:.2f} with {values})")
              + (f"; not admissible (stability < {stability_threshold}): K={left_out}" if left_out else "")
              + ("; its topics may not recur under another seed" if none_stable else ""))
    return summary, best, reason
