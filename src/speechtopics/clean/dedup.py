"""Exact and near duplicates among cleaned documents.

This module owns marking documents whose body repeats an earlier one: exact duplicates by a digest of
the clean text, near duplicates by MinHash over character shingles (``datasketch``: seeded MinHash and
an LSH index for candidates, then the MinHash Jaccard estimate against the threshold). Of each group of
copies the earliest-dated is kept (the first publication: a wire story dated the day of a speech rather
than a newspaper's reprint dated the day after), undated copies after dated ones, ties in input order;
the others get status ``duplicate`` and a reason naming it.

Shingle hashes are computed with a vectorised polynomial hash in NumPy, because hashing every shingle
with SHA-1 in Python would cost more than all other cleaning steps together on a large corpus; the
MinHash values are then computed in NumPy with datasketch's own seeded permutations and pre-mix (what
``MinHash.update_batch`` does after a per-item Python call). The LSH band parameters are chosen so that
99 % of the pairs at the threshold become candidates (:func:`_lsh_params`), once per (threshold,
num_perm); datasketch's own choice missed half the pairs just above the threshold.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Sequence

import numpy as np
from datasketch import MinHash, MinHashLSH

__all__ = ["shingle_hashes", "minhash_of", "mark_duplicates", "murmur_fmix", "text_digest", "fingerprint",
           "DuplicateIndex", "first_publication_order"]

_MULT = np.uint64(1_000_003)
# MurmurHash3's finalizer (fmix32, fmix64): shifts and multipliers per word width. datasketch applies it
# to every hashed item before its affine permutations; it is written out here rather than imported,
# since datasketch keeps it private (tests/clean/test_dedup_cli.py checks that the two agree).
_FMIX = {
    32: (np.uint32(16), np.uint32(0x85EBCA6B), np.uint32(13), np.uint32(0xC2B2AE35), np.uint32(16)),
    64: (np.uint64(33), np.uint64(0xFF51AFD7ED558CCD), np.uint64(33), np.uint64(0xC4CEB9FE1A85EC53),
         np.uint64(33)),
}


def murmur_fmix(hv: np.ndarray, width: int) -> np.ndarray:
    """MurmurHash3's finalizer on unsigned ``width``-bit integers (a bijection that mixes all bits)."""
    s1, m1, s2, m2, s3 = _FMIX[width]
    with np.errstate(over="ignore"):
        hv = hv ^ (hv >> s1)
        hv = hv * m1
        hv = hv ^ (hv >> s2)
        hv = hv * m2
        return hv ^ (hv >> s3)


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
    h = cps[:n].copy()
    tmp = np.empty_like(h)
    # in-place arithmetic (wrapping mod 2**64): no temporary array per step
    with np.errstate(over="ignore"):
        for j in range(1, k):
            np.multiply(h, _MULT, out=h)
            np.add(h, cps[j : j + n], out=h)
        np.right_shift(h, np.uint64(29), out=tmp)
        np.bitwise_xor(h, tmp, out=h)
        np.multiply(h, np.uint64(0xBF58476D1CE4E5B9), out=h)
        np.right_shift(h, np.uint64(32), out=tmp)
        np.bitwise_xor(h, tmp, out=h)
    np.bitwise_and(h, np.uint64(0xFFFFFFFF), out=h)
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
    # shingles are hashed already (vectorised above); datasketch's seeded permutations are applied to
    # them as MinHash.update_batch does (tests/clean/test_dedup_cli.py checks the two agree)
    perms, scheme = _permutations(num_perm, seed)
    m = MinHash(num_perm=num_perm, seed=seed, hashfunc=int, permutations=perms, scheme=scheme)
    hv = shingle_hashes(text, k)
    if hv.size:
        a, b = m.permutations
        dtype = m.hashvalues.dtype
        mixed = murmur_fmix(hv.astype(dtype).reshape(-1, 1), dtype.itemsize * 8)
        m.hashvalues = np.minimum(m.hashvalues, (mixed * a + b).min(axis=0))
    return m


#: Share of the pairs at exactly the threshold that the LSH index must offer as candidates.
CANDIDATE_RECALL = 0.99


@functools.lru_cache(maxsize=8)
def _lsh_params(threshold: float, num_perm: int) -> tuple[int, int]:
    """(bands, rows) of the LSH index: the most rows per band (the fewest false candidates) for which a
    pair at Jaccard ``threshold`` is a candidate with probability at least :data:`CANDIDATE_RECALL`,
    ``1 - (1 - threshold**rows)**bands``. Every candidate is then checked against the threshold, so a
    low candidate bar costs comparisons, not precision; datasketch's own choice, which weighs missed and
    false candidates equally, offers a pair at J = 0.92 only about half the time with 128 permutations.

    Examples
    --------
    >>> _lsh_params(0.9, 128)
    (12, 10)
    """
    for rows in range(num_perm, 0, -1):
        bands = num_perm // rows
        if 1 - (1 - threshold ** rows) ** bands >= CANDIDATE_RECALL:
            return bands, rows
    return num_perm, 1


