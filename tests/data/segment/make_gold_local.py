"""Build ``gold_local.tsv``: local-governance terms of the *gold* half, each in a real sentence of it.

Run from the repository root, after ``scripts/lexicon/split_local.py`` and ``speechtopics clean`` of the
two gold halves (see ``README.md`` in this folder):

* ``make_gold_local.py candidates`` writes ``gold_local_candidates.tsv``: character n-grams (3-8 Chinese
  characters) of the gold half, at least 5 times, with left and right neighbour-character entropy >= 1.0,
  without n-grams that are a fragment of a longer one (present nearly as often) and without terms of the
  lexicon. Character statistics are used, not the segmenter, so the list is not chosen by what the
  segmenter already splits or keeps. A reviewer marks ``accept`` with ``y`` (or ``n``).
* ``make_gold_local.py candidates mining`` / ``build mining`` do the same on the *mining* half and write
  ``design_local_candidates.tsv`` / ``design_local.tsv``: the design list on which the settings of the
  segment stage's phrase step are chosen (the gold list is for the one measurement only).
* ``make_gold_local.py build`` writes ``gold_local.tsv`` (``term, source_doc, sentence``) from the
  accepted candidates plus ``gold_local_extra.txt`` (terms a reviewer found by reading the gold half).
  Each term gets the first sentence of the gold half where it occurs outside every longer dictionary or
  lexicon word (the rule of ``make_gold.py``). Terms in the lexicon are refused (no overlap).
"""

from __future__ import annotations

import csv
import json
import math
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]
sys.path.insert(0, str(HERE))
from make_gold import SENT, free_occurrence, longer_words, window  # noqa: E402

LOCAL = REPO / "data" / "interim" / "local"
LEXICON = REPO / "src" / "speechtopics" / "resources" / "lexicon" / "political_terms.tsv"
CANDIDATES = HERE / "gold_local_candidates.tsv"
EXTRA = HERE / "gold_local_extra.txt"
OUT = HERE / "gold_local.tsv"
HAN = re.compile(r"[\u4e00-\u9fff]+")


def gold_docs(half: str = "gold") -> list[tuple[str, str]]:
    """``(source_doc, text)`` of the kept documents of one half (``gold`` or ``mining``), in a fixed order."""
    out = []
    for name in ("hebei", "xwlb"):
        raw = [json.loads(x) for x in (LOCAL / f"{name}_{half}.jsonl").read_text(encoding="utf-8").splitlines()]
        for line in (LOCAL / f"{name}_{half}_clean.jsonl").read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            if rec.get("status") != "kept":
                continue
            i = int(rec["source"].rsplit("#line", 1)[1]) - 1
            out.append((raw[i]["source"], rec["text"]))
    return out


def lexicon_terms() -> set[str]:
    return {ln.split("\t")[0] for ln in LEXICON.read_text(encoding="utf-8").splitlines()[1:] if ln}


def _entropy(c: Counter) -> float:
    n = sum(c.values())
    return -sum(v / n * math.log(v / n) for v in c.values()) if n else 0.0


def _files(half: str) -> tuple[Path, Path, Path | None]:
    """Candidates, output and extra-terms files of a half."""
    if half == "gold":
        return CANDIDATES, OUT, EXTRA
    return HERE / "design_local_candidates.tsv", HERE / "design_local.tsv", None


def candidates(half: str = "gold", min_count: int = 5, top: int = 4000) -> None:
    cand_file = _files(half)[0]
    runs = [r for _, text in gold_docs(half) for r in HAN.findall(text)]
    freq: dict[str, int] = {}
    for n in range(3, 9):
        c = Counter(r[i : i + n] for r in runs for i in range(len(r) - n + 1))
        freq.update({g: k for g, k in c.items() if k >= min_count})
    left: dict[str, Counter] = defaultdict(Counter)
    right: dict[str, Counter] = defaultdict(Counter)
    for r in runs:
        for n in range(3, 9):
            for i in range(len(r) - n + 1):
                g = r[i : i + n]
                if g in freq:
                    left[g][r[i - 1] if i else "<s>"] += 1
                    right[g][r[i + n] if i + n < len(r) else "</s>"] += 1
    # a fragment: one character more (left or right) keeps 80 % or more of its occurrences
    ext: Counter = Counter()
    for g2, f2 in freq.items():
        for part in (g2[:-1], g2[1:]):
            ext[part] = max(ext[part], f2)
    lex = lexicon_terms()
    rows = []
    for g, f in freq.items():
        le, re_ = _entropy(left[g]), _entropy(right[g])
        if g in lex or min(le, re_) < 1.0 or ext[g] >= 0.8 * f:
            continue
        rows.append((g, f, le, re_, f * min(le, re_) ** 2))
    rows.sort(key=lambda r: (-r[4], r[0]))
    out = cand_file if not cand_file.exists() else cand_file.with_suffix(".new.tsv")  # keep the review
    with open(out, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(["term", "freq", "left_entropy", "right_entropy", "score", "accept"])
        for g, f, le, re_, s in rows[:top]:
            w.writerow([g, f, f"{le:.3f}", f"{re_:.3f}", f"{s:.1f}", ""])
    print(f"{out}: {min(top, len(rows))} of {len(rows)} candidates")


def build(half: str = "gold") -> None:
    cand_file, out_file, extra = _files(half)
    with open(cand_file, encoding="utf-8", newline="") as fh:
        terms = [r["term"] for r in csv.DictReader(fh, delimiter="\t") if r["accept"].strip().lower() == "y"]
    if extra is not None and extra.exists():
        terms += [t.split("#", 1)[0].strip() for t in extra.read_text(encoding="utf-8").splitlines()]
    terms = [t for t in dict.fromkeys(terms) if t]
    lex = lexicon_terms()
    overlap = [t for t in terms if t in lex]
    if overlap:
        raise SystemExit(f"in the lexicon, not allowed in the gold list: {overlap}")
    docs = gold_docs(half)
    longer = longer_words(terms)
    rows = []
    for term in terms:
        hit = None
        for name, text in docs:
            if term not in text:
                continue
            m = next((m for m in SENT.finditer(text)
                      if term in m.group() and free_occurrence(term, m.group(), longer[term])), None)
            if m:
                hit = (term, name, window(m.group().strip(), term))
                break
        if hit:
            rows.append(hit)
        else:
            print(f"no free occurrence in the {half} half:", term)
    with open(out_file, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(["term", "source_doc", "sentence"])
        w.writerows(rows)
    print(f"{out_file}: {len(rows)} terms")


if __name__ == "__main__":
    {"candidates": candidates, "build": build}[sys.argv[1]](*sys.argv[2:3])
