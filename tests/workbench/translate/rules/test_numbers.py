"""Floats, NaN and NUMERIC (issue 15): the rules in ``rules/numbers.py`` and their runtime functions."""

import math
from decimal import Decimal

import pytest

from wbcore.errors import UserError
from workbench.translate import functions

NAN = "CAST('NaN' AS FLOAT64)"


def test_nan_between_and_in_are_false(check) -> None:
    assert check.value(f"SELECT 1 BETWEEN 0 AND {NAN}") is False
    assert check.value(f"SELECT {NAN} IN ({NAN}, 2.0)") is False
    assert check.value(f"SELECT {NAN} IN (1.0, NULL)") is None
    assert "nan-between-in" in check.rules(f"SELECT 1 BETWEEN 0 AND {NAN}")
    # integers only: no NaN can occur, the rule leaves BETWEEN alone
    assert "nan-between-in" not in check.rules("SELECT 1 BETWEEN 0 AND 2")


def test_between_with_nan_and_null(check) -> None:
    # operators#comparison_operators: x BETWEEN lo AND hi is lo <= x AND x <= hi; a
    # comparison with NULL is NULL, with NaN FALSE (GoogleSQL's reference evaluator: NULL
    # BETWEEN -0.5 AND NaN is NULL, 1 BETWEEN NULL AND NaN FALSE, 0.5 BETWEEN NULL AND 1 NULL)
    null = "CAST(NULL AS FLOAT64)"
    assert check.value(f"SELECT {null} BETWEEN -0.5 AND {NAN}") is None
    assert check.value(f"SELECT 1.0 BETWEEN {null} AND {NAN}") is False
    assert check.value(f"SELECT 0.5 BETWEEN {null} AND 1.0") is None
    assert check.value(f"SELECT 2.0 BETWEEN {null} AND 1.0") is False
    assert check.value(f"SELECT 0.5 NOT BETWEEN 0.0 AND {NAN}") is True


def test_greatest_least_of_nan(check) -> None:
    assert str(check.value(f"SELECT LEAST(1.0, {NAN})")) == "nan"
    assert check.value("SELECT LEAST(2.0, 1.0)") == 1.0


def test_percentile_cont_sorts_nan_first(check) -> None:
    sql = "SELECT PERCENTILE_CONT(x, {p}) OVER () FROM UNNEST([1.0, {nan}, 2.0]) AS x LIMIT 1"
    assert check.value(sql.format(p=0.5, nan=NAN)) == 1.0
    assert str(check.value(sql.format(p=0.25, nan=NAN))) == "nan"
    assert check.value(sql.format(p=0.75, nan=NAN)) == 1.5


def test_percentile_of_only_nulls_is_null(check) -> None:
    """PERCENTILE_CONT/DISC ignore NULLs; with no value left the result is NULL, not NaN
    (navigation_functions#percentile_cont: NULL values are ignored; query oracle: a NUMERIC
    column of NULLs gave NaN offline)."""
    floats = "SELECT PERCENTILE_CONT(x, 0.5) OVER () FROM UNNEST([CAST(NULL AS FLOAT64)]) AS x"
    assert check.value(floats) is None
    numeric = "SELECT PERCENTILE_CONT(x, 0.3) OVER () FROM UNNEST([CAST(NULL AS NUMERIC)]) AS x"
    assert check.value(numeric) is None
    disc = "SELECT PERCENTILE_DISC(x, 1) OVER () FROM UNNEST([CAST(NULL AS FLOAT64)]) AS x"
    assert check.value(disc) is None


@pytest.mark.parametrize(
    "sql",
    [
        "SELECT 1e300 / 1e-300",
        "SELECT 1e300 * 1e300",
        "SELECT 1.7976931348623157e308 + 1.7976931348623157e308",
        "SELECT POW(10.0, 400)",
        "SELECT SUM(x) FROM UNNEST([1.7976931348623157e308, 1.7976931348623157e308]) AS x",
    ],
)
def test_float_overflow_is_an_error(check, sql) -> None:
    with pytest.raises(UserError, match="floating point overflow"):
        check.value(sql)


