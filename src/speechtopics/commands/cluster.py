"""``speechtopics cluster`` and ``validate``: group any corpus of clean texts by policy or by rhetoric, and
score a grouping against known categories (NMI, ARI).

``cluster`` reads clean texts (JSONL or CSV; ``doc_id`` by default, as ``clean`` writes it), wraps them as a
corpus (:func:`speechtopics.models.speech_clusters.corpus_from_texts`) and runs
:func:`speechtopics.cluster` with ``--by policy|rhetoric|both`` and ``--method lda|embedding`` (defaults:
the config's ``cluster`` slice). It writes ``id,cluster`` (and ``source_id``, the id column of the table
``clean`` read, when its output holds one) and, with ``--details DIR``, the per-cluster
tables (:meth:`~speechtopics.models.cluster_result.SpeechClusters.save`: assignments, summary with
recurrence, FREX words, exemplars, separating features, each seed's run, the k rule's curve, and with
``--method lda`` the words of the clustering's own LDA topics, the ``topic_t`` features). Texts
are shown by ``--title-field``, else the ``display_name`` clean wrote, else the table's title column as
``ingest`` finds it (标题 …), else by date and opening words; in ``clean``'s output
a kept copy (its ``reason``) counts with its original as one speech, as in :func:`speechtopics.cluster`.
"""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import typer

from speechtopics.commands._common import (
    ConfigOption,
    DateFieldOption,
    IdFieldOption,
    MetaFieldOption,
    SheetOption,
    TextFieldOption,
    check_out,
    check_seed,
    check_writable,
    fail,
    load,
)


def _rows_of(path: Path, sheet: str | None = None) -> list:
    """The rows of a JSONL, JSON (an array, or the one an API wraps it in: ``json_records``), CSV/TSV or
    Excel file (``sheet``, else every sheet in order, as ``ingest`` reads a workbook)."""
    import pandas as pd

    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson"):
        rows = []
        with open(path, encoding="utf-8-sig") as fh:
            for n, line in enumerate(fh, 1):
                if line.strip():
                    try:
                        rows.append(json.loads(line))
                    except json.JSONDecodeError as exc:
                        raise ValueError(f"line {n}: not valid JSON ({exc.msg} column {exc.colno})") from None
        return rows
    if suffix == ".json":
        from speechtopics.table_cells import json_records

        return json_records(json.loads(path.read_text(encoding="utf-8-sig")))
    if suffix in (".csv", ".tsv"):
        return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig",
                           sep="\t" if suffix == ".tsv" else ",").to_dict("records")
    if suffix in (".xlsx", ".xls", ".ods"):
        try:
            sheets = pd.read_excel(path, dtype=str, sheet_name=[sheet] if sheet is not None else None)
        except ValueError as exc:  # a sheet it does not have
            if sheet is not None and f"'{sheet}'" in str(exc):
                fail(f"{path}: no sheet {sheet!r} (sheets: {', '.join(pd.ExcelFile(path).sheet_names)})")
            raise
        return [row for table in sheets.values() for row in table.fillna("").to_dict("records")]
    fail(f"{path}: unsupported format (use .jsonl, .json, .csv, .tsv or a spreadsheet)")


def read_table(path: Path, fields: list[str], sheet: str | None = None, option: str | None = None) -> list[dict]:
    """Rows of a JSONL, JSON, CSV/TSV or Excel file (``sheet``, else every sheet) with the named fields
    present (one-line errors, exit 2; ``option``, e.g. ``--text-field``, is named as the way to give another)."""
    if not path.exists():
        fail(f"{path}: no such file")
    try:
        rows = _rows_of(path, sheet)
    except (ValueError, UnicodeDecodeError, OSError) as exc:
        fail(f"{path}: cannot be read ({str(exc).splitlines()[0]})")
    if not rows:
        fail(f"{path}: no rows")
    require_fields(rows, fields, path, option)
    return rows


def require_fields(rows: list, fields: list[str], path: Path, option: str | None = None) -> None:
    """Exit 2 with the missing-field message unless every row has every field; ``option`` (the command's
    option that names the field) is said as the way to name another."""
    from speechtopics.records import missing_field

    names = list(dict.fromkeys(k for r in rows if isinstance(r, dict) for k in r))
    for f in fields:
        if not all(isinstance(r, dict) and f in r for r in rows):
            line = str(missing_field(f, names, "field", str(path)))
            if option:
                line += (" Give" if line.endswith("?") else "; give") + f" the column with {option}"
            fail(line)


