"""``speechtopics cluster`` and ``validate``: group any corpus of clean texts by policy or by rhetoric, and
score a grouping against known categories (NMI, ARI).

``cluster`` reads clean texts (JSONL or CSV; ``doc_id`` by default, as ``clean`` writes it), wraps them as a
corpus (:func:`speechtopics.models.speech_clusters.corpus_from_texts`) and runs
:func:`speechtopics.cluster` with ``--by policy|rhetoric|both`` and ``--method lda|embedding`` (defaults:
the config's ``cluster`` slice). It writes ``id,cluster`` and, with ``--details DIR``, the per-cluster
tables (summary with recurrence, FREX words, exemplars, separating features, the k rule's curve).
"""

from __future__ import annotations

import json
from pathlib import Path

import typer

from speechtopics.commands._common import ConfigOption, IdFieldOption, TextFieldOption, TitleFieldOption, fail, load


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
        out: Path = typer.Option(..., "--out", "-o", dir_okay=False, help="Output CSV with columns id,cluster."),
        k: int = typer.Option(None, "--k", min=2, help="Number of clusters (default: cluster.k, else the stability rule)."),
        by: str = typer.Option(None, "--by", help="policy, rhetoric or both (default: cluster.by)."),
        method: str = typer.Option(None, "--method", help="lda or embedding (default: cluster.method)."),
        n_seeds: int = typer.Option(None, "--n-seeds", min=1, help="Runs compared for stability (default: cluster.n_seeds)."),
        text_field: str = TextFieldOption,
        id_field: str | None = IdFieldOption,
        title_field: str | None = TitleFieldOption,
        details: Path = typer.Option(None, "--details", help="Folder for the per-cluster tables (CSV)."),
        seed: int = typer.Option(None, min=0, max=2**32 - 1, help="Random seed (default: the config's seed)."),
        config: Path = ConfigOption,
    ) -> None:
        """Cluster texts by policy (content words) or rhetoric (the rhetoric stage's features), or both."""
        import pandas as pd

        from speechtopics.models.speech_clusters import BY, METHODS, cluster as run_cluster, corpus_from_texts

        cfg = load(config)
        by = cfg.cluster.by if by is None else by
        method = cfg.cluster.method if method is None else method
        k = cfg.cluster.k if k is None else k
        n_seeds = cfg.cluster.n_seeds if n_seeds is None else n_seeds
        if by not in BY:
            fail(f"--by: {by!r} is not one of {', '.join(map(repr, BY))}")
        if method not in METHODS:
            fail(f"--method: {method!r} is not one of {', '.join(map(repr, METHODS))}")
        if k is not None and k < 2:
            fail(f"--k must be >= 2 (got {k})")
        if n_seeds < 1:
            fail(f"--n-seeds must be >= 1 (got {n_seeds})")
        rows = read_table(input_, [text_field])
        id_field = id_field_of(rows, id_field)
        rows = read_table(input_, [text_field, id_field] + ([title_field] if title_field else []))
        rows = [r for r in rows if r.get("status", "kept") == "kept"]  # clean's dropped rows carry no text
        if k is not None and len(rows) < k:
            fail(f"{input_}: {len(rows)} texts for k={k}")
        seed = cfg.seed if seed is None else seed
        ids = [str(r[id_field]) for r in rows]
        if len(set(ids)) < len(ids):
            fail(f"{input_}: the ids in {id_field!r} are not unique")
        names = [str(r[title_field]) for r in rows] if title_field else ids
        corpus = corpus_from_texts(ids, [str(r[text_field] or "") for r in rows], names, cfg)
        try:
            res = run_cluster(corpus, k, by=by, method=method, seed=seed, n_seeds=n_seeds)
        except ImportError as exc:
            fail(f"--method {method} is not available ({exc})")
        except ValueError as exc:
            fail(str(exc).splitlines()[0])
        got = dict(zip(res.assignments["doc_id"], res.assignments["cluster"]))
        out.parent.mkdir(parents=True, exist_ok=True)
        pd.DataFrame({"id": ids, "cluster": [int(got.get(i, -1)) for i in ids]}).to_csv(
            out, index=False, lineterminator="\n")
        if details is not None:
            details.mkdir(parents=True, exist_ok=True)
            tables = {"clusters": res.clusters, "words": res.words, "exemplars": res.exemplars,
                      "features": res.features, "assignments": res.assignments, "k_curve": res.k_curve}
            for name, table in tables.items():
                if table is not None:
                    table.to_csv(details / f"{name}.csv", index=False, lineterminator="\n")
        chosen = "" if res.k_curve is None else " (k chosen by the stability rule)"
        typer.echo(f"cluster: {len(ids)} texts -> {res.k} clusters{chosen} by {by} ({method}) -> {out}")
        weak = res.clusters.loc[~res.clusters["recurs"], "cluster"].tolist()
        typer.echo(f"cluster: agreement across {len(res.seeds)} seeds ARI {res.stability:.3f}; "
                   + (f"clusters that do not recur (Jaccard < 0.5): {weak}" if weak else "every cluster recurs"))
        if res.left_out:
            typer.echo(f"cluster: {len(res.left_out)} texts with no content word left are written as cluster -1")

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
