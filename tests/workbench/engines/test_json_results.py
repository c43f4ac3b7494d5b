"""A JSON result column is BigQuery's JSON, not STRING (issue 15: the GoogleSQL compliance
probe's JSON cases all differed in type). DuckDB hands JSON to Arrow as text; the local
engine types it arrow.json, at any depth, and the type table names that JSON."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.workbench.conformance.harness import bigquery_type, offline_workbench


@pytest.fixture(scope="module")
def wb(tmp_path_factory: pytest.TempPathFactory):
    bench = offline_workbench(Path(tmp_path_factory.mktemp("json")))
    yield bench
    bench.close()


def test_json_columns_are_json_at_any_depth(wb) -> None:
    sql = """SELECT JSON '{"b": 2}' AS j, JSON_QUERY_ARRAY(JSON '[1, "x"]') AS a,
                    STRUCT(JSON 'true' AS v) AS s, TO_JSON_STRING(3) AS t"""
    table = wb.arrow(sql)
    assert [bigquery_type(f.type) for f in table.schema] == [
        "JSON",
        "ARRAY<JSON>",
        "STRUCT<v JSON>",
        "STRING",
    ]
    assert table.to_pylist() == [{"j": '{"b":2}', "a": ["1", '"x"'], "s": {"v": "true"}, "t": "3"}]


def test_results_without_json_keep_their_types(wb) -> None:
    table = wb.arrow("SELECT 'x' AS s, [1] AS a")
    assert [bigquery_type(f.type) for f in table.schema] == ["STRING", "ARRAY<INT64>"]
