"""The embedding notebook's work as library calls: speech vectors, clusters, labels, map, agreement.

:func:`embed_speeches` embeds, clusters, labels and maps segmented speeches (pure; cached by
:meth:`speechtopics.project.Project.embeddings`). The table builders return DataFrames for ``save_table``; the run
table records which vectorizer and which encoder were used.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from speechtopics.evaluate import agreement
from speechtopics.models import cluster as cl
from speechtopics.models import embeddings as em

#: Fewer speeches than this get no 2-D map (a map of a handful of points shows nothing, and UMAP's
#: spectral initialisation fails on them); their coordinates come from PCA and are not drawn.
MIN_MAP_DOCS = 10


@dataclass
class SpeechEmbeddings:
    """Vectors, clusters and 2-D map of one set of speeches."""

    doc_ids: list[str]
    titles: list[str]  # display names (title, file name or date and opening words)
    tokens: list[list[str]]
    vectors: np.ndarray
    labels: np.ndarray
    coords: np.ndarray
    terms: dict[int, list[tuple[str, float]]]
    representatives: dict[int, list[int]]
    vectorizer: str
    encoder: str | None
    seed: int
    seconds: dict[str, float] = field(default_factory=dict)

    def centre_labels(self, n: int = 3) -> dict[int, str]:
        """Cluster -> its first ``n`` FREX words (:func:`~speechtopics.models.cluster.class_frex`) that
        can name it, joined with ``·``: the words that tell the clusters apart, for the map. As topic
        labels (:func:`~speechtopics.models.labels.label_words`), no person's name (江泽民) and no part
        of a word already taken."""
        from speechtopics.models.labels import label_words

        return {c: "·".join(label_words([w for w, _ in ws], n))
                for c, ws in self.distinctive_terms(max(10, 5 * n)).items()}

    def distinctive_terms(self, n: int = 10) -> dict[int, list[tuple[str, float]]]:
        """Cluster -> its top ``n`` words by FREX over the clusters."""
        return cl.class_frex(self.tokens, self.labels, n)


def embed_speeches(docs: list[dict], cfg, encoder: em.TextEncoder | None = None,
                   encoder_vectors: np.ndarray | None = None) -> SpeechEmbeddings:
    """Embed, cluster, label and map segmented speeches (pure: no I/O).

    Parameters
    ----------
    docs : list of dict
        Segmented documents (``doc_id, display_name`` or ``title``, ``text, tokens``).
    cfg : Config
        The run config (``embeddings`` slice and ``seed``).
    encoder, encoder_vectors
        For ``vectorizer: encoder``: an encoder, or its (cached) vectors for ``docs``.
    """
    ecfg, seed, t = cfg.embeddings, cfg.seed, {}
    texts, tokens = [d.get("text", "") for d in docs], [list(d.get("tokens", [])) for d in docs]
    t0 = time.perf_counter()
    if encoder_vectors is not None:
        X = np.asarray(encoder_vectors, dtype=np.float64)
    else:
        X, _ = em.embed_texts(texts, ecfg, seed, tokens=tokens, encoder=encoder)
    t["vectors"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    k = min(ecfg.k, len(docs))
    labels = cl.EmbeddingClusterer.from_config(ecfg, k, seed, len(docs)).fit(X).labels_
    labels = np.where(labels >= 0, labels + 1, labels)  # numbered from 1 as topics and speech clusters; -1 noise
    t["cluster"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    # UMAP's spectral start needs more points than a handful; a tiny corpus gets a PCA (or flat) map,
    # which notebook 03 does not draw (fewer than MIN_MAP_DOCS speeches)
    name = ecfg.map_reducer if len(docs) >= MIN_MAP_DOCS else ("pca" if len(docs) >= 2 else "none")
    reducer = cl.make_reducer(name, min(2, len(docs)), seed, len(docs))
    coords = (np.zeros((len(docs), 2)) if reducer is None
              else np.asarray(reducer.fit_transform(X), dtype=np.float64))
    if coords.shape[1] < 2:
        coords = np.hstack([coords, np.zeros((len(docs), 2 - coords.shape[1]))])
    t["map"] = time.perf_counter() - t0
    enc = (encoder.name if encoder else em.get_encoder(ecfg.encoder).name) \
        if ecfg.vectorizer == "encoder" else None
    return SpeechEmbeddings([d["doc_id"] for d in docs], [display_name(d) for d in docs],
                            tokens, X, labels, coords, cl.class_tfidf(tokens, labels, 10),
                            cl.representative(X, labels, ecfg.n_representative), ecfg.vectorizer, enc, seed, t)


def display_name(doc: dict) -> str:
    """The name a reader recognises (``display_name``, else ``title``, else ``doc_id``)."""
    return doc.get("display_name") or doc.get("title") or doc["doc_id"]


# ---- tables -------------------------------------------------------------------------------------
def cluster_table(res: SpeechEmbeddings, docs: list[dict], n_words: int = 10) -> pd.DataFrame:
    """One row per cluster: size, top c-TF-IDF words, top FREX words (``distinctive_words``, the map's
    labels), representative speeches and a passage."""
    text = {d["doc_id"]: d.get("text", "") for d in docs}
    rows = []
    distinctive = res.distinctive_terms(n_words)
    for c, words in res.terms.items():
        reps = res.representatives.get(c, [])
        rows.append({"cluster": c, "size": int((res.labels == c).sum()),
                     "top_words": " ".join(w for w, _ in words[:n_words]),
                     "distinctive_words": " ".join(w for w, _ in distinctive.get(c, [])),
                     "representative": "; ".join(res.titles[i] for i in reps),
                     "passage": _passage(text.get(res.doc_ids[reps[0]], "")) if reps else ""})
    return pd.DataFrame(rows)


def _passage(text: str, n: int = 120) -> str:
    """The first substantial paragraph (≥ 40 characters), cut to ``n`` characters."""
    paras = [p.strip() for p in text.splitlines() if len(p.strip()) >= 40] or [text.strip()]
    return paras[0][:n]


def assignment_table(res: SpeechEmbeddings) -> pd.DataFrame:
    """One row per speech: id, display name, cluster, map coordinates."""
    return pd.DataFrame({"doc_id": res.doc_ids, "display_name": res.titles, "cluster": res.labels,
                         "x": res.coords[:, 0], "y": res.coords[:, 1]})


def run_table(res: SpeechEmbeddings, cfg) -> pd.DataFrame:
    """What this run used: vectorizer, encoder (or none: no pretrained model), reducer, clusterer, seed."""
    e = cfg.embeddings
    rows = [("vectorizer", res.vectorizer), ("encoder", res.encoder or "none (trained on this corpus)"),
            ("reducer", e.reducer), ("map_reducer", e.map_reducer), ("clusterer", e.clusterer),
            ("k", str(len({int(x) for x in res.labels if x >= 1}))),  # clusters 1 … k; -1 is noise
            ("seed", str(res.seed)), ("speeches", str(len(res.doc_ids)))]
    return pd.DataFrame(rows, columns=["setting", "value"])


def lda_speech_clusters(units: list[dict], theta: np.ndarray) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Speech-level LDA shares (token-weighted over units) and each speech's dominant topic (numbered from
    1, as topics are in every table)."""
    from speechtopics.corpus import aggregate_to_docs

    ids, shares = aggregate_to_docs(units, theta)
    return ids, shares, shares.argmax(1) + 1


