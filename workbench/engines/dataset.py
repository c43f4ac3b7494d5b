"""Loading generated datasets into DuckDB, atomically, with their metadata.

The DuckDB table gets the DuckDB types that mirror the BigQuery schema exactly
(INT64 → BIGINT, TIMESTAMP → TIMESTAMPTZ, BYTES → BLOB, REPEATED → list, RECORD →
STRUCT), and a metadata table remembers each dataset's seed and as-of date so that
CURRENT_DATE() can be pinned to it.

The metadata table lives in its own schema (``METADATA_SCHEMA``), never in ``main``: the
translated SQL names tables only unqualified (the source tables and WITH queries), and an
unqualified name resolves in ``main`` (and DuckDB's system catalog), so no query name can
reach it, whatever the translation lets through. A query cannot move the search path
either: only one SELECT statement runs.
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fakedata.manifest import MANIFEST, PARQUET, PLUGINS, Manifest
from wbcore.errors import UserError
from wbcore.types import TYPES

if TYPE_CHECKING:
    import duckdb

    from fakedata.schema import Field, Schema
    from fakedata.source import Source

# The workbench's own bookkeeping: in a schema of its own, out of every query's name resolution.
METADATA_SCHEMA = "_workbench"
METADATA_TABLE = f"{METADATA_SCHEMA}.datasets"
# Where databases written by earlier versions kept it (in ``main``, beside the source tables);
# read until the next load moves it.
LEGACY_METADATA_TABLE = "main._workbench_datasets"
# The schema the source tables (views) are in: the one unqualified names resolve in.
TABLES_SCHEMA = "main"
# DuckDB's memory limit for offline queries (WORKBENCH_DUCKDB_MEMORY_LIMIT overrides it).
MEMORY_ENV = "WORKBENCH_DUCKDB_MEMORY_LIMIT"
DEFAULT_MEMORY = "4GB"
DUCKDB_CONFIG = {
    # No extension may be fetched at run time (there is no network); the ones we use
    # (icu, json, parquet) are built into the wheel.
    "autoinstall_known_extensions": "false",
    "autoload_known_extensions": "false",
    # nor installed from DuckDB's community repository, whatever the file system allows
    "allow_community_extensions": "false",
    # no secret is written to (or read from) ~/.duckdb/stored_secrets
    "allow_persistent_secrets": "false",
    # A table name DuckDB does not find must never resolve to a Python variable of the caller
    # (a notebook's DataFrame: a "replacement scan"): only the catalog's tables exist. A
    # setting of each connection, so it is set on every one (the configuration lock keeps a
    # later connection to the same instance from changing it, and from setting it itself).
    "python_enable_replacements": "false",
}


def duckdb_type(f: Field) -> str:
    if f.is_record:
        inner = ", ".join(f'"{c.name}" {duckdb_type(c)}' for c in f.fields)
        base = f"STRUCT({inner})"
    else:
        base = TYPES[f.type].duckdb
    if f.repeated:
        return f"{base}[]"
    return base


def _needs_cast(f: Field) -> bool:
    """Parquet has no JSON type and DuckDB no 76-digit decimal: those columns are cast."""
    return f.type in ("JSON", "BIGNUMERIC") or any(_needs_cast(c) for c in f.fields)


def create_view_sql(table: str, schema: Schema, parquet: Path) -> str:
    """The source's table as a view over its Parquet file, with the DuckDB types of the schema."""
    cols = [
        f'CAST("{f.name}" AS {duckdb_type(f)}) AS "{f.name}"' if _needs_cast(f) else f'"{f.name}"'
        for f in schema
    ]
    path = str(parquet).replace("'", "''")
    return f"CREATE VIEW {TABLES_SCHEMA}.\"{table}\" AS SELECT {', '.join(cols)} FROM read_parquet('{path}')"


