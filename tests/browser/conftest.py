"""Fixtures for the browser tests: a headless Chromium (or a skip) and a small offline LDAvis page."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # the CDP helper lives next to this file
from browser.cdp import Browser, find_chromium, in_ci  # noqa: E402


@pytest.fixture(scope="session")
def browser():
    """A running headless Chromium; skipped only when none is installed and not on CI."""
    binary = find_chromium()
    if binary is None:
        if in_ci():
            pytest.fail("chromium is required on CI for the offline-view browser test (make browser)")
        pytest.skip("chromium not installed (install it with `make browser`, Debian package chromium)")
    with Browser(binary) as b:
        yield b


@pytest.fixture(scope="session")
def ldavis_page(tmp_path_factory):
    """An offline LDAvis page for a tiny seeded LDA on Chinese policy words."""
    from gensim.corpora import Dictionary
    from gensim.models import LdaModel

    from speechtopics.report import ldavis

    docs = [["经济", "增长", "投资", "消费", "项目", "招商引资"],
            ["农业", "农村", "农民", "乡村振兴", "粮食"],
            ["生态", "环境", "污染", "绿色", "治理"],
            ["经济", "项目", "开工", "投产", "签约"],
            ["农村", "扶贫", "脱贫", "粮食", "耕地"],
            ["生态", "环保", "节能", "减排", "绿色"]] * 4
    dictionary = Dictionary(docs)
    bow = [dictionary.doc2bow(d) for d in docs]
    model = LdaModel(bow, id2word=dictionary, num_topics=3, passes=5, random_state=1)
    prepared = ldavis.prepare_gensim(model, bow, dictionary)
    out = tmp_path_factory.mktemp("ldavis")
    return ldavis.save_ldavis(prepared, "tiny", title="测试 LDA", out_dir=out)
