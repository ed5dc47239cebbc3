"""Topic tables: top words, labels and stability, representative passages, the sweep, seeded vs
unseeded models, and speech clusters. Every function returns a DataFrame in a stable order."""

from __future__ import annotations

import numpy as np
import pandas as pd

from speechtopics.models.lda import top_words


def topic_terms_table(topic_word: np.ndarray, dictionary, theta: np.ndarray, n: int = 10) -> pd.DataFrame:
    """One row per topic: its share of the corpus and its top ``n`` words (``word (p)``)."""
    share = theta.mean(axis=0)
    rows = []
    for t, words in enumerate(top_words(topic_word, dictionary, n)):
        rows.append({"topic": t + 1, "share": float(share[t]),
                     "top_words": " ".join(w for w, _ in words),
                     "top_words_prob": "; ".join(f"{w} ({p:.3f})" for w, p in words)})
    return pd.DataFrame(rows)


def topic_labels_table(words: list[dict], labels: list[str], share: np.ndarray, stability: np.ndarray,
                       threshold: float) -> pd.DataFrame:
    """One row per topic: suggested label, share, stability, an ``unstable`` flag, and its top words
    by probability, FREX and lift (from :func:`speechtopics.models.labels.topic_words`)."""
    return pd.DataFrame([{
        "topic": t + 1, "label": labels[t], "share": float(share[t]), "stability": float(stability[t]),
        "unstable": bool(stability[t] < threshold), "prob": " ".join(w["prob"]),
        "frex": " ".join(w["frex"]), "lift": " ".join(w["lift"])} for t, w in enumerate(words)])


def sweep_table(summary: pd.DataFrame) -> pd.DataFrame:
    """Criteria per K (means over seeds), admissibility, the rule's score and its SE, and the chosen K."""
    cols = ["k", "c_v", "c_npmi", "c_v_heldout", "c_npmi_heldout", "heldout_coverage", "u_mass", "heldout_ll",
            "perplexity", "diversity", "exclusivity", "stability", "stability_sd", "admissible", "score",
            "score_se", "chosen"]
    return summary[[c for c in cols if c in summary]].copy()


def model_comparison_table(rows: dict[str, dict]) -> pd.DataFrame:
    """Seeded vs unseeded (or any models): one row per model name with its scores."""
    return pd.DataFrame([{"model": name, **scores} for name, scores in rows.items()])


def cluster_table(doc_ids: list[str], labels: np.ndarray, theta_docs: np.ndarray, titles: dict[str, str],
                  topic_labels: list[str], n_topics: int = 3, n_members: int = 8) -> pd.DataFrame:
    """One row per speech cluster: size, its top topics (mean share) and member titles."""
    rows = []
    for c in sorted(set(labels.tolist())):
        idx = np.flatnonzero(labels == c)
        mean = theta_docs[idx].mean(axis=0)
        top = np.argsort(-mean, kind="stable")[:n_topics]
        rows.append({"cluster": int(c) + 1, "n_speeches": len(idx),
                     "top_topics": "; ".join(f"{t + 1} {topic_labels[t]} ({mean[t]:.2f})" for t in top),
                     "members": "; ".join(titles.get(doc_ids[i], doc_ids[i]) for i in idx[:n_members])
                     + (" …" if len(idx) > n_members else "")})
    return pd.DataFrame(rows)
