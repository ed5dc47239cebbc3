"""Time the embedding notebook's work on the bundled corpus (target: ≤ 5 minutes on 2 cores).

Runs what ``notebooks/03-embeddings.py`` computes -- speech vectors, clusters, c-TF-IDF labels, the
2-D map (PNG/PDF and HTML into a temporary folder), word neighbours, and the LDA agreement tables --
with the embedding stage uncached (upstream stages may come from the cache; LDA is timed separately).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path


def main() -> int:
    from speechtopics.models import embedding_analysis as ea
    from speechtopics.project import Project
    from speechtopics.report import embedding_figures as ef
    from speechtopics.report.style import save_figure

    t0 = time.perf_counter()
    pipe = Project()
    docs = pipe.segmented
    t_up = time.perf_counter() - t0
    out = Path(tempfile.mkdtemp())
    t1 = time.perf_counter()
    res = ea.embed_speeches(docs, pipe.config)
    ea.cluster_table(res, docs)
    save_figure(ef.plot_cluster_map(res.coords, res.labels, res.centre_labels()), "bench_map", out_dir=out)
    ef.save_cluster_map_html(ef.cluster_map_html(res.coords, res.labels, res.titles, res.centre_labels()),
                             "bench_map", out_dir=out)
    ea.word_neighbour_table([d["tokens"] for d in docs], pipe.config)
    t_emb = time.perf_counter() - t1
    t2 = time.perf_counter()
    run = pipe.lda()
    t_lda = time.perf_counter() - t2
    ids, shares, lab = ea.lda_speech_clusters(pipe.corpus["units"], run.theta)
    agree = ea.lda_agreement(res, ids, shares, lab)
    total = time.perf_counter() - t0
    print(f"speeches: {len(docs)}; steps {', '.join(f'{k} {v:.1f}s' for k, v in res.seconds.items())}")
    print(f"upstream (segment, cached or not): {t_up:.1f}s; embedding work: {t_emb:.1f}s; "
          f"LDA (cached or not): {t_lda:.1f}s; total {total:.1f}s (target ≤ 300s)")
    print(agree["summary"].to_string(index=False))
    return 0 if total <= 300 else 1


if __name__ == "__main__":
    sys.exit(main())
