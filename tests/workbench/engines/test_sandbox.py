"""The local engine is a sandbox: the attacks a hostile query would try, each failing safely.

Expected outcomes are the guarantees BigQuery itself gives (a query reads only tables, never
the disk) and the project's privacy promise (no value from a report row in any message).
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
import sqlglot

from tests.cli import workbench
from tests.conftest import ROOT
from wbcore.errors import UnsupportedError, UserError
from workbench.engines.dataset import LEGACY_METADATA_TABLE, METADATA_SCHEMA, METADATA_TABLE
from workbench.translate.rules.names import only_source_tables

SECRET = "/etc/passwd"


@pytest.fixture(scope="module")
def bench(small_data: Path):
    """One Workbench for the many read-only attacks of this module."""
    from workbench import Workbench

    shared = Workbench(root=ROOT, db=small_data / "workbench.duckdb")
    yield shared
    shared.close()


# -- reading anything but the dataset ------------------------------------------------------

TABLE_FUNCTIONS = [
    f"SELECT * FROM READ_CSV('{SECRET}')",
    f"SELECT * FROM `read_csv`('{SECRET}')",
    f"SELECT * FROM read_csv_auto('{SECRET}')",
    f"SELECT * FROM read_json_auto('{SECRET}')",
    f"SELECT * FROM parquet_scan('{SECRET}')",
    f"SELECT * FROM sniff_csv('{SECRET}')",
    "SELECT * FROM duckdb_settings()",
    f"SELECT * FROM community_metrics AS c JOIN read_csv('{SECRET}') AS r ON TRUE",
    f"SELECT (SELECT COUNT(*) FROM read_csv('{SECRET}')) AS n",
    f"SELECT 1 AS x UNION ALL SELECT COUNT(*) FROM read_csv('{SECRET}')",
    f"WITH community_metrics AS (SELECT * FROM read_text('{SECRET}')) "
    "SELECT * FROM community_metrics",
    f"SELECT * FROM read_csv('{SECRET}', delim='\\t', header=false)",
    "SELECT * FROM read_csv('/etc/*.conf')",
    f"SELECT * FROM read_json('{SECRET}')",
    "SELECT * FROM read_parquet('data/dropsonde/part-00000.parquet')",
    "SELECT COUNT(*) FROM community_metrics, read_csv('/etc/hostname')",
    "SELECT * FROM range(3)",
    "SELECT * FROM generate_series(1, 3)",
    f"SELECT * FROM (SELECT * FROM read_csv('{SECRET}'))",
    f"WITH t AS (SELECT * FROM read_csv('{SECRET}')) SELECT COUNT(*) FROM t",
]


@pytest.mark.parametrize("sql", TABLE_FUNCTIONS)
def test_table_functions_are_refused_by_the_translation(wb, sql: str) -> None:
    with pytest.raises(UnsupportedError) as info:
        wb.arrow(sql)
    construct = str(info.value.construct)
    assert construct.startswith("table function ")
    # the refusal names the function as written, never a placeholder
    named = construct.removeprefix("table function ")
    assert named != "ANONYMOUS" and named.lower() in sql.lower().replace("`", "")
    assert "root:" not in str(info.value)


# Every name a query could give the workbench's own tables or DuckDB's catalog: the metadata
# table where it lives (its own schema, in the database file's catalog "workbench"), where
# older versions kept it (main), with catalogs, backticks and BigQuery's INFORMATION_SCHEMA.
INTERNAL = METADATA_TABLE.split(".")[1]
LEGACY = LEGACY_METADATA_TABLE.split(".")[1]
INTERNAL_NAMES = [
    METADATA_TABLE,
    f"{METADATA_SCHEMA}.`{INTERNAL}`",
    f"`{METADATA_SCHEMA}`.`{INTERNAL}`",
    f"`{METADATA_TABLE}`",
    f"workbench.{METADATA_TABLE}",
    f"`workbench`.{METADATA_TABLE}",
    f"`workbench.{METADATA_TABLE}`",
    f"memory.{METADATA_TABLE}",
    f"system.{METADATA_TABLE}",
    INTERNAL,
    f"`{INTERNAL}`",
    f"main.{INTERNAL}",
    LEGACY_METADATA_TABLE,
    LEGACY,
    f"`{LEGACY_METADATA_TABLE}`",
    f"`main`.`{LEGACY}`",
    f"workbench.{LEGACY}",
    f"workbench.main.{LEGACY}",
    f"`workbench`.`main`.`{LEGACY}`",
    f"memory.{LEGACY}",
    f"memory.main.{LEGACY}",
    f"temp.main.{LEGACY}",
    "information_schema.tables",
    "INFORMATION_SCHEMA.TABLES",
    "`information_schema.tables`",
    "INFORMATION_SCHEMA.COLUMNS",
    "workbench.INFORMATION_SCHEMA.TABLES",
    "`region-us`.INFORMATION_SCHEMA.TABLES",
    "`region-us.INFORMATION_SCHEMA.TABLES`",
    "pg_catalog.pg_tables",
    "duckdb_tables",
    "`duckdb_tables`",
    "duckdb_settings",
    "system.main.duckdb_tables",
    "main.duckdb_tables",
    "workbench.main.community_metrics",
    "memory.main.community_metrics",
]


@pytest.mark.parametrize("name", INTERNAL_NAMES)
@pytest.mark.parametrize(
    "template",
    [
        "SELECT * FROM {name}",
        "SELECT COUNT(*) AS n FROM community_metrics WHERE EXISTS (SELECT 1 FROM {name})",
        "SELECT * FROM community_metrics AS c JOIN {name} AS d ON TRUE",
        "WITH a AS (SELECT * FROM {name}) SELECT * FROM a",
        "SELECT (SELECT COUNT(*) FROM {name}) AS n",
        "SELECT 1 AS x UNION ALL SELECT 2 FROM {name}",
    ],
)
def test_only_source_tables_can_be_named(bench, name: str, template: str) -> None:
    with pytest.raises(UserError, match="unknown table"):
        bench.arrow(template.format(name=name))


@pytest.mark.parametrize(
    "sql",
    [
        f"SELECT * FROM `{SECRET}`",
        "SELECT * FROM 'x.csv'",
        "SELECT * FROM `x.csv`",
        "SELECT * FROM `data/dropsonde/part-00000.parquet`",
        f'SELECT * FROM "{SECRET}"',
        "SELECT * FROM `data/dropsonde`",
        "SELECT * FROM `community_metrics.parquet`",
        "SELECT * FROM pg_catalog.pg_settings",
        "SELECT * FROM sqlite_master",
        "SELECT * FROM `main`.`sqlite_master`",
        "SELECT * FROM community_metrics.modules",
    ],
)
def test_no_file_can_be_named_as_a_table(bench, sql: str) -> None:
    with pytest.raises(UserError, match="unknown table"):
        bench.arrow(sql)


@pytest.mark.parametrize(
    "sql",
    [
        "SELECT * FROM duckdb_tables()",
        "SELECT * FROM `duckdb_tables`()",
        "SELECT * FROM duckdb_views()",
        "SELECT * FROM duckdb_columns()",
        "SELECT * FROM duckdb_schemas()",
        "SELECT * FROM duckdb_databases()",
        f"SELECT * FROM query_table('{METADATA_TABLE}')",
        f"SELECT * FROM query('SELECT * FROM {METADATA_TABLE}')",
    ],
)
def test_no_catalog_function_can_list_the_internal_tables(bench, sql: str) -> None:
    with pytest.raises(UnsupportedError, match="table function"):
        bench.arrow(sql)


# DuckDB's scalar functions that read a file, a setting, a variable or the environment, and
# DuckDB's catalog and secret functions: none is a GoogleSQL function, so translation refuses
# each by name before DuckDB sees it (BigQuery's function list:
# https://cloud.google.com/bigquery/docs/reference/standard-sql/functions-all).
DUCKDB_ONLY = [
    ("SELECT getenv('HOME') AS h", "GETENV"),
    ("SELECT current_setting('temp_directory') AS t", "CURRENT_SETTING"),
    ("SELECT current_setting('enable_external_access') AS t", "CURRENT_SETTING"),
    ("SELECT current_setting('allowed_directories') AS t", "CURRENT_SETTING"),
    ("SELECT getvariable('x') AS v", "GETVARIABLE"),
    ("SELECT version() AS v", "VERSION"),
    ("SELECT load_extension('httpfs') AS x", "LOAD_EXTENSION"),
    (f"SELECT json_extract(read_text('{SECRET}'), '$') AS x", "READ_TEXT"),
    ("SELECT query('SELECT 1') AS x", "QUERY"),
    ("SELECT * FROM duckdb_extensions()", "DUCKDB_EXTENSIONS"),
    ("SELECT * FROM duckdb_secrets()", "DUCKDB_SECRETS"),
    ("SELECT * FROM which_secret('s3://bucket/x', 's3')", "WHICH_SECRET"),
    (f"SELECT * FROM read_json_objects('{SECRET}')", "READ_JSON_OBJECTS"),
    (f"SELECT * FROM `community_metrics`('{SECRET}')", "COMMUNITY_METRICS"),
    (f"SELECT ARRAY(SELECT AS STRUCT * FROM read_csv('{SECRET}')) AS x", "READ_CSV"),
    ("SELECT * FROM ML.PREDICT(MODEL m, TABLE community_metrics)", "PREDICT"),
]


@pytest.mark.parametrize(("sql", "name"), DUCKDB_ONLY)
def test_duckdb_only_functions_are_refused_by_name(bench, sql: str, name: str) -> None:
    # a name BigQuery lacks is BigQuery's own error, "Function not found: NAME" (the
    # function allow-list, translate/functions_offline.py); one in FROM, the table-function
    # refusal; either names the function and runs nothing
    with pytest.raises(UserError) as info:
        bench.arrow(sql)
    text = str(info.value)
    assert name in text
    assert f"Function not found: {name}" in text or "not supported offline" in text
    assert "root:" not in text


# Statements that are not one query: DuckDB's PRAGMA / CALL, BigQuery scripting and its
# statements that write files or tables (EXPORT DATA, LOAD DATA, CREATE TEMP TABLE).
STATEMENTS = [
    "PRAGMA database_list",
    "CALL pragma_table_info('community_metrics')",
    "SET @@dataset_project_id = 'x'",
    "DECLARE x INT64 DEFAULT 1",
    "EXPORT DATA OPTIONS (uri = '{tmp}/x_*.csv', format = 'CSV') AS SELECT 1 AS a",
    f"LOAD DATA INTO t FROM FILES (format = 'CSV', uris = ['{SECRET}'])",
    "CREATE TEMP TABLE t AS SELECT 1 AS a",
    "CREATE TEMP FUNCTION f(x INT64) AS (x + 1); SELECT f(1) AS y",
]


@pytest.mark.parametrize("statement", STATEMENTS)
def test_statements_other_than_one_query_are_refused(bench, statement: str, tmp_path: Path) -> None:
    with pytest.raises(UserError) as info:
        bench.arrow(statement.format(tmp=tmp_path))
    assert "only queries" in str(info.value) or "one query per file" in str(info.value)
    assert list(tmp_path.iterdir()) == []


# WITH query names: each is the WITH query where BigQuery sees it, and nothing where it does not.
CTE_NAMES = [
    INTERNAL,
    f"`{INTERNAL}`",
    METADATA_SCHEMA,
    LEGACY,
    f"`{LEGACY}`",
    "main",
    "workbench",
    "memory",
    "information_schema",
    "duckdb_tables",
    "tables",
]


@pytest.mark.parametrize("name", CTE_NAMES)
def test_a_with_query_of_any_name_exposes_nothing(bench, name: str) -> None:
    bare = name.strip("`")
    # before its WITH query (and outside the statement) the name must be a source table
    before = f"WITH a AS (SELECT * FROM {name}), {name} AS (SELECT 1 AS x) SELECT * FROM a"
    with pytest.raises(UserError, match="unknown table"):
        bench.arrow(before)
    outside = f"SELECT (WITH {name} AS (SELECT 1 AS x) SELECT 1) AS y FROM {name}"
    with pytest.raises(UserError, match="unknown table"):
        bench.arrow(outside)
    # a qualified name is never a WITH query, even beside one of the same last part
    for qualified in (f"main.{bare}", f"{METADATA_SCHEMA}.{bare}", f"workbench.main.{bare}"):
        with pytest.raises(UserError, match="unknown table"):
            bench.arrow(f"WITH {name} AS (SELECT 7 AS x) SELECT x FROM {qualified}")
    # where it is visible it is the WITH query, not a table of the database
    inside = f"WITH {name} AS (SELECT 7 AS x) SELECT x FROM {name}"
    assert bench.arrow(inside).to_pylist() == [{"x": 7}]
    nested = f"WITH {name} AS (SELECT 7 AS x) SELECT (SELECT MAX(x) FROM {name}) AS x"
    assert bench.arrow(nested).to_pylist() == [{"x": 7}]


def test_the_internal_table_is_outside_every_unqualified_name(wb) -> None:
    """DuckDB itself: the names translated SQL uses (unqualified) resolve in ``main``, which
    holds the source tables only; the metadata table sits in a schema of its own."""
    conn = wb.engine.connection
    in_main = conn.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'"
    ).fetchall()
    assert sorted(t for (t,) in in_main) == sorted(wb.datasets)
    for name in (INTERNAL, LEGACY):
        with pytest.raises(duckdb.CatalogException):
            conn.execute(f"SELECT * FROM {name}").fetchall()
        # a WITH query of the same name is that WITH query, in DuckDB too
        cte = f"WITH {name} AS (SELECT 7 AS x) SELECT * FROM {name}"
        assert conn.execute(cte).fetchall() == [(7,)]
    (n,) = conn.execute(f"SELECT COUNT(*) FROM {METADATA_TABLE}").fetchone()
    assert n == len(wb.datasets)


@pytest.mark.parametrize(
    "duckdb_sql",
    [
        f"SELECT * FROM {METADATA_TABLE}",
        f"SELECT * FROM {INTERNAL}",
        "SELECT * FROM main.community_metrics",
        "SELECT * FROM workbench.main.community_metrics",
        "SELECT * FROM duckdb_tables",
        "SELECT * FROM duckdb_tables()",
        f"SELECT * FROM community_metrics, read_csv('{SECRET}')",
        f"WITH a AS (SELECT * FROM {INTERNAL}) SELECT * FROM a",
        "WITH a AS (SELECT 1 AS x) SELECT * FROM b",
        "SELECT * FROM a, (WITH a AS (SELECT 1 AS x) SELECT * FROM a) AS b",
    ],
)
def test_the_last_check_of_a_translation_refuses_any_other_table(duckdb_sql: str) -> None:
    """Whatever a rule might let through, the translated tree names only source tables."""
    with pytest.raises(UserError, match="not a source table"):
        only_source_tables(sqlglot.parse_one(duckdb_sql, read="duckdb"), ["community_metrics"])
    ok = "WITH a AS (SELECT 1 AS x) SELECT * FROM a, community_metrics AS c"
    only_source_tables(sqlglot.parse_one(ok, read="duckdb"), ["community_metrics"])


@pytest.mark.parametrize(
    "statement",
    [
        f"SELECT * FROM read_csv('{SECRET}')",
        f"SELECT * FROM read_text('{SECRET}')",
        "SELECT * FROM glob('/etc/*')",
        "ATTACH '{tmp}/attack.duckdb' AS x",
        "COPY (SELECT 1) TO '{tmp}/attack.csv'",
        "INSTALL httpfs",
        "LOAD httpfs",
        "SET enable_external_access = true",
        "SET allowed_paths = ['/']",
        "SET lock_configuration = false",
        "RESET enable_external_access",
        # attacker round 3: secrets, exports, extensions, settings and foreign scanners
        "CREATE SECRET s (TYPE s3, KEY_ID 'a', SECRET 'b')",
        "CREATE PERSISTENT SECRET p (TYPE s3, KEY_ID 'a', SECRET 'b')",
        "EXPORT DATABASE '{tmp}/export'",
        "INSTALL httpfs FROM community",
        "FORCE INSTALL httpfs",
        "SET GLOBAL enable_external_access = true",
        "SET SESSION memory_limit = '100GB'",
        "PRAGMA memory_limit = '100GB'",
        "SET python_enable_replacements = true",
        "SET allow_community_extensions = true",
        "SET temp_directory = '{tmp}'",
        "SET max_temp_directory_size = '1TB'",
        "SELECT * FROM read_blob('/etc/hostname')",
        "SELECT * FROM 'https://example.com/x.csv'",
        "ATTACH ':memory:' AS m2",
        "CREATE MACRO main.m(x) AS x",
        "SELECT * FROM sqlite_scan('{tmp}/x.db', 't')",
        "COPY (SELECT 1 AS a) TO '{tmp}/x.parquet' (FORMAT parquet)",
    ],
)
def test_duckdb_itself_refuses_even_what_translation_might_miss(
    wb, statement: str, tmp_path: Path
) -> None:
    """The query connection's own switches, tried with raw DuckDB SQL (no translation)."""
    conn = wb.engine.connection
    with pytest.raises(duckdb.Error) as info:
        conn.execute(statement.format(tmp=tmp_path)).fetchall()
    assert type(info.value).__name__ in (
        "PermissionException",
        "InvalidInputException",
        "CatalogException",
        "BinderException",
    ), info.value
    assert list(tmp_path.iterdir()) == []
    assert conn.execute("SELECT current_setting('enable_external_access')").fetchone() == (False,)


