"""The one BigQuery type table: each type's schema name, GoogleSQL name, DuckDB and Arrow form.

BigQuery JSON schemas spell types the legacy way (INTEGER, FLOAT, BOOLEAN, RECORD) or the
GoogleSQL way (INT64, FLOAT64, BOOL, STRUCT); ``canonical`` maps every spelling to the
schema name this project uses. Everything else that needs a type (the Arrow schema the
writers use, the DuckDB view over the Parquet files, the SQL types the qualifier is given,
the BigQuery type of a result column) reads it from ``TYPES``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pyarrow as pa


@dataclass(frozen=True)
class BigQueryType:
    name: str  # the schema's canonical spelling (legacy SQL names, as `bq show` prints them)
    sql: str  # GoogleSQL's name, as queries and sqlglot's BigQuery dialect write it
    duckdb: str  # the column type offline
    arrow: str  # the Arrow type, as ``arrow_type`` builds it (see there)


TYPES: dict[str, BigQueryType] = {
    t.name: t
    for t in (
        BigQueryType("STRING", "STRING", "VARCHAR", "string"),
        BigQueryType("BYTES", "BYTES", "BLOB", "binary"),
        BigQueryType("INTEGER", "INT64", "BIGINT", "int64"),
        BigQueryType("FLOAT", "FLOAT64", "DOUBLE", "float64"),
        BigQueryType("NUMERIC", "NUMERIC", "DECIMAL(38, 9)", "decimal128(38, 9)"),
        # DuckDB's widest decimal has 38 digits, BIGNUMERIC 76: DOUBLE offline (a refusal in
        # the translation keeps a query from relying on it).
        BigQueryType("BIGNUMERIC", "BIGNUMERIC", "DOUBLE", "decimal256(76, 38)"),
        BigQueryType("BOOLEAN", "BOOL", "BOOLEAN", "bool"),
        BigQueryType("TIMESTAMP", "TIMESTAMP", "TIMESTAMPTZ", "timestamp(us, UTC)"),
        BigQueryType("DATE", "DATE", "DATE", "date32"),
        BigQueryType("TIME", "TIME", "TIME", "time64(us)"),
        BigQueryType("DATETIME", "DATETIME", "TIMESTAMP", "timestamp(us)"),
        BigQueryType("GEOGRAPHY", "GEOGRAPHY", "VARCHAR", "string"),  # WKT, as BigQuery exports
        BigQueryType("JSON", "JSON", "JSON", "string"),  # JSON text (Parquet has no JSON type)
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

    spec = TYPES[name].arrow
    factories = {
        "string": pa.string,
        "binary": pa.binary,
        "int64": pa.int64,
        "float64": pa.float64,
        "bool": pa.bool_,
        "date32": pa.date32,
        "decimal128(38, 9)": lambda: pa.decimal128(38, 9),
        "decimal256(76, 38)": lambda: pa.decimal256(76, 38),
        "timestamp(us, UTC)": lambda: pa.timestamp("us", tz="UTC"),
        "timestamp(us)": lambda: pa.timestamp("us"),
        "time64(us)": lambda: pa.time64("us"),
    }
    return factories[spec]()


def from_arrow(t: pa.DataType) -> str:
    """The BigQuery type a user sees for an Arrow column of a result (either engine)."""
    import pyarrow as pa

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
