"""save_table: CSV and booktabs LaTeX, escaped, rounded, byte-stable."""

from __future__ import annotations

import pandas as pd

from speechtopics.report import tables


def _frame() -> pd.DataFrame:
    return pd.DataFrame({"topic": [1, 2], "share": [0.123456789, float("nan")],
                         "top_words": ["经济 发展", "R&D_投入 100% $5 #1 {x} ~^ a\\b"]})


def test_latex_escape_is_single_pass():
    assert tables.latex_escape("a\\b") == r"a\textbackslash{}b"
    assert tables.latex_escape("{}&%$#_~^") == r"\{\}\&\%\$\#\_\textasciitilde{}\textasciicircum{}"
    assert tables.latex_escape("两行\n文本") == "两行 文本"


def test_booktabs_structure_and_escaping(tmp_path):
    csv, tex = tables.save_table(_frame(), "t_demo", caption="LDA 主题 & shares", out_dir=tmp_path)
    text = tex.read_text(encoding="utf-8")
    for cmd in (r"\toprule", r"\midrule", r"\bottomrule", r"\begin{tabular}{rrl}", r"\label{tab:t_demo}",
                r"\caption{LDA 主题 \& shares}"):
        assert cmd in text
    assert r"R\&D\_投入 100\% \$5 \#1 \{x\} \textasciitilde{}\textasciicircum{} a\textbackslash{}b" in text
    assert "0.1235" in text and "nan" not in text
    assert text.count(r"\\") == 3  # header and two rows
    assert csv.read_text(encoding="utf-8").splitlines()[1] == "1,0.1235,经济 发展"


def test_long_tables_use_longtable(tmp_path):
    df = pd.DataFrame({"i": range(tables.LONGTABLE_ROWS + 1)})
    _, tex = tables.save_table(df, "long", caption="long", out_dir=tmp_path)
    text = tex.read_text(encoding="utf-8")
    assert r"\begin{longtable}{r}" in text and r"\endhead" in text and r"\begin{table}" not in text


def test_rerun_is_byte_identical(tmp_path):
    a = tables.save_table(_frame(), "a", out_dir=tmp_path / "1")
    b = tables.save_table(_frame(), "a", out_dir=tmp_path / "2")
    assert [p.read_bytes() for p in a] == [p.read_bytes() for p in b]
    assert b"\r\n" not in a[0].read_bytes()


def test_csv_cells_cannot_be_formulas(tmp_path):
    titles = ["=HYPERLINK(\"http://x\",\"点我\")", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\tx", "正常 标题", "a=b"]
    df = pd.DataFrame({"title": titles, "n": [-1, 2, -3, 4, 5, 6, 7], "x": [-0.5] * 7})
    csv, tex = tables.save_table(df, "t_titles", out_dir=tmp_path)
    back = pd.read_csv(csv, keep_default_na=False)
    assert list(back["title"]) == ["'" + t for t in titles[:5]] + titles[5:]
    assert list(back["n"]) == list(df["n"]) and list(back["x"]) == [-0.5] * 7
    csv, _ = tables.save_table(pd.DataFrame({"t": ["\rx"]}), "t_cr", out_dir=tmp_path)
    assert b"'\rx" in csv.read_bytes()
    assert r"=HYPERLINK" in tex.read_text(encoding="utf-8") and "'=" not in tex.read_text(encoding="utf-8")


def test_numbers_written_as_text_are_not_escaped(tmp_path):
    values = ["-6.8%", "+3.2%", "+3", "-1,200.5", "-2e-3", "-", "—", "2.3%"]
    csv, _ = tables.save_table(pd.DataFrame({"growth": values}), "t_numbers", out_dir=tmp_path)
    assert pd.read_csv(csv, dtype=str, keep_default_na=False)["growth"].tolist() == values
    assert [tables.csv_safe(v) for v in ("-1+1", "+86 10 1234", "-SUM(A1)")] == ["'-1+1", "'+86 10 1234", "'-SUM(A1)"]


def test_row_labels_are_written_as_a_named_first_column(tmp_path):
    stats = pd.DataFrame({"n": [1.0, 2.0, 4.0]}).describe()
    csv, tex = tables.save_table(stats, "t_describe", out_dir=tmp_path)
    assert csv.read_text(encoding="utf-8").splitlines()[:2] == ["statistic,n", "count,3.0000"]
    cross = pd.crosstab(pd.Series(["开头", "主体"], name="part"), pd.Series(["a", "b"], name="move"))
    csv, _ = tables.save_table(cross, "t_cross", out_dir=tmp_path)
    assert csv.read_text(encoding="utf-8").splitlines()[0] == "part,a,b"
    means = pd.DataFrame({"x": [0.5, 0.25]}, index=pd.Index([1, 2], name="cluster"))
    csv, _ = tables.save_table(means, "t_named", out_dir=tmp_path)
    assert csv.read_text(encoding="utf-8").splitlines() == ["cluster,x", "1,0.5000", "2,0.2500"]
    csv, _ = tables.save_table(pd.DataFrame({"x": [1]}, index=["甲"]), "t_label", out_dir=tmp_path,
                               index_label="document")
    assert csv.read_text(encoding="utf-8").splitlines() == ["document,x", "甲,1"]


def test_positional_index_is_not_written(tmp_path):
    df = pd.DataFrame({"x": [1, 2, 3]})
    for frame in (df, df[df["x"] != 2]):  # a RangeIndex and the index left by filtering rows
        csv, _ = tables.save_table(frame, "t_pos", out_dir=tmp_path)
        assert csv.read_text(encoding="utf-8").splitlines()[0] == "x"


def test_folder_is_positional_as_in_save_figure(tmp_path):
    csv, tex = tables.save_table(_frame(), "t_folder", tmp_path / "mine", caption="c")
    assert csv == tmp_path / "mine" / "t_folder.csv" and csv.exists() and tex.exists()


def test_a_p_value_too_small_for_the_digits_keeps_two_significant_ones(tmp_path):
    df = pd.DataFrame({"term": ["a", "b", "c"], "p_value": [0.0000321, 0.04999, float("nan")]})
    csv, tex = tables.save_table(df, "t_p", tmp_path)
    assert csv.read_text(encoding="utf-8").splitlines()[1:] == ["a,3.2e-05", "b,0.0500", "c,"]
    assert pd.read_csv(csv)["p_value"].dtype == float


def test_a_table_without_rows_says_so_in_latex(tmp_path):
    left_out = pd.DataFrame(columns=["source", "doc_id", "status", "reason"])
    csv, tex = tables.save_table(left_out, "t_none", caption="Left out", out_dir=tmp_path,
                                 empty="No document was left out & none copied")
    text = tex.read_text(encoding="utf-8")
    body = text.split("\\midrule\n")[1].split("\n\\bottomrule")[0]
    assert body == r"\multicolumn{4}{l}{No document was left out \& none copied} \\"
    assert csv.read_text(encoding="utf-8") == "source,doc_id,status,reason\n"
    plain = tables.save_table(left_out, "t_none2", out_dir=tmp_path)[1].read_text(encoding="utf-8")
    assert r"\multicolumn{4}{l}{none} \\" in plain