def test_the_switches_that_close_each_door_are_set(wb) -> None:
    """DuckDB's own switches, not SQL filtering: each closes a class of attack for good."""
    conn = wb.engine.connection
    expected = {
        "enable_external_access": False,  # no file, URL or database but the dataset's
        "lock_configuration": True,  # no statement switches anything back
        "autoinstall_known_extensions": False,
        "autoload_known_extensions": False,
        "allow_community_extensions": False,
        "allow_unsigned_extensions": False,
        "allow_persistent_secrets": False,
        "python_enable_replacements": False,  # no name resolves to a Python variable
    }
    got = {n: conn.execute("SELECT current_setting(?)", [n]).fetchone()[0] for n in expected}
    assert got == expected


def test_no_table_name_reaches_a_python_variable(wb) -> None:
    """A DataFrame in the caller's frame (a notebook's) is no table: DuckDB's replacement
    scans are off, on the raw connection and through the translation."""
    import pandas as pd

    frame = pd.DataFrame({"leak": ["private"]})  # noqa: F841 (the variable is the bait)
    with pytest.raises(duckdb.CatalogException):
        wb.engine.connection.execute("SELECT * FROM frame").fetchall()
    with pytest.raises(UserError, match="unknown table"):
        wb.arrow("SELECT * FROM frame")


