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
