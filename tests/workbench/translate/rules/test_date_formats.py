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


# %E and %O elements (format-elements), as GoogleSQL's reference evaluator prints them:
# https://cloud.google.com/bigquery/docs/reference/standard-sql/format-elements
# (%E<number>S: seconds with <number> digits of fraction; %E*S: the full fraction; %E4Y:
# four-character years; %Ec/%EC/%Ex/%EX/%Ey/%EY and %O*: the C locale's alternatives).
@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        ("FORMAT_TIME('%E*S', TIME '13:04:05')", "05"),
        ("FORMAT_TIME('%E*S', TIME '13:04:05.1')", "05.1"),
        ("FORMAT_TIME('%E*S', TIME '13:04:05.000001')", "05.000001"),
        ("FORMAT_TIME('%E0S|%E1S|%E3S', TIME '13:04:05.99')", "05|05.9|05.990"),
        ("FORMAT_TIME('%E6S', TIME '13:04:05.123456')", "05.123456"),  # sqlglot: %S.%f
        ("FORMAT_TIME('%H:%M:%E6S', TIME '13:04:05.25')", "13:04:05.250000"),
        ("FORMAT_TIME('%E9S|%E12S', TIME '13:04:05.25')", "05.250000000|05.250000000000"),
        (
            "FORMAT_DATETIME('%E7S|%E*S|%E2S', DATETIME '2012-01-03 13:04:05.25')",
            "05.2500000|05.25|05.25",
        ),
        (
            "FORMAT_TIMESTAMP('%E*S|%E3S', TIMESTAMP '2012-01-03 13:04:05.25+00', 'Asia/Kolkata')",
            "05.25|05.250",
        ),
        ("FORMAT_DATE('%E4Y|%EY|%Y', DATE '0012-01-01')", "0012|0012|12"),
        ("FORMAT_TIMESTAMP('%E4Y', TIMESTAMP '9999-12-31 23:00:00+00', '+14')", "10000"),
        (
            "FORMAT_DATETIME('%Ec|%EC|%Ex|%EX|%Ey', DATETIME '0012-01-03 13:04:05.25')",
            "Tue Jan  3 13:04:05 0012|00|01/03/12|13:04:05|12",
        ),
        (
            "FORMAT_DATETIME('%Od|%Oe|%OH|%OI|%Om|%OM|%OS|%Ou|%OU|%OV|%Ow|%OW|%Oy', "
            "DATETIME '2012-01-03 13:04:05.25')",
            "03| 3|13|01|01|04|05|2|01|01|2|01|12",
        ),
        # elements the type lacks are printed as written
        ("FORMAT_DATE('%E*S|%E3S|%Ez', DATE '2012-01-01')", "%E*S|%E3S|%Ez"),
        ("FORMAT_TIME('%E4Y|%Od', TIME '13:00:00')", "%E4Y|%Od"),
        ("FORMAT_TIME('%r', TIME '13:04:05')", "01:04:05 PM"),
        ("FORMAT_TIME('%E*S', CAST(NULL AS TIME))", None),
        # a '%' that ends the format is printed as it is (DuckDB's strftime failed on it)
        ("FORMAT_DATE('100%% %', DATE '2021-01-01')", "100% %"),
        ("FORMAT_DATE('%', DATE '2021-01-01')", "%"),
    ],
)
def test_modified_elements(check, sql: str, expected: str | None) -> None:
    assert check.value(f"SELECT {sql}") == expected


def test_unknown_modified_element_is_refused(check) -> None:
    from workbench.translate import UnsupportedError

    with pytest.raises(UnsupportedError, match="format element %Oq"):
        check.sql("SELECT FORMAT_DATE('%Oq', DATE '2012-01-01')")


# parse-elements: PARSE_* elements as GoogleSQL's reference evaluator reads them
# https://cloud.google.com/bigquery/docs/reference/standard-sql/format-elements
@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        ("PARSE_TIME('%H:%M:%E*S', '07:30:00')", "07:30:00"),
        ("PARSE_TIME('%H:%M:%E*S', '07:30:00.5')", "07:30:00.500"),
        ("PARSE_TIME('%H:%M:%E3S', '07:30:00.5')", "07:30:00.500"),
        ("PARSE_TIME('%H:%M:%E3S', '07:30:00')", "07:30:00"),
        ("PARSE_TIME('%H:%M:%E6S', '07:30:00')", "07:30:00"),  # the fraction is optional
        ("PARSE_TIME('%H:%M:%E0S', '07:30:00')", "07:30:00"),
        ("SAFE.PARSE_TIME('%H:%M:%E3S', '07:30:00.12345')", None),  # more than 3 digits
        ("SAFE.PARSE_TIME('%H:%M:%E*S', '07:30:00.')", None),
        (
            "PARSE_DATETIME('%Y-%m-%d %H:%M:%E*S', '2020-01-01 07:30:05.25')",
            "2020-01-01 07:30:05.250",
        ),
        ("PARSE_DATETIME('%H:%M:%E*S', '07:30:05.25')", "1970-01-01 07:30:05.250"),  # year 1970
        ("PARSE_DATE('%Y%n%m%t%d', '2020\\n01\\t05')", "2020-01-05"),
        ("PARSE_DATE('%h %d %Y', 'Feb 02 2020')", "2020-02-02"),
        ("PARSE_TIME('%R', '13:04')", "13:04:00"),
        ("PARSE_TIME('%r', '01:04:05 PM')", "13:04:05"),
        (
            "PARSE_TIMESTAMP('%Y-%m-%d %H:%M:%E*S', '2008-12-25 07:30:00.5', 'Asia/Tokyo')",
            "2008-12-24 22:30:00.500+00",
        ),
    ],
)
def test_parse_elements(check, sql: str, expected: str | None) -> None:
    assert check.value(f"SELECT CAST({sql} AS STRING)") == expected


@pytest.mark.parametrize(
    "sql",
    [
        "PARSE_DATE('%g', '20')",  # DuckDB: milliseconds; BigQuery: the ISO year's digits
        "PARSE_DATE('%Y %u', '2020 3')",  # DuckDB reads it; BigQuery fails
        "PARSE_DATE('%C%y', '2011')",
        "PARSE_DATE('%Q %Y', '2 2020')",
        "PARSE_TIME('%H:%M:%E2S', '07:30:00.5')",  # DuckDB's %g would read 3 digits
        "PARSE_DATETIME('%s', '1230000000')",
        "PARSE_DATE('%Oy', '20')",
    ],
)
def test_parse_elements_refused(check, sql: str) -> None:
    from workbench.translate import UnsupportedError

    with pytest.raises(UnsupportedError, match="format element"):
        check.sql(f"SELECT {sql}")
