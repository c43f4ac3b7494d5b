"""RANGE frames with an offset over a FLOAT64 key (one sort key in DuckDB).

A RANGE frame holds the rows whose ORDER BY value is within the offsets of the current
row's (window-function-calls#def_window_frame); NaN ± n is NaN and NULL only equals NULL
as a peer, so each is a frame of its own peers. BigQuery orders NULL, NaN, -inf, ..., +inf
(query-syntax#order_by_clause), which an UNBOUNDED side would reach: refused.
https://cloud.google.com/bigquery/docs/reference/standard-sql/window-function-calls#def_window_frame
https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#order_by_clause
"""

from __future__ import annotations

import pytest

from workbench.translate import UnsupportedError

VALUES = "UNNEST([CAST('NaN' AS FLOAT64), 1.0, NULL, CAST('inf' AS FLOAT64), 2.0, 2.5])"


def test_offset_range_over_floats_runs_with_one_key(check) -> None:
    sql = (
        "SELECT x, COUNT(*) OVER (ORDER BY x RANGE BETWEEN 1 PRECEDING AND CURRENT ROW) AS c "
        f"FROM {VALUES} AS x ORDER BY c, x"
    )
    rows = check.rows(sql)
    counts = {("nan" if x != x else x): c for x, c in rows}
    assert counts == {None: 1, "nan": 1, 1.0: 1, 2.0: 2, 2.5: 2, float("inf"): 1}
    assert "range-frame-keys" in check.rules(sql)


def test_following_offsets_over_floats(check) -> None:
    sql = (
        "SELECT x, COUNT(*) OVER (ORDER BY x DESC RANGE BETWEEN CURRENT ROW AND 1 FOLLOWING) "
        f"AS c FROM {VALUES} AS x"
    )
    counts = {("nan" if x != x else x): c for x, c in check.rows(sql)}
    # DESC: 1 FOLLOWING is the value minus 1
    assert counts == {None: 1, "nan": 1, 1.0: 1, 2.0: 2, 2.5: 2, float("inf"): 1}


def test_unbounded_side_with_an_offset_over_floats_is_refused(check) -> None:
    sql = (
        "SELECT COUNT(*) OVER (ORDER BY x RANGE BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) "
        f"AS c FROM {VALUES} AS x"
    )
    with pytest.raises(UnsupportedError, match="is not supported offline: BigQuery sorts NaN"):
        check.sql(sql)


def test_integer_keys_and_rows_frames_are_untouched(check) -> None:
    sql = (
        "SELECT x, SUM(x) OVER (ORDER BY x RANGE BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) "
        "AS s FROM UNNEST([1, 2, 4]) AS x ORDER BY x"
    )
    assert check.rows(sql) == [(1, None), (2, 1), (4, 3)]
    rows = "SELECT SUM(x) OVER (ORDER BY x ROWS 1 PRECEDING) AS s FROM UNNEST([1.5]) AS x"
    assert "range-frame-keys" not in check.rules(rows)
