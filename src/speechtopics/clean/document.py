"""Raw record in, clean record out: the clean stage's document pipeline.

This module owns the order of the cleaning steps and the clean record's shape. A raw record (from
:mod:`speechtopics.ingest`) goes through

1. :func:`prepare`: HTML to body lines, then a chain of plain ``str -> str`` callables
   (:data:`CHAIN`: markup, invisibles, punctuation forms, full-width, whitespace, pinyin, simplified,
   broken lines), then cut notices (:func:`~speechtopics.clean.truncation.detect_truncation`);
2. :func:`finish`: the line-by-line body/chrome decision (:mod:`speechtopics.clean.chrome`),
   redaction marks, mojibake runs, outline sections, metadata and the keep/drop verdict.

:func:`clean_documents` runs both halves over a corpus so that lines repeated across pages of one site
can count as evidence, then marks duplicates (:mod:`speechtopics.clean.dedup`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from speechtopics.clean import dates
from speechtopics.clean import metadata as md
from speechtopics.clean.apparatus import Apparatus, cut_apparatus_lines
from speechtopics.clean.chrome import CELL_FORMATS, classify_lines, one_cell_line
from speechtopics.clean.contents import cut_second_copy, cut_table_of_contents
from speechtopics.clean.decode import DecodeError, decode_bytes
from speechtopics.clean.boilerplate import TITLE_MARK, find_boilerplate, site_key, strip_leads
from speechtopics.clean.dedup import mark_duplicates
from speechtopics.clean.html import html_to_lines, looks_like_html
from speechtopics.clean.markdown import front_matter, strip_markdown
from speechtopics.clean.normalize import (
    fullwidth_to_ascii,
    normalise_whitespace,
    rejoin_broken_lines,
    remove_invisibles, remove_private_use,
    remove_pinyin_annotations,
    strip_markup,
    to_simplified,
)
from speechtopics.clean.body import body_paragraphs
from speechtopics.clean.options import CleanConfig
from speechtopics.clean.outline import heading_sections, tag_sections
from speechtopics.clean.paragraphs import split_run_on
from speechtopics.clean.punctuation import standard_punctuation
from speechtopics.clean.truncation import Truncation, detect_truncation
from speechtopics.long_cells import EXCEL_CELL_LIMIT

__all__ = ["CHAIN", "prepare", "finish", "clean_document", "clean_documents", "clean_text"]

def _chain(cfg: CleanConfig) -> list[Callable[[str], str]]:
    steps: list[Callable[[str], str]] = [
        strip_markup,
        remove_invisibles,
        standard_punctuation,
        fullwidth_to_ascii,
        normalise_whitespace,
        remove_pinyin_annotations,
    ]
    if cfg.to_simplified:
        steps.append(to_simplified)
    steps.append(rejoin_broken_lines)
    return steps


CHAIN = _chain(CleanConfig())
"""The default preprocessing chain, in order (each a plain ``str -> str`` callable)."""


@dataclass
class Prepared:
    """A document after character normalisation, before the body/chrome decision."""

    doc: dict
    lines: list[str]
    truncation: Truncation
    html_meta: dict[str, Any] = field(default_factory=dict)
    error: str | None = None
    byline_site: str | None = None  # site name read from a byline before spaces were collapsed
    apparatus: list[Apparatus] = field(default_factory=list)  # publication apparatus cut from lines
    headings: dict[str, int] = field(default_factory=dict)  # ## … of a Markdown page, styled of a Word file


def _record_text(doc: dict) -> tuple[str, str | None]:
    """The record's text; HTML with raw bytes is decoded again from the bytes (by evidence)."""
    text = doc.get("text") or ""
    raw = doc.get("raw")
    fmt = (doc.get("format") or "").lower()
    if raw and (not text or fmt == "html"):
        try:
            text, _ = decode_bytes(raw)
        except DecodeError as exc:
            return "", f"undecodable: {exc}"
    return text, None


