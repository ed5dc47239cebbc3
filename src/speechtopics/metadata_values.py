"""Values of a metadata column written more than one way: ``县级`` and ``县级 `` (a trailing space),
``省级`` and ``省级　`` (a full-width one), ``阿卜杜勒·克里木`` and ``阿卜杜勒•克里木`` (another dot between the
parts of a name), ``２０２０`` and ``2020`` (full-width digits).

This module owns finding them: :func:`spelling_variants` groups a column's text values that are one value
written differently, so that :func:`speechtopics.read_corpus` can say so. The values themselves are kept
as written (a category of an effect or a figure counts each spelling apart, which is why it is said).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable

__all__ = ["spelling_key", "spelling_variants"]

# the dots written between the parts of a transliterated name: middle dot, bullet, katakana middle dot
# (and its half-width form), hyphenation point, bullet operator, dot operator, one-dot leader
_NAME_DOTS = re.compile(r"[·•・･‧∙⋅․]")
_SPACES = re.compile(r"\s+")


def spelling_key(value: str) -> str:
    """``value`` with the differences :func:`spelling_variants` ignores taken out: spaces anywhere
    (full-width and no-break ones too), the width of letters and digits (Unicode's NFKC form) and the
    kind of dot between the parts of a name.

    Examples
    --------
    >>> spelling_key(" 县级　"), spelling_key("阿卜杜勒•克里木") == spelling_key("阿卜杜勒·克里木")
    ('县级', True)
    """
    return _NAME_DOTS.sub("·", _SPACES.sub("", unicodedata.normalize("NFKC", value)))


def spelling_variants(values: Iterable[object]) -> list[list[tuple[str, int]]]:
    """Groups of text values that are one value written more than one way (:func:`spelling_key`), each
    value with its count, most frequent first; groups in the order their first value is met. Values that
    are not text, and blanks, are not compared.

    Examples
    --------
    >>> spelling_variants(["县级", "县级 ", "省级", "县级", None, "市级"])
    [[('县级', 2), ('县级 ', 1)]]
    """
    counts = Counter(v for v in values if isinstance(v, str) and v.strip())
    groups: dict[str, list[tuple[str, int]]] = {}
    for value, n in counts.items():
        groups.setdefault(spelling_key(value), []).append((value, n))
    return [sorted(g, key=lambda vn: -vn[1]) for g in groups.values() if len(g) > 1]
