"""The command line explains itself and turns usage errors into one line (exit 2), never a traceback."""

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from speechtopics.cli import app

runner = CliRunner()


def test_top_level_help_lists_stage_commands():
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in ("run", "ingest", "clean", "segment", "lda", "report"):
        assert command in result.output


@pytest.mark.parametrize("command", ["run", "ingest", "clean", "segment", "lda", "report"])
def test_each_command_has_help(command):
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert "Usage" in result.output and len(result.output.splitlines()) > 5


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "speechtopics.cli", *args], capture_output=True, text=True)


def test_unknown_config_key_is_one_line(tmp_path: Path):
    cfg = tmp_path / "c.yaml"
    cfg.write_text("seed: 1\nlda:\n  topics: 5\n", encoding="utf-8")
    proc = _cli("run", "--config", str(cfg))
    assert proc.returncode == 2
    assert proc.stderr.strip().count("\n") == 0
    assert "unknown key 'topics'" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_missing_input_path_is_one_line(tmp_path: Path):
    cfg = tmp_path / "c.yaml"
    cfg.write_text("inputs:\n  - path: data/raw/does_not_exist\n", encoding="utf-8")
    proc = _cli("run", "--config", str(cfg), "--no-notebooks")
    assert proc.returncode == 2
    assert "does_not_exist" in proc.stderr and "Traceback" not in proc.stderr


