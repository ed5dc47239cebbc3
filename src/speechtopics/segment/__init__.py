"""The segment stage: clean text to substantive tokens, formulaic tokens and numbered formulas.

Public interface: :func:`tokenize` (one string), :func:`segment_texts`, :func:`segment_records`
(serial, pure), :func:`speechtopics.segment.run.segment_stream` (parallel with Dask, cached, streaming)
and :func:`speechtopics.segment.formulas.find_formulas`. Options live in :class:`SegmentConfig`.
"""

from speechtopics.segment.chain import tokenize
from speechtopics.segment.core import segment_records, segment_texts
from speechtopics.segment.formulas import find_formulas
from speechtopics.segment.options import SegmentConfig

__all__ = ["SegmentConfig", "find_formulas", "segment_records", "segment_texts", "tokenize"]
