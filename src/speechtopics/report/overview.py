"""Tables describing the corpus: documents per collection, lengths, and the ledger of what was left out."""

from __future__ import annotations

import pandas as pd

from speechtopics.records import skipped_file


def documents_frame(docs: list[dict]) -> pd.DataFrame:
    """One row per clean document: id, collection, title, date, year, status, reason, length."""
    rows = [{"doc_id": d["doc_id"], "collection": d.get("collection", ""), "title": d.get("title") or "",
             "date": d.get("date") or "", "year": d.get("year"), "status": d.get("status", "kept"),
             "reason": d.get("reason", ""), "n_chars": len(d.get("text") or ""),
             "redactions": d.get("redactions", 0), "truncated": d.get("truncated")} for d in docs]
    df = pd.DataFrame(rows)
    if len(df):
        df["year"] = pd.to_numeric(df["year"], errors="coerce").astype("Int64")
    return df


def collection_summary(docs: pd.DataFrame, ledger: list[dict] | None = None) -> pd.DataFrame:
    """Per collection: documents kept (and of those, copies of an earlier one, kept with
    ``clean.duplicates: keep``), dropped and duplicate (left out), years covered and median length of
    kept ones. With the run's ``ledger``, also the rows or files of the input left out before cleaning
    (an empty text cell, a bad CSV row, an unreadable file; not hidden or system files) and ``rows_in``,
    all of them: what a user counts in the input.

    Examples
    --------
    >>> docs = pd.DataFrame({"collection": ["a", "a"], "status": ["kept", "dropped"], "reason": ["", "too short"],
    ...                      "year": [2020, None], "n_chars": [900, 10], "redactions": [0, 0]})
    >>> ledger = [{"input": "a", "stage": "ingest", "status": "dropped", "reason": "empty text field '内容'"}]
    >>> collection_summary(docs, ledger)[["rows_in", "left_out_at_ingest", "documents", "kept"]].values.tolist()
    [[3, 1, 2, 1]]
    """
    at_ingest: dict[str, int] = {}
    for r in ledger or []:
        if r.get("stage") == "ingest" and r.get("status") != "kept" and not skipped_file(r.get("reason", "")):
            at_ingest[str(r.get("input") or "")] = at_ingest.get(str(r.get("input") or ""), 0) + 1
    out = []
    for name, g in sorted(docs.groupby("collection"), key=lambda kv: str(kv[0])):
        kept = g[g["status"] == "kept"]
        years = kept["year"].dropna()
        span = f"{int(years.min())}–{int(years.max())}" if years.nunique() > 1 else \
            (str(int(years.min())) if len(years) else "")
        row = {"collection": name}
        if ledger is not None:
            row |= {"rows_in": len(g) + at_ingest.get(str(name), 0), "left_out_at_ingest": at_ingest.get(str(name), 0)}
        out.append({**row, "documents": len(g), "kept": len(kept),
                    "kept_repeats": int(kept["reason"].fillna("").str.startswith("kept: ").sum()),
                    "dropped": int((g["status"] == "dropped").sum()),
                    "duplicate": int((g["status"] == "duplicate").sum()),
                    "years": span,
                    "median_chars": int(kept["n_chars"].median()) if len(kept) else 0,
                    "redactions": int(kept["redactions"].sum())})
    return pd.DataFrame(out)


def ledger_frame(ledger: list[dict]) -> pd.DataFrame:
    """Rows left out of the corpus (not kept), and kept copies of an earlier document (their reason
    names it), with stage and reason, sorted by source."""
    df = pd.DataFrame(ledger, columns=["source", "doc_id", "stage", "status", "reason"])
    df = df[(df["status"] != "kept") | df["reason"].fillna("").str.startswith("kept: ")]
    return df.sort_values(["source", "doc_id"]).reset_index(drop=True)
