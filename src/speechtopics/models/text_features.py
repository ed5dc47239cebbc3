"""Token layers of raw texts for the embedding route: every word, the substantive tokens, stance markers.

This module owns how a raw text becomes the token lists the embedding vectorizers read: every word with
function words and punctuation (:func:`word_tokens`), the segment stage's substantive tokens
(:func:`substantive_tokens`), and the stance markers of the embedding route's opt-in stance block
(:data:`STANCE_MARKERS`, :func:`stance_tokens`; ``embeddings.stance_weight``, off by default; speech
clusters do not use it).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

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


#: Stance markers: person deixis and address (我们, 你们, 同志, 各位 ...), reporting (表示, 指出, 记者,
#: 新华社, 电 ...), directives (要, 必须, 应当 ...) and interactional punctuation and particles (！ ？ ：
#: quotation marks, 啊 吧 呢). Who speaks to whom, and whether the text reports speech or makes it,
#: separates 讲话 from 新闻 from 解读 where topic does not. Tokens as :func:`word_tokens` cuts
#: them (jieba splits 同志们 into 同志 + 们).
STANCE_MARKERS: tuple[str, ...] = (
    "我", "我们", "你", "你们", "您", "大家", "同志", "们", "朋友", "各位", "女士们", "咱们", "他", "他们",
    "表示", "指出", "强调", "说", "称", "介绍", "据", "记者", "报道", "获悉", "了解", "电", "新华社", "日电",
    "据悉", "要", "必须", "应当", "应该", "一定", "坚持", "让", "！", "？", "：", "“", "”", "啊", "吧", "呢")


def stance_tokens(register, markers=STANCE_MARKERS) -> list[list[str]]:
    """Each token list (every word of a text, :func:`word_tokens`) reduced to its stance markers, in order."""
    keep = set(markers)
    return [[w for w in doc if w in keep] for doc in register]
