"""Checks of the public API's arguments: a wrong kind of value gets one line naming the argument.

One responsibility: refuse, before any work, what a researcher passes by mistake -- a DataFrame or a
path where a :class:`~speechtopics.reading.Corpus` goes, ``"5"`` where a number goes, a model that was
never fitted -- with a message that says what to pass instead, rather than an ``AttributeError`` from
deep inside a dependency.
"""

from __future__ import annotations

from typing import Any

import numpy as np


def corpus_arg(corpus: Any, who: str) -> None:
    """Refuse anything but a Corpus (an object with ``records`` and ``config``) for ``who``.

    Examples
    --------
    >>> import pandas as pd
    >>> corpus_arg(pd.DataFrame({"text": ["讲话"]}), "TopicModel.fit")
    Traceback (most recent call last):
    ...
    TypeError: TopicModel.fit needs a Corpus, not a DataFrame: read it first, corpus = st.read_corpus(df, text=...)
    """
    if hasattr(corpus, "records") and hasattr(corpus, "config"):
        return
    kind = type(corpus).__name__
    raise TypeError(f"{who} needs a Corpus, not {_a(kind)}: read it "
                    f"first, corpus = st.read_corpus({'df' if kind == 'DataFrame' else 'path'}, text=...)")


def int_arg(name: str, value: Any, minimum: int, who: str) -> int:
    """``value`` as an int when it is a whole number of at least ``minimum`` (not a bool, not text).

    Examples
    --------
    >>> int_arg("k", 5, 2, "cluster")
    5
    >>> int_arg("k", "5", 2, "cluster")
    Traceback (most recent call last):
    ...
    TypeError: cluster: k must be an integer of at least 2 (got '5', a str)
    """
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise TypeError(f"{who}: {name} must be an integer of at least {minimum} (got {value!r}, a "
                        f"{type(value).__name__})")
    if value < minimum:
        raise ValueError(f"{who}: {name} must be an integer of at least {minimum} (got {value})")
    return int(value)


def bool_arg(name: str, value: Any, who: str) -> bool:
    """``value`` when it is True or False (a notebook parameter ``use_cache = "no"`` would otherwise be true).

    Examples
    --------
    >>> bool_arg("use_cache", "no", "Project")
    Traceback (most recent call last):
    ...
    TypeError: Project: use_cache must be True or False (got 'no', a str)
    """
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    raise TypeError(f"{who}: {name} must be True or False (got {value!r}, a {type(value).__name__})")


def ci_arg(ci: Any, who: str) -> float:
    """``ci`` when it is an interval level strictly between 0 and 1 (0.95, not 95).

    Examples
    --------
    >>> ci_arg(95, "predict")
    Traceback (most recent call last):
    ...
    ValueError: predict: ci is the interval level, between 0 and 1 such as 0.95 (got 95)
    """
    if isinstance(ci, bool) or not isinstance(ci, (float, int, np.floating, np.integer)) or not 0 < ci < 1:
        raise ValueError(f"{who}: ci is the interval level, between 0 and 1 such as 0.95 (got {ci!r})")
    return float(ci)


#: The largest seed: numpy's ``RandomState`` (gensim, scikit-learn) takes seeds from 0 to 2**32 - 1.
MAX_SEED = 2**32 - 1


def seed_arg(seed: Any, who: str, *, optional: bool = True) -> int | None:
    """``seed`` as an int when it is a whole number from 0 to :data:`MAX_SEED` (or None, when
    ``optional``): the one check of every public ``seed`` argument, so that ``"1"`` or ``-1`` gets the
    same line from :class:`~speechtopics.TopicModel`, ``select_k``, ``cluster``, ``estimate_effect`` and
    the ``Project``. A wrong kind of value is a ``TypeError``, a number out of range a ``ValueError``
    (as :func:`int_arg`).

    Examples
    --------
    >>> seed_arg(1, "cluster"), seed_arg(None, "estimate_effect")
    (1, None)
    >>> seed_arg("1", "TopicModel")
    Traceback (most recent call last):
    ...
    TypeError: TopicModel: seed must be an integer from 0 to 4294967295 (got '1', a str)
    >>> seed_arg(-1, "cluster")
    Traceback (most recent call last):
    ...
    ValueError: cluster: seed must be an integer from 0 to 4294967295 (got -1)
    """
    if seed is None and optional:
        return None
    form = f"{who}: seed must be an integer from 0 to {MAX_SEED}"
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)):
        raise TypeError(f"{form} (got {seed!r}, {_a(type(seed).__name__)})")
    if not 0 <= seed <= MAX_SEED:
        raise ValueError(f"{form} (got {seed})")
    return int(seed)


def fitted_model_arg(model: Any, who: str) -> None:
    """Refuse anything but a fitted topic model (``k``, ``documents_`` and share draws) for ``who``."""
    if hasattr(model, "documents_") and hasattr(model, "k"):
        return
    if hasattr(model, "fitted") and hasattr(model, "k"):
        model.fitted()  # an unfitted TopicModel says to call fit(corpus) first
    raise TypeError(f"{who} needs a fitted TopicModel, not {_a(type(model).__name__)}: "
                    "model = st.TopicModel(k=...).fit(corpus)")


def _a(kind: str) -> str:
    """``a Corpus``, ``an int``: a type's name with its article."""
    return f"a{'n' if kind[:1].lower() in 'aeiou' else ''} {kind}"


__all__ = ["MAX_SEED", "bool_arg", "ci_arg", "corpus_arg", "fitted_model_arg", "int_arg", "seed_arg"]
