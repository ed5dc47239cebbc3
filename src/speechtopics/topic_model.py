"""``TopicModel`` and ``select_k``: LDA on a :class:`~speechtopics.reading.Corpus`, in the scikit-learn manner.

Settings go to ``__init__``, :meth:`TopicModel.fit` does the work and returns the model, fitted
attributes end in ``_``, and the same corpus, settings and seed give the same topics bit for bit
(gensim ``LdaModel`` in one process under ``random_state=seed``). Topic ids are 1-based everywhere:
topic 3 is ``topic_3`` in :meth:`~TopicModel.document_topics`, row ``topic == 3`` in
:meth:`~TopicModel.top_words` and in every table and figure of the report.
"""

from __future__ import annotations

import warnings

from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd

from speechtopics import stages
from speechtopics.arguments import corpus_arg, int_arg, seed_arg
from speechtopics.stages import CorpusTooSmall, check_units, many_topics_warning, short_units_warning
from speechtopics.corpus import CorpusConfig, aggregate_to_docs
from speechtopics.models import labels as lab
from speechtopics.models.lda import LdaRun, run_lda
from speechtopics.models.options import LdaConfig

Unit = Literal["paragraph", "section", "speech"]


class TopicModel:
    """LDA topic model of a corpus of speeches.

    Parameters
    ----------
    k : int
        Number of topics, at least 2 (more than the corpus's units is refused by ``fit``).
    seed : int
        The one seed (gensim ``random_state``).
    unit : {"section", "paragraph", "speech"}
        Unit of analysis; shares of a speech are the token-weighted mean of its units' shares.
    passes, iterations, alpha, eta, chunksize
        gensim ``LdaModel`` settings.
    min_unit_tokens, no_below, no_above, keep_n
        Short units merged into the next; vocabulary filter (see :class:`~speechtopics.corpus.CorpusConfig`).
    backend, partition_size, workers, scheduler
        ``"gensim"`` (one ``LdaModel`` in one process) or ``"partitioned"``: the E-step over fixed
        partitions of ``partition_size`` units on ``workers`` processes or the Dask cluster at
        ``scheduler``, the same topics byte for byte for any number of workers (fixed priors only).
    partitions_per_update
        ``"partitioned"`` backend: 0 is batch EM (one M-step per pass); ``n`` is online: an M-step
        after each group of ``n`` partitions.

    Attributes
    ----------
    model_ : gensim.models.LdaModel
    dictionary_ : gensim.corpora.Dictionary
    units_ : list of dict
        Units (``unit_id, doc_id, section, text, tokens``), in corpus order.
    bow_ : list
        Bag-of-words of each unit.
    theta_ : ndarray (n_units, k)
        Topic shares of each unit.
    topic_word_ : ndarray (k, n_terms)
    labels_ : list of str
        A label per topic from its three top FREX words (``labels_[t - 1]`` for topic ``t``).
    documents_ : pandas.DataFrame
        The kept documents with their metadata.
    left_out_ : pandas.DataFrame
        ``doc_id, display_name, reason``: kept documents that have no unit in the model (every token
        filtered out by the vocabulary filter or the unit length); ``fit`` warns when there are any.

    Examples
    --------
    >>> from pathlib import Path
    >>> import speechtopics as st
    >>> files = sorted(Path("data/raw/xi_speeches_2013_2016").glob("2014-0[1-3]*.txt"))
    >>> corpus = st.read_corpus(files)
    >>> model = st.TopicModel(k=3, seed=1, passes=2, iterations=20).fit(corpus)
    >>> model.top_words(2)["topic"].tolist()
    [1, 1, 2, 2, 3, 3]
    >>> list(model.document_topics().columns[-3:])
    ['topic_1', 'topic_2', 'topic_3']
    """

    def __init__(self, k: int, *, seed: int = 0, unit: Unit = "section", passes: int = 10,
                 iterations: int = 200, alpha: str | float = "auto", eta: str | float = "auto",
                 chunksize: int = 2000, min_unit_tokens: int = 20, no_below: int = 5, no_above: float = 0.5,
                 keep_n: int = 20000, backend: Literal["gensim", "partitioned"] = "gensim",
                 partition_size: int = 2000, workers: int = 1, scheduler: str | None = None,
                 partitions_per_update: int = 0):
        self.k = k
        self.seed = seed
        self.unit = unit
        self.passes = passes
        self.iterations = iterations
        self.alpha = alpha
        self.eta = eta
        self.chunksize = chunksize
        self.min_unit_tokens = min_unit_tokens
        self.no_below = no_below
        self.no_above = no_above
        self.keep_n = keep_n
        self.backend = backend
        self.partition_size = partition_size
        self.workers = workers
        self.scheduler = scheduler
        self.partitions_per_update = partitions_per_update

    # ---- settings ----------------------------------------------------------------------------
    def lda_config(self) -> LdaConfig:
        """The gensim settings as the pipeline's :class:`~speechtopics.models.options.LdaConfig`."""
        return LdaConfig(k=self.k, passes=self.passes, iterations=self.iterations, alpha=str(self.alpha),
                         eta=str(self.eta), chunksize=self.chunksize, backend=self.backend,
                         partition_size=self.partition_size, n_jobs=self.workers, scheduler=self.scheduler,
                         partitions_per_update=self.partitions_per_update)

    def corpus_config(self) -> CorpusConfig:
        """The unit and vocabulary settings as a :class:`~speechtopics.corpus.CorpusConfig`."""
        return CorpusConfig(unit=self.unit, min_unit_tokens=self.min_unit_tokens, no_below=self.no_below,
                            no_above=self.no_above, keep_n=self.keep_n)

    def check(self, who: str = "TopicModel") -> None:
        """Refuse settings out of range, before any work (one-line ``ValueError`` naming ``who``)."""
        k = self.k
        if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or k < 1:
            raise ValueError(f"{who}: k must be a positive integer (got {k!r})")
        if k < 2:  # every share would be 1: nothing to tell topics apart or to regress (config: lda.k >= 2)
            raise ValueError(f"{who}: k must be at least 2 (got 1): one topic gives every document a share of 1")
        for name in ("passes", "iterations", "chunksize", "min_unit_tokens", "no_below", "keep_n",
                     "partition_size", "workers"):
            value = getattr(self, name)
            if not isinstance(value, (int, np.integer)) or isinstance(value, bool) or value < (
                    0 if name == "min_unit_tokens" else 1):
                raise ValueError(f"{who}: {name} must be a positive integer (got {value!r})")
        value = self.partitions_per_update
        if not isinstance(value, (int, np.integer)) or isinstance(value, bool) or value < 0:
            raise ValueError(f"{who}: partitions_per_update must be 0 or a positive integer (got {value!r})")
        if not 0 < float(self.no_above) <= 1:
            raise ValueError(f"{who}: no_above must be in (0, 1] (got {self.no_above!r})")
        if self.backend not in ("gensim", "partitioned"):
            raise ValueError(f"{who}: backend must be gensim or partitioned (got {self.backend!r})")
        if self.backend == "partitioned" and "auto" in (self.alpha, self.eta):
            raise ValueError(f"{who}: alpha and eta 'auto' are not supported by backend='partitioned'")
        for name, words in (("alpha", ("auto", "symmetric", "asymmetric")), ("eta", ("auto", "symmetric"))):
            value = getattr(self, name)
            if isinstance(value, bool) or not (value in words or isinstance(value, (int, float, np.number))
                                               and value > 0):
                raise ValueError(f"{who}: {name} must be {', '.join(words)} or a positive number (got {value!r})")
        if self.unit not in ("paragraph", "section", "speech"):
            raise ValueError(f"{who}: unit must be paragraph, section or speech (got {self.unit!r})")
        seed_arg(self.seed, who, optional=False)

    # ---- fitting -----------------------------------------------------------------------------
    def fit(self, corpus) -> TopicModel:
        """Fit the model to a :class:`~speechtopics.reading.Corpus`; returns ``self``.

        Raises
        ------
        CorpusTooSmall
            When the corpus has fewer units than ``k`` (before any fitting).
        """
        self.check()
        corpus_arg(corpus, "TopicModel.fit")
        built = stages.build_corpus(corpus.records, self.corpus_config())
        check_units(len(built["units"]), len(built["dictionary"]), self.k, f"TopicModel(unit={self.unit!r})",
                    lambda: corpus.ledger.to_dict("records"))
        short_units_warning(built["units"], self.unit)
        many_topics_warning(built["units"], self.k, f"TopicModel(unit={self.unit!r})")
        run = run_lda(built["bow"], built["dictionary"], self.k, self.lda_config(), self.seed)
        self.set_fitted(run, built, corpus.kept)
        return self

    @classmethod
    def from_run(cls, run: LdaRun, built: dict, cleaned: list[dict], config) -> TopicModel:
        """A fitted model from a cached pipeline run (:meth:`speechtopics.Project.topic_model`)."""
        from speechtopics.reading import Corpus

        lda, c = config.lda, config.corpus
        model = cls(run.k, seed=run.seed, unit=c.unit, passes=lda.passes, iterations=lda.iterations,
                    alpha=lda.alpha, eta=lda.eta, chunksize=lda.chunksize, min_unit_tokens=c.min_unit_tokens,
                    no_below=c.no_below, no_above=c.no_above, keep_n=c.keep_n, backend=lda.backend,
                    partition_size=lda.partition_size, workers=lda.n_jobs, scheduler=lda.scheduler,
                    partitions_per_update=lda.partitions_per_update)
        documents = Corpus.from_records(cleaned, [], [], config).kept
        model.set_fitted(run, built, documents)
        return model

    def set_fitted(self, run: LdaRun, built: dict, documents: pd.DataFrame) -> None:
        """Store a fitted run and the corpus it was fitted on as the fitted attributes."""
        self.model_ = run.model
        self.dictionary_ = built["dictionary"]
        self.units_ = built["units"]
        self.bow_ = built["bow"]
        self.theta_ = run.theta
        self.topic_word_ = run.topic_word
        in_model = {u["doc_id"] for u in self.units_}
        self.documents_ = documents[documents["doc_id"].isin(in_model)].drop(
            columns=["status", "reason"], errors="ignore").reset_index(drop=True)
        out = documents[~documents["doc_id"].isin(in_model)]
        self.left_out_ = pd.DataFrame({"doc_id": out["doc_id"].tolist(),
                                       "display_name": out.get("display_name", out["doc_id"]).tolist(),
                                       "reason": "no unit left after the vocabulary filter and unit length"})
        if len(out):
            warnings.warn(f"TopicModel: {len(out)} of {len(documents)} kept documents have no unit left after the "
                          "vocabulary filter and unit length and are not in the model (see left_out_)",
                          stacklevel=3)
        self.term_freq_ = lab.term_frequencies(self.bow_, len(self.dictionary_))
        frex = lab.ranked_terms(self.topic_word_, self.dictionary_, self.term_freq_, n=20, by="frex")
        self.labels_ = lab.unique_labels(["·".join(lab.label_words([w for w, _ in t])) for t in frex])

    def fitted(self) -> None:
        if not hasattr(self, "model_"):
            raise RuntimeError("TopicModel is not fitted yet: call fit(corpus) first")

    # ---- reading the model -------------------------------------------------------------------
    def top_words(self, n: int = 10, by: Literal["prob", "frex", "lift"] = "prob") -> pd.DataFrame:
        """The top ``n`` words of every topic: columns ``topic, rank, word, weight``.

        ``by="prob"`` ranks by p(word | topic); ``"frex"`` by FREX (harmonic mean of frequency and
        exclusivity ranks, weight 0.5, after stm's ``labelTopics`` without its James–Stein shrinkage; see
        :func:`speechtopics.evaluate.frex`); ``"lift"`` by p(word | topic) / p(word) among the topic's 200 most
        probable words. ``weight`` is the score ranked by, ``prob`` the word's p(word | topic) (the
        bars of :func:`~speechtopics.plots.plot_top_words`; a FREX score is near 1 for every top word).
        """
        self.fitted()
        n = int_arg("n", n, 1, "top_words")
        ranked = lab.ranked_terms(self.topic_word_, self.dictionary_, self.term_freq_, n=n, by=by)
        ids = self.dictionary_.token2id
        rows = [{"topic": t + 1, "rank": r + 1, "word": w, "weight": float(s),
                 "prob": float(self.topic_word_[t, ids[w]])}
                for t, terms in enumerate(ranked) for r, (w, s) in enumerate(terms)]
        return pd.DataFrame(rows, columns=["topic", "rank", "word", "weight", "prob"])

    def document_topics(self) -> pd.DataFrame:
        """One row per document: ``doc_id``, ``title``, ``display_name``, ``date``, ``year``, its metadata
        columns, then ``topic_1 … topic_k`` (shares): the table for regressions of your own."""
        self.fitted()
        doc_ids, shares = aggregate_to_docs(self.units_, self.theta_)
        out = pd.DataFrame({"doc_id": doc_ids}).merge(self.documents_, on="doc_id", how="left")
        topics = pd.DataFrame(shares, columns=[f"topic_{t + 1}" for t in range(shares.shape[1])])
        return pd.concat([out, topics], axis=1)

    def passages(self, topic: int, n: int = 3, max_chars: int = 160) -> pd.DataFrame:
        """The ``n`` units with the highest share of ``topic`` (findThoughts), with the speech's ``display_name``,
        date and section."""
        self.fitted()
        int_arg("n", n, 1, "passages")
        if isinstance(topic, bool) or not isinstance(topic, (int, np.integer)) or not 1 <= topic <= self.k:
            raise ValueError(f"topic must be an integer between 1 and {self.k} (got {topic!r})")
        docs = {r["doc_id"]: r for r in self.documents_.to_dict("records")}
        theta = self.theta_[:, [topic - 1]]
        table = lab.representative_passages(theta, self.units_, docs, n=n, max_chars=max_chars)
        table["topic"] = topic
        return table

    def to_ldavis(self, path: str | Path, title: str | None = None) -> Path:
        """Write the offline pyLDAvis page (no http reference) to ``path`` and return it."""
        from speechtopics.report.ldavis import offline_html, prepare_gensim

        self.fitted()
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        prepared = prepare_gensim(self.model_, self.bow_, self.dictionary_,
                                  theta=self.theta_ if self.backend == "partitioned" else None)
        path.write_text(offline_html(prepared, title=title or f"LDA K={self.k}"), encoding="utf-8", newline="\n")
        return path


