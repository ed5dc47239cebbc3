"""The segment stage's token cache: per-paragraph tokens in parquet under ``data/interim/segment/``.

This module owns the cache layout. A folder per *token configuration* (hash of the options that change
tokens, the dictionary hash and the hash of this stage's code) holds one parquet file per chunk of
documents, named by the hash of the chunk's paragraph-text hashes; each row is one paragraph: ``key``
(sha1 of the text) and the three layers. Re-running the same corpus with the same options reads every
chunk back instead of segmenting; an edited lexicon or option, or changed segment code, selects another
folder, so stale tokens are never served. Writes are atomic (temporary file, then rename), so concurrent
workers and interrupted runs never leave half a file.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from pathlib import Path

from speechtopics import paths
from speechtopics.safeio import temp_file
from speechtopics.segment.core import LAYERS
from speechtopics.segment.options import WORD_LIST_FIELDS, SegmentConfig, token_options
from speechtopics.segment.resources import load_resources

__all__ = ["text_key", "options_key", "chunk_path", "read_chunk", "write_chunk"]


def text_key(text: str) -> str:
    """Hash of one paragraph's text."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def options_key(cfg: SegmentConfig) -> str:
    """Hash of everything that changes tokens: token options, the dictionary hash and this stage's code; the
    word lists by their contents alone (a project folder copied elsewhere keeps its paragraph tokens)."""
    options = {k: v for k, v in token_options(cfg).items() if k not in WORD_LIST_FIELDS}
    blob = json.dumps([options, load_resources(cfg).dict_hash, code_version()], sort_keys=True,
                      default=list)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]


@functools.lru_cache(maxsize=1)
def code_version() -> str:
    """Hash of the segment stage's code (the chunk task's module and every package module it imports):
    a new release that cuts or filters differently selects another cache folder instead of serving
    the tokens of the old code."""
    from speechtopics.codehash import code_hash

    return code_hash("speechtopics.segment.chain")


def chunk_path(cfg: SegmentConfig, keys: list[str], root: Path | None = None, phrases: str = "") -> Path:
    """Where the chunk whose paragraphs have ``keys`` is cached (under ``root``; default: the
    ``segment`` folder of :func:`speechtopics.paths.project_paths` of a default config); ``phrases``:
    the digest of the corpus phrases joined (:class:`~speechtopics.segment.phrases.PhraseTable`), if any,
    so that the tokens of one corpus's phrases are never served to another."""
    digest = hashlib.sha256("\n".join(keys).encode("ascii")).hexdigest()[:24]
    folder = options_key(cfg) + (f"-{phrases}" if phrases else "")
    return (root or paths.project_paths().interim / "segment") / folder / f"{digest}.parquet"


def read_chunk(path: Path, keys: list[str]) -> list[dict[str, list[str]]] | None:
    """Cached layers for ``keys`` (in order), or ``None`` on a miss or an unreadable file."""
    if not path.exists():
        return None
    import pyarrow.parquet as pq

    try:
        table = pq.read_table(path).to_pydict()
    except Exception:  # a corrupt entry is recomputed, never trusted
        return None
    if table.get("key") != keys:
        return None
    return [{name: list(table[name][i]) for name in LAYERS} for i in range(len(keys))]


def write_chunk(path: Path, keys: list[str], layers: list[dict[str, list[str]]]) -> None:
    """Store a chunk's layers atomically."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    cols = {"key": keys} | {name: [lay[name] for lay in layers] for name in LAYERS}
    schema = pa.schema([("key", pa.string())] + [(n, pa.list_(pa.string())) for n in LAYERS])
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = temp_file(path.parent)
    os.close(fd)
    pq.write_table(pa.table(cols, schema=schema), tmp)
    os.replace(tmp, path)
