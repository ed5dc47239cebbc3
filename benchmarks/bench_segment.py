"""Benchmark of the segment stage (ratios measured in one run, on one corpus, on this machine).

Run: ``.venv/bin/python benchmarks/bench_segment.py [--scale 10]``. Corpus: the bundled corpus in
``data/raw`` (government work reports, CPC congress reports, Xi speeches) as records. Measures

* baseline: plain single-process ``jieba.lcut`` over every document text;
* clean (``speechtopics.clean.clean_text`` when importable, serial) + segment with ``rjieba``, 2 workers;
* segment with the ``jieba`` backend, 2 workers;
* peak memory (whole process tree: main + workers) of a streaming file-to-file run over the corpus x1 and
  x``scale``, each in a fresh subprocess.

The cache is off throughout, and worker start-up is included in every parallel time.
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

REPO = Path(__file__).resolve().parents[1]
RAW = REPO / "data" / "raw"


def corpus() -> list[dict]:
    """The bundled corpus as records with paragraphs (one record per document)."""
    texts = []
    for path in sorted((RAW / "gwr_national_wikisource").glob("*.jsonl")):
        for i, line in enumerate(path.read_text("utf-8").splitlines()):
            texts.append((f"{path.name}#{i}", json.loads(line).get("content") or ""))
    for p in sorted((RAW / "xi_speeches_2013_2016").glob("*.txt")):
        texts.append((p.stem, p.read_text(encoding="utf-8-sig")))
    return [to_record(doc_id, text) for doc_id, text in texts]


def to_record(doc_id: str, text: str) -> dict:
    paras = [p.strip() for p in text.splitlines() if p.strip()]
    return {"doc_id": doc_id, "status": "kept", "text": "\n".join(paras),
            "paragraphs": [{"text": p, "section": None} for p in paras]}


def clean_step(records: list[dict]) -> list[dict]:
    """The clean stage when available (its own text pipeline), else paragraph splitting only."""
    try:
        from speechtopics.clean.document import clean_text
    except Exception:  # the clean stage is optional for this benchmark
        return records
    out = []
    for r in records:
        try:
            c = clean_text(r["text"], doc_id=r["doc_id"])
        except Exception:
            c = r
        out.append(c if c.get("paragraphs") else r)
    return out


CPU: dict[str, float] = {}


def cpu_now() -> float:
    """CPU seconds of this process plus its finished children (the pool workers)."""
    import resource

    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def timed(fn, label: str = ""):
    """Wall seconds of ``fn()`` (CPU seconds, workers included, go to ``CPU[label]``)."""
    c, t = cpu_now(), time.perf_counter()
    result = fn()
    CPU[label] = cpu_now() - c
    return time.perf_counter() - t, result


def baseline(records: list[dict]) -> float:
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return timed(lambda: [jieba.lcut(r["text"]) for r in records], "base")[0]


def run_segment(records: list[dict], backend: str, workers: int = 2) -> float:
    from speechtopics.segment import SegmentConfig
    from speechtopics.segment.run import segment_stream

    cfg = SegmentConfig(backend=backend, workers=workers, cache=False, chunk_size=8)
    return timed(lambda: sum(1 for _ in segment_stream(records, cfg)), backend)[0]


def peak_memory(path: Path, scale: int) -> float:
    """Peak RSS (MiB) of the process tree of a streaming run over the corpus repeated ``scale`` times."""
    import psutil

    code = (
        "import sys, json\n"
        "from speechtopics.segment import SegmentConfig\n"
        "from speechtopics.commands.segment import read_jsonl\n"
        "from speechtopics.segment.run import segment_stream\n"
        "cfg = SegmentConfig(backend='rjieba', workers=2, cache=False, chunk_size=8)\n"
        "with open(sys.argv[2], 'w', encoding='utf-8') as fh:\n"
        "    for r in segment_stream(read_jsonl(sys.argv[1]), cfg):\n"
        "        fh.write(json.dumps(r, ensure_ascii=False) + '\\n')\n"
    )
    src = path.with_name(f"corpus_x{scale}.jsonl")
    with open(path, encoding="utf-8") as fh:
        lines = fh.read().splitlines()
    with open(src, "w", encoding="utf-8") as fh:
        for k in range(scale):
            for line in lines:
                rec = json.loads(line)
                rec["doc_id"] = f"{rec['doc_id']}~{k}"
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    proc = subprocess.Popen([sys.executable, "-c", code, str(src), str(src) + ".out"])
    peak = 0
    ps = psutil.Process(proc.pid)
    while proc.poll() is None:
        try:
            rss = ps.memory_info().rss + sum(c.memory_info().rss for c in ps.children(recursive=True))
            peak = max(peak, rss)
        except psutil.Error:
            pass
        time.sleep(0.05)
    if proc.returncode:
        raise SystemExit(f"memory run x{scale} failed ({proc.returncode})")
    return peak / 2**20


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scale", type=int, default=10)
    args = ap.parse_args()
    records = corpus()
    chars = sum(len(r["text"]) for r in records)
    print(f"corpus: {len(records)} documents, {chars / 1e6:.2f} M characters")
    t_base = baseline(records)
    t_clean, cleaned = timed(lambda: clean_step(records), "clean")
    t_rj = run_segment(cleaned, "rjieba")
    t_jb = run_segment(records, "jieba")
    print(f"jieba.lcut, 1 process:            {t_base:7.2f} s")
    print(f"clean (serial):                    {t_clean:7.2f} s")
    print(f"segment rjieba, 2 workers:         {t_rj:7.2f} s")
    print(f"clean+segment rjieba vs lcut:      {t_base / (t_clean + t_rj):7.1f} x  (target >= 10)")
    print(f"segment rjieba vs lcut:            {t_base / t_rj:7.1f} x")
    print(f"segment jieba, 2 workers:          {t_jb:7.2f} s  -> {t_base / t_jb:.2f} x  (target >= 1.7)")
    print(f"CPU s (all processes): lcut {CPU['base']:.2f}, clean {CPU['clean']:.2f}, "
          f"rjieba {CPU['rjieba']:.2f}, jieba {CPU['jieba']:.2f}")
    print(f"load average while running: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores "
          "(wall-clock ratios are only meaningful on an idle machine)")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "corpus.jsonl"
        with open(path, "w", encoding="utf-8") as fh:
            for r in records:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
        m1 = peak_memory(path, 1)
        mN = peak_memory(path, args.scale)
    print(f"peak RSS x1: {m1:.0f} MiB, x{args.scale}: {mN:.0f} MiB -> {mN / m1:.2f} (target <= 1.5)")


if __name__ == "__main__":
    main()
