"""Rendering query results: DataFrames like google-cloud-bigquery's, and table/csv/json text.

JSON follows DESIGN.md: a JSON array of row objects in column order; integers as numbers,
DATE as YYYY-MM-DD, TIMESTAMP as ISO 8601 with offset, BYTES as base64, ARRAY as a list,
STRUCT as an object.
"""

from __future__ import annotations

import base64
import csv
import datetime as dt
import io
import json
import math
from decimal import Decimal
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

FORMATS = ("table", "csv", "json")


def to_dataframe(table: pa.Table) -> pd.DataFrame:
    """Arrow → pandas with the dtypes google-cloud-bigquery's ``to_dataframe`` uses.

    INT64 stays integer even with NULLs (``Int64``), BOOL is ``boolean``, DATE and TIME are
    db-dtypes' ``dbdate``/``dbtime``; a notebook thus sees the same dtypes offline and on
    BigQuery, and code written against one runs on the other.
    """
    import db_dtypes
    import pandas as pd
    import pyarrow as pa

    mapping = {
        pa.int64(): pd.Int64Dtype(),
        pa.int32(): pd.Int64Dtype(),
        pa.bool_(): pd.BooleanDtype(),
        pa.date32(): db_dtypes.DateDtype(),
        pa.time64("us"): db_dtypes.TimeDtype(),
    }
    return table.to_pandas(types_mapper=mapping.get)


def json_value(value: Any) -> Any:
    """One value as DESIGN.md's JSON output wants it."""
    if isinstance(value, bool) or value is None or isinstance(value, int | str):
        return value
    if isinstance(value, float):
        if math.isnan(value):
            return "NaN"
        if math.isinf(value):
            return "Infinity" if value > 0 else "-Infinity"
        return value
    if isinstance(value, Decimal):
        return str(value)  # NUMERIC keeps its exact digits, as the BigQuery API does
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return str(value)
    if isinstance(value, dict):
        return {k: json_value(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [json_value(v) for v in value]
    return str(value)


def rows(table: pa.Table) -> list[list[Any]]:
    columns = [col.to_pylist() for col in table.columns]
    return [list(r) for r in zip(*columns, strict=True)] if columns else []


def render(table: pa.Table, fmt: str) -> str:
    return render_rows(list(table.column_names), rows(table), fmt)


def render_rows(names: list[str], data: list[list[Any]] | list[tuple[Any, ...]], fmt: str) -> str:
    """Rows of Python values (Arrow's ``to_pylist`` or DuckDB's, which agree) as ``fmt``."""
    if fmt == "json":
        objs = [dict(zip(names, (json_value(v) for v in row), strict=True)) for row in data]
        # Duplicate output names (SELECT a, a) would collapse in an object; keep them apart.
        if len(set(names)) != len(names):
            objs = [{_unique(names, i): json_value(v) for i, v in enumerate(row)} for row in data]
        return json.dumps(objs, indent=2, ensure_ascii=False) + "\n"
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(names)
        for row in data:
            writer.writerow([_text(v, csv_mode=True) for v in row])
        return buf.getvalue()
    return _grid(names, [[_text(v) for v in row] for row in data])


def _unique(names: list[str], i: int) -> str:
    return names[i] if names.count(names[i]) == 1 else f"{names[i]}_{i}"


def _text(value: Any, csv_mode: bool = False) -> str:
    if value is None:
        return "" if csv_mode else "NULL"
    if isinstance(value, str):
        return value
    converted = json_value(value)
    if isinstance(converted, dict | list):
        return json.dumps(converted, ensure_ascii=False)
    if isinstance(converted, bool):
        return "true" if converted else "false"
    return str(converted)


def _grid(names: list[str], cells: list[list[str]]) -> str:
    widths = [len(n) for n in names]
    for row in cells:
        for i, cell in enumerate(row):
            widths[i] = max(widths[i], len(cell))
    numeric = [
        all(_looks_numeric(r[i]) for r in cells if r[i] != "NULL") and bool(cells)
        for i in range(len(names))
    ]

    def line(values: list[str]) -> str:
        parts = [
            v.rjust(w) if num else v.ljust(w)
            for v, w, num in zip(values, widths, numeric, strict=True)
        ]
        return "| " + " | ".join(parts) + " |"

    sep = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    out = [line(names), sep, *(line(r) for r in cells)]
    out.append(f"({len(cells)} row{'s' if len(cells) != 1 else ''})")
    return "\n".join(out) + "\n"


def _looks_numeric(text: str) -> bool:
    try:
        float(text)
        return True
    except ValueError:
        return False
