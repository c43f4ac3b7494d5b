"""RANGE frames with an offset over a FLOAT64 key (one sort key in DuckDB).

A RANGE frame holds the rows whose ORDER BY value is within the offsets of the current
row's (window-function-calls#def_window_frame); NaN ± n is NaN and NULL only equals NULL
as a peer, so each is a frame of its own peers. BigQuery orders NULL, NaN, -inf, ..., +inf
(query-syntax#order_by_clause), which an UNBOUNDED side would reach: refused.
https://cloud.google.com/bigquery/docs/reference/standard-sql/window-function-calls#def_window_frame
https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#order_by_clause
"""

from __future__ import annotations

import math
import re
from datetime import date

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


def test_unbounded_side_with_an_offset_over_floats(check) -> None:
    # the UNBOUNDED side reaches NaN, which BigQuery sorts after NULL and before -inf
    # (query-syntax#order_by_clause); NaN - 1 is NaN and -inf - 1 is -inf, peers of
    # themselves only (GoogleSQL's reference evaluator gives these counts)
    values = VALUES.replace("])", ", CAST('-inf' AS FLOAT64)])")
    sql = (
        "SELECT x, COUNT(*) OVER (ORDER BY x RANGE BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) "
        f"AS c FROM {values} AS x"
    )
    counts = {("nan" if x != x else x): c for x, c in check.rows(sql)}
    inf = float("inf")
    assert counts == {None: 1, "nan": 2, -inf: 3, 1.0: 3, 2.0: 4, 2.5: 4, inf: 7}
    desc = sql.replace(
        "ORDER BY x RANGE BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING",
        "ORDER BY x DESC RANGE BETWEEN 0.5 FOLLOWING AND UNBOUNDED FOLLOWING",
    )
    counts = {("nan" if x != x else x): c for x, c in check.rows(desc)}
    assert counts == {inf: 7, 2.5: 5, 2.0: 4, 1.0: 3, -inf: 3, "nan": 2, None: 1}
    # a parameter offset could reach the special values' places: refused
    with pytest.raises(UnsupportedError, match="is not supported offline: BigQuery sorts NaN"):
        check.sql(sql.replace("AND 1 PRECEDING", "AND @p PRECEDING"))


def test_offset_range_over_int64_reaches_past_int64s_ends(check) -> None:
    # a RANGE frame is the rows within the offset of the current row's key: an offset as
    # large as INT64's maximum is allowed, and the bound key - offset is not an INT64
    # (window-function-calls#def_window_frame); GoogleSQL's reference evaluator agrees
    sql = (
        "SELECT x, COUNT(*) OVER (ORDER BY x RANGE BETWEEN 9223372036854775807 PRECEDING "
        "AND 1 PRECEDING) AS c FROM UNNEST([-9223372036854775808, -5, 0, 9223372036854775807]) "
        "AS x ORDER BY x"
    )
    assert check.rows(sql) == [
        (-9223372036854775808, 0),
        (-5, 1),
        (0, 1),
        (9223372036854775807, 1),
    ]
    assert "range-frame-wide-keys" in check.rules(sql)
    desc = (
        "SELECT x, MIN(x) OVER (ORDER BY x DESC RANGE BETWEEN CURRENT ROW AND "
        "9223372036854775807 FOLLOWING) AS m FROM UNNEST([-9223372036854775807, -7, 2, "
        "9223372036854775806]) AS x ORDER BY x"
    )
    # DESC: FOLLOWING is the smaller keys; the result keeps INT64
    assert check.rows(desc) == [
        (-9223372036854775807, -9223372036854775807),
        (-7, -9223372036854775807),
        (2, -7),
        (9223372036854775806, 2),
    ]
    assert check.type(desc.replace("SELECT x, MIN", "SELECT MIN")) == "INT64"


def test_day_number_keys_keep_their_int64_sort(check) -> None:
    # UNIX_DATE is a count of days (DATE spans 0001-01-01..9999-12-31: about 3.7 million
    # days either way, data-types#date_type), so key +- a literal offset cannot overflow and
    # the key is not widened: the Pulp queries' "persistent systems" windows keep INT64 keys
    sql = (
        "SELECT d, COUNT(*) OVER (ORDER BY UNIX_DATE(d) RANGE BETWEEN 13 PRECEDING AND "
        "CURRENT ROW) AS c FROM UNNEST([DATE '2026-11-01', DATE '2026-11-10', "
        "DATE '2026-11-20', DATE '9999-12-31']) AS d ORDER BY d"
    )
    assert check.rows(sql) == [
        (date(2026, 11, 1), 1),
        (date(2026, 11, 10), 2),
        (date(2026, 11, 20), 2),
        (date(9999, 12, 31), 1),
    ]
    assert "range-frame-wide-keys" not in check.rules(sql)
    # an offset past 2^62 still widens (UNIX_DATE(d) + 2^63 - 1 would overflow INT64);
    # both results as GoogleSQL's reference evaluator gives them
    huge = sql.replace("13 PRECEDING", "9223372036854775807 PRECEDING")
    assert "range-frame-wide-keys" in check.rules(huge)
    assert check.rows(huge) == [
        (date(2026, 11, 1), 1),
        (date(2026, 11, 10), 2),
        (date(2026, 11, 20), 3),
        (date(9999, 12, 31), 4),
    ]