def id_field_of(rows: list[dict], given: str | None) -> str:
    """The id field: the one given, else ``doc_id`` (as ``clean`` writes it) when every row has one, else
    ``id``; when no row has either, every row gets ``id`` = its row number (``row1``, ``row2`` ...)."""
    if given:
        return given
    if rows and all(isinstance(r, dict) and "doc_id" in r for r in rows):
        return "doc_id"
    if rows and not any(isinstance(r, dict) and "id" in r for r in rows):
        for n, r in enumerate(rows, 1):
            if isinstance(r, dict):
                r["id"] = f"row{n}"
    return "id"


#: Fields every record of ``speechtopics clean``'s output has (its kept and its left-out documents alike).
CLEAN_RECORD_FIELDS = ("doc_id", "source", "status", "reason", "paragraphs")


def is_clean_output(rows: list) -> bool:
    """Whether ``rows`` are ``speechtopics clean``'s output: every row has :data:`CLEAN_RECORD_FIELDS`."""
    return bool(rows) and all(isinstance(r, dict) and all(f in r for f in CLEAN_RECORD_FIELDS) for r in rows)


def names_of(rows: list[dict], title_field: str | None, ids: list[str], text_field: str = "text",
             date_field: str | None = None) -> list[str]:
    """The name each text is shown by (exemplars, ``display_name``): the ``title_field`` given; else
    ``display_name`` as ``clean`` writes it (the title, told apart when titles repeat); else the table's
    title column as ``ingest`` and ``clean`` find it (``title``, 标题, 题目 …:
    :func:`speechtopics.records.default_field`). A text without a title is shown as ``clean`` shows it:
    its date (``date_field``, else the table's date column, found the same way) and opening words, else
    its id; names that texts share are told apart by the date, then the id (:func:`speechtopics.clean.stream.unique_names`).

    Examples
    --------
    >>> names_of([{"title": "讲话"}, {"title": ""}], None, ["a", "b"])
    ['讲话', 'b']
    >>> names_of([{"display_name": "讲话（1）", "title": "讲话"}], None, ["a"])
    ['讲话（1）']
    >>> names_of([{"标题": "国际联播快讯", "日期": "20221108"}, {"标题": "国际联播快讯", "日期": "20221112"},
    ...           {"标题": "", "日期": "2020-05-19", "text": "同学们：来信收到了，得知你们"}], None, ["a", "b", "c"])
    ['国际联播快讯（20221108）', '国际联播快讯（20221112）', '2020-05-19 来信收到了，得知你们']
    """
    from speechtopics.clean.stream import display_name, unique_names
    from speechtopics.records import default_field

    columns = list(dict.fromkeys(k for r in rows if isinstance(r, dict) for k in r))
    if title_field is None and "display_name" in columns:
        return [str(r.get("display_name") or "").strip() or i for r, i in zip(rows, ids)]
    title = title_field or default_field(columns, "title")
    date = date_field or default_field(columns, "date")
    docs = [{"title": str(r.get(title) or "") if title else "", "date": str(r.get(date) or "") if date else "",
             "text": str(r.get(text_field) or ""), "source": "#", "doc_id": i} for r, i in zip(rows, ids)]
    return unique_names([display_name(d) for d in docs], docs)


def source_ids_of(rows: list[dict]) -> list[str] | None:
    """The id each row had in the user's own table (``meta.source_id``, as ``ingest`` and ``clean`` keep
    a table's id column), or None when no row has one; a row without one gets an empty string.

    Examples
    --------
    >>> source_ids_of([{"doc_id": "d1", "meta": {"source_id": "HB0001"}}, {"doc_id": "d2", "meta": {}}])
    ['HB0001', '']
    >>> source_ids_of([{"doc_id": "d1"}]) is None
    True
    """
    ids = [r.get("meta").get("source_id") if isinstance(r, dict) and isinstance(r.get("meta"), dict) else None
           for r in rows]
    if all(i is None for i in ids):
        return None
    return ["" if i is None else str(i) for i in ids]


