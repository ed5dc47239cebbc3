"""Test helper: small fitted topic models satisfying the protocol ``estimate_effect`` reads.

``fitted_model`` wraps a gensim ``LdaModel`` fitted on a tiny planted corpus (the stand-in of
``speechtopics.models.effect_simulation``); swap its body for ``speechtopics.TopicModel`` once that exists.
Models are cached per argument set, so tests must not mutate them.
"""

from __future__ import annotations

from functools import lru_cache

from speechtopics.models.effect_simulation import fit_stand_in, simulate_corpus


@lru_cache(maxsize=8)
def fitted_model(n_docs: int = 80, doc_len: int = 30, k: int = 3, seed: int = 3, unit: str = "speech",
                 passes: int = 4):
    """A fitted stand-in: ``documents_`` has ``doc_id, title, date, year, group``."""
    sim = simulate_corpus(n_docs=n_docs, doc_len=doc_len, k=k, seed=seed)
    return fit_stand_in(sim, k=k, seed=seed, passes=passes, unit=unit, unit_len=10)
