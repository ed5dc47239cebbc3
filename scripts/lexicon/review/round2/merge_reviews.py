"""Merge the six blind reviews of round 2 into ``local_round2.tsv`` (the file ``lexicon promote`` reads).

Run from the repository root: ``.venv/bin/python scripts/lexicon/review/round2/merge_reviews.py REVIEW_DIR``
where ``REVIEW_DIR`` holds ``chunk_{1..6}.tsv`` (``to_review.tsv`` dealt out row by row) and each reviewer's
``review_{1..6}.tsv`` (``term, accept``). Every term of ``to_review.tsv`` must have exactly one decision.
"""

import csv
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def main(review_dir: Path) -> int:
    decided: dict[str, str] = {}
    for i in range(1, 7):
        chunk = [r["term"] for r in rows(review_dir / f"chunk_{i}.tsv")]
        review = rows(review_dir / f"review_{i}.tsv")
        if [r["term"] for r in review] != chunk:
            raise SystemExit(f"review_{i}.tsv: terms differ from chunk_{i}.tsv")
        for r in review:
            if r["accept"] not in ("y", "n"):
                raise SystemExit(f"review_{i}.tsv: {r['term']}: accept is {r['accept']!r}")
            decided[r["term"]] = r["accept"]
    todo = rows(HERE / "to_review.tsv")
    missing = [r["term"] for r in todo if r["term"] not in decided]
    if missing or len(decided) != len(todo):
        raise SystemExit(f"{len(missing)} terms without a decision, {len(decided)} decided of {len(todo)}")
    with open(HERE / "local_round2.tsv", "w", encoding="utf-8") as fh:
        fh.write("term\tfreq\tsegmented_now\treviewer\taccept\n")
        for n, r in enumerate(todo):
            fh.write(f"{r['term']}\t{r['freq']}\t{r['segmented_now']}\t{n % 6 + 1}\t{decided[r['term']]}\n")
    print(f"{HERE / 'local_round2.tsv'}: {sum(v == 'y' for v in decided.values())} of {len(decided)} accepted")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE))
