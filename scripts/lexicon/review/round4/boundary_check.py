"""Round 4, after the gold measurement: take out curated terms that cut across a word in most of their uses.

Run from the repository root: ``.venv/bin/python scripts/lexicon/review/round4/boundary_check.py [SOURCE]
[--dry-run]`` (SOURCE: ``curated:local_round4.tsv`` by default; another round's source writes its list into
that round's folder; ``--dry-run`` writes the list and changes no lexicon file).

A tester reading runs on other corpora found round-4 terms that, at their lexicon frequency, beat a word of
jieba's dictionary at an overlap and leave one stray character behind (其他直接责任人员 → 直接责任人 | 员,
省地方金融监管局 → 地方金融监管 | 局, 精神文明创建 → 精神 | 文明创建). The rule, stated before it ran: on
the mining half's clean texts and the bundled corpus's paragraphs (no gold-half document), an occurrence of
a round-4 term is *stray* when, at one of its edges, the neighbouring token is a single Han character and
the segmentation without round 4 had a word across that edge, a word of jieba's dictionary or of the
lexicon (not a string jieba's HMM joined: a first run counted those and took out 央企, right in its uses). A term is taken out of ``promoted.tsv`` when at
least 2 of its occurrences, and at least half of them, are stray. The lexicon is rebuilt once; the terms
taken out are written to ``boundary_conflicts.tsv`` with their counts. Only those texts are read.
"""

from __future__ import annotations

import collections
import re
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[4]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "scripts" / "lexicon"))
LEXICON = REPO / "src" / "speechtopics" / "resources" / "lexicon"
ARGS = [a for a in sys.argv[1:] if not a.startswith("--")]
SOURCE = ARGS[0] if ARGS else "curated:local_round4.tsv"
DRY = "--dry-run" in sys.argv
HERE = Path(__file__).resolve().parents[1] / SOURCE.split("local_")[-1].removesuffix(".tsv")
HAN = re.compile(r"[\u4e00-\u9fff]")


def spans(chain, text: str) -> tuple[str, list[tuple[int, int]]]:
    """The text after the chain's character filters and the (start, end) of each of its tokens."""
    for f in chain.char_filters:
        text = f(text)
    out, pos = [], 0
    for t in chain.tokenizer(text):
        at = text.find(t.word, pos)
        if at < 0:
            continue
        out.append((at, at + len(t.word)))
        pos = at + len(t.word)
    return text, out


def main() -> int:
    from phrase_design import half_texts, national_texts

    import jieba

    from speechtopics.segment import SegmentConfig
    from speechtopics.segment.chain import build_chain

    rows = (LEXICON / "political_terms.tsv").read_text(encoding="utf-8").splitlines()
    terms = {r.split("\t")[0] for r in rows[1:] if r.endswith("\t" + SOURCE)}
    with tempfile.TemporaryDirectory() as tmp:
        before = Path(tmp) / "without_round4.tsv"
        before.write_text("\n".join(r for r in rows if not r.endswith("\t" + SOURCE)) + "\n", encoding="utf-8")
        old = build_chain(SegmentConfig(workers=1, cache=False, user_lexicons=(str(before),)))
        new = build_chain(SegmentConfig(workers=1, cache=False))
        words = jieba.Tokenizer()
        words.initialize()
        known = {r.split("\t")[0] for r in rows[1:] if not r.endswith("\t" + SOURCE)}
        seen, stray = collections.Counter(), collections.Counter()
        for paragraph in half_texts("mining") + national_texts():
            text, cut = spans(new, paragraph)
            _, was = spans(old, paragraph)
            if cut == was:
                for a, b in cut:
                    if text[a:b] in terms:
                        seen[text[a:b]] += 1
                continue
            crossed = {x for a, b in was if text[a:b] in known or words.FREQ.get(text[a:b], 0) > 0
                       for x in range(a + 1, b)}  # positions inside a listed word of the old segmentation
            for i, (a, b) in enumerate(cut):
                term = text[a:b]
                if term not in terms:
                    continue
                seen[term] += 1
                left = i > 0 and cut[i - 1][1] - cut[i - 1][0] == 1 and HAN.match(text[a - 1]) and a in crossed
                right = i + 1 < len(cut) and cut[i + 1][1] - cut[i + 1][0] == 1 and HAN.match(text[b]) and b in crossed
                stray[term] += bool(left or right)
    out = sorted(t for t in stray if stray[t] >= 2 and stray[t] >= seen[t] / 2)
    with open(HERE / ("boundary_candidates.tsv" if DRY else "boundary_conflicts.tsv"), "w", encoding="utf-8") as fh:
        fh.write("term\toccurrences\tstray\n")
        fh.writelines(f"{t}\t{seen[t]}\t{stray[t]}\n" for t in out)
    if DRY:
        print(f"{len(out)} {SOURCE} terms would be taken out (of {len(seen)} seen): {', '.join(out)}")
        return 0
    promoted = (LEXICON / "promoted.tsv").read_text(encoding="utf-8").splitlines()
    keep = [ln for ln in promoted if not (ln.endswith("\t" + SOURCE) and ln.split("\t")[0] in out)]
    (LEXICON / "promoted.tsv").write_text("\n".join(keep) + "\n", encoding="utf-8")
    subprocess.run([sys.executable, str(REPO / "scripts" / "lexicon" / "build_lexicon.py")], check=True)
    print(f"{len(out)} {SOURCE} terms taken out (of {len(seen)} seen): {', '.join(out)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
