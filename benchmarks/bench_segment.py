"""Benchmark of the segment stage (ratios measured in one run, on one corpus, on this machine).

Run: ``.venv/bin/python benchmarks/bench_segment.py [--replicate 3] [--scale 10] [--repeat 3]``. Corpus: the bundled
corpus in ``data/raw`` (government work reports, Xi speeches) as records, plus the CPC congress reports from
the validation data folder when present, repeated ``--replicate`` times (about 13 MB at 3, the size of the
STACK.md measurement, so fixed start-up costs are amortised as they would be on a real corpus). Measures,
on that one corpus and in one run:

* baseline: plain single-process ``jieba.lcut`` over every document text;
* clean (``speechtopics.clean.clean_text``, serial; and the same on a 2-process pool);
* segment with ``rjieba``: serial, then 2 workers on a cold pool (process start-up and dictionary loading
  included) and again on the warm pool;
* clean + segment with ``rjieba`` in the same worker tasks (``segment_stream(..., prepare=clean_one)``: the
  clean stage's per-record function runs in the worker right before segmenting, so clean is parallel too),
  2 workers, cold pool;
* segment with the ``jieba`` backend, 2 workers (cold pool), and clean + segment with it (as the fused
  ``rjieba`` run);
* the fused clean + rjieba run and the jieba run again with the dictionary built before the timer starts
  (the baseline's ``jieba.initialize()`` is untimed too); worker processes are still started in the run;
* peak memory (whole process tree: main + workers) of a streaming file-to-file run over the corpus x1 and
  x``scale``, each in a fresh subprocess.

With ``--repeat N`` every timing, the baseline's included, is taken in N rounds and each row reports its
fastest round (as ``timeit`` does): on a shared machine a busy neighbour then inflates fewer rows.
Wall and CPU seconds are both printed (CPU = this process plus its workers, live or finished): on a
shared, loaded machine the wall-clock ratios understate what 2 idle cores give, the CPU figures do not.
Module imports (jieba, this package, Dask) happen before the timers, for the baseline and the runs alike.
The cache is off throughout. Replicated documents repeat words, which flatters the per-word memo a little
(a real corpus's vocabulary also grows far slower than its length).
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


# Extra text (the CPC congress reports) from the validation data folder, when present (benchmarks/README.md).
SHARED = Path(os.environ.get("SPEECHTOPICS_VALIDATION_DATA", REPO.parent / "shared" / "data"))


def corpus(replicate: int = 1) -> list[dict]:
    """The bundled corpus as records with paragraphs (one record per document), ``replicate`` times."""
    texts = []
    jsonl = sorted((RAW / "gwr_national_wikisource").glob("*.jsonl"))
    extra = SHARED / "gwr_national_wikisource" / "cpc_congress_reports.jsonl"
    if replicate > 1 and extra.exists() and extra.name not in {p.name for p in jsonl}:
        jsonl.append(extra)
    for path in jsonl:
        for i, line in enumerate(path.read_text("utf-8").splitlines()):
            texts.append((f"{path.name}#{i}", json.loads(line).get("content") or ""))
    for p in sorted((RAW / "xi_speeches_2013_2016").glob("*.txt")):
        texts.append((p.stem, p.read_text(encoding="utf-8-sig")))
    return [to_record(f"{doc_id}~{k}", text) for k in range(replicate) for doc_id, text in texts]


def to_record(doc_id: str, text: str) -> dict:
    paras = [p.strip() for p in text.splitlines() if p.strip()]
    return {"doc_id": doc_id, "status": "kept", "text": "\n".join(paras),
            "paragraphs": [{"text": p, "section": None} for p in paras]}


def clean_one(r: dict) -> dict:
    """The clean stage on one record when available, else the record (paragraph splitting only)."""
    try:
        from speechtopics.clean.document import clean_text
    except Exception:  # the clean stage is optional for this benchmark
        return r
    try:
        c = clean_text(r["text"], doc_id=r["doc_id"])
    except Exception:
        c = r
    return c if c.get("paragraphs") else r


def clean_step(records: list[dict], workers: int = 1) -> list[dict]:
    """Clean every record, serially or on a pool of ``workers`` processes."""
    if workers == 1:
        return [clean_one(r) for r in records]
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(workers) as pool:
        return list(pool.map(clean_one, records, chunksize=8))


CPU: dict[str, float] = {}


def cpu_now() -> float:
    """CPU seconds of this process plus its children: finished ones and live ones (the warm pool)."""
    import resource

    import psutil

    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    live = 0.0
    for c in psutil.Process().children(recursive=True):
        try:
            t = c.cpu_times()
            live += t.user + t.system
        except psutil.Error:
            pass
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime + live


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


def run_segment(records: list[dict], backend: str, workers: int = 2, label: str = "", prepare=None,
                preload: bool = False) -> float:
    """Wall seconds of one ``segment_stream`` run. ``preload``: build the dictionary in this process
    before the timer starts (the baseline also loads jieba's dictionary untimed); the worker processes
    are still started, by fork, inside the timed run."""
    from speechtopics.segment import SegmentConfig
    from speechtopics.segment.run import segment_stream, warm

    cfg = SegmentConfig(backend=backend, workers=workers, cache=False, chunk_size=8)
    if preload:
        warm(cfg)
    stream = (lambda: segment_stream(records, cfg, prepare=prepare)) if prepare else (
        lambda: segment_stream(records, cfg))
    return timed(lambda: sum(1 for _ in stream()), label or backend)[0]


def stop_pools() -> None:
    """Stop the segment stage's warm pools (so the next run starts cold), if this version keeps any."""
    from speechtopics.segment import run

    getattr(run, "shutdown_pools", lambda: None)()


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


LABELS = ("base", "clean", "clean2", "rjieba1", "rjieba", "rjieba_warm", "fused", "jieba", "jieba_fused",
          "fused_pre", "jieba_pre")


def measure(records: list[dict]) -> dict[str, tuple[float, float]]:
    """One round of every timing: label -> (wall s, CPU s)."""
    t_base = baseline(records)
    t_clean, cleaned = timed(lambda: clean_step(records), "clean")
    t_clean2, _ = timed(lambda: clean_step(records, 2), "clean2")
    t_ser = run_segment(cleaned, "rjieba", 1, "rjieba1")
    stop_pools()
    t_rj = run_segment(cleaned, "rjieba", 2, "rjieba")
    t_rjw = run_segment(cleaned, "rjieba", 2, "rjieba_warm")
    stop_pools()
    t_fused = run_segment(records, "rjieba", 2, "fused", prepare=clean_one)
    stop_pools()
    t_jb = run_segment(records, "jieba", 2, "jieba")
    stop_pools()
    t_jb_fused = run_segment(records, "jieba", 2, "jieba_fused", prepare=clean_one)
    stop_pools()
    t_fused_pre = run_segment(records, "rjieba", 2, "fused_pre", prepare=clean_one, preload=True)
    stop_pools()
    t_jb_pre = run_segment(records, "jieba", 2, "jieba_pre", preload=True)
    stop_pools()
    walls = (t_base, t_clean, t_clean2, t_ser, t_rj, t_rjw, t_fused, t_jb, t_jb_fused, t_fused_pre, t_jb_pre)
    return {label: (wall, CPU[label]) for label, wall in zip(LABELS, walls)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--replicate", type=int, default=3, help="corpus repetitions (3: about 13 MB)")
    ap.add_argument("--scale", type=int, default=10, help="repetitions for the memory run")
    ap.add_argument("--no-memory", action="store_true", help="skip the peak-memory runs")
    ap.add_argument("--repeat", type=int, default=1,
                    help="rounds of every timing; each row reports its fastest round (baseline included)")
    args = ap.parse_args()
    records = corpus(args.replicate)
    chars = sum(len(r["text"]) for r in records)
    mb = sum(len(r["text"].encode()) for r in records) / 1e6
    print(f"corpus: {len(records)} documents, {chars / 1e6:.2f} M characters ({mb:.1f} MB UTF-8)")
    load0 = os.getloadavg()[0]
    runs = [measure(records) for _ in range(args.repeat)]
    best = {label: min((r[label] for r in runs), key=lambda wc: wc[0]) for label in runs[0]}
    t_base, t_clean, t_clean2, t_ser, t_rj, t_rjw, t_fused, t_jb, t_jb_fused, t_fused_pre, t_jb_pre = (
        best[label][0] for label in LABELS)
    CPU.update({label: best[label][1] for label in LABELS})
    c = CPU
    rows = [
        ("jieba.lcut, 1 process", t_base, c["base"]),
        ("clean, serial", t_clean, c["clean"]),
        ("clean, 2 processes", t_clean2, c["clean2"]),
        ("segment rjieba, serial", t_ser, c["rjieba1"]),
        ("segment rjieba, 2 workers (cold)", t_rj, c["rjieba"]),
        ("segment rjieba, 2 workers (warm)", t_rjw, c["rjieba_warm"]),
        ("clean+segment rjieba, 2 workers (cold)", t_fused, c["fused"]),
        ("segment jieba, 2 workers (cold)", t_jb, c["jieba"]),
        ("clean+segment jieba, 2 workers (cold)", t_jb_fused, c["jieba_fused"]),
        ("clean+segment rjieba, 2 workers (dict. preloaded)", t_fused_pre, c["fused_pre"]),
        ("segment jieba, 2 workers (dict. preloaded)", t_jb_pre, c["jieba_pre"]),
    ]
    print(f"{'':50s} {'wall s':>8s} {'CPU s':>8s}")
    for name, wall, cpu in rows:
        print(f"{name:50s} {wall:8.2f} {cpu:8.2f}")
    print(f"clean(serial)+segment rjieba(2, cold) vs lcut: {t_base / (t_clean + t_rj):5.1f} x wall, "
          f"{c['base'] / (c['clean'] + c['rjieba']):5.1f} x CPU  (target >= 10, wall)")
    print(f"clean(2)+segment rjieba(2, cold) vs lcut:      {t_base / (t_clean2 + t_rj):5.1f} x wall")
    print(f"clean+segment rjieba in 2 workers (cold) vs lcut: {t_base / t_fused:5.1f} x wall, "
          f"{c['base'] / c['fused']:5.1f} x CPU  (target >= 10, wall)")
    print(f"segment rjieba(2, cold) vs lcut:               {t_base / t_rj:5.1f} x wall, "
          f"{c['base'] / c['rjieba']:5.1f} x CPU")
    print(f"segment jieba(2, cold) vs lcut:                {t_base / t_jb:5.2f} x wall, "
          f"{c['base'] / c['jieba']:5.2f} x CPU  (target >= 1.7, wall)")
    print(f"clean+segment jieba in 2 workers (cold) vs lcut: {t_base / t_jb_fused:5.2f} x wall, "
          f"{c['base'] / c['jieba_fused']:5.2f} x CPU")
    print(f"with the dictionary loaded before timing, as the baseline's (workers still started in the run):")
    print(f"  clean+segment rjieba in 2 workers vs lcut:    {t_base / t_fused_pre:5.1f} x wall  (target >= 10)")
    print(f"  segment jieba in 2 workers vs lcut:           {t_base / t_jb_pre:5.2f} x wall  (target >= 1.7)")
    print(f"best of {args.repeat} round(s) per row; load average before / after: {load0:.1f} / {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores "
          "(wall-clock ratios are only meaningful on an idle machine)")
    if args.no_memory:
        return
    records = corpus()
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
