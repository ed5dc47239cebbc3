"""Speech clusters by policy or by rhetoric: :func:`cluster` (public as ``speechtopics.cluster``).

This module owns the design of the ``cluster`` command and of ``Project.speech_clusters``: which
representation each ``by``/``method`` combination clusters (built by
:mod:`speechtopics.models.cluster_features`), how the runs under several seeds become one reported
partition with its stability (:mod:`speechtopics.models.cluster_stability`), and the description of each
cluster (FREX words, exemplar speeches, separating features) in a :class:`SpeechClusters` result (defined,
with its tables' writing and each seed's run, in :mod:`speechtopics.models.cluster_result`).
:func:`corpus_from_texts` (from :mod:`speechtopics.models.cluster_texts`) wraps already-clean texts
(the ``cluster`` command's input) as a Corpus.

The design, one rule per combination (README, "Speech clusters"):

* ``policy``/``lda`` -- per seed one gensim LDA with ``topics`` topics (default the project's K) on
  the content tokens of the corpus's units; a speech's shares are its units' token-weighted mean;
  k-means on ``sqrt(shares)`` (Hellinger geometry). The reported seed's topics are the ``topic_t``
  features, and their words the result's ``topic_words``.
* ``policy``/``embedding`` -- the configured embedding route's vectors, L2-normalised, without the
  stance block; k-means (spherical: on unit vectors).
* ``rhetoric`` -- the rhetoric stage's features, each standardised, each group scaled to total
  variance 1; k-means. ``method`` plays no part (the features are not a topic model's).
* ``both`` -- the policy block and the rhetoric block each scaled to total variance 1, side by side.

Every combination is fitted under ``n_seeds`` seeds (``seed, seed + 1, ...``); the reported partition
is the run that agrees best with the others, ``stability_`` the mean pairwise ARI, and each cluster's
recurrence its mean best Jaccard in the other runs.
"""

from __future__ import annotations

import warnings
from dataclasses import replace

import numpy as np
import pandas as pd

from speechtopics.arguments import MAX_SEED, corpus_arg, int_arg, seed_arg
from speechtopics.stages import check_cluster_k
from speechtopics.models.cluster_features import (
    content_units,
    embedding_vectors,
    lda_roots,
    lda_shares,  # noqa: F401  (its name here since it was made)
    rhetoric_features,
    rhetoric_table,
    smd_table,
    unit_variance,
)
from speechtopics.models.cluster_result import SpeechClusters, runs_table, weak_partition  # noqa: F401  (public here)
from speechtopics.models.cluster_stability import choose_k, kmeans_labels, medoid_run, pairwise_ari, recurrence
from speechtopics.models.cluster_texts import corpus_from_texts  # noqa: F401  (its name here since it was made)

BY = ("policy", "rhetoric", "both")
METHODS = ("lda", "embedding")
#: Exemplar speeches and FREX words shown per cluster.
N_EXEMPLARS = 3
N_WORDS = 10


def check_choice(by: str, method: str) -> None:
    """Refuse an unknown ``by`` or ``method`` (ValueError naming the choices)."""
    if by not in BY:
        raise ValueError(f"by: {by!r} is not one of {', '.join(map(repr, BY))}")
    if method not in METHODS:
        raise ValueError(f"method: {method!r} is not one of {', '.join(map(repr, METHODS))}")


