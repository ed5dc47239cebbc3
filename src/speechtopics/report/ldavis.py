"""pyLDAvis pages that work with no network: d3, LDAvis JS and CSS are inlined from the pyLDAvis package.

pyLDAvis's own ``save_html`` points at CDN copies of its scripts; a page for a replication archive must
open offline years later, so the page is assembled here with every resource inside it. The third-party
d3 bundle is inlined as a base64 ``data:`` script (it carries XML namespace strings, not resources);
the LDAvis script is inlined as text with its source comments and two citation hyperlinks removed, so
the page contains no ``http(s)://`` reference at all.
"""

from __future__ import annotations

import base64
import re
from pathlib import Path

from speechtopics import paths

PAGE = """<!DOCTYPE html>
<html lang="zh">
<head>
<meta charset="utf-8">
<title>{title}</title>
<style>
body {{ font-family: "WenQuanYi Micro Hei", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; }}
{css}
</style>
<script src="data:text/javascript;base64,{d3_b64}"></script>
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


def offline_html(prepared, title: str = "LDAvis") -> str:
    """A self-contained HTML page for a ``pyLDAvis.PreparedData``."""
    js = _js_dir()
    d3 = (js / "d3.v5.min.js").read_bytes()
    ldavis_js = _sanitize_ldavis_js((js / "ldavis.v3.0.0.js").read_text(encoding="utf-8"))
    css = (js / "ldavis.v1.0.0.css").read_text(encoding="utf-8")
    vis_json = prepared.to_json().replace("</", "<\\/")
    return PAGE.format(title=title, css=css, d3_b64=base64.b64encode(d3).decode("ascii"),
                       ldavis_js=ldavis_js, vis_json=vis_json)


def prepare_gensim(model, bow, dictionary, n_jobs: int = 1):
    """``pyLDAvis.gensim_models.prepare`` with topic order kept (topic i in the page is model topic i)."""
    import pyLDAvis.gensim_models

    return pyLDAvis.gensim_models.prepare(model, bow, dictionary, sort_topics=False, n_jobs=n_jobs,
                                          mds="pcoa")


def save_ldavis(prepared, name: str, title: str = "LDAvis", out_dir: Path | None = None) -> Path:
    """Write the offline page to ``reports/ldavis/<name>.html`` and return its path."""
    out_dir = Path(out_dir or paths.LDAVIS)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"{name}.html"
    path.write_text(offline_html(prepared, title=title), encoding="utf-8")
    return path
