"""The local engine: BigQuery-dialect statements translated and run on the fake dataset.

It holds the read-only DuckDB connection to the dataset (``engines.dataset``), knows which
sources are loaded (and their as-of date, the pinned clock), translates each statement
(``workbench.translate``) and runs it. Engine errors go through ``engines.errors``, which
never lets a value from a report row reach a message.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fakedata.manifest import PARQUET, PLUGINS
from wbcore.errors import UserError
from wbcore.parameters import parameter_types
from workbench.engines.base import DEFAULT_TIMEOUT, DryRunResult
from workbench.engines.dataset import TABLES_SCHEMA, connect, loaded_datasets
from workbench.engines.errors import (
    DATA_ERRORS,
    checks_of,
    describe,
    engine_constant,
    failed_call,
)
from workbench.project import Project
from workbench.translate import Context, TableInfo, Translation, translate
from workbench.translate.context import DP_NOISE_KEY, DP_NOISE_OFF_RULE, DP_RULE

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    import duckdb
    import pyarrow as pa

    from fakedata.source import Source


class LocalEngine:
    """DuckDB on the fake dataset in ``db_path`` (in memory when there is none yet)."""

    name = "local"
    offline = True

    def __init__(
        self, db_path: Path, project: Project, today: bool = False, timeout: float | None = None
    ) -> None:
        self.db_path = db_path
        self.timeout = DEFAULT_TIMEOUT if timeout is None else timeout
        self.project = project
        # today=True: CURRENT_DATE() reads the real clock instead of the dataset's as-of date.
        self.today = today
        self._conn: duckdb.DuckDBPyConnection | None = None
        self._datasets: dict[str, dict[str, Any]] | None = None
        # False (``--dp-noise off``): differentially private queries run without their noise
        self.dp_noise = True
        self.last_dp_noise: str | None = None
        # the translation of the last statement run (a run plan is made from it)
        self.last_translation: Translation | None = None

    # -- the connection ---------------------------------------------------------------

    @property
    def connection(self) -> duckdb.DuckDBPyConnection:
        """Read-only connection to the dataset (in-memory when there is none yet)."""
        if self._conn is None:
            exists = self.db_path.is_file()
            self._conn = connect(self.db_path if exists else None, read_only=True)
        return self._conn

    def register_functions(self, tr: Translation) -> None:
        """BigQuery's own functions that the translated statement calls, on the connection."""
        from workbench.translate import functions

        self._register(functions.called(tr.tree))

    def _register(self, names: Iterable[str]) -> None:
        """BigQuery's runtime functions ``names`` on the connection (none: nothing loads)."""
        if names:
            from workbench.translate import functions

            functions.register(self.connection, names)

    def close(self) -> None:
        """Release the database (a regeneration needs it) and forget what was read from it."""
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        self._datasets = None

    @property
    def datasets(self) -> dict[str, dict[str, Any]]:
        """Loaded table → its dataset's manifest (source, as-of date, directories)."""
        if self._datasets is None:
            self._datasets = loaded_datasets(self.connection)
        return self._datasets

    # -- what a statement may read ----------------------------------------------------

    def queryable_sources(self) -> list[Source]:
        """The project's sources, plus any source loaded in the database from another directory."""
        found = {s.directory.resolve(): s for s in self.project.sources()}
        for meta in self.datasets.values():
            where = Path(meta.get("source_dir") or "")
            if where.is_dir() and where.resolve() not in found:
                try:
                    found[where.resolve()] = self.project.load(where)
                except UserError:
                    continue  # a source directory that changed since: its table stays unknown
        return list(found.values())

    def context(self) -> Context:
        tables = [
            TableInfo(
                local=s.table,
                columns=s.schema.sql_types(),
                names=s.table_names,
                entity=s.entity,
                seed=(self.datasets.get(s.table) or {}).get("seed"),
                **dataset_size(self.datasets.get(s.table) or {}),
            )
            for s in self.queryable_sources()
        ]
        return Context(tables=tuple(tables), now=self.now(), dp_noise=self.dp_noise)

    def _context_for(self, params: dict[str, Any] | None) -> Context:
        """The context with the parameters' BigQuery types: BigQuery's parameters are typed,
        and the translation types each ``@name`` by them."""
        context = self.context()
        return replace(context, parameters=parameter_types(params)) if params else context

    def now(self) -> dt.datetime | None:
        """The pinned clock: midnight UTC of the newest loaded dataset's as-of date."""
        if self.today or not self.datasets:
            return None
        # the project's datasets set the clock: a directory source's own --as-of moves
        # only the clock of a database that holds nothing else
        own = [m for m in self.datasets.values() if not directory_dataset(m)]
        as_of = max(dt.date.fromisoformat(m["as_of"]) for m in own or self.datasets.values())
        return dt.datetime.combine(as_of, dt.time(), tzinfo=dt.UTC)

    # -- the engine interface -----------------------------------------------------------

    def translate(
        self, sql: str, where: str = "query", context: Context | None = None
    ) -> Translation:
        return translate(sql, self.context() if context is None else context, where)

    def run(
        self,
        sql: str,
        params: dict[str, Any] | None = None,
        where: str = "query",
        vet: Callable[..., None] | None = None,
    ) -> pa.Table:
        """Translate and run one statement; the result as Arrow, in BigQuery's types.

        ``vet``: called with the translation before the statement runs (the Workbench's
        reference-analyzer gate), after the translation's own, more specific errors."""
        return self._run(sql, params, where, _arrow, vet)

    def rows(
        self,
        sql: str,
        params: dict[str, Any] | None = None,
        where: str = "query",
        vet: Callable[..., None] | None = None,
    ) -> tuple[list[str], list[tuple[Any, ...]]]:
        """Translate and run one statement; column names and rows as Python values (what
        text output needs, without loading pyarrow)."""
        return self._run(sql, params, where, _python_rows, vet)

    def _run(
        self,
        sql: str,
        params: dict[str, Any] | None,
        where: str,
        fetch: Callable,
        vet: Callable[..., None] | None,
    ) -> Any:
        import duckdb

        context = self._context_for(params)
        try:
            tr, bound = self._prepare(sql, params, where, context)
        except UserError as exc:
            # (without the translation the parameters' types are unknown to the analyzer)
            if vet is not None and not params and _analyzer_words_it(exc):
                vet(None, exc)  # BigQuery's error, when its analyzer's is another condition
            raise
        if vet is not None:
            vet(tr)
        # one time limit for the query and the probes that locate a failure
        deadline = time.monotonic() + self.timeout
        try:
            result = self._execute(tr.duckdb, bound, deadline, fetch)
        except duckdb.InterruptException:
            raise self._stopped(where) from None
        except duckdb.Error as exc:
            raise self._failure(exc, tr, bound, where, context, deadline) from None
        # whether the last statement was differentially private, with its noise or without
        self.last_dp_noise = dp_noise_state(tr)
        self.last_translation = tr
        return _marked(result, self.last_dp_noise) if fetch is _arrow else result

    def run_planned(
        self,
        duckdb_sql: str,
        functions: tuple[str, ...],
        parameters: tuple[str, ...],
        dp_noise: str | None,
        params: dict[str, Any] | None,
        where: str,
        arrow: bool,
    ) -> Any | None:
        """Run an already translated and vetted statement (a run plan, ``workbench.plans``):
        its result as ``run`` (``arrow``) or ``rows`` gives it, or None when DuckDB fails on
        it: the caller then runs the statement in full, whose error is the one to show."""
        import duckdb

        if not self.db_path.is_file():
            return None
        self._register(functions)
        bound = self._bind(parameters, params, where)
        fetch = _arrow if arrow else _python_rows
        deadline = time.monotonic() + self.timeout
        try:
            result = self._execute(duckdb_sql, bound, deadline, fetch)
        except duckdb.InterruptException:
            raise self._stopped(where) from None
        except duckdb.Error:
            return None
        self.last_dp_noise = dp_noise
        self.last_translation = None
        return _marked(result, dp_noise) if arrow else result

    def _stopped(self, where: str) -> UserError:
        return UserError(
            f"stopped after {self.timeout:g} s (--timeout); the query ran too long", file=where
        )

    def _execute(
        self, duckdb_sql: str, bound: dict[str, Any], deadline: float, fetch: Callable | None = None
    ) -> Any:
        """Run translated SQL on the sandboxed connection, interrupted at ``deadline``."""
        conn = self.connection
        only_one_query(conn, duckdb_sql)
        # DuckDB stops the running query when interrupted from another thread; the
        # connection stays usable.
        timer = threading.Timer(max(deadline - time.monotonic(), 0.0), conn.interrupt)
        timer.start()
        try:
            relation = conn.sql(duckdb_sql, params=bound or None)
            return (fetch or _arrow)(relation)
        finally:
            # joined, never left running: a thread still alive when the interpreter exits
            # aborted the process (DuckDB's C++ met the thread's forced unwinding)
            timer.cancel()
            timer.join()

    def _failure(
        self,
        exc: duckdb.Error,
        tr: Translation,
        bound: dict[str, Any],
        where: str,
        context: Context,
        deadline: float,
    ) -> UserError:
        """The error to show for a failed run: for a failure on the data, the call that failed
        (found by probes, ``engines.locate``), else its kind and the statement's line."""
        import duckdb

        message = describe(exc, tr.bigquery, checks_of(tr.tree))
        if type(exc).__name__ not in DATA_ERRORS:
            return UserError(message, file=where)
        if engine_constant(exc) is not None:  # a condition of the query's shape, no call's
            from workbench.engines.locate import statement_line

            return UserError(message, file=where, line=statement_line(tr.bigquery))
        # sqlglot's tokenizer and the probes: only once a query has failed on the data
        from workbench.engines.locate import locate, statement_line

        def probe(duckdb_sql: str) -> BaseException | None:
            if time.monotonic() >= deadline:
                return TimeoutError()  # no time left: not decided
            try:
                self._execute(duckdb_sql, bound, deadline)
            except duckdb.Error as error:
                return error
            return None

        found = locate(tr, exc, where, context, probe)
        line = statement_line(tr.bigquery)
        if found is None:
            return UserError(message, file=where, line=line)
        call = found.call
        text, hint = failed_call(
            call.name, call.family, found.error_class, found.check, call.target
        )
        return UserError(
            text,
            file=where,
            line=call.line or line,
            column=call.column,
            construct=call.name,
            hint=hint,
        )

    def dry_run(
        self, sql: str, params: dict[str, Any] | None = None, where: str = "query"
    ) -> DryRunResult:
        """Translate and plan the statement (DuckDB binds every name), without running it."""
        import duckdb

        try:
            tr, bound = self._prepare(sql, params, where)
            self.connection.execute(f"EXPLAIN {tr.duckdb}", bound or None)
        except UserError as exc:
            return DryRunResult(valid=False, error=str(exc), engine="the local engine")
        except duckdb.Error as exc:
            error = describe(exc, sql)
            return DryRunResult(valid=False, error=error, engine="the local engine")
        return DryRunResult(
            valid=True,
            referenced_tables=tuple(tr.tables),
            statement_type="SELECT",
            engine="the local engine",
        )

    def tables(self, sql: str, where: str = "query") -> list[str]:
        """The local tables the statement reads (production names mapped)."""
        return list(self.translate(sql, where).tables)

    def _prepare(
        self, sql: str, params: dict[str, Any] | None, where: str, context: Context | None = None
    ) -> tuple[Translation, dict[str, Any]]:
        context = self._context_for(params) if context is None else context
        tr = self.translate(sql, where, context)
        self._check_loaded(tr, where)
        self.register_functions(tr)
        return tr, self._bind(tuple(tr.parameters), params, where)

    @staticmethod
    def _bind(
        parameters: tuple[str, ...], params: dict[str, Any] | None, where: str
    ) -> dict[str, Any]:
        """The values of the statement's query parameters (an error names the missing)."""
        params = dict(params or {})
        missing = [p for p in parameters if p not in params]
        if missing:
            raise UserError(
                f"no value for query parameter(s) {', '.join('@' + m for m in missing)}",
                file=where,
            )
        return {k: v for k, v in params.items() if k in parameters}

    def _check_loaded(self, tr: Translation, where: str) -> None:
        if not tr.tables:
            return
        if not self.db_path.is_file():
            raise UserError(
                f"no dataset at {self.db_path}; generate one with `make fake-data` "
                "or `workbench fake-data`",
                file=where,
            )
        loaded = {
            row[0]
            for row in self.connection.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = ?",
                [TABLES_SCHEMA],
            ).fetchall()
        }
        for table in tr.tables:
            where_data = (self.datasets.get(table) or {}).get("dataset_dir")
            if where_data and not (Path(where_data) / PARQUET).is_file():
                raise UserError(
                    f"the dataset files of table {table!r} are missing (moved or "
                    f"deleted?); run `workbench fake-data` again",
                    file=where,
                )
            source = next((s for s in self.queryable_sources() if s.table == table), None)
            name = source.name if source is not None else table
            if table not in loaded:
                raise UserError(
                    f"table {table!r} is not loaded in {self.db_path}; "
                    f"run `workbench fake-data --source {name}`",
                    file=where,
                )
            made_from = (self.datasets.get(table) or {}).get("schema_fingerprint")
            if source is not None and made_from and made_from != source.schema.fingerprint():
                raise UserError(
                    f"the dataset of table {table!r} is older than its schema "
                    f"({source.directory} changed since it was generated); "
                    f"run `workbench fake-data --source {name}`"
                    + (" (or `make fake-data`)" if self.project.is_project_source(source) else ""),
                    file=where,
                )


