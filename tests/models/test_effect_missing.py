"""effect_missing: which covariate cells hold no value, and which texts stand in for one."""

from __future__ import annotations

import numpy as np
import pandas as pd

from speechtopics.models.effect_missing import MISSING_WORDS, missing_cells, stand_in_values


def test_blank_text_is_missing_and_words_for_no_value_are_not():
    frame = pd.DataFrame({"level": ["县", "", "   ", None, "不详", "NA"], "year": [2001, np.nan, 2003, 2004, 2005, 2006]})
    cells = missing_cells(frame)
    assert cells["level"].tolist() == [False, True, True, True, False, False]
    assert cells["year"].tolist() == frame["year"].isna().tolist()
    assert stand_in_values(frame["level"]) == ["NA", "不详"]
    assert stand_in_values(["省", " 未知 ", 3, None]) == ["未知"]
    assert "" not in MISSING_WORDS  # a blank cell is missing, not a word for it