def test_offset_range_over_floats_near_the_double_range(check) -> None:
    # -1.5e308 - 1.6e308 is past the double range, and -inf is not within 1.6e308 of
    # -1.5e308: the -inf row is a frame of its own peers only (window-function-calls
    # #def_window_frame); GoogleSQL's reference evaluator agrees
    sql = (
        "SELECT x, COUNT(*) OVER (ORDER BY x RANGE BETWEEN 1.6e308 PRECEDING AND CURRENT ROW) "
        "AS c FROM UNNEST([-1.5e308, CAST('-inf' AS FLOAT64), 0.5, 2e307]) AS x ORDER BY x"
    )
    assert check.rows(sql) == [(-math.inf, 1), (-1.5e308, 1), (0.5, 2), (2e307, 2)]
    assert "range-frame-float-bounds" in check.rules(sql)
    desc = (
        "SELECT x, SUM(x) OVER (ORDER BY x DESC RANGE BETWEEN 1.6e308 PRECEDING AND 1.0 "
        "PRECEDING) AS s FROM UNNEST([1.5e308, CAST('inf' AS FLOAT64), 0.5, -1e307]) AS x "
        "ORDER BY x"
    )
    # DESC: PRECEDING is the larger keys; 1.5e308 + 1.0 is 1.5e308 in double, its own frame
    assert check.rows(desc) == [
        (-1e307, 1.4e308),
        (0.5, 1.5e308),
        (1.5e308, 1.5e308),
        (math.inf, math.inf),
    ]
    small = "SELECT SUM(x) OVER (ORDER BY x RANGE 1.5 PRECEDING) FROM UNNEST([1.5]) AS x"
    assert "range-frame-float-bounds" not in check.rules(small)


def test_offset_range_over_numeric_near_its_ends(check) -> None:
    # DuckDB's DECIMAL(38, 9) key plus the offset overflowed at NUMERIC's largest values;
    # DESC: 2 PRECEDING is up to 2 above, 0.5 FOLLOWING down to 0.5 below (the reference
    # evaluator gives these counts)
    from decimal import Decimal

    sql = (
        "SELECT x, COUNT(*) OVER (ORDER BY x DESC RANGE BETWEEN 2 PRECEDING AND 0.5 FOLLOWING) "
        "AS c FROM UNNEST([NUMERIC '99999999999999999999999999999.999999999', "
        "NUMERIC '99999999999999999999999999998.5', NUMERIC '3.25', NUMERIC '2.75', "
        "NUMERIC '-99999999999999999999999999999.999999999']) AS x ORDER BY x"
    )
    assert check.rows(sql) == [
        (Decimal("-99999999999999999999999999999.999999999"), 1),
        (Decimal("2.75"), 2),
        (Decimal("3.25"), 2),
        (Decimal("99999999999999999999999999998.5"), 2),
        (Decimal("99999999999999999999999999999.999999999"), 1),
    ]
    assert "range-frame-wide-keys" in check.rules(sql)


def test_integer_keys_and_rows_frames_are_untouched(check) -> None:
    sql = (
        "SELECT x, SUM(x) OVER (ORDER BY x RANGE BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) "
        "AS s FROM UNNEST([1, 2, 4]) AS x ORDER BY x"
    )
    assert check.rows(sql) == [(1, None), (2, 1), (4, 3)]
    rows = "SELECT SUM(x) OVER (ORDER BY x ROWS 1 PRECEDING) AS s FROM UNNEST([1.5]) AS x"
    assert "range-frame-keys" not in check.rules(rows)


# LAG/LEAD: "offset must be a non-negative integer literal or parameter", the default "must
# be a constant expression" of a type compatible with the value; the templated signature
# gives the result the supertype of both (GoogleSQL's reference evaluator: FLOAT64 for an
# INT64 value with a FLOAT64 default).
# https://cloud.google.com/bigquery/docs/reference/standard-sql/navigation_functions#lag
# https://cloud.google.com/bigquery/docs/reference/standard-sql/navigation_functions#lead
def test_lag_lead_default_takes_the_supertype(check) -> None:
    sql = "SELECT LEAD(o, 1, 0.5) OVER (ORDER BY o) AS n FROM UNNEST([4, 7]) AS o ORDER BY o"
    assert check.rows(sql) == [(7.0,), (0.5,)]
    assert check.type(sql) == "FLOAT64"
    assert "navigation-arguments" in check.rules(sql)
    same = "SELECT LAG(o, 1, -1) OVER (ORDER BY o) FROM UNNEST([4, 7]) AS o ORDER BY o"
    assert check.rows(same) == [(-1,), (4,)] and check.type(same) == "INT64"


