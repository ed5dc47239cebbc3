"""Every entry point passes the one seed to every random step: ``clean`` and ``run`` (the Project) give
the same statuses on near-duplicate pairs, whose MinHash signatures depend on the seed."""

from __future__ import annotations

import json
import random
from pathlib import Path

from typer.testing import CliRunner

from speechtopics.cli import app
from speechtopics.config import load_config
from speechtopics.project import Project

SENTENCES = ["全县经济发展稳中向好，项目建设提速增效。", "乡村振兴扎实推进，农民收入持续增长。", "生态环境持续改善，蓝天保卫战成效明显。",
             "营商环境不断优化，市场主体活力增强。", "民生保障更加有力，教育医疗短板加快补齐。", "党的建设全面加强，干部作风明显转变。",
             "招商引资取得突破，一批重点项目落地开工。", "城市功能不断完善，城乡面貌焕然一新。"]


def near_duplicate_pairs(folder: Path, n: int = 30) -> None:
    rng = random.Random(5)
    for i in range(n):
        body = "".join(rng.choice(SENTENCES) for _ in range(12))
        edited = list(body)
        for _ in range(rng.randint(2, 9)):  # a few characters changed: Jaccard near the threshold
            edited[rng.randrange(len(edited))] = rng.choice("的了和是在有")
        (folder / f"{i:02d}a.txt").write_text(f"同志们：{body}", encoding="utf-8")
        (folder / f"{i:02d}b.txt").write_text(f"同志们：{''.join(edited)}", encoding="utf-8")


def test_clean_and_run_give_the_same_statuses(tmp_path: Path):
    pages = tmp_path / "pages"
    pages.mkdir()
    near_duplicate_pairs(pages)
    cfg_path = tmp_path / "config.yaml"
    cfg_path.write_text("seed: 99\ningest:\n  inputs:\n    - {path: pages, name: t}\n"
                        "clean: {near_duplicate_threshold: 0.8, minhash_permutations: 16, duplicates: drop}\n", encoding="utf-8")
    out = tmp_path / "clean.jsonl"
    res = CliRunner().invoke(app, ["clean", str(pages), "--out", str(out), "--config", str(cfg_path)])
    assert res.exit_code == 0, res.output
    by_cli = {r["doc_id"]: r["status"] for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    by_run = {d["doc_id"]: d["status"] for d in Project(load_config(cfg_path), use_cache=False).cleaned}
    assert by_cli == by_run
    assert 0 < list(by_run.values()).count("duplicate") < 60
