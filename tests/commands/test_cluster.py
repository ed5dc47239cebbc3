"""``speechtopics cluster`` and ``validate``: output file, --by axes, details, NMI report, one-line errors with exit 2."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import pandas as pd
from typer.testing import CliRunner

from speechtopics.cli import app

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "labelled" / "genre_proxy.jsonl"
runner = CliRunner()


def _sample_rows(n: int | None = None) -> list[dict]:
    """The first ``n`` records of the labelled sample (all of them without ``n``)."""
    return [json.loads(line) for line in SAMPLE.read_text(encoding="utf-8").splitlines()[:n]]


def _write_jsonl(path: Path, rows: list[dict]) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


def _config(tmp_path: Path) -> Path:
    cfg = tmp_path / "fast.yaml"
    cfg.write_text("lda:\n  passes: 3\n  iterations: 30\n  k: 6\ncluster:\n  n_seeds: 2\n", encoding="utf-8")
    return cfg


def test_cluster_then_validate(tmp_path):
    out = tmp_path / "assign.csv"
    res = runner.invoke(app, ["cluster", str(SAMPLE), "--k", "3", "--out", str(out), "--config", str(_config(tmp_path))])
    assert res.exit_code == 0, res.output
    df = pd.read_csv(out)
    assert list(df.columns) == ["id", "cluster"] and len(df) == len(SAMPLE.read_text().splitlines())
    assert set(df["cluster"]) == {1, 2, 3}
    res = runner.invoke(app, ["validate", str(out), str(SAMPLE)])
    assert res.exit_code == 0 and "NMI=" in res.output and "ARI=" in res.output


def test_cluster_by_rhetoric_and_both_with_details(tmp_path):
    for by, method in (("rhetoric", "lda"), ("both", "embedding")):
        out, details = tmp_path / f"{by}.csv", tmp_path / by
        res = runner.invoke(app, ["cluster", str(SAMPLE), "--k", "3", "--by", by, "--method", method, "--out", str(out),
                                  "--details", str(details), "--config", str(_config(tmp_path))])
        assert res.exit_code == 0, res.output
        assert f"by {by}" in res.output and "agreement across 2 seeds ARI" in res.output
        assert set(pd.read_csv(out)["cluster"]) == {1, 2, 3}
        feats = pd.read_csv(details / "features.csv")
        assert {"cluster", "feature", "smd"} <= set(feats.columns) and "move_problem" in set(feats["feature"])
        assert len(pd.read_csv(details / "exemplars.csv")) <= 9


def test_cluster_without_k_chooses_it_and_writes_the_curve(tmp_path):
    res = runner.invoke(app, ["cluster", str(SAMPLE), "--by", "rhetoric", "--out", str(tmp_path / "a.csv"),
                              "--details", str(tmp_path / "d"), "--config", str(_config(tmp_path))])
    assert res.exit_code == 0, res.output
    assert "chosen by the stability rule" in res.output
    curve = pd.read_csv(tmp_path / "d" / "k_curve.csv")
    assert curve["chosen"].sum() == 1 and curve["k"].min() == 2


def test_bad_values_are_refused_in_one_line(tmp_path):
    out = str(tmp_path / "o.csv")
    for args, msg in ((["--by", "topic"], "--by: 'topic' is not one of 'policy', 'rhetoric', 'both'"),
                      (["--method", "bert"], "--method: 'bert' is not one of 'lda', 'embedding'"),
                      (["--k", "1"], "--k must be >= 2 (got 1)"),
                      (["--n-seeds", "1"], "--n-seeds must be >= 2: stability and recurrence compare runs across seeds "
                                           "(got 1)"),
                      (["--details", str(SAMPLE)], f"--details {SAMPLE}: is a file; give a folder for the per-cluster tables"),
                      (["--out", str(SAMPLE)], f"{SAMPLE}: the output would overwrite the input; write it elsewhere"),
                      (["--seed", "-1"], "--seed must be in [0, 4294967295] (got -1)")):
        res = runner.invoke(app, ["cluster", str(SAMPLE), "--out", out, *args])
        assert res.exit_code == 2 and res.output.strip() == f"error: {msg}", res.output


def test_cluster_reads_csv(tmp_path):
    rows = _sample_rows(30)
    csv = tmp_path / "in.csv"
    pd.DataFrame(rows).rename(columns={"id": "doc", "text": "body"}).to_csv(csv, index=False)
    out = tmp_path / "a.csv"
    res = runner.invoke(app, ["cluster", str(csv), "--k", "2", "--text-field", "body", "--id-field", "doc",
                              "--out", str(out), "--config", str(_config(tmp_path))])
    assert res.exit_code == 0, res.output
    assert pd.read_csv(out)["id"].tolist() == [r["id"] for r in rows]


def test_errors_are_one_line_exit_2(tmp_path):
    res = runner.invoke(app, ["cluster", str(tmp_path / "missing.jsonl"), "--k", "3", "--out", str(tmp_path / "o.csv")])
    assert res.exit_code == 2 and "missing.jsonl" in res.output and "Traceback" not in res.output
    res = runner.invoke(app, ["cluster", str(SAMPLE), "--k", "3", "--text-field", "body", "--out", str(tmp_path / "o.csv")])
    assert res.exit_code == 2 and "no field 'body'" in res.output and "(fields: " in res.output
    res = runner.invoke(app, ["validate", str(SAMPLE), str(SAMPLE)])
    assert res.exit_code == 2 and "no field 'cluster'" in res.output


def test_cluster_reads_doc_id_as_clean_writes_it_and_suggests_near_misses(tmp_path):
    import json

    rows = _sample_rows(6)
    clean = tmp_path / "clean.jsonl"
    clean.write_text("".join(json.dumps({"doc_id": f"d{i}", "text": r["text"], "status": "kept"},
                                        ensure_ascii=False) + "\n" for i, r in enumerate(rows)), encoding="utf-8")
    out = tmp_path / "o.csv"
    res = runner.invoke(app, ["cluster", str(clean), "--k", "2", "--method", "embedding", "--out", str(out),
                              "--config", str(_config(tmp_path))])
    assert res.exit_code == 0, res.output
    assert pd.read_csv(out)["id"].tolist() == [f"d{i}" for i in range(6)]
    res = runner.invoke(app, ["cluster", str(clean), "--k", "2", "--text-field", "Text", "--out", str(out)])
    assert res.exit_code == 2 and "did you mean 'text'?" in res.output


def test_cluster_reads_json_and_excel_leaves_empty_texts_out_and_numbers_rows_without_ids(tmp_path):
    rows = _sample_rows(12)
    texts = [{"text": r["text"]} for r in rows] + [{"text": "  "}]
    (tmp_path / "in.json").write_text(json.dumps({"data": texts}, ensure_ascii=False), encoding="utf-8")
    pd.DataFrame(texts).to_excel(tmp_path / "in.xlsx", index=False)
    for name in ("in.json", "in.xlsx"):
        out = tmp_path / f"{name}.csv"
        res = runner.invoke(app, ["cluster", str(tmp_path / name), "--k", "2", "--by", "rhetoric", "--out", str(out),
                                  "--config", str(_config(tmp_path))])
        assert res.exit_code == 0, res.output
        assert "1 empty texts are written as cluster -1" in res.output
        got = pd.read_csv(out)
        assert got["id"].tolist() == [f"row{n}" for n in range(1, 14)]
        assert got["cluster"].tolist()[-1] == -1 and set(got["cluster"][:-1]) == {1, 2}
    (tmp_path / "empty.jsonl").write_text('{"id": "a", "text": ""}\n{"id": "b", "text": " "}\n', encoding="utf-8")
    res = runner.invoke(app, ["cluster", str(tmp_path / "empty.jsonl"), "--by", "rhetoric", "--out",
                              str(tmp_path / "e.csv")])
    assert res.exit_code == 2 and "every text in 'text' is empty" in res.output


def test_a_users_status_column_leaves_no_row_out_and_cleans_left_out_rows_are_cluster_minus_one(tmp_path):
    rows = _sample_rows(12)
    table = tmp_path / "officials.csv"  # an office holder's status, not clean's
    pd.DataFrame({"id": [r["id"] for r in rows], "text": [r["text"] for r in rows],
                  "status": ["在任", "离任", "kept"] * 4}).to_csv(table, index=False)
    out = tmp_path / "a.csv"
    res = runner.invoke(app, ["cluster", str(table), "--k", "2", "--by", "rhetoric", "--out", str(out),
                              "--config", str(_config(tmp_path))])
    assert res.exit_code == 0, res.output
    assert pd.read_csv(out)["id"].tolist() == [r["id"] for r in rows] and -1 not in set(pd.read_csv(out)["cluster"])
    clean = tmp_path / "clean.jsonl"  # as `speechtopics clean` writes it: two rows it left out, without text
    records = [{"doc_id": r["id"], "source": f"in.csv#row{i + 2}", "status": "kept", "reason": "", "text": r["text"],
                "paragraphs": []} for i, r in enumerate(rows)]
    for i in (3, 7):
        records[i].update(status="dropped", reason="too short (5 < 50 characters)", text="")
    _write_jsonl(clean, records)
    res = runner.invoke(app, ["cluster", str(clean), "--k", "2", "--by", "rhetoric", "--out", str(out),
                              "--config", str(_config(tmp_path))])
    assert res.exit_code == 0, res.output
    got = pd.read_csv(out)
    assert got["id"].tolist() == [r["id"] for r in rows]
    assert got["cluster"].tolist()[3] == got["cluster"].tolist()[7] == -1 and (got["cluster"] != -1).sum() == 10
    assert "2 texts that clean left out (status dropped or duplicate) are written as cluster -1" in res.output


def test_clean_output_shows_display_names_and_counts_a_kept_copy_with_its_original(tmp_path):
    rows = _sample_rows(9)
    records = [{"doc_id": f"d{i}", "source": f"in.csv#row{i + 2}", "status": "kept", "reason": "", "text": r["text"],
                "paragraphs": [], "title": f"讲话{i}", "display_name": f"讲话{i}（{i}）"} for i, r in enumerate(rows)]
    records.append({**records[0], "doc_id": "copy", "reason": "kept: exact duplicate of d0",
                    "display_name": "讲话0（转载）"})  # as `speechtopics clean` keeps a copy (duplicates: keep)
    clean = tmp_path / "clean.jsonl"
    _write_jsonl(clean, records)
    details = tmp_path / "d"
    res = runner.invoke(app, ["cluster", str(clean), "--k", "2", "--by", "rhetoric", "--out", str(tmp_path / "a.csv"),
                              "--details", str(details), "--config", str(_config(tmp_path))])
    assert res.exit_code == 0, res.output
    names = {r["doc_id"]: r["display_name"] for r in records}
    assign = pd.read_csv(details / "assignments.csv")
    assert assign["display_name"].tolist() == [names[d] for d in assign["doc_id"]]  # not the ids
    speech = {d: "d0" if d == "copy" else d for d in names}
    ex = pd.read_csv(details / "exemplars.csv")
    assert (ex["display_name"] == ex["doc_id"].map(names)).all()
    for c, part in ex.groupby("cluster"):  # the copy and its original sit together (same text): one of them shown
        assert part["doc_id"].map(speech).is_unique
    assert {"d0", "copy"} & set(assign["doc_id"]) and assign.set_index("doc_id").loc["copy", "cluster"] == \
        assign.set_index("doc_id").loc["d0", "cluster"]
    table = tmp_path / "titled.csv"  # a table of the user's own: its title column names the texts
    pd.DataFrame({"id": [f"t{i}" for i in range(9)], "title": [f"报告{i}" for i in range(9)],
                  "text": [r["text"] for r in rows]}).to_csv(table, index=False)
    res = runner.invoke(app, ["cluster", str(table), "--k", "2", "--by", "rhetoric", "--out", str(tmp_path / "b.csv"),
                              "--details", str(tmp_path / "e"), "--config", str(_config(tmp_path))])
    assert res.exit_code == 0, res.output
    assert pd.read_csv(tmp_path / "e" / "assignments.csv")["display_name"].str.startswith("报告").all()


def test_a_refusal_from_the_clustering_names_the_input(tmp_path):
    rows = _sample_rows(2)
    two = tmp_path / "two.jsonl"
    _write_jsonl(two, rows)
    res = runner.invoke(app, ["cluster", str(two), "--by", "rhetoric", "--out", str(tmp_path / "o.csv")])
    assert res.exit_code == 2
    assert res.output.strip() == f"error: {two}: 2 speeches: too few to cluster (the k rule needs at least 3)"


def test_a_weak_partition_is_said_in_lines_of_its_own_not_as_python_warnings(tmp_path):
    import warnings

    from speechtopics.config import load_config
    from speechtopics.models.speech_clusters import cluster, corpus_from_texts, weak_partition

    rows = _sample_rows()
    cfg_path = _config(tmp_path)
    res = runner.invoke(app, ["cluster", str(SAMPLE), "--k", "5", "--seed", "0", "--out", str(tmp_path / "a.csv"),
                              "--config", str(cfg_path)])
    assert res.exit_code == 0, res.output
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        corpus = corpus_from_texts([r["id"] for r in rows], [r["text"] for r in rows], None, load_config(cfg_path))
        said = weak_partition(cluster(corpus, 5, seed=0))
    assert said  # two seeds of a 6-topic LDA on 72 texts do not agree on 5 clusters
    lines = res.output.splitlines()
    assert [line for line in lines if line in said] == said and "UserWarning" not in res.output
    assert "clusters that do not recur (mean Jaccard 0.5 or below): [" in res.output  # as recurrence() flags them


def test_an_unwritable_output_or_details_folder_is_refused_before_any_clustering(tmp_path, monkeypatch):
    import os

    locked = tmp_path / "locked"
    locked.mkdir()
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode, **kw: Path(p) != locked and real_access(p, mode, **kw))
    for args, msg in ((["--out", str(locked / "o.csv")], f"{locked / 'o.csv'}: cannot write in {locked} "
                                                           "(permission denied)"),
                      (["--out", str(tmp_path / "o.csv"), "--details", str(locked / "d")],
                       f"--details {locked / 'd'}: cannot write in {locked} (permission denied)")):
        res = runner.invoke(app, ["cluster", str(SAMPLE), "--k", "2", *args])
        assert res.exit_code == 2 and res.output.strip() == f"error: {msg}", res.output


def test_a_k_above_the_number_of_texts_says_so(tmp_path):
    rows = _sample_rows(3)
    small = tmp_path / "small.jsonl"
    _write_jsonl(small, rows)
    res = runner.invoke(app, ["cluster", str(small), "--k", "5", "--out", str(tmp_path / "o.csv")])
    assert res.exit_code == 2
    assert res.output.strip() == (f"error: {small}: k=5 clusters (--k or cluster.k) is more than its 3 texts with "
                                  "text; give a k of at most 3")


def test_clean_output_gives_the_same_clusters_as_the_python_api_on_the_same_file(tmp_path):
    import speechtopics as st
    from speechtopics.config import load_config

    rows = _sample_rows(48)
    heads = ["一、总体要求", "二、重点任务", "三、保障措施"]  # numbered sections, as clean finds them
    texts = ["\n".join(f"{h}\n{r['text']}" for h, r in zip(heads, rows[i:i + 3])) for i in range(0, 48, 3)]
    table = tmp_path / "speeches.csv"
    pd.DataFrame({"编号": [f"S{i:02d}" for i in range(len(texts))], "标题": [f"文件{i}" for i in range(len(texts))],
                  "正文": texts}).to_csv(table, index=False)
    cfg = _config(tmp_path)
    clean = tmp_path / "clean.jsonl"
    res = runner.invoke(app, ["clean", str(table), "--out", str(clean), "--text-field", "正文", "--id-field", "编号",
                              "--config", str(cfg)])
    assert res.exit_code == 0, res.output
    sections = {p["section"] for line in clean.read_text(encoding="utf-8").splitlines()
                for p in json.loads(line)["paragraphs"]}
    assert len(sections - {""}) >= 2  # the units of corpus.unit: section are the sections
    out = tmp_path / "a.csv"
    res = runner.invoke(app, ["cluster", str(clean), "--k", "3", "--seed", "0", "--out", str(out),
                              "--config", str(cfg)])
    assert res.exit_code == 0, res.output
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        corpus = st.read_corpus(table, text="正文", id="编号", config=load_config(cfg))
        api = st.cluster(corpus, 3, seed=0).assignments
    got = pd.read_csv(out, dtype=str)
    cli = got.set_index("id")["cluster"].astype(int)
    assert cli.loc[api["doc_id"]].tolist() == api["cluster"].tolist()
    ids = corpus.documents.set_index("doc_id")["source_id"]  # the table's own 编号, beside clean's doc_id
    assert list(got.columns) == ["id", "cluster", "source_id"] and (got["source_id"] == got["id"].map(ids)).all()


def test_a_tables_own_title_and_date_columns_name_the_texts_and_repeated_rows_are_one_exemplar(tmp_path):
    rows = _sample_rows(12)
    footer = "更多信息请关注官方微信“河北人社”，欢迎转发分享本文件的全部内容。"  # a scraper's footer-only pages
    table = tmp_path / "docs.csv"
    pd.DataFrame({"编号": [f"HB{i}" for i in range(15)],
                  "标题": [f"通知{i}" for i in range(10)] + ["快讯", "快讯", "", "", ""],
                  "发布日期": [f"2021-03-{i + 1:02d}" for i in range(15)],
                  "内容": [r["text"] for r in rows] + [footer] * 3}).to_csv(table, index=False)
    details = tmp_path / "d"
    res = runner.invoke(app, ["cluster", str(table), "--k", "2", "--by", "rhetoric", "--text-field", "内容",
                              "--id-field", "编号", "--out", str(tmp_path / "a.csv"), "--details", str(details),
                              "--config", str(_config(tmp_path))])
    assert res.exit_code == 0, res.output
    names = pd.read_csv(details / "assignments.csv").set_index("doc_id")["display_name"]
    assert names["HB3"] == "通知3"  # the 标题 column, found as ingest finds it
    assert names["HB10"] != names["HB11"] and names["HB10"].startswith("快讯")  # one title twice: told apart
    assert names["HB12"].startswith("2021-03-13 ") and names["HB12"].endswith("…")  # no title: date and opening
    ex = pd.read_csv(details / "exemplars.csv")
    assert ex["doc_id"].isin(["HB12", "HB13", "HB14"]).sum() <= 1  # three identical rows: one text
    assign = pd.read_csv(tmp_path / "a.csv")
    assert len(assign) == 15 and -1 not in set(assign["cluster"])  # each is still clustered


def test_a_workbook_is_read_sheet_by_sheet_as_ingest_reads_it_or_the_one_sheet_named(tmp_path):
    rows = _sample_rows(12)
    book = tmp_path / "speeches.xlsx"
    with pd.ExcelWriter(book) as writer:  # one sheet per year, as researchers keep them
        for name, part in (("2021", rows[:7]), ("2022", rows[7:])):
            pd.DataFrame({"id": [r["id"] for r in part], "text": [r["text"] for r in part]}).to_excel(
                writer, sheet_name=name, index=False)
    out = tmp_path / "a.csv"
    args = ["cluster", str(book), "--k", "2", "--by", "rhetoric", "--out", str(out), "--config", str(_config(tmp_path))]
    res = runner.invoke(app, args)
    assert res.exit_code == 0, res.output
    assert pd.read_csv(out)["id"].tolist() == [r["id"] for r in rows]  # no sheet left out
    res = runner.invoke(app, [*args, "--sheet", "2022"])
    assert res.exit_code == 0, res.output
    assert pd.read_csv(out)["id"].tolist() == [r["id"] for r in rows[7:]]
    res = runner.invoke(app, [*args, "--sheet", "2030"])
    assert res.exit_code == 2 and res.output.strip() == f"error: {book}: no sheet '2030' (sheets: 2021, 2022)"


def test_the_date_and_metadata_options_of_ingest_and_clean_are_taken(tmp_path):
    rows = _sample_rows(12)
    table = tmp_path / "speeches.csv"
    pd.DataFrame({"编号": [f"S{i:02d}" for i in range(12)], "day": [f"2020-01-{i + 1:02d}" for i in range(12)],
                  "部门": ["教育厅", "财政厅"] * 6, "正文": [r["text"] for r in rows]}).to_csv(table, index=False)
    out, details = tmp_path / "g.csv", tmp_path / "d"
    res = runner.invoke(app, ["cluster", str(table), "--text-field", "正文", "--id-field", "编号", "--date-field", "day",
                              "--meta-field", "部门", "--k", "2", "--out", str(out), "--details", str(details),
                              "--config", str(_config(tmp_path))])
    assert res.exit_code == 0, res.output
    groups = pd.read_csv(out, dtype=str)
    assert groups.columns.tolist() == ["id", "cluster", "部门"] and groups["部门"].tolist() == ["教育厅", "财政厅"] * 6
    shown = pd.read_csv(details / "exemplars.csv")["display_name"].tolist()
    assert shown and all(name.startswith("2020-01-") for name in shown)  # untitled texts: by the date given
    res = runner.invoke(app, ["cluster", str(table), "--text-field", "正文", "--meta-field", "处室", "--k", "2",
                              "--out", str(out)])
    assert res.exit_code == 2 and "处室" in res.output and len(res.output.strip().splitlines()) == 1


def test_a_missing_field_lists_the_tables_own_columns_and_names_the_option(tmp_path):
    # a CSV with Chinese headers and no id column: its rows are numbered as ``id``, which is no column of the
    # user's and must not be offered in the list of fields when a field the user named is missing
    rows = _sample_rows(4)
    csv = tmp_path / "speeches.csv"
    pd.DataFrame({"标题": [f"讲话{i}" for i in range(4)], "日期": ["2014-01-0%d" % (i + 1) for i in range(4)],
                  "正文": [r["text"] for r in rows]}).to_csv(csv, index=False)
    out = str(tmp_path / "o.csv")
    for args, missing, meant in ((["--text-field", "正文", "--title-field", "题目"], "题目", "标题"),
                                 (["--text-field", "正文", "--date-field", "时间"], "时间", "日期"),  # date names
                                 (["--text-field", "正文", "--meta-field", "作者"], "作者", None),
                                 (["--text-field", "正文", "--id-field", "id"], "id", None)):
        res = runner.invoke(app, ["cluster", str(csv), "--out", out, *args])
        line = res.output.strip()
        assert res.exit_code == 2 and "\n" not in line and "Traceback" not in line, res.output
        # the table's own columns only (no row-number 'id'), with a suggestion where one is close (题目: 标题)
        # or is the same default field (时间 and 日期 are both a date column's names)
        assert line.startswith(f"error: {csv}: no field '{missing}' (fields: 标题, 日期, 正文)"), line
        assert line.endswith(f"did you mean '{meant}'?" if meant else ")"), line
    res = runner.invoke(app, ["cluster", str(csv), "--out", out])  # no --text-field: the default 'text'
    line = res.output.strip()
    assert res.exit_code == 2 and "\n" not in line
    assert line == f"error: {csv}: no field 'text' (fields: 标题, 日期, 正文); give the column with --text-field", line


def test_validate_reads_labels_without_an_id_column_by_row_as_cluster_numbers_them(tmp_path):
    rows = _sample_rows(12)
    texts = tmp_path / "speeches.csv"
    pd.DataFrame({"正文": [r["text"] for r in rows]}).to_csv(texts, index=False)
    out = tmp_path / "groups.csv"
    res = runner.invoke(app, ["cluster", str(texts), "--k", "2", "--by", "rhetoric", "--text-field", "正文",
                              "--out", str(out), "--config", str(_config(tmp_path))])
    assert res.exit_code == 0, res.output
    groups = pd.read_csv(out)
    labels = tmp_path / "labels.csv"  # the same rows, in the same order, with only a label column
    pd.DataFrame({"label": [f"g{c}" for c in groups["cluster"]]}).to_csv(labels, index=False)
    res = runner.invoke(app, ["validate", str(out), str(labels)])
    assert res.exit_code == 0, res.output
    assert f"validate: n={len(rows)} NMI=1.0000 ARI=1.0000" in res.output
