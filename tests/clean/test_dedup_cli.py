"""Duplicates across documents, and the ``speechtopics clean`` command."""

import json

from typer.testing import CliRunner

from speechtopics.clean import CleanConfig, clean_documents

BODY = ("同志们：\n今天召开全县经济工作会议，主要任务是总结去年工作，分析当前形势，安排部署今年重点任务。\n"
        "一、客观看待成绩\n过去一年，全县上下攻坚克难，县域经济实力持续增强，群众获得感不断增强，各项事业取得新进展。\n"
        "二、扎实做好今年工作\n要坚持稳中求进工作总基调，把高质量发展贯穿始终，确保完成全年目标任务。")


def _doc(i, text):
    return {"doc_id": f"d{i}", "source": f"site/d{i}.txt", "text": text, "format": "txt", "meta": {}}


def test_exact_and_near_duplicates_marked_in_order():
    docs = [_doc(1, BODY), _doc(2, "首页 > 讲话\n" + BODY), _doc(3, BODY + "谢谢大家！"),
            _doc(4, BODY.replace("经济", "乡村振兴").replace("稳中求进", "改革创新").replace("群众", "农民"))]
    out = clean_documents(docs, CleanConfig(duplicates="drop"), seed=7)
    assert [r["status"] for r in out] == ["kept", "duplicate", "duplicate", "kept"]
    assert out[1]["reason"] == "exact duplicate of d1"
    assert out[2]["reason"] == "near duplicate of d1"
    assert clean_documents(docs, CleanConfig(duplicates="drop"), seed=7) == out


def test_the_earliest_dated_copy_is_kept_whatever_the_input_order(tmp_path):
    """A newspaper's reprint dated the day after the speech comes first in the file; the wire story
    dated the day itself is the copy kept. Undated copies lose to dated ones; equal dates keep input order."""
    import speechtopics as st
    from speechtopics.config import Config

    near = BODY.replace("经济", "乡村振兴").replace("稳中求进", "改革创新").replace("群众", "农民")
    rows = [("2020-11-20", BODY), ("2020-11-19", BODY + "谢谢大家！"), ("", near), ("2021-01-05", near),
            ("2020-03-01", BODY.replace("全县", "全市")), ("2020-03-01", "（新华社）" + BODY.replace("全县", "全市"))]
    path = tmp_path / "speeches.csv"
    path.write_text("date,text\n" + "".join(f'{d},"{t}"\n' for d, t in rows), encoding="utf-8")
    for streamed in (True, False):
        if streamed:
            ledger = st.read_corpus(path, date="date", config=Config(clean=CleanConfig(duplicates="drop"))).ledger
            status = dict(zip(ledger["source"].str.split("#").str[-1], ledger["status"]))
        else:
            docs = [_doc(i, t) | {"meta": {"date": d} if d else {}} for i, (d, t) in enumerate(rows, start=2)]
            drop = CleanConfig(duplicates="drop")
            status = {f"row{i}": r["status"] for i, r in enumerate(clean_documents(docs, drop, seed=7),
                                                                    start=2)}
        assert status == {"row2": "duplicate", "row3": "kept", "row4": "duplicate", "row5": "kept",
                          "row6": "kept", "row7": "duplicate"}, streamed


def test_by_default_every_copy_is_kept_and_says_which_it_repeats():
    """A user's rows are the sample they chose: copies stay (``clean.duplicates: keep``, the default),
    each naming the document it repeats, and the run summary counts them."""
    from speechtopics.stages import ledger_summary, summary_lines

    docs = [_doc(1, BODY), _doc(2, "首页 > 讲话\n" + BODY), _doc(3, BODY + "谢谢大家！")]
    assert CleanConfig().duplicates == "keep"
    out = clean_documents(docs, CleanConfig(), seed=7)
    assert [r["status"] for r in out] == ["kept", "kept", "kept"]
    assert [r.get("reason", "") for r in out] == ["", "kept: exact duplicate of d1", "kept: near duplicate of d1"]
    rows = [{"status": r["status"], "reason": r.get("reason", "")} for r in out]
    assert ledger_summary(rows)["kept_duplicates"] == 2
    assert any(line.startswith("duplicates: 2 kept documents repeat") for line in summary_lines(ledger_summary(rows)))


def test_boilerplate_lines_of_one_site_dropped_but_closing_lines_kept():
    docs = [_doc(i, f"{BODY}\n{i}号文件的补充说明很重要，要认真学习领会。\n谢谢大家！\n本站推荐范文精选")
            for i in range(4)]
    out = clean_documents(docs, CleanConfig())
    assert all("本站推荐范文精选" not in r["text"] and "谢谢大家！" in r["text"] for r in out)


