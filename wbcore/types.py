"""The one BigQuery type table: each type's schema name, GoogleSQL name, DuckDB and Arrow form.

BigQuery JSON schemas spell types the legacy way (INTEGER, FLOAT, BOOLEAN, RECORD) or the
GoogleSQL way (INT64, FLOAT64, BOOL, STRUCT); ``canonical`` maps every spelling to the
schema name this project uses. Everything else that needs a type (the Arrow schema the
writers use, the DuckDB view over the Parquet files, the SQL types the qualifier is given,
the BigQuery type of a result column) reads it from ``TYPES``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pyarrow as pa


@dataclass(frozen=True)
class BigQueryType:
    name: str  # the schema's canonical spelling (legacy SQL names, as `bq show` prints them)
    sql: str  # GoogleSQL's name, as queries and sqlglot's BigQuery dialect write it
    duckdb: str  # the column type offline
    # the Arrow type, built from the pyarrow module on demand (layer 1 does not import it)
    arrow: Callable[[Any], pa.DataType]


TYPES: dict[str, BigQueryType] = {
    t.name: t
    for t in (
        BigQueryType("STRING", "STRING", "VARCHAR", lambda pa: pa.string()),
        BigQueryType("BYTES", "BYTES", "BLOB", lambda pa: pa.binary()),
        BigQueryType("INTEGER", "INT64", "BIGINT", lambda pa: pa.int64()),
        BigQueryType("FLOAT", "FLOAT64", "DOUBLE", lambda pa: pa.float64()),
        BigQueryType("NUMERIC", "NUMERIC", "DECIMAL(38, 9)", lambda pa: pa.decimal128(38, 9)),
        # DuckDB's widest decimal has 38 digits, BIGNUMERIC 76: DOUBLE offline (a refusal in
        # the translation keeps a query from relying on it).
        BigQueryType("BIGNUMERIC", "BIGNUMERIC", "DOUBLE", lambda pa: pa.decimal256(76, 38)),
        BigQueryType("BOOLEAN", "BOOL", "BOOLEAN", lambda pa: pa.bool_()),
        BigQueryType(
            "TIMESTAMP", "TIMESTAMP", "TIMESTAMPTZ", lambda pa: pa.timestamp("us", tz="UTC")
        ),
        BigQueryType("DATE", "DATE", "DATE", lambda pa: pa.date32()),
        BigQueryType("TIME", "TIME", "TIME", lambda pa: pa.time64("us")),
        BigQueryType("DATETIME", "DATETIME", "TIMESTAMP", lambda pa: pa.timestamp("us")),
        # GEOGRAPHY as WKT text, as BigQuery exports it
        BigQueryType("GEOGRAPHY", "GEOGRAPHY", "VARCHAR", lambda pa: pa.string()),
        # JSON as its text (Parquet has no JSON type)
        BigQueryType("JSON", "JSON", "JSON", lambda pa: pa.string()),
    )
}
RECORD = "RECORD"
# Every spelling a BigQuery JSON schema may use → the canonical name.
SPELLINGS: dict[str, str] = {
    **{t.name: t.name for t in TYPES.values()},
    **{t.sql: t.name for t in TYPES.values()},
    RECORD: RECORD,
    "STRUCT": RECORD,
}


def canonical(spelling: str) -> str | None:
    """The canonical schema name of a type spelling (any case), or None if BigQuery has none."""
    return SPELLINGS.get(spelling.upper())


def arrow_type(name: str) -> pa.DataType:
    """The Arrow type of a scalar BigQuery type (canonical name)."""
    import pyarrow as pa  # layer 1 stays importable without pyarrow's start-up cost

    return TYPES[name].arrow(pa)


def from_arrow(t: pa.DataType) -> str:
    """The BigQuery type a user sees for an Arrow column of a result (either engine)."""
    import pyarrow as pa

    if getattr(t, "extension_name", None) == "arrow.json":
        return "JSON"  # the engines type a JSON column so (DuckDB hands it over as text)
    if pa.types.is_integer(t) and pa.types.is_signed_integer(t):
        return "INT64"  # result DataFrames carry every signed integer as Int64
    if pa.types.is_float64(t):
        return "FLOAT64"
    if pa.types.is_string(t) or pa.types.is_large_string(t):
        return "STRING"
    if pa.types.is_boolean(t):
        return "BOOL"
    if pa.types.is_date32(t):
        return "DATE"
    if pa.types.is_timestamp(t):
        return "TIMESTAMP" if t.tz else "DATETIME"
    if pa.types.is_time(t):
        return "TIME"
    if pa.types.is_decimal(t):
        if (t.precision, t.scale) == (38, 9):
            return "NUMERIC"
        return f"DECIMAL({t.precision}, {t.scale})"
    if pa.types.is_binary(t) or pa.types.is_large_binary(t):
        return "BYTES"
    if pa.types.is_list(t) or pa.types.is_large_list(t):
        return f"ARRAY<{from_arrow(t.value_type)}>"
    if pa.types.is_struct(t):
        inner = ", ".join(
            f"{t.field(i).name} {from_arrow(t.field(i).type)}" for i in range(t.num_fields)
        )
        return f"STRUCT<{inner}>"
    if pa.types.is_interval(t):
        return "INTERVAL"
    if pa.types.is_null(t):
        return "NULL"
    return str(t).upper()