def cluster(corpus, k: int | None = None, *, by: str = "policy", method: str = "lda", seed: int = 0,
            n_seeds: int | None = None, topics: int | None = None) -> SpeechClusters:
    """Cluster the speeches of a corpus by policy (content), by rhetoric (form) or by both.

    Parameters
    ----------
    corpus : Corpus or Project
        As :func:`speechtopics.read_corpus` returns it; a :class:`~speechtopics.Project` is read with
        :meth:`~speechtopics.Project.read_corpus` (its config's ``lda`` and ``rhetoric`` settings apply).
    k : int, optional
        Number of clusters; None chooses it by the stability rule
        (:func:`~speechtopics.models.cluster_stability.choose_k`, curve in ``k_curve``).
    by : {"policy", "rhetoric", "both"}
        What the speeches are grouped by: content words, the rhetoric stage's features, or both (each
        block scaled to total variance 1, weighted 1:1).
    method : {"lda", "embedding"}
        The policy representation: LDA topic shares (Hellinger) or the embedding route's vectors.
    seed : int
        The first seed; the runs use ``seed, seed + 1, ..., seed + n_seeds - 1``.
    n_seeds : int, optional
        Runs compared for stability (default ``cluster.n_seeds`` of the corpus's config).
    topics : int, optional
        Topics of each LDA (default ``cluster.topics``, 0 there meaning ``lda.k``).

    Returns
    -------
    SpeechClusters
        With ``method`` lda (``by`` policy or both), ``topic_words`` holds the top words of the
        clustering's own LDA topics (the reported seed's fit), which the ``topic_t`` features name;
        they are not the topics of a :class:`~speechtopics.TopicModel` you fitted yourself.

    Examples
    --------
    >>> from pathlib import Path
    >>> import speechtopics as st
    >>> corpus = st.read_corpus(sorted(Path("data/raw/xi_speeches_2013_2016").glob("2014-0[1-6]*.txt")))
    >>> res = st.cluster(corpus, 2, by="rhetoric", seed=1, n_seeds=2)
    >>> res.k, sorted(res.assignments["cluster"].unique().tolist())
    (2, [1, 2])
    """
    check_choice(by, method)
    if not hasattr(corpus, "records") and hasattr(corpus, "read_corpus"):
        corpus = corpus.read_corpus()
    corpus_arg(corpus, "cluster")
    for name, value in (("k", k), ("n_seeds", n_seeds), ("topics", topics)):
        if value is not None:  # n_seeds: stability and recurrence compare seeds' runs
            int_arg(name, value, 2, "cluster")
    seed = seed_arg(seed, "cluster", optional=False)
    cfg = corpus.config
    n_seeds = int(cfg.cluster.n_seeds if n_seeds is None else n_seeds)
    topics = int(topics or cfg.cluster.topics or cfg.lda.k)
    if n_seeds < 2 or topics < 2:  # from the config
        raise ValueError(f"cluster: need n_seeds >= 2 and topics >= 2 (got n_seeds={n_seeds}, topics={topics})")
    seeds = [seed + s for s in range(n_seeds)]
    check_seeds(seeds, k)
    records = list(corpus.records)
    check_cluster_k(k, len(records), rule=True)  # before any LDA fit
    roots = None
    if by != "rhetoric" and method == "lda":
        built = content_units(records, replace(cfg.corpus, min_unit_tokens=1))
        have = {u["doc_id"] for u in built["units"]}
        keep_ids = [r["doc_id"] for r in records if r["doc_id"] in have]
        if not keep_ids:
            raise ValueError("cluster: no speech has a content token left after the vocabulary filter")
        roots = lda_roots(built, keep_ids, topics, cfg.lda, seeds)
    result = with_source_ids(partition(records, cfg, k, by, method, seeds, roots), corpus.documents)
    for line in one_paragraph_lines(records, by):
        warnings.warn(line, UserWarning, stacklevel=2)
    if result.left_out:
        warnings.warn(f"cluster: {len(result.left_out)} of {len(records)} speeches have no content word left after "
                      "the vocabulary filter and are not clustered (result.left_out)", UserWarning, stacklevel=2)
    for line in weak_partition(result):
        warnings.warn(line, UserWarning, stacklevel=2)
    return result


def with_source_ids(result: SpeechClusters, documents: pd.DataFrame) -> SpeechClusters:
    """``result`` with a ``source_id`` column (the id column of the user's table, as ``documents`` holds it)
    at the end of its assignments, when ``documents`` has one; else ``result`` itself.

    Examples
    --------
    >>> from speechtopics.models.cluster_result import SpeechClusters
    >>> res = SpeechClusters(pd.DataFrame({"doc_id": ["b", "a"], "cluster": [1, 2]}), *[pd.DataFrame()] * 4,
    ...                      1.0, 2, "rhetoric", "lda", [0, 1])
    >>> docs = pd.DataFrame({"doc_id": ["a", "b"], "source_id": ["HB-1", "HB-2"]})
    >>> with_source_ids(res, docs).assignments["source_id"].tolist()
    ['HB-2', 'HB-1']
    """
    if "source_id" not in documents.columns:
        return result
    ids = documents.drop_duplicates("doc_id").set_index("doc_id")["source_id"]
    return replace(result, assignments=result.assignments.assign(source_id=result.assignments["doc_id"].map(ids)))


