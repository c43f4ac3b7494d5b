"""A FROM path from an outer query's range variable is a correlated implicit UNNEST
(``ARRAY(SELECT v FROM t.arr v)``); offline it was "unknown table 't.arr'".
https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#correlated_join
"""

from __future__ import annotations

import pytest

T = "WITH q AS (SELECT 1 AS k, ['c', 'a', 'b'] AS vs UNION ALL SELECT 2, ARRAY<STRING>[]) "


def test_a_path_from_the_outer_range_variable_is_unnested(check) -> None:
    sql = T + "SELECT k, ARRAY(SELECT v FROM t.vs v ORDER BY v LIMIT 2) AS a FROM q t ORDER BY k"
    assert check.rows(sql) == [(1, ["a", "b"]), (2, [])]
    assert "correlated-array-paths" in check.rules(sql)


def test_the_element_is_named_after_the_path_without_an_alias(check) -> None:
    sql = T + "SELECT k, (SELECT COUNT(*) FROM t.vs WHERE vs > 'a') AS n FROM q t ORDER BY k"
    assert check.rows(sql) == [(1, 2), (2, 0)]


def test_a_path_from_the_same_select_is_left_to_the_parser(check) -> None:
    sql = T + "SELECT v FROM q t, t.vs v ORDER BY v"
    assert check.rows(sql) == [("a",), ("b",), ("c",)]
    assert "correlated-array-paths" not in check.rules(sql)


def test_unnest_of_several_arrays_is_refused(check) -> None:
    """``UNNEST(a, b)`` zips the arrays (query-syntax#unnest_operator); DuckDB's binder failed
    on it with a raw message."""
    from wbcore.errors import UnsupportedError

    with pytest.raises(UnsupportedError, match="UNNEST of several arrays"):
        check.rows("SELECT * FROM UNNEST([1, 2], ['a', 'b', 'c'])")


def test_a_path_through_a_struct_column_of_the_outer_row(check) -> None:
    sql = (
        "WITH q AS (SELECT 1 AS k, STRUCT(['c', 'a'] AS vs) AS info) "
        "SELECT k, (SELECT COUNT(*) FROM t.info.vs) AS n FROM q t"
    )
    assert check.rows(sql) == [(1, 2)]
