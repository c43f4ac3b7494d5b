"""CORRESPONDING: set operations that pair columns by name (rules/set_operations.py).

With CORRESPONDING the columns of the two queries are matched by name and the result has
the first query's columns in its order; in the default (INNER) mode only the columns both
queries have are kept (query-syntax#corresponding).
https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#corresponding
"""

from __future__ import annotations

import pytest

from workbench.translate import UnsupportedError


def test_union_all_corresponding_reorders_the_second_query(check) -> None:
    sql = (
        "SELECT * FROM (SELECT 1 AS a, 2 AS b UNION ALL CORRESPONDING SELECT 3 AS b, 4 AS a) "
        "ORDER BY a"
    )
    assert check.rows(sql) == [(1, 2), (4, 3)]
    assert "corresponding" in check.rules(sql)


def test_names_match_case_insensitively_in_intersect_and_except(check) -> None:
    both = "SELECT 1 AS a, 2 AS b INTERSECT DISTINCT CORRESPONDING SELECT 2 AS B, 1 AS A"
    assert check.rows(both) == [(1, 2)]
    left = "SELECT 1 AS a, 2 AS b EXCEPT DISTINCT CORRESPONDING SELECT 1 AS b, 2 AS a"
    assert check.rows(left) == [(1, 2)]


def test_inner_corresponding_keeps_the_common_columns(check) -> None:
    sql = "SELECT 1 AS a, 2 AS b UNION ALL CORRESPONDING SELECT 3 AS b, 5 AS c"
    table = check.wb.arrow(sql)
    assert table.column_names == ["b"]
    assert sorted(table.column(0).to_pylist()) == [2, 3]


@pytest.mark.parametrize(
    "sql",
    [
        "SELECT 1 AS a, 2 AS b FULL UNION ALL CORRESPONDING SELECT 3 AS b",
        "SELECT 1 AS a, 2 AS b UNION ALL CORRESPONDING BY (a) SELECT 3 AS a, 4 AS b",
        "SELECT 1 AS a UNION ALL CORRESPONDING SELECT 3 AS c",
    ],
)
def test_other_name_sets_are_refused(check, sql: str) -> None:
    with pytest.raises(UnsupportedError, match="CORRESPONDING"):
        check.sql(sql)


def test_positional_set_operations_are_untouched(check) -> None:
    assert "corresponding" not in check.rules("SELECT 1 AS a UNION ALL SELECT 2 AS b")
