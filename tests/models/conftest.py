"""Fixtures of the model tests: toy corpora with a planted topic structure (seeded numpy Generator)."""

from __future__ import annotations

import numpy as np
import pytest


def planted_corpus(n_topics: int = 5, n_docs: int = 150, doc_len: int = 60, words_per_topic: int = 20,
                   n_shared: int = 10, alpha: float = 0.1, seed: int = 7, groups: bool = False):
    """Token lists drawn from ``n_topics`` topics with disjoint vocabularies plus a few shared words.

    With ``groups=True`` each document belongs to one group (= one dominant topic, share ~0.85), and
    the group labels are returned as well.
    """
    rng = np.random.default_rng(seed)
    vocab = [[f"t{t}w{w:02d}" for w in range(words_per_topic)] for t in range(n_topics)]
    shared = [f"common{w:02d}" for w in range(n_shared)]
    docs, labels = [], []
    for d in range(n_docs):
        if groups:
            g = d % n_topics
            theta = np.full(n_topics, 0.15 / (n_topics - 1))
            theta[g] = 0.85
            labels.append(g)
        else:
            theta = rng.dirichlet(np.full(n_topics, alpha))
        z = rng.choice(n_topics, size=doc_len, p=theta)
        tokens = []
        for t in z:
            if rng.random() < 0.1:
                tokens.append(shared[rng.integers(n_shared)])
            else:
                tokens.append(vocab[t][min(int(rng.zipf(1.6)) - 1, words_per_topic - 1)])
        docs.append(tokens)
    return (docs, labels) if groups else docs


@pytest.fixture(scope="session")
def planted():
    """The :func:`planted_corpus` generator."""
    return planted_corpus