# Literals, quoted names and comments that hide a second statement: each must stay one value
# of one query (DuckDB's own parser sees a single SELECT), and nothing is written.
HIDDEN_STATEMENTS = [
    (r"SELECT 'a\'; ATTACH \'x\' AS y; --' AS s", "a'; ATTACH 'x' AS y; --"),
    (
        "SELECT '''two\nlines'; COPY (SELECT 1) TO '{tmp}/x.csv'; --''' AS s",
        "two\nlines'; COPY (SELECT 1) TO '{tmp}/x.csv'; --",
    ),
    (r"SELECT r'\'; SELECT 1' AS s", "\\'; SELECT 1"),
    (r'SELECT "x\"; INSTALL httpfs; --" AS s', 'x"; INSTALL httpfs; --'),
    ("SELECT 'x' AS s /* ; ATTACH '{tmp}/a.duckdb' AS a */", "x"),
    ("SELECT 'x' AS s -- ; COPY (SELECT 1) TO '{tmp}/y.csv'", "x"),
    ("SELECT CONCAT('; LOAD ', 'httpfs') AS s", "; LOAD httpfs"),
    (r"SELECT 'é\u0027; SELECT 1' AS s", "é'; SELECT 1"),
]


@pytest.mark.parametrize(
    ("sql", "value"), HIDDEN_STATEMENTS, ids=[f"hidden-{i}" for i in range(len(HIDDEN_STATEMENTS))]
)
def test_a_literal_never_becomes_a_statement(wb, sql: str, value: str, tmp_path: Path) -> None:
    sql, value = sql.replace("{tmp}", str(tmp_path)), value.replace("{tmp}", str(tmp_path))
    tr = wb.translate(sql)
    statements = wb.engine.connection.extract_statements(tr.duckdb)
    assert [st.type for st in statements] == [duckdb.StatementType.SELECT]
    assert wb.arrow(sql).to_pylist() == [{"s": value}]
    assert list(tmp_path.iterdir()) == []