def select_k(corpus, ks=(5, 10, 15, 20), seeds: int = 3, *, seed: int = 0, unit: Unit = "section",
             passes: int = 4, iterations: int = 50, holdout: float = 0.2, stability_threshold: float = 0.5,
             top_n: int = 15, n_jobs: int = 1, min_unit_tokens: int = 20, no_below: int = 5,
             no_above: float = 0.5):
    """Fit LDA at every K of ``ks`` under ``seeds`` seeds and choose K by the stated rule.

    The rule (:data:`speechtopics.models.sweep.RULE`): among Ks whose topics replicate across seeds
    (mean stability at least ``stability_threshold``), the smallest K whose held-out coherence and
    exclusivity trade-off is within one standard error of the best.

    Returns
    -------
    LdaSweep
        ``summary_`` (one row per K: every criterion, ``score``, ``chosen``), ``best_k_``, ``reason_``
        (the rule and the values that decided it) and ``runs_`` (one row per fit).

    Examples
    --------
    >>> from pathlib import Path
    >>> import speechtopics as st
    >>> corpus = st.read_corpus(sorted(Path("data/raw/xi_speeches_2013_2016").glob("2014-0[1-3]*.txt")))
    >>> sweep = st.select_k(corpus, ks=[2, 3], seeds=2, seed=1, unit="paragraph", passes=1, iterations=10)
    >>> sweep.best_k_ in (2, 3), list(sweep.summary_["k"])
    (True, [2, 3])
    """
    from speechtopics.models.sweep import LdaSweep, UnitTokens

    corpus_arg(corpus, "select_k")
    seed_arg(seed, "select_k", optional=False)
    if isinstance(ks, (str, bytes)) or not hasattr(ks, "__iter__"):
        raise TypeError(f"select_k: ks must be a list of integers such as [5, 10, 15] (got {ks!r})")
    ks = sorted({int_arg("each of ks", k, 2, "select_k") for k in ks})  # one topic is no model to choose
    seeds = int_arg("seeds", seeds, 2, "select_k")  # the rule's stability compares runs across seeds
    if not ks or not 0 < holdout < 1 or not 0 <= stability_threshold <= 1 or top_n < 2:
        raise ValueError(f"select_k: need ks, 0 < holdout < 1 (coherence is held out), 0 <= stability_threshold <= 1 "
                         f"and top_n >= 2 (got ks={ks}, holdout={holdout}, stability_threshold={stability_threshold}, "
                         f"top_n={top_n})")
    TopicModel(ks[-1], seed=seed, unit=unit, passes=passes, iterations=iterations, min_unit_tokens=min_unit_tokens,
               no_below=no_below, no_above=no_above, workers=n_jobs).check("select_k")
    cc = CorpusConfig(unit=unit, min_unit_tokens=min_unit_tokens, no_below=no_below, no_above=no_above)
    built = stages.build_corpus(corpus.records, cc)
    n_train = len(built["units"]) - int(round(len(built["units"]) * holdout))
    check_units(n_train, len(built["dictionary"]), ks[-1], f"select_k (training units after a {holdout:.0%} holdout)")
    many_topics_warning(built["units"], ks[-1], f"select_k(unit={unit!r})")
    cfg = LdaConfig(sweep_ks=tuple(ks), sweep_seeds=seeds, sweep_passes=passes, sweep_iterations=iterations,
                    holdout=holdout, stability_threshold=stability_threshold, top_n=top_n)
    return LdaSweep(ks, seeds, cfg, random_state=seed, n_jobs=n_jobs).fit(
        built["bow"], built["dictionary"], UnitTokens(built["units"]))


__all__ = ["CorpusTooSmall", "TopicModel", "select_k"]
