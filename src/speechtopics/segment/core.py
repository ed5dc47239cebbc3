"""Segment texts and clean records (the stage's pure entry points).

This module owns the record contract of the segment stage: a clean document in, the same document (a
copy) out with ``tokens``, ``formulaic_tokens`` and ``formulas`` at document level and on every paragraph.
Document-level lists are the paragraph lists concatenated in order, so a paragraph, a section or a whole
speech can be rebuilt without segmenting again.
"""

from __future__ import annotations

from collections.abc import Iterable
import itertools

from speechtopics.segment.chain import LayerColumns, get_chain
from speechtopics.segment.options import SegmentConfig
from speechtopics.segment.phrases import PhraseCounts, PhraseTable, learn

__all__ = ["LAYERS", "segment_texts", "segment_records", "paragraph_texts", "attach_layers", "attach_columns",
           "corpus_phrases", "phrase_table"]

#: The three lists added to each text unit.
LAYERS = ("tokens", "formulaic_tokens", "formulas")


def segment_texts(texts: Iterable[str], cfg: SegmentConfig | None = None) -> list[dict[str, list[str]]]:
    """Segment each text (serially, in this process); with ``cfg.phrases`` on, the phrases of these
    texts taken together are joined (:func:`corpus_phrases`).

    Parameters
    ----------
    texts
        Strings to segment.
    cfg
        Segment config (default config when omitted).

    Returns
    -------
    list of dict
        Per text ``{"tokens": [...], "formulaic_tokens": [...], "formulas": [...]}``.
    """
    cfg = cfg or SegmentConfig()
    texts = [t or "" for t in texts]
    return get_chain(cfg, corpus_phrases(texts, cfg)).many(texts)


def paragraph_texts(record: dict) -> list[str]:
    """Texts of a record's paragraphs; the whole ``text`` as one paragraph when there are none."""
    paras = record.get("paragraphs") or []
    if paras:
        return [str(p.get("text") or "") for p in paras]
    return [str(record.get("text") or "")]


def attach_layers(record: dict, layers: list[dict[str, list[str]]]) -> dict:
    """A copy of ``record`` with per-paragraph ``layers`` attached and concatenated at document level.

    The record and its paragraphs are copied (the input is never changed); other nested values are
    shared with the input, as they are only read.
    """
    out = dict(record)
    paras = record.get("paragraphs") or []
    if paras:
        out["paragraphs"] = [{**para, **lay} for para, lay in zip(paras, layers, strict=True)]
    for name in LAYERS:
        out[name] = list(itertools.chain.from_iterable(lay[name] for lay in layers))
    return out


def attach_columns(records: list[dict], cols: LayerColumns) -> list[dict]:
    """Copies of ``records`` with their layers attached, from the columns of all their paragraphs in
    order (:func:`paragraph_texts` of each record, concatenated); the same as :func:`attach_layers` on
    each record, without building per-paragraph dicts first: a document's lists are one slice each."""
    out, start = [], 0
    named = list(zip(LAYERS, cols.words, cols.bounds, strict=True))
    (t, tw, tb), (f, fw, fb), (m, mw, mb) = named
    for record in records:
        paras = record.get("paragraphs") or []
        stop = start + (len(paras) or 1)
        doc = dict(record)
        if paras:
            doc["paragraphs"] = [
                {**para, t: tw[tb[i] : tb[i + 1]], f: fw[fb[i] : fb[i + 1]], m: mw[mb[i] : mb[i + 1]]}
                for i, para in enumerate(paras, start)
            ]
        for name, words, b in named:
            doc[name] = words[b[start] : b[stop]]
        out.append(doc)
        start = stop
    if start != len(cols.bounds[0]) - 1:
        raise ValueError(f"{len(cols.bounds[0]) - 1} paragraph layers for {start} paragraphs")
    return out


def segment_records(records: Iterable[dict], cfg: SegmentConfig | None = None) -> list[dict]:
    """Segment clean documents serially, paragraph by paragraph; with ``cfg.phrases`` on, the phrases
    of these documents taken together are joined (:func:`corpus_phrases`).

    Parameters
    ----------
    records
        Clean documents (``doc_id, text, paragraphs: [{text, section}], ...``).
    cfg
        Segment config.

    Returns
    -------
    list of dict
        Copies of the records with ``tokens``, ``formulaic_tokens``, ``formulas`` on the document and on
        each paragraph. For parallel, cached, streaming runs over files see
        :func:`speechtopics.segment.run.segment_stream`.
    """
    records = list(records)
    cfg = cfg or SegmentConfig()
    flat = [t for r in records for t in paragraph_texts(r)]
    return attach_columns(records, get_chain(cfg, corpus_phrases(flat, cfg)).columns(flat))


def phrase_table(counts: PhraseCounts, cfg: SegmentConfig) -> PhraseTable | None:
    """The phrases ``cfg`` joins, learned from the ``counts`` of a whole corpus (``None``: none to join)."""
    return learn(counts, cfg.phrase_min_count, cfg.phrase_threshold, cfg.phrase_max_words) or None


def corpus_phrases(texts: list[str], cfg: SegmentConfig) -> PhraseTable | None:
    """The corpus phrases of ``texts`` when ``cfg.phrases`` is on (:mod:`speechtopics.segment.phrases`),
    else ``None``: the texts segmented together are the corpus."""
    if not cfg.phrases:
        return None
    return phrase_table(get_chain(cfg).phrase_counts(texts, cfg.phrase_max_words), cfg)
