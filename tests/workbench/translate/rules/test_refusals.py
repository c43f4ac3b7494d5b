"""Refusals of constructs DuckDB has no form of (rules/refusals.py)."""

from __future__ import annotations

import pytest

from workbench.translate import UnsupportedError


# RANGE<T> is a BigQuery type of a start and an end, either UNBOUNDED (data-types#range_type);
# DuckDB has no such value (its parser fails on RANGE(DATE) with a raw error).
# https://cloud.google.com/bigquery/docs/reference/standard-sql/data-types#range_type
@pytest.mark.parametrize(
    "sql",
    [
        "SELECT RANGE<DATE> '[2021-03-01, 2021-04-01)'",
        "SELECT CAST(NULL AS RANGE<TIMESTAMP>) IS NULL",
        "SELECT CASE WHEN true THEN RANGE<DATETIME> '[UNBOUNDED, UNBOUNDED)' END",
    ],
)
def test_range_type_is_refused(check, sql: str) -> None:
    with pytest.raises(UnsupportedError, match=r"^.*RANGE type is not supported offline: "):
        check.rows(sql)


def test_struct_with_a_repeated_field_name_is_refused(check) -> None:
    # GoogleSQL accepts a STRUCT whose fields share a name (its reference evaluator types
    # STRUCT(1 AS k, 'z' AS k) as STRUCT<k INT64, k STRING>); DuckDB's STRUCT cannot hold it.
    # https://cloud.google.com/bigquery/docs/reference/standard-sql/data-types#struct_type
    with pytest.raises(UnsupportedError, match="STRUCT with two fields of the same name is not supported"):
        check.rows("SELECT STRUCT(1 AS k, 'z' AS k)")
    assert check.rows("SELECT STRUCT(1 AS k, 'z' AS j)") == [({"k": 1, "j": "z"},)]


def test_typeof_is_refused(check) -> None:
    """GoogleSQL's TYPEOF gives 'INT64' (its utility functions page); sqlglot passed the call
    to DuckDB's typeof, which answered 'INTEGER' (found by the privacy attacker round)."""
    with pytest.raises(UnsupportedError, match="function TYPEOF is not supported offline"):
        check.sql("SELECT TYPEOF(1) AS t")
