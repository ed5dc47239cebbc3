"""Draws of topic shares from a fitted LDA's approximate posterior (the theta draws of stm's method of composition).

One responsibility: give, for a fitted topic model, the variational Dirichlet parameters gamma of every
unit and draws theta ~ Dirichlet(gamma), at the unit or at the document level.

The model is duck-typed: ``model.model_`` (gensim ``LdaModel``), ``model.bow_`` (bag-of-words per unit),
``model.units_`` (dicts with ``doc_id`` and ``tokens``) and ``model.documents_`` (``doc_id`` column).
gensim initialises gamma from ``model.model_.random_state``; :func:`unit_gamma` sets it to
``numpy.random.RandomState(seed)`` for the call (and puts the old one back), so gamma is exact under the
seed. A document's shares are the token-weighted mean of its units' shares, weight
``max(len(tokens), 1)``, as ``TopicModel.document_topics()`` computes them.
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def unit_gamma(model, seed: int) -> np.ndarray:
    """Variational Dirichlet parameters of every unit, ``(n_units, k)``, exact under ``seed``.

    Parameters
    ----------
    model : fitted topic model (see the module docstring)
    seed : int

    Returns
    -------
    numpy.ndarray

    Examples
    --------
    >>> from speechtopics.models.effect_simulation import simulate_corpus, fit_stand_in
    >>> sim = simulate_corpus(n_docs=30, doc_len=20, seed=1)
    >>> m = fit_stand_in(sim, k=3, seed=1, passes=2)
    >>> unit_gamma(m, 1).shape
    (30, 3)
    """
    lda = model.model_
    old = lda.random_state
    lda.random_state = np.random.RandomState(seed)
    try:
        gamma = np.asarray(lda.inference(list(model.bow_))[0], dtype=np.float64)
    finally:
        lda.random_state = old
    return gamma


def unit_doc_index(model) -> tuple[np.ndarray, np.ndarray, list]:
    """For every unit: the row of its document in ``model.documents_`` and its token weight.

    Returns
    -------
    (doc_row, weight, doc_ids)
        ``doc_row[u]`` indexes ``doc_ids`` (the ``doc_id`` column of ``documents_``, in order);
        ``weight[u] = max(len(tokens), 1)``.
    """
    doc_ids = list(model.documents_["doc_id"])
    position = {d: i for i, d in enumerate(doc_ids)}
    try:
        doc_row = np.array([position[u["doc_id"]] for u in model.units_], dtype=np.int64)
    except KeyError as exc:
        raise ValueError(f"unit with doc_id {exc.args[0]!r} has no row in model.documents_") from exc
    weight = np.array([max(len(u.get("tokens", ())), 1) for u in model.units_], dtype=np.float64)
    return doc_row, weight, doc_ids


def aggregate_units(shares: np.ndarray, doc_row: np.ndarray, weight: np.ndarray, n_docs: int) -> np.ndarray:
    """Token-weighted mean of unit shares per document: ``(..., n_units, k) -> (..., n_docs, k)``.

    Examples
    --------
    >>> import numpy as np
    >>> aggregate_units(np.array([[1.0, 0.0], [0.0, 1.0]]), np.array([0, 0]), np.array([3.0, 1.0]), 1)
    array([[0.75, 0.25]])
    """
    from scipy import sparse

    totals = np.bincount(doc_row, weights=weight, minlength=n_docs)
    agg = sparse.csr_matrix((weight / np.maximum(totals[doc_row], 1e-300), (doc_row, np.arange(len(doc_row)))),
                            shape=(n_docs, len(doc_row)))
    if shares.ndim == 2:
        return np.asarray(agg @ shares)
    flat = shares.reshape((-1,) + shares.shape[-2:])
    out = np.stack([np.asarray(agg @ s) for s in flat])
    return out.reshape(shares.shape[:-2] + (n_docs, shares.shape[-1]))


def dirichlet_draws(gamma: np.ndarray, nsims: int, rng: np.random.Generator) -> np.ndarray:
    """``nsims`` draws theta ~ Dirichlet(gamma) per row: ``(nsims, n, k)``.

    Drawn as normalised Gamma(gamma, 1) variates from ``rng``; a row whose variates all underflow to zero
    (tiny gamma) takes its posterior mean instead.

    Examples
    --------
    >>> import numpy as np
    >>> d = dirichlet_draws(np.ones((4, 3)), 2, np.random.default_rng(0))
    >>> d.shape, bool(np.allclose(d.sum(-1), 1))
    ((2, 4, 3), True)
    """
    g = rng.standard_gamma(np.broadcast_to(gamma, (nsims,) + gamma.shape))
    total = g.sum(axis=-1, keepdims=True)
    mean = gamma / gamma.sum(axis=-1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        out = np.where(total > 0, g / total, mean[None])
    return out


def share_draws(model, *, nsims: int, seed: int, uncertainty: str = "global",
                level: str = "document") -> tuple[np.ndarray, list]:
    """Topic-share draws per document (or per unit): ``(nsims, n_rows, k)`` and the row ids.

    Parameters
    ----------
    model : fitted topic model
    nsims : int
        Number of draws (ignored with ``uncertainty="none"``, which gives one: the fit's own posterior-mean
        shares, ``theta_``, so that :meth:`~speechtopics.TopicModel.document_topics` holds the same numbers).
    seed : int
        Seeds gensim's gamma initialisation and the ``numpy.random.default_rng(seed)`` Dirichlet stream.
    uncertainty : {"global", "none"}
    level : {"document", "unit"}
        ``document``: rows follow ``model.documents_``; ``unit``: rows follow ``model.units_`` and the ids
        are the units' ``doc_id`` (for clustering).

    Returns
    -------
    (draws, ids)
    """
    theta = getattr(model, "theta_", None)
    if uncertainty == "none" and theta is not None and len(theta) == len(model.units_):
        shares = np.asarray(theta, dtype=np.float64)[None]  # the fit's own shares: document_topics() exactly
    else:
        gamma = unit_gamma(model, seed)
        shares = (gamma / gamma.sum(axis=1, keepdims=True))[None] if uncertainty == "none" else \
            dirichlet_draws(gamma, nsims, np.random.default_rng(seed))
    doc_row, weight, doc_ids = unit_doc_index(model)
    if level == "unit":
        return shares, [doc_ids[i] for i in doc_row]
    if model.unit == "speech" and len(doc_row) == len(doc_ids) and np.array_equal(doc_row, np.arange(len(doc_ids))):
        return shares, doc_ids
    return aggregate_units(shares, doc_row, weight, len(doc_ids)), doc_ids


def mean_document_shares(model, seed: int | None = None) -> pd.DataFrame:
    """Posterior-mean shares per document as ``topic_1 ... topic_k`` columns indexed by ``doc_id``."""
    draws, ids = share_draws(model, nsims=1, seed=model.seed if seed is None else seed, uncertainty="none")
    return pd.DataFrame(draws[0], index=pd.Index(ids, name="doc_id"),
                        columns=[f"topic_{t}" for t in range(1, draws.shape[2] + 1)])
