"""Model selection: LDA over a grid of K x seeds, scored on every criterion, and the rule that picks K.

Each (K, seed) fit is a single-threaded gensim ``LdaModel`` on the training units (exact under its
seed); fits run in parallel processes (joblib). A seeded split holds out ``cfg.holdout`` of the units
for held-out perplexity and held-out coherence. Coherence of all fits is computed in one gensim pass
per measure and reference set (co-occurrences are counted once for the union of all top words).

Rule (:func:`choose_k`): every criterion is averaged over seeds, z-scored across K, and the K with the
highest mean z-score of held-out c_npmi, held-out c_v, stability and exclusivity wins (ties: the
smaller K). Coherence rewards topics whose words co-occur in unseen text, stability rewards topics
that return under another seed, and exclusivity rewards topics that do not share their words; too few
topics lose exclusivity and coherence, too many lose stability and coherence.
"""

from __future__ import annotations

import time
from dataclasses import replace

import numpy as np
import pandas as pd

from speechtopics import evaluate
from speechtopics.models.lda import fit_lda
from speechtopics.models.options import LdaConfig

#: Criteria of the selection rule (all: higher is better).
RULE_CRITERIA = ("c_npmi_heldout", "c_v_heldout", "stability", "exclusivity")
#: Every criterion reported per K (``perplexity`` and ``u_mass`` are shown, not used by the rule).
CRITERIA = ("c_v", "c_npmi", "c_v_heldout", "c_npmi_heldout", "u_mass", "heldout_ll", "perplexity",
            "diversity", "exclusivity", "stability")


def split_holdout(n: int, frac: float, random_state: int) -> tuple[np.ndarray, np.ndarray]:
    """Seeded split of ``n`` unit indices into (train, held-out), both sorted."""
    rng = np.random.default_rng(random_state)
    n_test = int(round(n * frac)) if n > 4 else 0
    perm = rng.permutation(n)
    return np.sort(perm[n_test:]), np.sort(perm[:n_test])


def _fit_one(train, test, dictionary, k: int, seed: int, cfg: LdaConfig) -> dict:
    start = time.perf_counter()
    model = fit_lda(train, dictionary, k, cfg, seed)
    bound = float(model.log_perplexity(test)) if test else float("nan")
    return {"k": k, "seed": seed, "topic_word": model.get_topics(), "heldout_ll": bound,
            "perplexity": float(np.exp2(-bound)), "seconds": time.perf_counter() - start}


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
                 random_state: int = 0, n_jobs: int = 1):
        self.ks = ks
        self.n_seeds = n_seeds
        self.cfg = cfg
        self.random_state = random_state
        self.n_jobs = n_jobs

    def fit(self, bow, dictionary, texts=None) -> LdaSweep:
        """Fit every (K, seed) and score it.

        Parameters
        ----------
        bow : list
            gensim bag-of-words of the units.
        dictionary : gensim Dictionary
        texts : list of list of str, optional
            Token lists of the units (coherence references); rebuilt from ``bow`` when omitted.
        """
        from joblib import Parallel, delayed

        cfg = self.cfg or LdaConfig()
        fit_cfg = replace(cfg, passes=cfg.sweep_passes, iterations=cfg.sweep_iterations)
        if texts is None:
            texts = [[dictionary[i] for i, c in doc for _ in range(c)] for doc in bow]
        vocab = set(dictionary.token2id)
        texts = [[t for t in doc if t in vocab] for doc in texts]
        train_idx, test_idx = split_holdout(len(bow), cfg.holdout, self.random_state)
        train, test = [bow[i] for i in train_idx], [bow[i] for i in test_idx]
        grid = [(k, self.random_state + s) for k in self.ks for s in range(self.n_seeds)]
        fits = Parallel(n_jobs=self.n_jobs, backend="loky")(
            delayed(_fit_one)(train, test, dictionary, k, s, fit_cfg) for k, s in grid)
        self.topic_words_ = {(f["k"], f["seed"]): f["topic_word"] for f in fits}
        rows = [{key: v for key, v in f.items() if key != "topic_word"} for f in fits]
        self.runs_ = self._score(pd.DataFrame(rows), dictionary, [texts[i] for i in train_idx],
                                 [texts[i] for i in test_idx], train, cfg.top_n)
        self.summary_, self.best_k_, self.reason_ = choose_k(self.runs_)
        return self

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


def choose_k(runs: pd.DataFrame, criteria=RULE_CRITERIA) -> tuple[pd.DataFrame, int, str]:
    """Average the criteria over seeds, z-score them across K and pick the K with the best mean z-score.

    Returns ``(summary, best_k, reason)``; ties go to the smaller K.
    """
    cols = [c for c in CRITERIA if c in runs]
    mean = runs.groupby("k")[cols].mean()
    sd = runs.groupby("k")[cols].std(ddof=0).add_suffix("_sd")
    z = (mean[list(criteria)] - mean[list(criteria)].mean()) / mean[list(criteria)].std(ddof=0).replace(0, 1)
    score = z.mean(axis=1).round(12)
    best = int(score[score == score.max()].index.min())
    summary = pd.concat([mean, sd], axis=1).reset_index()
    summary["score"] = score.to_numpy()
    summary["chosen"] = summary["k"] == best
    row = mean.loc[best]
    reason = (f"K={best} has the highest mean z-score across K of {', '.join(criteria)} "
              f"(score {score[best]:.2f}; " + ", ".join(f"{c} {row[c]:.3f}" for c in criteria) + ")")
    return summary, best, reason
