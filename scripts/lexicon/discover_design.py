"""Compare rankings of ``lexicon discover`` on the design list (mining half of the local sources).

Run from the repository root after ``split_local.py`` and ``speechtopics clean`` of the halves:
``.venv/bin/python scripts/lexicon/discover_design.py``. For each edge rule and score it prints how many
terms of ``tests/data/segment/design_local.tsv`` are among the multi-word candidates at all and in the
top 600 / 1,000 / 2,000 / 4,000 (the numbers in ``docs/experiments.md``). The gold list is not read.
"""

import sys, math, csv, collections, re
sys.path.insert(0,'scripts/lexicon')
from phrase_design import half_texts, rows
from speechtopics.segment import SegmentConfig
from speechtopics.segment.discover import _runs, _entropy
from speechtopics.segment.resources import load_resources
cfg = SegmentConfig(workers=1, cache=False)
res = load_resources(cfg)
texts = half_texts("mining")
design = {r["term"] for r in rows("design_local.tsv")}
uni = collections.Counter(); grams = collections.Counter(); left = collections.defaultdict(collections.Counter); right = collections.defaultdict(collections.Counter)
for words in _runs(texts, cfg):
    uni.update(words)
    for n in (2, 3):
        for i in range(len(words)-n+1):
            g = tuple(words[i:i+n]); grams[g] += 1
            left[g][words[i-1] if i else "<s>"] += 1; right[g][words[i+n] if i+n < len(words) else "</s>"] += 1
total = sum(uni.values())
known = res.lexicon_terms | res.stopwords | res.formulaic
for edge in (2, 1):
    cands = []
    for g, f in grams.items():
        term = "".join(g)
        if f < 5 or term in known or len(g[0]) < edge or len(g[-1]) < edge: continue
        if any(p in res.stopwords for p in g): continue
        pmi = math.log(f * total ** (len(g)-1) / math.prod(uni[p] for p in g))
        le, re_ = _entropy(left[g]), _entropy(right[g])
        if min(le, re_) < 1.0: continue
        npmi = pmi / (-(len(g)-1) * math.log(f/total)) if f < total else 0
        cands.append((term, f, pmi, npmi, min(le, re_)))
    in_any = {c[0] for c in cands} & design
    for name, key in (("pmi*H", lambda c: c[2]*c[4]), ("npmi*H", lambda c: c[3]*c[4]), ("npmi*H*logf", lambda c: c[3]*c[4]*math.log(c[1])), ("logf*H", lambda c: math.log(c[1])*c[4])):
        ranked = [c[0] for c in sorted(cands, key=lambda c: (-key(c), c[0]))]
        hits = {k: len(set(ranked[:k]) & design) for k in (600, 1000, 2000, 4000)}
        prec = {k: len(set(ranked[:k]) & design)/k for k in (1000,)}
        print(f"edge>={edge} {name}: candidates {len(cands)}, design terms among all {len(in_any)}; in top 600/1000/2000/4000: {hits}")
