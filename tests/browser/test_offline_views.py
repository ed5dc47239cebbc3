"""Offline views open in headless Chromium with no network: topic circles, Chinese term bars, no errors."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from speechtopics import paths
from speechtopics.config import load_config

pytestmark = pytest.mark.browser

HAN = re.compile(r"[\u4e00-\u9fff]")
LDAVIS_DOM = """(() => {
  const el = document.querySelector('#ldavis_el');
  return {circles: el ? el.querySelectorAll('circle.dot').length : 0,
          bars: el ? el.querySelectorAll('rect.bar-totals').length : 0,
          terms: el ? Array.from(el.querySelectorAll('text.terms')).map(t => t.textContent) : []};
})()"""
STATIC_DOM = "({tables: document.querySelectorAll('table').length, title: document.title})"


def _repo_pages(sub: str) -> list[Path]:
    folder = paths.project_paths(load_config()).reports / sub
    return sorted(folder.glob("*.html")) if folder.exists() else []


def _assert_clean(report) -> None:
    assert report.exceptions == [], f"uncaught exceptions: {report.exceptions}"
    assert report.console_errors == [], f"console errors: {report.console_errors}"
    assert report.external_requests == [], f"requests leaving the machine: {report.external_requests}"


def _assert_ldavis_rendered(report, n_topics: int | None = None) -> None:
    v = report.value
    assert v["circles"] > 0 and (n_topics is None or v["circles"] == n_topics), v
    assert v["bars"] > 0, v
    assert sum(bool(HAN.search(t)) for t in v["terms"]) > 0, f"no Chinese term labels: {v['terms'][:5]}"


def test_generated_ldavis_page_renders(browser, ldavis_page):
    report = browser.load(ldavis_page, LDAVIS_DOM)
    _assert_clean(report)
    _assert_ldavis_rendered(report, n_topics=3)


@pytest.mark.parametrize("page", _repo_pages("ldavis"), ids=lambda p: p.name)
def test_reports_ldavis_pages_render(browser, page):
    report = browser.load(page, LDAVIS_DOM)
    _assert_clean(report)
    _assert_ldavis_rendered(report)


@pytest.mark.parametrize("page", _repo_pages("notebooks"), ids=lambda p: p.name)
def test_notebook_exports_open_offline(browser, page):
    report = browser.load(page, STATIC_DOM, settle=0.2)
    _assert_clean(report)


#: Draws two Chinese words in a font family onto a canvas: with real glyphs the two drawings differ,
#: with missing-glyph boxes (tofu) they are the same boxes. Also reports what the page's text elements use.
GLYPHS = """(async () => {
  const fam = '"speechtopics CJK"';
  await document.fonts.load('32px ' + fam, '经济发展');
  const draw = (word, family) => {
    const c = document.createElement('canvas'); c.width = 80; c.height = 40;
    const g = c.getContext('2d'); g.font = '32px ' + family; g.fillText(word, 0, 32);
    return Array.from(g.getImageData(0, 0, 80, 40).data).join(',');
  };
  const inked = s => s.split(',').some((v, i) => i % 4 === 3 && v !== '0');
  const a = draw('经济', fam), b = draw('发展', fam), tofuA = draw('经济', 'sans-serif'), tofuB = draw('发展', 'sans-serif');
  const el = document.querySelector('#ldavis_el text, svg text') || document.body;
  return {loaded: document.fonts.check('32px ' + fam, '经济'), inked: inked(a), differ: a !== b,
          system_differ: tofuA !== tofuB, family: getComputedStyle(el).fontFamily};
})()"""


def _assert_glyphs_drawn(report) -> None:
    v = report.value
    assert not v["system_differ"], f"the browser still has a system CJK font, the test proves nothing: {v}"
    assert v["loaded"] and v["inked"] and v["differ"], f"Chinese drawn as boxes: {v}"
    assert v["family"].startswith('"speechtopics CJK"'), v


def test_ldavis_page_shows_chinese_without_a_system_font(browser_no_cjk, ldavis_page):
    report = browser_no_cjk.load(ldavis_page, GLYPHS)
    _assert_clean(report)
    _assert_glyphs_drawn(report)


def test_cluster_map_shows_chinese_without_a_system_font(browser_no_cjk, tmp_path):
    import numpy as np

    from speechtopics.report.embedding_figures import cluster_map_html

    coords = np.array([[0.0, 0.0], [1.0, 1.0], [0.5, 0.2]])
    page = cluster_map_html(coords, [0, 1, 0], ["经济发展讲话", "在会议上的讲话", "2020-05-19 回信"],
                            {0: "经济·发展", 1: "会议·讲话"}, title="讲话的嵌入聚类")
    assert page == cluster_map_html(coords, [0, 1, 0], ["经济发展讲话", "在会议上的讲话", "2020-05-19 回信"],
                                    {0: "经济·发展", 1: "会议·讲话"}, title="讲话的嵌入聚类")  # same bytes
    path = tmp_path / "map.html"
    path.write_text(page, encoding="utf-8")
    report = browser_no_cjk.load(path, GLYPHS)
    _assert_clean(report)
    _assert_glyphs_drawn(report)
