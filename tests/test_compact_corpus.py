"""The corpus held compactly: BowCorpus reads like the list of doc2bow vectors it replaces (and gensim fits
the same bytes on it), and segmented documents share one string per distinct token and the clean text."""

from __future__ import annotations

import pickle
from pathlib import Path

import numpy as np
from gensim.models import LdaModel

from speechtopics.config import load_config
from speechtopics.corpus import BowCorpus, build_dictionary, build_units, to_bow
from speechtopics.project import Project

SMALL = Path(__file__).parent / "data" / "small.yaml"


def small_project(tmp_path: Path) -> Project:
    return Project(load_config(SMALL, overrides={"output.interim": str(tmp_path / "interim")}), use_cache=False)


def test_bow_corpus_reads_like_the_list(tmp_path):
    project = small_project(tmp_path)
    c = project.corpus
    units = build_units(project.segmented, unit="section", min_tokens=project.config.corpus.min_unit_tokens)
    listed = [b for b in to_bow(build_dictionary((u["tokens"] for u in units), project.config.corpus),
                                (u["tokens"] for u in units)) if b]
    bow = c["bow"]
    assert isinstance(bow, BowCorpus) and len(bow) == len(listed) == len(c["units"])
    assert list(bow) == listed and bow == listed
    assert bow[3] == listed[3] and bow[-1] == listed[-1]
    assert all(isinstance(i, int) and isinstance(n, int) for i, n in bow[0])
    rows = [5, 0, len(listed) - 1]
    assert list(bow.subset(rows)) == [listed[i] for i in rows]
    assert list(bow[2:7]) == listed[2:7]
    assert pickle.loads(pickle.dumps(bow)) == bow
    dense = sum(len(b) for b in listed)
    assert bow.ids.nbytes + bow.counts.nbytes == 8 * dense


def test_gensim_fits_the_same_bytes_on_the_compact_corpus(tmp_path):
    c = small_project(tmp_path).corpus
    id2word = {i: c["dictionary"][i] for i in range(len(c["dictionary"]))}
    kw = dict(id2word=id2word, num_topics=3, passes=2, iterations=20, random_state=5, chunksize=40,
              eval_every=None, dtype=np.float64)
    compact = LdaModel(c["bow"], **kw).get_topics()
    listed = LdaModel([list(b) for b in c["bow"]], **kw).get_topics()
    assert compact.tobytes() == listed.tobytes()


def test_segmented_documents_share_token_strings(tmp_path):
    project = small_project(tmp_path)
    docs = project.segmented
    seen: dict[str, int] = {}
    for d in docs:
        for part in (d, *d["paragraphs"]):
            for t in part["tokens"]:
                assert seen.setdefault(t, id(t)) == id(t)
    assert len(seen) < sum(len(d["tokens"]) for d in docs)  # words repeat, objects do not
    clean = {d["doc_id"]: d for d in project.kept}
    for d in docs:
        assert d["text"] is clean[d["doc_id"]]["text"]