def only_one_query(conn: duckdb.DuckDBPyConnection, duckdb_sql: str) -> None:
    """Run nothing but one SELECT, as DuckDB's own parser reads the text: whatever a
    translation rule or a stored run plan might emit, no second statement (ATTACH, COPY,
    CREATE TEMP MACRO shadowing a function) rides along with the query."""
    import duckdb

    try:
        statements = conn.extract_statements(duckdb_sql)
    except (duckdb.Error, TypeError):
        # not parseable, or text no UTF-8 can hold (a lone surrogate): DuckDB's own error,
        # from the run itself, says why, and nothing runs
        return
    kinds = [s.type for s in statements]
    if kinds != [duckdb.StatementType.SELECT]:
        raise UserError(
            "the translated statement is not one query; only queries can run offline "
            "(nothing was run)"
        )


def dp_noise_state(tr: Translation) -> str | None:
    """``on`` or ``off`` for a differentially private query (its noise left out or not),
    None for any other query."""
    fired = {r.split(" ", 1)[0] for r in tr.rules}
    if DP_RULE not in fired:
        return None
    return "off" if DP_NOISE_OFF_RULE in fired else "on"


def _marked(table: pa.Table, state: str | None) -> pa.Table:
    """A differentially private result says whether it carries its noise (schema metadata
    ``workbench.dp_noise``: ``on`` or ``off``), so no noiseless table passes for a DP one."""
    if state is None:
        return table
    metadata = {**(table.schema.metadata or {}), DP_NOISE_KEY: state.encode()}
    return table.replace_schema_metadata(metadata)


