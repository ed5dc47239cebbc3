"""cut_partitions: views of a BowCorpus, or files written as a stream is read; the same partitions either way."""

from __future__ import annotations

import numpy as np
import pytest

from speechtopics.corpus import BowCorpus
from speechtopics.models.lda_partitions import StoredPartition, cut_partitions, load_partition

DOCS = [[(0, 2), (3, 1)], [], [(1, 5)], [(2, 1), (4, 4)], [(0, 1)]]


def test_views_and_stored_files_hold_the_same_documents(tmp_path):
    corpus = BowCorpus.from_docs(DOCS)
    views = cut_partitions(corpus, 2, n_terms=5)
    stored = cut_partitions(iter(DOCS), 2, n_terms=5, folder=tmp_path)
    assert all(isinstance(p, StoredPartition) for p in stored)
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"lda-part-{i:06d}.npz" for i in range(3)]
    assert [p.n_docs for p in views] == [p.n_docs for p in stored] == [2, 2, 1]
    for v, s in zip(views, stored):
        assert v.docs() == load_partition(s).docs()
    assert np.shares_memory(views[1].ids, corpus.ids)  # views, not copies
    assert [d for p in views for d in p.docs()] == [[(i, float(c)) for i, c in d] for d in DOCS]


def test_a_term_id_outside_the_vocabulary_is_refused_either_way(tmp_path):
    for source in (BowCorpus.from_docs(DOCS), iter(DOCS)):
        with pytest.raises(ValueError, match="term id 4, outside id2word"):
            cut_partitions(source, 2, n_terms=4, folder=tmp_path)
