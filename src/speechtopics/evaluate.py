"""Model criteria that do not depend on how topics were found: coherence, diversity, exclusivity,
stability across runs, and agreement of a clustering with known labels (NMI, ARI).

Every function takes plain arrays (a ``(k, n_terms)`` topic-word matrix, lists of top-word lists,
label sequences), so the LDA sweep and the embedding models score themselves with the same code.
Coherence is gensim's ``CoherenceModel``; the rest is a few lines of numpy, written here because no
well-kept library exposes FREX, lift or Hungarian-matched topic stability on plain matrices.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
from scipy.optimize import linear_sum_assignment

__all__ = [
    "coherence_per_topic", "reference_coverage", "topic_diversity", "frex", "exclusivity", "lift", "similarity_matrix",
    "match_topics", "topic_stability", "nmi", "ari", "agreement",
]


# ---- coherence -----------------------------------------------------------------------------------
def coherence_per_topic(topics: Sequence[Sequence[str]], texts: Iterable[Sequence[str]], dictionary,
                        measure: str = "c_npmi", bow=None) -> np.ndarray:
    """Coherence of each topic (a list of its top words) on reference ``texts``.

    Parameters
    ----------
    topics : list of list of str
        Top words of each topic. Topics of many models can be scored in one call: gensim then counts
        word co-occurrences in ``texts`` once for all of them.
    texts : list of list of str, or a re-iterable of them
        Reference token lists (training units, or held-out units for held-out coherence). Only
        iterated (at most twice), so a reference read again from disk on each iteration
        (:class:`~speechtopics.models.sweep.TokenRows`) is never held whole.
    dictionary : gensim Dictionary
        Vocabulary of the topics.
    measure : {"c_v", "c_npmi", "c_uci", "u_mass"}
        gensim coherence measure (``u_mass`` counts documents, the others sliding windows).
    bow : list, optional
        Bag-of-words of ``texts`` (used by ``u_mass``; built from ``texts`` when omitted).

    Returns
    -------
    numpy.ndarray
        One value per topic; NaN where a topic has fewer than two of its words in ``dictionary`` and
        in ``texts``, or where the measure is not finite.

    Notes
    -----
    Only the topic words that occur in ``texts`` are scored. gensim's PMI divides by
    ``p(w1) p(w2)``, so one top word absent from the reference (common for held-out units: a topic's
    rarer top words need not recur in 20% of the units) makes the pair's NPMI, and with it the topic's
    mean, ``inf``; and c_v's context vectors of such a word are NaN. A word never seen in the reference
    carries no evidence for or against the topic, so its pairs are left out (for c_npmi, the mean over
    the remaining pairs), and any value still not finite is NaN, which callers skip (``np.nanmean``).
    How many top words the reference lacks is reported separately (:func:`reference_coverage`).
    """
    from gensim.models.coherencemodel import CoherenceModel

    seen = _reference_vocab(texts, bow, dictionary)
    known = [[w for w in t if w in dictionary.token2id and w in seen] for t in topics]
    idx = [i for i, t in enumerate(known) if len(t) >= 2]
    out = np.full(len(topics), np.nan)
    if not idx:
        return out
    # texts are only iterated (once per call: gensim's sliding-window counts), so a reference read from disk
    # each time it is iterated is never held whole
    kwargs = {"corpus": bow if bow is not None else [dictionary.doc2bow(t) for t in texts]} \
        if measure == "u_mass" else {"texts": texts}
    cm = CoherenceModel(topics=[known[i] for i in idx], dictionary=dictionary, coherence=measure,
                        processes=1, topn=max(len(known[i]) for i in idx), **kwargs)
    with np.errstate(divide="ignore", invalid="ignore"):
        vals = np.asarray(cm.get_coherence_per_topic(), dtype=float)
    out[idx] = np.where(np.isfinite(vals), vals, np.nan)
    return out


def _reference_vocab(texts, bow, dictionary) -> set[str]:
    if bow is not None:
        return {dictionary[i] for doc in bow for i, c in doc if c > 0}
    return {w for t in texts for w in t}


def reference_coverage(topics: Sequence[Sequence[str]], texts: Sequence[Sequence[str]]) -> np.ndarray:
    """Share of each topic's words that occur in the reference ``texts`` (1 = all of them)."""
    seen = _reference_vocab(texts, None, None)
    return np.array([np.mean([w in seen for w in t]) if len(t) else np.nan for t in topics], dtype=float)


