"""Split the local-governance sources into a *mining* half and a *gold* half (fixed, by document).

Run from the repository root: ``.venv/bin/python scripts/lexicon/split_local.py [SHARED_DATA] [OUT]``
(defaults: ``../shared/data`` beside the repository and ``data/interim/local``).

The rule (also in ``src/speechtopics/resources/lexicon/README.md``):

* ``hebei_gov_policy_docs``: one document per CSV row; its id is the title with all whitespace removed,
  so a document reposted in several files (national policy reposted by 科技厅) falls into one half.
  Rows with under 50 characters of ``内容`` are left out (title plus attachment link only).
* ``xinwenlianbo_sample``: one document per broadcast; its id is the date (``YYYYMMDD``).
* A document goes to the *mining* half when ``sha256("speechtopics-local-split-v1:" + id)`` is even,
  to the *gold* half otherwise.

The lexicon may only be mined from the mining half; ``tests/data/segment/gold_local.tsv`` only comes from
the gold half. Output: ``{hebei,xwlb}_{mining,gold}.jsonl`` with fields ``doc_id, title, text, source``,
read by ``speechtopics clean``.
"""

from __future__ import annotations

import csv
import hashlib
import html
import json
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SALT = "speechtopics-local-split-v1:"
TAG = re.compile(r"<[^>]+>")


def half(doc_id: str) -> str:
    """``mining`` or ``gold`` for a document id (the fixed split rule)."""
    return "mining" if int(hashlib.sha256((SALT + doc_id).encode("utf-8")).hexdigest(), 16) % 2 == 0 else "gold"


def hebei_docs(folder: Path):
    """``(doc_id, title, text, source)`` of the hebei rows with a body of 50+ characters."""
    for path in sorted(folder.glob("*/*.csv")):
        with open(path, encoding="utf-8-sig", newline="") as fh:
            for i, row in enumerate(csv.DictReader(fh)):
                text, title = (row.get("内容") or "").strip(), (row.get("标题") or "").strip()
                if len(text) < 50:
                    continue
                doc_id = re.sub(r"\s+", "", title) or f"{path.parent.name}/{path.name}#{i}"
                yield doc_id, title, text, f"hebei/{path.parent.name}/{path.name}#{i}"


def xwlb_docs(folder: Path):
    """``(doc_id, title, text, source)`` of the xinwenlianbo broadcasts (HTML tags removed)."""
    for path in sorted(folder.glob("*.md")):
        text = html.unescape(TAG.sub("\n", path.read_text(encoding="utf-8")))
        yield path.stem, path.stem, text, f"xinwenlianbo/{path.name}"


def main(argv: list[str]) -> int:
    shared = Path(argv[0]) if argv else REPO.parent / "shared" / "data"
    out = Path(argv[1]) if len(argv) > 1 else REPO / "data" / "interim" / "local"
    out.mkdir(parents=True, exist_ok=True)
    for name, docs in (("hebei", hebei_docs(shared / "hebei_gov_policy_docs")),
                       ("xwlb", xwlb_docs(shared / "xinwenlianbo_sample"))):
        files = {h: open(out / f"{name}_{h}.jsonl", "w", encoding="utf-8") for h in ("mining", "gold")}
        counts = {"mining": 0, "gold": 0}
        seen: set[str] = set()
        for doc_id, title, text, source in docs:
            if doc_id in seen:  # a repost: same id, same half; keep the first copy only
                continue
            seen.add(doc_id)
            h = half(doc_id)
            counts[h] += 1
            files[h].write(json.dumps({"doc_id": doc_id, "title": title, "text": text, "source": source},
                                      ensure_ascii=False) + "\n")
        for fh in files.values():
            fh.close()
        print(f"{name}: mining {counts['mining']}, gold {counts['gold']} documents -> {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
