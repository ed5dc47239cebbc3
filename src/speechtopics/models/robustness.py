"""Robustness of covariate effects across model specifications (number of topics K, seeds).

One responsibility: re-estimate one effect formula in every model of a list, match each model's topics to
a reference model's topics (Hungarian assignment on topic-word distributions, the project's
``speechtopics.evaluate.match_topics``), and return one tidy table for a specification curve
(``speechtopics.report.specification_figures.plot_specification_curve``, re-exported here).

Models fitted on different vocabularies are compared on the reference vocabulary: each model's
topic-word columns are reordered to the reference's terms (terms it lacks get probability 0). A reference
topic is ``matched`` when the assignment gives it a topic (a model with fewer topics leaves some
unmatched) with similarity at least ``min_similarity``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import pandas as pd

from speechtopics.arguments import seed_arg
from speechtopics.evaluate import match_topics
from speechtopics.models.effects import estimate_effect
from speechtopics.models.effect_support import contrast_name
from speechtopics.report.specification_figures import plot_specification_curve

__all__ = ["robust_effects", "plot_specification_curve", "COLUMNS"]
COLUMNS = ["k", "seed", "reference_topic", "matched_topic", "similarity", "term", "estimate", "ci_lower",
           "ci_upper", "matched"]


def _vocab(model) -> list:
    id2word = model.model_.id2word
    return [id2word[i] for i in range(len(id2word))]


def aligned_topic_word(model, vocab: Sequence[str]) -> np.ndarray:
    """``model.topic_word_`` with columns in the order of ``vocab`` (missing terms are 0)."""
    own = _vocab(model)
    tw = np.asarray(model.topic_word_, dtype=float)
    if own == list(vocab):
        return tw
    index = {w: j for j, w in enumerate(own)}
    cols = np.array([index.get(w, -1) for w in vocab])
    out = np.zeros((tw.shape[0], len(vocab)))
    out[:, cols >= 0] = tw[:, cols[cols >= 0]]
    return out


def covariate_terms(terms: Sequence[str], covariate: str | None) -> list[str]:
    """Design terms that involve ``covariate`` (all but the intercept when it is None).

    Examples
    --------
    >>> covariate_terms(["Intercept", "group[T.b]", "year", "group[T.b]:year"], "group")
    ['group[T.b]', 'group[T.b]:year']
    """
    if covariate is None:
        return [t for t in terms if t != "Intercept"]
    pattern = re.compile(rf"(?<![\w.]){re.escape(covariate)}(?!\w)")
    return [t for t in terms if pattern.search(t)]


def robust_effects(formula: str, models: Sequence, *, reference=None, covariate: str | None = None,
                   nsims: int = 25, seed: int | None = None, min_similarity: float = 0.5,
                   uncertainty: str = "global", ci: float = 0.95, metric: str = "jensenshannon",
                   contrast: tuple | None = None, cov_type: str = "nonrobust",
                   data: pd.DataFrame | None = None) -> pd.DataFrame:
    """The effect of ``covariate`` on every reference topic, in every model of ``models``.

    Parameters
    ----------
    formula : str
        Passed to ``estimate_effect`` for every model.
    models : list of fitted topic models
        Different K and seeds on the same documents.
    reference : int or model, optional
        The model whose topics are the rows (index into ``models`` or a model; default ``models[0]``).
    covariate : str, optional
        Report the terms involving this formula variable (default: every term but the intercept).
    nsims, uncertainty, ci :
        As in ``estimate_effect`` / ``Effect.summary``.
    seed : int, optional
        Seed of every ``estimate_effect`` call (default each model's own ``seed``).
    min_similarity : float
        Matches below this (Jensen-Shannon similarity, in [0, 1]) are reported with ``matched=False``.
    metric : {"jensenshannon", "cosine"}
    contrast : (value1, value2), optional
        Report, instead of the coefficients, the difference in expected share between ``covariate =
        value1`` and ``covariate = value2`` (others at median/mode, ``Effect.difference``); its ``term``
        is ``"covariate: value1 − value2"``. Comparable across models whatever the coding of the
        covariate (a spline's coefficients are not; a difference of two years is).
    cov_type : str
        As in ``estimate_effect`` (``"nonrobust"`` or ``"HC1"``).
    data : pandas.DataFrame, optional
        Covariates (with ``doc_id``) of every model's ``estimate_effect`` (default each model's
        ``documents_``); the models must share the documents.

    Returns
    -------
    pandas.DataFrame
        ``k, seed, reference_topic, matched_topic, similarity, term, estimate, ci_lower, ci_upper, matched``;
        unmatched reference topics have ``matched_topic`` 0 and NaN estimates.

    Examples
    --------
    >>> from speechtopics import robust_effects
    >>> from speechtopics.models.effect_simulation import simulate_corpus, fit_stand_in
    >>> from speechtopics.models.robustness import COLUMNS
    >>> sim = simulate_corpus(n_docs=60, doc_len=30, seed=4)
    >>> models = [fit_stand_in(sim, k=k, seed=4, passes=3) for k in (3, 4)]
    >>> t = robust_effects("group", models, nsims=2)
    >>> list(t.columns) == COLUMNS, len(t)
    (True, 6)
    >>> robust_effects("group", models, covariate="group", contrast=("b", "a"), nsims=2)["term"].iloc[0]
    'group: b − a'
    """
    if not models:
        raise ValueError("models is empty")
    seed = seed_arg(seed, "robust_effects")
    if contrast is not None and (covariate is None or len(contrast) != 2):
        raise ValueError("contrast needs a covariate and two values: contrast=(value1, value2)")
    docs = [frozenset(getattr(m, "documents_", pd.DataFrame({"doc_id": []}))["doc_id"]) for m in models]
    if any(d != docs[0] for d in docs[1:]):
        i = next(i for i, d in enumerate(docs) if d != docs[0])
        raise ValueError(f"robust_effects: models[{i}] was fitted on {len(docs[i])} documents, models[0] on "
                         f"{len(docs[0])} ({len(docs[i] ^ docs[0])} differ): a specification curve compares "
                         "models of the same documents")
    if cov_type == "cluster":
        raise ValueError("robust_effects: cov_type='cluster' needs groups, which the curve does not take; "
                         "use nonrobust or HC1")
    ref = models[reference] if isinstance(reference, (int, np.integer)) else (reference or models[0])
    vocab = _vocab(ref)
    ref_tw = aligned_topic_word(ref, vocab)
    rows = []
    for model in models:
        eff = estimate_effect(model, formula, nsims=nsims, seed=seed, uncertainty=uncertainty,
                              cov_type=cov_type, data=data)
        if contrast is not None:
            if covariate not in eff.design.variables:
                raise ValueError(f"covariate {covariate!r} is not in the formula {eff.settings['formula']!r}")
            term = contrast_name(covariate, contrast[0], contrast[1])
            diff = eff.difference(covariate, contrast[0], contrast[1], ci=ci)
            summary = diff.assign(term=term).set_index(["topic", "term"])
            terms = [term]
        else:
            summary = eff.summary(ci=ci).set_index(["topic", "term"])
            terms = covariate_terms(eff.design.terms, covariate)
        if covariate is not None and not terms:
            raise ValueError(f"covariate {covariate!r} is in no term of {eff.design.terms}")
        match, sim = match_topics(ref_tw, aligned_topic_word(model, vocab), metric)
        for i in range(ref_tw.shape[0]):
            fitted = int(match[i]) + 1  # 0 when the assignment left the reference topic unmatched
            ok = fitted > 0 and sim[i] >= min_similarity
            for term in terms:
                if fitted > 0:
                    est, lo, hi = summary.loc[(fitted, term), ["estimate", "ci_lower", "ci_upper"]]
                else:
                    est = lo = hi = np.nan
                rows.append((int(model.k), int(model.seed), i + 1, fitted, float(sim[i]), term, float(est),
                             float(lo), float(hi), bool(ok)))
    return pd.DataFrame(rows, columns=COLUMNS)
