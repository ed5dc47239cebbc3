"""The one cache boundary: stage outputs stored in ``data/interim`` keyed by input and config hashes.

A stage never reads or writes the cache itself; the project (:class:`speechtopics.project.Project`) asks :func:`cached` for a
value, giving a key built from the hashes of everything the stage depends on. Values are pickled with
joblib (atomic write: temp file, then rename), so an interrupted run never leaves a half-written entry.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import joblib

T = TypeVar("T")


def hash_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def hash_file(path: Path, chunk: int = 1 << 20) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while block := fh.read(chunk):
            h.update(block)
    return h.hexdigest()


def hash_obj(obj: Any) -> str:
    """Hash of a JSON-serialisable object (sorted keys), e.g. a config slice or a list of hashes."""
    from speechtopics.config import to_dict

    blob = json.dumps(to_dict(obj), sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


class Cache:
    """A folder of joblib pickles named ``<stage>/<key>.joblib``."""

    def __init__(self, root: Path, enabled: bool = True):
        self.root = Path(root)
        self.enabled = enabled
        self.hits: list[str] = []
        self.misses: list[str] = []

    def path(self, stage: str, key: str) -> Path:
        return self.root / stage / f"{key[:24]}.joblib"

    def get(self, stage: str, key: str) -> tuple[bool, Any]:
        p = self.path(stage, key)
        if self.enabled and p.exists():
            try:
                return True, joblib.load(p)
            except Exception:  # a corrupt entry is recomputed, never trusted
                p.unlink(missing_ok=True)
        return False, None

    def put(self, stage: str, key: str, value: Any) -> None:
        if not self.enabled:
            return
        p = self.path(stage, key)
        p.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=p.parent, suffix=".tmp")
        os.close(fd)
        joblib.dump(value, tmp, compress=3)
        os.replace(tmp, p)

    def cached(self, stage: str, key: str, compute: Callable[[], T]) -> T:
        """Return the cached value for (stage, key), computing and storing it on a miss."""
        hit, value = self.get(stage, key)
        if hit:
            self.hits.append(stage)
            return value
        self.misses.append(stage)
        value = compute()
        self.put(stage, key, value)
        return value