def connect(path: Path | str | None, read_only: bool) -> duckdb.DuckDBPyConnection:
    """Open the workbench database (or an in-memory one) with the project's settings."""
    import duckdb

    target = ":memory:" if path is None else str(path)
    config = dict(DUCKDB_CONFIG)
    if path is None:
        # DuckDB would spill an in-memory database to ``.tmp`` in the working directory,
        # outside the project's data; a file database spills beside itself, in data/
        config["temp_directory"] = ""
    try:
        conn = duckdb.connect(target, read_only=read_only and path is not None, config=config)
    except duckdb.IOException as exc:
        text = str(exc)
        if "lock" in text.lower():
            raise UserError(
                "the database is in use by another process (a notebook kernel?); "
                "close it or restart that kernel, then try again",
                file=path,
            ) from None
        raise UserError(
            f"cannot open the DuckDB database ({text.splitlines()[0]})", file=path
        ) from None
    except duckdb.Error as exc:
        raise UserError(
            f"not a usable DuckDB database ({str(exc).splitlines()[0]})", file=path
        ) from None
    (locked,) = conn.execute("SELECT current_setting('lock_configuration')").fetchone()
    if locked:
        # DuckDB shares one database instance per file within a process: this one was
        # opened and locked down already (a second Workbench in a notebook); its settings
        # and functions are the instance's, and stay as they are.
        return conn
    conn.execute("SET GLOBAL TimeZone = 'UTC'")
    # BigQuery's own functions (translate.functions) are registered by the engine, only the
    # ones a query calls: NumPy and pyarrow load only for a query that needs them.
    if read_only:
        lock_down(conn)
    return conn


def lock_down(conn: duckdb.DuckDBPyConnection) -> None:
    """The query connection as a sandbox, with DuckDB's own switches (not by filtering SQL).

    BigQuery cannot read the user's disk, so no offline query may either: external access
    is disabled except for the dataset's own Parquet files (``allowed_paths``, the files the
    views read), which rules out read_csv/read_text/glob/ATTACH/COPY/INSTALL on anything
    else; a memory limit bounds a runaway query; and the configuration is locked, so no
    statement can switch any of it back (``DUCKDB_CONFIG`` keeps extensions, secrets and
    Python variables out on every connection).
    """
    allowed = sorted(str(p) for p in dataset_files(conn))
    conn.execute("SET allowed_paths = ?", [allowed])
    conn.execute("SET enable_external_access = false")
    conn.execute("SET memory_limit = ?", [os.environ.get(MEMORY_ENV, DEFAULT_MEMORY)])
    conn.execute("SET lock_configuration = true")


def dataset_files(conn: duckdb.DuckDBPyConnection) -> list[Path]:
    """The Parquet files the loaded datasets' views read (what the sandbox lets queries open)."""
    return [
        (Path(r["dataset_dir"]) / PARQUET).resolve()
        for r in _metadata_rows(conn)
        if r.get("dataset_dir")
    ]