def text_digest(text: str) -> bytes:
    """A 16-byte BLAKE2b digest of a clean text: exact duplicates are found by it, so the index holds 16
    bytes per document instead of the text (two different texts share a digest with probability about
    2**-128)."""
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()


def fingerprint(text: str, k: int, num_perm: int, seed: int) -> tuple[bytes, np.ndarray]:
    """What duplicate detection needs of one text: its digest and its MinHash values (computed where the
    document is cleaned, e.g. in a worker process; :class:`DuplicateIndex` takes them in order)."""
    return text_digest(text), minhash_of(text, k, num_perm, seed).hashvalues


class DuplicateIndex:
    """The corpus-wide step of duplicate detection: documents are offered one by one (in the order of
    :func:`first_publication_order`) and each is compared with the kept ones offered before it (exact:
    digest; near: MinHash LSH candidates, then the MinHash Jaccard estimate against ``threshold``).

    Parameters
    ----------
    threshold : float
        Jaccard threshold for near duplicates.
    num_perm, seed : int
        MinHash permutations and seed (those the fingerprints were computed with).
    action : {"drop", "keep"}
        Leave duplicates out or keep them with a note (see :func:`mark_duplicates`).
    """

    def __init__(self, threshold: float, num_perm: int = 128, seed: int = 0, action: str = "drop"):
        self.threshold, self.num_perm, self.seed, self.action = threshold, num_perm, seed, action
        self.exact: dict[bytes, str] = {}
        self.lsh = MinHashLSH(threshold=threshold, num_perm=num_perm, params=_lsh_params(threshold, num_perm))
        self.sketches: dict[str, MinHash] = {}

    def offer(self, doc: dict, digest: bytes, hashvalues: np.ndarray | None) -> None:
        """Mark ``doc`` in place when it repeats a document offered earlier, else remember it.
        ``hashvalues`` may be None for a document that is not ``kept``."""
        if doc.get("status") != "kept":
            return
        if digest in self.exact:
            _mark(doc, self.exact[digest], "exact duplicate of", self.action)
            return
        perms, scheme = _permutations(self.num_perm, self.seed)
        m = MinHash(num_perm=self.num_perm, seed=self.seed, hashvalues=hashvalues, permutations=perms,
                    scheme=scheme)
        candidates = sorted(self.lsh.query(m), key=lambda c: int(c.split(":", 1)[0]))
        match = next((c for c in candidates if self.sketches[c].jaccard(m) >= self.threshold), None)
        if match is not None:
            _mark(doc, match.split(":", 1)[1], "near duplicate of", self.action)
            return
        key = f"{len(self.sketches)}:{doc.get('doc_id')}"  # the earliest offered copy wins a tie
        self.exact[digest] = str(doc.get("doc_id"))
        self.lsh.insert(key, m)
        self.sketches[key] = m


def first_publication_order(dates: Sequence[str | None]) -> list[int]:
    """Positions in the order documents are offered to a :class:`DuplicateIndex`, so that of each group
    of copies the earliest-dated one is kept: dated documents by their (ISO) date, then undated ones,
    ties in input order."""
    return sorted(range(len(dates)), key=lambda i: (dates[i] in (None, ""), str(dates[i] or ""), i))


def mark_duplicates(
    docs: Sequence[dict], threshold: float, k: int = 5, num_perm: int = 128, seed: int = 0,
    action: str = "drop",
) -> None:
    """Mark exact and near duplicates in place (status ``duplicate``, reason names the kept doc).

    With ``action="keep"`` a duplicate keeps status ``kept`` and its reason reads
    ``kept: exact|near duplicate of <doc_id>``; later documents are still compared with the copy kept
    first.

    Parameters
    ----------
    docs : sequence of dict
        Clean records in a deterministic order; only those with status ``kept`` take part.
    threshold : float
        Jaccard threshold for near duplicates.
    k, num_perm, seed : int
        Shingle length, MinHash permutations, seed.
    action : {"drop", "keep"}
        Leave duplicates out (the default) or keep them with a note.
    """
    index = DuplicateIndex(threshold, num_perm, seed, action)
    for i in first_publication_order([d.get("date") for d in docs]):
        if docs[i].get("status") == "kept":
            index.offer(docs[i], *fingerprint(docs[i]["text"], k, num_perm, seed))


def _mark(doc: dict, kept_id: str, how: str, action: str) -> None:
    if action == "keep":
        doc["reason"] = f"kept: {how} {kept_id}"
        return
    doc["status"] = "duplicate"
    doc["reason"] = f"{how} {kept_id}"
