"""Round 3, step 2: merge the six blind curated lists into ``local_round3.tsv`` and promote them.

Run from the repository root: ``.venv/bin/python scripts/lexicon/review/round3/merge_curated.py``.
Reads ``curated_{A..F}.tsv`` of this folder (``term<TAB>domain``, as each curator wrote it) and applies
the protocol's mechanical filter only (``docs/experiments.md``, round 3): a term of 2-12 Han characters,
not already a lexicon term (``political_terms.tsv`` before this round, ``formulaic.txt``), not kept whole
by a numbered-formula pattern. Every other term is accepted, whoever else listed it. Writes
``local_round3.tsv`` (``term, domain, curators, in_jieba, accept``) with a ``y`` or the filter's reason,
and appends the accepted terms to ``promoted.tsv`` as ``curated:local_round3.tsv`` (once).
"""

import csv
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[4]
sys.path.insert(0, str(REPO / "src"))
# a later round passes its own folder: ``merge_curated.py scripts/lexicon/review/round4`` reads its
# curated_*.tsv, writes its local_round4.tsv and promotes as curated:local_round4.tsv
HERE = Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else Path(__file__).resolve().parent
LEXICON = REPO / "src" / "speechtopics" / "resources" / "lexicon"
ROUND = HERE.name.removeprefix("round")
SOURCE = f"curated:local_round{ROUND}.tsv"
HAN = re.compile(r"^[\u4e00-\u9fff]{2,12}$")


def curated() -> dict[str, dict]:
    """``{term: {domain, curators}}`` of every list, in the order A..F (the first domain is kept)."""
    out: dict[str, dict] = {}
    for path in sorted(HERE.glob("curated_*.tsv")):
        who = path.stem.split("_")[1]
        for line in path.read_text(encoding="utf-8-sig").splitlines():
            cols = [c.strip() for c in line.split("\t")]
            if not cols[0] or cols[0].startswith("#") or cols[0] == "term":
                continue
            row = out.setdefault(cols[0], {"domain": cols[1] if len(cols) > 1 else "", "curators": []})
            if who not in row["curators"]:
                row["curators"].append(who)
    return out


def reason(term: str, known: set[str], pattern) -> str:
    """Why the filter drops ``term``, or ``y``."""
    from speechtopics.segment.formulas import split_protected

    if not HAN.match(term):
        return "n: not 2-12 Han characters"
    if term in known:
        return "n: already in the lexicon"
    if any(kind and piece == term for piece, kind in split_protected(term, pattern)):
        return "n: a numbered-formula pattern keeps it whole"
    return "y"


def main() -> int:
    import jieba

    from speechtopics.segment.formulas import compile_protector

    promoted = (LEXICON / "promoted.tsv").read_text(encoding="utf-8")
    if f"\t{SOURCE}\n" in promoted:
        raise SystemExit(f"promoted.tsv already holds {SOURCE} rows")
    known = {ln.split("\t")[0] for ln in (LEXICON / "political_terms.tsv").read_text(encoding="utf-8").splitlines()[1:]}
    known |= {ln.split("#", 1)[0].strip() for ln in (LEXICON / "formulaic.txt").read_text(encoding="utf-8").splitlines()}
    tok = jieba.Tokenizer()
    tok.initialize()
    pattern = compile_protector()
    rows = curated()
    accepted = []
    with open(HERE / f"local_round{ROUND}.tsv", "w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh, delimiter="\t", lineterminator="\n")
        out.writerow(["term", "domain", "curators", "in_jieba", "accept"])
        for term, row in rows.items():
            verdict = reason(term, known, pattern)
            out.writerow([term, row["domain"], ",".join(row["curators"]), int(tok.FREQ.get(term, 0) > 0), verdict])
            if verdict == "y":
                accepted.append(term)
    with open(LEXICON / "promoted.tsv", "a", encoding="utf-8") as fh:
        fh.writelines(f"{t}\t{SOURCE}\n" for t in accepted)
    print(f"{len(rows)} distinct curated terms, {len(accepted)} accepted and promoted as {SOURCE}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
