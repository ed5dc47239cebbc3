"""LDA runs: one model at one K under one seed, its document-topic matrix and its top words.

gensim's ``LdaModel`` is used, not ``LdaMulticore``: under a fixed ``random_state`` LdaModel is exact
(the same corpus, K and seed give the same topics bit for bit), LdaMulticore is not, and on 2 cores it
is no faster (see STACK.md measurements).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np
from gensim.models import LdaModel

from speechtopics.models.options import LdaConfig


@dataclass
class LdaRun:
    """A fitted LDA model with what the report needs."""

    model: LdaModel
    k: int
    seed: int
    theta: np.ndarray  # (n_units, k) topic shares per unit, rows sum to 1
    topic_word: np.ndarray  # (k, n_terms) topic-word probabilities
    seconds: float = 0.0
    scores: dict = field(default_factory=dict)


def fit_lda(bow, dictionary, k: int, cfg: LdaConfig, seed: int, eta=None) -> LdaModel:
    """Fit gensim LdaModel deterministically (single process, fixed random_state)."""
    id2word = {i: dictionary[i] for i in range(len(dictionary))}
    alpha = cfg.alpha if cfg.alpha in ("auto", "symmetric", "asymmetric") else float(cfg.alpha)
    if eta is None:
        eta = cfg.eta if cfg.eta in ("auto", "symmetric") else float(cfg.eta)
    return LdaModel(corpus=bow, id2word=id2word, num_topics=k, passes=cfg.passes,
                    iterations=cfg.iterations, alpha=alpha, eta=eta, chunksize=cfg.chunksize,
                    random_state=seed, eval_every=None, minimum_probability=0.0, dtype=np.float64)


def document_topics(model: LdaModel, bow) -> np.ndarray:
    """Dense (n_docs, k) matrix of topic shares; rows sum to 1."""
    theta = np.zeros((len(bow), model.num_topics))
    for i, doc in enumerate(bow):
        for t, p in model.get_document_topics(doc, minimum_probability=0.0):
            theta[i, t] = p
    theta /= np.maximum(theta.sum(axis=1, keepdims=True), 1e-12)
    return theta


def run_lda(bow, dictionary, k: int, cfg: LdaConfig, seed: int, eta=None) -> LdaRun:
    """Fit one model and return it with theta, topic-word matrix and wall time."""
    start = time.perf_counter()
    model = fit_lda(bow, dictionary, k, cfg, seed, eta=eta)
    theta = document_topics(model, bow)
    return LdaRun(model=model, k=k, seed=seed, theta=theta, topic_word=model.get_topics(),
                  seconds=time.perf_counter() - start)


def top_words(topic_word: np.ndarray, dictionary, n: int = 10) -> list[list[tuple[str, float]]]:
    """Top ``n`` (word, probability) pairs per topic, ties broken by word so order is stable."""
    out = []
    for row in topic_word:
        idx = sorted(range(len(row)), key=lambda j: (-round(float(row[j]), 12), dictionary[j]))[:n]
        out.append([(dictionary[j], float(row[j])) for j in idx])
    return out
