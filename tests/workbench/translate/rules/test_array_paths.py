"""array-field-access: ``array_of_structs.field`` reads the field of every element. Expected
values from GoogleSQL's reference evaluator and
https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#array_el_field_operator
(DuckDB raised a raw "Cannot extract field" Binder Error).
"""

from __future__ import annotations

import pytest

from wbcore.errors import UnsupportedError


@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        ("SELECT v FROM UNNEST([STRUCT(3 AS x), STRUCT(1), STRUCT(2)].x) AS v", [3, 1, 2]),
        ("SELECT v FROM UNNEST([STRUCT(3 AS x), NULL, STRUCT(NULL AS x)].x) AS v", [3, None, None]),
        (
            "SELECT v FROM UNNEST([STRUCT([STRUCT(9 AS y), STRUCT(8)] AS x), "
            "STRUCT(CAST(NULL AS ARRAY<STRUCT<y INT64>>)), STRUCT([STRUCT(7 AS y)])].x.y) AS v",
            [9, 8, 7],
        ),
        ("SELECT v FROM UNNEST(STRUCT([STRUCT(5 AS y), STRUCT(6)] AS x).x.y) AS v", [5, 6]),
        ("SELECT v FROM UNNEST(CAST(NULL AS ARRAY<STRUCT<x INT64>>).x) AS v", []),
    ],
)
def test_the_field_of_every_element_in_order(check, sql, expected) -> None:
    rows = check.rows(sql.replace(") AS v", ") AS v WITH OFFSET o ORDER BY o"))
    assert [r[0] for r in rows] == expected


def test_in_unnest_of_a_path(check) -> None:
    assert check.value("SELECT 4 IN UNNEST([STRUCT([1, 2] AS a), STRUCT([4, 5] AS a)].a)") is True


@pytest.mark.parametrize(
    "sql",
    [
        "SELECT v FROM UNNEST([STRUCT([1, 2] AS a), STRUCT([3] AS a)].a[OFFSET(0)]) AS v",
        "SELECT v FROM UNNEST([STRUCT(JSON '{\"f\": 1}' AS x)].x.f) AS v",
    ],
)
def test_what_is_not_translated_is_refused(check, sql) -> None:
    with pytest.raises(UnsupportedError):
        check.rows(sql)


def test_the_element_of_an_unnested_path_has_its_type(check) -> None:
    """``SUM(v)`` over ``UNNEST(t.arr.a) v`` is INT64 (aggregate_functions#sum), not DuckDB's
    HUGEINT: the element was untyped, so the INT64 SUM rule passed it by."""
    t = "WITH t AS (SELECT [STRUCT([1, 2] AS a), STRUCT([3] AS a)] AS arr) "
    assert check.type(t + "SELECT SUM(v) FROM t, UNNEST(t.arr.a) v") == "INT64"
    assert check.value(t + "SELECT (SELECT SUM(v) FROM UNNEST(t.arr.a) v) FROM t") == 6
    assert check.type("SELECT SUM(v) FROM UNNEST([STRUCT(1 AS a), STRUCT(2)].a) v") == "INT64"
