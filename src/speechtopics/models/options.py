"""Options of the LDA models (the ``lda:``, ``seeded:`` and ``cluster:`` slices of the config).

This module owns :class:`LdaConfig` (the model at one K, the sweep over K and seeds that chooses K, the
stability threshold, the speech clusters), :class:`SeededConfig` (the seeded, guided model's seed words)
and :class:`ClusterConfig` (speech clusters by policy or rhetoric: the ``cluster`` command and
``speechtopics.cluster``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

#: Seed words per policy area of county government work (the bundled run's ``seeded.seed_topics`` in
#: ``config/default.yaml``). Not a default: without ``seed_topics`` in the config, topics are labelled by
#: their own FREX words and no seeded model is fitted. Words missing from the corpus vocabulary are
#: ignored; an area with no word in the vocabulary gets no seeded topic.
DEFAULT_SEED_TOPICS: dict[str, list[str]] = {
    "经济发展": ["经济", "增长", "发展", "GDP", "消费", "投资", "内需", "经济运行", "稳增长"],
    "招商引资与项目建设": ["招商引资", "项目", "招商", "签约", "开工", "投产", "项目建设", "落地", "重点项目"],
    "工业与产业": ["工业", "产业", "制造业", "企业", "园区", "产业链", "转型升级", "集群", "工业化"],
    "农业与农村": ["农业", "农村", "农民", "乡村振兴", "粮食", "扶贫", "脱贫", "耕地", "乡村"],
    "城市建设": ["城市", "城镇化", "基础设施", "交通", "住房", "棚户区", "城乡", "规划", "道路"],
    "生态环保": ["生态", "环境", "污染", "环保", "绿色", "节能", "减排", "治理", "生态文明"],
    "民生与教育医疗": ["教育", "医疗", "就业", "社会保障", "养老", "卫生", "学校", "民生", "健康"],
    "改革与市场": ["改革", "营商环境", "审批", "放管服", "市场", "体制", "开放", "简政放权", "市场主体"],
    "科技创新": ["科技", "创新", "研发", "技术", "人才", "科研", "高新技术", "数字", "创新驱动"],
    "党的建设与作风": ["党", "党员", "干部", "作风", "廉政", "腐败", "党风", "纪律", "组织"],
    "安全稳定": ["安全", "稳定", "风险", "应急", "防范", "维稳", "公共安全", "社会治理", "安全生产"],
}


@dataclass(frozen=True)
class LdaConfig:
    """LDA at one K, and the sweep over K and seeds used to choose it.

    Attributes
    ----------
    k
        Topics of the reported model when ``choose_k`` is false (and the default of ``Pipeline.lda``).
    passes, iterations, alpha, eta, chunksize
        gensim ``LdaModel`` settings of the reported model.
    top_n
        Top words per topic in tables and coherence.
    sweep_ks, sweep_seeds
        The model-selection grid: every K in ``sweep_ks`` fitted under ``sweep_seeds`` seeds
        (``seed, seed + 1, ...``).
    sweep_passes, sweep_iterations
        Lighter settings for the sweep fits (the sweep ranks K; the chosen K is refitted in full).
    holdout
        Share of units held out (seeded split) for held-out perplexity and held-out coherence.
    n_jobs
        Processes for the sweep and the ``cluster`` route (joblib); each fit is a single-threaded, exact
        ``LdaModel``.
    choose_k
        Report the K chosen by the sweep's rule (true) or the fixed ``k`` (false).
    stability_threshold
        Topics whose mean matched similarity (1 - Jensen-Shannon distance) across seeds is below
        this are flagged as unstable.
    n_passages
        Most representative passages shown per topic.
    n_clusters
        Speech clusters (hierarchical, Jensen-Shannon distance on topic mixtures).
    backend
        ``gensim``: one ``LdaModel`` in one process (exact under the seed; the default). ``partitioned``:
        batch variational EM with the E-step over fixed partitions of ``partition_size`` units, on
        ``n_jobs`` local processes or the Dask cluster at ``scheduler``
        (:func:`speechtopics.models.parallel_lda.fit_lda_parallel`): the same topics, byte for byte,
        whatever the number of workers; fixed priors only (``alpha``/``eta`` not ``auto``).
    partition_size
        Units per partition of the ``partitioned`` backend (the result depends on it, not on workers).
    partitions_per_update
        ``partitioned`` backend: 0 is batch EM (one M-step per pass); ``n`` is online variational Bayes
        (Hoffman, Blei and Bach 2010, as gensim's ``update_every``): an M-step after each fixed group of
        ``n`` partitions, for corpora where one pass is long. The groups do not depend on the workers.
    scheduler
        A ``dask.distributed`` scheduler address (``tcp://host:8786``): the K sweep's (K, seed) fits and
        the ``partitioned`` backend's E-step run there; null: ``n_jobs`` local processes.
    """

    k: int = 20
    passes: int = 10
    iterations: int = 200
    alpha: str | float = "auto"
    eta: str | float = "auto"
    chunksize: int = 2000
    top_n: int = 15
    sweep_ks: tuple[int, ...] = (5, 10, 15, 20, 25, 30, 40, 50)
    sweep_seeds: int = 3
    sweep_passes: int = 4
    sweep_iterations: int = 50
    holdout: float = 0.2
    n_jobs: int = 2
    choose_k: bool = True
    stability_threshold: float = 0.5
    n_passages: int = 3
    n_clusters: int = 6
    backend: Literal["gensim", "partitioned"] = "gensim"
    partition_size: int = 2000
    partitions_per_update: int = 0
    scheduler: str | None = None


@dataclass(frozen=True)
class SeededConfig:
    """The seeded (guided) LDA of notebook 02 (:func:`speechtopics.models.seeded.run_seeded`).

    Attributes
    ----------
    seed_topics, seed_boost, n_free_topics
        Seed words per policy area (default none: topic labels then come from each topic's FREX
        words and notebook 02 skips the seeded model; :data:`DEFAULT_SEED_TOPICS` is the county set
        the bundled config names); pseudo-counts added to each seed word's ``eta`` in its
        topic (on top of the symmetric ``1 / K``; ``eta`` competes with real word counts, so a boost
        of a few units barely moves a large corpus); topics left free beside the seeded ones.
    """

    seed_topics: dict[str, list[str]] = field(default_factory=dict)
    seed_boost: float = 50.0
    n_free_topics: int = 5


@dataclass(frozen=True)
class ClusterConfig:
    """Speech clusters (:func:`speechtopics.cluster`, the ``cluster`` command, ``Project.speech_clusters``);
    the LDA fits take every other setting from :class:`LdaConfig`.

    Attributes
    ----------
    k
        Clusters (null: chosen by the stability rule over bootstrap resamples; see
        :func:`speechtopics.models.cluster_stability.choose_k`).
    by
        ``policy`` (content words), ``rhetoric`` (the rhetoric stage's features) or ``both``.
    method
        Policy representation: ``lda`` (topic shares, Hellinger geometry) or ``embedding``.
    n_seeds
        Runs under seeds ``seed, seed + 1, ...``: the reported partition is the one that agrees best
        with the others; their mean pairwise ARI is the stability shown (each run is one LDA fit).
    topics
        Topics of each LDA of the ``lda`` method (null or 0: ``lda.k``; the project's chosen K in
        ``Project``; 0 is what configs of earlier releases wrote for the default).
    """

    k: int | None = None
    by: Literal["policy", "rhetoric", "both"] = "policy"
    method: Literal["lda", "embedding"] = "lda"
    n_seeds: int = 5
    topics: int | None = None

    def __post_init__(self):
        if self.topics == 1:
            raise ValueError("topics must be null or 0 (lda.k) or at least 2 (got 1)")
