"""Round 2, step 3: take out promoted round-2 terms that break a term of the national list in its sentence.

Run from the repository root after promoting ``local_round2.tsv`` and rebuilding the lexicon:
``.venv/bin/python scripts/lexicon/review/round2/national_conflicts.py``. For every term of
``tests/data/segment/gold_terms.tsv`` that is not one token in its sentence (rjieba and jieba), each token
overlapping the term's first occurrence that is a round-2 term (``source = corpus:local_round2.tsv``) is
removed from ``promoted.tsv``; the lexicon is rebuilt and the check repeated until no round-2 term breaks a
national term. The removed terms are written to ``national_conflicts.tsv``. Only the national list is read.

Round 3 runs the same check on its own source and file:
``national_conflicts.py curated:local_round3.tsv scripts/lexicon/review/round3/national_conflicts.tsv``.
"""

import csv
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[4]
sys.path.insert(0, str(REPO / "src"))
SOURCE = sys.argv[1] if len(sys.argv) > 1 else "corpus:local_round2.tsv"
OUT = Path(sys.argv[2]) if len(sys.argv) > 2 else Path(__file__).with_name("national_conflicts.tsv")
PROMOTED = REPO / "src" / "speechtopics" / "resources" / "lexicon" / "promoted.tsv"


def round2_terms() -> set[str]:
    return {line.split("\t")[0] for line in PROMOTED.read_text(encoding="utf-8").splitlines()
            if line.endswith("\t" + SOURCE)}


def breakers() -> dict[str, str]:
    """``{round-2 term: national term it breaks}`` with the lexicon as built now (a fresh process)."""
    code = f"""
import csv, json, sys
sys.path.insert(0, {str(REPO / 'src')!r})
from speechtopics.segment import SegmentConfig
from speechtopics.segment.chain import build_chain
rows = list(csv.DictReader(open({str(REPO / 'tests/data/segment/gold_terms.tsv')!r}, encoding='utf-8'), delimiter='\\t'))
out = {{}}
for backend in ('rjieba', 'jieba'):
    chain = build_chain(SegmentConfig(backend=backend, workers=1, cache=False))
    for r in rows:
        if r['term'] in {{t.word for t in chain.tokens(r['sentence'])}}:
            continue
        text = r['sentence']
        for f in chain.char_filters:
            text = f(text)
        start = text.find(r['term']); end = start + len(r['term'])
        pos = 0
        for t in chain.tokenizer(text):
            at = text.find(t.word, pos)
            if at < 0:
                continue
            pos = at + len(t.word)
            if at < end and pos > start:
                out.setdefault(t.word, r['term'])
print(json.dumps(out, ensure_ascii=False))
"""
    import json
    found = json.loads(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                      check=True).stdout)
    mine = round2_terms()
    return {w: t for w, t in found.items() if w in mine}


def main() -> int:
    removed: dict[str, str] = {}
    while True:
        hits = breakers()
        if not hits:
            break
        removed.update(hits)
        lines = PROMOTED.read_text(encoding="utf-8").splitlines()
        keep = [ln for ln in lines if not (ln.endswith("\t" + SOURCE) and ln.split("\t")[0] in hits)]
        PROMOTED.write_text("\n".join(keep) + "\n", encoding="utf-8")
        subprocess.run([sys.executable, str(REPO / "scripts" / "lexicon" / "build_lexicon.py")], check=True)
    with open(OUT, "w", encoding="utf-8") as fh:
        fh.write(("round2_term" if SOURCE.endswith("round2.tsv") else "term") + "\tnational_term\n")
        fh.writelines(f"{w}\t{t}\n" for w, t in sorted(removed.items()))
    print(f"{len(removed)} {SOURCE} terms taken out: {', '.join(sorted(removed))}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
