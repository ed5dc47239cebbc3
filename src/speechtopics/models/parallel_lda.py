"""Deterministic data-parallel batch LDA: gensim's variational E-step on fixed corpus partitions in
parallel (local process pool or a dask.distributed cluster), the M-step on the driver.

Responsibility: fit a gensim :class:`~gensim.models.LdaModel` whose topic-word matrix is the same bytes
for any number of workers and any scheduler, given the same corpus, partition size and seed.

How it stays deterministic
--------------------------
* The corpus is cut into contiguous partitions of ``partition_size`` documents; the cut does not depend
  on the number of workers.
* Each E-step task runs gensim's own :meth:`LdaModel.inference` (``collect_sstats=True``) on one
  partition, with ``random_state = numpy.random.RandomState(s)`` where ``s`` comes from
  ``numpy.random.SeedSequence(seed, spawn_key=(1, pass, partition))``; BLAS is held to one thread in the
  task (``threadpoolctl``) so that a driver with a multi-threaded BLAS and single-threaded cluster
  workers compute the same floating-point sums.
* The sufficient statistics come back to the driver and are summed in partition order in float64,
  then handed to gensim's :meth:`LdaModel.do_mstep` (an :class:`LdaState` blend), with gensim's step
  size ``rho = (offset + pass + num_updates / partition_size) ** -decay``. In batch mode
  (``update_every=0``, the default) there is one M-step per pass, as in gensim's ``update_every=0``.
* Online mode (``update_every=n``): an M-step after each fixed group of ``n`` consecutive partitions,
  as gensim's online LDA (Hoffman, Blei and Bach 2010) does after ``update_every`` chunks. The groups
  do not depend on the number of workers either; the E-steps of one group run in parallel, so ``n``
  at or above the number of workers keeps them busy.

Not supported: learned priors (``alpha="auto"``, ``eta="auto"``; fixed ones, ``"asymmetric"``
included, are fine), per-pass perplexity logging and callbacks. The result is a plain gensim ``LdaModel``, so everything
downstream of a model works unchanged; it is *not* byte-identical to ``LdaModel(corpus=...)``, whose
E-step draws from one random stream across chunks.
"""

from __future__ import annotations

import concurrent.futures
import multiprocessing
import shutil
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
from gensim.models import LdaModel
from gensim.models.ldamodel import LdaState

from speechtopics.models.lda_partitions import BowPartition, StoredPartition, cut_partitions, load_partition
from speechtopics.shutdown import start_pool_worker

__all__ = ["estep_partition", "shares_partition", "fit_lda_parallel", "partition_seed"]

_SCHEDULERS = ("synchronous", "processes")


@dataclass(frozen=True)
class _EStepParams:
    """What an E-step task needs of the current model (no dictionary, no corpus)."""

    exp_elogbeta: np.ndarray
    alpha: np.ndarray
    num_topics: int
    iterations: int
    gamma_threshold: float
    dtype: type


def partition_seed(seed: int, pass_: int, partition: int) -> int:
    """The E-step seed of one partition in one pass, derived from the run seed.

    Parameters
    ----------
    seed : int
        The run seed (non-negative).
    pass_ : int
        Pass number, from 0.
    partition : int
        Partition index, from 0.

    Returns
    -------
    int
        A 32-bit seed for ``numpy.random.RandomState``.
    """
    ss = np.random.SeedSequence(seed, spawn_key=(1, pass_, partition))
    return int(ss.generate_state(1, dtype=np.uint32)[0])


def _init_seed(seed: int) -> int:
    return int(np.random.SeedSequence(seed, spawn_key=(0,)).generate_state(1, dtype=np.uint32)[0])


def _inference(partition: BowPartition | StoredPartition, seed: int, params: _EStepParams, collect_sstats: bool):
    """:meth:`gensim.models.LdaModel.inference` on one partition (read from its file when stored), on a
    bare model that holds only what inference reads, with ``random_state = RandomState(seed)`` and BLAS
    limited to one thread."""
    from threadpoolctl import threadpool_limits

    m = LdaModel.__new__(LdaModel)
    m.random_state = np.random.RandomState(seed)
    m.num_topics, m.dtype, m.expElogbeta = params.num_topics, params.dtype, params.exp_elogbeta
    m.alpha, m.iterations, m.gamma_threshold = params.alpha, params.iterations, params.gamma_threshold
    with threadpool_limits(limits=1):
        return LdaModel.inference(m, load_partition(partition).docs(), collect_sstats=collect_sstats)