def left_out_by_clean(rows: list[dict]) -> list[bool]:
    """Which rows ``speechtopics clean`` left out (status ``dropped`` or ``duplicate``: no text to cluster).

    Only rows of a clean output (every row has :data:`CLEAN_RECORD_FIELDS`) are read so; a ``status``
    column of any other table is the user's own metadata (在任, 离任) and leaves nothing out.

    Examples
    --------
    >>> left_out_by_clean([{"text": "…", "status": "离任"}])
    [False]
    >>> clean = dict.fromkeys(CLEAN_RECORD_FIELDS, "")
    >>> left_out_by_clean([{**clean, "status": "kept"}, {**clean, "status": "dropped"}])
    [False, True]
    """
    if not is_clean_output(rows):
        return [False] * len(rows)
    return [r.get("status") != "kept" for r in rows]


def register(app: typer.Typer) -> None:
    @app.command("cluster")
    def cluster(
        input_: Path = typer.Argument(..., metavar="INPUT", help="JSONL or CSV of already-clean texts."),
        out: Path = typer.Option(..., "--out", "-o", dir_okay=False, help="Output CSV with columns id,cluster "
                             "(and source_id: the id column of the table clean read)."),
        k: int = typer.Option(None, "--k", help="Number of clusters (default: cluster.k, else the stability rule)."),
        by: str = typer.Option(None, "--by", help="policy, rhetoric or both (default: cluster.by)."),
        method: str = typer.Option(None, "--method", help="lda or embedding (default: cluster.method)."),
        n_seeds: int = typer.Option(None, "--n-seeds", help="Runs compared for stability (default: cluster.n_seeds)."),
        text_field: str = TextFieldOption,
        id_field: str | None = IdFieldOption,
        title_field: str | None = typer.Option(
            None, "--title-field", help="Name shown for each text in the exemplars (default: display_name as "
            "clean writes it, else a 'title' column if any, else the id)."),
        sheet: str | None = SheetOption,
        date_field: str | None = DateFieldOption,
        meta_field: list[str] | None = MetaFieldOption,
        details: Path = typer.Option(None, "--details", help="Folder for the per-cluster tables (CSV)."),
        seed: int = typer.Option(None, help="Random seed (default: the config's seed)."),
        config: Path = ConfigOption,
    ) -> None:
        """Cluster texts by policy (content words) or rhetoric (the rhetoric stage's features), or both."""
        import pandas as pd

        from speechtopics.models.speech_clusters import (BY, METHODS, corpus_from_texts, one_paragraph_lines,
                                                         weak_partition)
        from speechtopics.models.speech_clusters import cluster as run_cluster

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
        if n_seeds < 2:
            fail(f"--n-seeds must be >= 2: stability and recurrence compare runs across seeds (got {n_seeds})")
        check_seed(seed)
        check_out(out, input_)
        if details is not None and details.exists() and not details.is_dir():
            fail(f"--details {details}: is a file; give a folder for the per-cluster tables")
        if details is not None:
            check_writable(details, "--details", folder=True)
        rows = read_table(input_, [text_field], sheet, "--text-field")
        # the fields named are checked before id_field_of numbers rows as ``id``: an error lists the table's own
        require_fields(rows, [f for f in (title_field, date_field, *(meta_field or ())) if f], input_)
        id_field = id_field_of(rows, id_field)
        require_fields(rows, [id_field], input_)
        all_ids = [str(r[id_field]) for r in rows]
        all_rows = rows
        if len(set(all_ids)) < len(all_ids):
            fail(f"{input_}: the ids in {id_field!r} are not unique")
        from_clean = is_clean_output(rows)  # its reasons name the kept copies: one speech with their original
        by_clean = left_out_by_clean(rows)  # clean's dropped rows carry no text: written as cluster -1
        rows = [r for r, dropped in zip(rows, by_clean) if not dropped]
        empty = [str(r[id_field]) for r in rows if not str(r[text_field] or "").strip()]
        rows = [r for r in rows if str(r[text_field] or "").strip()]
        if k is not None and len(rows) < k:
            fail(f"{input_}: k={k} clusters (--k or cluster.k) is more than its {len(rows)} texts with text"
                 + (f" ({len(empty)} empty)" if empty else "") + f"; give a k of at most {len(rows)}")
        if not rows:
            fail(f"{input_}: every text in {text_field!r} is empty")
        seed = cfg.seed if seed is None else seed
        ids = [str(r[id_field]) for r in rows]
        reasons = [r.get("reason") for r in rows] if from_clean else None
        # clean's paragraphs hold the sections it found: the units read_corpus would make of the same input
        paragraphs = [r.get("paragraphs") for r in rows] if from_clean and text_field == "text" else None
        names = names_of(rows, title_field, ids, text_field, date_field)
        kept_sources = source_ids_of(rows)  # the user's own ids: a column of the assignments, as in the API
        meta = None if kept_sources is None else [{"source_id": i} for i in kept_sources]
        corpus = corpus_from_texts(ids, [str(r[text_field]) for r in rows], names, cfg, reasons, paragraphs, meta)
        try:
            with warnings.catch_warnings():  # its "cluster: ..." warnings are said below as lines of their own
                warnings.filterwarnings("ignore", message="cluster: ", category=UserWarning)
                res = run_cluster(corpus, k, by=by, method=method, seed=seed, n_seeds=n_seeds)
        except ImportError as exc:
            fail(f"--method {method} is not available ({exc})")
        except ValueError as exc:
            fail(f"{input_}: {str(exc).splitlines()[0]}")
        got = dict(zip(res.assignments["doc_id"], res.assignments["cluster"]))
        out.parent.mkdir(parents=True, exist_ok=True)
        table = pd.DataFrame({"id": all_ids, "cluster": [int(got.get(i, -1)) for i in all_ids]})
        if (source_ids := source_ids_of(all_rows)) is not None:  # the id column of the user's own table
            table["source_id"] = source_ids
        for name in meta_field or ():  # the user's own columns asked for, beside each text's cluster
            table[name] = [r.get(name) for r in all_rows]
        table.to_csv(out, index=False, lineterminator="\n")
        if details is not None:  # the files SpeechClusters.save writes from the API
            res.save(details)
        chosen = "" if res.k_curve is None else " (k chosen by the stability rule)"
        how = "" if by == "rhetoric" else f" ({method})"  # the rhetoric features are no model's
        typer.echo(f"cluster: {len(ids)} texts -> {res.k} clusters{chosen} by {by}{how} -> {out}")
        weak = res.clusters.loc[~res.clusters["recurs"], "cluster"].tolist()
        typer.echo(f"cluster: agreement across {len(res.seeds)} seeds ARI {res.stability:.3f}; "
                   + (f"clusters that do not recur (mean Jaccard 0.5 or below): {weak}" if weak else "every cluster recurs"))
        for line in [*one_paragraph_lines(corpus.records, by), *weak_partition(res)]:
            typer.echo(line)
        if res.left_out:
            typer.echo(f"cluster: {len(res.left_out)} texts with no content word left are written as cluster -1")
        if empty:
            typer.echo(f"cluster: {len(empty)} empty texts are written as cluster -1")
        if any(by_clean):
            typer.echo(f"cluster: {sum(by_clean)} texts that clean left out (status dropped or duplicate) are "
                       "written as cluster -1")

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
        id_field = id_field_of(rows, id_field)  # rows without an id are numbered row1, row2 ... as cluster numbers them
        require_fields(rows, [id_field], labels)
        truth = {str(r[id_field]): r[label_field] for r in rows}
        ids = [i for i in truth if i in a]
        if not ids:
            fail(f"{assign}: no id in common with {labels}")
        res = agreement([truth[i] for i in ids], [a[i] for i in ids])
        typer.echo(f"validate: n={len(ids)} NMI={res['nmi']:.4f} ARI={res['ari']:.4f}")
        placed = [i for i in ids if str(a[i]) != "-1"]  # cluster -1: texts the clustering could not place
        if 0 < len(placed) < len(ids):
            part = agreement([truth[i] for i in placed], [a[i] for i in placed])
            typer.echo(f"validate: {len(ids) - len(placed)} texts are in no cluster (-1), counted above as one "
                       f"more cluster; over the {len(placed)} placed: NMI={part['nmi']:.4f} ARI={part['ari']:.4f}")