@pytest.mark.parametrize(
    ("call", "message"),
    [
        ("LAG(o, -2)", "The offset to the function LAG must not be negative"),
        ("LEAD(o, -1, 0)", "The offset to the function LEAD must not be negative"),
        ("LAG(o, o)", "The second argument (the offset) to LAG must be constant"),
        ("LEAD(o, 1, o)", "The third argument (the default expression) to LEAD must be constant"),
    ],
)
def test_lag_lead_argument_errors(check, call: str, message: str) -> None:
    from wbcore.errors import UserError

    with pytest.raises(UserError, match=re.escape(message)):
        check.rows(f"SELECT {call} OVER (ORDER BY o) FROM UNNEST([1, 2]) AS o")


def test_lag_offset_zero_is_the_current_row(check) -> None:
    sql = "SELECT LAG(o, 0) OVER (ORDER BY o) FROM UNNEST([3, 5]) AS o ORDER BY o"
    assert check.rows(sql) == [(3,), (5,)]


# HAVING MAX/MIN (aggregate-function-calls) and PERCENTILE_CONT/DISC RESPECT NULLS
# (navigation_functions#percentile_cont: NULLs sort first) have no DuckDB form: refused.
# https://cloud.google.com/bigquery/docs/reference/standard-sql/aggregate-function-calls
@pytest.mark.parametrize(
    ("sql", "construct"),
    [
        ("SELECT SUM(x HAVING MAX y) FROM UNNEST([STRUCT(1 AS x, 2 AS y)])", "HAVING MAX"),
        ("SELECT ARRAY_AGG(x HAVING MIN y) FROM UNNEST([STRUCT(1 AS x, 2 AS y)])", "HAVING MIN"),
        (
            "SELECT PERCENTILE_CONT(x, NUMERIC '0.5' RESPECT NULLS) OVER () "
            "FROM UNNEST([NUMERIC '1', NULL]) x",
            "PERCENTILE_CONT with RESPECT NULLS of NUMERIC",
        ),
    ],
)
def test_modifiers_without_duckdb_form_are_refused(check, sql: str, construct: str) -> None:
    with pytest.raises(UnsupportedError, match=f"^.*{construct}.* is not supported offline: "):
        check.rows(sql)


# PARTITION BY / ORDER BY of a window take any expression (window-function-calls#def_over_
# clause); MOD and SUBSTR keep their errors there ("MOD: division by zero").
# https://cloud.google.com/bigquery/docs/reference/standard-sql/window-function-calls
# https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#mod
def test_window_keys_with_run_time_checks(check) -> None:
    sql = (
        "SELECT x, ROW_NUMBER() OVER (PARTITION BY MOD(x, 3) ORDER BY x) AS r "
        "FROM UNNEST([4, 5, 7, 8]) AS x ORDER BY x"
    )
    assert check.rows(sql) == [(4, 1), (5, 1), (7, 2), (8, 2)]
    assert "stable-window-keys" in check.rules(sql)
    prefix = (
        "SELECT s, COUNT(*) OVER (PARTITION BY SUBSTR(s, 1, 1)) AS n "
        "FROM UNNEST(['ab', 'ac', 'b']) AS s ORDER BY s"
    )
    assert check.rows(prefix) == [("ab", 2), ("ac", 2), ("b", 1)]
    ordered = "SELECT x, RANK() OVER (ORDER BY DIV(x, 2)) FROM UNNEST([1, 2, 3]) x ORDER BY x"
    assert check.rows(ordered) == [(1, 1), (2, 2), (3, 2)]
    from wbcore.errors import UserError

    with pytest.raises(UserError, match="division by zero"):
        check.rows("SELECT COUNT(*) OVER (PARTITION BY MOD(x, x - 2)) FROM UNNEST([1, 2]) x")


def test_infinite_parameter_offset_meeting_an_infinite_key(check) -> None:
    # -inf + inf has no value: GoogleSQL raises "Offset value cannot be positive infinity
    # when there exists a negative infinity order key ..." (compliance
    # analytic_window_frames.test, range_window_inf_offset_11); DuckDB's NaN bound gave rows
    from wbcore.errors import UserError

    values = "UNNEST([2.5, CAST('-inf' AS FLOAT64), 7.0]) AS x"
    sql = f"SELECT x, COUNT(*) OVER w AS c FROM {values} WINDOW w AS (ORDER BY x RANGE BETWEEN @o FOLLOWING AND 100 FOLLOWING)"
    message = "negative infinity order key for an offset FOLLOWING on an ascending partition"
    with pytest.raises(UserError, match=message):
        check.wb.arrow(sql, {"o": float("inf")})
    # a finite parameter offset: 2.5 + 4 reaches 7 only; -inf + 4 is -inf, its own peer
    # (the reference evaluator, with the offset 4 written as a literal)
    rows = check.wb.arrow(sql, {"o": 4.0}).to_pylist()
    assert {r["x"]: r["c"] for r in rows} == {2.5: 1, float("-inf"): 1, 7.0: 0}
