"""STRUCT field names (rules/field_names.py): two fields of one name are refused.

BigQuery allows a STRUCT with two fields of the same name (``STRUCT(k, k)`` infers both
names from the expression: data-types#constructing_a_struct); DuckDB's STRUCT cannot hold
them, which was a raw Binder Error.
https://cloud.google.com/bigquery/docs/reference/standard-sql/data-types#constructing_a_struct
"""

from __future__ import annotations

import pytest

from workbench.translate import UnsupportedError


@pytest.mark.parametrize(
    "sql",
    [
        "SELECT STRUCT(k, k) AS s FROM UNNEST([1]) AS k",
        "SELECT [STRUCT(1 AS a, 2 AS A)] AS s",
        # SELECT AS STRUCT makes a STRUCT of its columns (query-syntax#select_as_struct)
        "SELECT AS STRUCT 1 a, 2 a",
        "SELECT (SELECT AS STRUCT x, x FROM UNNEST([1]) x) AS s",
        "SELECT ARRAY(SELECT AS STRUCT x AS k, 2 AS K FROM UNNEST([1]) x) AS s",
    ],
)
def test_duplicate_field_names_are_refused(check, sql: str) -> None:
    with pytest.raises(UnsupportedError, match="STRUCT with two fields of the same name"):
        check.sql(sql)


def test_distinct_and_typed_fields_are_kept(check) -> None:
    assert check.rows("SELECT STRUCT(1 AS a, 2 AS b) AS s") == [({"a": 1, "b": 2},)]
    assert "duplicate-field-names" not in check.rules("SELECT STRUCT(1 AS a, 2 AS b) AS s")
    assert check.rows("SELECT (SELECT AS STRUCT x, 2 AS y FROM UNNEST([1]) x) AS s") == [
        ({"x": 1, "y": 2},)
    ]


def test_a_select_list_tuple_is_a_struct(check) -> None:
    # https://cloud.google.com/bigquery/docs/reference/standard-sql/data-types#constructing_a_struct
    # (tuple syntax (expr1, expr2) is a STRUCT); DuckDB's row value was compared as two
    # columns against a subquery's one: a raw Binder Error, now the clean refusal of a STRUCT
    # IN (subquery)
    assert "select-tuples" in check.rules("SELECT (1, 'a') AS x")
    assert list(check.value("SELECT (3, 'b') AS x").values()) == [3, "b"]
    sql = "SELECT x IN (SELECT u FROM UNNEST([(1, 1)]) u) FROM (SELECT (1, 1) x)"
    with pytest.raises(UnsupportedError, match="is not supported offline"):
        check.value(sql)


def test_a_struct_type_with_unnamed_fields(check) -> None:
    # https://cloud.google.com/bigquery/docs/reference/standard-sql/data-types#struct_type
    # (STRUCT<T1, T2>: fields may have no name), checked with GoogleSQL's reference
    # evaluator; DuckDB's type syntax has none (a raw Parser Error)
    typed = "CAST((6, ('v', 7)) AS STRUCT<INT64, STRUCT<STRING, INT64>>)"
    assert check.value(f"SELECT {typed} IN UNNEST([(6, ('v', 7))])") is True
    null = "CAST(NULL AS STRUCT<INT64, STRUCT<STRING, INT64>>)"
    assert check.value(f"SELECT {null} IN UNNEST([(6, ('v', 7))])") is None
    assert check.value("SELECT ARRAY_LENGTH(CAST([] AS ARRAY<STRUCT<INT64, BOOL>>))") == 0
    assert "anonymous-struct-types" in check.rules(f"SELECT {null}")


def test_tuples_of_a_typed_array_take_the_types_field_names(check) -> None:
    # data-types#tuple_syntax under a typed array literal (reference evaluator: k, a; the
    # unnamed DuckDB STRUCT could not be cast to the named type, a raw Binder Error)
    rows = check.rows(
        "SELECT k, ARRAY_LENGTH(a) FROM UNNEST(ARRAY<STRUCT<k INT64, a ARRAY<INT64>>>"
        "[(1, [1]), (5, [2, 3])]) ORDER BY k"
    )
    assert rows == [(1, 1), (5, 2)]
    assert check.value("SELECT ARRAY<STRUCT<k FLOAT64, s STRING>>[(1, 'x')][OFFSET(0)].k") == 1.0
