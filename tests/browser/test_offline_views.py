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