def record_source_ids(records: list[dict]) -> pd.DataFrame:
    """``doc_id`` and ``source_id`` (the table's own id of each row, as ingest kept it in ``meta``) of clean
    records; without a ``source_id`` column when no record has one (input for :func:`with_source_ids`).

    Examples
    --------
    >>> record_source_ids([{"doc_id": "a", "meta": {"source_id": 7}}, {"doc_id": "b"}]).values.tolist()
    [['a', '7'], ['b', nan]]
    >>> list(record_source_ids([{"doc_id": "a"}]).columns)
    ['doc_id']
    """
    ids = [(r.get("meta") or {}).get("source_id") for r in records]
    frame = pd.DataFrame({"doc_id": [r["doc_id"] for r in records]})
    if any(v is not None for v in ids):
        frame["source_id"] = [None if v is None else str(v) for v in ids]
    return frame


def one_paragraph_lines(records: list[dict], by: str) -> list[str]:
    """A line to say when most texts clustered by rhetoric (or both) are one paragraph: the rhetoric
    features read the opening, closing, moves and numbered sections from paragraphs, so such texts are
    hardly told apart by them. :func:`speechtopics.read_corpus` and ``speechtopics clean`` split a text
    without line breaks into paragraphs; texts given to the ``cluster`` command as they are are not.

    Examples
    --------
    >>> one_paragraph_lines([{"paragraphs": [{"text": "同志们：…"}]}] * 2, "rhetoric")[0].split(" (")[0]
    'cluster: 2 of 2 texts are one paragraph each'
    >>> one_paragraph_lines([{"paragraphs": [{"text": "同志们：…"}]}] * 2, "policy")
    []
    """
    single = sum(len(r.get("paragraphs") or []) <= 1 for r in records)
    if by == "policy" or single * 2 <= len(records):
        return []
    return [f"cluster: {single} of {len(records)} texts are one paragraph each (no line breaks): by {by} the "
            "rhetoric features read opening, closing, moves and sections from paragraphs, so these texts are "
            "hardly told apart by them; give one paragraph per line, or run speechtopics clean on them first "
            "(it splits such texts into paragraphs)"]


def check_seeds(seeds: list[int], k: int | None) -> None:
    """Refuse, before any fit, seeds that run past ``2**32 - 1`` (what gensim's and scikit-learn's
    generators accept): the runs use ``seeds`` and, when the k rule chooses k, its resamples
    ``seeds[0] + 1 .. seeds[0] + N_RESAMPLES``.

    Examples
    --------
    >>> check_seeds([2**32 - 2, 2**32 - 1], 3)
    >>> check_seeds([2**32 - 2, 2**32 - 1], None)
    Traceback (most recent call last):
    ...
    ValueError: cluster: seed 4294967294 with 2 seeds and the k rule's 20 resamples uses seeds up to 4294967314, above 4294967295: give a seed of at most 4294967275
    """
    from speechtopics.models.cluster_stability import N_RESAMPLES

    last = max(seeds[-1], seeds[0] + (N_RESAMPLES if k is None else 0))
    if last > MAX_SEED:
        rule = f" and the k rule's {N_RESAMPLES} resamples" if k is None else ""
        raise ValueError(f"cluster: seed {seeds[0]} with {len(seeds)} seeds{rule} uses seeds up to {last}, above "
                         f"{MAX_SEED}: give a seed of at most {MAX_SEED - (last - seeds[0])}")


