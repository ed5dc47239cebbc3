"""Choose the settings of the segment stage's phrase step on the *design* list, and measure lists.

Run from the repository root after ``scripts/lexicon/split_local.py`` and ``speechtopics clean`` of the
halves (``data/interim/local/{hebei,xwlb}_{mining,gold}_clean.jsonl``)::

    .venv/bin/python scripts/lexicon/phrase_design.py grid shipped formulaic unfixed
    .venv/bin/python scripts/lexicon/phrase_design.py evaluate design_local.tsv mining
    .venv/bin/python scripts/lexicon/phrase_design.py evaluate gold_terms.tsv raw
    .venv/bin/python scripts/lexicon/phrase_design.py evaluate gold_local.tsv gold     # ONCE
    .venv/bin/python scripts/lexicon/phrase_design.py counts tests/data/segment/phrase_counts_gold.tsv.gz gold

``grid`` learns the phrases of the mining half (the corpus a user would segment) for every setting of
the grid and reports the share of ``tests/data/segment/design_local.tsv`` whole, next to the national
list (``gold_terms.tsv``) with the phrases of the bundled corpus (``data/raw``, cleaned by the project's
own stages). ``evaluate`` measures one list with the frozen method (the segment slice of
``config/default.yaml`` with ``phrases`` on), the phrases learned from the named corpus; on
``gold_local.tsv`` with the gold half as the corpus it is run once, after the settings are frozen.
"""

from __future__ import annotations

import csv
import dataclasses
import gzip
import itertools
import json
import sys
import time
from pathlib import Path

from speechtopics.segment import SegmentConfig
from speechtopics.segment.chain import build_chain
from speechtopics.segment.core import paragraph_texts
from speechtopics.segment.phrases import PhraseCounts, learn

REPO = Path(__file__).resolve().parents[2]
LOCAL = REPO / "data" / "interim" / "local"
SEG = REPO / "tests" / "data" / "segment"


def half_texts(half: str) -> list[str]:
    """Paragraph texts of the kept clean documents of one half (Hebei, then 新闻联播)."""
    out = []
    for name in ("hebei", "xwlb"):
        for line in (LOCAL / f"{name}_{half}_clean.jsonl").read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            if rec.get("status") == "kept":
                out.extend(paragraph_texts(rec))
    return out


def national_texts() -> list[str]:
    """Paragraph texts of the bundled corpus's kept documents, cleaned by the project's stages."""
    from speechtopics.project import Project

    docs = Project(REPO / "config" / "default.yaml", use_cache=False).cleaned
    return [t for d in docs if d.get("status") == "kept" for t in paragraph_texts(d)]


def rows(name: str) -> list[dict]:
    with open(SEG / name, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def whole(chain, gold: list[dict]) -> tuple[float, list[str]]:
    """Share of ``gold`` terms that ``chain.tokens`` returns as one token in their sentence, and the misses."""
    missed = [r["term"] for r in gold if r["term"] not in {t.word for t in chain.tokens(r["sentence"])}]
    return 1 - len(missed) / len(gold), missed


def base_chain(cfg: SegmentConfig, variant: str = "shipped"):
    """The chain of ``cfg`` without phrases; variants of the eligibility rule for the grid:
    ``shipped`` (stopwords, formulaic words, numbered formulas and curated lexicon terms take no part),
    ``formulaic`` (formulaic words take part), ``unfixed`` (curated lexicon terms take part)."""
    chain = build_chain(cfg)
    if variant == "formulaic":
        chain = dataclasses.replace(chain, formulaic=frozenset())
    elif variant == "unfixed":
        chain = dataclasses.replace(chain, fixed_terms=frozenset())
    return chain


def with_phrases(chain, table):
    """``chain`` joining the phrases of ``table`` (fresh memos)."""
    out = dataclasses.replace(chain, phrases=table or None)
    out.__dict__.pop("verdicts", None)
    out.__dict__.pop("eligible_memo", None)
    return out


def counts_of(chain, texts: list[str]) -> PhraseCounts:
    total = PhraseCounts()
    for i in range(0, len(texts), 2000):  # chunks, summed in order: what the stage's tasks do
        total = total + chain.phrase_counts(texts[i : i + 2000], 3)
    return total


def frozen_config(backend: str = "rjieba") -> SegmentConfig:
    """The segment slice of ``config/default.yaml`` with ``phrases`` on (the frozen method)."""
    from speechtopics.config import load_config

    return dataclasses.replace(load_config(REPO / "config" / "default.yaml").segment, phrases=True,
                               backend=backend, workers=1, cache=False)


def grid(*variants: str) -> None:
    """Settings grid on the design list (mining-half corpus) next to the national list (bundled corpus)."""
    design, national = rows("design_local.tsv"), rows("gold_terms.tsv")
    mining, raw = half_texts("mining"), national_texts()
    base = SegmentConfig(workers=1, cache=False)
    plain = build_chain(base)
    print(f"no phrases: design {whole(plain, design)[0]:.3f}, national {whole(plain, national)[0]:.3f}")
    for variant, min_chars in itertools.product(variants or ("shipped",), (1, 2)):
        chain = base_chain(dataclasses.replace(base, phrases=True, phrase_min_chars=min_chars), variant)
        cm, cn = counts_of(chain, mining), counts_of(chain, raw)
        for min_count, thr, max_words in itertools.product((5, 10, 20, 40), (0.0, 0.1, 0.2, 0.3), (2, 3)):
            tm, tn = learn(cm, min_count, thr, max_words), learn(cn, min_count, thr, max_words)
            d, n = whole(with_phrases(chain, tm), design)[0], whole(with_phrases(chain, tn), national)[0]
            print(f"{variant} min_chars {min_chars} min_count {min_count:2d} threshold {thr:.1f} "
                  f"max_words {max_words}: design {d:.3f}  national {n:.3f}  phrases {len(tm)}/{len(tn)}",
                  flush=True)


def counts(out: str, corpus: str) -> None:
    """Write the pruned phrase counts of a corpus (``gold`` half, ``mining`` half or ``raw``, the bundled
    corpus) made with the frozen method's chain: the tables the unit tests read."""
    cfg = frozen_config()
    texts = national_texts() if corpus == "raw" else half_texts(corpus)
    c = counts_of(build_chain(cfg), texts).pruned(cfg.phrase_min_count)
    Path(out).write_bytes(gzip.compress(c.to_tsv().encode("utf-8"), compresslevel=9, mtime=0))
    print(f"{out}: {len(c.pairs)} pairs, {len(c.triples)} triples, {c.total} words")


def evaluate(list_name: str, corpus: str, *backends: str) -> None:
    """Whole share of one list with the frozen method, the phrases learned from ``corpus``, next to the
    plain segmenter (no phrases) on the same list."""
    gold = rows(list_name)
    texts = national_texts() if corpus == "raw" else half_texts(corpus)
    for backend in backends or ("rjieba", "jieba"):
        cfg = frozen_config(backend)
        chain = build_chain(cfg)
        table = learn(counts_of(chain, texts), cfg.phrase_min_count, cfg.phrase_threshold, cfg.phrase_max_words)
        plain, _ = whole(chain, gold)
        rate, missed = whole(with_phrases(chain, table), gold)
        print(f"{list_name} ({len(gold)}), phrases of {corpus} ({len(table)}), {backend}: {rate:.3f} "
              f"({round(rate * len(gold))} whole); without phrases {plain:.3f}")
        print("  missed:", " ".join(missed))


if __name__ == "__main__":
    {"grid": grid, "counts": counts, "evaluate": evaluate}[sys.argv[1]](*sys.argv[2:])
