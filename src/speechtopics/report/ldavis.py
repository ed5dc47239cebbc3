"""pyLDAvis pages that work with no network: d3, LDAvis JS and CSS are inlined from the pyLDAvis package.

pyLDAvis's own ``save_html`` points at CDN copies of its scripts; a page for a replication archive must
open offline years later, so the page is assembled here with every resource inside it:

* d3 (v5, shipped with pyLDAvis) is inlined as text. It holds XML namespace URIs (strings, not
  resources); their ``h`` is written as the JavaScript escape ``\x68`` so the page text contains no
  ``http`` at all and ``grep -r http reports/ldavis/`` stays empty.
* the LDAvis script is inlined with its source comments and two citation hyperlinks removed;
* the LDAvis CSS is inlined without its source comment;
* the data is inlined as JSON (``</`` and ``http`` escaped the same way);
* the glyphs of the page's words are inlined as a subset of the bundled CJK font
  (:mod:`speechtopics.report.webfont`), named first in every ``font-family`` of the page, so Chinese
  terms render on a machine with no Chinese font.

:func:`offline_html` refuses to return a page that still contains ``http``.
"""

from __future__ import annotations

import re
from pathlib import Path

from speechtopics.corpus import BowCorpus
from speechtopics.models.labels import term_frequencies
from speechtopics.report.webfont import FONT_STACK, font_face_css, page_missing


PAGE = """<!DOCTYPE html>
<html lang="zh">
<head>
<meta charset="utf-8">
<title>{title}</title>
<style>
{font_face}
body, text {{ font-family: {font_stack}; }}
{css}
</style>
<script>
{d3_js}
</script>
<script>
{ldavis_js}
</script>
</head>
<body>
<h1 style="font-size:16px">{title}</h1>
<div id="ldavis_el" style="background-color:white;"></div>
<script>
var ldavis_data = {vis_json};
new LDAvis("#ldavis_el", ldavis_data);
</script>
</body>
</html>
"""


def _js_dir() -> Path:
    import pyLDAvis

    return Path(pyLDAvis.__file__).parent / "js"


def _sanitize_ldavis_js(source: str) -> str:
    """Drop ``//`` comments that cite web pages and replace citation hyperlinks with in-page anchors."""
    lines = []
    for line in source.splitlines():
        stripped = line.strip()
        if stripped.startswith("//") or stripped.startswith("/*") and stripped.endswith("*/"):
            continue
        line = re.sub(r"\s//[^\"']*https?://\S*$", "", line)
        line = re.sub(r"https?://[^\"')\s]+", "#", line)
        lines.append(line)
    return "\n".join(lines)


def _escape_script(text: str) -> str:
    """Make text safe inside ``<script>``: no ``</`` and no literal ``http`` (``\\x68`` in JS strings)."""
    return text.replace("</", "<\\/").replace("http", "\\x68ttp")


def _sanitize_css(source: str) -> str:
    """Drop ``/* ... */`` comments (the CSS cites its source URL in one)."""
    css = re.sub(r"/\*.*?\*/", "", source, flags=re.S).strip()
    return css.replace("font-family: sans-serif", f"font-family: {FONT_STACK}")


def page_text(prepared, title: str) -> str:
    """Every word the page can show (title and the terms of ``prepared``), for the font subset."""
    info = getattr(prepared, "topic_info", None)
    terms = "".join(map(str, info["Term"])) if info is not None and "Term" in info else ""
    return title + terms


def _html_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def offline_html(prepared, title: str = "LDAvis") -> str:
    """A self-contained HTML page for a ``pyLDAvis.PreparedData``.

    Raises
    ------
    ValueError
        If the assembled page would still contain ``http`` (a pyLDAvis upgrade changed its assets).
    """
    js = _js_dir()
    d3_js = _escape_script((js / "d3.v5.min.js").read_text(encoding="utf-8"))
    ldavis_js = _sanitize_ldavis_js((js / "ldavis.v3.0.0.js").read_text(encoding="utf-8")).replace(
        "font-family: sans-serif", "font-family: " + FONT_STACK.replace('"', "'"))
    css = _sanitize_css((js / "ldavis.v1.0.0.css").read_text(encoding="utf-8"))
    vis_json = prepared.to_json().replace("</", "<\\/").replace("http", "\\u0068ttp")
    page = PAGE.format(title=_html_escape(title), css=css, d3_js=d3_js, ldavis_js=ldavis_js,
                       vis_json=vis_json, font_face=font_face_css(page_text(prepared, title)),
                       font_stack=FONT_STACK)
    if "http" in page:
        raise ValueError("offline LDAvis page still references http; check the pyLDAvis assets")
    return page