def test_a_parameter_value_is_only_a_value(wb, tmp_path: Path) -> None:
    text = f"x'; COPY (SELECT 1) TO '{tmp_path}/p.csv'; --"
    assert wb.arrow("SELECT @p AS s", {"p": text}).to_pylist() == [{"s": text}]
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "duckdb_sql",
    [
        "SELECT 1 AS x; CREATE TEMP MACRO lower(x) AS 'shadowed'",
        "CREATE TEMP TABLE community_metrics AS SELECT 1 AS n",
        "SELECT 1 AS x; ATTACH '/tmp/attack.duckdb' AS a",
    ],
)
def test_a_stored_plan_runs_nothing_but_one_query(wb, duckdb_sql: str) -> None:
    """A run plan (``workbench.plans``) holds DuckDB text run without translation: a tampered
    one must not slip a second statement in, which would shadow a function or the dataset's
    table for every later query on the connection."""
    with pytest.raises(UserError, match="only queries"):
        wb.engine.run_planned(duckdb_sql, (), (), None, None, "plan", True)
    conn = wb.engine.connection
    assert conn.execute("SELECT lower('A')").fetchone() == ("a",)
    tables = conn.execute("SELECT COUNT(*) FROM duckdb_tables() WHERE temporary").fetchone()
    assert tables == (0,)