def partition(records: list[dict], cfg, k: int | None, by: str, method: str, seeds: list[int],
              roots=None) -> SpeechClusters:
    """The clusters of ``records`` given the policy LDA's square-rooted speech shares per seed
    (``roots``: ``(doc_ids, [matrix per seed])`` or ``(doc_ids, [matrix per seed], [topic words per
    seed])`` as :func:`~speechtopics.models.cluster_features.lda_roots` and
    :func:`~speechtopics.models.cluster_features.run_roots` give it, only for ``method`` lda when ``by``
    is not rhetoric; ``Project`` passes its cached runs here); everything else is computed. The
    reported seed's topic words become :attr:`SpeechClusters.topic_words` (None without them)."""
    check_seeds(seeds, k)
    blocks, features, left_out, shares = _representations(records, cfg, by, method, seeds, roots)
    records = [r for r in records if r["doc_id"] not in left_out]
    if k is not None and len(records) < k:
        raise ValueError(f"cluster: {len(records)} speeches for k={k}")
    distinct = min(len(np.unique(x, axis=0)) for x in blocks)
    if k is not None and distinct < k:  # k-means would return fewer clusters than k, with sklearn's warning
        raise ValueError(f"cluster: k={k}, but the {len(records)} speeches take only {distinct} distinct "
                         f"positions by {by} (identical texts, or texts its features do not tell apart): "
                         f"give a k of at most {distinct}")
    k_curve = None
    if k is None:
        k, k_curve = choose_k(blocks[0], seeds[0])
    from threadpoolctl import threadpool_limits

    with threadpool_limits(1):  # small matrices: threads cost more than they save
        runs = [kmeans_labels(x, k, s) for x, s in zip(blocks, seeds)]
    labels = [r[0] for r in runs]
    best = medoid_run(labels)
    lab, centres, x = labels[best], runs[best][1], blocks[best]
    dist = np.sqrt(((x - centres[lab]) ** 2).sum(axis=1))
    if shares is not None:
        features = pd.concat([features, shares[best]], axis=1) if features is not None else shares[best]
    result = _describe(records, lab, dist, features, pairwise_ari(labels),
                       recurrence(lab, [o for j, o in enumerate(labels) if j != best]),
                       k, by, method, seeds, k_curve, sorted(left_out))
    topic_words = None
    if shares is not None and len(roots) > 2:  # the words of the topics the topic_t features are
        topic_words = roots[2][best].reset_index(drop=True)
    return replace(result, runs=runs_table([r["doc_id"] for r in records], labels, seeds, best),
                   reported_seed=int(seeds[best]), topic_words=topic_words)


def _representations(records, cfg, by, method, seeds, roots):
    """Per seed the matrix clustered (rows: records minus ``left_out``), the raw rhetoric features, the
    left-out ids and per seed the topic shares (a DataFrame, for the separating features), or None."""
    ids = [r["doc_id"] for r in records]
    left_out: set[str] = set()
    policy, shares = None, None
    if by in ("policy", "both"):
        if method == "lda":
            keep_ids, policy = roots[0], roots[1]
            have = set(keep_ids)
            left_out = {d for d in ids if d not in have}
            pos = {d: i for i, d in enumerate(keep_ids)}
            order = [pos[d] for d in ids if d in have]
            policy = [p[order] for p in policy]
            shares = [pd.DataFrame(r ** 2, columns=[f"topic_{t + 1}" for t in range(r.shape[1])]) for r in policy]
        else:
            policy = embedding_vectors([r["text"] for r in records], [list(r["tokens"]) for r in records],
                                       cfg, seeds)
    keep = [i for i, d in enumerate(ids) if d not in left_out]
    rhet, table = None, None
    if by in ("rhetoric", "both"):
        table = rhetoric_table([records[i] for i in keep], cfg)
        rhet = rhetoric_features(table)
    if by == "policy":
        blocks = policy
    elif by == "rhetoric":
        blocks = [rhet for _ in seeds]
    else:
        blocks = [np.hstack([unit_variance(p), unit_variance(rhet)]) for p in policy]
    features = table.reset_index(drop=True) if table is not None else None
    return blocks, features, left_out, shares


