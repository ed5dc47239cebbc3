"""The figure style: Chinese glyphs render, the CJK font is embedded, files are byte-stable."""

from __future__ import annotations

import re
import warnings
import zlib

import matplotlib.pyplot as plt
import pytest

from speechtopics.report import style

ZH = ["经济发展", "招商引资与项目建设", "乡村振兴与农业", "党的建设与作风", "生态环保"]


def _chinese_figure():
    fig, ax = plt.subplots(figsize=(4, 3))
    ax.barh(range(len(ZH)), [5, 4, 3, 2, 1])
    ax.set_yticks(range(len(ZH)), ZH)
    ax.set_title("政府工作报告 主题 −1")
    ax.set_xlabel("概率 probability")
    return fig


def test_bundled_font_is_registered_and_used():
    assert style.FONT_FILE.exists()
    assert style.resolved_font_file().resolve() == style.FONT_FILE.resolve()
    assert style.font_info()["bundled"] is True


def test_no_missing_glyph_warnings_when_drawing_chinese(tmp_path):
    fig = _chinese_figure()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        style.save_figure(fig, "zh", out_dir=tmp_path, formats=("png", "pdf", "svg"))
    plt.close(fig)
    missing = [w for w in caught if re.search(r"Glyph .* missing", str(w.message))]
    assert missing == []


def _pdf_streams(data: bytes) -> bytes:
    """The PDF with its Flate streams inflated, so dictionaries inside object streams are searchable."""
    out = [data]
    for m in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        try:
            out.append(zlib.decompress(m.group(1)))
        except zlib.error:
            pass
    return b"\n".join(out)


def test_pdf_embeds_cjk_truetype_subset_and_no_dates(tmp_path):
    fig = _chinese_figure()
    pdf = style.save_figure(fig, "zh", out_dir=tmp_path, formats=("pdf",))[0]
    plt.close(fig)
    text = _pdf_streams(pdf.read_bytes())
    assert re.search(rb"/BaseFont /[A-Z]{6}\+WenQuanYiMicroHei", text), "font not subset-embedded"
    assert b"/FontFile2" in text, "no embedded TrueType program"
    assert b"/CIDFontType2" in text
    for key in (b"/CreationDate", b"/ModDate", b"/Producer", b"/Creator"):
        assert key not in text


def test_png_is_300_dpi_without_software_stamp(tmp_path):
    fig = _chinese_figure()
    png = style.save_figure(fig, "zh", out_dir=tmp_path, formats=("png",))[0]
    plt.close(fig)
    data = png.read_bytes()
    assert b"Software" not in data and b"tIME" not in data
    phys = data[data.index(b"pHYs") + 4:][:9]
    assert round(int.from_bytes(phys[:4], "big") * 0.0254) == 300


@pytest.mark.parametrize("fmt", ["png", "pdf", "svg"])
def test_same_figure_gives_same_bytes(tmp_path, fmt):
    files = []
    for i in range(2):
        fig = _chinese_figure()
        files += style.save_figure(fig, f"zh{i}", out_dir=tmp_path, formats=(fmt,))
        plt.close(fig)
    assert files[0].read_bytes() == files[1].read_bytes()
    if fmt == "svg":
        assert b"<dc:date>" not in files[0].read_bytes()


def test_save_figure_registers_for_the_appendix(reports_tmp):
    from speechtopics.report.registry import read_registry

    fig = _chinese_figure()
    written = style.save_figure(fig, "zh_fig", description="测试图")
    plt.close(fig)
    assert [p.parent for p in written] == [reports_tmp / "figures"] * 2
    (row,) = read_registry()
    assert row["kind"] == "figure" and row["notebook"] == "cli"
    assert row["files"] == ["figures/zh_fig.png", "figures/zh_fig.pdf"]
