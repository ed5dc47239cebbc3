"""Token layers of raw texts, shared by the two ``cluster`` routes (LDA and embeddings).

This module owns how a raw text becomes the token lists the clustering routes read: the light
normalisation (:func:`normalise_texts`), every word with function words and punctuation
(:func:`word_tokens`, :func:`register_tokens`), the segment stage's substantive and formulaic tokens
(:func:`substantive_tokens`, :func:`prepare_texts`), the stance markers and the voice they are said in
(:data:`STANCE_MARKERS`, :func:`stance_tokens`) and how often a text speaks in its own first and second
person (:func:`voice_rates`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

_SPACE = re.compile(r"\s+")


def word_tokens(texts: Sequence[str]) -> list[list[str]]:
    """Every word of each text in order, punctuation and function words included (whitespace dropped).

    Uses rjieba (jieba's Rust port) when installed, jieba otherwise.
    """
    try:
        from rjieba import cut
    except ImportError:  # pragma: no cover - rjieba is a dependency; jieba gives the same words
        from jieba import lcut as cut
    return [[w for w in cut(_SPACE.sub(" ", t or "")) if w.strip()] for t in texts]


def substantive_tokens(texts: Sequence[str], segment_cfg=None) -> list[list[str]]:
    """The segment stage's substantive tokens (stopwords and officialese removed) of each text."""
    from speechtopics.segment import segment_texts

    return [s["tokens"] for s in segment_texts(texts, segment_cfg)]


def prepare_texts(texts, cfg=None) -> list[list[str]]:
    """Content token lists of the LDA route (:func:`~speechtopics.models.lda_cluster.cluster_texts_lda`):
    :func:`normalise_texts`, then the segmenter of ``cfg.segment``; formulaic tokens are kept, since genre and register (讲话 vs 解读 vs 新闻) live in them as much as topic does."""
    from speechtopics.segment import segment_texts

    seg_cfg = getattr(cfg, "segment", None)
    return [s["tokens"] + s["formulaic_tokens"] for s in segment_texts(normalise_texts(texts), seg_cfg)]


def register_tokens(texts) -> list[list[str]]:
    """Every word of each normalised text, function words and punctuation included (the register
    layer of :func:`~speechtopics.models.lda_cluster.cluster_tokens`: :func:`word_tokens` of
    :func:`normalise_texts`)."""
    return word_tokens(normalise_texts(texts))


#: Stance markers: person deixis and address (我们, 你们, 同志, 各位 ...), reporting (表示, 指出, 记者,
#: 新华社, 电 ...), directives (要, 必须, 应当 ...) and interactional punctuation and particles (！ ？ ：
#: quotation marks, 啊 吧 呢). Who speaks to whom, and whether the text reports speech or makes it,
#: separates 讲话 from 新闻 from 解读 where topic does not. Tokens as :func:`register_tokens` cuts
#: them (jieba splits 同志们 into 同志 + 们).
STANCE_MARKERS: tuple[str, ...] = (
    "我", "我们", "你", "你们", "您", "大家", "同志", "们", "朋友", "各位", "女士们", "咱们", "他", "他们",
    "表示", "指出", "强调", "说", "称", "介绍", "据", "记者", "报道", "获悉", "了解", "电", "新华社", "日电",
    "据悉", "要", "必须", "应当", "应该", "一定", "坚持", "让", "！", "？", "：", "“", "”", "啊", "吧", "呢")


#: The reporting verbs among :data:`STANCE_MARKERS`: what follows one of them up to the end of its
#: sentence is someone else's words, reported (习近平强调，要…; 他表示，…).
REPORTING_VERBS: tuple[str, ...] = ("表示", "指出", "强调", "说", "称", "介绍")
#: Tokens that end a sentence (and with it the scope of a reporting verb).
SENTENCE_ENDS: frozenset[str] = frozenset("。！？；!?;")


def stance_tokens(register, markers=STANCE_MARKERS, voice: bool = False) -> list[list[str]]:
    """Each register token list (:func:`register_tokens`) reduced to its stance markers, in order.

    With ``voice`` each marker is also tagged with the voice it is said in. A news item that
    reports a leader carries the leader's 我们, 要 and 必须 as well as its own reporting words; as bare
    counts they read as a speech. So a marker inside quotation marks (“…”) becomes ``Q:`` + marker
    (quoted words), one that follows a :data:`REPORTING_VERBS` verb in the same sentence (up to one
    of :data:`SENTENCE_ENDS`) ``R:`` + marker (indirect reported speech), and one that is both
    ``R:Q:`` + marker. The reporting verbs, quotation marks and sentence-ending marks themselves stay
    bare: they mark the frame, not a voice inside it.

    Parameters
    ----------
    register : list of list of str
        Every word of each text, function words and punctuation included.
    markers : sequence of str
        The tokens kept (default :data:`STANCE_MARKERS`).
    voice : bool
        Tag markers in quoted and reported speech (default off: the bare markers).

    Returns
    -------
    list of list of str
        The stance layer's documents (possibly empty lists).
    """
    keep = set(markers)
    if not voice:
        return [[w for w in doc if w in keep] for doc in register]
    frame = set(REPORTING_VERBS) | SENTENCE_ENDS | {"“", "”"}
    out = []
    for doc in register:
        tokens, reported, quoted = [], False, False
        for w in doc:
            if w in SENTENCE_ENDS:
                reported = False
            elif w in ("“", "”"):
                quoted = w == "“"
            if w in keep:
                tokens.append(w if w in frame else ("R:" if reported else "") + ("Q:" if quoted else "") + w)
            if w in REPORTING_VERBS:
                reported = True
        out.append(tokens)
    return out


#: First- and second-person words and address (我们, 同志, 大家 ...): the speaker's own involvement
#: with an audience, the first mark of spoken, interactive registers in register analysis (Biber
#: 1988, "involved" production). Speeches are full of them; news items and policy interpretations
#: use them only when they quote or report someone (:func:`stance_tokens` with ``voice=True`` tags
#: those, so they are not counted here).
OWN_VOICE_MARKERS: tuple[str, ...] = ("我", "我们", "咱们", "你们", "大家", "同志")


def voice_rates(register, markers=OWN_VOICE_MARKERS) -> np.ndarray:
    """How often each text speaks in its own first and second person: ``log(1 + 1000 m / n)``, ``m`` the
    ``markers`` outside quoted and reported speech (:func:`stance_tokens` with ``voice=True``) and
    ``n`` the text's words (:func:`register_tokens`). One column, one row per text.

    A news item that reports a leader shares the leader's topics and much of his register, and joins
    the speeches when only the mixtures are clustered (the commonest genre error); in its own voice
    it hardly ever says 我们 or addresses anyone (median 1 per 1000 words on the resampled genre sets
    against 11 in speeches).
    """
    keep = set(markers)
    own = stance_tokens(register, markers=markers, voice=True)
    counts = np.array([sum(w in keep for w in doc) for doc in own], dtype=float)
    words = np.array([max(1, len(doc)) for doc in register], dtype=float)
    return np.log1p(1000 * counts / words)[:, None]


def normalise_texts(texts) -> list[str]:
    """Light normalisation of raw texts: markup stripped, traditional -> simplified, full-width digits
    and letters -> ASCII, whitespace squeezed (``None`` reads as the empty text)."""
    from speechtopics.clean.normalize import (fullwidth_to_ascii, normalise_whitespace, strip_markup,
                                              to_simplified)

    return [normalise_whitespace(fullwidth_to_ascii(to_simplified(strip_markup(str(t or ""))))) for t in texts]
