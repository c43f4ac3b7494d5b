"""The central object: builds and holds the project, its sources and its engines.

Like sqlmesh's Context: the CLI, the IPython magic and the Python API are thin layers over
``Workbench``, which passes plain data (the ``Project``, an engine) down to the functions
that do the work (``check``, ``promote``, ``publish``), so a query behaves the same wherever
it is run from.
"""

from __future__ import annotations

import os
import re
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fakedata.manifest import PLUGINS
from fakedata.source import Source
from wbcore.errors import SYNTAX, UNKNOWN_NAME, UserError
from wbcore.parameters import parameter_types
from wbcore.sqlfile import find_root, read_sql
from workbench.engines.local import LocalEngine, directory_dataset
from workbench.plans import Plan, PlanStore
from workbench.project import DEFAULT_SOURCE, Project
from workbench.translate import Context, Translation
from workbench.translate.context import DP_NOISE_KEY

if TYPE_CHECKING:
    import datetime as dt

    import duckdb
    import pandas as pd
    import pyarrow as pa

    from fakedata.manifest import Manifest
    from workbench.check import Report
    from workbench.compare import CompareResult
    from workbench.engines.bigquery import BigQueryEngine
    from workbench.promote import Promotion
    from workbench.publish import PublishResult

__all__ = ["DEFAULT_DB", "DEFAULT_SOURCE", "Workbench"]
DEFAULT_DB = Path("data") / "workbench.duckdb"


