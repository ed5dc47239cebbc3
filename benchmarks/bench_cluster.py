"""Time ``speechtopics cluster --method lda`` on 1,500 real documents: this checkout against an older one.

The documents are Hebei policy documents (:func:`speechtopics.models.embedding_data.load_departments`;
the first 1,500 distinct texts of a seeded shuffle), written once as JSONL. Each checkout's CLI runs in
its own process (``python -m speechtopics.cli cluster INPUT --k 5 --method lda``) with its own ``src`` on
``PYTHONPATH`` and the same default config, one after the other on the same machine; the wall times and
their ratio are printed. Target: the new design at most 1/3 of the old one's time.

Usage::

    git worktree add /tmp/old-cluster 3c22f83      # the ensemble route, before the redesign
    python benchmarks/bench_cluster.py [--old /tmp/old-cluster] [--n 1500]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]


def write_docs(path: Path, n: int, seed: int = 0) -> int:
    """``n`` distinct Hebei policy documents (seeded shuffle) as JSONL ``id, text``; returns the count."""
    sys.path.insert(0, str(ROOT / "src"))
    from speechtopics.models.embedding_data import load_departments

    df = load_departments().drop_duplicates("text").reset_index(drop=True)
    pick = np.random.default_rng(seed).permutation(len(df))[:n]
    with open(path, "w", encoding="utf-8") as fh:
        for i in sorted(pick.tolist()):
            fh.write(json.dumps({"id": df.loc[i, "id"], "text": df.loc[i, "text"]}, ensure_ascii=False) + "\n")
    return len(pick)


def run(src: Path, docs: Path, out: Path, extra: list[str]) -> float:
    """Wall seconds of one ``cluster`` call of the checkout whose package lives in ``src``."""
    env = {**os.environ, "PYTHONPATH": str(src)}
    cmd = [sys.executable, "-m", "speechtopics.cli", "cluster", str(docs), "--k", "5", "--method", "lda",
           "--out", str(out), *extra]
    start = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, cwd=src.parent)
    return time.perf_counter() - start


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--old", type=Path, default=Path("/tmp/old-cluster"), help="Checkout of the old design (its root).")
    ap.add_argument("--n", type=int, default=1500)
    args = ap.parse_args(argv)
    if not (args.old / "src" / "speechtopics").is_dir():
        print(f"bench_cluster: no old checkout at {args.old} (git worktree add {args.old} 3c22f83); skipped")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        docs = Path(tmp) / "docs.jsonl"
        n = write_docs(docs, args.n)
        new = run(ROOT / "src", docs, Path(tmp) / "new.csv", ["--by", "policy"])
        old = run(args.old.resolve() / "src", docs, Path(tmp) / "old.csv", [])
    print(f"cluster --method lda on {n} documents: new {new:.1f} s, old {old:.1f} s, ratio {new / old:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
