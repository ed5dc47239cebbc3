"""Rows in, kept and left out by reason, for every input shape a researcher brings.

Builds each shape from real texts the bundled run does not use (``../shared/data``), reads it with
``speechtopics.read_corpus`` exactly as a user would, and prints one Markdown row per shape:

* CSV: ``xi_speeches_2020/all_data.csv`` as received (``Date, Text``; one line per speech);
* XLSX: the same 58 speeches in a workbook with Chinese headers (标题, 日期, 正文) and dates written
  ``2020年1月18日``;
* JSONL: ``gwr_national_wikisource/government_work_reports.jsonl`` (long reports, resolutions);
* DOCX: ten speeches of ``xi_speeches_2013_2016``, one Word file each (python-docx), paragraphs kept;
* PDF: the same ten as text PDFs (matplotlib, the bundled font), plus one scan without a text layer;
* pages: the bundled ``data/raw/sample_pages`` and ``tests/data/pages`` scraped pages (many encodings).

Usage: ``python benchmarks/input_shapes.py [--shared ../shared/data]``. Nothing here is timed.
"""

from __future__ import annotations

import argparse
import re
import tempfile
import textwrap
from collections import Counter
from pathlib import Path

import pandas as pd

REPO = Path(__file__).resolve().parents[1]


def cn_date(iso: str) -> str:
    y, m, d = (int(x) for x in iso[:10].split("-"))
    return f"{y}年{m}月{d}日"


def build(shared: Path, work: Path) -> list[tuple[str, Path, dict]]:
    """The shapes as (name, path, read_corpus keywords)."""
    import docx
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.backends.backend_pdf import PdfPages

    from speechtopics import plots  # noqa: F401  (the bundled CJK font for the PDFs)

    csv = shared / "xi_speeches_2020" / "all_data.csv"
    frame = pd.read_csv(csv)
    xlsx = work / "speeches.xlsx"
    pd.DataFrame({"标题": [t.strip()[:20] for t in frame["Text"]], "日期": [cn_date(d) for d in frame["Date"]],
                  "正文": frame["Text"]}).to_excel(xlsx, sheet_name="讲话", index=False)
    texts = sorted((shared / "xi_speeches_2013_2016").glob("*.txt"))[:10]
    docx_dir, pdf_dir = work / "docx", work / "pdf"
    docx_dir.mkdir()
    pdf_dir.mkdir()
    for f in texts:
        document = docx.Document()
        for line in f.read_text(encoding="utf-8").splitlines():
            document.add_paragraph(line)
        document.save(docx_dir / f"{f.stem}.docx")
        body = f.read_text(encoding="utf-8-sig")  # matplotlib cannot draw a BOM
        lines = [w for para in body.splitlines() for w in textwrap.wrap(para, 38) or [""]]
        # whole A4 pages: the report style crops a saved figure to its text, which would lose the
        # page's margins and foot that the PDF reader reads paragraphs by
        with matplotlib.rc_context({"savefig.bbox": "standard"}), \
                PdfPages(pdf_dir / f"{f.stem}.pdf", metadata={"CreationDate": None}) as pdf:
            for start in range(0, len(lines), 45):
                fig = plt.figure(figsize=(8.27, 11.69))
                for i, line in enumerate(lines[start:start + 45]):
                    if line.strip():
                        fig.text(0.06, 0.96 - i * 0.021, line, fontsize=10)
                pdf.savefig(fig)
                plt.close(fig)
    fig = plt.figure(figsize=(3, 3))
    plt.imshow([[0, 1], [1, 0]])
    plt.axis("off")
    fig.savefig(pdf_dir / "scan.pdf")
    plt.close(fig)
    return [("CSV (all_data.csv: Date, Text)", csv, {"text": "Text", "date": "Date"}),
            ("XLSX (标题, 日期, 正文; 2020年1月18日)", xlsx, {"text": "正文", "title": "标题", "date": "日期"}),
            ("JSONL (government work reports)", shared / "gwr_national_wikisource" / "government_work_reports.jsonl",
             {"text": "content", "title": "title"}),
            ("DOCX (10 speeches)", docx_dir, {}),
            ("PDF (10 text PDFs + 1 scan)", pdf_dir, {}),
            ("scraped pages (sample_pages + tests/data/pages)", [REPO / "data" / "raw" / "sample_pages",
                                                                 REPO / "tests" / "data" / "pages"], {})]


def row(name: str, corpus) -> str:
    docs, ledger = corpus.documents, corpus.ledger
    n_in = len(ledger)
    kept = int((docs["status"] == "kept").sum())
    reasons = Counter(re.sub(r" of [0-9a-f]{12}$", "", r.split(" (")[0])
                      for r in ledger.loc[ledger["status"] != "kept", "reason"])
    paras = [len(r.get("paragraphs") or []) for r in corpus.records]
    median = sorted(paras)[len(paras) // 2] if paras else 0
    left = "; ".join(f"{reason}: {n}" for reason, n in reasons.most_common()) or "—"
    repeats = Counter(re.sub(r"^kept: | of [0-9a-f]{12}$", "", r)
                      for r in ledger.loc[(ledger["status"] == "kept") & ledger["reason"].str.startswith("kept: "), "reason"])
    flagged = "; ".join(f"{reason}: {n}" for reason, n in repeats.most_common()) or "—"
    return f"| {name} | {n_in} | {kept} | {median} | {flagged} | {left} |"


def main() -> None:
    import speechtopics as st

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared" / "data")
    args = parser.parse_args()
    print("| input shape | rows or files in | kept | median paragraphs | kept, repeating an earlier one | "
          "left out, by reason |")
    print("|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for name, path, fields in build(args.shared, Path(tmp)):
            print(row(name, st.read_corpus(path, **fields)), flush=True)


if __name__ == "__main__":
    main()
