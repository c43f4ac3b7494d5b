"""Rule format-elements: the zone elements %z, %Ez and %Z of FORMAT_TIMESTAMP.

https://cloud.google.com/bigquery/docs/reference/standard-sql/format-elements#format_elements_date_time
(%z: the offset from the Prime Meridian as +HHMM or -HHMM; %Ez: +HH:MM; %Z: the time zone
name). The name as printed (UTC, then the offset: UTC+2, UTC-0330) and the elements a
DATETIME prints as written are GoogleSQL's reference evaluator's (zetasql 0.1.5).
"""

from __future__ import annotations

import pytest

TS = "TIMESTAMP '2024-07-29 12:34:56+00'"
WINTER = "TIMESTAMP '2024-01-29 12:34:56+00'"


@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        (f"FORMAT_TIMESTAMP('%z', {TS})", "+0000"),  # DuckDB's strftime printed +00
        (f"FORMAT_TIMESTAMP('%Z', {TS})", "UTC"),
        (f"FORMAT_TIMESTAMP('%c %Z', {TS}, 'UTC')", "Mon Jul 29 12:34:56 2024 UTC"),
        (f"FORMAT_TIMESTAMP('%z|%Ez|%Z', {TS}, 'Asia/Kolkata')", "+0530|+05:30|UTC+0530"),
        (f"FORMAT_TIMESTAMP('%z|%Z', {TS}, 'America/Los_Angeles')", "-0700|UTC-7"),
        (f"FORMAT_TIMESTAMP('%z|%Z', {WINTER}, 'America/Los_Angeles')", "-0800|UTC-8"),
        (f"FORMAT_TIMESTAMP('%z|%Z', {WINTER}, 'America/St_Johns')", "-0330|UTC-0330"),
        (f"FORMAT_TIMESTAMP('%Ez|%Z', {WINTER}, 'Pacific/Chatham')", "+13:45|UTC+1345"),
        (f"FORMAT_TIMESTAMP('%F %T %Ez', {TS}, '-08')", "2024-07-29 04:34:56 -08:00"),
        # New York's local mean time before 1883, -04:56:02: whole minutes
        (
            "FORMAT_TIMESTAMP('%z|%Z', TIMESTAMP '0001-01-01 00:00:00+00', 'America/New_York')",
            "-0456|UTC-0456",
        ),
        ("FORMAT_TIMESTAMP('%Z', CAST(NULL AS TIMESTAMP), 'Asia/Kolkata')", None),
        # a DATETIME has no zone: the elements are printed as written (DuckDB: +00)
        ("FORMAT_DATETIME('%Z|%z|%Ez', DATETIME '2024-07-29 12:34:56')", "%Z|%z|%Ez"),
        ("FORMAT_DATE('%Z|%z|%Ez', DATE '2024-07-29')", "%Z|%z|%Ez"),
    ],
)
def test_zone_elements(check, sql: str, expected: str | None) -> None:
    assert check.value(f"SELECT {sql}") == expected


def test_year_ten_thousand_in_a_zone_east_of_utc(check) -> None:
    # 9999-12-31 23:59:59.999999 UTC is 10000-01-01 in +05:30: GoogleSQL's reference
    # evaluator prints %F's and %c's year as +10000, %Y as 10000 and %C as 100
    sql = "SELECT FORMAT_TIMESTAMP('%Y|%F|%C', TIMESTAMP '9999-12-31 23:59:59.999999+00', '+05:30')"
    assert check.value(sql) == "10000|+10000-01-01|100"
    assert check.value("SELECT FORMAT_DATE('%C', DATE '0001-01-01')") == "00"