def test_infinite_operands_and_safe_forms(check) -> None:
    assert check.value("SELECT CAST('inf' AS FLOAT64) + 1") == float("inf")
    assert check.value("SELECT SAFE_DIVIDE(1e300, 1e-300)") is None
    assert check.value("SELECT SAFE_MULTIPLY(1e300, 1e300)") is None
    assert check.value("SELECT SAFE_DIVIDE(1, 0)") is None
    assert check.value("SELECT IEEE_DIVIDE(1e300, 1e-300)") == float("inf")
    assert check.value("SELECT IEEE_DIVIDE(1, -0.0)") == float("-inf")
    with pytest.raises(UserError, match="division by zero"):
        check.value("SELECT 1.0 / 0.0")


def test_overflow_checks_do_not_copy_operands(check) -> None:
    # each operation holds its operands once (a CASE would copy them at every level: 3^n)
    chain = " + ".join(["x * 1.5"] * 12)
    sql = check.sql(f"SELECT {chain} FROM UNNEST([1.0]) AS x")
    assert sql.count("1.5") == 12
    assert check.value(f"SELECT {chain} FROM UNNEST([1.0]) AS x") == 18.0


def test_statistical_aggregates_at_the_edges(check) -> None:
    one_pair = "FROM UNNEST([STRUCT(1.0 AS x, 2.0 AS y)]) AS p"
    assert check.value(f"SELECT CORR(p.x, p.y) {one_pair}") is None
    assert check.value(f"SELECT COVAR_POP(p.x, p.y) {one_pair}") == 0.0
    assert (
        str(check.value("SELECT STDDEV_POP(x) FROM UNNEST([CAST('inf' AS FLOAT64)]) AS x")) == "nan"
    )
    assert check.value("SELECT VAR_POP(x) FROM UNNEST([5.0]) AS x") == 0.0
    assert check.value("SELECT STDDEV_SAMP(x) FROM UNNEST([1.0]) AS x") is None


def test_countif_of_no_rows_is_zero(check) -> None:
    assert check.value("SELECT COUNTIF(x > 0) FROM UNNEST(ARRAY<INT64>[]) AS x") == 0
    assert check.type("SELECT COUNTIF(x > 0) FROM UNNEST([1]) AS x") == "INT64"


def test_numeric_stays_exact(check) -> None:
    avg = "SELECT AVG(x) FROM UNNEST([NUMERIC '1', NUMERIC '2', NUMERIC '2']) AS x"
    assert check.value(avg) == Decimal("1.666666667")
    assert check.type(avg) == "NUMERIC"
    assert check.value("SELECT x + 0.1 FROM UNNEST([NUMERIC '0.2']) AS x") == Decimal("0.3")
    assert check.value("SELECT x / 3 FROM UNNEST([NUMERIC '1']) AS x") == Decimal("0.333333333")
    big = "SELECT x * x FROM UNNEST([NUMERIC '12345678901234']) AS x"
    assert check.value(big) == Decimal("152415787532374345526722756")
    high = (
        "SELECT STDDEV(x) FROM UNNEST([NUMERIC '12345678901234567890.000000001', "
        "NUMERIC '12345678901234567890.000000002']) AS x"
    )
    assert check.value(high) == pytest.approx(7.0710678118654752e-10, rel=1e-12)
    # CORR of NUMERIC pairs: aggregated exactly (one pair: NULL)
    assert check.value("SELECT CORR(x, x) FROM UNNEST([NUMERIC '1']) AS x") is None


def test_numeric_runtime_functions_round_half_away_from_zero() -> None:
    assert functions.numeric_multiply(Decimal("0.5"), Decimal("0.000000001")) == Decimal(
        "0.000000001"
    )
    assert functions.numeric_multiply(Decimal("-0.5"), Decimal("0.000000001")) == Decimal(
        "-0.000000001"
    )
    assert functions.numeric_divide(Decimal("2"), Decimal("3")) == Decimal("0.666666667")
    assert functions.numeric_avg([Decimal("1"), None, Decimal("4")]) == Decimal("2.5")
    assert functions.numeric_avg([None]) is None
    assert functions.numeric_moment([Decimal("1")], "var_samp") is None
    assert functions.numeric_moment([Decimal("1"), Decimal("2")], "var_pop") == 0.25
    with pytest.raises(OverflowError):
        functions.numeric_multiply(Decimal("1e15"), Decimal("1e15"))


