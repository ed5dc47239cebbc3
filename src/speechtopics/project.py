"""``Project``: the config-driven runner, and the one place that knows the cache.

A :class:`Project` is one config file's run: every stage a public property or method, cached under a key of

* the key of the stage it reads (or the input files' contents),
* the config fields the stage reads (and nothing else: a ``cluster:`` option never re-runs the sweep),
* the hash of the stage's module and every package module it imports (:mod:`speechtopics.codehash`),

so a second run recomputes nothing that did not change and a code change invalidates exactly the stages that
import it. ``speechtopics run`` is :meth:`Project.run`; the notebooks build a Project from the same config.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from speechtopics import paths, stages
from speechtopics.arguments import bool_arg, int_arg, seed_arg
from speechtopics.segment.run import stage_workers
from speechtopics.addressing import content_chunks
from speechtopics.cache import Cache, hash_files, hash_obj
from speechtopics.codehash import code_hash
from speechtopics.config import Config, load_config, with_overrides
from speechtopics.rhetoric.cues import cue_files_digest

#: Documents per stored partition of a stage's output (segmented documents: at most, cut by content).
PART_SIZE = 256
#: Settings that every fit reads (``models.lda.fit_lda``); ``n_jobs`` and ``scheduler`` change no result.
FIT_FIELDS = ("passes", "iterations", "alpha", "eta", "chunksize", "backend", "partition_size",
              "partitions_per_update")
#: Settings the K sweep reads (``models.sweep.LdaSweep``); ``n_jobs`` changes no result.
SWEEP_FIELDS = FIT_FIELDS[2:] + ("sweep_ks", "sweep_seeds", "sweep_passes", "sweep_iterations", "holdout", "top_n",
                                 "stability_threshold")


def fields(obj: Any, names: tuple[str, ...]) -> dict[str, Any]:
    """The named fields of a config slice, for a cache key."""
    return {n: getattr(obj, n) for n in names}


class LeftOutTooMuch(RuntimeError):
    """``run --strict``: an input lost more of its documents than ``ingest.max_left_out`` allows."""


class Project:
    """Cached stages of one run, built from a config.

    Parameters
    ----------
    config : Config, str or Path, optional
        The run's configuration (a path is loaded with :func:`~speechtopics.config.load_config`;
        default :func:`speechtopics.paths.default_config`: the current folder's ``config.yaml``, as the
        commands read it, else ``config/default.yaml``).
    overrides : dict, optional
        Settings on top of the config by dotted key (``{"lda.k": 12, "seed": 3}``), checked as a file is.
    use_cache : bool
        Read and write the interim cache; False recomputes and stores nothing (segment's token cache too).
    progress : bool
        Progress bars on long stages.

    Examples
    --------
    >>> import speechtopics as st
    >>> model = st.Project("tests/data/small.yaml", use_cache=False).topic_model(k=3)
    >>> model.k, len(model.labels_)
    (3, 3)
    """

    def __init__(self, config: Config | str | Path | None = None, *, overrides: dict | None = None,
                 use_cache: bool = True, progress: bool = False):
        self.config = (with_overrides(config, overrides) if isinstance(config, Config)
                       else load_config(config or paths.default_config(), overrides))
        self.paths = paths.project_paths(self.config)
        self.cache = Cache(self.paths.interim, enabled=bool_arg("use_cache", use_cache, "Project"))
        self.progress = bool_arg("progress", progress, "Project")

    def use_reports_folder(self, notebook: str | None = None) -> Path:
        """Send this session's saved figures and tables to ``output.reports`` at ``report.dpi`` (a notebook opened
        by hand; a run's own choice stays): :func:`speechtopics.report.registry.use_reports_folder`."""
        from speechtopics.report.registry import use_reports_folder
        return use_reports_folder(self.paths.reports, notebook, self.config.report.dpi)

    def stage_key(self, stage: str, module: str, *parts: Any) -> str:
        """Cache key of ``stage``: its name, the code hash of ``module`` and ``parts`` (upstream key, config
        fields), paths inside the project folder relative to it (a copy elsewhere reads the same entries)."""
        from speechtopics.config import to_dict
        return hash_obj([stage, code_hash(module), *paths.relative_paths(to_dict(list(parts)), self.paths.root)])

    # ---- ingest, clean, segment, corpus ---------------------------------------------------------
    @cached_property
    def input_files(self) -> list[Path]:
        """Every file under the configured inputs, sorted."""
        from speechtopics.ingest import iter_files

        files = []
        for src in self.config.ingest.inputs:
            p = self.paths.resolve(src.path)
            if not p.exists():
                raise FileNotFoundError(f"{src.path}: input path does not exist")
            files.extend([*iter_files(p, src.glob), *([self.paths.resolve(src.metadata)] if src.metadata else [])])
        return sorted(set(files))

    @cached_property
    def ingest_key(self) -> str:  # file names too: a name gives a doc_id, title and date
        return self.stage_key("ingest", "speechtopics.ingest", hash_files(self.input_files, self.paths.root),
                              self.config.ingest.inputs)

    @cached_property
    def ingested(self) -> tuple[Sequence[dict], list[dict]]:
        """Raw records (stored in partitions, read back lazily) and the ingest ledger rows (files and rows
        that could not be read)."""
        from speechtopics.ingest import iter_sources

        read: dict[str, list] = {}

        def records():  # streamed into the partitions: one file (or block of a table's rows) at a time
            read["ledger"] = []
            return iter_sources(self.config.ingest.inputs, self.paths.root, read["ledger"])
        parts = self.cache.cached_parts("ingest", self.ingest_key, records, part_size=PART_SIZE)
        if "ledger" in read:
            self.cache.put("ingest_ledger", self.ingest_key, read["ledger"])
            return parts, read["ledger"]
        hit, ledger = self.cache.get("ingest_ledger", self.ingest_key)
        if not hit:  # a lost ledger entry: read the inputs again for it alone
            ledger = []
            for _ in iter_sources(self.config.ingest.inputs, self.paths.root, ledger):
                pass
            self.cache.put("ingest_ledger", self.ingest_key, ledger)
        return parts, ledger

    @cached_property
    def clean_key(self) -> str:
        return self.stage_key("clean", "speechtopics.stages", self.ingest_key, self.config.clean,
                              self.config.seed)

    @cached_property
    def cleaned(self) -> Sequence[dict]:
        """Every raw record as a clean document (kept, dropped or duplicate, with a reason): a read-only
        list stored in partitions, read back one partition at a time."""
        base = self.stage_key("clean", "speechtopics.clean.stream", self.config.clean, self.config.seed)
        return self.cache.cached_parts("clean", self.clean_key, lambda: stages.iter_clean_records(
            self._bar(self.ingested[0], "clean"), self.config.clean, self.config.seed, spill=self.paths.interim,
            memo=self.cache.memo("clean", base), **stage_workers(self.segment_config, len(self.ingested[0]))),
            part_size=PART_SIZE)

    @property
    def kept(self) -> list[dict]:
        """Clean documents whose status is ``kept``."""
        return list(self.iter_kept())

    def iter_kept(self):
        """:attr:`kept` one document at a time (one stored partition in memory)."""
        return (d for d in self.cleaned if d.get("status") == "kept")

    @cached_property
    def segment_config(self):
        """``segment`` as this project runs it (the paragraph-token cache off when the project's cache is)."""
        return self.config.segment if self.cache.enabled else dataclasses.replace(self.config.segment, cache=False)

    @cached_property
    def segment_base(self) -> str:
        """The segment stage's code and settings alone (no upstream key): the address of a stored
        partition of segmented documents is this and the partition's clean documents."""
        from speechtopics.segment.options import token_options
        from speechtopics.segment.resources import load_resources

        seg = self.config.segment
        return self.stage_key("segment", "speechtopics.segment.run", token_options(seg), load_resources(seg).dict_hash)

    @cached_property
    def segment_key(self) -> str:
        return hash_obj([self.segment_base, self.clean_key])

    @cached_property
    def segmented(self) -> Sequence[dict]:
        """Kept documents with tokens per paragraph and per document (Dask with ``segment.workers``): a
        read-only list stored in partitions (:class:`~speechtopics.partitions.PartitionedList`), read back one
        at a time. Partitions are cut and stored by content (:mod:`speechtopics.addressing`): after documents
        are added, only partitions whose clean documents changed are segmented again."""
        seg = self.segment_config
        parts = content_chunks(self.iter_kept(), PART_SIZE, key=lambda d: d["doc_id"])

        @cache
        def phrases():  # the corpus phrases (segment.phrases), learned once over every partition
            return stages.corpus_phrases(self.iter_kept(), seg)

        def base() -> str:
            return self.segment_base if phrases() is None else hash_obj([self.segment_base, phrases().digest])
        return self.cache.addressed_parts("segment", self.segment_key, base, parts, lambda docs: (
            stages.iter_segmented(docs, seg, cache_root=self.paths.interim / "segment", phrases=phrases())))

    @cached_property
    def corpus_key(self) -> str:
        return self.stage_key("corpus", "speechtopics.stages", self.segment_key, self.config.corpus)

    @cached_property
    def corpus(self) -> dict:
        """``units`` (a read-only list of dict stored in partitions, read back one partition at a time),
        ``dictionary`` (gensim) and ``bow`` (:class:`~speechtopics.corpus.BowCorpus`) for the configured
        unit; built streaming, so no step holds every unit."""
        base = self.stage_key("corpus", "speechtopics.corpus_stream", self.config.corpus)
        return self.cache.cached_split("corpus", self.corpus_key, "units", lambda _, out: stages.build_corpus(
            self.segmented, self.config.corpus, out, spill=self.paths.interim, memo=self.cache.memo("corpus", base),
            **stage_workers(self.segment_config, len(self.segmented))), PART_SIZE, stages.CORPUS_TABLES)

    def read_corpus(self):
        """This project's documents as a :class:`~speechtopics.reading.Corpus` (for the public API)."""
        from speechtopics.reading import Corpus

        return Corpus.from_records(self.cleaned, self.segmented, self.ledger(), self.config)

    # ---- models ---------------------------------------------------------------------------------
    def check_corpus(self, k: int, what: str) -> None:
        """Refuse a model of ``k`` topics that this corpus cannot support, before any fitting
        (:class:`~speechtopics.stages.CorpusTooSmall`: one line, exit status 2 from the CLI)."""
        c = self.corpus
        stages.check_units(len(c["units"]), len(c["dictionary"]), k, what, lambda: self.ledger(with_corpus=False))
        stages.many_topics_warning(c["units"], k, what)  # as TopicModel warns

    def lda(self, k: int | None = None, seed: int | None = None):
        """The LDA run (:class:`~speechtopics.models.lda.LdaRun`) at K (default: the config's) and seed
        (default: the config seed), cached."""
        from speechtopics.models.lda import run_lda

        lda, k = self.config.lda, k or self.config.lda.k
        seed = self.config.seed if seed is None else seed_arg(seed, "Project.lda")
        self.check_corpus(k, f"lda K={k}")
        key = self.stage_key("lda", "speechtopics.models.lda", self.corpus_key, fields(lda, FIT_FIELDS), k, seed)
        c = self.corpus
        return self.cache.cached("lda", key, lambda: run_lda(c["bow"], c["dictionary"], k, lda, seed))

    def topic_model(self, k: int | None = None, seed: int | None = None):
        """The reported model (default: :meth:`chosen_k`, the config seed) as a fitted
        :class:`~speechtopics.topic_model.TopicModel`, built from the cached run."""
        from speechtopics.topic_model import TopicModel
        seed = seed_arg(seed, "Project.topic_model")  # before chosen_k, which may run the sweep
        k = self.chosen_k() if k is None else int_arg("k", k, 1, "Project.topic_model")
        return TopicModel.from_run(self.lda(k, seed), self.corpus, self.cleaned, self.config)

    def sweep(self):
        """The model-selection sweep over ``lda.sweep_ks`` x ``lda.sweep_seeds`` (a fitted
        :class:`~speechtopics.models.sweep.LdaSweep`), cached."""
        from speechtopics.models.sweep import LdaSweep, UnitTokens

        c, lda = self.corpus, self.config.lda
        n_train = len(c["units"]) - int(round(len(c["units"]) * lda.holdout))
        stages.check_units(n_train, len(c["dictionary"]), max(lda.sweep_ks), f"lda.sweep_ks up to {max(lda.sweep_ks)} "
                           "(training units after the holdout)", lambda: self.ledger(with_corpus=False))
        key = self.stage_key("sweep", "speechtopics.models.sweep", self.corpus_key, fields(lda, SWEEP_FIELDS),
                             self.config.seed)
        return self.cache.cached("sweep", key, lambda: LdaSweep(
            lda.sweep_ks, lda.sweep_seeds, lda, random_state=self.config.seed, n_jobs=lda.n_jobs,
            scheduler=lda.scheduler).fit(c["bow"], c["dictionary"], UnitTokens(c["units"])))

    def chosen_k(self) -> int:
        """The K the analysis reports: the sweep's choice when ``lda.choose_k`` (runs the cached sweep),
        else ``lda.k``."""
        return int(self.sweep().best_k_) if self.config.lda.choose_k else int(self.config.lda.k)

    def speech_clusters(self, details: bool = False):
        """Speech clusters by the config's ``cluster`` slice (:func:`speechtopics.cluster`), cached.

        The ``lda`` method reuses this project's cached LDA runs at the chosen K (``cluster.topics``
        overrides it) under seeds ``seed .. seed + cluster.n_seeds - 1``. Returns the assignments
        (``doc_id, display_name, cluster, distance``, and ``source_id`` where the input has an id column), or with ``details`` the whole
        :class:`~speechtopics.models.speech_clusters.SpeechClusters` (words, exemplars, features, stability;
        ``topic_words``, the words of the run's topics that the ``topic_t`` features are, with ``lda``).
        """
        from speechtopics.models.cluster_features import run_roots
        from speechtopics.models.speech_clusters import check_choice, partition, record_source_ids, with_source_ids

        cc, rc, seed = self.config.cluster, self.config.rhetoric, self.config.seed
        check_choice(cc.by, cc.method)
        seeds = [seed + s for s in range(cc.n_seeds)]
        uses_lda = cc.by != "rhetoric" and cc.method == "lda"
        k = (cc.topics or self.chosen_k()) if uses_lda else None
        records, units = self.segmented, self.corpus["units"]
        key = self.stage_key("speech_clusters", "speechtopics.models.speech_clusters", self.corpus_key,
                             fields(self.config.lda, FIT_FIELDS), k, seed, cc, rc,
                             self.config.embeddings if cc.method == "embedding" else None,
                             cue_files_digest(rc.cue_file, rc.structure_file) if cc.by != "policy" else None)

        def compute():
            runs = (self.lda(k, s) for s in seeds)  # one at a time
            roots = run_roots(units, runs, self.corpus["dictionary"]) if uses_lda else None
            return partition(records, self.config, cc.k, cc.by, cc.method, seeds, roots)

        result = with_source_ids(self.cache.cached("speech_clusters", key, compute), record_source_ids(records))
        return result if details else result.assignments

    def seeded(self, seed: int | None = None):
        """The seeded (guided) LDA run under ``seed`` (default: the config seed), cached."""
        from speechtopics.models.seeded import run_seeded

        lda, guide = self.config.lda, self.config.seeded
        seed = self.config.seed if seed is None else seed_arg(seed, "Project.seeded")
        key = self.stage_key("seeded", "speechtopics.models.seeded", self.corpus_key, fields(lda, FIT_FIELDS),
                             guide, seed)
        c = self.corpus
        return self.cache.cached("seeded", key, lambda: run_seeded(c["bow"], c["dictionary"], lda, guide, seed))

    def embeddings(self):
        """Speech vectors, clusters and map (:class:`~speechtopics.models.embedding_analysis.SpeechEmbeddings`)
        of the segmented speeches, cached; a pretrained encoder's vectors are cached on their own."""
        from speechtopics.models import embedding_analysis as ea
        from speechtopics.models import embeddings as em

        cfg, docs, ecfg = self.config, self.segmented, self.config.embeddings
        vectors, encoder = None, None
        if ecfg.vectorizer == "encoder":
            encoder = em.get_encoder(ecfg.encoder, ecfg.encoder_max_chars)
            key = self.stage_key("encoder", "speechtopics.models.embeddings", self.segment_key, encoder.name,
                                 ecfg.encoder_max_chars)
            vectors = self.cache.cached("encoder", key, lambda: encoder.encode([d["text"] for d in docs]))
        key = self.stage_key("embeddings", "speechtopics.models.embedding_analysis", self.segment_key, ecfg,
                             cfg.seed)
        return self.cache.cached("embeddings", key, lambda: ea.embed_speeches(docs, cfg, encoder, vectors))

    def rhetoric(self):
        """The rhetoric layer of this run (:class:`~speechtopics.rhetoric.analysis.Rhetoric`): cue files,
        options and the analyses over :attr:`segmented`."""
        from speechtopics.rhetoric.analysis import Rhetoric

        return Rhetoric.from_config(self.config)

    # ---- accounting ---------------------------------------------------------------------------
    def ledger(self, with_corpus: bool = True) -> list[dict]:
        """One row per input document or unreadable file: where it went and why (computed once per
        Project: it reads every stored partition of :attr:`cleaned`)."""
        memo = self.__dict__.setdefault("_ledgers", {})
        if with_corpus not in memo:
            doc_ids = self.corpus["doc_ids"] if with_corpus else None
            memo[with_corpus] = stages.document_ledger(self.ingested[1], self.cleaned, doc_ids=doc_ids)
        return [dict(r) for r in memo[with_corpus]]

    def summary(self) -> dict[str, Any]:
        """Documents, status counts and reasons for leaving documents out."""
        return stages.ledger_summary(self.ledger())

    def _bar(self, items, desc: str):
        if not self.progress:  # tqdm.auto not even imported: in a kernel without ipywidgets it warns
            return items
        from tqdm.auto import tqdm
        return tqdm(items, desc=desc, unit="doc", leave=False)

    # ---- the whole run ------------------------------------------------------------------------
    def run(self, *, notebooks: bool = True, force: bool = False, strict: bool = False, echo=print,
            warn=None, config_path: str | Path | None = None) -> dict[str, Any]:
        """What ``speechtopics run`` does: every stage, the processed tables and (unless
        ``notebooks=False`` or ``report.execute_notebooks`` is off) the notebooks, appendix and manifest.

        The summary lists every reason documents were left out, with counts and shares; an input whose id
        column repeats a value, or that lost more of its documents than ``ingest.max_left_out``, gets a
        warning (``warn``, default: stderr); the latter, with ``strict``, stops the run
        (:class:`LeftOutTooMuch`). Returns :meth:`summary` with the ``warnings``.
        """
        import sys

        from speechtopics.report.build import build_reports, write_processed

        warn = warn or (lambda line: print(line, file=sys.stderr))
        self.compute(echo)
        write_processed(self)
        summary = self.summary()
        for line in stages.summary_lines(summary):
            echo(line)
        summary["warnings"] = stages.input_warnings(self.ledger(), self.config.ingest.max_left_out)
        for line in [*stages.id_warnings(self.ledger(), self.config.ingest.inputs), *summary["warnings"]]:
            warn(f"warning: {line}")
        if strict and summary["warnings"]:
            raise LeftOutTooMuch(f"{len(summary['warnings'])} input(s) lost more than "
                                 f"{self.config.ingest.max_left_out:.0%} of their documents (--strict)")
        if self.config.report.execute_notebooks and notebooks:
            build_reports(self, config_path, echo=echo, force=force)
        return summary

    def compute(self, echo=print) -> None:
        """Compute (or read back) every stage up to the reported LDA model, one line per stage."""
        import time
        t, note = time.perf_counter(), self.cache.memo_note
        records, ingest_ledger = self.ingested
        echo(f"ingest   {len(records):5d} records, {len(ingest_ledger)} files or rows left out{note('ingest')}")
        echo(f"clean    {len(self.cleaned):5d} documents cleaned{note('clean', 'chunk passes')}")
        echo(f"segment  {len(self.segmented):5d} kept documents segmented{note('segment', 'partitions')}")
        c = self.corpus
        echo(f"corpus   {len(c['units'])} {self.config.corpus.unit} units, {len(c['dictionary'])} terms, "
             f"{c['dictionary'].num_pos:,} substantive tokens{note('corpus', 'partitions')}")
        stages.check_cluster_k(self.config.cluster.k, len(c["doc_ids"]))  # before any model, not in a notebook
        lda = self.config.lda
        if lda.choose_k:
            echo(f"sweep    K in {list(lda.sweep_ks)} x {lda.sweep_seeds} seeds: chose K={self.sweep().best_k_}"
                 f"{note('sweep')}")
        run = self.lda(self.chosen_k())
        echo(f"lda      K={run.k}, seed={run.seed}{note('lda')}")
        echo(f"stages done in {time.perf_counter() - t:.1f} s (cache: {self.cache.counts()})")

