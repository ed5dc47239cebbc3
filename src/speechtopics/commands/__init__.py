"""Command modules of the ``speechtopics`` CLI; each exposes ``register(app: typer.Typer)``."""
