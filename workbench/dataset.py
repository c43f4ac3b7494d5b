"""Loading generated datasets into DuckDB, atomically, with their metadata.

The DuckDB table gets the DuckDB types that mirror the BigQuery schema exactly
(INT64 → BIGINT, TIMESTAMP → TIMESTAMPTZ, BYTES → BLOB, REPEATED → list, RECORD →
STRUCT), and a metadata table remembers each dataset's seed and as-of date so that
CURRENT_DATE() can be pinned to it.
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fakedata.errors import UserError
from fakedata.write import PARQUET, Manifest

if TYPE_CHECKING:
    import duckdb

    from fakedata.schema import Field, Schema
    from fakedata.source import Source

METADATA_TABLE = "_workbench_datasets"
DUCKDB_CONFIG = {
    # No extension may be fetched at run time (there is no network); the ones we use
    # (icu, json, parquet) are built into the wheel.
    "autoinstall_known_extensions": "false",
    "autoload_known_extensions": "false",
}


def duckdb_type(f: Field) -> str:
    if f.is_record:
        inner = ", ".join(f'"{c.name}" {duckdb_type(c)}' for c in f.fields)
        base = f"STRUCT({inner})"
    else:
        base = {
            "STRING": "VARCHAR",
            "BYTES": "BLOB",
            "INTEGER": "BIGINT",
            "FLOAT": "DOUBLE",
            "NUMERIC": "DECIMAL(38, 9)",
            # DuckDB's widest decimal is 38 digits; BIGNUMERIC has 76.
            "BIGNUMERIC": "DOUBLE",
            "BOOLEAN": "BOOLEAN",
            "TIMESTAMP": "TIMESTAMPTZ",
            "DATE": "DATE",
            "TIME": "TIME",
            "DATETIME": "TIMESTAMP",
            "GEOGRAPHY": "VARCHAR",
            "JSON": "JSON",
        }[f.type]
    if f.repeated:
        return f"{base}[]"
    return base


def create_table_sql(table: str, schema: Schema) -> str:
    cols = []
    for f in schema:
        null = " NOT NULL" if f.mode in ("REQUIRED", "REPEATED") else ""
        cols.append(f'"{f.name}" {duckdb_type(f)}{null}')
    return f'CREATE OR REPLACE TABLE "{table}" ({", ".join(cols)})'


def connect(path: Path | str | None, read_only: bool) -> duckdb.DuckDBPyConnection:
    """Open the workbench database (or an in-memory one) with the project's settings."""
    import duckdb

    target = ":memory:" if path is None else str(path)
    config = dict(DUCKDB_CONFIG)
    try:
        conn = duckdb.connect(target, read_only=read_only and path is not None, config=config)
    except duckdb.IOException as exc:
        text = str(exc)
        if "lock" in text.lower():
            raise UserError(
                f"{path}: the database is in use by another process (a notebook kernel?); "
                "close it or restart that kernel, then try again"
            ) from None
        raise UserError(
            f"{path}: cannot open the DuckDB database ({text.splitlines()[0]})"
        ) from None
    except duckdb.Error as exc:
        raise UserError(
            f"{path}: not a usable DuckDB database ({str(exc).splitlines()[0]})"
        ) from None
    conn.execute("SET TimeZone = 'UTC'")
    return conn


def load_dataset(db: Path, source: Source, directory: Path) -> Manifest:
    """Replace the source's table in ``db`` with the dataset in ``directory``, in one transaction.

    A load killed half-way leaves the previous table whole (DuckDB rolls the
    transaction back on the next open).
    """
    manifest = Manifest.read(directory)
    parquet = Path(directory) / PARQUET
    if not parquet.is_file():
        raise UserError(f"{parquet}: dataset file missing; regenerate with `workbench fake-data`")
    db.parent.mkdir(parents=True, exist_ok=True)
    conn = connect(db, read_only=False)
    try:
        conn.execute("BEGIN TRANSACTION")
        conn.execute(create_table_sql(source.table, source.schema))
        conn.execute(f'INSERT INTO "{source.table}" SELECT * FROM read_parquet(?)', [str(parquet)])
        conn.execute(
            f"CREATE TABLE IF NOT EXISTS {METADATA_TABLE} ("
            "source VARCHAR PRIMARY KEY, table_name VARCHAR, manifest JSON, source_dir VARCHAR)"
        )
        # databases written by an earlier version lack this column
        conn.execute(f"ALTER TABLE {METADATA_TABLE} ADD COLUMN IF NOT EXISTS source_dir VARCHAR")
        conn.execute(f"DELETE FROM {METADATA_TABLE} WHERE source = ?", [source.name])
        conn.execute(
            f"INSERT INTO {METADATA_TABLE} (source, table_name, manifest, source_dir) VALUES (?, ?, ?, ?)",
            [
                source.name,
                source.table,
                json.dumps(manifest.__dict__),
                str(source.directory.resolve()),
            ],
        )
        conn.execute("COMMIT")
    except BaseException:
        with contextlib.suppress(Exception):
            conn.execute("ROLLBACK")
        raise
    finally:
        conn.close()
    return manifest


def loaded_datasets(conn: duckdb.DuckDBPyConnection) -> dict[str, dict[str, Any]]:
    """Manifests of the datasets loaded in ``conn``, by table name (with ``source_dir``)."""
    import duckdb

    try:
        # by source name: the same order however and whenever the datasets were loaded
        cursor = conn.execute(f"SELECT * FROM {METADATA_TABLE} ORDER BY source")
    except duckdb.CatalogException:
        return {}
    names = [d[0] for d in cursor.description]
    out = {}
    for row in cursor.fetchall():
        record = dict(zip(names, row, strict=True))
        manifest = json.loads(record["manifest"])
        out[record["table_name"]] = {**manifest, "source_dir": record.get("source_dir")}
    return out