# ---- topic-word criteria -------------------------------------------------------------------------
def _top_idx(topic_word: np.ndarray, topn: int) -> np.ndarray:
    # stable sort on -p: ties keep id order, so the result never depends on the platform
    return np.argsort(-topic_word, axis=1, kind="stable")[:, :topn]


def topic_diversity(topic_word: np.ndarray, topn: int = 25) -> float:
    """Share of unique words among all topics' top ``topn`` words (Dieng et al. 2020); 1 = no overlap."""
    top = _top_idx(np.asarray(topic_word), topn)
    return float(len(np.unique(top)) / top.size)


def _ecdf_rows(x: np.ndarray) -> np.ndarray:
    """Within-row empirical CDF (rank / n, ties share the highest rank)."""
    from scipy.stats import rankdata

    return rankdata(x, axis=1, method="max") / x.shape[1]


def frex(topic_word: np.ndarray, weight: float = 0.5) -> np.ndarray:
    """FREX score of every word in every topic: the weighted harmonic mean of its exclusivity rank and
    its frequency rank within the topic (after Roberts et al. 2016 and stm's ``calcfrex``, not equal to it).

    For topic k and word v, exclusivity is ``e_kv = beta_kv / sum_j beta_jv`` (unshrunk) and frequency
    ``beta_kv``; each becomes a within-topic ECDF rank ``rank / n_terms``, tied values all taking the
    highest rank (``scipy.stats.rankdata(method="max")``); then

    ``frex_kv = 1 / (weight / ecdf(e)_kv + (1 - weight) / ecdf(beta)_kv)``.

    ``weight`` is the weight of exclusivity. How this differs from R stm's ``calcfrex`` (which
    ``labelTopics`` calls): stm's ``w`` weights frequency, ``1 / (w / freq + (1 - w) / excl)``, so
    ``weight`` here is stm's ``1 - w`` (the same at the default 0.5); stm, given the word counts (as
    ``labelTopics`` gives them), shrinks each word's exclusivity towards uniform by a James-Stein
    estimator, which ranks rare words lower -- here there is no shrinkage; and stm ranks ties by their
    average rank (``data.table::frank``), here by the highest. The top words therefore differ a little
    from stm's (7 to 9 of each topic's top 10 shared, on a K=5 model of 26 government work reports).

    Parameters
    ----------
    topic_word : numpy.ndarray
        ``(k, n_terms)`` topic-word probabilities (or any non-negative per-topic word weights).
    weight : float
        Weight of exclusivity, 0 to 1 (default 0.5).

    Returns
    -------
    numpy.ndarray
        ``(k, n_terms)``, in (0, 1].

    Examples
    --------
    >>> frex(np.array([[0.6, 0.3, 0.1], [0.1, 0.3, 0.6]])).round(3).tolist()
    [[1.0, 0.667, 0.333], [0.333, 0.667, 1.0]]
    """
    beta = np.asarray(topic_word, dtype=float)
    excl = beta / np.maximum(beta.sum(axis=0, keepdims=True), 1e-300)
    return 1.0 / (weight / _ecdf_rows(excl) + (1 - weight) / _ecdf_rows(beta))


def exclusivity(topic_word: np.ndarray, topn: int = 10, weight: float = 0.7) -> np.ndarray:
    """Per-topic exclusivity after stm's ``exclusivity``: the mean :func:`frex` score (``weight`` on
    exclusivity, as stm's ``frexw``; unshrunk exclusivity, ties at their highest rank) of the topic's
    top ``topn`` words by probability, in (0, 1]."""
    beta = np.asarray(topic_word, dtype=float)
    scores = frex(beta, weight)
    top = _top_idx(beta, topn)
    return np.take_along_axis(scores, top, axis=1).mean(axis=1)


def lift(topic_word: np.ndarray, term_freq: np.ndarray) -> np.ndarray:
    """Lift of every word in every topic: ``beta_kv / p(v)``, with ``p(v)`` the corpus word share."""
    p = np.asarray(term_freq, dtype=float)
    p = p / max(p.sum(), 1e-300)
    return np.asarray(topic_word, dtype=float) / np.maximum(p, 1e-12)[None, :]


