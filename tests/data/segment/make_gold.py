"""Rebuild ``gold_terms.tsv``: political terms and formulas, each in a real sentence of the corpus.

Run from the repository root: ``.venv/bin/python tests/data/segment/make_gold.py``. Terms come from
``gold_seed.txt`` (one per line, ``term<TAB>source-note``); each is placed in the first sentence of the
bundled corpus (data/raw, plus the validation data folder when present) that contains it. Terms with no corpus
sentence keep the hand-written sentence given after a second tab in the seed (source ``hand``).
"""

from __future__ import annotations

import csv
import json
import re
import os
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]
SHARED = Path(os.environ.get("SPEECHTOPICS_VALIDATION_DATA", Path(__file__).resolve().parents[3].parent / "shared" / "data"))
SENT = re.compile(r"[^。！？；\n]{4,}[。！？；]?")


def corpus() -> list[tuple[str, str]]:
    """``(source, text)`` of the corpus files, in a fixed order."""
    out = []
    for p in sorted((REPO / "data/raw/gwr_national_wikisource").glob("*.jsonl")):
        for i, line in enumerate(p.read_text(encoding="utf-8").splitlines()):
            out.append((f"{p.name}#{i}", json.loads(line).get("content") or ""))
    for p in sorted((REPO / "data/raw/xi_speeches_2013_2016").glob("*.txt")):
        out.append((p.name, p.read_text(encoding="utf-8-sig")))
    for p in sorted((REPO / "data/raw/sample_pages").glob("*.txt")):
        out.append((p.name, p.read_text(encoding="utf-8")))
    if (SHARED / "xinwenlianbo_sample").exists():
        for p in sorted((SHARED / "xinwenlianbo_sample").glob("*.md"))[::4]:
            out.append((f"xinwenlianbo/{p.name}", re.sub(r"<[^>]+>", "", p.read_text(encoding="utf-8"))))
    return out


def longer_words(terms: list[str]) -> dict[str, list[str]]:
    """For each term, the longer dictionary words (jieba's dictionary, the lexicon) that contain it.

    A sentence is only used for a term when the term occurs there outside all of those, so the gold list
    tests the term itself and not a longer word that rightly swallows it (中国特色社会主义思想).
    """
    import jieba

    tok = jieba.Tokenizer()
    tok.initialize()
    lexicon = REPO / "src/speechtopics/resources/lexicon/political_terms.tsv"
    lex = [line.split("\t")[0] for line in lexicon.read_text(encoding="utf-8").splitlines()[1:]]
    wanted = set(terms)
    out: dict[str, list[str]] = {t: [] for t in terms}
    for w in list(tok.FREQ) + lex:
        if len(w) > 30:
            continue
        for i in range(len(w)):
            for j in range(i + 2, len(w) + 1):
                if (j - i) < len(w) and w[i:j] in wanted:
                    out[w[i:j]].append(w)
    return {t: sorted(set(ws), key=len, reverse=True) for t, ws in out.items()}


def free_occurrence(term: str, sentence: str, longer: list[str]) -> bool:
    """``term`` occurs in ``sentence`` outside every longer word."""
    for w in longer:
        sentence = sentence.replace(w, "\x00")
    return term in sentence


def window(sentence: str, term: str, width: int = 160) -> str:
    """At most ``width`` characters of ``sentence`` around the first free occurrence of ``term``."""
    if len(sentence) <= width:
        return sentence
    i = max(0, sentence.index(term) - width // 2)
    return sentence[i : i + width]


def main() -> None:
    docs = corpus()
    seeds = [ln for ln in (HERE / "gold_seed.txt").read_text(encoding="utf-8").splitlines()
             if ln.strip() and not ln.startswith("#")]
    longer = longer_words([ln.split("\t")[0] for ln in seeds])
    rows = []
    for line in seeds:
        term, note, *hand = line.split("\t") + [""]
        sentence, source = hand[0].strip(), "hand"
        if sentence.startswith("!"):  # a corpus sentence would only contain the term as a false substring
            rows.append((term, sentence[1:], "hand", note))
            continue
        for name, text in docs:
            if term in text:
                m = next((m for m in SENT.finditer(text)
                          if term in m.group() and free_occurrence(term, m.group(), longer[term])), None)
                if m:
                    sentence, source = window(m.group().strip(), term), f"corpus:{name}"
                    break
        if sentence:
            rows.append((term, sentence, source, note))
        else:
            print("no sentence:", term)
    with open(HERE / "gold_terms.tsv", "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(["term", "sentence", "source", "kind"])
        w.writerows(rows)
    print(len(rows), "gold rows")


if __name__ == "__main__":
    main()
