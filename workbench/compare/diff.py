"""Two query results, compared as BigQuery defines a result: column names and types, then rows.

Rows form a multiset unless the query's outermost SELECT orders them (BigQuery returns rows in
no particular order otherwise); when it does, the ORDER BY keys must come in the same order on
both sides, while rows with equal keys (ties) may come in any order, as BigQuery allows.
FLOAT64 values are equal within ``ULPS`` units in the last place: BigQuery documents that
floating-point aggregates may differ from run to run, since the order of the additions is not
fixed. NaN equals NaN here (both engines computed "not a number"); every other type is exact.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import struct
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from wbcore.types import from_arrow
from workbench.output import json_value, rows

if TYPE_CHECKING:
    import pyarrow as pa

# FLOAT64 tolerance: results within this many representable doubles of each other are equal.
ULPS = 4
# Differing rows shown per side: a diff to read, never a dump of the result.
SHOWN = 5

Row = tuple[Any, ...]


def ulp_distance(a: float, b: float) -> int:
    """How many representable doubles lie between ``a`` and ``b`` (0: the same double)."""
    return abs(_ordered(a) - _ordered(b))


def _ordered(x: float) -> int:
    """The bits of a double as an integer that grows with the value (-0.0 and 0.0 meet at 0)."""
    (bits,) = struct.unpack("<q", struct.pack("<d", x))
    return bits if bits >= 0 else -(bits & 0x7FFF_FFFF_FFFF_FFFF)


def same(a: Any, b: Any, ulps: int = ULPS) -> bool:
    """Equal values: floats within ``ulps``, NaN equal to NaN, arrays and structs field by field."""
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, float) and isinstance(b, float):
        if math.isnan(a) or math.isnan(b):
            return math.isnan(a) and math.isnan(b)
        if math.isinf(a) or math.isinf(b):
            return a == b
        return ulp_distance(a, b) <= ulps
    if isinstance(a, dict) and isinstance(b, dict):
        return list(a) == list(b) and all(same(a[k], b[k], ulps) for k in a)
    if isinstance(a, list | tuple) and isinstance(b, list | tuple):
        return len(a) == len(b) and all(same(x, y, ulps) for x, y in zip(a, b, strict=True))
    if type(a) is not type(b) and not (_number(a) and _number(b)):
        return False  # BOOL is no number; a type difference of numbers is the schema's
    return bool(a == b)


def _number(x: Any) -> bool:
    return isinstance(x, int | float | Decimal) and not isinstance(x, bool)


def sort_key(value: Any) -> tuple[Any, ...]:
    """A total order over result values (NULL first, then by kind), to pair rows up."""
    if value is None:
        return (0,)
    if isinstance(value, bool):
        return (1, value)
    if isinstance(value, int | float | Decimal):
        if isinstance(value, float) and math.isnan(value):
            return (2, -math.inf, 0)
        return (2, value, 1)
    if isinstance(value, str):
        return (3, value)
    if isinstance(value, bytes):
        return (4, value)
    if isinstance(value, dt.datetime):
        return (5, value.isoformat())
    if isinstance(value, dt.date | dt.time | dt.timedelta):
        return (6, str(value))
    if isinstance(value, dict):
        return (7, tuple((k, sort_key(v)) for k, v in value.items()))
    if isinstance(value, list | tuple):
        return (8, tuple(sort_key(v) for v in value))
    return (9, str(value))


@dataclass
class Comparison:
    """What differs between the offline result and BigQuery's (nothing: identical)."""

    offline_rows: int
    online_rows: int
    columns: list[str] = field(default_factory=list)
    schema: list[str] = field(default_factory=list)  # column name and type differences
    only_offline: list[Row] = field(default_factory=list)
    only_online: list[Row] = field(default_factory=list)
    order: str | None = None  # where the ORDER BY keys first disagree

    @property
    def identical(self) -> bool:
        return not (self.schema or self.only_offline or self.only_online or self.order)

    def report(self, shown: int = SHOWN) -> str:
        """``identical (N rows)``, or what differs with at most ``shown`` rows of each side."""
        if self.identical:
            return f"identical ({_rows(self.offline_rows)})"
        lines = []
        if self.offline_rows != self.online_rows:
            lines.append(
                f"row count: {self.offline_rows:,} offline, {self.online_rows:,} on BigQuery"
            )
        lines.extend(self.schema)
        for label, side, sign in (
            ("only offline", self.only_offline, "-"),
            ("only on BigQuery", self.only_online, "+"),
        ):
            if not side:
                continue
            more = f", the first {shown} shown" if len(side) > shown else ""
            lines.append(f"{_rows(len(side))} {label}{more}:")
            lines.extend(f"  {sign} {self._row_text(row)}" for row in side[:shown])
        if self.order:
            lines.append(self.order)
        return "\n".join(lines)

    def _row_text(self, row: Row) -> str:
        return json.dumps(
            {name: json_value(value) for name, value in zip(self.columns, row, strict=False)},
            ensure_ascii=False,
        )


