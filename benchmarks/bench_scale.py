"""Scale benchmark: ``speechtopics run`` on synthetic speech corpora of 1k, 10k, 100k documents.

Run ``python benchmarks/bench_scale.py --sizes 1000,10000,100000 [--k 20] [--workers 1,2]``.

Corpus: real paragraphs (the bundled ``data/raw`` speeches and government work reports, plus the
《新闻联播》 transcripts and 2020 speeches under ``shared/data`` when present) drawn with replacement by
a seeded numpy Generator into speeches whose paragraph counts are drawn from the bundled speeches'
own paragraph counts; each speech opens with a salutation, has a date and a title, and the corpus is
written as a JSONL file (``id, title, date, text``), as a user would give it.

Each size is run as a user runs it: ``speechtopics run --config <bench config> --no-notebooks
--no-cache`` in a child process (fixed K: ``lda.choose_k: false``; ``--workers`` sets
``segment.workers`` and ``lda.n_jobs``). The benchmark polls the RSS of the child and its worker
processes every 0.1 s (psutil) and times each stage by the moment its summary line appears on the
child's stdout (each stage's line is echoed as it comes, with the time and the peak RSS so far, so a run
stopped early still tells how far it got). Printed per stage at the end: wall time, peak RSS of the main process, peak RSS of the whole
process tree (a sum, so pages shared between processes count more than once), and substantive tokens
per second. The stages are those ``Project.compute`` reports (ingest, clean, segment, corpus, lda), then
``tables``: from the LDA line to the end (``documents.jsonl``, ``ledger.csv``, the run summary).

``--compare`` then builds the same run's tokens and bag-of-words (a cached run of the same config) and
times, each fitted twice on those units at the same K, passes and iterations: gensim ``LdaModel``,
gensim ``LdaMulticore(workers=2)``, and tomotopy ``LDAModel`` with 1 and 2 workers when tomotopy is
importable, printing whether the two fits gave identical topics (topic-word bytes).

``--cache --add N`` writes each corpus as a folder of two JSONL files (its halves), runs it with the
cache on in a fresh interim folder, then adds N new speeches as a third file that the inputs read
between the two and runs again on the stored stages: what adding documents costs when the clean,
segment and corpus stages' chunks are stored by content (their stage lines say how many chunks were
computed and how many read back).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("SPEECHTOPICS_VALIDATION_DATA", REPO.parent / "shared" / "data"))
#: Lines ``Project.compute`` prints when each stage is done, in order.
STAGES = ("ingest", "clean", "segment", "corpus", "lda")
OPENINGS = ("同志们：", "各位代表：", "同志们、朋友们：", "女士们，先生们，朋友们：")


def _paragraphs_of(text: str, min_chars: int = 30) -> list[str]:
    out = []
    for line in text.replace("\r", "").split("\n"):
        line = line.strip().strip("\u3000").strip("\ufeff")
        if len(line) >= min_chars:
            out.append(line)
    return out


def real_paragraphs() -> tuple[list[str], list[int]]:
    """Every paragraph of >= 30 characters of the real texts, and the bundled speeches' paragraph counts."""
    paras: list[str] = []
    counts: list[int] = []
    for f in sorted((REPO / "data" / "raw" / "xi_speeches_2013_2016").glob("*.txt")):
        p = _paragraphs_of(f.read_text(encoding="utf-8-sig"))
        counts.append(len(p))
        paras += p
    for f in sorted((REPO / "data" / "raw" / "gwr_national_wikisource").glob("*.jsonl")):
        for line in f.read_text(encoding="utf-8").splitlines():
            if line.strip():
                paras += _paragraphs_of(json.loads(line).get("content", ""))
    for f in sorted((SHARED / "xinwenlianbo_sample").glob("*.md")):
        paras += _paragraphs_of(f.read_text(encoding="utf-8"))
    extra = SHARED / "xi_speeches_2020" / "all_data.csv"
    if extra.exists():
        with open(extra, encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                paras += _paragraphs_of(row.get("Text", "").replace("\u3000\u3000", "\n"))
    return sorted(set(paras)), counts


def write_corpus(path: Path, n_docs: int, seed: int) -> dict:
    """Write ``n_docs`` synthetic speeches (JSONL) to ``path``; returns sizes."""
    paras, counts = real_paragraphs()
    rng = np.random.default_rng(seed)
    counts = np.asarray([c for c in counts if c >= 3])
    n_paras = rng.choice(counts, size=n_docs)
    days = rng.integers(0, 11 * 365, size=n_docs)
    start = np.datetime64("2013-01-01")
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n_docs):
            body = [paras[j] for j in rng.integers(len(paras), size=int(n_paras[i]))]
            text = OPENINGS[i % len(OPENINGS)] + "\n\n" + "\n\n".join(body)
            fh.write(json.dumps({"id": f"s{i:07d}", "title": f"第{i}号讲话", "date": str(start + days[i]),
                                 "text": text}, ensure_ascii=False) + "\n")
    return {"documents": n_docs, "bytes": path.stat().st_size, "paragraph_pool": len(paras)}


