"""Local times in named zones (rules/zone_local.py): a repeated local time is the earlier
instant, TIMESTAMP_TRUNC below a day truncates the zone's time of day, and a zone name no
zone has is BigQuery's error, not DuckDB's NotImplementedException."""

from __future__ import annotations

import datetime as dt

import pytest

from wbcore.errors import UserError

UTC = dt.UTC


def test_a_time_the_clocks_show_twice_is_the_earlier_instant(check) -> None:
    # https://cloud.google.com/bigquery/docs/reference/standard-sql/data-types#time_zones
    # (GoogleSQL's reference evaluator: the offset before the change); DuckDB's ICU took the
    # later instant, an hour late. New York went back from -04 to -05 at 2:00 on 2019-11-03.
    earlier = dt.datetime(2019, 11, 3, 5, 40, tzinfo=UTC)
    assert check.value("SELECT TIMESTAMP '2019-11-03 01:40:00 America/New_York'") == earlier
    text = "SELECT CAST(s AS TIMESTAMP) FROM UNNEST(['2019-11-03 01:40:00 America/New_York']) s"
    assert check.value(text) == earlier
    assert check.value("SELECT TIMESTAMP('2019-11-03 01:40:00', 'America/New_York')") == earlier
    value = check.value(
        "SELECT PARSE_TIMESTAMP('%Y-%m-%d %H:%M', '2019-11-03 01:40', 'America/New_York')"
    )
    assert value == earlier
    # Lord Howe goes back half an hour (+11 to +10:30, 2019-04-07 02:00)
    value = check.value("SELECT TIMESTAMP(DATETIME '2019-04-07 01:50:00', 'Australia/Lord_Howe')")
    assert value == dt.datetime(2019, 4, 6, 14, 50, tzinfo=UTC)
    # the same text with its offset, and a time shown once, are unchanged
    later = dt.datetime(2019, 11, 3, 6, 40, tzinfo=UTC)
    assert check.value("SELECT TIMESTAMP '2019-11-03 01:40:00-05'") == later
    value = check.value("SELECT TIMESTAMP('2019-11-03 02:40:00', 'America/New_York')")
    assert value == dt.datetime(2019, 11, 3, 7, 40, tzinfo=UTC)


def test_timestamp_trunc_below_a_day_in_a_zone(check) -> None:
    # timestamp_functions#timestamp_trunc: the time_zone applies to every granularity; an
    # hour in Kathmandu (+05:45) starts at :15 UTC. DuckDB truncated HOUR in UTC.
    ts = "TIMESTAMP '2019-11-03 06:50:00+00'"
    value = check.value(f"SELECT TIMESTAMP_TRUNC({ts}, HOUR, 'Asia/Kathmandu')")
    assert value == dt.datetime(2019, 11, 3, 6, 15, tzinfo=UTC)
    value = check.value(f"SELECT TIMESTAMP_TRUNC({ts}, MINUTE, 'Asia/Kolkata')")
    assert value == dt.datetime(2019, 11, 3, 6, 50, tzinfo=UTC)
    # within New York's repeated hour the offset is kept (01:50 EDT → 01:00 EDT)
    value = check.value(
        "SELECT TIMESTAMP_TRUNC(TIMESTAMP '2019-11-03 05:50:00+00', HOUR, 'America/New_York')"
    )
    assert value == dt.datetime(2019, 11, 3, 5, tzinfo=UTC)


@pytest.mark.parametrize(
    "sql",
    [
        "SELECT FORMAT_TIMESTAMP('%F', TIMESTAMP '2019-01-01', 'Nowhere/Land')",
        "SELECT EXTRACT(HOUR FROM TIMESTAMP '2019-01-01' AT TIME ZONE 'Nowhere/Land')",
        "SELECT PARSE_TIMESTAMP('%Y', '2019', '')",
        "SELECT TIMESTAMP('2019-01-01', 'Redmond, WA')",
    ],
    ids=["format", "extract", "parse-empty", "timestamp"],
)
def test_an_unknown_zone_name_is_bigquerys_error(check, sql: str) -> None:
    # data-types#time_zones; GoogleSQL raises "Invalid time zone" where the call runs.
    # DuckDB raised a NotImplementedException the workbench could only call a failure
    with pytest.raises(UserError, match="Invalid time zone"):
        check.value(sql)


def test_parse_timestamp_with_epoch_seconds_is_refused(check) -> None:
    # timestamp_functions#parse_timestamp reads %s; DuckDB's strptime has no %s (a raw
    # failure), so it is refused by name; a literal '%%s' is no element
    from workbench.translate import UnsupportedError

    with pytest.raises(UnsupportedError, match="is not supported offline"):
        check.value("SELECT PARSE_TIMESTAMP('%s', '1591014896')")
    assert check.value("SELECT PARSE_TIMESTAMP('%Y %%s', '2020 %s')") == dt.datetime(
        2020, 1, 1, tzinfo=UTC
    )


@pytest.mark.parametrize(
    ("value", "zone", "expected"),
    [
        # the ISO year's first midnight in the zone (GoogleSQL's reference evaluator); sqlglot
        # truncated by ISOYEAR in UTC (2017-01-02 00:00 UTC)
        ("2017-11-06 00:00:00+12", "Pacific/Auckland", "2017-01-01 11:00:00+00"),
        ("2021-01-03 23:00:00+00", "Asia/Tokyo", "2021-01-03 15:00:00+00"),
        ("2021-01-04 03:00:00+00", "America/Los_Angeles", "2019-12-30 08:00:00+00"),
        ("2017-11-06 00:00:00+12", "-05", "2017-01-02 05:00:00+00"),
    ],
)
def test_isoyear_truncation_in_a_zone(check, value: str, zone: str, expected: str) -> None:
    sql = f"SELECT CAST(TIMESTAMP_TRUNC(TIMESTAMP '{value}', ISOYEAR, '{zone}') AS STRING)"
    assert check.value(sql) == expected


def test_isoyear_truncation_before_year_one_raises(check) -> None:
    with pytest.raises(UserError, match="out of range"):
        check.value("SELECT TIMESTAMP_TRUNC(TIMESTAMP '0001-01-01 05:00:00+00', ISOYEAR, '+03')")
