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


NO_CJK_FONTS = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>{dirs}<cachedir>{cache}</cachedir></fontconfig>
"""
#: System font folders without a Chinese font (Debian: DejaVu, Liberation), the only ones the browser sees.
LATIN_FONT_DIRS = ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/truetype/liberation")


@pytest.fixture(scope="session")
def browser_no_cjk(tmp_path_factory):
    """A headless Chromium in a fresh profile whose fontconfig lists no Chinese font at all."""
    binary = find_chromium()
    if binary is None:
        if in_ci():
            pytest.fail("chromium is required on CI for the offline-view browser test (make browser)")
        pytest.skip("chromium not installed (install it with `make browser`, Debian package chromium)")
    folder = tmp_path_factory.mktemp("fontconfig")
    dirs = "".join(f"<dir>{d}</dir>" for d in LATIN_FONT_DIRS if Path(d).is_dir())
    conf = folder / "fonts.conf"
    conf.write_text(NO_CJK_FONTS.format(dirs=dirs, cache=folder / "cache"), encoding="utf-8")
    with Browser(binary, env={"FONTCONFIG_FILE": str(conf), "FONTCONFIG_PATH": str(folder),
                              "HOME": str(folder)}) as b:
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
    with pytest.MonkeyPatch.context() as mp:  # its registry record goes beside it, not into reports/
        mp.setenv("SPEECHTOPICS_REPORTS", str(out))
        return ldavis.save_ldavis(prepared, "tiny", title="测试 LDA", out_dir=out)