def _arrow(relation: duckdb.DuckDBPyRelation) -> pa.Table:
    """The result as Arrow; a JSON value (DuckDB's JSON, which Arrow receives as text) is
    typed arrow.json, so the result's type is BigQuery's JSON, not STRING."""
    table = relation.to_arrow_table()
    if not any("JSON" in str(t) for t in relation.types):
        return table
    import pyarrow as pa

    fields = [
        pa.field(f.name, _with_json(t, f.type), f.nullable)
        for f, t in zip(table.schema, relation.types, strict=True)
    ]
    return table.cast(pa.schema(fields, metadata=table.schema.metadata))


def _with_json(duck: Any, arrow: pa.DataType) -> pa.DataType:
    """``arrow`` with arrow.json wherever the DuckDB type ``duck`` holds a JSON."""
    import pyarrow as pa

    if str(duck) == "JSON" and pa.types.is_string(arrow):
        return pa.json_()
    if duck.id == "list" and pa.types.is_list(arrow):
        inner = _with_json(duck.children[0][1], arrow.value_type)
        return pa.list_(pa.field(arrow.value_field.name, inner))
    if duck.id == "struct" and pa.types.is_struct(arrow):
        return pa.struct(
            [
                pa.field(arrow.field(i).name, _with_json(child, arrow.field(i).type))
                for i, (_, child) in enumerate(duck.children)
            ]
        )
    return arrow


