"""Draw the third held-out set (``half == heldout3``) of validation_paragraphs.csv.

Run once, after the coding guide's tie-break rules were sharpened and before the scorer was changed or run
on these rows; prints the candidate rows as CSV (labels were then added by hand against coding_guide.md).
Paragraph numbering as in the first two draws: non-empty lines of the raw text, stripped. Only documents
with no paragraph in tune/heldout/heldout2 are used: the government work reports left free (no 1950s or
2020s report is free, so the 1970s-80s period gives three), and the domestic Xi speeches not used before.
The sample pages are exhausted; county-style paragraphs written for this set are added separately
(``source == synthetic``).

    .venv/bin/python scripts/rhetoric/draw_heldout3.py > /tmp/heldout3_candidates.csv
"""

import csv
import glob
import json
import os
import random
import re
import sys

import opencc

ROOT = os.path.join(os.path.dirname(__file__), "..", "..")
SEED = 20240601 + 3  # the config seed, offset so this draw differs from the first two
GWR_GROUPS = {"1970s-80s": (range(1970, 1990), 3), "1990s": (range(1990, 2000), 2),
              "2000s": (range(2000, 2010), 2), "2010s": (range(2010, 2020), 2)}  # period -> (years, reports)
XI_DOMESTIC = ("共圆中华民族伟大复兴|澳门回归祖国15周年大会|纪念章|反法西斯战争胜利70周年大会|劳动模范|优秀青年|群众路线|欧美同学会|毛泽东|全国政协新年茶话会|好老师|南京大屠杀|陈云|优秀县委书记|胡耀邦|"
               "纪律检查|研讨班|哲学社会科学|科技强国|成立95周年|长征|文联|文明家庭|的说明|新年贺词|刘华清|朱德|万里|胡锦涛文选|孙中山")
T2S = opencc.OpenCC("t2s")


def paras(text):
    text = text.replace("\ufeff", "").replace("\r\n", "\n")
    return [re.sub(r"^[\s\u3000]+|[\s\u3000]+$", "", x) for x in text.split("\n") if x.strip(" \u3000\t")]


def main():
    rng = random.Random(SEED)
    labelled = os.path.join(ROOT, "src", "speechtopics", "resources", "rhetoric", "validation_paragraphs.csv")
    old = list(csv.DictReader(open(labelled, encoding="utf-8")))
    used_docs = {r["doc"] for r in old}
    rows = []
    gwr = [json.loads(x) for x in open(os.path.join(ROOT, "data/raw/gwr_national_wikisource/"
                                                    "government_work_reports.jsonl"), encoding="utf-8")]
    reports = {int(d["year"]): d for d in gwr if "决议" not in d["title"]}
    for group, (years, n) in GWR_GROUPS.items():
        free = sorted(y for y in reports if y in years and f"gwr_{y}" not in used_docs)
        for y in sorted(rng.sample(free, n)):
            content = reports[y]["content"].split("本作品是中华人民共和国的")[0]
            ps = [p for p in paras(content) if p != "false" and len(p) >= 12 and "公有领域" not in p]
            mid = [i for i in range(2, len(ps) - 2) if 30 <= len(ps[i]) <= 350]
            for i in sorted({len(ps) - 1, *rng.sample(mid, 5)}):
                rows.append(("gwr", f"gwr_{y}", i, T2S.convert(ps[i]), group))
    files = [f for f in sorted(glob.glob(os.path.join(ROOT, "data/raw/xi_speeches_2013_2016/*.txt")))
             if re.search(XI_DOMESTIC, f) and os.path.basename(f)[:-4][:40] not in used_docs]
    for f in sorted(rng.sample(files, min(11, len(files)))):
        name = os.path.basename(f)[:-4][:40]
        ps = [p for p in paras(open(f, encoding="utf-8").read()) if len(p) >= 25]
        mid = [i for i in range(1, len(ps) - 1) if len(ps[i]) <= 350]
        for i in sorted({len(ps) - 1, *rng.sample(mid, min(5, len(mid)))}):
            rows.append(("xi_speeches", name, i, ps[i], "domestic"))
    w = csv.writer(sys.stdout)
    w.writerow(["source", "doc", "paragraph", "text", "stratum"])
    w.writerows(rows)


if __name__ == "__main__":
    main()