def test_numeric_functions_return_numeric(check) -> None:
    assert check.value("SELECT SQRT(NUMERIC '2')") == Decimal("1.414213562")
    assert check.type("SELECT POW(NUMERIC '1.5', 2)") == "NUMERIC"
    assert check.value("SELECT DIV(NUMERIC '-7', 2)") == Decimal("-3")
    assert check.value("SELECT SAFE_DIVIDE(NUMERIC '1', NUMERIC '0')") is None
    assert check.value("SELECT CAST(NUMERIC '1.500000000' AS STRING)") == "1.5"
    with pytest.raises(UserError, match="argument out of range"):
        check.value("SELECT LN(NUMERIC '0')")
    # INT64 arguments keep FLOAT64 results
    assert check.type("SELECT SQRT(4)") == "FLOAT64"


def test_float_to_numeric_is_exact(check) -> None:
    assert check.value("SELECT CAST(x AS NUMERIC) FROM UNNEST([1e28]) AS x") == Decimal(
        "9999999999999999583119736832"
    )
    assert check.value("SELECT CAST(x AS NUMERIC) FROM UNNEST([0.1234567895]) AS x") == Decimal(
        "0.123456789"
    )
    assert (
        check.value("SELECT SAFE_CAST(x AS NUMERIC) FROM UNNEST([CAST('NaN' AS FLOAT64)]) AS x")
        is None
    )


def test_simple_case_and_nullif_never_match_nan(check) -> None:
    assert check.value(f"SELECT CASE {NAN} WHEN {NAN} THEN 1 ELSE 2 END") == 2
    assert str(check.value(f"SELECT NULLIF({NAN}, {NAN})")) == "nan"
    assert check.value("SELECT NULLIF(1.5, 1.5)") is None


def test_order_by_alias_of_checked_expression(check) -> None:
    # the NaN rank key tests the aliased expression: an alias inside an expression whose
    # definition holds error() is a DuckDB binder error
    assert check.rows("SELECT x / 2 AS y FROM UNNEST([2.0, 1.0]) AS x ORDER BY y") == [
        (0.5,),
        (1.0,),
    ]


def test_float_literal_next_to_a_numeric_literal_is_numeric(check) -> None:
    """A FLOAT64 literal coerces to NUMERIC (conversion rules, literal coercion:
    https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_rules#coercion),
    next to a typed NUMERIC literal as next to a NUMERIC column, and in parentheses;
    GoogleSQL's reference evaluator gives NUMERIC for each. Found by the zetasql oracle."""
    assert check.type("SELECT NUMERIC '1.5' - 2.775") == "NUMERIC"
    assert str(check.value("SELECT NUMERIC '1.5' - 2.775").normalize()) == "-1.275"
    assert check.type("SELECT (-0.5) * NUMERIC '2'") == "NUMERIC"
    assert check.type("SELECT IF(TRUE, 1.0, NUMERIC '0.000000001')") == "NUMERIC"
    # not a literal any more: FLOAT64 wins
    assert check.type("SELECT NUMERIC '1' + CAST(2.5 AS FLOAT64)") == "FLOAT64"
    with pytest.raises(UserError):
        check.value("SELECT NUMERIC '1' + 1e30")  # no NUMERIC holds 10^30


# SUM of INT64 overflows only when the sum leaves the INT64 range (aggregate_functions#sum;
# the same answers from GoogleSQL's reference evaluator): BigQuery's "int64 overflow".
def test_an_int64_sum_past_the_range_is_an_int64_overflow(check) -> None:
    for values in ("[9223372036854775807, 1]", "[-9223372036854775807, -2]"):
        with pytest.raises(UserError, match="int64 overflow"):
            check.rows(f"SELECT SUM(x) FROM UNNEST({values}) AS x")
    fits = "SELECT SUM(x) FROM UNNEST([9223372036854775807, 1, -5]) AS x"
    assert check.value(fits) == 9223372036854775803
    assert check.type(fits) == "INT64"
    assert "int64-sum-overflow" in check.rules(fits)