def test_ingest_writes_records_and_reports_left_out_files(tmp_path: Path, sample_pages):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_bytes(sample_pages[0].read_bytes())
    (tmp_path / "in" / "b.pdf").write_bytes(b"%PDF-1.4")
    out = tmp_path / "raw.jsonl"
    result = runner.invoke(app, ["ingest", str(tmp_path / "in"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert len(out.read_text(encoding="utf-8").splitlines()) == 1
    assert "cannot read pdf" in result.output
    import pandas as pd

    ledger = pd.read_csv(tmp_path / "raw.ledger.csv")
    assert ledger["source"].str.endswith("b.pdf").tolist() == [True]
    assert ledger["reason"].str.startswith("cannot read pdf").tolist() == [True]


def test_an_empty_folder_is_one_line_exit_2_and_nothing_is_written(tmp_path):
    from typer.testing import CliRunner

    from speechtopics.cli import app

    (tmp_path / "in").mkdir()
    for command in ("ingest", "clean"):
        out = tmp_path / f"{command}.jsonl"
        res = CliRunner().invoke(app, [command, str(tmp_path / "in"), "--out", str(out)])
        assert res.exit_code == 2 and res.output.strip() == f"error: {tmp_path / 'in'}: no files found"
        assert not out.exists()


def test_a_single_file_that_cannot_be_read_is_one_line_exit_2_naming_it(tmp_path):
    from typer.testing import CliRunner

    from speechtopics.cli import app

    (tmp_path / "speech.docx").write_bytes(b"not a zip")
    for command in ("ingest", "clean"):
        res = CliRunner().invoke(app, [command, str(tmp_path / "speech.docx"), "--out", str(tmp_path / "o.jsonl")])
        assert res.exit_code == 2, res.output
        assert res.output.strip() == ("error: nothing could be read: speech.docx: "  # as read_corpus names it
                                      "not a Word file (damaged, or another format named .docx): open it in Word "
                                      "or WPS and save it as .docx")


def test_a_config_without_inputs_a_glob_matching_nothing_and_an_unknown_notebook_are_one_line(tmp_path: Path):
    empty = tmp_path / "empty.yaml"
    empty.write_text("seed: 1\n", encoding="utf-8")
    res = CliRunner().invoke(app, ["run", "--config", str(empty), "--no-notebooks"])
    assert res.exit_code == 2 and "no inputs: name the corpus under ingest.inputs" in res.output
    assert not (tmp_path / "data").exists()  # nothing written, nothing emptied
    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / "a.txt").write_text("同志们：今天开会。" * 20, encoding="utf-8")
    cfg = tmp_path / "config.yaml"
    cfg.write_text("ingest:\n  inputs: [{path: raw, glob: '*.docx'}]\n", encoding="utf-8")
    res = CliRunner().invoke(app, ["run", "--config", str(cfg), "--no-notebooks"])
    assert res.exit_code == 2 and res.output.strip() == "error: raw: no file in it matches glob '*.docx'"
    res = CliRunner().invoke(app, ["report", "--config", str(cfg), "-n", "99-nothing"])
    assert res.exit_code == 2 and "--notebook 99-nothing: no report notebook of that name" in res.output


def test_ingest_and_clean_name_files_from_the_folder_holding_them(tmp_path):
    """The same folder read from two places gives the same sources and ids, as read_corpus gives."""
    import json
    import shutil

    from typer.testing import CliRunner

    import speechtopics as st
    from speechtopics.cli import app

    first = tmp_path / "a" / "speeches"
    first.mkdir(parents=True)
    (first / "2020-01-01_讲话.txt").write_text("同志们：今天我们召开全县经济工作会议，总结过去一年的工作，部署今年的任务。"
                                             "过去一年，全县经济运行稳中有进，各项事业取得新的进展。", encoding="utf-8")
    shutil.copytree(first, tmp_path / "b" / "speeches")
    expected = st.read_corpus(first).documents["doc_id"][0]
    for command in ("ingest", "clean"):
        for copy in ("a", "b"):
            out = tmp_path / copy / f"{command}.jsonl"
            res = CliRunner().invoke(app, [command, str(tmp_path / copy / "speeches"), "--out", str(out)])
            assert res.exit_code == 0, res.output
            rec = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
            assert (rec["doc_id"], rec["source"]) == (expected, "speeches/2020-01-01_讲话.txt")


def test_clean_keeps_the_id_and_fields_of_a_row_left_out_at_ingest(tmp_path):
    import json

    import pandas as pd
    from typer.testing import CliRunner

    from speechtopics.cli import app

    speech = "同志们，今天我们召开全县经济工作会议，主要任务是总结去年工作，分析当前形势，部署今年任务。" * 3
    pd.DataFrame({"code": ["0901", "0902"], "text": ["", speech]}).to_csv(tmp_path / "rows.csv", index=False)
    out = tmp_path / "c.jsonl"
    res = CliRunner().invoke(app, ["clean", str(tmp_path / "rows.csv"), "--out", str(out), "--id-field", "code"])
    assert res.exit_code == 0, res.output
    left = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines() if '"dropped"' in x]
    assert [r["meta"]["source_id"] for r in left] == ["0901"]


def test_clean_of_ingest_output_keeps_the_dates_titles_and_fields_ingest_read(tmp_path):
    """``ingest`` then ``clean`` gives what ``clean`` of the table gives: the given dates (not the text's),
    the date errors, the titles, the metadata and the rows ingest left out."""
    import json

    import pandas as pd
    from typer.testing import CliRunner

    from speechtopics.cli import app

    speech = "2013年4月8日\n同志们：今天我们召开全县经济工作会议，总结过去一年的工作，部署今年的任务。" * 3
    pd.DataFrame({"标题": ["讲话一", "讲话二", "讲话三", "讲话四"], "日期": ["2013年4月7日", "2013年2月30日", "3/10/2013", "2013"],
                  "级别": ["县级", "省级", "市级", "县级 "], "正文": [speech, speech + "二", speech + "三", ""]}
                 ).to_csv(tmp_path / "t.csv", index=False)
    fields = ["--text-field", "正文", "--title-field", "标题", "--date-field", "日期", "--meta-field", "级别"]
    raw = tmp_path / "raw.jsonl"
    assert CliRunner().invoke(app, ["ingest", str(tmp_path / "t.csv"), "-o", str(raw), *fields]).exit_code == 0
    for out, args in ((tmp_path / "direct.jsonl", [str(tmp_path / "t.csv"), *fields, "--date-format", "dmy"]),
                      (tmp_path / "staged.jsonl", [str(raw), "--date-format", "dmy"])):
        res = CliRunner().invoke(app, ["clean", *args, "-o", str(out)])
        assert res.exit_code == 0, res.output
        assert "dates: 1 given dates could not be read" in res.output
    direct, staged = ([json.loads(x) for x in (tmp_path / f).read_text(encoding="utf-8").splitlines()]
                      for f in ("direct.jsonl", "staged.jsonl"))
    keys = ("doc_id", "title", "date", "year", "date_inferred", "date_error", "status")
    assert [[r[k] for k in keys] + [r["meta"]["级别"]] for r in staged[:3]] == \
        [[r[k] for k in keys] + [r["meta"]["级别"]] for r in direct[:3]]
    assert [(r["title"], r["date"], r["date_inferred"], r["date_error"]) for r in staged[:3]] == [
        ("讲话一", "2013-04-07", False, None), ("讲话二", None, None, "2013年2月30日"), ("讲话三", "2013-10-03", False, None)]
    assert [(r["doc_id"], r["status"], r["reason"]) for r in staged[3:]] == \
        [(r["doc_id"], r["status"], r["reason"]) for r in direct[3:]]


def test_clean_warns_when_day_first_dates_are_read_month_first(tmp_path):
    import pandas as pd
    from typer.testing import CliRunner

    from speechtopics.cli import app

    speech = "同志们：今天我们召开全县经济工作会议，总结过去一年的工作，部署今年的任务。" * 3
    pd.DataFrame({"日期": ["22/3/2013", "7/4/2013"], "text": [speech, speech + "二"]}).to_csv(tmp_path / "t.csv", index=False)
    for extra, said in (([], True), (["--date-format", "dmy"], False)):
        res = CliRunner().invoke(app, ["clean", str(tmp_path / "t.csv"), "--date-field", "日期", "-o",
                                       str(tmp_path / "c.jsonl"), *extra])
        assert res.exit_code == 0, res.output
        assert ("warning: 1 given date such as '7/4/2013' was read month first" in res.output) is said


@pytest.mark.parametrize("args, expected", [
    (["cluster", "IN", "--out", "OUT", "--seed", "abc"], "Invalid value for '--seed'"),
    (["segment", "IN", "--out", "OUT", "--workers", "1.5"], "Invalid value for '--workers'"),
    (["ingest", "IN", "--out", "FOLDER"], "Invalid value for '--out' / '-o'"),
    (["clen"], "No such command 'clen'. Did you mean 'clean'?"),
    (["ingest"], "Missing argument 'PATH...'"),
])
def test_a_usage_error_is_one_line_naming_the_command(tmp_path: Path, args: list[str], expected: str):
    (tmp_path / "in.jsonl").write_text('{"text": "同志们"}\n', encoding="utf-8")
    folder = tmp_path / "folder"
    folder.mkdir()
    names = {"IN": str(tmp_path / "in.jsonl"), "OUT": str(tmp_path / "out.csv"), "FOLDER": str(folder)}
    proc = _cli(*[names.get(a, a) for a in args])
    assert proc.returncode == 2, proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1, proc.stderr
    assert proc.stderr.startswith("error: ") and expected in proc.stderr
    assert "Traceback" not in proc.stderr and "(see " in proc.stderr
    if "--seed" in args or "--workers" in args:  # the refused value is named
        assert f"(got {args[-1]!r})" in proc.stderr
    assert not (tmp_path / "out.csv").exists()


def test_help_still_exits_0(tmp_path: Path):
    proc = _cli("cluster", "--help")
    assert proc.returncode == 0 and "--n-seeds" in proc.stdout and not proc.stderr


@pytest.mark.parametrize("command", [["formulas"], ["rhetoric"], ["segment"], ["lexicon", "discover"]])
def test_an_input_with_no_kept_document_is_one_line_for_every_command(tmp_path: Path, command):
    empty = tmp_path / "clean.jsonl"
    empty.write_text('{"doc_id": "a", "text": "", "status": "dropped"}\n', encoding="utf-8")
    out = tmp_path / "out" / "o.csv"
    res = runner.invoke(app, [*command, str(empty), "--out", str(out)])
    assert res.exit_code == 2 and res.output.strip().startswith("error: ") and len(res.output.strip().splitlines()) == 1
    assert "no kept document" in res.output and not out.exists()


def test_lexicon_discover_refuses_a_table_it_would_read_as_plain_text(tmp_path: Path):
    table = tmp_path / "six.csv"
    table.write_text("标题,正文\n讲话,同志们：今天开会。\n", encoding="utf-8")
    res = runner.invoke(app, ["lexicon", "discover", str(table), "--out", str(tmp_path / "c.tsv")])
    assert res.exit_code == 2 and "reads clean JSONL or plain .txt files" in res.output


def test_python_dash_m_runs_the_same_command_line(tmp_path: Path):
    result = subprocess.run([sys.executable, "-m", "speechtopics", "init", str(tmp_path / "proj")],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "proj" / "config.yaml").is_file()
    bad = subprocess.run([sys.executable, "-m", "speechtopics", "run", "--config", str(tmp_path / "none.yaml")],
                         capture_output=True, text=True)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
