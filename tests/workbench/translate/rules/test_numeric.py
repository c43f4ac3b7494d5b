"""Rule numeric-set-literals: a FLOAT64 literal column of a set operation with NUMERIC.

The columns of UNION ALL take the supertype of the branches' columns, and a literal is
coerced to NUMERIC where the other branches give NUMERIC ("Literal coercion",
conversion_rules#coercion; the supertype rules of conversion_rules#supertypes). DuckDB's
union of DECIMAL and DOUBLE is DOUBLE. Expected values: GoogleSQL's reference evaluator.
https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_rules#supertypes
https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#union
"""

from __future__ import annotations

from decimal import Decimal


def test_float_literals_next_to_numeric_in_a_union_are_numeric(check) -> None:
    sql = (
        "SELECT v FROM (SELECT NUMERIC '7.25' AS v UNION ALL SELECT -0.125 UNION ALL "
        "SELECT 3) ORDER BY v"
    )
    assert check.rows(sql) == [(Decimal("-0.125"),), (Decimal("3"),), (Decimal("7.25"),)]
    assert check.type(sql) == "NUMERIC"
    assert "numeric-set-literals" in check.rules(sql)


def test_an_aggregate_of_the_union_column_stays_numeric(check) -> None:
    # the outer column reads the coerced column: AVG of NUMERIC is NUMERIC, 1.875 exactly
    sql = (
        "SELECT AVG(v) FROM (SELECT CAST(NULL AS NUMERIC) AS v UNION ALL SELECT 1.5 "
        "UNION ALL SELECT 2.25)"
    )
    assert check.value(sql) == Decimal("1.875")
    assert check.type(sql) == "NUMERIC"


def test_float_unions_are_left_alone(check) -> None:
    sql = "SELECT v FROM (SELECT 0.5 AS v UNION ALL SELECT 1.5e0) ORDER BY v"
    assert check.rows(sql) == [(0.5,), (1.5,)]
    assert check.type(sql) == "FLOAT64"
    assert "numeric-set-literals" not in check.rules(sql)


def test_percentile_cont_of_numeric_interpolates_exactly(check) -> None:
    # navigation_functions#percentile_cont: NUMERIC value and percentile give NUMERIC; the
    # point 0.3 * (3 - 1) = 0.6 of the way from -9e28 to 7 (reference: ...995.8)
    sql = (
        "SELECT PERCENTILE_CONT(x, NUMERIC '0.3') OVER () AS p FROM UNNEST(["
        "NUMERIC '-90000000000000000000000000000', NUMERIC '80000000000000000000000000000.5', "
        "NUMERIC '7']) AS x LIMIT 1"
    )
    assert check.value(sql) == Decimal("-35999999999999999999999999995.8")
    assert check.type(sql) == "NUMERIC"
    assert "numeric-percentile" in check.rules(sql)
    # halfway between 1 and 2.000000001 rounds half away from zero; NULLs do not count
    half = (
        "SELECT PERCENTILE_CONT(x, NUMERIC '0.5' IGNORE NULLS) OVER () FROM "
        "UNNEST([NUMERIC '1', NUMERIC '2.000000001', NULL]) AS x LIMIT 1"
    )
    assert check.value(half) == Decimal("1.500000001")
    none = "SELECT PERCENTILE_CONT(x, NUMERIC '0.5') OVER () FROM UNNEST([CAST(NULL AS NUMERIC)]) x"
    assert check.value(none) is None


def test_a_float_literal_in_an_array_beside_a_numeric_is_numeric(check) -> None:
    """``[NUMERIC '1', 2.5]`` is ARRAY<NUMERIC>: the supertype converts only the literal
    (DuckDB's list of DECIMAL and DOUBLE was ARRAY<FLOAT64>)."""
    assert check.type("SELECT [2.5, NUMERIC '1']") == "ARRAY<NUMERIC>"
    assert check.type("SELECT [n, 2.5] FROM (SELECT NUMERIC '1' AS n)") == "ARRAY<NUMERIC>"
    assert check.type("SELECT [NUMERIC '1', CAST(2.5 AS FLOAT64)]") == "ARRAY<FLOAT64>"
    assert check.type("SELECT SUM(x) FROM UNNEST([NUMERIC '1', 2.5]) x") == "NUMERIC"


def test_a_float_literal_field_beside_a_numeric_field_is_numeric(check) -> None:
    """``[STRUCT(NUMERIC '1.5' AS a), STRUCT(2.5)]`` is ARRAY<STRUCT<a NUMERIC>>."""
    sql = "SELECT [STRUCT(NUMERIC '1.5' AS a, 'x' AS b), STRUCT(2.5, 'y')]"
    assert check.type(sql) == "ARRAY<STRUCT<a NUMERIC, b STRING>>"
    assert check.type("SELECT [STRUCT(1.5 AS a), STRUCT(NUMERIC '2')]") == "ARRAY<STRUCT<a NUMERIC>>"
