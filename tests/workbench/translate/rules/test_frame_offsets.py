"""A window frame offset given as a parameter is checked as BigQuery checks it when the query
runs: NULL, negative or NaN raise (window-function-calls#def_window_frame; GoogleSQL's
compliance tests give the messages). DuckDB refused NULL with a Binder Error and gave rows
for a NaN FOLLOWING offset.
https://cloud.google.com/bigquery/docs/reference/standard-sql/window-function-calls#def_window_frame
"""

from __future__ import annotations

import math

import pytest

from wbcore.errors import UserError

KEYS = "UNNEST([1.0, 2.5, 4.0]) AS x"


@pytest.mark.parametrize(
    ("frame", "value", "message"),
    [
        ("RANGE BETWEEN @k PRECEDING AND CURRENT ROW", None, "cannot be null"),
        ("ROWS BETWEEN 1 PRECEDING AND @k FOLLOWING", None, "cannot be null"),
        ("RANGE BETWEEN 1 FOLLOWING AND @k FOLLOWING", -1.0, "must be non-negative"),
        ("ROWS BETWEEN @k PRECEDING AND CURRENT ROW", -3, "must be non-negative"),
        ("RANGE BETWEEN @k FOLLOWING AND 2 FOLLOWING", math.nan, "must be non-negative"),
        ("RANGE BETWEEN 2 PRECEDING AND @k PRECEDING", math.nan, "must be non-negative"),
    ],
    ids=[
        "range-null",
        "rows-null",
        "range-negative",
        "rows-negative",
        "nan-following",
        "nan-preceding",
    ],
)
def test_bad_parameter_offsets_raise(check, frame: str, value: object, message: str) -> None:
    sql = f"SELECT COUNT(*) OVER (ORDER BY x {frame}) FROM {KEYS}"
    with pytest.raises(UserError, match=message):
        check.value(sql, k=value)
    assert "frame-offset-checks" in check.rules(sql)


def test_good_parameter_offsets_keep_their_frames(check) -> None:
    sql = (
        "SELECT ARRAY_AGG(c ORDER BY x) FROM (SELECT x, COUNT(*) OVER "
        f"(ORDER BY x RANGE BETWEEN @k PRECEDING AND CURRENT ROW) AS c FROM {KEYS})"
    )
    assert check.value(sql, k=1.5) == [1, 2, 2]
    assert check.value(sql, k=0.0) == [1, 1, 1]


def test_named_window_offsets_are_checked(check) -> None:
    sql = f"SELECT SUM(x) OVER w FROM {KEYS} WINDOW w AS (ORDER BY x ROWS @k PRECEDING)"
    with pytest.raises(UserError, match="cannot be null"):
        check.value(sql, k=None)


def test_literal_offsets_need_no_check(check) -> None:
    sql = f"SELECT COUNT(*) OVER (ORDER BY x ROWS BETWEEN 1 PRECEDING AND 2 FOLLOWING) FROM {KEYS}"
    assert "frame-offset-checks" not in check.rules(sql)


@pytest.mark.parametrize(
    ("value", "message"),
    [(None, "must not be NULL"), (0, "must be positive"), (-4, "must be positive")],
    ids=["null", "zero", "negative"],
)
def test_ntile_parameter_checks(check, value: object, message: str) -> None:
    # numbering_functions#ntile; GoogleSQL's compliance tests give the messages
    sql = "SELECT NTILE(@n) OVER (ORDER BY x) FROM UNNEST([3, 1, 2]) AS x"
    with pytest.raises(UserError, match=f"for the NTILE function {message}"):
        check.value(sql, n=value)


def test_ntile_parameter_buckets(check) -> None:
    sql = (
        "SELECT ARRAY_AGG(b ORDER BY x) FROM (SELECT x, NTILE(@n) OVER (ORDER BY x) AS b "
        "FROM UNNEST([5, 1, 4, 2, 3]) AS x)"
    )
    assert check.value(sql, n=2) == [1, 1, 1, 2, 2]


@pytest.mark.parametrize(
    ("value", "message"),
    [(None, "must not be NULL"), (0, "must be positive"), (-1, "must be positive")],
    ids=["null", "zero", "negative"],
)
def test_nth_value_parameter_checks(check, value: object, message: str) -> None:
    # navigation_functions#nth_value; GoogleSQL's compliance tests give the messages (DuckDB
    # answered NULL for each)
    for modifier in ("", " IGNORE NULLS"):
        sql = f"SELECT NTH_VALUE(x, @n{modifier}) OVER (ORDER BY x) FROM UNNEST([3, 1, 2]) AS x"
        with pytest.raises(UserError, match=f"for the NthValue function {message}"):
            check.value(sql, n=value)
    ok = "SELECT NTH_VALUE(x, @n) OVER (ORDER BY x DESC) FROM UNNEST([3, 1, 2]) AS x"
    assert check.value(ok, n=2) is None  # the first row's frame holds one value