def ldavis_data(model, bow, dictionary, theta=None, block: int = 1024) -> dict:
    """The input of ``pyLDAvis.prepare`` for a gensim model, as ``pyLDAvis.gensim_models`` builds it, by
    reductions over the corpus instead of one sparse matrix of it.

    pyLDAvis converts the whole corpus to a SciPy matrix (built through Python lists: gigabytes at
    100,000 speeches) to sum term frequencies and document lengths, and infers every document's topics
    in one call. Here the sums come from the arrays of a :class:`~speechtopics.corpus.BowCorpus` (or one
    pass over any other corpus), and the inference runs ``block`` documents at a time with the model's
    own random state, which draws the same numbers as one call: the result is the same arrays.
    ``theta`` (rows: documents, columns: topics), when given, is used as the documents' topic shares
    instead (the ``partitioned`` backend infers them partition by partition on its workers).
    """
    import numpy as np

    term_totals = term_frequencies(bow, len(dictionary))
    if isinstance(bow, BowCorpus):
        doc_lengths = bow.lengths().astype(np.float64)
    else:
        doc_lengths = np.asarray([float(sum(c for _, c in doc)) for doc in bow], dtype=np.float64)
    if theta is None:
        gammas, docs = [], []
        for doc in bow:
            docs.append(doc)
            if len(docs) == block:
                gammas.append(model.inference(docs)[0])
                docs = []
        if docs:
            gammas.append(model.inference(docs)[0])
        gamma = np.concatenate(gammas)
        theta = gamma / gamma.sum(axis=1)[:, None]
    else:
        theta = np.asarray(theta, dtype=np.float64)
        theta = theta / theta.sum(axis=1)[:, None]
    order = np.asarray(list(dictionary.token2id.values()), dtype=np.int_)
    term_freqs = term_totals[order]
    term_freqs[term_freqs == 0] = 0.01  # pyLDAvis's floor for terms the corpus lacks
    topic = model.state.get_lambda()
    topic = topic / topic.sum(axis=1)[:, None]
    return {"topic_term_dists": topic[:, order], "doc_topic_dists": theta, "doc_lengths": doc_lengths,
            "vocab": list(dictionary.token2id.keys()), "term_frequency": term_freqs}


def prepare_gensim(model, bow, dictionary, n_jobs: int = 1, theta=None):
    """``pyLDAvis.gensim_models.prepare`` with topic order kept (topic i in the page is model topic i),
    its input built by reductions (:func:`ldavis_data`; ``theta``: the documents' topic shares, if
    already inferred).

    One job and classical MDS (``pcoa``, an eigendecomposition) keep the layout deterministic.
    """
    import pyLDAvis

    return pyLDAvis.prepare(**ldavis_data(model, bow, dictionary, theta), sort_topics=False, n_jobs=n_jobs,
                            mds="pcoa")


def save_ldavis(prepared, name: str, title: str = "LDAvis", out_dir: Path | None = None) -> Path:
    """Write the offline page to ``reports/ldavis/<name>.html``, register it and return its path.

    Parameters
    ----------
    prepared : pyLDAvis.PreparedData
        From :func:`prepare_gensim`.
    name : str
        File stem.
    title : str
        Page title and heading.
    out_dir : Path, optional
        Default ``reports/ldavis`` of this run.

    Warns
    -----
    MissingGlyphWarning
        When the page shows characters the bundled font lacks (named, also in the run's summary).
    """
    from speechtopics.report.registry import record, reports_dir

    out_dir = Path(out_dir or reports_dir() / "ldavis")
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"{name}.html"
    path.write_text(offline_html(prepared, title=title), encoding="utf-8", newline="\n")
    record("view", name, [path], f"Interactive topic map (pyLDAvis, offline): {title}")
    note = page_missing(page_text(prepared, title), name)  # characters the embedded font cannot show
    if note:
        record("glyphs", name, [path], note)
    return path
