"""The clean stage: scraped pages to speech text.

Modules: :mod:`~speechtopics.clean.decode` (bytes to text by evidence), :mod:`~speechtopics.clean.html`
(article body of HTML pages), :mod:`~speechtopics.clean.normalize` (character-level steps),
:mod:`~speechtopics.clean.punctuation` (punctuation in presentation forms: ︐ ﹁ ｡),
:mod:`~speechtopics.clean.paragraphs` (paragraphs of one-line texts), :mod:`~speechtopics.clean.apparatus`
(publication apparatus cut as spans), :mod:`~speechtopics.clean.chrome`, :mod:`~speechtopics.clean.shape`
and :mod:`~speechtopics.clean.layout` (line-by-line body/chrome decision from the line and its
neighbours), :mod:`~speechtopics.clean.boilerplate` (lines repeated across a site's pages),
:mod:`~speechtopics.clean.redaction`,
:mod:`~speechtopics.clean.truncation`, :mod:`~speechtopics.clean.mojibake`,
:mod:`~speechtopics.clean.outline`, :mod:`~speechtopics.clean.metadata`, :mod:`~speechtopics.clean.dedup`,
and :mod:`~speechtopics.clean.document` which chains them.
"""

from speechtopics.clean.document import clean_document, clean_documents, clean_text
from speechtopics.clean.options import REDACTION_MARK, CleanConfig

__all__ = ["CleanConfig", "REDACTION_MARK", "clean_document", "clean_documents", "clean_text"]
