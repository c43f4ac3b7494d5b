"""The central object: project, sources and the DuckDB connection.

The CLI, the IPython magic and the Python API are thin layers over ``Workbench``, so a
query behaves the same wherever it is run from.
"""

from __future__ import annotations

import datetime as dt
import os
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fakedata.source import Source, load_source
from fakedata.write import PARQUET
from wbcore.errors import UserError
from wbcore.sqlfile import find_root, read_sql
from workbench.translate import Context, TableInfo, Translation, translate

if TYPE_CHECKING:
    import duckdb
    import pandas as pd
    import pyarrow as pa

    from fakedata.write import Manifest
    from workbench.check import Report
    from workbench.promote import Promotion

DEFAULT_SOURCE = "dropsonde"
DEFAULT_DB = Path("data") / "workbench.duckdb"


class Workbench:
    """A project's sources and its DuckDB dataset, with BigQuery-dialect querying."""

    def __init__(
        self,
        root: Path | str | None = None,
        db: Path | str | None = None,
        today: bool = False,
    ) -> None:
        self.root = Path(root).resolve() if root else find_root()
        # WORKBENCH_DB points notebooks and the CLI at another database (tests use it).
        env_db = os.environ.get("WORKBENCH_DB")
        self.db_path = Path(db) if db else Path(env_db) if env_db else self.root / DEFAULT_DB
        # today=True: CURRENT_DATE() reads the real clock instead of the dataset's as-of date.
        self.today = today
        self._conn: duckdb.DuckDBPyConnection | None = None

    # -- sources -----------------------------------------------------------------------

    @property
    def schemas_dir(self) -> Path:
        return self.root / "schemas"

    @cached_property
    def source_names(self) -> list[str]:
        if not self.schemas_dir.is_dir():
            return []
        return sorted(
            p.name for p in self.schemas_dir.iterdir() if p.is_dir() and any(p.glob("*.json"))
        )

    def source(self, name_or_dir: str | Path | None = None) -> Source:
        """A source by name (``schemas/<name>``) or by directory path."""
        ref = str(name_or_dir or DEFAULT_SOURCE)
        if ref in self.source_names:
            return self._load_source(self.schemas_dir / ref)
        path = Path(ref)
        if path.is_dir():
            return self._load_source(path)
        known = ", ".join(self.source_names) or "none"
        raise UserError(
            f"unknown source {ref!r} (known sources: {known}; or give a schema directory)"
        )

    def _load_source(self, path: Path) -> Source:
        cache: dict[Path, Source] = self.__dict__.setdefault("_sources", {})
        key = path.resolve()
        if key not in cache:
            cache[key] = load_source(path)
        return cache[key]

    def sources(self) -> list[Source]:
        return [self.source(n) for n in self.source_names]

    # -- data ----------------------------------------------------------------------------

    def dataset_dir(self, source: Source, out: Path | None = None) -> Path:
        return (out or self.db_path.parent) / source.name

    def fake_data(
        self,
        source: Source,
        out: Path | None = None,
        jsonl: bool = False,
        progress: Any = None,
        **options: Any,
    ) -> Manifest:
        """Generate ``source``'s dataset (Parquet) and load it into the DuckDB database."""
        from fakedata.generate import Options
        from fakedata.write import write_dataset
        from workbench.dataset import load_dataset

        self.close()
        opts = Options.for_source(source, **options)
        directory = self.dataset_dir(source, out)
        manifest = write_dataset(
            source, opts, directory, jsonl=jsonl, progress=progress, meanwhile=_import_duckdb
        )
        if progress is not None:
            progress(opts.sites, "loading into DuckDB")
        db = (out / self.db_path.name) if out else self.db_path
        load_dataset(db, source, directory)
        return manifest

    @property
    def connection(self) -> duckdb.DuckDBPyConnection:
        """Read-only connection to the dataset (in-memory when there is none yet)."""
        if self._conn is None:
            from workbench.dataset import connect

            exists = self.db_path.is_file()
            self._conn = connect(self.db_path if exists else None, read_only=True)
        return self._conn

    def close(self) -> None:
        """Release the database (a regeneration needs it) and forget what was read from it."""
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        self.__dict__.pop("datasets", None)

    @cached_property
    def datasets(self) -> dict[str, dict[str, Any]]:
        from workbench.dataset import loaded_datasets

        return loaded_datasets(self.connection)

    # -- SQL -----------------------------------------------------------------------------

    def queryable_sources(self) -> list[Source]:
        """The project's sources, plus any source loaded in the database from another directory."""
        found = {s.directory.resolve(): s for s in self.sources()}
        for meta in self.datasets.values():
            where = Path(meta.get("source_dir") or "")
            if where.is_dir() and where.resolve() not in found:
                try:
                    found[where.resolve()] = self._load_source(where)
                except UserError:
                    continue  # a source directory that changed since: its table stays unknown
        return list(found.values())

    def context(self) -> Context:
        tables = []
        for source in self.queryable_sources():
            tables.append(
                TableInfo(
                    local=source.table,
                    columns=source.schema.sql_types(),
                    names=source.table_names,
                )
            )
        return Context(tables=tuple(tables), now=self.now())

    def now(self) -> dt.datetime | None:
        """The pinned clock: midnight UTC of the newest loaded dataset's as-of date."""
        if self.today or not self.datasets:
            return None
        as_of = max(dt.date.fromisoformat(m["as_of"]) for m in self.datasets.values())
        return dt.datetime.combine(as_of, dt.time(), tzinfo=dt.UTC)

    def translate(self, sql_or_path: str | Path) -> Translation:
        sql, where = read_sql(sql_or_path)
        return translate(sql, self.context(), where)

    def arrow(self, sql_or_path: str | Path, params: dict[str, Any] | None = None) -> pa.Table:
        """Run a BigQuery-dialect query offline; the result as an Arrow table."""
        import duckdb

        sql, where = read_sql(sql_or_path)
        tr = translate(sql, self.context(), where)
        self._check_loaded(tr, where)
        params = dict(params or {})
        missing = [p for p in tr.parameters if p not in params]
        if missing:
            raise UserError(
                f"no value for query parameter(s) {', '.join('@' + m for m in missing)}",
                file=where,
            )
        bound = {k: v for k, v in params.items() if k in tr.parameters}
        try:
            return self.connection.sql(tr.duckdb, params=bound or None).to_arrow_table()
        except duckdb.Error as exc:
            raise UserError(describe_duckdb_error(exc, tr.bigquery), file=where) from None

    def query(self, sql_or_path: str | Path, params: dict[str, Any] | None = None) -> pd.DataFrame:
        """Run a BigQuery-dialect query offline; the result as a pandas DataFrame."""
        from workbench.output import to_dataframe

        return to_dataframe(self.arrow(sql_or_path, params))

    def _check_loaded(self, tr: Translation, where: str) -> None:
        if not tr.tables:
            return
        if not self.db_path.is_file():
            raise UserError(
                f"{where}: no dataset at {self.db_path}; generate one with `make fake-data` "
                "or `workbench fake-data`"
            )
        loaded = {
            row[0]
            for row in self.connection.execute(
                "SELECT table_name FROM information_schema.tables"
            ).fetchall()
        }
        for table in tr.tables:
            where_data = (self.datasets.get(table) or {}).get("dataset_dir")
            if where_data and not (Path(where_data) / PARQUET).is_file():
                raise UserError(
                    f"{where}: the dataset files of table {table!r} are missing (moved or "
                    f"deleted?); run `workbench fake-data` again"
                )
            if table not in loaded:
                source = next((s.name for s in self.queryable_sources() if s.table == table), table)
                raise UserError(
                    f"{where}: table {table!r} is not loaded in {self.db_path}; "
                    f"run `workbench fake-data --source {source}`"
                )

    # -- checks and promotion -------------------------------------------------------------

    def check(
        self,
        paths: list[Path] | None = None,
        strict: bool = False,
        engine: str = "local",
        project: str | None = None,
    ) -> Report:
        """`workbench check`: parse, tables, privacy, run (or BigQuery dry run), k-anonymity, header."""
        from workbench.check import check

        return check(self, paths, strict, engine=engine, project=project)

    def promote(
        self,
        paths: list[Path],
        to: Path | None = None,
        force: bool = False,
        strict: bool = False,
        log: Any = print,
        bigquery_dry_run: bool = False,
        project: str | None = None,
    ) -> list[Promotion]:
        """Check each query, then write it for the aggregation repository (production names).

        ``bigquery_dry_run``: each promoted text is dry-run on BigQuery first; any rejection
        and nothing is written.
        """
        from workbench.promote import promote

        return promote(
            self,
            paths,
            to=to,
            force=force,
            strict=strict,
            log=log,
            bigquery_dry_run=bigquery_dry_run,
            project=project,
        )

    def new_query(self, name: str, source: Source) -> Path:
        """Scaffold ``queries/<source>/<name>.sql`` with the metadata header to fill in."""
        import re

        from workbench.header import template

        if not re.match(r"^[A-Za-z_][A-Za-z0-9_]*$", name):
            raise UserError(
                f"{name!r}: a query's name is its output table's name: letters, digits and "
                "underscores, not starting with a digit"
            )
        path = self.root / "queries" / source.name / f"{name}.sql"
        if path.exists():
            raise UserError(f"{path}: already exists; choose another name or edit it")
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8") as fh:
            fh.write(template(name, source))
        return path


def describe_duckdb_error(exc: Exception, sql: str = "") -> str:
    """DuckDB's message, first line, with any data value it quotes hidden."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return redact_values(text, sql)


def redact_values(message: str, sql: str) -> str:
    """Quoted text in an engine error that the query itself does not contain is data: hide it.

    DuckDB quotes the offending value in conversion errors ("Could not convert string
    '10.1.2.3'..."); names and literals from the query stay, so the message stays useful.
    Privacy: an identifier or a raw value must never reach an error message.
    """
    import re

    def hide(m: re.Match[str]) -> str:
        return m.group(0) if m.group(1) in sql else "'<value>'"

    return re.sub(r"'([^']*)'", hide, message)


def _import_duckdb() -> None:
    """Import DuckDB while fake-data's workers generate (it takes ~0.08 s of start-up)."""
    import duckdb  # noqa: F401
