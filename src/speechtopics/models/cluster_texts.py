"""Already-clean texts as a :class:`~speechtopics.reading.Corpus` for speech clusters: :func:`corpus_from_texts`.

This module owns how the ``cluster`` command (and a user's own script) turns texts that need no clean
stage into the corpus :func:`speechtopics.cluster` reads: their paragraphs (clean's, with its sections,
else the text's lines), normalisation, segmentation, and which of them are copies of another (clean's
reasons, else identical texts), so that a copy counts with its original as one speech.
"""

from __future__ import annotations

from dataclasses import replace


def corpus_from_texts(ids, texts, names=None, config=None, reasons=None, paragraphs=None, meta=None):
    """A :class:`~speechtopics.reading.Corpus` of already-clean texts (paragraphs split on newlines,
    each normalised: markup, traditional characters, full-width forms, whitespace), segmented by the
    config's segmenter; no clean stage runs, so nothing is dropped or merged.

    ``reasons`` (one per text, as ``speechtopics clean`` writes them) keep clean's word on a kept copy
    (``kept: exact duplicate of <doc_id>``), so that the copy counts with its original as one speech in
    the cluster words and exemplars (:func:`speechtopics.models.cluster.speech_ids`). Without them, a
    text the same as an earlier one (after normalisation) is given that reason here, so that a table's
    repeated rows (a scraper's footer-only pages, one notice posted twice) are not shown as several
    exemplars of one cluster; each is still clustered.

    ``paragraphs`` (one list per text, as ``speechtopics clean`` writes them: ``{"text", "section"}``)
    are used instead of the text's lines when a text has them, so that the sections clean found make
    the same units (``corpus.unit: section``) as :func:`speechtopics.read_corpus` gives the same file.

    ``meta`` (one dict per text, or None) holds each text's metadata fields, as ``read_corpus`` carries them
    into :attr:`Corpus.documents <speechtopics.reading.Corpus>`: ``source_id``, the id column of the
    user's own table, goes on into :func:`speechtopics.cluster`'s assignments.

    Examples
    --------
    >>> corpus_from_texts(["a"], ["坚持改革开放"], meta=[{"source_id": "HB-7"}]).documents["source_id"].tolist()
    ['HB-7']
    >>> c = corpus_from_texts(["a"], ["一、总体要求 坚持改革开放"], paragraphs=[
    ...     [{"text": "一、总体要求", "section": "一"}, {"text": "坚持改革开放", "section": "一"}]])
    >>> [p["section"] for p in c.records[0]["paragraphs"]]
    ['一', '一']
    >>> [r["reason"] for r in corpus_from_texts(["a", "b"], ["坚持改革开放", " 坚持改革开放"]).records]
    ['', 'kept: exact duplicate of a']
    """
    from speechtopics.clean.normalize import fullwidth_to_ascii, normalise_whitespace, strip_markup, to_simplified
    from speechtopics.config import Config
    from speechtopics.reading import Corpus
    from speechtopics.stages import segment_documents

    config = config or Config()
    ids = [str(i) for i in ids]
    names = list(names) if names is not None else ids
    marked = reasons is not None
    reasons = [str(r or "") for r in reasons] if marked else [""] * len(ids)
    given = list(paragraphs) if paragraphs is not None else [None] * len(ids)
    metas = list(meta) if meta is not None else [None] * len(ids)
    docs = []
    for doc_id, text, name, reason, paras, fields in zip(ids, texts, names, reasons, given, metas):
        if not paras:  # no paragraphs of clean's: the text's lines, in no section
            paras = [{"text": p, "section": ""} for p in str(text or "").split("\n")]
        norm = [(str(p.get("text") or ""), str(p.get("section") or "")) for p in paras if isinstance(p, dict)]
        paras = [{"text": normalise_whitespace(fullwidth_to_ascii(to_simplified(strip_markup(t)))), "section": sec}
                 for t, sec in norm]
        paras = [p for p in paras if p["text"]]
        docs.append({"doc_id": str(doc_id), "text": "\n".join(p["text"] for p in paras), "display_name": str(name),
                     "paragraphs": paras, "status": "kept", "reason": reason, "meta": dict(fields or {})})
    if not marked:  # no word of clean's on copies: an identical text is a copy of the first
        first: dict[str, str] = {}
        for d in docs:
            if d["text"] and first.setdefault(d["text"], d["doc_id"]) != d["doc_id"]:
                d["reason"] = f"kept: exact duplicate of {first[d['text']]}"
    seg = replace(config.segment, workers=1, cache=False)
    segmented = segment_documents(docs, seg)
    for d, s in zip(docs, segmented):
        s.setdefault("display_name", d["display_name"])
    return Corpus.from_records(docs, segmented, [], config)
