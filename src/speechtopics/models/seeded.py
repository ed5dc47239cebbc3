"""Seeded (guided) LDA: seed words per policy area as an asymmetric gensim ``eta`` prior.

Topic ``i < n_seeded`` is tied to one policy area: its seed words get ``seed_boost`` extra prior mass
(on top of the symmetric ``1 / K``) in that topic only, which pulls the area's vocabulary together
without fixing it; the remaining ``n_free_topics`` topics are free. gensim's ``LdaModel`` accepts a
``(K, n_terms)`` ``eta`` matrix, so no other library is needed.
"""

from __future__ import annotations

import numpy as np

from speechtopics.models.lda import LdaRun, run_lda
from speechtopics.models.options import LdaConfig, SeededConfig


def seed_eta(k: int, n_terms: int, seed_ids, base: float, seed_value: float,
             off_topic: float | None = None) -> np.ndarray:
    """An asymmetric ``(k, n_terms)`` gensim ``eta`` prior from the seed words of the first topics.

    Parameters
    ----------
    k : int
        Topics (rows); topic ``t < len(seed_ids)`` is tied to ``seed_ids[t]``, the rest are free.
    n_terms : int
        Vocabulary size (columns).
    seed_ids : sequence of sequence of int
        Dictionary ids of each seeded topic's seed words.
    base : float
        Prior of every word in every topic.
    seed_value : float
        Prior of a seed word in its own topic.
    off_topic : float, optional
        Prior of a seed word in every other topic (``None``: ``base``, the word is not barred).

    Returns
    -------
    numpy.ndarray
        ``float64`` matrix for ``LdaModel(eta=...)``.
    """
    eta = np.full((k, n_terms), base, dtype=np.float64)
    if off_topic is not None:
        for ids in seed_ids:
            eta[:, ids] = off_topic
    for t, ids in enumerate(seed_ids):
        eta[t, ids] = seed_value
    return eta


def seed_prior(dictionary, seed_topics: dict[str, list[str]], n_free: int, boost: float = 1.0):
    """The ``eta`` matrix and the topic names of a seeded model (:func:`seed_eta`: ``1 / K`` everywhere,
    ``1 / K + boost`` for an area's seed words in its topic).

    Areas with no seed word in the vocabulary are left out. Returns ``(eta, names, n_seeded)``; names
    are the area names followed by ``自由主题 1``, ``自由主题 2``, ...
    """
    areas = [(name, [dictionary.token2id[w] for w in words if w in dictionary.token2id])
             for name, words in seed_topics.items()]
    areas = [(name, ids) for name, ids in areas if ids]
    k = len(areas) + n_free
    eta = seed_eta(k, len(dictionary), [ids for _, ids in areas], 1.0 / k, 1.0 / k + boost)
    names = [name for name, _ in areas] + [f"自由主题 {i + 1}" for i in range(n_free)]
    return eta, names, len(areas)


def run_seeded(bow, dictionary, cfg: LdaConfig, seeded: SeededConfig, seed: int) -> LdaRun:
    """Fit the seeded model (areas of ``seeded.seed_topics`` plus ``seeded.n_free_topics``).

    Parameters
    ----------
    bow : list
        Bag-of-words corpus.
    dictionary : gensim Dictionary
        Its vocabulary.
    cfg : LdaConfig
        The ``lda`` slice: passes, iterations, alpha and chunksize of the fit.
    seeded : SeededConfig
        The ``seeded`` slice: seed words per area, their boost, the free topics.
    seed : int
        ``random_state`` of the fit.

    Returns
    -------
    LdaRun
        The run; its ``scores`` hold ``names`` (topic names) and ``n_seeded``.
    """
    eta, names, n_seeded = seed_prior(dictionary, seeded.seed_topics, seeded.n_free_topics, seeded.seed_boost)
    run = run_lda(bow, dictionary, len(names), cfg, seed, eta=eta)
    run.scores.update(names=names, n_seeded=n_seeded)
    return run


def compare_models(runs: dict[str, list[LdaRun]], texts, dictionary, topn: int = 10) -> dict[str, dict]:
    """Coherence (c_npmi, c_v on ``texts``), diversity, exclusivity and stability of models fitted
    under several seeds, keyed by model name (the first run of each list is the one scored; stability
    compares it with the others)."""
    from speechtopics import evaluate
    from speechtopics.models.lda import top_words

    out = {}
    for name, group in runs.items():
        ref = group[0]
        tops = [[w for w, _ in t] for t in top_words(ref.topic_word, dictionary, topn)]
        out[name] = {
            "k": ref.k,
            "c_npmi": float(np.nanmean(evaluate.coherence_per_topic(tops, texts, dictionary, "c_npmi"))),
            "c_v": float(np.nanmean(evaluate.coherence_per_topic(tops, texts, dictionary, "c_v"))),
            "diversity": evaluate.topic_diversity(ref.topic_word, 25),
            "exclusivity": float(evaluate.exclusivity(ref.topic_word, topn).mean()),
            "stability": float(evaluate.topic_stability([r.topic_word for r in group]).mean()),
        }
    return out
