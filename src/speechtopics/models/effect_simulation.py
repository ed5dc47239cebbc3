"""Planted data for covariate effects: a logistic-normal LDA with known effects, its true effects, and a fit.

One responsibility: simulate documents whose topic prevalence depends on known covariates, compute the
true effects on the expected-share scale, and fit a gensim LDA wrapped in the fitted-model protocol that
:func:`speechtopics.models.effects.estimate_effect` reads (a stand-in for ``speechtopics.TopicModel``).

Generative model (topics 1-based; ``u = (year - 2000) / 19`` in [0, 1], ``b = 1`` for group "b")::

    eta_1 = effect_group * b          + e_1
    eta_2 = effect_trend * (u - 0.5)  + e_2
    eta_3 = effect_smooth * sin(2 pi u) + e_3
    eta_j = e_j  (j > 3),   e_j ~ N(0, sigma^2),   theta = softmax(eta)
    z_n ~ Categorical(theta),  w_n ~ Categorical(beta_{z_n})

group ~ Bernoulli(1/2) and year ~ Uniform{2000..2019}, independent. Because theta is a nonlinear
(softmax) function of eta and of the noise, effects on the share scale are not the coefficients above;
:func:`true_effects` computes them by Monte Carlo from the generative model (see its docstring).
The noise sd defaults to 2 so that many documents are dominated by one topic (as speeches are): with
well-mixed documents (sd 0.5) LDA is weakly identified and its shares are far more extreme than the true
ones, which biases every effect whatever the inference.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd

YEARS = np.arange(2000, 2020)


@dataclass
class SimulatedCorpus:
    """Documents (token lists), their covariates and the generating parameters."""

    docs: list
    data: pd.DataFrame
    beta: np.ndarray
    vocab: list
    theta: np.ndarray
    params: dict


def _logits(group_b: np.ndarray, year: np.ndarray, noise: np.ndarray, params: dict) -> np.ndarray:
    u = (np.asarray(year, dtype=float) - 2000.0) / 19.0
    eta = np.array(noise, dtype=float, copy=True)
    eta[..., 0] += params["effect_group"] * group_b
    eta[..., 1] += params["effect_trend"] * (u - 0.5)
    eta[..., 2] += params["effect_smooth"] * np.sin(2 * np.pi * u)
    return eta


def _softmax(eta: np.ndarray) -> np.ndarray:
    e = np.exp(eta - eta.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def simulate_corpus(n_docs: int = 200, doc_len: int = 40, k: int = 3, *, seed: int = 0,
                    effect_group: float = 1.5, effect_trend: float = 2.0, effect_smooth: float = 1.5,
                    sigma: float = 2.0, words_per_topic: int = 25, n_shared: int = 10) -> SimulatedCorpus:
    """Draw a corpus from the generative model of the module docstring.

    Parameters
    ----------
    n_docs, doc_len : int
        Number of documents and mean length (Poisson, at least 5 tokens).
    k : int
        Number of topics (at least 3).
    seed : int
        Seeds a ``numpy.random.default_rng``.
    effect_group, effect_trend, effect_smooth, sigma : float
        Prevalence coefficients on the logit scale and the noise sd.
    words_per_topic, n_shared : int
        Each topic puts 90% of its mass on its own words (Zipf-like) and 10% on shared words.

    Returns
    -------
    SimulatedCorpus

    Examples
    --------
    >>> sim = simulate_corpus(n_docs=10, doc_len=12, seed=3)
    >>> len(sim.docs), sim.beta.shape, list(sim.data.columns)
    (10, (3, 85), ['doc_id', 'title', 'date', 'year', 'group'])
    """
    if k < 3:
        raise ValueError(f"k must be at least 3, got {k}")
    rng = np.random.default_rng(seed)
    params = {"effect_group": effect_group, "effect_trend": effect_trend,
              "effect_smooth": effect_smooth, "sigma": sigma, "k": k}
    vocab = [f"t{t}w{w:02d}" for t in range(k) for w in range(words_per_topic)]
    vocab += [f"common{w:02d}" for w in range(n_shared)]
    zipf = 1.0 / np.arange(1, words_per_topic + 1)
    beta = np.zeros((k, len(vocab)))
    for t in range(k):
        beta[t, t * words_per_topic:(t + 1) * words_per_topic] = 0.9 * zipf / zipf.sum()
        beta[t, k * words_per_topic:] = 0.1 / n_shared
    group_b = rng.integers(0, 2, n_docs)
    year = rng.choice(YEARS, n_docs)
    theta = _softmax(_logits(group_b, year, rng.normal(0.0, sigma, (n_docs, k)), params))
    docs = []
    for d in range(n_docs):
        n = max(5, int(rng.poisson(doc_len)))
        z = rng.choice(k, size=n, p=theta[d])
        docs.append([vocab[rng.choice(len(vocab), p=beta[t])] for t in z])
    data = pd.DataFrame({"doc_id": [f"d{d:04d}" for d in range(n_docs)],
                         "title": [f"doc {d}" for d in range(n_docs)],
                         "date": pd.to_datetime([f"{y}-07-01" for y in year]),
                         "year": year.astype(int),
                         "group": np.where(group_b == 1, "b", "a")})
    return SimulatedCorpus(docs, data, beta, vocab, theta, params)


def true_effects(params: dict, *, n_mc: int = 20000, seed: int = 12345,
                 smooth_years: tuple[int, int] = (2005, 2000)) -> pd.DataFrame:
    """True effects on the expected-share scale, by Monte Carlo from the generative model.

    * ``factor``: ``E[theta_t | group b] - E[theta_t | group a]``, averaging over the year distribution
      and the noise. With group independent of year, this is the population value of the group coefficient
      of an OLS of shares on ``~ group + year`` (the projection coefficient of a binary regressor that is
      uncorrelated with the other one is the difference in means).
    * ``trend``: ``Cov(year, m_t(year)) / Var(year)`` with ``m_t(year) = E[theta_t | year]`` (over group
      and noise) and year uniform on 2000..2019: the population value of the year coefficient of that same
      OLS (the best linear approximation of the curved share trend).
    * ``smooth``: ``m_t(smooth_years[0]) - m_t(smooth_years[1])``, the contrast a spline fit should find
      (only approximately what an additive ``~ group + s(year)`` targets, since shares are not additive).

    Each expectation averages ``n_mc`` noise draws per (group, year) cell, common random numbers across
    cells, so the Monte Carlo error of the differences is small (about 1e-3 for the default).

    Returns
    -------
    pandas.DataFrame
        Columns ``true_topic`` (1-based), ``estimand``, ``truth``.

    Examples
    --------
    >>> t = true_effects(simulate_corpus(n_docs=5, seed=0).params, n_mc=2000)
    >>> sorted(t["estimand"].unique())
    ['factor', 'smooth', 'trend']
    """
    k = int(params["k"])
    noise = np.random.default_rng(seed).normal(0.0, params["sigma"], (n_mc, k))
    # cell means m[g, y, t] = E[theta_t | group g, year y]
    m = np.stack([np.stack([_softmax(_logits(np.full(n_mc, g), np.full(n_mc, y), noise, params)).mean(0)
                            for y in YEARS]) for g in (0, 1)])
    by_year = m.mean(axis=0)
    yc = YEARS - YEARS.mean()
    rows = []
    for t in range(k):
        rows.append((t + 1, "factor", float(m[1, :, t].mean() - m[0, :, t].mean())))
        rows.append((t + 1, "trend", float((yc * by_year[:, t]).mean() / (yc ** 2).mean())))
        i1, i0 = (int(np.flatnonzero(YEARS == y)[0]) for y in smooth_years)
        rows.append((t + 1, "smooth", float(by_year[i1, t] - by_year[i0, t])))
    return pd.DataFrame(rows, columns=["true_topic", "estimand", "truth"])


class StandInModel:
    """A gensim LDA wrapped in the fitted-model protocol of ``estimate_effect`` (stand-in for TopicModel).

    Attributes follow that protocol: ``k, seed, unit, model_, bow_, units_, topic_word_, labels_,
    documents_`` and :meth:`document_topics`.
    """

    def __init__(self, k, seed, unit, model_, bow_, units_, documents_):
        self.k, self.seed, self.unit = int(k), int(seed), unit
        self.model_, self.bow_, self.units_, self.documents_ = model_, bow_, units_, documents_
        self.topic_word_ = np.asarray(model_.get_topics(), dtype=float)
        words = [model_.id2word[i] for i in range(len(model_.id2word))]
        self.labels_ = ["·".join(words[j] for j in np.argsort(-row)[:3]) for row in self.topic_word_]

    @property
    def vocab(self) -> list:
        """Terms in ``topic_word_`` column order."""
        return [self.model_.id2word[i] for i in range(len(self.model_.id2word))]

    def document_topics(self) -> pd.DataFrame:
        """``doc_id``, metadata columns, ``topic_1 ... topic_k`` (token-weighted mean of unit shares)."""
        from speechtopics.models.topic_draws import mean_document_shares

        shares = mean_document_shares(self)
        return self.documents_.merge(shares, left_on="doc_id", right_index=True, how="left")


def fit_stand_in(sim: SimulatedCorpus, *, k: int = 3, seed: int = 0, passes: int = 10,
                 unit: str = "speech", unit_len: int = 15, iterations: int = 100) -> StandInModel:
    """Fit gensim ``LdaModel`` (float64, ``random_state=seed``, learned asymmetric alpha) on ``sim``.

    ``unit="paragraph"`` cuts every document into consecutive units of ``unit_len`` tokens.

    Examples
    --------
    >>> m = fit_stand_in(simulate_corpus(n_docs=20, doc_len=15, seed=2), k=3, seed=2, passes=1)
    >>> m.k, len(m.labels_), m.document_topics().shape[1]
    (3, 3, 8)
    """
    from gensim.corpora import Dictionary
    from gensim.models import LdaModel

    units = []
    for doc_id, tokens in zip(sim.data["doc_id"], sim.docs):
        if unit == "speech":
            units.append({"unit_id": doc_id, "doc_id": doc_id, "tokens": list(tokens)})
        else:
            for i in range(0, len(tokens), unit_len):
                units.append({"unit_id": f"{doc_id}-{i // unit_len}", "doc_id": doc_id,
                              "tokens": list(tokens[i:i + unit_len])})
    dictionary = Dictionary(u["tokens"] for u in units)
    bow = [dictionary.doc2bow(u["tokens"]) for u in units]
    lda = LdaModel(bow, id2word=dictionary, num_topics=k, random_state=seed, passes=passes,
                   iterations=iterations, alpha="auto", eta="auto", dtype=np.float64)
    return StandInModel(k, seed, unit, lda, bow, units, sim.data.copy())


def align_topics(sim: SimulatedCorpus, model) -> tuple[np.ndarray, np.ndarray]:
    """Hungarian match of the true topics to the fitted ones on topic-word distributions.

    Returns ``(match, similarity)``: true topic ``i`` (0-based) is fitted topic id ``match[i]``
    (1-based) with Jensen-Shannon similarity ``similarity[i]``.
    """
    from speechtopics.evaluate import match_topics

    index = {w: j for j, w in enumerate(sim.vocab)}
    words = [model.model_.id2word[i] for i in range(len(model.model_.id2word))]
    true = np.zeros((sim.beta.shape[0], len(words)))
    for i, w in enumerate(words):
        true[:, i] = sim.beta[:, index[w]]
    match, sim_ = match_topics(true, model.topic_word_)
    return match + 1, sim_


def run_replication(seed: int, *, n_docs: int = 200, doc_len: int = 40, k: int = 3, nsims: int = 10,
                    passes: int = 10, uncertainty: tuple[str, ...] = ("global",), truth=None,
                    cov_type: str = "nonrobust", refits: int = 20, **sim_kwargs) -> pd.DataFrame:
    """Simulate, fit, align, estimate; one row per (true topic, estimand, uncertainty).

    Effects: ``~ group + year`` gives ``factor`` (term ``group[T.b]``) and ``trend`` (``year``);
    ``~ group + s(year, 5)`` gives ``smooth`` as ``Effect.difference("year", 2005, 2000)`` (not for
    ``uncertainty="refit"``, whose ``refits`` LDA fits would be paid twice). ``cov_type`` and ``refits`` go
    to ``estimate_effect``.

    Returns
    -------
    pandas.DataFrame
        ``replication, uncertainty, true_topic, fitted_topic, similarity, estimand, truth, estimate,
        ci_lower, ci_upper, covered``.
    """
    from speechtopics.models.effects import estimate_effect

    sim = simulate_corpus(n_docs=n_docs, doc_len=doc_len, k=k, seed=seed, **sim_kwargs)
    truth = true_effects(sim.params) if truth is None else truth
    model = fit_stand_in(sim, k=k, seed=seed, passes=passes)
    match, similarity = align_topics(sim, model)
    fitted = [int(t) for t in match[:3]]
    rows = []
    for mode in uncertainty:
        lin = estimate_effect(model, "~ group + year", topics=fitted, nsims=nsims, uncertainty=mode,
                              seed=seed, cov_type=cov_type, refits=refits).summary().set_index(["topic", "term"])
        estimands = ("factor", "trend") if mode == "refit" else ("factor", "trend", "smooth")
        if mode != "refit":
            eff = estimate_effect(model, "~ group + s(year, 5)", topics=fitted, nsims=nsims, uncertainty=mode,
                                  seed=seed, cov_type=cov_type)
            with warnings.catch_warnings():  # a planted topic near 0 can predict -0.006: coverage matters
                warnings.filterwarnings("ignore", "predictions outside the data", UserWarning)
                diff = eff.difference("year", 2005, 2000).set_index("topic")
        for i, t in enumerate(fitted):
            for estimand in estimands:
                if estimand == "smooth":
                    est, lo, hi = diff.loc[t, ["estimate", "ci_lower", "ci_upper"]]
                else:
                    term = "group[T.b]" if estimand == "factor" else "year"
                    est, lo, hi = lin.loc[(t, term), ["estimate", "ci_lower", "ci_upper"]]
                true = float(truth.query("true_topic == @i + 1 and estimand == @estimand")["truth"].iloc[0])
                rows.append((seed, mode, i + 1, t, float(similarity[i]), estimand, true, float(est),
                             float(lo), float(hi), bool(lo <= true <= hi)))
    return pd.DataFrame(rows, columns=["replication", "uncertainty", "true_topic", "fitted_topic", "similarity",
                                       "estimand", "truth", "estimate", "ci_lower", "ci_upper", "covered"])