def test_the_dataset_itself_still_reads(wb) -> None:
    rows = wb.arrow("SELECT COUNT(*) AS n FROM community_metrics").to_pylist()
    assert rows[0]["n"] > 0
    # but not the dataset's other files, even in the allowed directory
    manifest = Path(wb.datasets["community_metrics"]["dataset_dir"]) / "dataset.json"
    with pytest.raises(duckdb.Error, match="disabled by configuration"):
        wb.engine.connection.execute("SELECT * FROM read_text(?)", [str(manifest)]).fetchall()


def test_the_memory_limit_is_set(wb) -> None:
    (limit,) = wb.engine.connection.execute("SELECT current_setting('memory_limit')").fetchone()
    assert limit.endswith(("GiB", "GB")) and float(limit.split()[0]) <= 4


def test_check_refuses_a_table_function(tmp_path: Path, small_data: Path) -> None:
    query = tmp_path / "leak.sql"
    query.write_text(f"SELECT COUNT(*) AS n FROM read_csv('{SECRET}')\n")
    proc = workbench("check", str(query), db=small_data)
    assert proc.returncode != 0
    assert "source-tables" in proc.stdout and "READ_CSV" in proc.stdout
    assert "root:" not in proc.stdout + proc.stderr


# -- no value from the data in any message --------------------------------------------------

