"""A star over a FROM item with repeated column names keeps them (rules/output_columns.py).
Expected names: GoogleSQL's reference evaluator (query-syntax#select_list)."""

from __future__ import annotations


def _names(check, sql: str) -> list[str]:
    return check.wb.arrow(sql).column_names


def _rows(check, sql: str) -> list[tuple]:
    table = check.wb.arrow(sql)  # by position: two columns share a name
    return sorted(zip(*(c.to_pylist() for c in table.columns), strict=True))


def test_a_star_keeps_repeated_names(check) -> None:
    assert _names(check, "SELECT * FROM (SELECT 1 AS a, 2 AS a, 'q' AS b)") == ["a", "a", "b"]
    assert _rows(check, "SELECT * FROM (SELECT 1 AS a, 2 AS a)") == [(1, 2)]
    sql = "SELECT r.*, s.y FROM (SELECT x, x FROM (SELECT 2 x)) r JOIN (SELECT 3 y) s ON TRUE"
    assert _names(check, sql) == ["x", "x", "y"]
    assert "duplicate-star-names" in check.rules(sql)


def test_a_set_operation_and_a_with_query_keep_them_too(check) -> None:
    union = "SELECT * FROM (SELECT 1 AS a, 2 AS a UNION ALL SELECT 3, 4)"
    assert _names(check, union) == ["a", "a"]
    assert _rows(check, union) == [(1, 2), (3, 4)]
    assert _names(check, "WITH w AS (SELECT 1 AS a, 2 AS a) SELECT w.* FROM w") == ["a", "a"]


def test_distinct_names_are_untouched(check) -> None:
    assert "duplicate-star-names" not in check.rules("SELECT * FROM (SELECT 1 AS a, 2 AS b)")


def test_an_ordinal_over_such_a_star_orders(check) -> None:
    """sqlglot's qualifier asserted on ORDER BY 1 over the unexpanded star (a crash)."""
    sql = "SELECT * FROM (SELECT 1 AS a, 2 AS a UNION ALL SELECT 0, 5) ORDER BY 1"
    assert _names(check, sql) == ["a", "a"]
    table = check.wb.arrow(sql)
    assert [c.to_pylist() for c in table.columns] == [[0, 1], [5, 2]]