def test_cli_writes_every_input(tmp_path):
    from speechtopics.cli import app

    (tmp_path / "a.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(("在县政府全体会议上的讲话\r\n" + BODY).encode("gb18030"))
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "bin.txt").write_bytes(b"%PDF-1.4 binary")
    (tmp_path / "en.txt").write_text("This page is in English only, and has no Chinese speech text at all. " * 3)
    inside = CliRunner().invoke(app, ["clean", str(tmp_path), "--out", str(tmp_path / "out.jsonl")])
    assert inside.exit_code == 2 and "inside the input folder" in inside.output  # the next run would read it
    out = tmp_path.parent / f"{tmp_path.name}-out.jsonl"
    result = CliRunner().invoke(app, ["clean", str(tmp_path), "--out", str(out)])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 5
    by_name = {r["source"].rsplit("/", 1)[-1]: r for r in rows}
    assert by_name["a.txt"]["status"] == "kept"
    assert by_name["b.txt"]["status"] == "kept" and by_name["b.txt"]["title"] == "在县政府全体会议上的讲话"
    assert by_name["b.txt"]["reason"] == f"kept: exact duplicate of {by_name['a.txt']['doc_id']}"
    for name in ("empty.txt", "bin.txt", "en.txt"):
        assert by_name[name]["status"] == "dropped" and by_name[name]["reason"]
    for key in ("source", "doc_id", "title", "date", "text", "truncated", "redactions", "status", "reason"):
        assert all(key in r for r in rows)
    assert "kept" in result.output


def test_cli_missing_path_exits_2(tmp_path):
    from speechtopics.cli import app

    result = CliRunner().invoke(app, ["clean", str(tmp_path / "nope"), "--out", str(tmp_path / "o.jsonl")])
    assert result.exit_code == 2
    assert "nope" in result.output


def test_minhash_values_equal_datasketch_update_batch():
    """The NumPy MinHash applies datasketch's permutations exactly as MinHash.update_batch does."""
    import numpy as np
    from datasketch import MinHash

    from speechtopics.clean.dedup import _permutations, minhash_of, shingle_hashes

    for text in (BODY, BODY[:40], "同志们"):
        perms, scheme = _permutations(128, 7)
        ref = MinHash(num_perm=128, seed=7, hashfunc=int, permutations=perms, scheme=scheme)
        ref.update_batch(shingle_hashes(text, 5).tolist())
        assert np.array_equal(minhash_of(text, 5, 128, 7).hashvalues, ref.hashvalues)


def test_copies_just_above_the_threshold_are_found_under_every_seed():
    """A reprint with a few words changed (Jaccard a little above 0.9) is a near duplicate whatever the
    seed: the LSH index offers such pairs as candidates (it used to miss about half of them)."""
    import random

    from speechtopics.clean.dedup import DuplicateIndex, fingerprint

    rng = random.Random(3)
    chars = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研"
    base = "".join(rng.choice(chars) for _ in range(1200))
    docs = [{"doc_id": "a", "text": base, "status": "kept"}]
    def shingles(t):
        return {t[i:i + 5] for i in range(len(t) - 4)}

    for i in range(12):
        text = list(base)
        for at in rng.sample(range(len(text)), 3 + i // 4):  # a few characters changed
            text[at] = rng.choice(chars)
        docs.append({"doc_id": f"copy{i}", "text": "".join(text), "status": "kept"})
    jaccard = [len(shingles(base) & shingles(d["text"])) / len(shingles(base) | shingles(d["text"])) for d in docs[1:]]
    assert min(jaccard) > 0.94 and max(jaccard) < 0.98  # above the threshold, by more than the sketch errs
    for seed in range(4):
        index = DuplicateIndex(threshold=0.9, num_perm=128, seed=seed, action="keep")
        marked = []
        for d in docs:
            rec = dict(d)
            digest, hv = fingerprint(rec["text"], 5, 128, seed)
            index.offer(rec, digest, hv)
            marked.append(bool(rec.get("reason")))
        assert marked == [False] + [True] * 12, (seed, marked)


def test_cli_summary_says_what_to_do_with_a_file_it_cannot_read(tmp_path):
    """The clean command's summary keeps a reason's advice (save it as .docx), as the record does."""
    from speechtopics.cli import app

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(BODY, encoding="utf-8")
    (folder / "old.doc").write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + b"\x00" * 600)
    result = CliRunner().invoke(app, ["clean", str(folder), "--out", str(tmp_path / "out.jsonl")])
    assert result.exit_code == 0, result.output
    reason = [json.loads(line)["reason"] for line in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()
              if "old.doc" in line][0]
    assert "(save it as .docx)" in reason and f"1  {reason}" in result.output
