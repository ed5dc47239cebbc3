"""Per-speech rhetoric: paragraphs of a clean record with their part, section and move.

Pure functions over one clean record (``doc_id``, ``text`` with paragraphs separated by ``\\n``, and
optionally ``paragraphs[{text, section}]``). Used by the ``rhetoric`` command and the analysis.
"""

from __future__ import annotations

from collections.abc import Iterable

from speechtopics.clean.outline import heading_path
from speechtopics.rhetoric.cues import MoveCues
from speechtopics.rhetoric.moves import classify
from speechtopics.rhetoric.structure import StructureCues, annotate, speech_structure


def record_paragraphs(record: dict) -> list[str]:
    """Paragraph texts of a clean record: ``paragraphs[].text`` when present, else ``text`` split on newlines."""
    paras = record.get("paragraphs")
    if paras:
        texts = [p.get("text", "") if isinstance(p, dict) else str(p) for p in paras]
    else:
        texts = (record.get("text") or "").split("\n")
    return [t.strip() for t in texts if t and t.strip()]


def speech_moves(record: dict, cues: MoveCues, scues: StructureCues) -> list[dict]:
    """One row per paragraph: ``doc_id, paragraph, text, part, section, move, scores``.

    The section is the heading the clean record's ``paragraphs[].section`` opens with (a Markdown
    page's ``##`` …, a Word document's styled heading: its numbered headings are inside it), else the
    structure layer's level-1 heading, falling back to ``paragraphs[].section`` when the speech has
    no numbered headings.
    """
    texts = record_paragraphs(record)
    given = [p.get("section", "") for p in record.get("paragraphs") or [] if isinstance(p, dict)
             and (p.get("text") or "").strip()]
    rows = []
    for i, (t, a) in enumerate(zip(texts, annotate(texts, scues))):
        move, scores = classify(t, cues, a["part"])
        own = given[i] if i < len(given) and a["part"] == "body" else ""
        section = heading_path(own) or a["section"] or own
        rows.append({"doc_id": record["doc_id"], "paragraph": i, "text": t, "part": a["part"],
                     "section": section or "", "move": move, "scores": scores})
    return rows


def corpus_moves(records: Iterable[dict], cues: MoveCues, scues: StructureCues) -> list[dict]:
    """:func:`speech_moves` over many records, in order."""
    return [row for r in records for row in speech_moves(r, cues, scues)]


def corpus_structure(records: Iterable[dict], scues: StructureCues) -> list[dict]:
    """One structure summary per record (``doc_id`` plus :func:`speech_structure` fields)."""
    out = []
    for r in records:
        texts = record_paragraphs(r)
        out.append({"doc_id": r["doc_id"], **speech_structure(texts, annotate(texts, scues))})
    return out
