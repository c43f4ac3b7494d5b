"""A NUMERIC inside a STRUCT keeps NUMERIC's precision (the type node sqlglot shares).

NUMERIC has 9 decimal digits (data-types#decimal_types); GoogleSQL's reference evaluator
(zetasql 0.1.5) gives STRUCT(NUMERIC '1.0001' AS x).x = 1.0001, offline it was 1.000.
https://cloud.google.com/bigquery/docs/reference/standard-sql/data-types#decimal_types
"""

from __future__ import annotations

from decimal import Decimal


def test_numeric_in_a_struct_keeps_nine_digits(check) -> None:
    assert check.value("SELECT STRUCT(NUMERIC '1.0001' AS x) AS s") == {"x": Decimal("1.0001")}
    assert check.value("SELECT s.x FROM (SELECT STRUCT(NUMERIC '0.000000001' AS x) AS s)") == (
        Decimal("0.000000001")
    )
    assert "DECIMAL(38, 9)" in check.sql("SELECT STRUCT(CAST('1.5' AS NUMERIC) AS x) AS s")
    assert "unshare-type-nodes" in check.rules("SELECT STRUCT(NUMERIC '1' AS x) AS s")


def test_numeric_field_of_unnested_structs_sums_as_numeric(check) -> None:
    sql = (
        "SELECT SUM(x) AS s FROM UNNEST([STRUCT(NUMERIC '1.0001' AS x), STRUCT(NUMERIC '2.0002')])"
    )
    assert check.value(sql) == Decimal("3.0003")
    assert check.type(sql) == "NUMERIC"


def test_a_plain_cast_is_untouched(check) -> None:
    assert "unshare-type-nodes" not in check.rules("SELECT CAST('1.5' AS NUMERIC) AS x")
