"""GROUP BY / ORDER BY ordinals outside the SELECT list (rules/ordinals.py): BigQuery's error
with the line. GoogleSQL's analyzer: "GROUP BY is out of SELECT column number range: 3"
(query-syntax#group_by_clause, #order_by_clause: an ordinal names a SELECT-list item)."""

from __future__ import annotations

import pytest

from wbcore.errors import UserError


@pytest.mark.parametrize(
    ("sql", "message"),
    [
        (
            "SELECT x, COUNT(*) AS c FROM UNNEST([1]) AS x\nGROUP BY 3",
            "GROUP BY is out of SELECT column number range: 3",
        ),
        (
            "SELECT x FROM UNNEST([1]) AS x\nORDER BY 2",
            "ORDER BY is out of SELECT column number range: 2",
        ),
        (
            "SELECT x FROM UNNEST([1]) AS x\nORDER BY 0",
            "ORDER BY is out of SELECT column number range: 0",
        ),
        (
            "SELECT (SELECT y FROM UNNEST([2]) AS y\nORDER BY 2) AS s",
            "ORDER BY is out of SELECT column number range: 2",
        ),
    ],
)
def test_an_ordinal_past_the_list_is_bigquerys_error(check, sql: str, message: str) -> None:
    with pytest.raises(UserError) as caught:
        check.sql(sql)
    assert caught.value.message == message
    assert caught.value.line == 2


def test_ordinals_in_range_and_stars_are_left_alone(check) -> None:
    assert check.rows(
        "SELECT x, COUNT(*) AS c FROM UNNEST([2, 1, 2]) AS x GROUP BY 1 ORDER BY 2, 1"
    ) == [(1, 1), (2, 2)]
    assert check.rows("SELECT * FROM UNNEST([2, 1]) AS x ORDER BY 1") == [(1,), (2,)]
    assert check.rows("SELECT 2 AS a UNION ALL SELECT 1 ORDER BY 1") == [(1,), (2,)]
