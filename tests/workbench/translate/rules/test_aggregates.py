"""Aggregates: LIMIT inside ARRAY_AGG/STRING_AGG/ARRAY_CONCAT_AGG, HAVING MAX/MIN.

``ANY_VALUE(x HAVING MAX y)`` picks x from a row where y is largest
(aggregate_functions#any_value); the modifier elsewhere is refused offline.
https://cloud.google.com/bigquery/docs/reference/standard-sql/aggregate_functions#any_value
"""

import math

import pytest

from workbench.translate import UnsupportedError


def test_any_value_having_max_and_other_aggregates(check) -> None:
    rows = "UNNEST([STRUCT(1 AS id, 5 AS n), STRUCT(2, 9), STRUCT(3, 1)])"
    assert check.value(f"SELECT ANY_VALUE(id HAVING MAX n) FROM {rows}") == 2
    assert check.value(f"SELECT ANY_VALUE(id HAVING MIN n) FROM {rows}") == 3
    with pytest.raises(UnsupportedError, match=r"ARRAY_AGG\(\.\.\. HAVING MIN \.\.\.\)"):
        check.sql(f"SELECT ARRAY_AGG(id HAVING MIN n ORDER BY id) FROM {rows}")
    with pytest.raises(UnsupportedError, match="HAVING MAX"):
        check.sql(f"SELECT SUM(id HAVING MAX n) FROM {rows}")


def test_array_agg_limit_and_ignore_nulls(check) -> None:
    sql = "SELECT ARRAY_AGG(DISTINCT x IGNORE NULLS ORDER BY x LIMIT 2) FROM UNNEST([NULL, 3, 1, 3, 2]) AS x"
    assert "LIST_SLICE" in check.sql(sql)
    assert check.value(sql) == [1, 2]


def test_string_agg_limit(check) -> None:
    sql = "SELECT STRING_AGG(x, '-' ORDER BY x LIMIT 2) FROM UNNEST(['c', NULL, 'a', 'b']) AS x"
    assert check.value(sql) == "a-b"


def test_array_concat_agg_limit_counts_arrays(check) -> None:
    sql = (
        "SELECT ARRAY_CONCAT_AGG(x ORDER BY ARRAY_LENGTH(x) LIMIT 2) FROM "
        "(SELECT [1, 2, 3, 4] AS x UNION ALL SELECT [5, 6] UNION ALL SELECT [7, 8, 9])"
    )
    assert check.value(sql) == [5, 6, 7, 8, 9]
    nulls = (
        "SELECT ARRAY_CONCAT_AGG(x ORDER BY ARRAY_LENGTH(x) LIMIT 1) FROM "
        "(SELECT CAST(NULL AS ARRAY<INT64>) AS x UNION ALL SELECT [5, 6])"
    )
    assert check.value(nulls) == [5, 6]
    assert "concat-agg-limit" in check.rules(sql)


def test_having_max_over_a_nan_keeps_no_row(check) -> None:
    """MAX/MIN of FLOAT64 values with a NaN is NaN (aggregate_functions#max), which equals no
    row's value, so ANY_VALUE(x HAVING MAX y) and its synonym MAX_BY are NULL."""
    rows = "UNNEST([STRUCT(1 AS id, CAST('NaN' AS FLOAT64) AS y), STRUCT(2, 1.0)])"
    assert check.value(f"SELECT ANY_VALUE(id HAVING MAX y) FROM {rows}") is None
    assert check.value(f"SELECT ANY_VALUE(id HAVING MIN y) FROM {rows}") is None
    assert check.value(f"SELECT MAX_BY(id, y) FROM {rows}") is None
    plain = "UNNEST([STRUCT(1 AS id, 3.0 AS y), STRUCT(2, 1.0), STRUCT(3, NULL)])"
    assert check.value(f"SELECT ANY_VALUE(id HAVING MAX y) FROM {plain}") == 1
    assert check.value(f"SELECT MIN_BY(id, y) FROM {plain}") == 2
    assert "having-max-nan" in check.rules(f"SELECT MAX_BY(id, y) FROM {plain}")


def test_analytic_array_concat_agg(check) -> None:
    # ARRAY_CONCAT_AGG "can be used with an OVER clause"; a NULL array adds nothing.
    # https://cloud.google.com/bigquery/docs/reference/standard-sql/aggregate_functions#array_concat_agg
    sql = (
        "SELECT o, ARRAY_CONCAT_AGG(a) OVER (ORDER BY o) FROM UNNEST([STRUCT(1 AS o, [7] AS a), "
        "STRUCT(2, [8, 9]), STRUCT(3, CAST(NULL AS ARRAY<INT64>))]) ORDER BY o"
    )
    assert check.rows(sql) == [(1, [7]), (2, [7, 8, 9]), (3, [7, 8, 9])]
    assert "analytic-concat-agg" in check.rules(sql)


def test_limit_zero_is_a_null_array(check) -> None:
    """No value kept: the aggregate of no values is NULL (aggregate_functions#array_agg)."""
    sql = (
        "SELECT ARRAY_AGG(x ORDER BY x LIMIT 0) IS NULL, ARRAY_CONCAT_AGG([x] LIMIT 0) IS NULL, "
        "ARRAY_AGG(x LIMIT 1) IS NULL FROM UNNEST([3, 1]) AS x"
    )
    assert check.rows(sql) == [(True, True, False)]


def test_distinct_order_by_a_computed_float_argument(check) -> None:
    """NaN sorts before the numbers (aggregate_functions#array_agg, data-types ordering);
    DuckDB rejected the NaN rank key beside a computed DISTINCT argument."""
    rows = "UNNEST([1.4, 2.6, 1.2, CAST('nan' AS FLOAT64), CAST('-inf' AS FLOAT64)]) AS f"
    sql = f"SELECT ARRAY_AGG(DISTINCT ROUND(f) ORDER BY ROUND(f)) FROM {rows}"
    got = check.value(sql)
    assert math.isnan(got[0]) and got[1:] == [-math.inf, 1.0, 3.0]
    assert "distinct-order" in check.rules(sql)
    top = f"SELECT ARRAY_AGG(DISTINCT ROUND(f) IGNORE NULLS ORDER BY ROUND(f) DESC LIMIT 2) FROM {rows}"
    assert check.value(top) == [3.0, 1.0]


def test_distinct_order_by_a_computed_string_argument(check) -> None:
    rows = "UNNEST(['b', 'a', NULL, 'B', 'c']) AS s"
    sql = f"SELECT STRING_AGG(DISTINCT UPPER(s), '-' ORDER BY UPPER(s) DESC) FROM {rows}"
    assert check.value(sql) == "C-B-A"
    assert (
        check.value(f"SELECT STRING_AGG(DISTINCT UPPER(s) ORDER BY UPPER(s) LIMIT 0) FROM {rows}")
        is None
    )
