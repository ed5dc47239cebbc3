"""The ``formulas`` and ``rhetoric`` commands on the cleaned sample pages."""

import csv
import json

from typer.testing import CliRunner

from speechtopics.cli import app


def write_clean(tmp_path, sample_docs):
    p = tmp_path / "clean.jsonl"
    with open(p, "w", encoding="utf-8") as fh:
        for d in sample_docs.values():
            fh.write(json.dumps({k: d[k] for k in ("doc_id", "text", "paragraphs", "status")},
                                ensure_ascii=False) + "\n")
    return p


def test_formulas_command(tmp_path, sample_docs):
    out = tmp_path / "f.csv"
    r = CliRunner().invoke(app, ["formulas", str(write_clean(tmp_path, sample_docs)), "--out", str(out)])
    assert r.exit_code == 0, r.output
    rows = list(csv.DictReader(open(out, encoding="utf-8")))
    assert list(rows[0]) == ["doc_id", "formula", "count"]
    assert {"doc_id": "county_plenary_2021", "formula": "十四五", "count": "5"} in rows


def test_rhetoric_command(tmp_path, sample_docs):
    out = tmp_path / "m.jsonl"
    r = CliRunner().invoke(app, ["rhetoric", str(write_clean(tmp_path, sample_docs)), "--out", str(out)])
    assert r.exit_code == 0, r.output
    rows = [json.loads(line) for line in open(out, encoding="utf-8")]
    assert {r["part"] for r in rows} == {"opening", "body", "closing"}
    assert all(set(r["scores"]) >= {"deployment", "other"} for r in rows)


def test_bad_input_is_one_line_exit_2(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json\n", encoding="utf-8")
    for cmd in ("formulas", "rhetoric"):
        r = CliRunner().invoke(app, [cmd, str(bad), "--out", str(tmp_path / "o")])
        assert r.exit_code == 2
        assert str(bad) in r.output and len(r.output.strip().splitlines()) == 1
    r = CliRunner().invoke(app, ["rhetoric", str(tmp_path / "missing.jsonl"), "--out", str(tmp_path / "o")])
    assert r.exit_code == 2
    for cmd in ("formulas", "rhetoric"):  # --out the input: refused, the input kept
        r = CliRunner().invoke(app, [cmd, str(bad), "--out", str(bad)])
        assert r.exit_code == 2 and "would overwrite the input" in r.output
        assert bad.read_text(encoding="utf-8") == "{not json\n"
