"""Time zones as UTC offsets and the calls sqlglot writes only for the zone names it lists
(rules/zones.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from wbcore.errors import UserError

UTC = dt.UTC


def test_a_utc_offset_is_a_time_zone(check) -> None:
    # https://cloud.google.com/bigquery/docs/reference/standard-sql/data-types#time_zones
    # (a time zone is a name or an offset from UTC: '-08', '+05:30'); DuckDB's ICU zones
    # refused a bare offset with a raw NotImplementedException
    ts = "TIMESTAMP '2021-01-03 20:00:00+00'"
    assert check.value(f"SELECT DATE({ts}, '+05:30')") == dt.date(2021, 1, 4)
    assert check.value(f"SELECT DATE({ts}, '-08')") == dt.date(2021, 1, 3)
    assert check.value(f"SELECT EXTRACT(HOUR FROM {ts} AT TIME ZONE '+05:30')") == 1
    assert check.value(f"SELECT FORMAT_TIMESTAMP('%H:%M', {ts}, '-08')") == "12:00"
    trunc = check.value(f"SELECT TIMESTAMP_TRUNC({ts}, DAY, '+05:30')")
    assert trunc == dt.datetime(2021, 1, 3, 18, 30, tzinfo=UTC)


def test_timestamp_and_datetime_with_any_zone(check) -> None:
    # https://cloud.google.com/bigquery/docs/reference/standard-sql/timestamp_functions#timestamp
    # (TIMESTAMP(string, time_zone): the text read in that zone; a zone inside the text
    # beside the argument is an error) and datetime_functions#datetime (DATETIME(timestamp,
    # time_zone)); sqlglot wrote them only for the zone names it lists (a raw Parser Error)
    value = check.value("SELECT TIMESTAMP('1970-01-01 00:00:00', '-08')")
    assert value == dt.datetime(1970, 1, 1, 8, tzinfo=UTC)
    value = check.value("SELECT TIMESTAMP('2024-02-29 12:34:56', 'Asia/Kolkata')")
    assert value == dt.datetime(2024, 2, 29, 7, 4, 56, tzinfo=UTC)
    value = check.value("SELECT TIMESTAMP(DATETIME '1970-01-01 00:00:00', '+05:30')")
    assert value == dt.datetime(1969, 12, 31, 18, 30, tzinfo=UTC)
    assert check.value("SELECT TIMESTAMP(CAST(NULL AS DATETIME), '-08')") is None
    with pytest.raises(UserError):
        check.value("SELECT TIMESTAMP('2024-02-29 12:34:56Z', 'America/Los_Angeles')")
    value = check.value("SELECT DATETIME(TIMESTAMP '2021-01-03 08:00:00+00', '+05:30')")
    assert value == dt.datetime(2021, 1, 3, 13, 30)
    value = check.value("SELECT DATETIME(DATE '2021-01-03', TIME '12:00:00')")
    assert value == dt.datetime(2021, 1, 3, 12)


def test_date_trunc_of_a_timestamp_keeps_its_zone(check) -> None:
    # https://cloud.google.com/bigquery/docs/reference/standard-sql/timestamp_functions#timestamp_trunc
    # (DATE_TRUNC of a TIMESTAMP is TIMESTAMP_TRUNC; the day starts in the zone given);
    # sqlglot dropped the zone: midnight UTC
    ts = "TIMESTAMP '2021-01-03 02:00:00+00'"
    value = check.value(f"SELECT DATE_TRUNC({ts}, DAY, 'America/New_York')")
    assert value == dt.datetime(2021, 1, 2, 5, tzinfo=UTC)
    value = check.value(f"SELECT DATE_TRUNC({ts}, DAY, '-08')")
    assert value == dt.datetime(2021, 1, 2, 8, tzinfo=UTC)


def test_extract_at_time_zone_of_null_is_int64(check) -> None:
    # timestamp_functions#extract: INT64; DuckDB typed the NULL constant's part a DOUBLE
    sql = "SELECT EXTRACT(HOUR FROM CAST(NULL AS TIMESTAMP) AT TIME ZONE 'Europe/Berlin')"
    assert check.type(sql) == "INT64"


def test_a_zone_that_moves_a_value_out_of_range_is_an_error(check) -> None:
    # data-types#timestamp_type (0001-01-01 00:00:00 to 9999-12-31 23:59:59.999999 UTC);
    # the reference evaluator: "Invalid date extracted from timestamp 0000-12-31 16:08:00"
    for sql in (
        "DATE(TIMESTAMP '0001-01-01 00:00:00+00', 'America/Los_Angeles')",
        "TIMESTAMP(DATETIME '9999-12-31 23:59:59.999999', '-08')",
        "DATETIME(TIMESTAMP '9999-12-31 23:59:59.999999+00', 'Asia/Kolkata')",
    ):
        with pytest.raises(UserError, match="failed"):
            check.value(f"SELECT {sql}")
    assert check.value("SELECT DATE(CAST(NULL AS TIMESTAMP), 'UTC')") is None