def estep_partition(partition: BowPartition | StoredPartition, seed: int, params: _EStepParams) -> np.ndarray:
    """gensim's E-step on one partition: its sufficient statistics, shape ``(k, n_terms)``
    (:func:`_inference` with ``collect_sstats``)."""
    return _inference(partition, seed, params, collect_sstats=True)[1]


def shares_partition(partition: BowPartition | StoredPartition, seed: int, params: _EStepParams) -> np.ndarray:
    """Topic shares of one partition's documents under the fitted model, shape ``(n_docs, k)``: gensim's
    inference as in :func:`estep_partition`, each row of ``gamma`` normalised, shares below gensim's
    ``get_document_topics`` floor (1e-8) set to 0 and the row normalised again."""
    gamma = _inference(partition, seed, params, collect_sstats=False)[0]
    theta = gamma / gamma.sum(axis=1, keepdims=True)
    theta[theta < 1e-8] = 0.0
    return theta / np.maximum(theta.sum(axis=1, keepdims=True), 1e-12)


def _params(model: LdaModel, iterations: int, gamma_threshold: float) -> _EStepParams:
    """What an inference task needs of ``model`` now."""
    return _EStepParams(model.expElogbeta, model.alpha, model.num_topics, iterations, gamma_threshold, model.dtype)


def _check(bow, id2word, k, passes, iterations, partition_size, seed, scheduler, workers, alpha, eta,
           decay, offset, update_every) -> int:
    """Validate the arguments; return the number of terms."""
    def positive_int(name, v):
        if isinstance(v, bool) or not isinstance(v, (int, np.integer)) or v < 1:
            raise ValueError(f"{name} must be a positive integer, got {v!r}")
    for name, v in (("k", k), ("passes", passes), ("iterations", iterations),
                    ("partition_size", partition_size), ("workers", workers)):
        positive_int(name, v)
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise ValueError(f"seed must be a non-negative integer, got {seed!r}")
    if isinstance(update_every, bool) or not isinstance(update_every, (int, np.integer)) or update_every < 0:
        raise ValueError(f"update_every must be 0 (batch) or a positive number of partitions, got {update_every!r}")
    for name, prior in (("alpha", alpha), ("eta", eta)):
        if isinstance(prior, str) and prior == "auto":
            raise ValueError(f"{name}='auto' (a learned prior) is not supported by fit_lda_parallel; "
                             "give 'symmetric', a number or an array")
    if not 0.0 < decay <= 1.0:
        raise ValueError(f"decay must be in (0, 1], got {decay!r}")
    if offset < 0:
        raise ValueError(f"offset must be non-negative, got {offset!r}")
    if scheduler is not None and not _is_client(scheduler):
        if not isinstance(scheduler, str) or not (scheduler in _SCHEDULERS or "://" in scheduler):
            raise ValueError(f"scheduler must be None, 'synchronous', 'processes', a scheduler address "
                             f"such as 'tcp://127.0.0.1:8786' or a distributed.Client, got {scheduler!r}")
        if scheduler == "synchronous" and workers != 1:
            raise ValueError(f"scheduler='synchronous' runs one worker, got workers={workers}")
    if hasattr(bow, "__len__") and len(bow) == 0:
        raise ValueError("cannot fit LDA on an empty corpus")
    if not isinstance(id2word, Mapping) and not hasattr(id2word, "keys"):
        raise ValueError("id2word must be a gensim Dictionary or a mapping of term id -> term")
    if len(id2word) == 0:
        raise ValueError("id2word is empty: cannot fit LDA without terms")
    return 1 + max(id2word.keys())


def _is_client(obj) -> bool:
    if obj is None or isinstance(obj, str):
        return False
    try:
        from distributed import Client
    except ImportError:  # pragma: no cover - distributed is a dependency of this module's cluster path
        return False
    return isinstance(obj, Client)