FAILING_ON_DATA = [
    "SELECT PARSE_JSON(ip) FROM community_metrics",
    "SELECT CAST(message_id AS DATE) FROM community_metrics",
    "SELECT CAST(message_id AS TIMESTAMP) FROM community_metrics",
    "SELECT CAST(version AS NUMERIC) FROM community_metrics",
    "SELECT CAST(ip AS FLOAT64) FROM community_metrics",
    "SELECT CAST(ip AS BOOL) FROM community_metrics",
    "SELECT CAST(ip AS INT64) FROM community_metrics",
    "SELECT PARSE_TIMESTAMP('%Y', ip) FROM community_metrics",
    "SELECT PARSE_DATE('%Y-%m-%d', message_id) FROM community_metrics",
    "SELECT JSON_VALUE(ip, '$.a') FROM community_metrics",
    "SELECT FROM_BASE64(ip) FROM community_metrics",
    "SELECT FROM_HEX(ip) FROM community_metrics",
    "SELECT CAST(TO_HEX(site_id) AS INT64) FROM community_metrics",
    "SELECT DATE(message_id) FROM community_metrics",
    "SELECT TIMESTAMP(ip) FROM community_metrics",
]


@pytest.fixture(scope="module")
def values(small_data: Path) -> list[str]:
    """Every identifier-like value of the dataset (ips, ids, versions)."""
    from workbench import Workbench

    bench = Workbench(root=ROOT, db=small_data / "workbench.duckdb")
    rows = bench.arrow(
        "SELECT DISTINCT ip, message_id, TO_HEX(site_id) AS site, version FROM community_metrics"
    ).to_pylist()
    bench.close()
    found = {str(v) for r in rows for v in r.values() if v}
    assert len(found) > 50
    return sorted(found)