def lda_agreement(res: SpeechEmbeddings, lda_ids: list[str], lda_shares: np.ndarray,
                  lda_clusters=None, n: int = 5, name_b: str = "topic") -> dict[str, pd.DataFrame]:
    """Agreement of embedding clusters with LDA speech clusters on the speeches both have.

    Parameters
    ----------
    res : SpeechEmbeddings
    lda_ids : list of str
        Speech ids of the LDA doc-topic matrix rows.
    lda_shares : array (n_speeches, k)
        LDA doc-topic matrix.
    lda_clusters : mapping or array, optional
        doc_id -> LDA cluster (or one per ``lda_ids`` row); default the dominant topic (1-based, as
        :func:`lda_speech_clusters` gives it).
    n : int
        Nearest neighbours compared per speech.
    name_b : str
        What the contingency's columns count (``topic 1``, ``topic 2`` … by default).

    Returns
    -------
    dict
        ``summary`` (NMI, ARI, n), ``contingency`` and ``neighbours`` DataFrames.
    """
    pos = {d: i for i, d in enumerate(lda_ids)}
    if lda_clusters is None:  # the dominant topic, numbered from 1 as topics are everywhere else
        lda_clusters = lda_shares.argmax(1) + 1
    if not isinstance(lda_clusters, dict):
        lda_clusters = dict(zip(lda_ids, np.asarray(lda_clusters).tolist()))
    both = [i for i, d in enumerate(res.doc_ids) if d in pos and d in lda_clusters]
    a = [int(res.labels[i]) for i in both]
    b = [int(lda_clusters[res.doc_ids[i]]) for i in both]
    summary = pd.DataFrame([agreement(a, b)])
    theta = lda_shares[[pos[res.doc_ids[i]] for i in both]]
    nb = cl.neighbours_both([res.doc_ids[i] for i in both], res.vectors[both], theta, n,
                            [res.titles[i] for i in both])
    return {"summary": summary, "contingency": cl.contingency(a, b, name_b=name_b), "neighbours": nb}


def word_neighbour_table(token_lists, cfg, queries=None, kind: str = "word2vec") -> pd.DataFrame:
    """Nearest corpus words of each query word (Word2Vec or FastText trained here, seeded)."""
    e = cfg.embeddings
    wv = em.train_word_vectors(token_lists, kind, e.dim, e.window, e.min_count, e.epochs, cfg.seed)
    rows = []
    for q in queries or e.word_queries:
        if q in wv.key_to_index or kind == "fasttext":
            nb = wv.most_similar(q, topn=e.n_neighbors)
            rows.append({"query": q, "model": kind, "neighbours": " ".join(w for w, _ in nb),
                         "similarity": " ".join(f"{s:.2f}" for _, s in nb)})
        else:
            rows.append({"query": q, "model": kind, "neighbours": "(not in vocabulary)", "similarity": ""})
    return pd.DataFrame(rows)