def split_corpus(path: Path) -> Path:
    """The JSONL corpus ``path`` as a folder of two files, ``part-1.jsonl`` (its first half) and
    ``part-3.jsonl``: a collection exported in batches; returns the folder."""
    folder = path.with_suffix("")
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    (folder / "part-1.jsonl").write_text("".join(lines[:len(lines) // 2]), encoding="utf-8")
    (folder / "part-3.jsonl").write_text("".join(lines[len(lines) // 2:]), encoding="utf-8")
    return folder


def add_documents(folder: Path, n_docs: int, seed: int) -> int:
    """Add ``n_docs`` new synthetic speeches (another seed; ids and titles of their own) to the corpus
    folder of :func:`split_corpus` as ``part-2.jsonl``, which the inputs read between the two halves:
    a missing batch of a collection, added among the old ones. Returns the speeches before it."""
    extra = folder / "part-2.jsonl"
    write_corpus(extra, n_docs, seed + 1)
    rows = [json.loads(line) for line in extra.read_text(encoding="utf-8").splitlines()]
    extra.write_text("".join(json.dumps({**r, "id": "a" + r["id"], "title": "补" + r["title"]}, ensure_ascii=False)
                             + "\n" for r in rows), encoding="utf-8")
    return sum(1 for _ in open(folder / "part-1.jsonl", encoding="utf-8"))


def write_config(folder: Path, corpus: Path, k: int, workers: int, backend: str, passes: int | None,
                 iterations: int | None) -> Path:
    """A config for the synthetic corpus: fixed K, no notebooks, outputs inside ``folder``."""
    import yaml

    lda = {"choose_k": False, "k": k, "n_jobs": workers, "backend": backend}
    if backend == "partitioned":
        lda.update(alpha="symmetric", eta="symmetric")
    if passes:
        lda["passes"] = passes
    if iterations:
        lda["iterations"] = iterations
    cfg = {"seed": 20240601,
           "ingest": {"inputs": [{"path": str(corpus), "name": "synthetic", "genre": "讲话", "text_field": "text",
                                  "id_field": "id", "title_field": "title", "date_field": "date",
                                  **({"glob": "*.jsonl"} if corpus.is_dir() else {})}]},
           "segment": {"workers": workers}, "lda": lda, "report": {"execute_notebooks": False},
           "output": {"interim": str(folder / "interim"), "processed": str(folder / "processed"),
                      "reports": str(folder / "reports")}}
    path = folder / f"config_w{workers}.yaml"
    path.write_text(yaml.safe_dump(cfg, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


class RssPoller(threading.Thread):
    """Samples (time, main RSS, tree RSS) of a process and its descendants every ``interval`` s."""

    def __init__(self, pid: int, interval: float = 0.1):
        super().__init__(daemon=True)
        self.pid, self.interval, self.samples, self.stop = pid, interval, [], threading.Event()

    def run(self) -> None:
        import psutil

        try:
            proc = psutil.Process(self.pid)
        except psutil.NoSuchProcess:
            return
        while not self.stop.is_set():
            try:
                main = proc.memory_info().rss
                tree = main
                for child in proc.children(recursive=True):
                    try:
                        tree += child.memory_info().rss
                    except psutil.Error:
                        pass
            except psutil.Error:
                break
            self.samples.append((time.perf_counter(), main, tree))
            time.sleep(self.interval)


def timed_run(config: Path, log: Path, src: Path = REPO / "src", cache: bool = False, fresh: bool = True) -> dict:
    """``speechtopics run --no-notebooks --no-cache`` in a child process (the package in ``src``): per-stage
    wall time and peak RSS. With ``cache``, the run stores its stages in a fresh interim folder instead
    (every stage computed and written: the cost of the stored partitions), or, without ``fresh``, in the
    interim folder an earlier run left (what a run after documents were added costs)."""
    cmd = [sys.executable, "-m", "speechtopics.cli", "run", "--config", str(config), "--no-notebooks"]
    if not cache:
        cmd.append("--no-cache")
    elif fresh:
        shutil.rmtree(config.parent / "interim", ignore_errors=True)
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "PYTHONPATH": str(src)}
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
    poller = RssPoller(proc.pid)
    poller.start()
    marks, lines = [("start", t0)], []
    for line in proc.stdout:
        lines.append(line.rstrip("\n"))
        word = line.split(" ", 1)[0]
        if word in STAGES:
            marks.append((word, time.perf_counter()))
            peak = max((m for _, m, _ in poller.samples), default=0) / 1e9
            print(f"    [{marks[-1][1] - t0:7.1f} s, peak RSS so far {peak:.2f} GB] {line.rstrip()}", flush=True)
    rc = proc.wait()
    marks.append(("tables", time.perf_counter()))
    poller.stop.set()
    poller.join()
    log.write_text("\n".join(lines) + "\n", encoding="utf-8")
    if rc != 0:
        raise SystemExit(f"speechtopics run exited {rc}; see {log}")
    tokens = next(int(re.search(r"([\d,]+) substantive tokens", x).group(1).replace(",", ""))
                  for x in lines if x.startswith("corpus "))
    stages = []
    for (_, a), (name, b) in zip(marks[:-1], marks[1:]):
        s = [(m, t) for when, m, t in poller.samples if a <= when <= b] or [(0, 0)]
        stages.append({"stage": name, "wall_s": b - a, "main_gb": max(m for m, _ in s) / 1e9,
                       "tree_gb": max(t for _, t in s) / 1e9, "tokens_per_s": tokens / max(b - a, 1e-9)})
    peak_main = max((m for _, m, _ in poller.samples), default=0) / 1e9
    peak_tree = max((t for _, _, t in poller.samples), default=0) / 1e9
    return {"stages": stages, "wall_s": marks[-1][1] - t0, "peak_main_gb": peak_main, "peak_tree_gb": peak_tree,
            "tokens": tokens, "lines": lines}


def print_run(size: int, workers: int, info: dict, corpus_mb: float) -> None:
    print(f"\n{size:,} documents ({corpus_mb:.0f} MB JSONL), {workers} worker(s): {info['wall_s']:.1f} s, "
          f"peak RSS {info['peak_main_gb']:.2f} GB main / {info['peak_tree_gb']:.2f} GB process tree, "
          f"{info['tokens']:,} substantive tokens, {info['wall_s'] / size * 1000:.2f} ms per document")
    print(f"  {'stage':8s} {'wall s':>8s} {'main GB':>8s} {'tree GB':>8s} {'tokens/s':>10s}")
    for s in info["stages"]:
        print(f"  {s['stage']:8s} {s['wall_s']:8.1f} {s['main_gb']:8.2f} {s['tree_gb']:8.2f} {s['tokens_per_s']:10,.0f}")


def compare_libraries(config: Path, k: int) -> list[dict]:
    """gensim LdaModel, LdaMulticore(workers=2), tomotopy (1 and 2 workers), each fitted twice on the run's
    units; wall time of the first fit and whether the two fits are the same topic-word bytes."""
    from gensim.models import LdaModel, LdaMulticore

    from speechtopics.config import load_config
    from speechtopics.project import Project

    cfg = load_config(config)
    project = Project(cfg)
    c = project.corpus
    bow, dictionary = c["bow"], c["dictionary"]
    id2word = {i: dictionary[i] for i in range(len(dictionary))}
    lda = cfg.lda
    common = dict(id2word=id2word, num_topics=k, passes=lda.passes, iterations=lda.iterations,
                  chunksize=lda.chunksize, random_state=cfg.seed, eval_every=None, dtype=np.float64)
    fits = {"gensim LdaModel": lambda: LdaModel(bow, alpha="symmetric", eta="symmetric", **common).get_topics(),
            "gensim LdaMulticore(workers=2)": lambda: LdaMulticore(bow, workers=2, alpha="symmetric", eta="symmetric",
                                                                   **common).get_topics()}
    try:
        import tomotopy as tp
    except ImportError:
        tp = None
    if tp is not None:
        vocab = set(dictionary.token2id)
        docs = [[t for t in u["tokens"] if t in vocab] for u in c["units"]]

        def tomo(workers: int):
            m = tp.LDAModel(k=k, seed=cfg.seed)
            for d in docs:
                if d:
                    m.add_doc(d)
            m.train(lda.iterations, workers=workers)
            return np.stack([m.get_topic_word_dist(t) for t in range(k)])
        fits["tomotopy LDAModel(workers=1)"] = lambda: tomo(1)
        fits["tomotopy LDAModel(workers=2)"] = lambda: tomo(2)
    n_tokens = sum(n for d in bow for _, n in d)
    print(f"\nlibraries on the run's {len(bow):,} units, {len(dictionary):,} terms, {n_tokens:,} tokens, K={k}, "
          f"passes={lda.passes}, iterations={lda.iterations} (tomotopy: {lda.iterations} Gibbs sweeps)")
    rows = []
    for name, fit in fits.items():
        t = time.perf_counter()
        first = fit()
        secs = time.perf_counter() - t
        same = first.tobytes() == fit().tobytes()
        rows.append({"library": name, "wall_s": secs, "tokens_per_s": n_tokens * lda.passes / secs, "identical": same})
        print(f"  {name:32s} {secs:8.1f} s  two runs identical: {same}")
    return rows


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,10000,100000", help="documents per corpus, comma-separated")
    ap.add_argument("--k", type=int, default=20)
    ap.add_argument("--workers", default="1,2", help="worker counts to run each size with (segment.workers, lda.n_jobs)")
    ap.add_argument("--backend", default="gensim", choices=("gensim", "partitioned"), help="lda.backend")
    ap.add_argument("--passes", type=int, default=None, help="lda.passes (default: the config's)")
    ap.add_argument("--iterations", type=int, default=None, help="lda.iterations (default: the config's)")
    ap.add_argument("--compare", action="store_true", help="also time gensim / tomotopy on the same tokens")
    ap.add_argument("--seed", type=int, default=20240601)
    ap.add_argument("--out", type=Path, default=REPO / "data" / "interim" / "bench_scale")
    ap.add_argument("--json", type=Path, default=None, help="write every measurement to this JSON file")
    ap.add_argument("--cache", action="store_true",
                    help="run with the cache on, in a fresh interim folder (stages written as stored partitions)")
    ap.add_argument("--add", type=int, default=0,
                    help="with --cache: then insert this many new speeches in the middle of the corpus and run "
                         "again on the stored stages (what adding documents recomputes)")
    ap.add_argument("--src", type=Path, default=REPO / "src",
                    help="the speechtopics sources the runs use (another checkout's src: a before/after comparison)")
    args = ap.parse_args(argv)
    results = []
    for size in [int(s) for s in args.sizes.split(",")]:
        folder = args.out / f"n{size}"
        corpus = folder / "speeches.jsonl"
        info = write_corpus(corpus, size, args.seed)
        mb = info["bytes"] / 1e6
        runs = {}
        for workers in [int(w) for w in args.workers.split(",")]:
            if args.cache and args.add:  # the same speeches in two files, so that a third can land between them
                corpus = split_corpus(folder / "speeches.jsonl")
            config = write_config(folder, corpus, args.k, workers, args.backend, args.passes, args.iterations)
            run = timed_run(config, folder / f"run_w{workers}.log", args.src, args.cache)
            print_run(size, workers, run, mb)
            runs[workers] = run
            results.append({"documents": size, "corpus_bytes": info["bytes"], "workers": workers,
                            **{k: v for k, v in run.items() if k != "lines"}})
            if args.cache and args.add:
                at = add_documents(corpus, args.add, args.seed)
                again = timed_run(config, folder / f"run_w{workers}_added.log", args.src, cache=True, fresh=False)
                print(f"\n  then {args.add:,} speeches added after speech {at:,} (a file read between the two "
                      "halves), run again on the stored stages:")
                print_run(size + args.add, workers, again, sum(f.stat().st_size for f in corpus.iterdir()) / 1e6)
                for line in again["lines"]:
                    if line.split(" ", 1)[0] in ("clean", "segment", "corpus"):
                        print(f"    {line}")
                results.append({"documents": size + args.add, "added": args.add, "workers": workers,
                                **{k: v for k, v in again.items() if k != "lines"}})
                (corpus / "part-2.jsonl").unlink()  # the next worker count starts from the same corpus
        if 1 in runs and 2 in runs:
            one, two = runs[1], runs[2]
            per = "; ".join(f"{a['stage']} {a['wall_s'] / max(b['wall_s'], 1e-9):.2f}x"
                            for a, b in zip(one["stages"], two["stages"]))
            print(f"  2 workers vs 1: {one['wall_s'] / two['wall_s']:.2f}x overall; {per}")
        if args.compare:
            config = write_config(folder, corpus, args.k, max(runs), args.backend, args.passes, args.iterations)
            results.append({"documents": size, "libraries": compare_libraries(config, args.k)})
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
