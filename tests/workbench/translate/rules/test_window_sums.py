"""SUM of NUMERIC over a window (rules/window_sums.py): exact where DuckDB's 128-bit running
total overflowed on partial sums of a frame whose total is a NUMERIC (aggregate_functions#sum;
GoogleSQL's reference evaluator gives the totals).
https://cloud.google.com/bigquery/docs/reference/standard-sql/aggregate_functions#sum
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from wbcore.errors import UserError

BIG = "99999999999999999999999999999.999999999"


def test_frames_near_numeric_ends(check) -> None:
    sql = (
        "SELECT ARRAY_AGG(s ORDER BY o) FROM (SELECT o, SUM(v) OVER (ORDER BY o ROWS BETWEEN "
        "1 PRECEDING AND 1 FOLLOWING) AS s FROM UNNEST([STRUCT(1 AS o, NUMERIC "
        f"'{BIG}' AS v), (2, NUMERIC '-{BIG}'), (3, NUMERIC '-{BIG}'), (4, NUMERIC '{BIG}')]))"
    )
    assert check.value(sql) == [
        Decimal(0),
        Decimal(f"-{BIG}"),
        Decimal(f"-{BIG}"),
        Decimal(0),
    ]
    assert "numeric-window-sum" in check.rules(sql)


def test_ordinary_sums_and_nulls(check) -> None:
    sql = (
        "SELECT ARRAY_AGG(STRUCT(p, s) ORDER BY p) FROM (SELECT DISTINCT p, SUM(v) OVER "
        "(PARTITION BY p) AS s FROM UNNEST([STRUCT(1 AS p, NUMERIC '1.25' AS v), (1, NUMERIC "
        "'-3.5'), (2, NULL)]))"
    )
    assert check.value(sql) == [{"p": 1, "s": Decimal("-2.25")}, {"p": 2, "s": None}]
    assert check.type("SELECT SUM(v) OVER () FROM UNNEST([NUMERIC '1']) AS v") == "NUMERIC"


def test_total_past_the_range_is_an_error(check) -> None:
    for values in (f"NUMERIC '{BIG}', NUMERIC '1'", f"NUMERIC '-{BIG}', NUMERIC '-{BIG}'"):
        sql = f"SELECT SUM(v) OVER () FROM UNNEST([{values}]) AS v"
        with pytest.raises(UserError, match="numeric overflow: SUM"):
            check.value(sql)


def test_distinct_and_other_types_keep_their_form(check) -> None:
    assert "numeric-window-sum" not in check.rules("SELECT SUM(x) OVER () FROM UNNEST([1]) AS x")
    sql = "SELECT SUM(DISTINCT v) OVER () FROM UNNEST([NUMERIC '1.5', NUMERIC '1.5']) AS v"
    assert "numeric-window-sum" not in check.rules(sql)
    assert check.value(sql) == Decimal("1.5")
