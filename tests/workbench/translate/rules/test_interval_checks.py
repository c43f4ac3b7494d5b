"""INTERVAL values where BigQuery raises (rules/interval_checks.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from wbcore.errors import UserError


@pytest.mark.parametrize(
    "sql",
    [
        "SELECT CAST(INTERVAL 10001 YEAR AS STRING)",
        "SELECT CAST(INTERVAL -3660001 DAY AS STRING)",
        "SELECT CAST(INTERVAL 87840001 HOUR AS STRING)",
        "SELECT CAST(INTERVAL n MONTH AS STRING) FROM UNNEST([120001]) AS n",
    ],
    ids=["years", "days", "hours", "months-at-run-time"],
)
def test_an_interval_past_ten_thousand_years_is_an_error(check, sql: str) -> None:
    # https://cloud.google.com/bigquery/docs/reference/standard-sql/data-types#interval_type
    # (-10000 to 10000 years); DuckDB held INTERVAL 10001 YEAR
    with pytest.raises(UserError):
        check.value(sql)


def test_an_interval_at_the_limits_is_a_value(check) -> None:
    assert check.value("SELECT CAST(INTERVAL -10000 YEAR AS STRING)") == "-10000-0 0 0:0:0"
    text = "SELECT CAST(INTERVAL n HOUR AS STRING) FROM UNNEST([87840000]) AS n"
    assert check.value(text) == "0-0 0 87840000:0:0"
    # GENERATE_DATE_ARRAY's INTERVAL n DAY is a count and a part, not an INTERVAL value
    value = check.value("SELECT GENERATE_DATE_ARRAY('2020-01-01', '2020-01-02', INTERVAL 1 DAY)")
    assert value == [dt.date(2020, 1, 1), dt.date(2020, 1, 2)]


@pytest.mark.parametrize(
    "sql",
    [
        "SELECT TIMESTAMP '2020-01-31 00:00:00+00' + INTERVAL 1 MONTH",
        "SELECT INTERVAL 1 YEAR + TIMESTAMP '2020-01-31 00:00:00+00'",
        "SELECT t - i FROM UNNEST([STRUCT(TIMESTAMP '2020-01-31' AS t, INTERVAL '1-0' YEAR TO MONTH AS i)])",
    ],
    ids=["plus", "interval-first", "minus-column"],
)
def test_timestamp_and_an_interval_with_months_is_an_error(check, sql: str) -> None:
    # operators#date_arithmetics_operators; GoogleSQL: "TIMESTAMP +/- INTERVAL is not supported
    # for intervals with non-zero MONTH or YEAR part". DuckDB added calendar months.
    with pytest.raises(UserError, match="MONTH or YEAR part"):
        check.value(sql)


def test_timestamp_and_an_interval_without_months(check) -> None:
    value = check.value(
        "SELECT TIMESTAMP '2020-01-31 00:00:00+00' + INTERVAL '0-0 1 2:0:0' YEAR TO SECOND"
    )
    assert value == dt.datetime(2020, 2, 1, 2, tzinfo=dt.UTC)
    # a DATE or DATETIME takes months
    value = check.value("SELECT DATETIME '2020-01-31 00:00:00' + INTERVAL 1 MONTH")
    assert value == dt.datetime(2020, 2, 29)