_MD_H1 = re.compile(r"^#[ \t]+(.+?)[ \t#]*$", re.M)
_LINK = re.compile(r"\[[^\]]*\]\([^)]*\)|(?:https?|ftp)://[\x21-\x7e]+")  # a web address or a Markdown link
_MD_SUBHEADING = re.compile(r"^(#{2,6})[ \t]+(.+?)[ \t#]*$", re.M)


def prepare(doc: dict, cfg: CleanConfig, run_on_min_chars: int = 500) -> Prepared:
    """First half of cleaning: body lines of one raw record, characters normalised.

    A run-on text (one line holding most of it, as in a table cell) gets its paragraph breaks back
    first (:func:`~speechtopics.clean.paragraphs.split_run_on`); after normalisation, publication
    apparatus (agency datelines, page lines, photo captions, ``※`` notes) is cut out of the lines as
    spans (:func:`~speechtopics.clean.apparatus.cut_apparatus_lines`).

    Parameters
    ----------
    doc : dict
        Raw record ``{doc_id, source, text, encoding, format, meta, raw?}``.
    cfg : CleanConfig
        Clean options.
    run_on_min_chars : int
        Shortest line that makes a text run-on (see :func:`~speechtopics.clean.paragraphs.is_run_on`).

    Returns
    -------
    Prepared
    """
    text, error = _record_text(doc)
    html_meta: dict[str, Any] = {}
    fmt = (doc.get("format") or "").lower()
    if text and (fmt == "html" or (fmt not in ("json", "jsonl", "csv") and looks_like_html(text))):
        text, html_meta = html_to_lines(text)
    if fmt == "md":  # front matter's title and date are the page's, as an HTML page's <title> and meta
        text, front = front_matter(text or "")
        html_meta.update({k: str(front[f]) for k, f in (("og_title", "title"), ("date", "date")) if front.get(f)})
        h1 = _MD_H1.search(text)
        if h1:  # the first level-one heading is the page's, as an HTML page's <h1>
            html_meta["h1"] = h1.group(1).strip()
        headings = {m.group(2): len(m.group(1)) for m in _MD_SUBHEADING.finditer(text)}
        text = strip_markdown(text)
    if cfg.to_simplified and text:  # before the run-on split, whose cues (同志们, 第一个问题) are simplified
        text = to_simplified(text)
    text, copy = cut_second_copy(text or "")  # a body stored twice is read once
    text = split_run_on(text, run_on_min_chars)
    site = None
    for step in _chain(cfg):
        if step is normalise_whitespace and text:
            site = md.byline_site(text)
        text = step(text)
    if site:
        site = to_simplified(site) if cfg.to_simplified else site
    lines, trunc = detect_truncation(text.split("\n")) if text else ([], Truncation())
    lines, apparatus = cut_apparatus_lines(lines)
    lines, contents = cut_table_of_contents(lines)
    apparatus += [Apparatus(line, "table of contents") for line in contents if line.strip()]
    apparatus += [Apparatus(copy, "second copy of the text")] if copy else []
    levels = {}
    for heading, level in (headings if fmt == "md" else doc.get("headings") or {}).items():  # as lines read
        for step in _chain(cfg):
            heading = step(heading)
        levels.setdefault(heading.strip(), level)
    return Prepared(doc=doc, lines=lines, truncation=trunc, html_meta=html_meta, error=error,
                    byline_site=site, apparatus=apparatus, headings=levels)


def headlines(html_meta: dict[str, Any]) -> tuple[str | None, ...]:
    """A page's headlines in the order a title is taken from them: ``<h1>``, ``og:title``, ``<title>``,
    then a headline above the text in another element (``<h2>``, a ``title`` box) when the ``<title>``
    only names the site."""
    return html_meta.get("h1"), html_meta.get("og_title"), html_meta.get("html_title"), html_meta.get("headline")