# DuckDB's Python values are Arrow's to_pylist() values but for these (INTERVAL: timedelta,
# which drops months; HUGEINT: int): their results go through Arrow as before.
_THROUGH_ARROW = ("INTERVAL", "HUGEINT", "UHUGEINT")


def _python_rows(relation: duckdb.DuckDBPyRelation) -> tuple[list[str], list[tuple[Any, ...]]]:
    if any(str(t).startswith(_THROUGH_ARROW) for t in relation.types):
        table = relation.to_arrow_table()
        columns = [c.to_pylist() for c in table.columns]
        return list(table.column_names), list(zip(*columns, strict=True))
    return list(relation.columns), relation.fetchall()


def directory_dataset(meta: dict[str, Any]) -> bool:
    """Whether a loaded dataset is a directory source's (under ``data/plugins/``)."""
    where = meta.get("dataset_dir")
    return bool(where) and Path(where).parent.name == PLUGINS


def dataset_size(manifest: dict[str, Any]) -> dict[str, Any]:
    """A loaded dataset's rows and the days they span, from its manifest (no scan)."""
    try:
        last = dt.date.fromisoformat(manifest["as_of"])
        return {
            "rows": int(manifest["rows"]),
            "first_day": last - dt.timedelta(days=int(manifest["days"])),
            "last_day": last,
        }
    except (KeyError, TypeError, ValueError):
        return {}


def _analyzer_words_it(exc: UserError) -> bool:
    """Whether GoogleSQL's analyzer is asked for BigQuery's error in place of a translation
    error ("unknown column 'n'" where BigQuery says "Column name n is ambiguous" or
    "Recursive reference is not allowed ...", "unknown column 'limit'" for its syntax error);
    refusals stay refusals (a refused table function is refused by name, whatever BigQuery
    would say of it), and so do the workbench's own checks (statement kind, tables,
    parameters)."""
    from wbcore.errors import NAME, SYNTAX, UNKNOWN_NAME
    from workbench.translate import UnsupportedError

    if isinstance(exc, UnsupportedError):
        return False
    return exc.condition in (UNKNOWN_NAME, NAME, SYNTAX)