# ---- stability -----------------------------------------------------------------------------------
def _normalise(x: np.ndarray) -> np.ndarray:
    x = np.asarray(x, dtype=float)
    return x / np.maximum(x.sum(axis=1, keepdims=True), 1e-300)


def similarity_matrix(a: np.ndarray, b: np.ndarray, metric: str = "jensenshannon") -> np.ndarray:
    """Pairwise similarity of the rows of ``a`` and ``b`` (topic-word distributions).

    ``jensenshannon``: 1 minus the Jensen-Shannon distance (base 2, so in [0, 1]); ``cosine``:
    cosine similarity.
    """
    if metric == "cosine":
        an = a / np.maximum(np.linalg.norm(a, axis=1, keepdims=True), 1e-300)
        bn = b / np.maximum(np.linalg.norm(b, axis=1, keepdims=True), 1e-300)
        return an @ bn.T
    if metric != "jensenshannon":
        raise ValueError(f"unknown metric {metric!r} (use 'jensenshannon' or 'cosine')")
    p, q = _normalise(a), _normalise(b)
    out = np.empty((len(p), len(q)))
    for i, row in enumerate(p):  # one row at a time keeps memory at (k, n_terms)
        m = 0.5 * (row[None, :] + q)
        with np.errstate(divide="ignore", invalid="ignore"):
            kl_p = np.where(row > 0, row * np.log2(row / m), 0.0).sum(axis=1)
            kl_q = np.where(q > 0, q * np.log2(q / m), 0.0).sum(axis=1)
        out[i] = 1.0 - np.sqrt(np.clip(0.5 * (kl_p + kl_q), 0.0, 1.0))
    return out


def match_topics(a: np.ndarray, b: np.ndarray, metric: str = "jensenshannon") -> tuple[np.ndarray, np.ndarray]:
    """Match each topic of ``a`` to one topic of ``b`` (Hungarian assignment, maximum total similarity).

    Returns ``(match, sim)``: topic ``i`` of ``a`` matches topic ``match[i]`` of ``b`` with similarity
    ``sim[i]``. With fewer topics in ``b``, unmatched topics of ``a`` get ``match = -1`` and ``sim = 0``.
    """
    s = similarity_matrix(a, b, metric)
    rows, cols = linear_sum_assignment(-s)
    match = np.full(len(a), -1)
    sim = np.zeros(len(a))
    match[rows] = cols
    sim[rows] = s[rows, cols]
    return match, sim


def topic_stability(runs: Sequence[np.ndarray], metric: str = "jensenshannon",
                    reference: int = 0) -> np.ndarray:
    """Per-topic stability of the ``reference`` run: its mean matched similarity to every other run.

    Parameters
    ----------
    runs : list of (k, n_terms) arrays
        Topic-word matrices of runs that differ only in their seed.
    metric : {"jensenshannon", "cosine"}
    reference : int
        Index of the run whose topics are scored (the reported model).

    Returns
    -------
    numpy.ndarray
        One value per topic of the reference run (1.0 when there is a single run).
    """
    ref = runs[reference]
    others = [r for i, r in enumerate(runs) if i != reference]
    if not others:
        return np.ones(len(ref))
    return np.mean([match_topics(ref, o, metric)[1] for o in others], axis=0)


# ---- agreement with known labels -----------------------------------------------------------------
def nmi(labels_true: Sequence, labels_pred: Sequence) -> float:
    """Normalised mutual information (arithmetic mean normalisation, scikit-learn's default)."""
    from sklearn.metrics import normalized_mutual_info_score

    return float(normalized_mutual_info_score(labels_true, labels_pred))


def ari(labels_true: Sequence, labels_pred: Sequence) -> float:
    """Adjusted Rand index."""
    from sklearn.metrics import adjusted_rand_score

    return float(adjusted_rand_score(labels_true, labels_pred))


def agreement(labels_true: Sequence, labels_pred: Sequence) -> dict[str, float | int]:
    """NMI, ARI and the number of items compared.

    Parameters
    ----------
    labels_true, labels_pred : sequence
        Two labelings of the same items (known labels and a clustering, or two clusterings).

    Returns
    -------
    dict
        ``{"nmi": float, "ari": float, "n": int}``.
    """
    return {"nmi": nmi(labels_true, labels_pred), "ari": ari(labels_true, labels_pred), "n": len(labels_true)}
