"""Casts BigQuery does not allow are errors offline too (rules/casts.py)."""

import datetime as dt
from decimal import Decimal

import pytest

from wbcore.errors import UserError


@pytest.mark.parametrize(
    "sql",
    [
        "SELECT CAST(TRUE AS FLOAT64)",
        "SELECT CAST(1.5 AS BOOL)",
        "SELECT SAFE_CAST(b'1' AS INT64)",
        "SELECT CAST(DATE '2024-02-29' AS INT64)",
        "SELECT CAST(TIME '12:00:00' AS DATETIME)",
        "SELECT SAFE_CAST(NUMERIC '1' AS DATE)",
    ],
)
def test_casts_bigquery_refuses(check, sql) -> None:
    """The conversion rules' table has no such pair, and SAFE_CAST does not make one valid
    (https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_rules#conversion_overview);
    GoogleSQL's reference analyzer rejects each ("Invalid cast from BOOL to FLOAT64"),
    DuckDB converted them. Found by the zetasql oracle."""
    with pytest.raises(UserError, match="Invalid cast from"):
        check.value(sql)


def test_casts_bigquery_allows(check) -> None:
    assert check.value("SELECT CAST(TRUE AS INT64)") == 1
    assert check.value("SELECT CAST(1 AS BOOL)") is True
    assert check.value("SELECT CAST(b'1' AS STRING)") == "1"
    assert check.type("SELECT CAST(DATE '2024-02-29' AS TIMESTAMP)") == "TIMESTAMP"
    assert check.value("SELECT SAFE_CAST('x' AS INT64)") is None
    assert "invalid-casts" not in check.rules("SELECT CAST(1 AS FLOAT64)")
    assert check.value("SELECT CAST(NULL AS BYTES)") is None  # an untyped NULL casts to any type
    assert check.value("SELECT CAST(CAST(NULL AS TIME) AS STRING)") is None


def test_struct_cast_by_position_takes_the_target_names(check) -> None:
    # "STRUCT: allowed if the field types can be cast ... each field, in order"; the result
    # has the target's field names (conversion_rules#casting, STRUCT row; GoogleSQL's
    # reference evaluator: {"p": 3.0, "q": "w"}).
    # https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_rules
    sql = "SELECT CAST(STRUCT(3 AS a, 'w' AS b) AS STRUCT<p FLOAT64, q STRING>)"
    assert check.value(sql) == {"p": 3.0, "q": "w"}
    assert check.type(sql) == "STRUCT<p FLOAT64, q STRING>"
    assert "struct-casts" in check.rules(sql)
    rows = check.rows("SELECT CAST(s AS STRUCT<z INT64>) FROM UNNEST([STRUCT(4 AS y), NULL]) s")
    assert sorted(rows, key=str) == sorted([({"z": 4},), (None,)], key=str)


def test_struct_cast_to_unnamed_fields_converts_each_field(check) -> None:
    # a STRUCT type's fields may have no name (data-types#struct_type); the tuple's FLOAT64
    # item converts as a value, its double (GoogleSQL's reference evaluator:
    # 100000000000000004764729344, and 1.5 for the second cast). DuckDB's own cast of the
    # double to DECIMAL gave 99999999999999996863366107.917975552.
    sql = "SELECT CAST((99999999999999999999999999.999999999, 2) AS STRUCT<NUMERIC, INT64>)"
    assert list(check.value(sql).values()) == [Decimal("100000000000000004764729344"), 2]
    assert "struct-casts" in check.rules(sql)
    value = "SELECT CAST(s AS STRUCT<NUMERIC, STRING>) FROM (SELECT STRUCT(1.5 AS x, 'a' AS y) s)"
    assert list(check.value(value).values()) == [Decimal("1.5"), "a"]


def test_a_null_or_text_first_argument_has_the_functions_type(check) -> None:
    # https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_rules#coercion
    # (NULL and a string literal coerce to the parameter's type), checked with GoogleSQL's
    # reference evaluator; sqlglot typed DATE_ADD(NULL, ...) INT64 (a false "Invalid cast")
    # and DuckDB could not choose an overload (a raw Binder Error)
    assert check.value("SELECT CAST(DATE_ADD(NULL, INTERVAL 3 DAY) AS TIMESTAMP)") is None
    assert check.value("SELECT CAST(TIMESTAMP_TRUNC(NULL, MINUTE) AS DATE)") is None
    value = check.value("SELECT TIMESTAMP_TRUNC('2019-02-03 04:05:06.7', SECOND)")
    assert value == dt.datetime(2019, 2, 3, 4, 5, 6, tzinfo=dt.UTC)
    assert check.value("SELECT DATE_SUB('2019-03-01', INTERVAL 1 DAY)") == dt.date(2019, 2, 28)
    assert "null-civil-arguments" in check.rules("SELECT DATE_SUB(NULL, INTERVAL 1 DAY)")
