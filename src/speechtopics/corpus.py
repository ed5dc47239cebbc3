"""Tokens -> units of analysis -> gensim Dictionary and bag-of-words.

Owns the choice of unit (paragraph, section or speech), the vocabulary filter and the compact form of
a bag-of-words corpus (:class:`BowCorpus`: three flat arrays instead of a list of tuples, about 8 bytes
per distinct term of a unit instead of about 70). Units keep their ``doc_id`` (and section) so every
topic share can be traced back to the page it came from, and paragraph or section models can be
aggregated back to speeches.
"""

from __future__ import annotations

import json
from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
from gensim.corpora import Dictionary

from speechtopics.clean.outline import top_section


@dataclass(frozen=True)
class CorpusConfig:
    """Unit of analysis and vocabulary filter."""

    unit: Literal["paragraph", "section", "speech"] = "section"
    min_unit_tokens: int = 20
    no_below: int = 5
    no_above: float = 0.5
    keep_n: int = 20000


def _unit(doc: dict, idx: int, section: str, paras: Sequence[dict]) -> dict:
    tokens = [t for p in paras for t in p.get("tokens", [])]
    return {
        "unit_id": f"{doc['doc_id']}:{idx}",
        "doc_id": doc["doc_id"],
        "section": section,
        "text": "\n".join(p.get("text", "") for p in paras),
        "tokens": tokens,
        "formulaic_tokens": [t for p in paras for t in p.get("formulaic_tokens", [])],
    }


def _sections(paragraphs: Sequence[dict]) -> list[tuple[str, list[dict]]]:
    """Consecutive paragraphs grouped by their top-level section (:func:`~speechtopics.clean.outline.top_section`:
    a speech's first outline label, a Markdown page's headings)."""
    groups: list[tuple[str, list[dict]]] = []
    for p in paragraphs:
        top = top_section(p.get("section") or "")
        if groups and groups[-1][0] == top:
            groups[-1][1].append(p)
        else:
            groups.append((top, [p]))
    return groups


def build_units(docs: Iterable[dict], unit: str = "section", min_tokens: int = 20) -> list[dict]:
    """Units of analysis from segmented documents.

    Short paragraphs (headings, one-line salutations) are merged into the next unit of the same
    document until it reaches ``min_tokens``, so a unit never stands on a handful of words.
    """
    return list(iter_units(docs, unit, min_tokens))


def iter_units(docs: Iterable[dict], unit: str = "section", min_tokens: int = 20) -> Iterator[dict]:
    """:func:`build_units` as a stream: reads one document at a time and yields its units."""
    for doc in docs:
        paras = doc.get("paragraphs") or [{"text": doc.get("text", ""), "section": "",
                                           "tokens": doc.get("tokens", []),
                                           "formulaic_tokens": doc.get("formulaic_tokens", [])}]
        if unit == "speech":
            groups = [("", list(paras))]
        elif unit == "section":
            groups = _sections(paras)
        else:
            groups = [(p.get("section", ""), [p]) for p in paras]
        yield from _merge_short(doc, groups, min_tokens)


def _merge_short(doc: dict, groups: list[tuple[str, list[dict]]], min_tokens: int) -> list[dict]:
    out: list[dict] = []
    pending: list[dict] = []
    sizes: dict[str, int] = {}  # tokens per section in the pending unit, in order
    for sec, paras in groups:
        pending.extend(paras)
        sizes[sec] = sizes.get(sec, 0) + sum(len(p.get("tokens", [])) for p in paras)
        if sum(len(p.get("tokens", [])) for p in pending) >= min_tokens:
            # a merged unit is named by the section most of its tokens come from: a short opening
            # (各位代表：) merged with section 一 does not name it
            out.append(_unit(doc, len(out), max(sizes, key=sizes.get), pending))
            pending, sizes = [], {}
    section = max(sizes, key=sizes.get) if sizes else ""
    if pending:
        if out and sum(len(p.get("tokens", [])) for p in pending) < min_tokens:
            last = out.pop()
            merged = _unit(doc, len(out), last["section"], [])
            merged.update(text=last["text"] + "\n" + "\n".join(p.get("text", "") for p in pending),
                          tokens=last["tokens"] + [t for p in pending for t in p.get("tokens", [])],
                          formulaic_tokens=last["formulaic_tokens"]
                          + [t for p in pending for t in p.get("formulaic_tokens", [])])
            out.append(merged)
        elif sum(len(p.get("tokens", [])) for p in pending) > 0:
            out.append(_unit(doc, len(out), section, pending))
    return out