def _metadata_rows(conn: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """The metadata table's rows by source name (the legacy table of an older database)."""
    import duckdb

    for table in (METADATA_TABLE, LEGACY_METADATA_TABLE):
        try:
            # by source name: the same order however and whenever the datasets were loaded
            cursor = conn.execute(f"SELECT * FROM {table} ORDER BY source")
        except duckdb.CatalogException:
            continue
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    return []


def load_dataset(db: Path, source: Source, directory: Path) -> Manifest:
    """Point the source's table in ``db`` at the dataset in ``directory``, in one transaction.

    The table is a view over the Parquet file rather than a copy: loading costs nothing
    and memory does not grow with the dataset (a copy of nested lists took longer than
    generating them). The Parquet directory is replaced by a rename, so a regeneration
    killed half-way leaves the previous dataset whole, and the view never sees half a file.
    """
    manifest = Manifest.read(directory)
    parquet = Path(directory) / PARQUET
    if not parquet.is_file():
        raise UserError("dataset file missing; regenerate with `workbench fake-data`", file=parquet)
    db.parent.mkdir(parents=True, exist_ok=True)
    conn = connect(db, read_only=False)
    try:
        conn.execute("BEGIN TRANSACTION")
        kind = conn.execute(
            "SELECT 'VIEW' FROM duckdb_views() WHERE view_name = ? AND schema_name = ? "
            "AND NOT internal UNION ALL "
            "SELECT 'TABLE' FROM duckdb_tables() WHERE table_name = ? AND schema_name = ?",
            [source.table, TABLES_SCHEMA, source.table, TABLES_SCHEMA],
        ).fetchall()
        if kind:  # a table from an earlier version, or the previous view
            conn.execute(f'DROP {kind[0][0]} {TABLES_SCHEMA}."{source.table}"')
        conn.execute(create_view_sql(source.table, source.schema, parquet.resolve()))
        _create_metadata_table(conn)
        conn.execute(f"DELETE FROM {METADATA_TABLE} WHERE source = ?", [source.name])
        conn.execute(
            f"INSERT INTO {METADATA_TABLE} (source, table_name, manifest, source_dir, dataset_dir) "
            "VALUES (?, ?, ?, ?, ?)",
            [
                source.name,
                source.table,
                json.dumps(manifest.__dict__),
                str(source.directory.resolve()),
                str(Path(directory).resolve()),
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


def _create_metadata_table(conn: duckdb.DuckDBPyConnection) -> None:
    """The metadata table in its own schema; an older database's table in ``main`` moves there
    (in the load's transaction), so that nothing but the source tables stays in ``main``."""
    conn.execute(f"CREATE SCHEMA IF NOT EXISTS {METADATA_SCHEMA}")
    conn.execute(
        f"CREATE TABLE IF NOT EXISTS {METADATA_TABLE} ("
        "source VARCHAR PRIMARY KEY, table_name VARCHAR, manifest JSON, source_dir VARCHAR, "
        "dataset_dir VARCHAR)"
    )
    schema, table = LEGACY_METADATA_TABLE.split(".")
    legacy = conn.execute(
        "SELECT COUNT(*) FROM duckdb_tables() WHERE schema_name = ? AND table_name = ?",
        [schema, table],
    ).fetchone()
    if legacy and legacy[0]:
        # the oldest databases lack the directory columns
        for column in ("source_dir", "dataset_dir"):
            conn.execute(
                f"ALTER TABLE {LEGACY_METADATA_TABLE} ADD COLUMN IF NOT EXISTS {column} VARCHAR"
            )
        conn.execute(
            f"INSERT INTO {METADATA_TABLE} (source, table_name, manifest, source_dir, dataset_dir) "
            f"SELECT source, table_name, manifest, source_dir, dataset_dir "
            f"FROM {LEGACY_METADATA_TABLE} "
            f"WHERE source NOT IN (SELECT source FROM {METADATA_TABLE})"
        )
        conn.execute(f"DROP TABLE {LEGACY_METADATA_TABLE}")


def loaded_datasets(conn: duckdb.DuckDBPyConnection) -> dict[str, dict[str, Any]]:
    """Manifests of the datasets loaded in ``conn``, by table name (with ``source_dir``)."""
    out = {}
    for record in _metadata_rows(conn):
        manifest = json.loads(record["manifest"])
        # The view reads the dataset directory, which is replaced as a whole (Parquet and
        # dataset.json together): its manifest is the truth about the rows the view returns.
        where = record.get("dataset_dir")
        if where:
            with contextlib.suppress(UserError):
                manifest = Manifest.read(Path(where)).__dict__
        out[record["table_name"]] = {
            **manifest,
            "source_dir": record.get("source_dir"),
            "dataset_dir": where,
        }
    return out


def drop_dataset(db: Path, name: str) -> list[Path]:
    """Remove source ``name``'s table from ``db`` (in one transaction), then the files its
    dataset directory's manifest lists, the manifest, and the directory once empty.

    Only what ``workbench fake-data`` wrote goes: a file it did not list stays, and so does
    its directory. The files and directories removed, in order.
    """
    if not db.is_file():
        raise UserError("no dataset database here (nothing to drop)", file=db)
    conn = connect(db, read_only=False)
    try:
        rows = {r["source"]: r for r in _metadata_rows(conn)}
        if name not in rows:
            loaded = ", ".join(rows) or "none"
            raise UserError(f"no source {name!r} is loaded in {db} (loaded: {loaded})")
        row = rows[name]
        conn.execute("BEGIN TRANSACTION")
        conn.execute(f'DROP VIEW IF EXISTS {TABLES_SCHEMA}."{row["table_name"]}"')
        conn.execute(f"DELETE FROM {METADATA_TABLE} WHERE source = ?", [name])
        conn.execute("COMMIT")
    finally:
        conn.close()
    removed: list[Path] = []
    where = row.get("dataset_dir")
    if not where:
        return removed
    directory = Path(where)
    try:
        manifest = Manifest.read(directory)
    except UserError:
        return removed  # no manifest of ours: the directory is left alone
    if manifest.source != name:
        return removed
    for file in [*manifest.files, MANIFEST]:
        path = directory / Path(file).name
        if path.is_file() and not path.is_symlink():
            path.unlink()
            removed.append(path)
    for folder in (directory, directory.parent):  # data/plugins/<name>, then data/plugins
        if folder.name in (name, PLUGINS) and folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
            removed.append(folder)
    return removed
