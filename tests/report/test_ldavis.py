"""The offline pyLDAvis page: no http anywhere, every resource inline, registered for the appendix."""

from __future__ import annotations

import re

import pytest


@pytest.fixture(scope="module")
def prepared():
    from gensim.corpora import Dictionary
    from gensim.models import LdaModel

    from speechtopics.report import ldavis

    docs = [["经济", "增长", "投资", "项目"], ["农业", "农村", "粮食", "扶贫"], ["生态", "环境", "污染", "绿色"]] * 4
    d = Dictionary(docs)
    bow = [d.doc2bow(x) for x in docs]
    return ldavis.prepare_gensim(LdaModel(bow, id2word=d, num_topics=3, passes=3, random_state=1), bow, d)


def test_page_is_self_contained(prepared, reports_tmp):
    from speechtopics.report import ldavis
    from speechtopics.report.registry import read_registry

    path = ldavis.save_ldavis(prepared, "lda", title="LDA <K=3>")
    html = path.read_text(encoding="utf-8")
    assert path == reports_tmp / "ldavis" / "lda.html"
    assert "http" not in html
    assert not re.search(r"<(script|link|img)\b[^>]*(src|href)=", html)
    assert "new LDAvis(" in html and "createElementNS" in html and "\\u7ecf\\u6d4e" in html
    assert "<title>LDA &lt;K=3&gt;</title>" in html
    assert [r["kind"] for r in read_registry()] == ["view"]


def test_page_is_deterministic(prepared, tmp_path):
    from speechtopics.report import ldavis

    a = ldavis.save_ldavis(prepared, "a", out_dir=tmp_path)
    b = ldavis.save_ldavis(prepared, "b", out_dir=tmp_path)
    assert a.read_bytes() == b.read_bytes()


def test_http_in_data_is_escaped():
    from speechtopics.report.ldavis import _escape_script

    assert _escape_script('x="http://a"</script>') == 'x="\\x68ttp://a"<\\/script>'


def test_input_by_reductions_is_pyldavis_own_on_a_compact_corpus():
    """The page's data equal pyLDAvis.gensim_models.prepare's (a sparse matrix of the corpus and one
    inference call), with the sums taken from a BowCorpus and the inference run in blocks."""
    import copy

    import numpy as np
    import pyLDAvis.gensim_models
    from gensim.corpora import Dictionary
    from gensim.models import LdaModel

    from speechtopics.corpus import BowCorpus
    from speechtopics.report import ldavis

    rng = np.random.default_rng(3)
    words = ["经济", "增长", "投资", "项目", "农业", "农村", "粮食", "扶贫", "生态", "环境", "污染", "绿色"]
    docs = [list(rng.choice(words, size=rng.integers(3, 12))) for _ in range(60)]
    d = Dictionary(docs)
    listed = [d.doc2bow(x) for x in docs]
    model = LdaModel(listed, id2word=d, num_topics=3, passes=2, random_state=1)
    theirs = pyLDAvis.gensim_models.prepare(copy.deepcopy(model), listed, d, sort_topics=False, mds="pcoa")
    ours = ldavis.prepare_gensim(copy.deepcopy(model), BowCorpus.from_docs(listed), d)
    assert ours.to_json() == theirs.to_json()
    data = ldavis.ldavis_data(copy.deepcopy(model), BowCorpus.from_docs(listed), d, block=7)
    plain = ldavis.ldavis_data(copy.deepcopy(model), listed, d)
    assert all(np.array_equal(data[k], plain[k]) for k in ("doc_topic_dists", "doc_lengths", "term_frequency"))
    shares = np.full((60, 3), 1 / 3)  # topic shares inferred elsewhere are used as they are
    assert np.array_equal(ldavis.ldavis_data(model, listed, d, theta=shares)["doc_topic_dists"], shares)
