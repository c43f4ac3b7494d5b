"""Aggregates of outer columns only, in a subquery, are the subquery's (aggregate-function-calls).

https://cloud.google.com/bigquery/docs/reference/standard-sql/aggregate-function-calls
DuckDB evaluated them in the outer query: one row for the whole table, or a raw GROUP BY error.
"""

OUTER = "(SELECT 1 AS k UNION ALL SELECT 2 UNION ALL SELECT 4) AS o"


def test_sum_of_outer_column_per_outer_row(check) -> None:
    sql = (
        f"SELECT o.k, (SELECT SUM(o.k) FROM UNNEST([7, 8, 9]) AS z) AS s FROM {OUTER} ORDER BY o.k"
    )
    assert check.rows(sql) == [(1, 3), (2, 6), (4, 12)]
    assert "outer-column-aggregates" in check.rules(sql)


def test_only_subquery_column_in_select_keeps_all_rows(check) -> None:
    sql = (
        f"SELECT ARRAY(SELECT AS STRUCT COUNT(o.k) AS n FROM UNNEST([5, 6]) AS z) AS a FROM {OUTER}"
    )
    assert check.rows(sql) == [([{"n": 2}],), ([{"n": 2}],), ([{"n": 2}],)]


def test_where_filters_the_outer_aggregate(check) -> None:
    sql = (
        f"SELECT o.k, (SELECT MAX(o.k * 10) FROM UNNEST([1, 2, 3]) AS z WHERE z > o.k) AS m "
        f"FROM {OUTER} ORDER BY o.k"
    )
    assert check.rows(sql) == [(1, 10), (2, 20), (4, None)]


def test_local_and_counting_aggregates_unchanged(check) -> None:
    sql = f"SELECT (SELECT SUM(o.k + z) FROM UNNEST([1, 2]) AS z) FROM {OUTER} ORDER BY 1"
    assert "outer-column-aggregates" not in check.rules(sql)
    assert [r[0] for r in check.rows(sql)] == [5, 7, 11]
    star = f"SELECT (SELECT COUNT(*) FROM UNNEST([1, 2]) AS z WHERE z >= o.k) FROM {OUTER}"
    assert "outer-column-aggregates" not in check.rules(star)


def test_array_agg_of_outer_column_with_order(check) -> None:
    sql = (
        "SELECT o.s, (SELECT ARRAY_AGG(o.s ORDER BY o.s) FROM UNNEST(o.a)) AS g FROM "
        "(SELECT ['x', 'y'] AS a, 'pp' AS s UNION ALL SELECT ['z'], 'qq') AS o ORDER BY o.s"
    )
    assert check.rows(sql) == [("pp", ["pp", "pp"]), ("qq", ["qq"])]
