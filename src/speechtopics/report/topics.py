"""Topic tables: top words per topic with their probabilities, in a stable order."""

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