@pytest.mark.parametrize("sql", FAILING_ON_DATA)
def test_run_time_errors_never_echo_a_value(sql: str, small_data: Path, values: list[str]) -> None:
    proc = workbench("run", "--sql", sql, db=small_data, timeout=120)
    assert proc.returncode != 0, "every query here fails on some value of the dataset"
    assert proc.stderr.startswith("workbench: error: ") and proc.stderr.count("\n") == 1
    assert "Traceback" not in proc.stderr
    leaked = [v for v in values if v in proc.stderr]
    assert not leaked, proc.stderr


def test_a_second_workbench_on_the_same_file_shares_the_locked_instance(small_data: Path) -> None:
    """DuckDB shares one instance per file in a process (two Workbenches in a notebook)."""
    from workbench import Workbench

    db = small_data / "workbench.duckdb"
    first, second = Workbench(root=ROOT, db=db), Workbench(root=ROOT, db=db)
    try:
        assert first.arrow("SELECT ROUND(2.775, 2) AS r").to_pylist() == [{"r": 2.77}]
        assert second.arrow("SELECT ROUND(2.775, 2) AS r").to_pylist() == [{"r": 2.77}]
        for bench in (first, second):
            conn = bench.engine.connection
            with pytest.raises(duckdb.Error):
                conn.execute(f"SELECT * FROM read_csv('{SECRET}')").fetchall()
            assert conn.execute("SELECT current_setting('TimeZone')").fetchone() == ("UTC",)
    finally:
        first.close()
        second.close()


def test_spilling_stays_beside_the_database(small_data: Path) -> None:
    """DuckDB spills a query bigger than its memory limit to temporary files: beside the
    database file (inside the data directory), and nowhere for an in-memory database
    (whose default is ``.tmp`` in the working directory)."""
    from workbench.engines.dataset import connect

    db = small_data / "workbench.duckdb"
    conn = connect(db, read_only=True)
    (spill,) = conn.execute("SELECT current_setting('temp_directory')").fetchone()
    conn.close()
    assert Path(spill).resolve().parent == small_data.resolve()
    memory = connect(None, read_only=True)
    assert memory.execute("SELECT current_setting('temp_directory')").fetchone() == ("",)
    memory.close()
