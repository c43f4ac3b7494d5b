"""The run-time checks of a window's PARTITION BY / ORDER BY (rules/windows.py).

DuckDB refuses a volatile expression there, and its error() is volatile; a Python function
is not. This one raises the check's message, which is the literal the translation wrote
into the query (``bq_window_error('division by zero')``), never a value: the engine shows
it only when it is one of the translated query's own checks (engines/errors.py).
"""

from __future__ import annotations

WINDOW_ERROR = "bq_window_error"


def window_error(message: str) -> bool:
    """Raise the check's ``message``: error() for window keys."""
    raise ValueError(message)
