"""Load the rhetoric cue files (the bundled ``rhetoric/*.yaml`` of :mod:`speechtopics.resources`, or
files of the user's) into compiled, typed objects.

All cue words and patterns live in the data files; this module only parses and validates them so a
typo in a pattern is a one-line error naming the file, never a traceback deep in scoring. Each cue has an
``id`` (its cue family); a fitted weight file (``weights_file`` in the cue file, written by
:mod:`speechtopics.rhetoric.weights`) refers to cues by that id. :func:`cue_files_digest` is the
cue files' part of a cache key.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

import yaml

from speechtopics import resources
from speechtopics.user_errors import OneLineError

MOVES: tuple[str, ...] = ("achievement", "problem", "deployment", "mobilisation", "alignment", "other")


class CueError(OneLineError, ValueError):
    """A cue file that cannot be used; the message names the file."""


@dataclass(frozen=True)
class Cue:
    """One weighted pattern for one move."""

    move: str
    pattern: re.Pattern
    weight: float
    id: str = ""


@dataclass(frozen=True)
class MoveCues:
    """Everything the move scorer and the seeded LDA need."""

    moves: tuple[str, ...]
    default: str
    min_score: float
    cap: int
    cues: tuple[Cue, ...]
    part_bonus: dict[str, dict[str, float]] = field(default_factory=dict)
    seed_words: dict[str, tuple[str, ...]] = field(default_factory=dict)
    sentence_vote: float = 0.0
    length_norm: float = 0.0
    fitted: FittedWeights | None = None


@dataclass(frozen=True)
class FittedWeights:
    """A multinomial logistic model over cue evidence: ``score[m] = intercept[m] + sum coef[m][f] * x[f]``.

    ``features`` are ``score:<move>`` (the hand-weighted move scores) and/or cue ids (``log1p`` of the capped
    match count of that cue); ``source`` names the rows it was fitted on. Loaded from the file that
    ``weights_file`` in the cue file names.
    """

    features: tuple[str, ...]
    intercept: dict[str, float]
    coef: dict[str, tuple[float, ...]]
    source: str = ""


def resolve(path: str | Path, base: Path | None = None) -> Path:
    """A cue or label file: absolute paths stay, a bundled name (``rhetoric/move_cues.yaml``) is that
    package resource, other relative paths are taken from ``base`` (default: the current directory)."""
    return resources.resolve(path, base)


def read_yaml(path: Path) -> dict:
    """Read a YAML mapping, turning a missing or malformed file into :class:`CueError`."""
    if not path.exists():
        raise CueError(f"{path}: cue file not found")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise CueError(f"{path}: not valid YAML ({str(exc).splitlines()[0]})") from None
    if not isinstance(data, dict):
        raise CueError(f"{path}: expected a mapping at top level")
    return data


def compile_pattern(pattern: str, where: str) -> re.Pattern:
    """Compile one regex, naming ``where`` on failure."""
    try:
        return re.compile(pattern, re.MULTILINE)
    except re.error as exc:
        raise CueError(f"{where}: bad pattern {pattern!r} ({exc})") from None


def _parse_cues(data: dict, moves: tuple[str, ...], path: Path) -> tuple[Cue, ...]:
    out = []
    for move, items in (data.get("cues") or {}).items():
        if move not in moves:
            raise CueError(f"{path}: cues for unknown move {move!r}")
        for i, item in enumerate(items or []):
            where = f"{path}: cues.{move}[{i}]"
            if not isinstance(item, dict) or "pattern" not in item:
                raise CueError(f"{where}: expected {{pattern, weight}}")
            cid = str(item.get("id") or f"{move}.{i:02d}")
            out.append(Cue(move, compile_pattern(str(item["pattern"]), where), float(item.get("weight", 1.0)), cid))
    ids = [c.id for c in out]
    dup = sorted({i for i in ids if ids.count(i) > 1})
    if dup:
        raise CueError(f"{path}: duplicate cue id {dup[0]!r}")
    return tuple(out)


def load_weights(path: Path, moves: tuple[str, ...], cue_ids: set[str]) -> FittedWeights:
    """Read a fitted weight file; unknown moves or cue ids are one-line errors naming the file."""
    data = read_yaml(path)
    feats = tuple(map(str, data.get("features") or ()))
    unknown = sorted(set(feats) - cue_ids)
    if unknown:
        raise CueError(f"{path}: weight for unknown feature {unknown[0]!r}")
    coef = {str(m): tuple(float(x) for x in v) for m, v in (data.get("coef") or {}).items()}
    intercept = {str(m): float(v) for m, v in (data.get("intercept") or {}).items()}
    if set(coef) != set(moves) or set(intercept) != set(moves):
        raise CueError(f"{path}: coef and intercept must cover the moves {', '.join(moves)}")
    if any(len(v) != len(feats) for v in coef.values()):
        raise CueError(f"{path}: every coef row needs one weight per feature ({len(feats)})")
    return FittedWeights(feats, intercept, coef, str(data.get("source", "")))


def _digest(files: list[Path]) -> str:
    """sha256 over the bytes of ``files`` (a missing one counts as empty: loading it names it)."""
    h = hashlib.sha256()
    for f in files:
        h.update(hashlib.sha256(f.read_bytes() if f.is_file() else b"").digest())
    return h.hexdigest()


def _move_cue_files(path: str | Path) -> list[Path]:
    """The move cue file and the weights file it names, if any."""
    p = resolve(path)
    weights = read_yaml(p).get("weights_file")
    return [p, resolve(str(weights), p.parent)] if weights else [p]


def load_move_cues(path: str | Path) -> MoveCues:
    """Load and compile the move cue file (again when it or its weights file was edited).

    Parameters
    ----------
    path : str or Path
        Cue file: a bundled name (``rhetoric/move_cues.yaml``) or a path.

    Returns
    -------
    MoveCues
    """
    files = _move_cue_files(path)
    return _compiled_move_cues(files[0], _digest(files))


@lru_cache(maxsize=8)
def _compiled_move_cues(p: Path, digest: str) -> MoveCues:
    """:func:`load_move_cues` of the files whose bytes hash to ``digest`` (part of the memo's key only)."""
    data = read_yaml(p)
    moves = tuple(data.get("moves") or MOVES)
    unknown = sorted(set(moves) - set(MOVES))
    if unknown:
        raise CueError(f"{p}: unknown move {unknown[0]!r} (known: {', '.join(MOVES)})")
    cues = _parse_cues(data, moves, p)
    wf = data.get("weights_file")
    known = {c.id for c in cues} | {f"score:{m}" for m in moves}
    fitted = load_weights(resolve(str(wf), p.parent), moves, known) if wf else None
    return MoveCues(
        moves=moves,
        default=str(data.get("default", "other")),
        min_score=float(data.get("min_score", 1.0)),
        cap=int(data.get("cap", 4)),
        cues=cues,
        part_bonus={k: {m: float(w) for m, w in (v or {}).items()}
                    for k, v in (data.get("part_bonus") or {}).items()},
        seed_words={m: tuple(map(str, ws or ())) for m, ws in (data.get("seed_words") or {}).items()},
        sentence_vote=float(data.get("sentence_vote", 0.0)),
        length_norm=float(data.get("length_norm", 0.0)),
        fitted=fitted,
    )


def hand_weighted(cues: MoveCues) -> MoveCues:
    """The same cues without the fitted weights: the hand-weighted scorer (for comparison)."""
    return replace(cues, fitted=None)


def cue_files_digest(cue_file: str | Path, structure_file: str | Path) -> str:
    """sha256 over the bytes of the move cue file, the weights file it names and the structure cue file.

    Part of the cache key of a result built from these cues: their names alone stay the same when a user
    edits their own copy.

    Parameters
    ----------
    cue_file, structure_file : str or Path
        As the ``rhetoric`` config names them (a bundled name or a path).

    Returns
    -------
    str
        The hex digest.
    """
    return _digest([*_move_cue_files(cue_file), resolve(structure_file)])


def load_pattern_lists(path: str | Path) -> dict[str, tuple[re.Pattern, ...]]:
    """Load a YAML mapping ``name -> [regex, ...]`` (structure cues) as compiled patterns (again when
    the file was edited)."""
    p = resolve(path)
    return _compiled_pattern_lists(p, _digest([p]))


@lru_cache(maxsize=8)
def _compiled_pattern_lists(p: Path, digest: str) -> dict[str, tuple[re.Pattern, ...]]:
    """:func:`load_pattern_lists` of the file whose bytes hash to ``digest`` (part of the memo's key only)."""
    data = read_yaml(p)
    out = {}
    for name, items in data.items():
        if not isinstance(items, list):
            raise CueError(f"{p}: {name}: expected a list of patterns")
        out[name] = tuple(compile_pattern(str(s), f"{p}: {name}[{i}]") for i, s in enumerate(items))
    return out
