"""The BigQuery type of each query parameter's value, for the translation to type ``@name``.

BigQuery's parameters are typed (the API sends a type with each value); offline the values
come as Python objects (``--param``, the magic's ``--params``, ``Workbench.query(params=)``),
typed as google-cloud-bigquery's DB-API helper types them for the BigQuery engine (int ->
INT64, float -> FLOAT64, Decimal -> NUMERIC, aware datetime -> TIMESTAMP, naive -> DATETIME,
a list -> ARRAY of its elements' type). Without the types an aggregate over ``z - @p`` was
typed by DuckDB (SUM gave DECIMAL(38,0) where BigQuery gives INT64).
"""

from __future__ import annotations

import datetime as dt
import numbers
from decimal import Decimal
from typing import Any

_NUMERIC_MAX = Decimal("9.9999999999999999999999999999999999999E+28")


def _scalar(value: Any) -> str | None:
    if isinstance(value, bool):
        return "BOOL"
    if isinstance(value, numbers.Integral):
        return "INT64"
    if isinstance(value, numbers.Real):
        return "FLOAT64"
    if isinstance(value, Decimal):
        # the helper's test: 38 digits, scale 9, |value| < 1e29; else BIGNUMERIC (not offline)
        shape = value.as_tuple()
        numeric = (
            isinstance(shape.exponent, int)
            and len(shape.digits) <= 38
            and shape.exponent >= -9
            and -_NUMERIC_MAX <= value <= _NUMERIC_MAX
        )
        return "NUMERIC" if numeric else None
    if isinstance(value, str):
        return "STRING"
    if isinstance(value, bytes):
        return "BYTES"
    if isinstance(value, dt.datetime):
        return "TIMESTAMP" if value.tzinfo is not None else "DATETIME"
    if isinstance(value, dt.date):
        return "DATE"
    if isinstance(value, dt.time):
        return "TIME"
    return None


def value_type(value: Any) -> str | None:
    """The BigQuery type of one parameter value, or None when it cannot be told (NULL, an
    empty or mixed list, a STRUCT): the parameter then stays untyped, as before."""
    if isinstance(value, list | tuple):
        kinds = {_scalar(v) for v in value if v is not None}
        if len(kinds) != 1 or None in kinds:
            return None
        return f"ARRAY<{kinds.pop()}>"
    return _scalar(value)


def parameter_types(params: dict[str, Any] | None) -> tuple[tuple[str, str], ...]:
    """``(name, BigQuery type)`` of every parameter whose type can be told, sorted by name."""
    if not params:
        return ()
    typed = ((name, value_type(value)) for name, value in params.items())
    return tuple(sorted((name, kind) for name, kind in typed if kind is not None))
