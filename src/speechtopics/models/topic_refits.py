"""Refits of a fitted LDA on bootstrap samples of its documents, aligned to the reported model's topics.

One responsibility: the topic-level draws of ``estimate_effect(uncertainty="refit")``. Each refit draws the
fitted corpus's documents with replacement (a document brings all its units, kept in corpus order), fits a
fresh gensim ``LdaModel`` on them with the reported model's own settings (K, passes, iterations, chunksize,
decay, offset, evaluation interval, alpha and eta: learned again where the reported model learned them, its
fixed prior otherwise; the same dictionary, no warm start), and matches the refit's topics to the reported
topics by the suite's Hungarian matching on topic-word distributions (``speechtopics.evaluate.match_topics``,
Jensen-Shannon). A refit then gives share draws of its own bootstrap sample (each drawn copy of a
document is one row), columns in the reported model's topic order (:func:`refit_share_draws`), so that
the whole estimator -- topic model and regression -- is recomputed on every bootstrap sample.

Every random choice comes from the one seed: refit ``b`` takes ``numpy.random.SeedSequence([seed, 2, b])``,
whose three states seed the document resample, gensim's ``random_state`` and the share draws. A model fitted
with the ``partitioned`` backend is refitted with gensim's ``LdaModel`` (the same settings; alpha and eta
are fixed there).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from speechtopics.evaluate import match_topics
from speechtopics.models.topic_draws import share_draws, unit_doc_index

MIN_REFITS = 5  # the t draws of estimate_effect have a finite variance from 4 refits (3 df) on
MAX_REFITS = 1000


def check_refits(refits) -> int:
    """``refits`` as an int, or ValueError unless it is an integer from ``MIN_REFITS`` to ``MAX_REFITS``.

    Examples
    --------
    >>> check_refits(20)
    20
    """
    if isinstance(refits, bool) or not isinstance(refits, (int, np.integer)) or not MIN_REFITS <= refits <= MAX_REFITS:
        raise ValueError(f"refits must be an integer from {MIN_REFITS} to {MAX_REFITS}, got {refits!r}")
    return int(refits)


def refit_settings(lda) -> dict:
    """Keyword arguments that refit a gensim ``LdaModel`` as ``lda`` was fitted (all but corpus and seed)."""
    return {"id2word": lda.id2word, "num_topics": lda.num_topics, "passes": lda.passes,
            "iterations": lda.iterations, "chunksize": lda.chunksize, "decay": lda.decay, "offset": lda.offset,
            "gamma_threshold": lda.gamma_threshold, "update_every": lda.update_every,
            "eval_every": lda.eval_every, "minimum_probability": lda.minimum_probability,
            "alpha": "auto" if lda.optimize_alpha else np.array(lda.alpha, copy=True),
            "eta": "auto" if lda.optimize_eta else np.array(lda.eta, copy=True), "dtype": lda.dtype}


@dataclass
class Refit:
    """One bootstrap refit: the gensim model, its match to the reported topics and its seeds.

    ``match[i]`` is the refit topic (0-based) matched to reported topic ``i``, with Jensen-Shannon
    similarity ``similarity[i]``; ``draw_seed`` seeds its share draws; ``picked`` holds the row in
    ``model.documents_`` of every drawn copy (sorted) and ``units`` the original unit index of every unit
    of the sample, ``copy`` the copy each of them belongs to.
    """

    model: object
    match: np.ndarray
    similarity: np.ndarray
    draw_seed: int
    picked: np.ndarray
    units: np.ndarray
    copy: np.ndarray


def fit_refits(model, refits: int, seed: int) -> list[Refit]:
    """Fit ``refits`` bootstrap refits of ``model`` (see the module docstring), exact under ``seed``.

    Parameters
    ----------
    model : fitted topic model
        ``model_`` (gensim ``LdaModel``), ``bow_``, ``units_``, ``documents_`` (see ``topic_draws``).
    refits : int
        Number of refits (``MIN_REFITS`` to ``MAX_REFITS``); each costs one LDA fit of the corpus.
    seed : int

    Returns
    -------
    list of Refit

    Examples
    --------
    >>> from speechtopics.models.effect_simulation import simulate_corpus, fit_stand_in
    >>> m = fit_stand_in(simulate_corpus(n_docs=40, doc_len=20, seed=1), k=3, seed=1, passes=2)
    >>> [sorted(r.match.tolist()) for r in fit_refits(m, 5, seed=1)][:2]
    [[0, 1, 2], [0, 1, 2]]
    """
    from gensim.models import LdaModel

    refits = check_refits(refits)
    settings = refit_settings(model.model_)
    reference = np.asarray(model.model_.get_topics(), dtype=np.float64)
    doc_row, _, doc_ids = unit_doc_index(model)
    order = np.argsort(doc_row, kind="stable")
    starts = np.searchsorted(doc_row[order], np.arange(len(doc_ids) + 1))
    out = []
    for b in range(refits):
        resample, lda_seed, draw_seed = np.random.SeedSequence([int(seed), 2, b]).generate_state(3)
        picked = np.sort(np.random.default_rng(resample).integers(0, len(doc_ids), len(doc_ids)))
        parts = [order[starts[i]:starts[i + 1]] for i in picked]
        units = np.concatenate(parts)
        copy = np.repeat(np.arange(len(picked)), [len(u) for u in parts])
        bow = [model.bow_[u] for u in units]
        lda = LdaModel(corpus=bow, random_state=int(lda_seed % 2 ** 31), **settings)
        match, similarity = match_topics(reference, np.asarray(lda.get_topics(), dtype=np.float64))
        out.append(Refit(lda, match, similarity, int(draw_seed % 2 ** 31), picked, units, copy))
    return out


class _SampleView:
    """The fitted-model protocol of ``topic_draws`` for a refit's bootstrap sample (copies as documents)."""

    def __init__(self, model, refit: Refit):
        self.model_, self.unit = refit.model, model.unit
        self.bow_ = [model.bow_[u] for u in refit.units]
        self.units_ = [{"doc_id": int(c), "tokens": model.units_[u].get("tokens", ())}
                       for u, c in zip(refit.units, refit.copy)]
        self.documents_ = pd.DataFrame({"doc_id": np.arange(len(refit.picked))})


def refit_share_draws(model, refit: Refit, *, nsims: int, level: str = "document") -> tuple[np.ndarray, np.ndarray]:
    """Share draws ``(nsims, n_rows, k)`` of a refit's bootstrap sample under its own topics.

    Columns follow the reported model's topics (refit topic ``match[i]`` becomes column ``i``). Rows are
    the drawn copies of documents (``level="document"``) or their units (``"unit"``); the second value
    gives each row's copy (an index into ``refit.picked``).
    """
    draws, ids = share_draws(_SampleView(model, refit), nsims=nsims, seed=refit.draw_seed,
                             uncertainty="global", level=level)
    return draws[..., refit.match], np.asarray(ids, dtype=np.int64)
