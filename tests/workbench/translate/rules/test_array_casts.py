"""CAST of ARRAYs element by element, STRUCT fields with their types (rules/array_casts.py,
casts.struct_casts)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from wbcore.errors import UserError


def test_array_elements_round_half_away_from_zero(check) -> None:
    # https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#cast_as_int64
    # (a FLOAT64 rounds half away from zero); DuckDB's list cast rounded half to even
    assert check.value("SELECT CAST([0.5, 2.5, -3.5] AS ARRAY<INT64>)") == [1, 3, -4]
    text = "SELECT CAST(a AS ARRAY<INT64>) FROM UNNEST([STRUCT([' 0x1A ', '-0x2'] AS a)])"
    assert check.value(text) == [26, -2]
    with pytest.raises(UserError):
        check.value("SELECT CAST(['4', 'four'] AS ARRAY<INT64>)")


def test_safe_cast_of_an_array_with_a_failing_element_is_null(check) -> None:
    # conversion_functions#safe_casting (GoogleSQL's reference evaluator: the ARRAY is NULL);
    # DuckDB's TRY_CAST gave [4, NULL], an error when written and a length of 2
    sql = "SELECT ARRAY_LENGTH(SAFE_CAST(a AS ARRAY<INT64>)) FROM UNNEST([STRUCT(['4', 'x'] AS a)])"
    assert check.value(sql) is None
    assert check.value("SELECT ARRAY_LENGTH(SAFE_CAST(['4', NULL] AS ARRAY<INT64>))") == 2


def test_struct_fields_cast_as_scalars(check) -> None:
    # conversion_rules#casting_structs: each field as its own CAST (2.5 → 3)
    value = check.value("SELECT CAST(STRUCT(2.5 AS a, -2.5 AS b) AS STRUCT<a INT64, b INT64>)")
    assert value == {"a": 3, "b": -3}


def test_a_tuple_cast_to_a_struct_casts_its_items_as_values(check) -> None:
    # GoogleSQL's reference evaluator: a FLOAT64 literal in a STRUCT is its double, exactly
    # (1e26 is 100000000000000004764729344 as NUMERIC); DuckDB's cast of the row value gave
    # 99999999999999996863366107.917975552
    value = check.value("SELECT CAST((1e26, 2.5) AS STRUCT<a NUMERIC, b INT64>)")
    assert value["b"] == 3
    assert value["a"] == Decimal("100000000000000004764729344")


def test_timestamp_text_in_year_one_moved_out_by_its_offset(check) -> None:
    # conversion_functions#cast_as_timestamp: 0001-01-01 00:00 at +01 is before TIMESTAMP's
    # first instant, an error (DuckDB held a value no client could read)
    with pytest.raises(UserError):
        check.value("SELECT CAST('0001-01-01 00:00:00+01' AS TIMESTAMP)")
    assert check.value("SELECT SAFE_CAST('0001-01-01 00:00:00+01' AS TIMESTAMP)") is None
