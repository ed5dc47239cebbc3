"""``speechtopics cluster`` and ``validate``: group any corpus of clean texts, and score a grouping
against known categories (NMI, ARI).

``cluster --method lda`` fits content and register LDA models with more topics than groups under
several seeds and clusters the documents' topic mixtures (whole text, opening, closing) into K groups
with seeded spectral clustering (see :func:`speechtopics.models.lda_cluster.cluster_tokens`); ``--method embedding`` dispatches to
:func:`speechtopics.models.embeddings.cluster_texts_embedding`. Both write ``id,cluster``.
"""

from __future__ import annotations

import json
from pathlib import Path

import typer

from speechtopics.commands._common import ConfigOption, IdFieldOption, TextFieldOption, fail, load


def read_table(path: Path, fields: list[str]) -> list[dict]:
    """Rows of a JSONL or CSV file with the named fields present (one-line errors, exit 2)."""
    import pandas as pd

    if not path.exists():
        fail(f"{path}: no such file")
    try:
        if path.suffix.lower() in (".jsonl", ".json", ".ndjson"):
            with open(path, encoding="utf-8") as fh:
                rows = [json.loads(line) for line in fh if line.strip()]
        elif path.suffix.lower() in (".csv", ".tsv"):
            rows = pd.read_csv(path, dtype=str, keep_default_na=False,
                               sep="\t" if path.suffix.lower() == ".tsv" else ",").to_dict("records")
        else:
            fail(f"{path}: unsupported format (use .jsonl or .csv)")
    except (ValueError, UnicodeDecodeError) as exc:
        fail(f"{path}: cannot be read ({str(exc).splitlines()[0]})")
    if not rows:
        fail(f"{path}: no rows")
    from speechtopics.records import missing_field

    names = list(dict.fromkeys(k for r in rows if isinstance(r, dict) for k in r))
    for f in fields:
        if not all(isinstance(r, dict) and f in r for r in rows):
            fail(str(missing_field(f, names, "field", str(path))))
    return rows


def id_field_of(rows: list[dict], given: str | None) -> str:
    """The id field: the one given, else ``doc_id`` (as ``clean`` writes it) when every row has one, else ``id``."""
    if given:
        return given
    return "doc_id" if rows and all(isinstance(r, dict) and "doc_id" in r for r in rows) else "id"


def register(app: typer.Typer) -> None:
    @app.command("cluster")
    def cluster(
        input_: Path = typer.Argument(..., metavar="INPUT", help="JSONL or CSV of already-clean texts."),
        out: Path = typer.Option(..., "--out", "-o", help="Output CSV with columns id,cluster."),
        k: int = typer.Option(..., "--k", min=2, help="Number of clusters."),
        method: str = typer.Option("lda", help="lda or embedding."),
        text_field: str = TextFieldOption,
        id_field: str | None = IdFieldOption,
        seed: int = typer.Option(None, help="Random seed (default: the config's seed)."),
        config: Path = ConfigOption,
    ) -> None:
        """Cluster texts into K groups (LDA mixtures + seeded spectral clustering, or embeddings)."""
        import pandas as pd

        if method not in ("lda", "embedding"):
            fail(f"--method: {method!r} is not one of 'lda', 'embedding'")
        cfg = load(config)
        rows = read_table(input_, [text_field])
        id_field = id_field_of(rows, id_field)
        rows = read_table(input_, [text_field, id_field])
        rows = [r for r in rows if r.get("status", "kept") == "kept"]  # clean's dropped rows carry no text
        texts = [str(r[text_field] or "") for r in rows]
        if len(texts) < k:
            fail(f"{input_}: {len(texts)} texts for k={k}")
        seed = cfg.seed if seed is None else seed
        if method == "lda":
            from speechtopics.models.lda_cluster import cluster_texts_lda as cluster_texts
        else:
            try:
                from speechtopics.models.embeddings import cluster_texts_embedding as cluster_texts
            except ImportError as exc:
                fail(f"--method embedding is not available ({exc})")
        details: dict = {}  # the LDA route reports the neighbourhood it chose here
        labels = cluster_texts(texts, k, seed, cfg, details=details)
        out.parent.mkdir(parents=True, exist_ok=True)
        pd.DataFrame({"id": [r[id_field] for r in rows], "cluster": [int(x) for x in labels]}).to_csv(
            out, index=False, lineterminator="\n")
        typer.echo(f"cluster: {len(texts)} texts -> {k} clusters ({method}) -> {out}")
        if details.get("stability"):
            scores = ", ".join(f"{nn}: {v:.3f}" for nn, v in details["stability"].items())
            typer.echo(f"cluster: graph of {details['n_neighbors']} neighbours, the most stable across halves "
                       f"of the seeds (adjusted Rand index {scores})")

    @app.command("validate")
    def validate(
        assign: Path = typer.Argument(..., metavar="ASSIGN", help="CSV id,cluster from `cluster`."),
        labels: Path = typer.Argument(..., metavar="LABELS", help="CSV or JSONL with ids and known labels."),
        id_field: str = typer.Option(None, "--id-field", help="Id field of LABELS (default: doc_id, else id)."),
        label_field: str = typer.Option("label", help="Label field of LABELS."),
    ) -> None:
        """Agreement of a clustering with known labels: NMI and ARI over the ids in both files."""
        from speechtopics.evaluate import agreement

        a = {str(r["id"]): r["cluster"] for r in read_table(assign, ["id", "cluster"])}
        rows = read_table(labels, [label_field])
        id_field = id_field_of(rows, id_field)
        truth = {str(r[id_field]): r[label_field] for r in read_table(labels, [id_field, label_field])}
        ids = [i for i in truth if i in a]
        if not ids:
            fail(f"{assign}: no id in common with {labels}")
        res = agreement([truth[i] for i in ids], [a[i] for i in ids])
        typer.echo(f"validate: n={len(ids)} NMI={res['nmi']:.4f} ARI={res['ari']:.4f}")
