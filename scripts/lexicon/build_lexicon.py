"""Build ``political_terms.tsv``, the user dictionary of the segment stage.

Run from the repository root: ``.venv/bin/python scripts/lexicon/build_lexicon.py``.

Sources, in order of precedence (the first source of a term is kept):

1. ``hand_terms.txt`` - hand-curated terms of official discourse, source ``hand:<category>``.
2. ``formulaic.txt`` - officialese words jieba's dictionary lacks (同志们), source ``formulaic``, so
   they come out whole and can be routed to the formulaic layer.
3. ``promoted.tsv`` - corpus-discovered terms promoted after review (``speechtopics lexicon promote``),
   and the blind curated lists of rounds 3 and 4 (``source = curated:local_round3.tsv``, ``curated:local_round4.tsv``).
4. THUOCL (thunlp/THUOCL, MIT, commit a30ce79d895d01ab5132a5c74c29703ff7efb4cc), read from
   ``$THUOCL_DIR`` (default: ``shared/data/thuocl`` beside the repository) when present:
   ``caijing`` (finance/economy) and ``law`` terms that jieba's dictionary lacks, and from ``diming``
   only names of administrative divisions (ending in 省/市/县/区/州/盟/旗/镇/乡, at least 3 characters).
   Without the THUOCL folder the THUOCL rows of the existing TSV are kept as they are.

Each term gets the jieba frequency it needs to beat its own split in jieba's default dictionary
(``Tokenizer.suggest_freq``), raised to a floor, so both backends keep it whole.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
HERE = REPO / "src" / "speechtopics" / "resources" / "lexicon"  # the bundled lexicon files
OUT = HERE / "political_terms.tsv"
THUOCL = Path(os.environ.get("THUOCL_DIR", REPO.parent / "shared" / "data" / "thuocl"))
THUOCL_COMMIT = "a30ce79d895d01ab5132a5c74c29703ff7efb4cc"
HAN = re.compile(r"^[\u4e00-\u9fff]+$")
ADMIN_SUFFIX = ("省", "市", "县", "区", "州", "盟", "旗", "镇", "乡")
# Endings that look administrative but name something else (超市, 小区, 景区 ...).
NOT_ADMIN = ("超市", "城市", "门市", "股市", "夜市", "集市", "社区", "小区", "园区", "景区", "街区", "城区", "示范区", "保税区")


def is_division(w: str) -> bool:
    """An administrative-division name, not a compound like 河北省唐山市 (split those instead)."""
    if len(w) < 3 or not HAN.match(w) or not w.endswith(ADMIN_SUFFIX) or w.endswith(NOT_ADMIN):
        return False
    return not any(w[i - 1] in "省市州县" and len(w) - i >= 2 for i in range(2, len(w) - 1))
# ``curated`` (blind curated lists, round 3) takes the rule of corpus-reviewed terms: reviewed, but not
# placed in context by hand.
FLOOR = {"hand": 20000, "formulaic": 2000, "corpus": 5000, "curated": 5000, "thuocl": 300}
FACTOR = {"hand": 20, "formulaic": 2, "corpus": 10, "curated": 10, "thuocl": 2}


def read_hand(path: Path) -> list[tuple[str, str]]:
    """``(term, source)`` from the categorised hand list."""
    out, category = [], "misc"
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("##"):
            category = line.strip("# ").strip()
            continue
        term = line.split("#", 1)[0].strip()
        if term:
            out.append((term, f"hand:{category}"))
    return out


def read_formulaic(path: Path) -> list[str]:
    """Words of the formulaic list (one per line, '#' comments)."""
    words = (line.split("#", 1)[0].strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [w for w in words if len(w) >= 2]


def read_promoted(path: Path) -> list[tuple[str, str]]:
    """``(term, source)`` rows promoted from corpus discovery."""
    if not path.exists():
        return []
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if cols and cols[0] and cols[0] != "term" and not line.startswith("#"):
            rows.append((cols[0].strip(), cols[1].strip() if len(cols) > 1 else "corpus"))
    return rows


def read_thuocl(name: str) -> list[str]:
    """Words of one THUOCL list (universal newlines: diming has a BOM and CR-only line ends)."""
    path = THUOCL / f"THUOCL_{name}.txt"
    with open(path, encoding="utf-8-sig", newline=None) as fh:
        return [line.split("\t")[0].strip() for line in fh if line.strip()]


def thuocl_terms(known: set[str]) -> list[tuple[str, str]]:
    """THUOCL caijing/law words jieba lacks, plus administrative-division names from diming."""
    rows = []
    for name in ("caijing", "law"):
        for w in read_thuocl(name):
            if len(w) >= 3 and HAN.match(w) and w not in known:
                rows.append((w, f"thuocl:{name}@{THUOCL_COMMIT[:7]}"))
    for w in read_thuocl("diming"):
        if is_division(w) and w not in known:
            rows.append((w, f"thuocl:diming@{THUOCL_COMMIT[:7]}"))
    return rows


def existing_thuocl_rows() -> list[tuple[str, str]]:
    """THUOCL rows of the current TSV (used when the THUOCL folder is not available)."""
    if not OUT.exists():
        return []
    rows = []
    for line in OUT.read_text(encoding="utf-8").splitlines()[1:]:
        cols = line.split("\t")
        if len(cols) >= 4 and cols[3].startswith("thuocl:"):
            rows.append((cols[0], cols[3]))
    return rows


def frequency(tok, term: str, source: str) -> int:
    """Frequency that keeps ``term`` whole in jieba's default dictionary, at least the source's floor."""
    kind = source.split(":")[0]
    return max(tok.suggest_freq(term, tune=False) * FACTOR.get(kind, 2), FLOOR.get(kind, 300))


def main() -> int:
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    tok.initialize()
    in_jieba = {w for w, f in tok.FREQ.items() if f > 0}
    rows = read_hand(HERE / "hand_terms.txt")
    rows += [(w, "formulaic") for w in read_formulaic(HERE / "formulaic.txt") if w not in in_jieba]
    rows += read_promoted(HERE / "promoted.tsv")
    if THUOCL.exists():
        rows += thuocl_terms(in_jieba | {t for t, _ in rows})
    else:
        print(f"{THUOCL}: not found; keeping THUOCL rows of {OUT.name}", file=sys.stderr)
        rows += existing_thuocl_rows()
    seen: set[str] = set()
    lines = ["term\tfreq\tpos\tsource"]
    for term, source in rows:
        if term in seen:
            continue
        seen.add(term)
        pos = "ns" if source.startswith("thuocl:diming") else "nz"
        lines.append(f"{term}\t{frequency(tok, term, source)}\t{pos}\t{source}")
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(lines) - 1} entries")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
