"""Rule float-aggregate-range: FLOAT64 aggregates whose double accumulation leaves the range.

GoogleSQL accumulates in long double, so only the result must be a FLOAT64: the compliance
tests' AVG of 1.79769e+308 and 2 is 8.98845e+307 (zetasql compliance analytic_avg.test);
aggregate_functions#avg ("If there is numeric overflow, produces an error" is about the
result: SUM of two 1e308 still is one). Expected values: GoogleSQL's reference evaluator
(zetasql 0.1.5), which agree with the exact arithmetic of the inputs.
https://cloud.google.com/bigquery/docs/reference/standard-sql/aggregate_functions#avg
https://cloud.google.com/bigquery/docs/reference/standard-sql/statistical_aggregate_functions
"""

from __future__ import annotations

import math

import pytest

from wbcore.errors import UserError


def pairs(f: str, xs: str, ys: str) -> str:
    return (
        f"SELECT {f}(x, y) FROM UNNEST({xs}) AS x WITH OFFSET i "
        f"JOIN UNNEST({ys}) AS y WITH OFFSET j ON i = j"
    )


@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        ("SELECT AVG(x) FROM UNNEST([1e308, 1e308]) AS x", 1e308),  # (2e308) / 2
        ("SELECT AVG(x) FROM UNNEST([-1e308, -1e308, 1e308]) AS x", -1e308 / 3),
        ("SELECT AVG(DISTINCT x) FROM UNNEST([1e308, 1e308, 1.5e308]) AS x", 1.25e308),
        ("SELECT SUM(x) FROM UNNEST([1e308, 1e308, -1e308]) AS x", 1e308),
        # VAR_POP of ±1e154 and 0: (2 * 1e308) / 3
        ("SELECT VAR_POP(x) FROM UNNEST([1e154, -1e154, 0.0]) AS x", 2 / 3 * 1e308),
        ("SELECT STDDEV_POP(x) FROM UNNEST([1e154, -1e154, 0.0]) AS x", math.sqrt(2 / 3) * 1e154),
        # the sample variance of 1e308 and 9e307: (1e307)^2 / 2, its root 7.07e306
        ("SELECT STDDEV_SAMP(x) FROM UNNEST([1e308, 9e307]) AS x", 1e307 / math.sqrt(2)),
        # a true variance past the double range is +inf (1e616 / 2), as the reference gives
        ("SELECT VAR_SAMP(x) FROM UNNEST([1e308, -1e308, 0.0]) AS x", math.inf),
        (pairs("COVAR_POP", "[1e308, -1e308]", "[1.0, 2.0]"), -5e307),
        (pairs("COVAR_SAMP", "[1e308, -1e308, 0.0]", "[1.0, 2.0, 3.0]"), -5e307),
        (pairs("CORR", "[1e308, -1e308, 0.0]", "[1.0, 2.0, 3.0]"), -0.5),
        (pairs("CORR", "[1e308, -1e308]", "[1e308, -1e308]"), 1.0),
        # large values with a finite but wrong double result (DuckDB: 0.0)
        (pairs("CORR", "[-1e308, -1e308, 1.0]", "[1.0, 2.0, 3.0]"), math.sqrt(3) / 2),
        # each side scaled on its own: tiny x with huge y (the covariance of [1, 2, 4] and
        # [1, -1, 0] is -1/3, times 1e-300 * 1e308)
        (pairs("COVAR_POP", "[1e-300, 2e-300, 4e-300]", "[1e308, -1e308, 0.0]"), -1 / 3 * 1e8),
        # tiny values: their squares underflow in double (the same as CORR of [1, 2, 4])
        (
            "SELECT STDDEV_POP(x) FROM UNNEST([1e-300, 2e-300, 4e-300]) AS x",
            math.sqrt(14 / 9) * 1e-300,
        ),
        (pairs("CORR", "[1e-300, 2e-300, 4e-300]", "[1.0, 2.0, 3.0]"), 0.9819805060619657),
    ],
)
def test_aggregates_past_the_double_range(check, sql: str, expected: float) -> None:
    assert check.value(sql) == pytest.approx(expected, rel=1e-12)
    assert "float-aggregate-range" in check.rules(sql)


def test_windowed_average_of_the_largest_double(check) -> None:
    # compliance analytic_avg.test, analytic_avg_possible_error_by_subtraction_4
    rows = check.rows(
        "SELECT AVG(v) OVER (ORDER BY r ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) "
        "FROM UNNEST([1.79769e308, 2.0, 3.0]) AS v WITH OFFSET r ORDER BY r"
    )
    assert [r[0] for r in rows] == pytest.approx([1.79769e308, 8.98845e307, 2.5])


def test_overflow_of_the_result_and_special_inputs_are_kept(check) -> None:
    with pytest.raises(UserError, match="floating point overflow"):
        check.value("SELECT SUM(x) FROM UNNEST([1e308, 1e308]) AS x")
    assert check.value("SELECT SUM(x) FROM UNNEST([CAST('inf' AS FLOAT64), 1.0]) AS x") == math.inf
    assert math.isnan(
        check.value("SELECT AVG(x) FROM UNNEST([CAST('NaN' AS FLOAT64), 1e308]) AS x")
    )
    assert check.value("SELECT STDDEV(x) FROM UNNEST([1e308]) AS x") is None
    assert check.value("SELECT AVG(x) FROM UNNEST(ARRAY<FLOAT64>[]) AS x") is None
    assert check.value("SELECT AVG(x) FROM UNNEST([0.1, 0.2, 0.3, 0.4]) AS x") == pytest.approx(
        0.25
    )


def test_sum_with_infinite_inputs_is_theirs(check) -> None:
    # the finite values cannot change a sum that holds -inf, even where their own double
    # sum passes the range (inf - inf would be NaN): the reference sums in long double,
    # so SUM of 1.5e308, 1.5e308, -inf and 4 is -inf in any order; +inf with -inf is NaN
    # (aggregate_functions#sum)
    values = "[1.5e308, 1.5e308, CAST('-inf' AS FLOAT64), 4.0]"
    assert check.value(f"SELECT SUM(x) FROM UNNEST({values}) AS x") == -math.inf
    assert check.value(f"SELECT SUM(DISTINCT x) FROM UNNEST({values}) AS x") == -math.inf
    both = "[1.5e308, CAST('inf' AS FLOAT64), CAST('-inf' AS FLOAT64)]"
    assert math.isnan(check.value(f"SELECT SUM(x) FROM UNNEST({both}) AS x"))
    rows = check.rows(
        "SELECT SUM(v) OVER (ORDER BY r ROWS BETWEEN CURRENT ROW AND 2 FOLLOWING) "
        "FROM UNNEST([-1.7e308, -1.7e308, CAST('inf' AS FLOAT64), 5.0]) AS v WITH OFFSET r "
        "ORDER BY r"
    )
    assert [r[0] for r in rows] == [math.inf, math.inf, math.inf, 5.0]


def test_integer_aggregates_are_left_alone(check) -> None:
    assert "float-aggregate-range" not in check.rules("SELECT AVG(x) FROM UNNEST([1, 2]) AS x")
    rows = check.rows(
        "SELECT g, AVG(v) FROM UNNEST([STRUCT('a' AS g, 1e308 AS v), ('a', 1e308), ('b', 1.0)]) GROUP BY g ORDER BY g"
    )
    assert rows == [("a", 1e308), ("b", 1.0)]