def build_dictionary(token_lists: Iterable[list[str]], cfg: CorpusConfig) -> Dictionary:
    """A gensim Dictionary filtered by document frequency, with ids in a deterministic order.

    ``token_lists`` is read once, one list at a time (a stream of units need not be held)."""
    return filter_dictionary(Dictionary(token_lists), cfg)


def merge_counts(parts: Iterable[Dictionary]) -> Dictionary:
    """Unfiltered gensim Dictionaries of consecutive parts of a corpus merged into the Dictionary of the
    whole, as if ``Dictionary`` had read the parts' units in order: a word keeps the id of the part
    where it first occurs, in that part's order; document and collection frequencies and the unit,
    position and non-zero counts are summed. (gensim's ``merge_with`` leaves the collection
    frequencies out.)

    Examples
    --------
    >>> a, b = Dictionary([["经济", "发展"]]), Dictionary([["改革", "经济"], ["改革"]])
    >>> whole = merge_counts([a, b])
    >>> whole.token2id == Dictionary([["经济", "发展"], ["改革", "经济"], ["改革"]]).token2id, whole.dfs[2]
    (True, 2)
    """
    whole = Dictionary()
    t2i, dfs, cfs = whole.token2id, whole.dfs, whole.cfs
    for part in parts:
        pdfs, pcfs = part.dfs, part.cfs
        for token, i in sorted(part.token2id.items(), key=lambda kv: kv[1]):
            j = t2i.setdefault(token, len(t2i))
            dfs[j] = dfs.get(j, 0) + pdfs.get(i, 0)
            cfs[j] = cfs.get(j, 0) + pcfs.get(i, 0)
        whole.num_docs += part.num_docs
        whole.num_pos += part.num_pos
        whole.num_nnz += part.num_nnz
    return whole


