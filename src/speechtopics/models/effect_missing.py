"""What counts as a missing covariate value in an effect's data, and text that stands in for one.

One responsibility: :func:`missing_cells` says which cells of a covariate table hold no value (NaN, None,
``pd.NA``, blank text), as :func:`~speechtopics.models.effect_design.complete_rows` leaves such documents
out; :func:`stand_in_values` finds the words tables write for "no value" (``NA``, ``null``, 不详 …,
:data:`MISSING_WORDS`), which stay values of a column of text and are warned about, never dropped.
"""

from __future__ import annotations

import pandas as pd

from speechtopics.records import MISSING_TOKENS, NOT_KNOWN_WORDS

#: Text that tables write for "no value" (R's ``NA``, a database's ``null``, a dash, 不详 "not known" …):
#: estimate_effect warns when a covariate holds it, since it is then a value, not a missing one.
MISSING_WORDS = (MISSING_TOKENS - {""}) | NOT_KNOWN_WORDS


def stand_in_values(values) -> list[str]:
    """The distinct texts of ``values`` that are :data:`MISSING_WORDS` (spaces around them ignored), sorted.

    Examples
    --------
    >>> stand_in_values(["3", "不详", " NA", 4, None])
    ['NA', '不详']
    """
    return sorted({v.strip() for v in values if isinstance(v, str) and v.strip() in MISSING_WORDS})


def missing_cells(frame: pd.DataFrame) -> pd.DataFrame:
    """Where ``frame`` has no value: NaN, None, ``pd.NA``, or text that is empty or only spaces (a blank
    cell of a sheet read as text is no level of a factor).

    Examples
    --------
    >>> missing_cells(pd.DataFrame({"level": ["县", "", " ", None]}))["level"].tolist()
    [False, True, True, True]
    """
    blank = frame.apply(lambda col: col.map(lambda v: isinstance(v, str) and not v.strip()).astype(bool))
    return frame.isna() | blank