class _Runner:
    """Runs one pass of E-step tasks on the chosen backend; results come back in partition order."""

    def __init__(self, partitions: list[BowPartition | StoredPartition], scheduler, workers: int):
        self.partitions, self.pool, self.client, self.own_client = partitions, None, None, False
        if scheduler is None:
            scheduler = "synchronous" if workers == 1 else "processes"
        self.mode = "distributed" if (_is_client(scheduler) or "://" in scheduler) else scheduler
        if self.mode == "processes":
            self.pool = concurrent.futures.ProcessPoolExecutor(
                max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
                initializer=start_pool_worker)
            self.workers = workers
        elif self.mode == "distributed":
            from distributed import Client

            self.own_client = not _is_client(scheduler)
            self.client = Client(scheduler) if self.own_client else scheduler
            # one at a time: a stored partition is read here, sent, and let go (the workers keep it)
            self.part_futures = [self.client.scatter(load_partition(p)) for p in partitions]

    def run(self, seeds: list[int], params: _EStepParams, task=estep_partition,
            which: range | None = None) -> list[np.ndarray]:
        """``task`` on the partitions ``which`` (default: all), with their ``seeds``; in partition order."""
        which = range(len(self.partitions)) if which is None else which
        if self.mode == "synchronous":
            return [task(self.partitions[i], s, params) for i, s in zip(which, seeds)]
        if self.mode == "processes":
            import dask

            tasks = [dask.delayed(task, pure=False)(self.partitions[i], s, params)
                     for i, s in zip(which, seeds)]
            # chunksize=1: one partition per message, so a worker that is done takes the next (dask's
            # default sends up to 6 ready tasks to one worker at once: 20 partitions ran as 12 and 8)
            return list(dask.compute(*tasks, scheduler="processes", pool=self.pool,
                                     num_workers=self.workers, chunksize=1))
        pf = self.client.scatter(params, broadcast=True)
        futs = self.client.map(task, [self.part_futures[i] for i in which], seeds, params=pf, pure=False)
        out = self.client.gather(futs)
        del futs, pf
        return out

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown()
        if self.client is not None:
            del self.part_futures
            if self.own_client:
                self.client.close()


