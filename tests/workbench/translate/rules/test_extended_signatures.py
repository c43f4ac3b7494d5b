"""DATE_/DATETIME_ functions of a TIMESTAMP, DATE_TRUNC of a DATETIME by week
(rules/extended_signatures.py)."""

from __future__ import annotations

import datetime as dt

UTC = dt.UTC
TS = "TIMESTAMP '2003-04-05 06:07:08+00'"


def test_datetime_trunc_of_a_timestamp_is_timestamp_trunc(check) -> None:
    # https://cloud.google.com/bigquery/docs/reference/standard-sql/datetime_functions#datetime_trunc
    # (GoogleSQL's reference evaluator: a TIMESTAMP, the zone read); DuckDB gave a DATETIME
    assert check.type(f"SELECT DATETIME_TRUNC({TS}, MONTH)") == "TIMESTAMP"
    value = check.value(f"SELECT DATETIME_TRUNC({TS}, HOUR, 'Asia/Kathmandu')")
    assert value == dt.datetime(2003, 4, 5, 5, 15, tzinfo=UTC)
    value = check.value(f"SELECT DATE_TRUNC({TS}, WEEK)")
    assert value == dt.datetime(2003, 3, 30, tzinfo=UTC)


def test_date_diff_of_timestamps_counts_24_hour_days(check) -> None:
    # date_functions#date_diff of TIMESTAMPs is TIMESTAMP_DIFF: 18 hours are 0 days (DuckDB
    # counted one date boundary)
    later, earlier = "TIMESTAMP '2003-04-05 06:00:00+00'", "TIMESTAMP '2003-04-04 12:00:00+00'"
    assert check.value(f"SELECT DATE_DIFF({later}, {earlier}, DAY)") == 0
    assert check.value(f"SELECT DATE_DIFF(DATE({later}), DATE({earlier}), DAY)") == 1


def test_format_datetime_of_a_timestamp_reads_the_zone(check) -> None:
    # datetime_functions#format_datetime of a TIMESTAMP with a zone is FORMAT_TIMESTAMP's;
    # the zone was dropped
    value = check.value(f"SELECT FORMAT_DATETIME('%Y-%m-%d %H:%M', {TS}, 'Europe/Paris')")
    assert value == "2003-04-05 08:07"
    assert check.value(f"SELECT FORMAT_DATETIME('%H:%M', {TS})") == "06:07"


def test_date_trunc_of_a_datetime_by_week_is_a_datetime(check) -> None:
    # datetime_functions#datetime_trunc: the result has the argument's type; DuckDB's week
    # truncation gave a DATE
    dtm = "DATETIME '2003-04-05 06:07:08'"
    assert check.type(f"SELECT DATE_TRUNC({dtm}, WEEK)") == "DATETIME"
    assert check.value(f"SELECT DATETIME_TRUNC({dtm}, WEEK)") == dt.datetime(2003, 3, 30)
    assert check.value(f"SELECT DATE_TRUNC({dtm}, WEEK(MONDAY))") == dt.datetime(2003, 3, 31)
    assert check.type("SELECT DATE_TRUNC(DATE '2003-04-05', WEEK)") == "DATE"
