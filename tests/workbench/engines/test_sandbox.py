"""The local engine is a sandbox: the attacks a hostile query would try, each failing safely.

Expected outcomes are the guarantees BigQuery itself gives (a query reads only tables, never
the disk) and the project's privacy promise (no value from a report row in any message).
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from tests.cli import workbench
from tests.conftest import ROOT
from wbcore.errors import UnsupportedError, UserError
from workbench.engines.dataset import METADATA_TABLE

SECRET = "/etc/passwd"


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


@pytest.mark.parametrize(
    "sql",
    [
        f"SELECT * FROM `{SECRET}`",
        "SELECT * FROM 'x.csv'",
        f"SELECT * FROM {METADATA_TABLE}",
        f"SELECT * FROM main.{METADATA_TABLE}",
        "SELECT * FROM information_schema.tables",
        "SELECT * FROM duckdb_settings",
        "SELECT * FROM `main`.`_workbench_datasets`",
        "SELECT * FROM system.main.duckdb_tables",
    ],
)
def test_only_source_tables_can_be_named(wb, sql: str) -> None:
    with pytest.raises(UserError, match="unknown table"):
        wb.arrow(sql)


def test_a_with_query_named_like_an_internal_table_exposes_nothing(wb) -> None:
    # the name is visible only after its WITH query: before it, it must be a source table
    sql = (
        f"WITH a AS (SELECT * FROM {METADATA_TABLE}), {METADATA_TABLE} AS (SELECT 1 AS x) "
        "SELECT * FROM a"
    )
    with pytest.raises(UserError, match="unknown table"):
        wb.arrow(sql)
    outside = (
        f"SELECT (WITH {METADATA_TABLE} AS (SELECT 1 AS x) SELECT 1) AS y FROM {METADATA_TABLE}"
    )
    with pytest.raises(UserError, match="unknown table"):
        wb.arrow(outside)
    # where it is visible it is the WITH query, not the internal table
    inside = f"WITH {METADATA_TABLE} AS (SELECT 7 AS x) SELECT x FROM {METADATA_TABLE}"
    assert wb.arrow(inside).to_pylist() == [{"x": 7}]


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
