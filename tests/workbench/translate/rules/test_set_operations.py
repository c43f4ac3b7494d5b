"""CORRESPONDING: set operations that pair columns by name (rule set-operations-by-name,
rules/clauses.py; more forms in test_clauses.py).

With CORRESPONDING the columns of the two queries are matched by name and the result has
the first query's columns in its order; in the default (INNER) mode only the columns both
queries have are kept (query-syntax#corresponding).
https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#corresponding
"""

from __future__ import annotations

import pytest


def test_union_all_corresponding_reorders_the_second_query(check) -> None:
    sql = (
        "SELECT * FROM (SELECT 1 AS a, 2 AS b UNION ALL CORRESPONDING SELECT 3 AS b, 4 AS a) "
        "ORDER BY a"
    )
    assert check.rows(sql) == [(1, 2), (4, 3)]
    assert "set-operations-by-name" in check.rules(sql)


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


def test_a_star_over_full_corresponding_has_the_first_querys_order(check) -> None:
    # FULL: every name, the first query's then the second's new ones, NULL where an input
    # lacks one (query-syntax#corresponding); the qualifier must not expand * before
    sql = (
        "SELECT * FROM (SELECT 1 AS a, 2 AS b FULL UNION ALL CORRESPONDING SELECT 3 AS b, "
        "4 AS c) ORDER BY b"
    )
    table = check.wb.arrow(sql)
    assert table.column_names == ["a", "b", "c"]
    assert [tuple(r.values()) for r in table.to_pylist()] == [(1, 2, None), (None, 3, 4)]


def test_no_common_column_is_bigquerys_error(check) -> None:
    from wbcore.errors import UserError

    with pytest.raises(UserError, match="do not have any columns in common"):
        check.sql("SELECT 1 AS a UNION ALL CORRESPONDING SELECT 3 AS c")


def test_positional_set_operations_are_untouched(check) -> None:
    assert "set-operations-by-name" not in check.rules("SELECT 1 AS a UNION ALL SELECT 2 AS b")