def _rows(n: int) -> str:
    return f"{n:,} row{'' if n == 1 else 's'}"


def schema_differences(offline: pa.Table, online: pa.Table) -> list[str]:
    """Column names (in order) and BigQuery types that differ."""
    left, right = offline.schema, online.schema
    if left.names != right.names:
        return [f"columns: {', '.join(left.names)} offline; {', '.join(right.names)} on BigQuery"]
    out = []
    for a, b in zip(left, right, strict=True):
        ta, tb = from_arrow(a.type), from_arrow(b.type)
        if ta != tb:
            out.append(f"type of column {a.name}: {ta} offline, {tb} on BigQuery")
    return out


def compare_tables(
    offline: pa.Table,
    online: pa.Table,
    order_keys: list[int] | None = None,
    ulps: int = ULPS,
) -> Comparison:
    """Compare two results; ``order_keys``: the output columns the query orders by (None:
    unordered; every column: the rows' positions must match)."""
    result = Comparison(
        offline_rows=offline.num_rows,
        online_rows=online.num_rows,
        columns=list(offline.column_names),
        schema=schema_differences(offline, online),
    )
    if offline.column_names != online.column_names:
        return result  # rows of other columns: the column difference says it all
    left = [tuple(r) for r in rows(offline)]
    right = [tuple(r) for r in rows(online)]
    result.only_offline, result.only_online = _multiset_difference(left, right, ulps)
    if order_keys is not None and not (result.only_offline or result.only_online):
        result.order = _order_difference(left, right, order_keys, offline.column_names, ulps)
    return result


def _multiset_difference(
    left: list[Row], right: list[Row], ulps: int
) -> tuple[list[Row], list[Row]]:
    """Rows of each side without an equal row on the other, each matched at most once."""
    a = sorted(left, key=_row_key)
    b = sorted(right, key=_row_key)
    only_a, only_b = [], []
    i = j = 0
    while i < len(a) and j < len(b):
        if _same_row(a[i], b[j], ulps):
            i, j = i + 1, j + 1
        elif _row_key(a[i]) <= _row_key(b[j]):
            only_a.append(a[i])
            i += 1
        else:
            only_b.append(b[j])
            j += 1
    return only_a + a[i:], only_b + b[j:]


def _order_difference(
    left: list[Row], right: list[Row], keys: list[int], names: list[str], ulps: int
) -> str | None:
    """Where the sequence of ORDER BY keys first differs (the same rows on both sides)."""
    for n, (a, b) in enumerate(zip(left, right, strict=True), start=1):
        if not all(same(a[k], b[k], ulps) for k in keys):
            by = ", ".join(names[k] for k in keys)
            return f"order: the same rows, but from row {n:,} in another order of {by}"
    return None


def _row_key(row: Row) -> tuple[Any, ...]:
    return tuple(sort_key(v) for v in row)


def _same_row(a: Row, b: Row, ulps: int) -> bool:
    return all(same(x, y, ulps) for x, y in zip(a, b, strict=True))
