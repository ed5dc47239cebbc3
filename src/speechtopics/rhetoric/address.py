"""Forms of address: whom a speech addresses by name (同志们, 各位代表, 女士们、先生们, 同学们 …).

A vocative says who the audience is, and the audience is much of what makes a genre: a work meeting
addresses 同志们, a report to a congress 各位代表, an address abroad 女士们、先生们 or a head of state
(尊敬的…), a talk to young people 同学们. :func:`address_table` marks, per speech, which of six fixed
classes of vocative it uses. A form counts as a vocative where punctuation follows it (同志们，/
朋友们！/ 女士们、先生们：), or, for 尊敬的, where it opens a paragraph; the classes are kinds of audience,
not a list fitted to any corpus.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import pandas as pd

__all__ = ["ADDRESS_CLASSES", "address_forms", "address_table"]

_VOCATIVE_END = r"(?=[，,：:！!、；;])"

#: Column name and pattern of each class of vocative.
ADDRESS_CLASSES: dict[str, re.Pattern] = {
    "address_comrades": re.compile(r"同志们" + _VOCATIVE_END),
    # a congress's delegates and a committee's or legislature's members (各位委员, Hong Kong's 各位立法会议员)
    "address_delegates": re.compile(r"各位(?:代表|委员|(?:立法会)?议员)" + _VOCATIVE_END),
    # guests, office-holders and fellow leaders at a summit (主席先生, 各位同事, 各位来宾)
    "address_dignitaries": re.compile(r"(?:女士们|先生们|阁下|(?:主席|总统|总理|首相|秘书长|部长)(?:先生|女士)|各位(?:同事|来宾|嘉宾))"
                                      + _VOCATIVE_END + r"|^\s*尊敬的", re.M),
    "address_friends": re.compile(r"(?:(?<!青年)朋友们|各位朋友)" + _VOCATIVE_END),
    "address_youth": re.compile(r"(?:同学们|老师们|少先队员们|孩子们|青年朋友们)" + _VOCATIVE_END),
    "address_compatriots": re.compile(r"(?:同胞们|乡亲们)" + _VOCATIVE_END),
}


def address_forms(text: str) -> dict[str, float]:
    """1.0 for each class of :data:`ADDRESS_CLASSES` that ``text`` uses as a vocative, else 0.0.

    Examples
    --------
    >>> forms = address_forms("女士们、先生们，朋友们：\\n很高兴同大家见面。")
    >>> [name for name, used in forms.items() if used]
    ['address_dignitaries', 'address_friends']
    """
    return {name: float(bool(pattern.search(text))) for name, pattern in ADDRESS_CLASSES.items()}


def address_table(records: Iterable[dict]) -> pd.DataFrame:
    """One row per record (``doc_id`` and the columns of :data:`ADDRESS_CLASSES`)."""
    rows = [{"doc_id": r["doc_id"], **address_forms(str(r.get("text") or ""))} for r in records]
    return pd.DataFrame(rows, columns=["doc_id", *ADDRESS_CLASSES])
