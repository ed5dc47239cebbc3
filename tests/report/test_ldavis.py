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
