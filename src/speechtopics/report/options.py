"""Options of the report stage (the ``report:`` slice of the config)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True)
class ReportConfig:
    """How figures, tables and notebooks are written."""

    labels: Literal["zh", "en", "both"] = "zh"
    dpi: int = 300
    top_n_words: int = 10
    execute_notebooks: bool = True
    notebooks: tuple[str, ...] = ("01-corpus-overview", "02-lda")