def filter_dictionary(dictionary: Dictionary, cfg: CorpusConfig) -> Dictionary:
    """``dictionary`` (unfiltered, ids in first-occurrence order) filtered by ``cfg`` and re-numbered in
    a deterministic order (see :func:`build_dictionary`)."""
    n_docs = max(dictionary.num_docs, 1)
    no_below = min(cfg.no_below, max(1, n_docs // 10))  # tiny corpora keep words seen in 10 % of units
    # A document-frequency ceiling means nothing below 10 units (in one unit every word is in 100 %).
    no_above = cfg.no_above if n_docs >= 10 else 1.0
    dictionary.filter_extremes(no_below=no_below, no_above=no_above, keep_n=cfg.keep_n)
    # Re-number ids by (descending document frequency, token) so ids never depend on hash order.
    ordered = sorted(dictionary.token2id, key=lambda t: (-dictionary.dfs[dictionary.token2id[t]], t))
    stable = Dictionary()
    stable.token2id = {t: i for i, t in enumerate(ordered)}
    stable.id2token = {}
    stable.dfs = {i: dictionary.dfs[dictionary.token2id[t]] for i, t in enumerate(ordered)}
    stable.cfs = {i: dictionary.cfs.get(dictionary.token2id[t], 0) for i, t in enumerate(ordered)}
    stable.num_docs = dictionary.num_docs
    stable.num_pos = dictionary.num_pos
    stable.num_nnz = dictionary.num_nnz
    return stable


def to_bow(dictionary: Dictionary, token_lists: Iterable[list[str]]) -> list[list[tuple[int, int]]]:
    """Bag-of-words vectors (sorted by id) for each token list."""
    return [dictionary.doc2bow(tokens) for tokens in token_lists]


class BowCorpus(Sequence):
    """A bag-of-words corpus in compressed sparse row form: a read-only sequence of documents, each a
    list of ``(term id, count)`` pairs of Python ints, as gensim's ``doc2bow`` gives them.

    gensim models, pyLDAvis and everything else that reads a corpus by ``len``, iteration or index read
    it unchanged; it pickles as three numpy arrays.

    Parameters
    ----------
    indptr : array of int64
        Document ``i`` is entries ``indptr[i]:indptr[i + 1]``.
    ids, counts : array of int32
        Term ids (sorted within a document) and their counts.

    Examples
    --------
    >>> bow = BowCorpus.from_docs([[(0, 2), (3, 1)], [], [(1, 5)]])
    >>> len(bow), bow[0], bow[-1], list(bow.subset([2, 0]))
    (3, [(0, 2), (3, 1)], [(1, 5)], [[(1, 5)], [(0, 2), (3, 1)]])
    >>> bow == [[(0, 2), (3, 1)], [], [(1, 5)]]
    True
    """

    def __init__(self, indptr, ids, counts):
        self.indptr = np.asarray(indptr, dtype=np.int64)
        self.ids = np.asarray(ids, dtype=np.int32)
        self.counts = np.asarray(counts, dtype=np.int32)

    @classmethod
    def from_docs(cls, docs: Iterable[Sequence[tuple[int, int]]]) -> BowCorpus:
        """Pack documents (lists of ``(id, count)``), one at a time."""
        ptr, ids, cts = array("q", [0]), array("i"), array("i")
        for doc in docs:
            for i, c in doc:
                ids.append(i)
                cts.append(c)
            ptr.append(len(ids))
        return cls(np.frombuffer(ptr, dtype=np.int64), np.frombuffer(ids, dtype=np.int32),
                   np.frombuffer(cts, dtype=np.int32))

    def __len__(self) -> int:
        return len(self.indptr) - 1

    def _doc(self, a: int, b: int) -> list[tuple[int, int]]:
        return list(zip(self.ids[a:b].tolist(), self.counts[a:b].tolist()))

    def __getitem__(self, i):
        if isinstance(i, slice):
            return self.subset(range(len(self))[i])
        i = range(len(self))[int(i)]  # negative indices, IndexError
        return self._doc(int(self.indptr[i]), int(self.indptr[i + 1]))

    def __iter__(self) -> Iterator[list[tuple[int, int]]]:
        ptr, block = self.indptr.tolist(), 1024
        for start in range(0, len(self), block):  # convert a block of documents at a time
            stop = min(start + block, len(self))
            a, b = ptr[start], ptr[stop]
            ids, cts = self.ids[a:b].tolist(), self.counts[a:b].tolist()
            for j in range(start, stop):
                lo, hi = ptr[j] - a, ptr[j + 1] - a
                yield list(zip(ids[lo:hi], cts[lo:hi]))

    def __eq__(self, other) -> bool:
        if isinstance(other, BowCorpus):
            return (np.array_equal(self.indptr - self.indptr[0], other.indptr - other.indptr[0])
                    and list(self) == list(other))
        if isinstance(other, Sequence):
            return len(self) == len(other) and all(a == list(b) for a, b in zip(self, other))
        return NotImplemented

    __hash__ = None  # mutable arrays: not hashable, like a list

    def __add__(self, other) -> list:
        return list(self) + list(other)

    def __radd__(self, other) -> list:
        return list(other) + list(self)

    def __repr__(self) -> str:
        return f"BowCorpus({len(self)} documents, {len(self.ids)} entries)"

    def lengths(self) -> np.ndarray:
        """Tokens per document (the sum of its counts), int64; 0 for a document without terms."""
        ptr = self.indptr - self.indptr[0]
        out = np.zeros(len(self), dtype=np.int64)
        filled = np.diff(ptr) > 0
        if filled.any():  # reduceat sums from each start to the next; empty documents have no start of their own
            counts = self.counts[self.indptr[0]:self.indptr[-1]]
            out[filled] = np.add.reduceat(counts, ptr[:-1][filled], dtype=np.int64)
        return out

    def write_parquet(self, path) -> None:
        """Write the corpus to the Parquet file ``path``: one row per document and term, ``unit`` (the
        document's position), ``term_id`` and ``count``; the number of documents in the file's metadata
        (``speechtopics``), since a document without terms has no rows."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        lens = np.diff(self.indptr)
        table = pa.table({"unit": np.repeat(np.arange(len(self), dtype=np.int64), lens),
                          "term_id": self.ids[self.indptr[0]:self.indptr[-1]],
                          "count": self.counts[self.indptr[0]:self.indptr[-1]]})
        meta = {b"speechtopics": json.dumps({"documents": len(self)}).encode("utf-8")}
        pq.write_table(table.replace_schema_metadata(meta), path, compression="zstd", compression_level=1)

    @classmethod
    def read_parquet(cls, path) -> BowCorpus:
        """The corpus written by :meth:`write_parquet`."""
        import pyarrow.parquet as pq

        table = pq.read_table(path)
        n = json.loads(table.schema.metadata[b"speechtopics"])["documents"]
        units = table.column("unit").to_numpy()
        ptr = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(np.bincount(units, minlength=n), out=ptr[1:])
        return cls(ptr, table.column("term_id").to_numpy(), table.column("count").to_numpy())

    @staticmethod
    def iter_parquet(path, batch_rows: int = 1 << 20) -> Iterator[list[tuple[int, int]]]:
        """The documents of a file written by :meth:`write_parquet`, one at a time, reading ``batch_rows``
        rows at a time: a corpus streamed from disk (for
        :func:`~speechtopics.models.parallel_lda.fit_lda_parallel` on a corpus larger than memory).

        Examples
        --------
        >>> import os, tempfile
        >>> path = os.path.join(tempfile.mkdtemp(), "bow.parquet")
        >>> BowCorpus.from_docs([[], [(0, 2), (3, 1)], [], [(1, 5)], []]).write_parquet(path)
        >>> list(BowCorpus.iter_parquet(path, batch_rows=2))
        [[], [(0, 2), (3, 1)], [], [(1, 5)], []]
        """
        import pyarrow.parquet as pq

        file = pq.ParquetFile(path)
        n = json.loads(file.schema_arrow.metadata[b"speechtopics"])["documents"]
        done, unit, entries = 0, None, []  # documents yielded; the last document read and its entries so far
        for batch in file.iter_batches(batch_size=batch_rows, columns=["unit", "term_id", "count"]):
            units = batch.column(0).to_numpy()
            ids, counts = batch.column(1).to_numpy().tolist(), batch.column(2).to_numpy().tolist()
            bounds = [0, *(np.flatnonzero(np.diff(units)) + 1).tolist(), len(units)]
            for a, b in zip(bounds[:-1], bounds[1:]):
                if int(units[a]) != unit:  # a new document starts: the last one is complete
                    if unit is not None:
                        yield entries
                        done = unit + 1
                    yield from ([] for _ in range(int(units[a]) - done))  # documents without terms
                    unit, entries = int(units[a]), []
                entries.extend(zip(ids[a:b], counts[a:b]))
        if unit is not None:
            yield entries
            done = unit + 1
        yield from ([] for _ in range(n - done))

    def subset(self, rows: Iterable[int]) -> BowCorpus:
        """The documents at ``rows``, in that order, as a new BowCorpus."""
        rows = np.asarray(list(rows), dtype=np.int64)
        lo, hi = self.indptr[rows], self.indptr[rows + 1]
        lens = hi - lo
        ptr = np.zeros(len(rows) + 1, dtype=np.int64)
        np.cumsum(lens, out=ptr[1:])
        take = np.repeat(lo - ptr[:-1], lens) + np.arange(ptr[-1], dtype=np.int64) if len(rows) else \
            np.zeros(0, dtype=np.int64)
        return BowCorpus(ptr, self.ids[take], self.counts[take])


def aggregate_to_docs(units: Sequence[dict], theta: np.ndarray) -> tuple[list[str], np.ndarray]:
    """Speech-level topic shares: the token-length-weighted mean of its units' shares.

    Returns the document ids in first-seen order and a (n_docs, k) matrix whose rows sum to 1.
    """
    order: dict[str, int] = {}
    for u in units:
        order.setdefault(u["doc_id"], len(order))
    out = np.zeros((len(order), theta.shape[1]))
    weights = np.zeros(len(order))
    for u, row in zip(units, theta):
        i = order[u["doc_id"]]
        w = max(len(u["tokens"]), 1)
        out[i] += w * row
        weights[i] += w
    out /= np.maximum(weights, 1e-12)[:, None]
    return list(order), out