def fit_lda_parallel(bow: Iterable, id2word, k: int, *, passes: int = 10, iterations: int = 50,
                     alpha="symmetric", eta="symmetric", partition_size: int = 2000, seed: int = 0,
                     scheduler=None, workers: int = 1, decay: float = 0.5, offset: float = 1.0,
                     update_every: int = 0, gamma_threshold: float = 0.001, dtype=np.float64,
                     shares: bool = False, spill: str | None = None):
    """Fit variational LDA, batch or online over fixed groups of partitions, with the E-step spread over
    fixed partitions; deterministic.

    Parameters
    ----------
    bow : BowCorpus or iterable of list of (int, number)
        The corpus in gensim bag-of-words form, read once. A :class:`~speechtopics.corpus.BowCorpus` is
        cut into views of its arrays; any other corpus (a list, a generator such as
        :meth:`BowCorpus.iter_parquet <speechtopics.corpus.BowCorpus.iter_parquet>` over a stored file)
        is streamed into one file per partition in a temporary folder, read by each task in each pass,
        so the corpus is never held in memory (:mod:`speechtopics.models.lda_partitions`).
    id2word : gensim.corpora.Dictionary or mapping
        Term ids to terms; the vocabulary size is ``1 + max id``.
    k : int
        Number of topics.
    passes : int
        Passes over the corpus; each pass is one E-step over all partitions and one M-step (batch), or
        one M-step per group of ``update_every`` partitions (online).
    iterations : int
        Maximum variational iterations per document in the E-step (gensim's ``iterations``).
    alpha, eta : {"symmetric", "asymmetric" (alpha only), float, array}
        Fixed Dirichlet priors, as in gensim; ``"auto"`` is refused.
    partition_size : int
        Documents per partition (the last may be shorter); the result depends on it, not on the
        number of workers.
    seed : int
        Run seed; the initial topics and every partition's E-step seed derive from it.
    scheduler : None, "synchronous", "processes", str address or distributed.Client
        ``None`` is "synchronous" for one worker, "processes" (a local spawn pool through dask's
        processes scheduler) otherwise; an address such as ``"tcp://127.0.0.1:8786"`` connects a
        ``distributed.Client`` (closed at the end); a given Client is used and left open.
    workers : int
        Worker processes of the "processes" scheduler (a cluster brings its own).
    decay, offset : float
        gensim's step-size schedule ``rho = (offset + pass + num_updates / partition_size) ** -decay``.
    update_every : int
        0: batch, one M-step per pass. ``n`` > 0: online, an M-step after each group of ``n``
        consecutive partitions (the last group of a pass may be shorter); a value at or above the
        number of partitions is batch.
    gamma_threshold : float
        gensim's E-step convergence threshold.
    dtype : numpy dtype
        The model's float type (the project uses float64); sums are always float64.
    shares : bool
        Also infer every document's topic shares on the same workers, partition by partition
        (:func:`shares_partition`, each partition's seed derived from ``seed``).
    spill : str, optional
        The folder in which a streamed corpus's partition files are written (in a temporary folder
        removed at the end; default: the system's temporary folder). Worker processes read them there.

    Returns
    -------
    gensim.models.LdaModel, or (LdaModel, numpy.ndarray)
        A fitted model (``random_state`` reset to a seed derived from ``seed``, so later inference on
        it is reproducible too); with ``shares``, also the ``(n_docs, k)`` topic shares, the same for
        any number of workers.

    Raises
    ------
    ValueError
        On invalid arguments: non-positive sizes, a negative seed, ``"auto"`` priors, an unknown
        scheduler, an empty corpus or term ids outside ``id2word``.
    """
    n_terms = _check(bow, id2word, k, passes, iterations, partition_size, seed, scheduler, workers,
                     alpha, eta, decay, offset, update_every)
    model = LdaModel(corpus=None, id2word=id2word, num_topics=int(k), passes=passes, iterations=iterations,
                     alpha=alpha, eta=eta, chunksize=partition_size, update_every=0, decay=decay,
                     offset=offset, gamma_threshold=gamma_threshold, eval_every=None,
                     minimum_probability=0.0, random_state=_init_seed(int(seed)), dtype=dtype)
    if model.optimize_alpha or model.optimize_eta:  # pragma: no cover - caught by _check
        raise ValueError("learned priors are not supported")
    folder = None if hasattr(bow, "indptr") else tempfile.mkdtemp(prefix="speechtopics-lda-", dir=spill)
    try:
        partitions = cut_partitions(bow, partition_size, n_terms, folder)
        n_docs = sum(p.n_docs for p in partitions)
        if n_docs == 0:
            raise ValueError("cannot fit LDA on an empty corpus")
        model.state.numdocs += n_docs
        return _fit(model, partitions, n_terms, passes, iterations, partition_size, seed, scheduler, workers,
                    decay, offset, update_every, gamma_threshold, shares)
    finally:
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)


def _fit(model: LdaModel, partitions: list, n_terms: int, passes: int, iterations: int, partition_size: int,
         seed: int, scheduler, workers: int, decay: float, offset: float, update_every: int,
         gamma_threshold: float, shares: bool):
    """:func:`fit_lda_parallel`'s passes over the cut partitions."""
    runner = _Runner(partitions, scheduler, workers)
    try:
        group = update_every or len(partitions)  # partitions per M-step: all of them in batch mode
        groups = [range(a, min(a + group, len(partitions))) for a in range(0, len(partitions), group)]
        for pass_ in range(passes):
            for which in groups:
                params = _params(model, iterations, gamma_threshold)
                seeds = [partition_seed(int(seed), pass_, i) for i in which]
                total = np.zeros((model.num_topics, n_terms), dtype=np.float64)
                for sstats in runner.run(seeds, params, which=which):  # partition order, whatever finished first
                    total += sstats
                other = LdaState(model.eta, total.shape, model.dtype)
                other.sstats[...] = total
                other.numdocs = sum(partitions[i].n_docs for i in which)
                rho = pow(offset + pass_ + model.num_updates / partition_size, -decay)
                model.do_mstep(rho, other, pass_ > 0)
        if shares:
            params = _params(model, iterations, gamma_threshold)
            seeds = [partition_seed(int(seed), passes, i) for i in range(len(partitions))]
            theta = np.concatenate(runner.run(seeds, params, shares_partition))
    finally:
        runner.close()
    end_seed = np.random.SeedSequence(int(seed), spawn_key=(2,)).generate_state(1, dtype=np.uint32)[0]
    model.random_state = np.random.RandomState(int(end_seed))
    return (model, theta) if shares else model
