"""How a user's error shows in a notebook: its one line, not a traceback through the library.

The errors a user's input or settings cause (a config value out of range, a column that does not exist,
a corpus too small for the K asked) carry messages that name the file, the field and what is allowed.
At the command line they are one line and exit code 2; in IPython, papermill and nbclient the mixin
:class:`OneLineError` makes them one line too, through IPython's ``_render_traceback_`` hook. Errors of
the library itself keep their traceback.
"""

from __future__ import annotations

__all__ = ["OneLineError"]


class OneLineError(Exception):
    """Mixin of a user's error: shown in a notebook as ``<Name>: <message>`` alone.

    Examples
    --------
    >>> class FieldMissing(OneLineError, ValueError):
    ...     pass
    >>> FieldMissing("speeches.csv: no field 'text' (fields: 标题, 正文)")._render_traceback_()
    ["FieldMissing: speeches.csv: no field 'text' (fields: 标题, 正文)"]
    """

    def _render_traceback_(self) -> list[str]:
        """IPython's hook for how an exception is shown."""
        return [f"{type(self).__name__}: {self}"]