# PERCENTILE_CONT's type is the value's and the percentile's (the return type table of
# navigation_functions#percentile_cont): NUMERIC only when both are NUMERIC.
def test_percentile_cont_of_numeric_takes_the_percentiles_type(check) -> None:
    over = " OVER () FROM UNNEST([NUMERIC '1', NUMERIC '2']) AS x LIMIT 1"
    assert check.type("SELECT PERCENTILE_CONT(x, 0.25)" + over) == "FLOAT64"
    assert check.value("SELECT PERCENTILE_CONT(x, 0.25)" + over) == 1.25
    assert check.type("SELECT PERCENTILE_CONT(x, 1)" + over) == "FLOAT64"
    assert check.type("SELECT PERCENTILE_CONT(x, NUMERIC '0.25')" + over) == "NUMERIC"
    assert check.value("SELECT PERCENTILE_CONT(x, NUMERIC '0.25')" + over) == Decimal("1.25")
    assert "numeric-percentile-type" in check.rules("SELECT PERCENTILE_CONT(x, 0.5)" + over)


def test_greatest_least_of_a_null_beside_a_nan_is_null(check) -> None:
    # https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#greatest
    # (NULL if any argument is NULL; NaN if any argument is NaN, NULL first); the reference
    # evaluator gives NULL for LEAST(NULL, -1e308, NaN)
    assert check.value(f"SELECT LEAST(CAST(NULL AS FLOAT64), -1e308, {NAN})") is None
    assert check.value(f"SELECT GREATEST({NAN}, CAST(NULL AS FLOAT64))") is None
    assert math.isnan(check.value(f"SELECT GREATEST({NAN}, 1.0)"))
    assert check.value("SELECT LEAST(2.0, 1.0, 3.0)") == 1.0


def test_pivot_of_an_int64_sum_runs(check) -> None:
    """PIVOT(SUM(n) FOR g IN ('a', 'b')): one row per k, a column per g value, SUM over
    the matching rows, NULL for none (query-syntax#pivot_operator). The overflow check of
    int64-sum-overflow around the SUM made it a raw DuckDB Binder Error.
    https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#pivot_operator
    """
    sql = (
        "WITH t AS (SELECT * FROM UNNEST([STRUCT(1 AS k, 'a' AS g, 2 AS n), (1, 'a', 3)])) "
        "SELECT * FROM t PIVOT(SUM(n) FOR g IN ('a', 'b'))"
    )
    assert check.rows(sql) == [(1, 5, None)]
    assert check.type(sql) == "INT64"


def test_percentile_cont_of_only_nulls_is_null(check) -> None:
    # PERCENTILE_CONT ignores NULLs; with no value left the result is NULL (GoogleSQL's
    # reference evaluator: NULL), while a NaN input still makes it NaN.
    # https://cloud.google.com/bigquery/docs/reference/standard-sql/navigation_functions#percentile_cont
    sql = (
        "SELECT g, PERCENTILE_CONT(x, 0.5) OVER (PARTITION BY g) FROM UNNEST([STRUCT(1 AS g, "
        "CAST(NULL AS FLOAT64) AS x), (2, CAST('NaN' AS FLOAT64)), (3, 6.0)]) ORDER BY g"
    )
    rows = check.rows(sql)
    assert rows[0] == (1, None) and str(rows[1][1]) == "nan" and rows[2] == (3, 6.0)


def test_covariance_and_correlation_of_numeric_pairs(check) -> None:
    # statistical_aggregate_functions#covar_pop: NUMERIC pairs are aggregated exactly and
    # the result is FLOAT64; a pair with a NULL side does not count; one pair gives NULL
    # for CORR, a constant side NaN (GoogleSQL's reference evaluator gives these values)
    import math

    pairs = (
        "UNNEST([STRUCT(NUMERIC '0.1' AS y, NUMERIC '0.5' AS x), (NUMERIC '0.3', NUMERIC '0.9'), "
        "(NUMERIC '0.4', NUMERIC '0.7'), (NULL, NUMERIC '2')])"
    )
    sql = f"SELECT COVAR_POP(y, x), COVAR_SAMP(y, x), CORR(y, x) FROM {pairs}"
    assert check.rows(sql) == [(0.013333333333333334, 0.02, 0.6546536707079772)]
    window = (
        "SELECT o, CORR(y, x) OVER (ORDER BY o ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) FROM "
        "UNNEST([STRUCT(1 AS o, NUMERIC '2' AS y, NUMERIC '1' AS x), (2, NUMERIC '4', NUMERIC '3'), "
        "(3, NUMERIC '4', NUMERIC '5')]) ORDER BY o"
    )
    rows = check.rows(window)
    assert rows[:2] == [(1, None), (2, 1.0)]
    assert math.isnan(rows[2][1])
