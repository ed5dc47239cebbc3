"""The corpus stage over partitions of segmented documents, its per-partition work on worker processes.

This module owns how :func:`speechtopics.stages.build_corpus` runs on a large corpus. Two passes:

1. per partition (a task): the units of analysis of its documents (:func:`~speechtopics.corpus.iter_units`)
   and the unfiltered gensim ``Dictionary`` of their tokens; the partitions' dictionaries are merged in
   partition order (:func:`~speechtopics.corpus.merge_counts`, a reduction) and filtered once;
2. per partition of units (a task): each unit's bag-of-words under the filtered dictionary; units left
   without a term are left out.

Tasks run on an executor when one is given (:func:`speechtopics.parallel.ordered_map`) and their
results are gathered in partition order, so the dictionary, the bag-of-words and the units are the same
on any number of workers. With a ``spill`` folder the tasks read and write their units as files there
(a partition of the stored segmented documents is read by the worker itself), so this process holds
neither the documents nor the units, only the merged counts and the bag-of-words arrays.
"""

from __future__ import annotations

import itertools
import shutil
from array import array
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np
from gensim.corpora import Dictionary

from speechtopics.addressing import MISSING, ChunkMemo
from speechtopics.partitions import PartitionedList, load_items, spill_folder, store_items, write_part
from speechtopics.corpus import BowCorpus, CorpusConfig, filter_dictionary, iter_units, merge_counts
from speechtopics.gcpause import without_gc
from speechtopics.parallel import Ready, chunked, is_cluster, ordered_map

__all__ = ["units_task", "bow_task", "build_corpus_parts", "CHUNK"]

#: Documents per task when the documents are not stored partitions.
CHUNK = 256


@without_gc  # many acyclic lists and dicts (see speechtopics.gcpause)
def units_task(source, cfg: CorpusConfig, store: str | None = None) -> tuple[Any, Dictionary]:
    """First pass on one partition of segmented documents: its units (a list, or the file ``store``) and
    the unfiltered Dictionary of their tokens."""
    units = list(iter_units(load_items(source), unit=cfg.unit, min_tokens=cfg.min_unit_tokens))
    return store_items(units, store), Dictionary(u["tokens"] for u in units)


@without_gc
def bow_task(source, token2id: dict[str, int], store: str | None = None, remove: bool = True) -> tuple:
    """Second pass on one partition of units: the units that keep a term (a list, or the file
    ``store``), their bags-of-words as arrays (lengths, term ids, counts) and their documents' ids.
    ``remove``: ``source`` is a spill file of the first pass, removed once read (not a stored result)."""
    vocab = Dictionary()
    vocab.token2id = token2id
    kept, lengths, ids, counts = [], [], [], []
    for u in load_items(source, remove=remove):
        bow = vocab.doc2bow(u["tokens"])
        if bow:
            kept.append(u)
            lengths.append(len(bow))
            ids.extend(i for i, _ in bow)
            counts.extend(c for _, c in bow)
    doc_ids = list(dict.fromkeys(u["doc_id"] for u in kept))
    return (store_items(kept, store), np.asarray(lengths, dtype=np.int64), np.asarray(ids, dtype=np.int32),
            np.asarray(counts, dtype=np.int32), doc_ids)


def _sources(segmented: Iterable[dict], executor):
    """The first pass's task inputs, each with the name of its content-addressed partition file (None
    when it has none): the files of stored partitions (read by the task), else lists of documents (a
    partition each for a cluster, whose workers need not see this machine's files)."""
    if isinstance(segmented, PartitionedList):
        for i, name in enumerate(segmented.files):
            address = Path(name).name if Path(name).parent.name == "by_content" else None
            yield (lambda i=i: segmented.part(i)) if is_cluster(executor) else str(segmented.folder / name), address
    else:
        yield from ((chunk, None) for chunk in chunked(segmented, CHUNK))


