"""The pipeline: stages wired together, each cached by the hashes of its inputs, config slice and code.

This is the I/O edge of the library. Stages themselves are pure functions (``clean_documents``,
``segment_records``, ``build_units``, ``run_lda`` ...); :class:`Pipeline` feeds each the previous
stage's output and stores the result in ``data/interim`` (see :mod:`speechtopics.cache`), keyed by

* the hash of everything upstream (input file contents, or the previous stage's key),
* the hash of the config slice the stage reads, and
* the hash of the stage's own source files and data files (lexicons, stopwords),

so a second run recomputes nothing that did not change, and a code or lexicon change invalidates
exactly the stages downstream of it. Notebooks build a Pipeline from the same config and get the
cached results back cheaply.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from functools import cached_property
from pathlib import Path
from typing import Any

from speechtopics import paths
from speechtopics.cache import Cache, hash_file, hash_obj
from speechtopics.config import Config, load_config

# The source files and data folders each stage depends on; a change in any of them re-runs the stage.
STAGE_CODE = {
    "ingest": ["ingest.py", "clean/decode.py"],
    "clean": ["clean"],
    "segment": ["segment", "resources/lexicon", "resources/stopwords"],
    "corpus": ["corpus.py"],
    "lda": ["models/lda.py"],
    "sweep": ["models/lda.py", "models/sweep.py", "evaluate.py"],
}


def code_hash(stage: str) -> str:
    """Hash of the source files (and data files) a stage depends on."""
    h = hashlib.sha256()
    for rel in STAGE_CODE.get(stage, []):
        p = (paths.PACKAGE_DIR / rel).resolve()
        files = sorted(f for f in p.rglob("*") if f.is_file() and "__pycache__" not in f.parts) \
            if p.is_dir() else ([p] if p.exists() else [])
        for f in files:
            h.update(f.name.encode())
            h.update(hash_file(f).encode())
    return h.hexdigest()


class Pipeline:
    """Cached stages of one run, built from a :class:`~speechtopics.config.Config`.

    Parameters
    ----------
    cfg : Config or path
        The run's configuration (a path is loaded with :func:`load_config`).
    use_cache : bool
        Read and write ``data/interim``; False recomputes everything (and stores nothing).
    progress : bool
        Show progress bars on long stages.
    """

    def __init__(self, cfg: Config | str | Path | None = None, use_cache: bool = True, progress: bool = False):
        self.cfg = cfg if isinstance(cfg, Config) else load_config(cfg)
        self.cache = Cache(paths.project_paths(self.cfg).interim, enabled=use_cache)
        self.progress = progress

    def _key(self, stage: str, *parts: Any) -> str:
        return hash_obj([stage, code_hash(stage), *parts])

    # ---- ingest -------------------------------------------------------------------------------
    @cached_property
    def input_files(self) -> list[Path]:
        from speechtopics.ingest import iter_files

        files = []
        for src in self.cfg.ingest.inputs:
            p = paths.project_paths(self.cfg).resolve(src.path)
            if not p.exists():
                raise FileNotFoundError(f"{src.path}: input path does not exist")
            files.extend(iter_files(p, src.glob))
        return sorted(set(files))

    @cached_property
    def ingest_key(self) -> str:
        return self._key("ingest", [hash_file(f) for f in self.input_files], self.cfg.ingest.inputs)

    @cached_property
    def ingested(self) -> tuple[list[dict], list[dict]]:
        """Raw records and ingest ledger rows."""
        from speechtopics.ingest import read_sources

        return self.cache.cached("ingest", self.ingest_key,
                                 lambda: read_sources(self.cfg.ingest.inputs, paths.project_paths(self.cfg).root))

    # ---- clean --------------------------------------------------------------------------------
    @cached_property
    def clean_key(self) -> str:
        return self._key("clean", self.ingest_key, self.cfg.clean, self.cfg.seed)

    @cached_property
    def cleaned(self) -> list[dict]:
        """Every raw record as a clean document (kept, dropped or duplicate)."""
        return self.cache.cached("clean", self.clean_key, self._clean)

    def _clean(self) -> list[dict]:
        from speechtopics.clean import clean_documents

        records, _ = self.ingested
        docs = clean_documents(self._bar(records, "clean"), self.cfg.clean)
        meta = {r["doc_id"]: r.get("meta", {}) for r in records}
        for d in docs:
            d.pop("raw", None)
            m = meta.get(d["doc_id"], {})
            d.setdefault("collection", m.get("collection", ""))
            d.setdefault("genre", m.get("genre", ""))
            if d.get("year") in (None, "") and m.get("year") not in (None, ""):
                d["year"] = int(m["year"])
            if d.get("year") in (None, "") and d.get("date"):
                d["year"] = int(str(d["date"])[:4])
        return docs

    @property
    def kept(self) -> list[dict]:
        return [d for d in self.cleaned if d.get("status") == "kept"]

    # ---- segment ------------------------------------------------------------------------------
    @cached_property
    def segment_key(self) -> str:
        return self._key("segment", self.clean_key, self.cfg.segment)

    @cached_property
    def segmented(self) -> list[dict]:
        """Kept documents with tokens per paragraph and per document."""
        from speechtopics.segment import segment_records

        return self.cache.cached("segment", self.segment_key,
                                 lambda: segment_records(self.kept, self.cfg.segment))

    # ---- corpus -------------------------------------------------------------------------------
    @cached_property
    def corpus_key(self) -> str:
        return self._key("corpus", self.segment_key, self.cfg.corpus)

    @cached_property
    def corpus(self) -> dict:
        """``units`` (list of dict), ``dictionary`` (gensim) and ``bow`` for the configured unit."""
        return self.cache.cached("corpus", self.corpus_key, self._corpus)

    def _corpus(self) -> dict:
        from speechtopics.corpus import build_dictionary, build_units, to_bow

        c = self.cfg.corpus
        units = build_units(self.segmented, unit=c.unit, min_tokens=c.min_unit_tokens)
        dictionary = build_dictionary((u["tokens"] for u in units), c)
        bow = to_bow(dictionary, (u["tokens"] for u in units))
        keep = [i for i, b in enumerate(bow) if b]
        return {"units": [units[i] for i in keep], "bow": [bow[i] for i in keep], "dictionary": dictionary}

    # ---- models -------------------------------------------------------------------------------
    def lda(self, k: int | None = None, seed: int | None = None):
        """The LDA run at K (default: config) and seed (default: the config seed), cached."""
        from speechtopics.models.lda import run_lda

        k = k or self.cfg.lda.k
        seed = self.cfg.seed if seed is None else seed
        key = self._key("lda", self.corpus_key, self.cfg.lda, k, seed)
        c = self.corpus
        return self.cache.cached("lda", key, lambda: run_lda(c["bow"], c["dictionary"], k, self.cfg.lda, seed))

    def chosen_k(self) -> int:
        """The K the analysis reports: the sweep's choice when ``lda.choose_k`` (runs the cached sweep),
        else ``lda.k``."""
        return int(self.sweep().best_k_) if self.cfg.lda.choose_k else int(self.cfg.lda.k)

    def speech_clusters(self):
        """``doc_id, cluster`` of every speech: hierarchical clusters (``lda.n_clusters``) of the speech
        topic mixtures of the reported model (chosen K, config seed), as notebook 02 shows them; cached."""
        from speechtopics.models.lda import speech_cluster_table

        k = self.chosen_k()
        run = self.lda(k)
        key = self._key("lda", self.corpus_key, self.cfg.lda, k, self.cfg.seed, "speech_clusters")
        return self.cache.cached("speech_clusters", key, lambda: speech_cluster_table(
            self.corpus["units"], run.theta, self.cfg.lda.n_clusters))

    def sweep(self):
        """The model-selection sweep over ``lda.sweep_ks`` x ``lda.sweep_seeds`` (a fitted
        :class:`~speechtopics.models.sweep.LdaSweep`), cached."""
        from speechtopics.models.sweep import LdaSweep

        c, lda = self.corpus, self.cfg.lda
        key = self._key("sweep", self.corpus_key, lda, self.cfg.seed)
        return self.cache.cached("sweep", key, lambda: LdaSweep(
            lda.sweep_ks, lda.sweep_seeds, lda, random_state=self.cfg.seed, n_jobs=lda.n_jobs,
        ).fit(c["bow"], c["dictionary"], [u["tokens"] for u in c["units"]]))

    # ---- ledger -------------------------------------------------------------------------------
    def ledger(self, with_corpus: bool = True) -> list[dict]:
        """One row per input document or unreadable file: where it went and why.

        A kept document that leaves no unit in the corpus (every token filtered out) is reported as
        dropped at the ``corpus`` stage, so no document disappears without a reason.
        """
        _, ingest_ledger = self.ingested
        rows = [dict(r) for r in ingest_ledger]
        in_corpus = {u["doc_id"] for u in self.corpus["units"]} if with_corpus else None
        for d in self.cleaned:
            row = {"source": d["source"], "doc_id": d["doc_id"], "stage": "clean",
                   "status": d.get("status", "kept"), "reason": d.get("reason", "")}
            if row["status"] == "kept" and in_corpus is not None and d["doc_id"] not in in_corpus:
                row.update(stage="corpus", status="dropped",
                           reason="no tokens left after segmentation and vocabulary filtering")
            rows.append(row)
        return rows

    def summary(self) -> dict[str, Any]:
        rows = self.ledger()
        status = Counter(r["status"] for r in rows)
        reasons = Counter(r["reason"] for r in rows if r["status"] != "kept")
        return {"documents": len(rows), "status": dict(status), "reasons": dict(reasons.most_common())}

    def _bar(self, items, desc: str):
        if not self.progress:
            return items
        from tqdm.auto import tqdm

        return tqdm(items, desc=desc, unit="doc", leave=False)
