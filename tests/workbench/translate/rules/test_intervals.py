"""Rules civil-differences and interval-text: DATE/DATETIME/TIMESTAMP/TIME differences are
INTERVALs as BigQuery forms them, and an INTERVAL's text is BigQuery's canonical form.

https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#date_arithmetics_operators
and #datetime_subtraction (the difference of two DATEs or TIMESTAMPs is an INTERVAL);
https://cloud.google.com/bigquery/docs/reference/standard-sql/data-types#interval_type
(canonical format Y-M D H:M:S[.F]). Where the pages give no example (a TIMESTAMP
difference in hours only, the signs of each part) GoogleSQL's reference evaluator (zetasql
0.1.5) answered.
"""

from __future__ import annotations

import pytest

from wbcore.errors import UserError


@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        ("CAST(DATE '2024-03-01' - DATE '2024-02-01' AS STRING)", "0-0 29 0:0:0"),
        ("CAST(DATE '2024-02-01' - DATE '2024-03-01' AS STRING)", "0-0 -29 0:0:0"),
        ("EXTRACT(DAY FROM DATE '2024-03-01' - DATE '2024-02-01')", 29),
        # a TIMESTAMP difference has no days: 28.5 days are 684 hours
        (
            "EXTRACT(DAY FROM TIMESTAMP '2024-03-01 00:00:00+00' - TIMESTAMP '2024-02-01 12:00:00+00')",
            0,
        ),
        (
            "EXTRACT(HOUR FROM TIMESTAMP '2024-03-01 00:00:00+00' - TIMESTAMP '2024-02-01 12:00:00+00')",
            684,
        ),
        (
            "CAST(DATETIME '2024-02-01 18:00:00' - DATETIME '2024-03-01 12:00:00' AS STRING)",
            "0-0 -28 -18:0:0",
        ),
        (
            "CAST(DATETIME '2024-03-01 00:00:00.5' - DATETIME '2024-03-01 00:00:00.75' AS STRING)",
            "0-0 0 -0:0:0.250",
        ),
        ("CAST(TIME '01:30:00' - TIME '12:00:00.25' AS STRING)", "0-0 0 -10:30:0.250"),
        ("CAST(INTERVAL -90 MINUTE AS STRING)", "0-0 0 -1:30:0"),
        ("CAST(INTERVAL 13 MONTH AS STRING)", "1-1 0 0:0:0"),
        ("CAST(INTERVAL 1 MILLISECOND AS STRING)", "0-0 0 0:0:0.001"),
        ("CAST(MAKE_INTERVAL(1, 2, 3, 4, 5, 6) AS STRING)", "1-2 3 4:5:6"),  # data-types example
        ("CAST(CAST(NULL AS DATE) - DATE '2024-02-01' AS STRING)", None),
        # rule make-interval: negative and NULL parts, named arguments
        ("CAST(MAKE_INTERVAL(-2, 3, -2) AS STRING)", "-1-9 -2 0:0:0"),
        ("CAST(MAKE_INTERVAL(day => 3, hour => -30) AS STRING)", "0-0 3 -30:0:0"),
        ("CAST(MAKE_INTERVAL(5, CAST(NULL AS INT64), 1) AS STRING)", None),
        ("EXTRACT(SECOND FROM MAKE_INTERVAL(3, -2, 0, 4, 5, 6))", 6),
        # EXTRACT of a DATE difference takes every part of an INTERVAL
        ("EXTRACT(HOUR FROM DATE '2024-02-29' - DATE '2020-12-31')", 0),
    ],
)
def test_differences_and_interval_text(check, sql: str, expected) -> None:
    assert check.value(f"SELECT {sql}") == expected


def test_date_minus_days_stays_a_date(check) -> None:
    import datetime as dt

    assert check.value("SELECT DATE '2024-03-01' - 5") == dt.date(2024, 2, 25)
    assert "civil-differences" not in check.rules("SELECT DATE '2024-03-01' - 5")


def test_extract_from_a_null_interval_is_int64(check) -> None:
    assert (
        check.type("SELECT EXTRACT(MONTH FROM CAST(NULL AS DATE) - CAST(NULL AS DATE))") == "INT64"
    )


@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        # data-types#interval_type: "interval datetime part ranges", each section signed
        ("CAST(INTERVAL '-1-6' YEAR TO MONTH AS STRING)", "-1-6 0 0:0:0"),
        ("CAST(INTERVAL '1-2 -3 -4:5:6.5' YEAR TO SECOND AS STRING)", "1-2 -3 -4:5:6.500"),
        ("CAST(INTERVAL '10 12:30:00.5' DAY TO SECOND AS STRING)", "0-0 10 12:30:0.500"),
        ("CAST(INTERVAL '25:61' HOUR TO MINUTE AS STRING)", "0-0 0 26:1:0"),
        ("CAST(INTERVAL '2-13' YEAR TO MONTH AS STRING)", "3-1 0 0:0:0"),
        ("EXTRACT(HOUR FROM INTERVAL '10 12:30:00.5' DAY TO SECOND)", 12),
    ],
)
def test_interval_ranges(check, sql: str, expected) -> None:
    assert check.value(f"SELECT {sql}") == expected


def test_interval_range_errors(check) -> None:
    from wbcore.errors import UnsupportedError, UserError

    with pytest.raises(UserError, match="Invalid INTERVAL value") as info:
        check.value("SELECT INTERVAL '1 2' YEAR TO MONTH")
    assert not isinstance(info.value, UnsupportedError)
    with pytest.raises(UserError, match="DAY TO DAY"):
        check.value("SELECT INTERVAL '5' DAY TO DAY")


@pytest.mark.parametrize(
    ("sql", "text"),
    [
        # https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#arithmetic_operators
        # (INTERVAL / INT64 is an INTERVAL); the parts as GoogleSQL's reference evaluator
        # divides them: a month's remainder is 30 days, a day's 24 hours, truncated
        ("INTERVAL '3' HOUR / 8", "0-0 0 0:22:30"),
        ("INTERVAL '5' MONTH / 2", "0-2 15 0:0:0"),
        ("INTERVAL '1' DAY / 9", "0-0 0 2:40:0"),
        ("INTERVAL '5' DAY / -4", "0-0 -1 -6:0:0"),
        ("INTERVAL '2-3 4 5:6:7.000009' YEAR TO SECOND / 5", "0-5 12 20:13:13.400001"),
    ],
)
def test_an_interval_divided_by_an_integer(check, sql: str, text: str) -> None:
    assert check.value(f"SELECT CAST({sql} AS STRING)") == text
    assert "interval-division" in check.rules(f"SELECT {sql}")


def test_an_interval_divided_by_zero_is_an_error(check) -> None:
    with pytest.raises(UserError, match="Interval division by zero"):
        check.value("SELECT INTERVAL '3' HOUR / 0")
    assert check.value("SELECT CAST(INTERVAL '3' HOUR / CAST(NULL AS INT64) AS STRING)") is None