def word_rates(tokens: list[list[str]], words: list[str]) -> pd.DataFrame:
    """Uses of each of ``words`` per 1,000 tokens of each speech; columns ``word:<word>``.

    Examples
    --------
    >>> word_rates([["改革", "开放", "改革", "发展"], ["扶贫"]], ["改革", "扶贫"]).values.tolist()
    [[500.0, 0.0], [0.0, 1000.0]]
    """
    col = {w: j for j, w in enumerate(words)}
    out = np.zeros((len(tokens), len(words)))
    for i, toks in enumerate(tokens):
        for t in toks:
            if t in col:
                out[i, col[t]] += 1
        out[i] *= 1000.0 / max(len(toks), 1)
    return pd.DataFrame(out, columns=[f"word:{w}" for w in words])


def exemplar_table(assign: pd.DataFrame, speeches, n: int = N_EXEMPLARS) -> pd.DataFrame:
    """The ``n`` distinct speeches closest to each cluster's centre: ``cluster, rank, doc_id,
    display_name, distance``. ``speeches`` names each row's speech (:func:`speechtopics.models.cluster.
    speech_ids`): of a speech and its kept copies only the closest is an exemplar. Ties by ``doc_id``.

    Examples
    --------
    >>> a = pd.DataFrame({"doc_id": ["x", "x2", "y"], "display_name": ["X", "X again", "Y"],
    ...                   "cluster": [1, 1, 1], "distance": [0.5, 0.5, 0.7]})
    >>> exemplar_table(a, ["x", "x", "y"])["doc_id"].tolist()
    ['x', 'y']
    """
    ex = (assign.assign(speech=list(speeches)).sort_values(["cluster", "distance", "doc_id"], kind="stable")
          .drop_duplicates(["cluster", "speech"]).groupby("cluster").head(n)
          .assign(rank=lambda d: d.groupby("cluster").cumcount() + 1))
    return ex[["cluster", "rank", "doc_id", "display_name", "distance"]].reset_index(drop=True)


def _describe(records, labels, dist, features, stability, recur, k, by, method, seeds, k_curve, left_out):
    """The :class:`SpeechClusters` of one partition."""
    from speechtopics.models.cluster import class_frex, speech_ids
    from speechtopics.models.labels import label_words

    ids = [r["doc_id"] for r in records]
    speeches = speech_ids(records)  # a kept copy (clean's duplicates: keep) is its original's speech
    names = [str(r.get("display_name") or r.get("title") or r["doc_id"]) for r in records]
    labels = np.asarray(labels).astype(int) + 1  # 1-based, as topics and rhetoric clusters in the report
    recur = recur.assign(cluster=recur["cluster"].astype(int) + 1)
    assign = pd.DataFrame({"doc_id": ids, "display_name": names, "cluster": labels,
                           "distance": np.round(dist, 6)})
    frex = class_frex([list(r.get("tokens") or []) for r in records], labels, top_n=N_WORDS,
                      speeches=speeches)
    words = pd.DataFrame([{"cluster": c, "rank": i + 1, "word": w, "frex": round(s, 6)}
                          for c, ws in frex.items() for i, (w, s) in enumerate(ws)],
                         columns=["cluster", "rank", "word", "frex"])
    exemplars = exemplar_table(assign, speeches)
    if by != "rhetoric" and method == "embedding":  # content by embeddings: the clusters' own FREX words,
        rates = word_rates([list(r.get("tokens") or []) for r in records],  # as rates, separate them
                           sorted({w for ws in frex.values() for w, _ in ws}))
        features = rates if features is None else pd.concat([features, rates], axis=1)
    feats = smd_table(features, labels) if features.shape[1] else pd.DataFrame(
        columns=["cluster", "feature", "mean_in", "mean_out", "smd"])
    summary = recur.copy()
    # named as topics are (label_words): no person's name, no part of a word already taken
    summary["words"] = [" · ".join(label_words(list(words.loc[words["cluster"] == c, "word"]), 5))
                        for c in summary["cluster"]]
    summary["exemplars"] = ["; ".join(exemplars.loc[exemplars["cluster"] == c, "display_name"])
                            for c in summary["cluster"]]
    return SpeechClusters(assign, summary, words, exemplars, feats, round(float(stability), 6), int(k), by,
                          method, list(seeds), k_curve, list(left_out))