class Workbench:
    """A project's sources and its DuckDB dataset, with BigQuery-dialect querying."""

    def __init__(
        self,
        root: Path | str | None = None,
        db: Path | str | None = None,
        today: bool = False,
        timeout: float | None = None,
        dp_noise: bool = True,
    ) -> None:
        self.root = Path(root).resolve() if root else find_root()
        # WORKBENCH_DB points notebooks and the CLI at another database (tests use it).
        env_db = os.environ.get("WORKBENCH_DB")
        self.db_path = Path(db) if db else Path(env_db) if env_db else self.root / DEFAULT_DB
        self.today = today
        self.project = Project(self.root, data_dir=self.db_path.parent)
        # timeout: seconds a local query may run (engines.base.DEFAULT_TIMEOUT when None)
        self.engine = LocalEngine(self.db_path, self.project, today=today, timeout=timeout)
        # False: WITH DIFFERENTIAL_PRIVACY queries run without their noise (marked, debugging)
        self.engine.dp_noise = dp_noise

    # -- sources -----------------------------------------------------------------------

    @property
    def source_names(self) -> list[str]:
        return self.project.source_names

    def source(self, name_or_dir: str | Path | None = None) -> Source:
        """A source by name (``schemas/<name>``) or by directory path."""
        return self.project.source(name_or_dir)

    def sources(self) -> list[Source]:
        return self.project.sources()

    # -- data ----------------------------------------------------------------------------

    def dataset_dir(self, source: Source, out: Path | None = None) -> Path:
        """Where ``source``'s dataset goes: ``data/<name>/``, or for a directory source
        (a schema directory outside ``schemas/``) ``data/plugins/<name>/``."""
        base = out or self.db_path.parent
        if self.project.is_project_source(source):
            return base / source.name
        return base / PLUGINS / source.name

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
        from workbench.engines.dataset import load_dataset

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
        return self.engine.connection

    def close(self) -> None:
        """Release the database (a regeneration needs it) and forget what was read from it."""
        self.engine.close()

    @property
    def datasets(self) -> dict[str, dict[str, Any]]:
        """The project's loaded datasets (``schemas/`` sources), by table name."""
        return {t: m for t, m in self.engine.datasets.items() if not directory_dataset(m)}

    @property
    def directory_datasets(self) -> dict[str, dict[str, Any]]:
        """The directory sources' loaded datasets (``data/plugins/``), by table name."""
        return {t: m for t, m in self.engine.datasets.items() if directory_dataset(m)}

    def drop(self, name: str) -> list[Path]:
        """Remove a loaded source's table and the dataset files fake-data wrote for it (never
        anything else: a directory is removed only once empty); the paths removed."""
        from workbench.engines.dataset import drop_dataset

        self.close()
        return drop_dataset(self.db_path, name)

    # -- SQL -----------------------------------------------------------------------------

    def context(self) -> Context:
        return self.engine.context()

    def now(self) -> dt.datetime | None:
        return self.engine.now()

    def translate(self, sql_or_path: str | Path) -> Translation:
        sql, where = read_sql(sql_or_path)
        return self.engine.translate(sql, where)

    def arrow(self, sql_or_path: str | Path, params: dict[str, Any] | None = None) -> pa.Table:
        """Run a BigQuery-dialect query offline; the result as an Arrow table."""
        return self._run(sql_or_path, params, arrow=True)

    def rows(
        self, sql_or_path: str | Path, params: dict[str, Any] | None = None
    ) -> tuple[list[str], list[tuple[Any, ...]]]:
        """Run a BigQuery-dialect query offline; column names and rows as Python values."""
        return self._run(sql_or_path, params, arrow=False)

    def _run(self, sql_or_path: str | Path, params: dict[str, Any] | None, arrow: bool) -> Any:
        """A statement's result: from its run plan when one is kept (``workbench.plans``: the
        statement and everything it depends on unchanged), else translated, vetted and run,
        and its plan kept for the next time."""
        sql, where = read_sql(sql_or_path)
        plans = self.plans
        key = plans.key(sql, where, parameter_types(params))
        plan = plans.get(key)
        if plan is not None:
            done = self.engine.run_planned(
                plan.duckdb, plan.functions, plan.parameters, plan.dp_noise, params, where, arrow
            )
            if done is not None:
                return done
        vet = partial(self.refuse_what_bigquery_rejects, sql, where)
        run = self.engine.run if arrow else self.engine.rows
        result = run(sql, params, where, vet=vet)
        tr = self.engine.last_translation
        if tr is not None:
            from workbench.translate import functions

            made = Plan(
                duckdb=tr.duckdb,
                functions=tuple(sorted(functions.called(tr.tree))),
                parameters=tuple(tr.parameters),
                dp_noise=self.engine.last_dp_noise,
            )
            plans.put(key, made)
        return result

    @property
    def plans(self) -> PlanStore:
        """The run plans of this data directory for this engine's switches."""
        switches = {"today": self.today, "dp_noise": self.engine.dp_noise}
        return PlanStore(self.project, self.db_path, switches)

    def refuse_what_bigquery_rejects(
        self, sql: str, where: str, translation: Translation | None, own: UserError | None = None
    ) -> None:
        """A statement GoogleSQL's reference analyzer rejects is an error offline too.

        sqlglot and DuckDB accept much that BigQuery refuses (``SELECT 1 AS``, ``GROUP BY a,
        WHERE ...``, ``NULL = NULL``, a mistyped argument DuckDB casts): running it would show
        an answer BigQuery never gives. The analyzer resolves names and types as BigQuery does;
        its verdicts are kept on disk per statement, so an unchanged query is analyzed once.
        An analyzer that fails internally on a statement does not block it (``check`` says so).
        Called by the engine with the statement's translation, so the translation's own errors
        (unknown tables, refusals) come first; with None when the translation failed (``own``),
        so that BigQuery's error replaces it where the analyzer finds another condition: an
        "unknown column" that BigQuery calls ambiguous, a syntax error (every loaded source's
        table is then in the analyzer's catalog). The same condition keeps the workbench's
        message, which names the schema's columns or the token. The query parameters' BigQuery
        types (the translation's) are declared to the analyzer, as BigQuery knows them.
        """
        from workbench.translate.verdicts import stored

        # the catalog: every source's table the translation resolved (none: no table read)
        read: dict[str, Source] = {}  # by table: a source may be loaded from two directories
        for s in self.engine.queryable_sources():
            if translation is None or s.table in translation.tables:
                read.setdefault(s.table, s)
        tables = tuple((s.table_names, s.schema) for s in read.values())
        parameters = translation.parameter_types if translation is not None else ()
        known, rejection = stored(sql.rstrip(), tables, parameters)
        if not known:  # the analyzer itself (about a second to load) only for a new statement
            from workbench.translate.analyzer import analyze_tables

            rejection = analyze_tables(sql, tables, parameters)
        if rejection is None or rejection.crashed:
            return
        if own is not None and (
            rejection.message.startswith("Query parameter")  # its types were not declared
            or _same_condition(own, rejection.message)
        ):
            return
        raise UserError(
            f"BigQuery rejects this query: {rejection.message}",
            file=where,
            line=rejection.line,
            column=rejection.column,
            construct="GoogleSQL analyzer",
        )

    def privacy_errors(self, sql_or_path: str | Path) -> list[str]:
        """The privacy rules a query breaks by its text alone: what `check` would refuse
        before running it (`run` says so, so a leaky draft is not mistaken for a result)."""
        sql, where = read_sql(sql_or_path)
        plans = self.plans
        key = plans.key(sql, where)
        plan = plans.get(key)
        if plan is not None and plan.privacy is not None:
            return list(plan.privacy)
        from workbench.check import source_for
        from workbench.privacy import analyze

        path = sql_or_path if isinstance(sql_or_path, Path) else Path(where)
        analysis = analyze(sql, source_for(self.project, path, sql), where)
        broken = sorted(
            {f.rule for f in analysis.findings if f.severity == "error"}
            - {"file", "syntax", "columns"}
        )
        if plan is not None:
            plans.with_privacy(key, plan, broken)
        return broken

    def query(self, sql_or_path: str | Path, params: dict[str, Any] | None = None) -> pd.DataFrame:
        """Run a BigQuery-dialect query offline; the result as a pandas DataFrame."""
        from workbench.output import to_dataframe

        table = self.arrow(sql_or_path, params)
        df = to_dataframe(table)
        dp_noise = (table.schema.metadata or {}).get(DP_NOISE_KEY)
        if dp_noise is not None:
            # a differentially private result says whether it carries its noise
            df.attrs["dp_noise"] = dp_noise.decode()
        return df

    def bigquery(self, project: str | None = None) -> BigQueryEngine:
        """The BigQuery engine (credentials from Google's standard mechanisms)."""
        from workbench.engines.bigquery import BigQueryEngine

        return BigQueryEngine.connect(project)

    # -- checks and promotion -------------------------------------------------------------

    def check(
        self,
        paths: list[Path] | None = None,
        strict: bool = False,
        engine: str = "local",
        project: str | None = None,
        params: dict[str, Any] | None = None,
        exemptions: Path | None = None,
    ) -> Report:
        """`workbench check`: parse, tables, privacy, run (or BigQuery dry run), group sizes,
        header; ``exemptions``: the reviewed file (default: the project's own)."""
        from workbench.check import check

        runner = self.bigquery(project) if engine == "bigquery" else self.engine
        return check(self.project, runner, paths, strict, params, exemptions)

    def promote(
        self,
        paths: list[Path],
        to: Path | None = None,
        force: bool = False,
        strict: bool = False,
        log: Any = print,
        bigquery_dry_run: bool = False,
        project: str | None = None,
        exemptions: Path | None = None,
    ) -> list[Promotion]:
        """Check each query, then write it for the aggregation repository (production names).

        ``bigquery_dry_run``: each promoted text is dry-run on BigQuery first; any rejection
        and nothing is written.
        """
        from workbench.promote import promote

        dry_run_engine = None
        if bigquery_dry_run:
            try:
                dry_run_engine = self.bigquery(project)
            except UserError as exc:
                raise UserError(f"--bigquery-dry-run: {exc}; nothing was written") from None
        return promote(
            self.project,
            self.engine,
            paths,
            to=to,
            force=force,
            strict=strict,
            log=log,
            bigquery=dry_run_engine,
            exemptions=exemptions,
        )

    def publish(
        self,
        table: str,
        source: str | Path | None = None,
        data: Path | None = None,
        project: str | None = None,
        location: str | None = None,
    ) -> PublishResult:
        """Load ``source``'s generated Parquet into the BigQuery ``table`` (replacing it)."""
        from workbench.engines.bigquery import connect, endpoint_override
        from workbench.publish import parse_table_id, publish

        table_id = parse_table_id(table)  # a bad name fails before any credential is looked up
        src = self.source(source)
        directory = self.dataset_dir(src, data)
        client = connect(project or table_id.project, location)
        return publish(
            src, directory, table_id, client, location=location, endpoint=endpoint_override()
        )

    def compare(
        self,
        path: Path,
        table: str | None = None,
        project: str | None = None,
        params: dict[str, Any] | None = None,
        exemptions: Path | None = None,
    ) -> CompareResult:
        """Run a query offline and on BigQuery's published example ``table`` (default: its
        source's public table) and compare the results."""
        from workbench.check import reviewed_file
        from workbench.compare import compare
        from workbench.privacy import load_reviewed
        from workbench.publish import parse_table_id

        if table is not None:
            parse_table_id(table)  # a bad name fails before any credential is looked up
        reviewed = load_reviewed(reviewed_file(self.project, exemptions))
        remote = self.bigquery(project)
        return compare(self.project, self.engine, remote, path, table, params, reviewed)

    def new_query(self, name: str, source: Source) -> Path:
        """Scaffold ``queries/<source>/<name>.sql`` with the metadata header to fill in."""

        from workbench.header import template

        if not re.match(r"^[A-Za-z_][A-Za-z0-9_]*$", name):
            raise UserError(
                f"{name!r}: a query's name is its output table's name: letters, digits and "
                "underscores, not starting with a digit"
            )
        path = self.project.queries_dir / source.name / f"{name}.sql"
        if path.exists():
            raise UserError("already exists; choose another name or edit it", file=path)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8") as fh:
            fh.write(template(name, source))
        return path


def _import_duckdb() -> None:
    """Import DuckDB while fake-data's workers generate (it takes ~0.08 s of start-up)."""
    import duckdb  # noqa: F401


# a translation error's condition and how the analyzer's message for the same condition
# begins (the workbench's own words are kept: they name the schema's columns or the token);
# the analyzer gives only text, so its side is read from the message
_SAME_CONDITIONS = {
    UNKNOWN_NAME: ("Unrecognized name", "Name "),
    SYNTAX: ("Syntax error",),
}


def _same_condition(own: UserError, bigquery: str) -> bool:
    return bigquery.startswith(_SAME_CONDITIONS.get(own.condition, ()))
