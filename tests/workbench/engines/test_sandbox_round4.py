"""Attacker round 4 on the offline engine: spellings of file readers and catalog functions,
DuckDB-only statements and syntax, BigQuery system variables, extension functions that would
need autoloading, and queries built to take the translation or the run a long time.

Each must end in a clear workbench error (a refusal, BigQuery's own error or the time limit),
never a raw DuckDB error, a file's content or a run past the limit.
"""

from __future__ import annotations

import math
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT
from wbcore.errors import UserError

SECRET = "/etc/passwd"

ATTACKS = [
    f"SELECT * FROM system.main.read_text('{SECRET}')",
    f"SELECT * FROM `system.main.read_text`('{SECRET}')",
    f"SELECT * FROM main.read_csv('{SECRET}')",
    f"SELECT * FROM UNNEST(read_text('{SECRET}'))",
    f"SELECT * FROM community_metrics AS c, LATERAL (SELECT * FROM read_csv('{SECRET}'))",
    f"SELECT * FROM 'file://{SECRET}'",
    f"FROM read_csv('{SECRET}')",
    f"SELECT * FROM read_csv(['{SECRET}', '/etc/hostname'])",
    f"SELECT * FROM READ_TEXT(('{SECRET}'))",
    f"SELECT * FROM ReAd_CsV_AuTo('{SECRET}')",
    f"SELECT * FROM \"read_csv\"('{SECRET}')",
    f"SELECT x FROM UNNEST((SELECT ARRAY_AGG(content) FROM read_text('{SECRET}'))) AS x",
    f"SELECT * FROM read_ndjson_objects('{SECRET}')",
    f"SELECT * FROM parquet_schema('{SECRET}')",
    "SELECT * FROM parquet_metadata('data/dropsonde/part-00000.parquet')",
    "SELECT * FROM json_execute_serialized_sql(json_serialize_sql('SELECT 1'))",
    "SELECT json_serialize_sql('SELECT 1') AS s",
    "SELECT * FROM pragma_version()",
    "SELECT * FROM duckdb_memory()",
    "SELECT * FROM duckdb_temporary_files()",
    "SELECT * FROM duckdb_functions()",
    "SELECT * FROM test_all_types()",
    "SELECT * FROM community_metrics AS c, (SELECT * FROM duckdb_settings()) AS s",
    "SELECT * FROM read_xlsx('/etc/passwd')",
    "SELECT * FROM iceberg_scan('/tmp')",
    "SELECT * FROM delta_scan('/tmp')",
    "SELECT * FROM postgres_scan('host=localhost', 'public', 't')",
    "SELECT ST_ASTEXT(ST_GEOGFROMTEXT('POINT(1 2)')) AS g",
    "SELECT COLUMNS('.*') FROM community_metrics",
    "SELECT * FROM community_metrics USING SAMPLE 10",
    "SELECT @@project_id AS p",
    "SELECT @@script.job_id AS j",
    "SELECT current_database() AS d",
    "SELECT current_schema() AS s",
    "SUMMARIZE community_metrics",
    "DESCRIBE community_metrics",
    "VALUES (1)",
    "SELECT * FROM `community_metrics\" UNION ALL SELECT * FROM read_csv('/etc/passwd') --`",
    "SELECT * FROM TABLE community_metrics",
    "SELECT * FROM community_metrics AS t(a, b)",
    "SELECT * FROM ML.GENERATE_TEXT(MODEL m, TABLE community_metrics)",
    "SELECT * FROM GAP_FILL(TABLE community_metrics, ts_column => 'timestamp', "
    "bucket_width => INTERVAL 1 DAY)",
    "SELECT " + "(" * 3000 + "1" + ")" * 3000 + " AS x",
    "SELECT " + "+".join(["1"] * 20000) + " AS x",
    "SELECT " + "(SELECT " * 300 + "1" + ")" * 300 + " AS x",
]


@pytest.mark.parametrize("sql", ATTACKS, ids=[f"attack-{i}" for i in range(len(ATTACKS))])
def test_round4_attack_fails_clearly(wb, sql: str) -> None:
    with pytest.raises(UserError) as info:
        wb.arrow(sql)
    text = str(info.value)
    assert "root:" not in text and "Binder Error" not in text and "Catalog Error" not in text
    assert "Parser Error" not in text


def test_a_long_in_list_translates_in_linear_time(wb) -> None:
    """20,000 IN items took 11 s to translate (the statement index checked each list item
    by scanning its list); a query's text size must not buy minutes of CPU. Measured as a
    ratio in one run (no wall-clock budget, which a loaded machine breaks): ten times the
    items must cost well under the hundred times a quadratic walk costs."""

    def cost(n: int) -> float:
        sql = "SELECT 1 IN (" + ",".join(str(i) for i in range(n)) + ") AS x"
        best = math.inf
        for _ in range(2):
            start = time.process_time()
            wb.translate(sql)
            best = min(best, time.process_time() - start)
        return best

    small, large = cost(2000), cost(20000)
    assert large < 30 * small, (small, large)


def test_an_endless_recursion_stops_at_the_time_limit(small_data: Path) -> None:
    from workbench import Workbench

    bench = Workbench(root=ROOT, db=small_data / "workbench.duckdb", timeout=3)
    try:
        start = time.monotonic()
        with pytest.raises(UserError, match="stopped after"):
            bench.arrow(
                "WITH RECURSIVE r AS (SELECT 1 AS n UNION ALL SELECT n + 1 FROM r) "
                "SELECT COUNT(*) AS c FROM r"
            )
        assert time.monotonic() - start < 30
    finally:
        bench.close()


def test_a_translation_that_multiplies_is_stopped(wb) -> None:
    """Nested calls whose guards repeat their argument grew exponentially: three LOGs around
    SAFE.POW took nearly five minutes and 24 MB of SQL to translate, with no time limit."""
    from wbcore.errors import UnsupportedError

    sql = "SELECT LOG(LOG(LOG(SAFE.POW(2.0, x), 2), 2), 2) AS y FROM UNNEST([1.0]) AS x"
    start = time.monotonic()
    with pytest.raises(UnsupportedError, match="this large once translated"):
        wb.translate(sql)
    assert time.monotonic() - start < 90