def _known_title(doc: dict, html_meta: dict[str, Any], site: str | None,
                 boilerplate: frozenset[str] = frozenset()) -> str | None:
    meta = doc.get("meta") or {}
    given = " ".join(strip_markup(str(meta.get("title") or "")).split())  # a scraper's <strong>…</strong>
    if given:  # a title the user's table gives is kept as given: no site suffix to cut (2020-2022, ——)
        return to_simplified(fullwidth_to_ascii(given))
    for cand in headlines(html_meta):
        if cand and TITLE_MARK + str(cand).strip() in boilerplate:
            continue  # the same headline on most of the site's pages names the site (中国共产党新闻网)
        title = md.clean_title(cand, site)
        if title and cand is html_meta.get("html_title") and md.names_only_the_site(title, html_meta.get("headline")):
            continue  # a <title> that only names the site or app (学习强国): every page of it has it
        if title:
            title = to_simplified(fullwidth_to_ascii(remove_pinyin_annotations(title)))
            return title
    return None


def _site(doc: dict, lines: list[str], html_meta: dict[str, Any]) -> str | None:
    meta = doc.get("meta") or {}
    if meta.get("site"):
        return str(meta["site"])
    return md.find_site(lines, html_meta, meta.get("url"))


def finish(prep: Prepared, cfg: CleanConfig, boilerplate: frozenset[str] = frozenset(),
           date_format: str = "mdy") -> dict:
    """Second half of cleaning: decide body lines and build the clean record.

    The document's date is the one the user gave (``meta["date"]``, or the file name's) whenever it
    parses (:func:`~speechtopics.clean.metadata.parse_user_date`; a year alone gives ``year`` and no
    date); only when none was given is a date looked for in the page (HTML metadata, header lines),
    and the record then says ``date_inferred: True``. A given date that does not parse is kept in
    ``date_error`` and no date is guessed.

    Parameters
    ----------
    prep : Prepared
        Output of :func:`prepare`.
    cfg : CleanConfig
        Clean options.
    boilerplate : frozenset of str
        Short lines that recur across pages of this document's site.
    date_format : {"mdy", "dmy"}
        Order of day and month in a given date like ``3/5/2020`` (default month first).

    Returns
    -------
    dict
        The clean record (see ``docs/CONTRIBUTING.md``).
    """
    doc = prep.doc
    meta = doc.get("meta") or {}
    file_date, file_title = dates.date_from_source(doc.get("source") or doc.get("doc_id"))
    head_guess = [ln for ln in prep.lines[:12] if ln]
    site = _site(doc, head_guess, prep.html_meta)
    given_title = _known_title(doc, prep.html_meta, site, boilerplate)  # else the file name's, maybe cut short
    known_title = given_title or (to_simplified(file_title) if file_title else None)
    lines, cut = strip_leads(prep.lines, boilerplate)
    verdicts, title = classify_lines(lines, known_title, boilerplate, title_may_be_cut=given_title is None)
    one_cell_line(doc, verdicts)
    dropped = [v for v in verdicts if not v.keep and v.text]
    # where a page's own date can be: its header and furniture, not a licence or rights notice that
    # names some other day (本作品来自1949年10月1日之后…)
    header_lines = [v.text for v in verdicts if v.role in ("title", "header", "chrome")
                    and not {"licence footer", "copyright/ICP"} & set(v.reasons)]
    if not meta.get("site"):
        site = (
            md.find_site([v.text for v in dropped], prep.html_meta, None)
            or prep.byline_site
            or md.find_site([], {}, meta.get("url"))
            or site
        )
    given = meta.get("date") or file_date or meta.get("year")  # a year column alone gives the year
    date, year, inferred, date_error = _resolve_date(given,
                                                      doc.get("date_format") or date_format,  # the input's own
                                                      prep.html_meta, header_lines)
    paragraphs, redactions, mojibake, origins = body_paragraphs(verdicts)
    sections = (heading_sections(paragraphs, [v.text for v in verdicts], origins, prep.headings)
                if prep.headings else tag_sections(paragraphs))
    body = "\n".join(paragraphs)
    if not (meta.get("title") and title == known_title):  # the user's own title stays as given
        title = md.clean_title(title if title == known_title else md.spaced_title(title, doc.get("text")), site)
    header_text = " ".join(v.text for v in verdicts if v.role == "header")
    record = {
        "doc_id": doc.get("doc_id"), "source": doc.get("source"),
        "title": remove_private_use(remove_invisibles(title)) or None if title else title,  # ☒ in figures
        "date": date,
        "year": year,
        "date_inferred": inferred,
        "date_error": date_error,
        "date_conflict": dates.date_conflict(year, inferred, prep.html_meta, [  # a publish line first
            v.text for v in verdicts if "publish line" in v.reasons] + header_lines),
        "site": site,
        "speaker_role": md.speaker_role(title, header_text),
        "meeting_type": md.meeting_type(title),
        "level": md.admin_level(title, header_text, body),
        "text": body,
        "original_text": (doc.get("text") or "") if cfg.keep_original else "",
        "paragraphs": [{"text": p, "section": s} for p, s in zip(paragraphs, sections)],
        "truncated": prep.truncation.truncated,
        "total_chars": prep.truncation.total_chars,
        "shown_chars": prep.truncation.shown_chars,
        "redactions": redactions,
        "mojibake": mojibake,
        "status": "kept",
        "reason": "",
        "dropped_lines": [{"text": a.text, "reasons": [a.reason]} for a in prep.apparatus]
        + [{"text": v.text, "reasons": list(v.reasons)} for v in dropped]
        + [{"text": phrase, "reasons": ["lead or footer phrase of its source"]} for phrase in cut]
        + [{"text": n, "reasons": ["truncation notice"]} for n in prep.truncation.notices]
        + [{"text": n, "reasons": ["button unfolding the text (the page holds it whole)"]}
           for n in prep.truncation.folds],
    }
    if len(doc.get("text") or "") == EXCEL_CELL_LIMIT and (doc.get("format") or "") in CELL_FORMATS:
        record["truncated"] = True  # a text cut where a spreadsheet cell ends, and saved as such
        record["dropped_lines"].append({"text": f"…{str(doc['text'])[-20:]}", "reasons": [
            f"the text is {EXCEL_CELL_LIMIT:,} characters, a spreadsheet cell's limit: probably cut there"]})
    record["status"], record["reason"] = _verdict(body, prep.error, doc, cfg, prep.lines)
    return record


