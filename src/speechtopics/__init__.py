"""speechtopics: topic modeling of Chinese political speech.

Stages, each a module of pure functions over plain data::

    ingest -> clean -> segment -> corpus -> models -> evaluate -> report

I/O and caching live at the edges (:mod:`speechtopics.cli`, :mod:`speechtopics.cache`).
"""

__version__ = "0.1.0"
