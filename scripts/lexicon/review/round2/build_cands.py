"""Round 2's review list: mining-half candidates the current segmenter does not keep as one token.

Run from the repository root, on the lexicon before round 2's promotion, after
``speechtopics lexicon discover data/interim/local/hebei_mining_clean.jsonl
data/interim/local/xwlb_mining_clean.jsonl --top 5000 --out scripts/lexicon/review/round2/discover_mining.tsv``:
``.venv/bin/python scripts/lexicon/review/round2/build_cands.py`` writes ``to_review.tsv`` (the union of
those candidates and the mining half's n-gram candidates, ``design_local_candidates.tsv``, ordered by
frequency; terms already one token are left out).
"""
import csv, sys
sys.path.insert(0, "src")
from speechtopics.segment import SegmentConfig
from speechtopics.segment.chain import build_chain
chain = build_chain(SegmentConfig(workers=1, cache=False))
def rows(p):
    with open(p, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))
cands = {}
for r in rows("tests/data/segment/design_local_candidates.tsv"):
    cands.setdefault(r["term"], int(r["freq"]))
for r in rows("scripts/lexicon/review/round2/discover_mining.tsv"):
    cands.setdefault(r["term"], int(r["freq"]))
out = []
whole = 0
for t, f in cands.items():
    toks = [x.word for x in chain.tokens(t)]
    if len(toks) <= 1:
        whole += 1; continue
    out.append((t, f, "/".join(toks)))
print("union", len(cands), "already one token", whole, "to review", len(out))
out.sort(key=lambda x: (-x[1], x[0]))
with open("scripts/lexicon/review/round2/to_review.tsv", "w", encoding="utf-8") as fh:
    fh.write("term\tfreq\tsegmented_now\n")
    for t, f, s in out: fh.write(f"{t}\t{f}\t{s}\n")