def _resolve_date(given: Any, date_format: str, html_meta: dict[str, Any],
                  header_lines: list[str]) -> tuple[str | None, int | None, bool | None, str | None]:
    """``(date, year, date_inferred, date_error)`` from the given date, else from the page."""
    date, year, ok = dates.parse_user_date(given, date_format)
    if not ok:
        return None, None, None, str(given)
    if date or year:
        return date, year, False, None
    date = dates.page_date(html_meta, header_lines)
    return date, int(date[:4]) if date else None, (True if date else None), None


def _han_total(text: str) -> int:
    """Number of Han characters in ``text`` (the ranges of :data:`HAN`), counted over code points in NumPy."""
    cps = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    return int(np.count_nonzero(((cps >= 0x3400) & (cps <= 0x4DBF)) | ((cps >= 0x4E00) & (cps <= 0x9FFF))
                                | ((cps >= 0xF900) & (cps <= 0xFAFF))))


def _verdict(body: str, error: str | None, doc: dict, cfg: CleanConfig, lines: list[str] = ()) -> tuple[str, str]:
    if error:
        return "dropped", error
    if not (doc.get("text") or doc.get("raw")):
        return "dropped", "empty"
    compact = "".join(body.split())
    if not compact:  # nothing read as speech: say why in the words of the whole text when they explain it
        whole = "".join("".join(lines).split())
        if not whole:
            return "dropped", "empty (only whitespace)"
        if _LINK.search(whole) and len(_LINK.sub("", whole)) < cfg.min_chars:  # a scraper kept the link only
            return "dropped", "no body text (only a link)"
        if _han_total(whole) / len(whole) < cfg.min_han_ratio:
            return "dropped", f"not Chinese (Han share {_han_total(whole) / len(whole):.2f} < {cfg.min_han_ratio})"
        if len(whole) < cfg.min_chars:
            return "dropped", f"too short ({len(whole)} < {cfg.min_chars} characters)"
        return "dropped", "no body text (only page furniture)"
    han = _han_total(compact)
    if han / len(compact) < cfg.min_han_ratio:
        return "dropped", f"not Chinese (Han share {han / len(compact):.2f} < {cfg.min_han_ratio})"
    if len(compact) < cfg.min_chars:
        return "dropped", f"too short ({len(compact)} < {cfg.min_chars} characters)"
    return "kept", ""


