"""Exact and near duplicates among cleaned documents.

This module owns marking documents whose body repeats an earlier one: exact duplicates by a hash of
the clean text, near duplicates by MinHash over character shingles (``datasketch``: seeded MinHash and
an LSH index for candidates, then the MinHash Jaccard estimate against the threshold). The first
document in input order is kept; later ones get status ``duplicate`` and a reason naming it.

Shingle hashes are computed with a vectorised polynomial hash in NumPy and handed to datasketch as
integers (``hashfunc=int``), because hashing every shingle with SHA-1 in Python would cost more than
all other cleaning steps together on a large corpus.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Sequence

import numpy as np
from datasketch import MinHash, MinHashLSH

__all__ = ["shingle_hashes", "minhash_of", "mark_duplicates"]

_MULT = np.uint64(1_000_003)


def shingle_hashes(text: str, k: int) -> np.ndarray:
    """Distinct 32-bit hashes of the ``k``-character shingles of ``text`` (whitespace removed).

    Parameters
    ----------
    text : str
        Document text.
    k : int
        Shingle length in characters.

    Returns
    -------
    numpy.ndarray
        Sorted unique ``uint64`` values below 2**32.
    """
    compact = "".join(text.split())
    cps = np.frombuffer(compact.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    if cps.size == 0:
        return np.zeros(0, dtype=np.uint64)
    if cps.size < k:
        k = int(cps.size)
    n = cps.size - k + 1
    h = np.zeros(n, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for j in range(k):
            h = h * _MULT + cps[j : j + n]
        h = (h ^ (h >> np.uint64(29))) * np.uint64(0xBF58476D1CE4E5B9)
        h = h ^ (h >> np.uint64(32))
    h = h & np.uint64(0xFFFFFFFF)
    # Keep the shingles whose hash is 0 mod 16 (or mod 4 for shorter texts): the same subset of the
    # shingle universe in every document of similar length, so Jaccard estimates stay unbiased, and
    # MinHash gets up to 16x cheaper. Texts too short for a sample keep every shingle. Documents whose
    # lengths differ enough to fall in different tiers cannot reach a 0.5+ Jaccard anyway.
    for mask in (np.uint64(15), np.uint64(3)):
        sampled = h[(h & mask) == 0]
        if sampled.size >= 256:
            return np.unique(sampled)
    return np.unique(h)


@functools.lru_cache(maxsize=4)
def _permutations(num_perm: int, seed: int):
    """datasketch's seeded permutations, drawn once per (num_perm, seed) instead of once per document."""
    template = MinHash(num_perm=num_perm, seed=seed)
    return template.permutations, template.scheme


def minhash_of(text: str, k: int, num_perm: int, seed: int) -> MinHash:
    """Seeded MinHash of a text's shingles, using datasketch's permutations.

    Parameters
    ----------
    text : str
        Document text.
    k : int
        Shingle length.
    num_perm : int
        Number of permutations.
    seed : int
        The run's seed (datasketch draws its permutations from it).

    Returns
    -------
    datasketch.MinHash
    """
    # shingles are hashed already (vectorised above); datasketch applies its seeded permutations
    perms, scheme = _permutations(num_perm, seed)
    m = MinHash(num_perm=num_perm, seed=seed, hashfunc=int, permutations=perms, scheme=scheme)
    hv = shingle_hashes(text, k)
    if hv.size:
        m.update_batch(hv.tolist())
    return m


def mark_duplicates(
    docs: Sequence[dict], threshold: float, k: int = 5, num_perm: int = 128, seed: int = 0
) -> None:
    """Mark exact and near duplicates in place (status ``duplicate``, reason names the kept doc).

    Parameters
    ----------
    docs : sequence of dict
        Clean records in a deterministic order; only those with status ``kept`` take part.
    threshold : float
        Jaccard threshold for near duplicates.
    k, num_perm, seed : int
        Shingle length, MinHash permutations, seed.
    """
    exact: dict[str, str] = {}
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    sketches: dict[str, MinHash] = {}
    for i, doc in enumerate(docs):
        if doc.get("status") != "kept":
            continue
        key = f"{i}:{doc.get('doc_id')}"
        digest = hashlib.sha1(doc["text"].encode("utf-8")).hexdigest()
        if digest in exact:
            _mark(doc, exact[digest], "exact duplicate of")
            continue
        m = minhash_of(doc["text"], k, num_perm, seed)
        candidates = sorted(lsh.query(m), key=lambda c: int(c.split(":", 1)[0]))
        match = next((c for c in candidates if sketches[c].jaccard(m) >= threshold), None)
        if match is not None:
            _mark(doc, match.split(":", 1)[1], "near duplicate of")
            continue
        exact[digest] = str(doc.get("doc_id"))
        lsh.insert(key, m)
        sketches[key] = m


def _mark(doc: dict, kept_id: str, how: str) -> None:
    doc["status"] = "duplicate"
    doc["reason"] = f"{how} {kept_id}"