def build_corpus_parts(segmented: Iterable[dict], cfg: CorpusConfig, out=None, spill: str | Path | None = None,
                       executor=None, in_flight: int = 8, memo: ChunkMemo | None = None) -> dict[str, Any]:
    """:func:`speechtopics.stages.build_corpus` by partitions (see the module's description): ``units``
    (``out()``'s list when given, each kept partition added whole), ``bow``, ``dictionary`` and
    ``doc_ids`` (the documents with a unit in the corpus, in order).

    With a ``memo`` (a :class:`~speechtopics.addressing.ChunkMemo` of this stage's code and settings),
    the first pass's units and counts of a content-addressed partition of segmented documents are stored
    under its address and read back on a later run; the dictionary and the bags-of-words under it are
    corpus-wide and built again."""
    folder = spill_folder(Path(spill)) if spill is not None and not is_cluster(executor) else None
    try:
        return _build(segmented, cfg, out, folder, executor, in_flight, memo or ChunkMemo(None, ""))
    finally:
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)


def _build(segmented, cfg, out, folder: Path | None, executor, in_flight: int, memo: ChunkMemo) -> dict[str, Any]:
    names = (str(folder / f"units-{i:06d}.pkl") if folder else None for i in itertools.count())
    keys: list[tuple[str | None, bool]] = []  # per partition: its stored result's address, whether computed

    def tasks():
        for source, address in _sources(segmented, executor):
            key = memo.key("units", address) if memo.enabled and address else None
            counts = memo.get(key, ".units.pkl") if key else MISSING
            keys.append((key, counts is MISSING))
            if counts is not MISSING:
                yield Ready((str(memo.path(key, ".units.pkl")), counts))
            else:
                source = source() if callable(source) else source
                yield source, str(memo.path(key, ".units.pkl")) if key and folder else next(names)
    unit_parts: list = []  # per partition: its units (or their file) and whether that is a spill file

    def counts():  # each partition's counts merged as it comes, not held
        for i, (stored, part_counts) in enumerate(ordered_map(_units, tasks(), cfg, executor=executor,
                                                              in_flight=in_flight)):
            key, computed = keys[i]
            if key and computed:
                if not isinstance(stored, str):  # a cluster's worker sent the units back
                    stored = str(write_part(stored, memo.path(key, ".units.pkl")))
                memo.put(key, part_counts)
            unit_parts.append((stored, key is None))
            yield part_counts
    dictionary = filter_dictionary(merge_counts(counts()), cfg)
    kept = out() if out is not None else None
    units: list[dict] = []
    # growable arrays (about 1.1 times their content), not a list of pieces concatenated at the end (2 times)
    indptr, ids, cts, doc_ids = array("q", [0]), array("i"), array("i"), {}
    # the kept units are written by the tasks in the format of the stage's partitions (Parquet when stored)
    suffix = kept.suffix if kept is not None else ".pkl"
    kept_names = (str(folder / f"kept-{i:06d}{suffix}") if folder else None for i in itertools.count())
    cluster = is_cluster(executor)  # its workers need not see this machine's files: stored units are sent
    second = ((load_items(stored) if cluster and isinstance(stored, str) else stored, next(kept_names), spilled)
              for stored, spilled in unit_parts)
    for stored, n, i, c, docs in ordered_map(_bows, second, dictionary.token2id, executor=executor,
                                             in_flight=in_flight):
        doc_ids.update(dict.fromkeys(docs))
        indptr.frombytes((np.cumsum(n) + indptr[-1]).astype(np.int64).tobytes())
        ids.frombytes(i.astype(np.int32).tobytes())
        cts.frombytes(c.astype(np.int32).tobytes())
        if kept is not None and isinstance(stored, str):
            kept.add_file(stored, len(n))
        elif kept is not None:
            for u in stored:
                kept.append(u)
        else:
            units.extend(load_items(stored))
    bow = BowCorpus(np.frombuffer(indptr, dtype=np.int64), np.frombuffer(ids, dtype=np.int32),
                    np.frombuffer(cts, dtype=np.int32))
    return {"units": kept.close() if kept is not None else units, "bow": bow, "dictionary": dictionary,
            "doc_ids": list(doc_ids)}


def _units(task: tuple, cfg: CorpusConfig) -> tuple:
    source, store = task
    return units_task(source, cfg, store)


def _bows(task: tuple, token2id: dict[str, int]) -> tuple:
    source, store, remove = task
    return bow_task(source, token2id, store, remove)
