"""Options of the embedding route (the ``embeddings:`` slice of the config)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class EmbeddingConfig:
    """Document vectors, reduction and clustering."""

    vectorizer: str = "doc2vec"
    dim: int = 100
    reducer: str = "umap"
    clusterer: str = "kmeans"
    k: int = 8
    encoder: str | None = None
