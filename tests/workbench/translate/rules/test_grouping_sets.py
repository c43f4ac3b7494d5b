"""GROUPING SETS / ROLLUP / CUBE: ordinals inside them, and keys derived from other keys.

BigQuery's GROUP BY takes a SELECT-list ordinal wherever a grouping expression goes,
GROUPING SETS' parentheses and ROLLUP/CUBE included
(https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#group_by_grouping_sets).
Expected rows: GoogleSQL's reference evaluator (zetasql 0.1.5) for each statement.
"""

from __future__ import annotations

T = (
    "WITH t AS (SELECT 'p' AS k, 'x' AS m, 3 AS v UNION ALL SELECT 'p', 'y', 4 "
    "UNION ALL SELECT 'q', 'y', 5) "
)


def test_an_ordinal_inside_a_grouping_set_is_the_select_item(check) -> None:
    sql = T + (
        "SELECT UPPER(k) AS uk, m, SUM(v) FROM t GROUP BY GROUPING SETS((1, m), ()) "
        "ORDER BY 1, 2, 3"
    )
    assert check.rows(sql) == [
        (None, None, 12),
        ("P", "x", 3),
        ("P", "y", 4),
        ("Q", "y", 5),
    ]
    assert "grouping-ordinals" in check.rules(sql)


def test_ordinals_inside_rollup_within_grouping_sets(check) -> None:
    sql = T + "SELECT k, m, COUNT(*) FROM t GROUP BY GROUPING SETS(ROLLUP(1, (2))) ORDER BY 1, 2"
    assert check.rows(sql) == [
        (None, None, 3),
        ("p", None, 2),
        ("p", "x", 1),
        ("p", "y", 1),
        ("q", None, 1),
        ("q", "y", 1),
    ]


def test_a_literal_inside_an_expression_key_is_not_an_ordinal(check) -> None:
    sql = T + "SELECT v + 2 AS w, COUNT(*) FROM t GROUP BY GROUPING SETS((v + 2)) ORDER BY 1"
    assert check.rows(sql) == [(5, 1), (6, 1), (7, 1)]
    assert "grouping-ordinals" not in check.rules(sql)


def test_an_item_reads_its_grouped_column_not_the_expression_key(check) -> None:
    """The reference evaluator computes the item ``v + 1`` from the grouped ``v``: NULL in
    the set ``(v + 1)``, where DuckDB gave the expression's own key."""
    sql = T + "SELECT v, v + 1, COUNT(*) FROM t GROUP BY GROUPING SETS(v, v + 1) ORDER BY 1, 2, 3"
    assert check.rows(sql) == [
        (None, None, 1),
        (None, None, 1),
        (None, None, 1),
        (3, 4, 1),
        (4, 5, 1),
        (5, 6, 1),
    ]
    assert "grouped-columns" in check.rules(sql)
    rollup = T + "SELECT v, v + 1, COUNT(*) FROM t GROUP BY ROLLUP(v, v + 1) ORDER BY 1, 2, 3"
    assert check.rows(rollup) == [
        (None, None, 3),
        (3, 4, 1),
        (3, 4, 1),
        (4, 5, 1),
        (4, 5, 1),
        (5, 6, 1),
        (5, 6, 1),
    ]
    part = T + "SELECT (v + 1) * 2 AS w FROM t GROUP BY GROUPING SETS(v, v + 1) ORDER BY 1"
    assert [r[0] for r in check.rows(part)] == [None, None, None, 8, 10, 12]


def test_an_item_named_by_alias_or_ordinal_is_the_key(check) -> None:
    """``GROUPING SETS(v, e)`` with ``v + 1 AS e``: the item is the key itself (reference)."""
    sql = T + "SELECT v, v + 1 AS e, COUNT(*) FROM t GROUP BY GROUPING SETS(v, e) ORDER BY 1, 2"
    assert check.rows(sql) == [
        (None, 4, 1),
        (None, 5, 1),
        (None, 6, 1),
        (3, None, 1),
        (4, None, 1),
        (5, None, 1),
    ]
    ordinal = T + "SELECT v, v + 1, COUNT(*) FROM t GROUP BY GROUPING SETS(v, 2) ORDER BY 1, 2"
    assert check.rows(ordinal) == check.rows(sql)


def test_an_expression_key_alone_is_kept(check) -> None:
    sql = T + "SELECT v * 10, COUNT(*) FROM t GROUP BY ROLLUP(v * 10) ORDER BY 1"
    assert check.rows(sql) == [(None, 3), (30, 1), (40, 1), (50, 1)]


ROWS = "(SELECT AS STRUCT x AS p, x * 2 AS r FROM UNNEST([1, 2, 1]) AS x) AS t"


def test_group_by_a_range_variable_groups_by_its_columns(check) -> None:
    """Grouping by a STRUCT groups by its fields (data-types#groupable_data_types)."""
    sql = f"SELECT t.p, SUM(t.r) AS s FROM {ROWS} GROUP BY t ORDER BY t.p"
    assert check.rows(sql) == [(1, 4), (2, 4)]
    assert "group-by-row" in check.rules(sql)
    whole = f"SELECT t, COUNT(*) AS c FROM {ROWS} GROUP BY t ORDER BY c"
    assert check.rows(whole) == [({"p": 2, "r": 4}, 1), ({"p": 1, "r": 2}, 2)]


def test_rollup_of_a_range_variable_is_one_composite_key(check) -> None:
    sql = f"SELECT t.p, COUNT(*) AS c FROM {ROWS} GROUP BY ROLLUP(t) ORDER BY c"
    assert check.rows(sql) == [(2, 1), (1, 2), (None, 3)]
