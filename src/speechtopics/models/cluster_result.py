"""The result of :func:`speechtopics.cluster`: :class:`SpeechClusters`, its tables and how they are written.

This module owns what a speech clustering hands back: the tables (assignments, per-cluster summary,
FREX words, exemplars, separating features, each seed's run, the k rule's curve, the words of the
clustering's own LDA topics), how they are written to a folder (:meth:`SpeechClusters.save`, which the
``cluster`` command's ``--details`` uses, so the files of the API and of the command are the same), how
each seed's run is numbered like the reported partition (:func:`runs_table`), and the lines that say
when a partition is not one to report as it is (:func:`weak_partition`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from speechtopics.report.tables import round_floats

#: The tables :meth:`SpeechClusters.save` writes, in this order (``k_curve`` only when the k rule ran;
#: ``topic_words`` only for ``method`` lda with ``by`` policy or both).
TABLES = ("assignments", "clusters", "words", "exemplars", "features", "runs", "k_curve", "topic_words")


@dataclass
class SpeechClusters:
    """The result of :func:`~speechtopics.cluster`.

    Attributes
    ----------
    assignments : DataFrame
        ``doc_id, display_name, cluster, distance`` (clusters numbered 1, 2, ... by decreasing size;
        distance to its cluster's centre in the clustered space), one row per clustered speech, then
        ``source_id`` (the id column of your own table, as in :attr:`Corpus.documents
        <speechtopics.reading.Corpus>`) when the corpus has one. Join it to your data on ``doc_id``
        (``corpus.documents.merge(result.assignments[["doc_id", "cluster"]], on="doc_id", how="left")``)
        or on ``source_id``.
    clusters : DataFrame
        Per cluster: ``cluster, n, jaccard, recurs, words, exemplars``; ``recurs`` is false for a cluster
        whose mean best Jaccard in the other seeds' runs is 0.5 or below (a cluster
        that half-matches is not recurring: fpc::clusterboot's "dissolved").
    words : DataFrame
        ``cluster, rank, word, frex``: each cluster's distinctive words by FREX over the clusters, among
        words in at least two of its speeches (:func:`~speechtopics.models.cluster.class_frex`; a kept
        duplicate, clean's ``duplicates: keep``, counts with its original as one speech).
    exemplars : DataFrame
        ``cluster, rank, doc_id, display_name, distance``: the distinct speeches closest to each centre
        (of a speech and its kept copies, the closest one).
    features : DataFrame
        ``cluster, feature, mean_in, mean_out, smd``: standardised mean differences of the rhetoric
        features (``by`` rhetoric or both) and of the topic shares (``method`` lda, policy or both); for
        ``method`` embedding (``by`` policy or both), whose dimensions have no meaning of their own, of
        the clusters' FREX words as uses per 1,000 tokens (``word:<word>``).
        The ``topic_t`` features are the topics of the clustering's own LDA fit (the reported seed's),
        not those of a :class:`~speechtopics.TopicModel` you fitted yourself; within ``speechtopics
        run`` they are the run's own fits of ``lda.k`` topics. Their words are in :attr:`topic_words`;
        read them with the cluster's FREX ``words``.
    stability : float
        Mean pairwise adjusted Rand index between the seeds' runs.
    k : int
        Clusters; ``k_curve`` is the k rule's curve when k was chosen (else None).
    by, method : str
        The axis and the policy representation clustered.
    seeds : list of int
        The seeds of the runs compared.
    k_curve : DataFrame or None
        ``k, stability, sd, chosen``: the k rule's curve (:func:`speechtopics.plots.plot_cluster_k`).
    left_out : list of str
        Speeches that could not be clustered (no content token left after the vocabulary filter).
    runs : DataFrame or None
        ``doc_id, seed_<s>, ...``: every seed's run, one column per seed in :attr:`seeds`, each run's
        clusters numbered as the reported cluster they share the most speeches with (one to one), so a
        speech whose number differs between columns is one the seeds place differently.
    reported_seed : int or None
        The seed of the reported run (the run that agrees best with the others).
    topic_words : DataFrame or None
        ``topic, rank, word, prob``: the 10 most probable words of each topic of the clustering's own
        LDA fit under :attr:`reported_seed` (ties broken by word), topic ``t`` being the ``topic_t``
        features; ``topics`` x 10 rows. None for ``by`` rhetoric and ``method`` embedding.
    """

    assignments: pd.DataFrame
    clusters: pd.DataFrame
    words: pd.DataFrame
    exemplars: pd.DataFrame
    features: pd.DataFrame
    stability: float
    k: int
    by: str
    method: str
    seeds: list[int]
    k_curve: pd.DataFrame | None = None
    left_out: list[str] = field(default_factory=list)
    runs: pd.DataFrame | None = None
    reported_seed: int | None = None
    topic_words: pd.DataFrame | None = None

    def summary(self) -> pd.DataFrame:
        """:attr:`clusters` (one row per cluster)."""
        return self.clusters.copy()

    def save(self, folder: str | Path, float_digits: int = 4) -> list[Path]:
        """Write the tables as ``<name>.csv`` (UTF-8, ``\\n`` line ends, no index) into ``folder``, their
        floats (``distance``, ``jaccard``, ``frex``, ``smd`` …) to ``float_digits`` decimals, as
        :func:`speechtopics.save_table` writes them.

        The files are those of ``speechtopics cluster --details`` for the same input, config and seed:
        ``assignments``, ``clusters``, ``words``, ``exemplars``, ``features``, ``runs``, when k was
        chosen by the rule ``k_curve``, and with ``method`` lda (``by`` policy or both) ``topic_words``,
        the words of the topics the ``topic_t`` features are (:data:`TABLES`). For a LaTeX table as
        well, give one to :func:`speechtopics.save_table`; for the k rule's figure,
        :func:`speechtopics.plots.plot_cluster_k` and :func:`speechtopics.save_figure`.

        Parameters
        ----------
        folder : str or Path
            Created when missing.
        float_digits : int
            Decimals of every float (4, as :func:`~speechtopics.save_table`'s default).

        Returns
        -------
        list of Path
            The files written, in :data:`TABLES` order.
        """
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        written = []
        for name in TABLES:
            table = getattr(self, name)
            if table is not None:
                path = folder / f"{name}.csv"
                round_floats(table, float_digits).to_csv(path, index=False, lineterminator="\n",
                                                         float_format=f"%.{float_digits}f")
                written.append(path)
        return written


def runs_table(doc_ids: list[str], labels: list[np.ndarray], seeds: list[int], best: int) -> pd.DataFrame:
    """Each seed's 0-based ``labels`` as 1-based clusters numbered like the reported run ``labels[best]``.

    A run's clusters are matched one to one to the reported ones by the speeches they share (the
    assignment that maximises the shared speeches: :func:`scipy.optimize.linear_sum_assignment`).

    Examples
    --------
    >>> runs_table(["a", "b", "c"], [np.array([0, 0, 1]), np.array([1, 1, 0])], [7, 8], 0).values.tolist()
    [['a', 1, 1], ['b', 1, 1], ['c', 2, 2]]
    """
    from scipy.optimize import linear_sum_assignment

    ref = np.asarray(labels[best])
    out = {"doc_id": list(doc_ids)}
    for seed, run in zip(seeds, labels):
        run = np.asarray(run)
        size = int(max(ref.max(), run.max())) + 1
        shared = np.zeros((size, size), dtype=int)
        np.add.at(shared, (run, ref), 1)
        rows, cols = linear_sum_assignment(-shared)
        mapping = dict(zip(rows.tolist(), cols.tolist()))
        out[f"seed_{seed}"] = [mapping[int(c)] + 1 for c in run]
    return pd.DataFrame(out)


def weak_partition(result: SpeechClusters) -> list[str]:
    """Lines to say when a partition is not one to report as it is: k "chosen" by a rule that could try
    one k only (fewer than 15 speeches), k chosen at the edge of the range the rule tried (its stability
    had not fallen), or clusters that do not hold across seeds."""
    out = []
    curve = result.k_curve
    if curve is not None and len(curve) == 1:  # k_max: fewer than 15 speeches leave the rule only k = 2
        out.append(f"cluster: with {len(result.assignments)} speeches the k rule could try only k={result.k} (it "
                   "tries k up to a fifth of the speeches), so it chose nothing; give k yourself")
    if curve is not None and len(curve) > 1 and result.k == int(curve["k"].max()):
        out.append(f"cluster: k={result.k} is the largest k the rule tried: stability had not fallen, so these "
                   "speeches show no clear number of groups (plot_cluster_k shows the curve); give k yourself")
    recurring = int(result.clusters["recurs"].sum())
    if result.stability < 0.5 or recurring <= len(result.clusters) / 2:
        out.append(f"cluster: the partition does not hold across seeds (mean ARI {result.stability:.2f}; "
                   f"{recurring} of {len(result.clusters)} clusters recur): read it as one of several groupings")
    return out
