"""struct-supertypes: later STRUCT operands take the first's field names, by position.

Expected values from GoogleSQL's reference evaluator (zetasql 0.1.5) and
https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_rules#supertypes;
without the rule DuckDB unifies structs by name (``{a: 1, b: NULL}, {a: NULL, b: 2}``).
"""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("[STRUCT(1 AS a), STRUCT(2 AS b)]", [{"a": 1}, {"a": 2}]),
        (
            "[STRUCT(1 AS a, 'x' AS b), STRUCT(2 AS b, 'y' AS a)]",
            [{"a": 1, "b": "x"}, {"a": 2, "b": "y"}],
        ),
        ("[STRUCT('a' AS k, 1 AS v), ('b', 2)]", [{"k": "a", "v": 1}, {"k": "b", "v": 2}]),
        ("IF(FALSE, STRUCT(1 AS a), STRUCT(2 AS b))", {"a": 2}),
        ("CASE WHEN FALSE THEN STRUCT(1 AS a) ELSE STRUCT(2 AS b) END", {"a": 2}),
        ("COALESCE(NULL, STRUCT(2 AS b), STRUCT(1 AS a))", {"b": 2}),
        ("ARRAY_CONCAT([STRUCT(1 AS a)], [STRUCT(2 AS b)])", [{"a": 1}, {"a": 2}]),
        (
            "[STRUCT(STRUCT(1 AS x) AS s), STRUCT(STRUCT(2 AS y) AS s)]",
            [{"s": {"x": 1}}, {"s": {"x": 2}}],
        ),
        (
            "[STRUCT([STRUCT(1 AS p)] AS l), STRUCT([STRUCT(2 AS q)] AS l)]",
            [{"l": [{"p": 1}]}, {"l": [{"p": 2}]}],
        ),
        ("ARRAY(SELECT AS STRUCT 1 AS x UNION ALL SELECT AS STRUCT 2 AS y)", [{"x": 1}, {"x": 2}]),
        ("IF(TRUE, NULL, STRUCT(1 AS a))", None),
    ],
)
def test_names_come_from_the_first_operand(check, expression, expected) -> None:
    assert check.value(f"SELECT {expression} AS v") == expected


def test_a_struct_value_is_repacked_and_null_stays_null(check) -> None:
    rows = check.rows(
        "SELECT [STRUCT(9 AS z), s] AS v FROM UNNEST([STRUCT(1 AS a), STRUCT(2)]) AS s"
    )
    assert rows == [([{"z": 9}, {"z": 1}],), ([{"z": 9}, {"z": 2}],)]
    assert check.rows(
        "SELECT IF(s IS NULL, STRUCT(0 AS z), s) AS v "
        "FROM UNNEST([CAST(NULL AS STRUCT<a INT64>), STRUCT(3 AS a)]) AS s"
    ) == [({"z": 0},), ({"z": 3},)]
    assert check.rows(
        "SELECT IF(FALSE, STRUCT(0 AS z), s) AS v FROM UNNEST([CAST(NULL AS STRUCT<a INT64>)]) AS s"
    ) == [(None,)]


def test_set_operation_columns_take_the_first_branch_names(check) -> None:
    sql = "SELECT s FROM (SELECT STRUCT(1 AS a) AS s UNION ALL SELECT STRUCT(2 AS b)) ORDER BY s.a"
    assert check.rows(sql) == [({"a": 1},), ({"a": 2},)]


def test_same_names_are_left_alone(check) -> None:
    assert "struct-supertypes" not in check.rules("SELECT [STRUCT(1 AS a), STRUCT(2 AS a)] AS v")
    assert "struct-supertypes" in check.rules("SELECT [STRUCT(1 AS a), STRUCT(2 AS b)] AS v")


def test_a_null_struct_field_is_int64(check) -> None:
    # A NULL literal with nothing to coerce it to is INT64 (GoogleSQL's reference evaluator:
    # STRUCT<k INT64, m INT64> for STRUCT(4 AS k, NULL AS m)).
    # https://cloud.google.com/bigquery/docs/reference/standard-sql/data-types#struct_type
    # https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_rules#coercion
    assert check.type("SELECT STRUCT(4 AS k, NULL AS m)") == "STRUCT<k INT64, m INT64>"
    assert check.type("SELECT (SELECT AS STRUCT 4 AS k, NULL AS m)") == "STRUCT<k INT64, m INT64>"
    assert "null-struct-fields" in check.rules("SELECT STRUCT(4 AS k, NULL AS m)")


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        # by position: (4, 5) against (5, 4), whatever the names
        ("STRUCT(4 AS a, 5 AS b) IS NOT DISTINCT FROM STRUCT(5 AS b, 4 AS a)", False),
        ("STRUCT(4 AS a, 5 AS b) IS DISTINCT FROM STRUCT(5 AS b, 4 AS a)", True),
        ("STRUCT(4 AS p, 5 AS q) IS DISTINCT FROM STRUCT(4 AS r, 5 AS s)", False),
        ("[STRUCT(6 AS a)] IS NOT DISTINCT FROM [STRUCT(6 AS z)]", True),
        ("STRUCT(7 AS a) IS DISTINCT FROM NULL", True),
    ],
)
def test_is_distinct_from_matches_fields_by_position(check, expression, expected) -> None:
    assert check.value(f"SELECT {expression} AS v") is expected
