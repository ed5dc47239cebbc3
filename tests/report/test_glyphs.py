"""Characters no bundled font draws: named once per figure or page, in the registry and the appendix;
characters the fallback font has (Uyghur's Arabic letters) are drawn, not boxed."""

from __future__ import annotations

import base64
import io
import re
import warnings

import matplotlib.pyplot as plt
import numpy as np
import pytest
from fontTools.ttLib import TTFont

from speechtopics.report import glyphs, style
from speechtopics.report.appendix import render_appendix
from speechtopics.report.registry import glyph_notes, read_registry

RARE_BMP = "堃彧犇鑫喆赟昇隽"  # rare name characters the bundled font has
EXT_B = "𠮷"  # U+20BB7, outside the BMP: not in the bundled font
UYGHUR = "ئۇيغۇر"  # Arabic letters: in the fallback font only
MONGOLIAN = "ᠮᠣᠩᠭᠣᠯ"  # in neither


def _figure(title: str, ticks: list[str]):
    fig, ax = plt.subplots(figsize=(3, 2))
    ax.barh(range(len(ticks)), np.arange(len(ticks)) + 1.0)
    ax.set_yticks(range(len(ticks)), ticks)
    ax.set_title(title)
    return fig


def _save(fig, name, folder, **kw):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        style.save_figure(fig, name, folder, **kw)
    plt.close(fig)
    return caught


def test_missing_glyphs_lists_only_what_no_font_has():
    text = f"张{RARE_BMP}，5G、PM2.5 ★①™ {EXT_B}{UYGHUR}{MONGOLIAN}{EXT_B}\u3000\ufe0f"
    missing = glyphs.missing_glyphs(text, style.FIGURE_FONTS)
    assert EXT_B in missing and set(MONGOLIAN) <= set(missing)
    assert missing.count(EXT_B) == 1
    assert not set(missing) & set(RARE_BMP + UYGHUR + "★①™，、 \u3000\ufe0f")
    assert glyphs.describe([EXT_B]) == f"{EXT_B} (U+{ord(EXT_B):04X})"


def test_rare_characters_and_uyghur_draw_without_a_warning(reports_tmp):
    fig = _figure(f"{UYGHUR} 新疆维吾尔自治区讲话★", [f"张{c}" for c in RARE_BMP])
    caught = _save(fig, "rare", reports_tmp / "figures", formats=("pdf",))
    assert [str(w.message) for w in caught] == []
    pdf = (reports_tmp / "figures" / "rare.pdf").read_bytes()
    assert re.search(rb"/BaseFont /[A-Z]{6}\+DejaVuSans", pdf), "the Arabic letters are not drawn by the fallback"
    assert b"LastResort" not in pdf
    assert glyph_notes() == []


def test_figure_with_a_character_no_font_has_is_named_once(reports_tmp):
    fig = _figure("𠮷祥村调研", ["张堃", f"{MONGOLIAN} 讲话", f"{EXT_B}野家"])
    caught = _save(fig, "names", reports_tmp / "figures")
    ours = [w for w in caught if issubclass(w.category, glyphs.MissingGlyphWarning)]
    assert len(ours) == 1
    message = str(ours[0].message)
    assert "figure names" in message and f"{EXT_B} (U+{ord(EXT_B):04X})" in message
    assert all(f"U+{ord(c):04X}" in message for c in MONGOLIAN)
    assert "张" not in message and "堃" not in message
    assert not [w for w in caught if "missing from font" in str(w.message)], "matplotlib's per-glyph warnings leak"
    notes = glyph_notes()
    assert [n["name"] for n in notes] == ["names"] and notes[0]["description"] == message
    appendix = render_appendix(read_registry(), "config.yaml")
    assert "## Characters no bundled font draws" in appendix and message in appendix


def _subset_cmap(page: str) -> set[int]:
    data = re.search(r'url\("data:font/woff;base64,([^"]+)"\)', page).group(1).replace("\\68", "h")
    return set(TTFont(io.BytesIO(base64.b64decode(data))).getBestCmap())


def test_map_page_names_what_its_embedded_font_cannot_show(reports_tmp):
    from speechtopics.report.embedding_figures import cluster_map_html, save_cluster_map_html

    hover = [f"张{RARE_BMP} ①★ PM2.5", f"{EXT_B}野家 ※", f"對臺灣同胞 ありがとう {UYGHUR}"]
    page = cluster_map_html(np.array([[0.0, 0.0], [1.0, 1.0], [0.5, 0.2]]), [0, 1, 0], hover,
                            {0: "鑫磊·5G", 1: "喆赟·GDP"}, title="讲话的嵌入聚类")
    shown = {c for c in glyphs.html_text(page) if not c.isspace()}
    not_in_subset = {c for c in shown if ord(c) not in _subset_cmap(page)}
    assert not_in_subset == set(glyphs.missing_glyphs("".join(shown), [style.FONT_FILE]))
    assert set(RARE_BMP) <= shown and not set(RARE_BMP) & not_in_subset
    with pytest.warns(glyphs.MissingGlyphWarning, match=r"page embedding_map: .*𠮷 \(U\+20BB7\)"):
        save_cluster_map_html(page, "embedding_map")
    assert [n["name"] for n in glyph_notes()] == ["embedding_map"]


def test_ldavis_page_names_terms_its_embedded_font_cannot_show(reports_tmp):
    from gensim.corpora import Dictionary
    from gensim.models import LdaModel

    from speechtopics.report import ldavis

    docs = [["鑫磊集团", "张堃", "投资", "项目"], [f"{EXT_B}野家", "农村", "粮食", "扶贫"],
            ["生态", "环境", "PM2.5", "绿色"]] * 4
    d = Dictionary(docs)
    bow = [d.doc2bow(x) for x in docs]
    prepared = ldavis.prepare_gensim(LdaModel(bow, id2word=d, num_topics=3, passes=2, random_state=1), bow, d)
    with pytest.warns(glyphs.MissingGlyphWarning, match=r"page lda: .*𠮷 \(U\+20BB7\)") as caught:
        path = ldavis.save_ldavis(prepared, "lda", title="主题")
    assert "堃" not in str(caught[0].message)
    cmap = _subset_cmap(path.read_text(encoding="utf-8"))
    assert all(ord(c) in cmap for c in "鑫磊集团张堃")
    assert [n["name"] for n in glyph_notes()] == ["lda"]