def clean_document(doc: dict, cfg: CleanConfig | None = None, boilerplate: frozenset[str] = frozenset(), *,
                   date_format: str = "mdy", run_on_min_chars: int = 500) -> dict:
    """Clean one raw record.

    Parameters
    ----------
    doc : dict
        Raw record ``{doc_id, source, text, encoding, format, meta{title?, date?, url?, year?}, raw?}``.
    cfg : CleanConfig, optional
        Clean options (defaults when omitted).
    boilerplate : frozenset of str, optional
        Lines known to recur across pages of this document's site.
    date_format : {"mdy", "dmy"}
        Order of day and month in a given date like ``3/5/2020`` (see :func:`finish`).
    run_on_min_chars : int
        Shortest line that makes a text run-on (see :func:`prepare`).

    Returns
    -------
    dict
        The clean record: ``doc_id, source, title, date, year, date_inferred, date_error, site,
        speaker_role, meeting_type, level, text, original_text, paragraphs[{text, section}], truncated,
        total_chars, shown_chars, redactions, mojibake, status, reason, dropped_lines[{text, reasons}]``.
    """
    cfg = cfg or CleanConfig()
    return finish(prepare(doc, cfg, run_on_min_chars), cfg, boilerplate, date_format)


def clean_text(text: str, cfg: CleanConfig | None = None, **meta: Any) -> dict:
    """Clean a bare string (convenience for notebooks and tests)."""
    return clean_document({"doc_id": meta.pop("doc_id", "text"), "source": meta.pop("source", None),
                           "text": text, "format": meta.pop("format", "txt"), "meta": meta}, cfg)


def clean_documents(docs: Iterable[dict], cfg: CleanConfig | None = None, seed: int = 0, *,
                    date_format: str = "mdy", run_on_min_chars: int = 500) -> list[dict]:
    """Clean a corpus and mark exact and near duplicates.

    Parameters
    ----------
    docs : iterable of dict
        Raw records, in a deterministic order (the output keeps it).
    cfg : CleanConfig, optional
        Clean options.
    seed : int
        The run's seed for MinHash.
    date_format : {"mdy", "dmy"}
        Order of day and month in given dates like ``3/5/2020`` (see :func:`finish`).
    run_on_min_chars : int
        Shortest line that makes a text run-on (see :func:`prepare`).

    Returns
    -------
    list of dict
        Clean records; duplicates have status ``duplicate`` and a reason naming the kept doc_id.
    """
    cfg = cfg or CleanConfig()
    prepared = [prepare(doc, cfg, run_on_min_chars) for doc in docs]
    boilerplate = find_boilerplate(((p.doc, p.lines, headlines(p.html_meta)) for p in prepared),
                                   cfg.boilerplate_min_docs, cfg.boilerplate_min_share)
    records = [finish(p, cfg, boilerplate.get(site_key(p.doc), frozenset()), date_format) for p in prepared]
    mark_duplicates(records, cfg.near_duplicate_threshold, cfg.shingle_size, cfg.minhash_permutations, seed,
                    cfg.duplicates)
    return records
