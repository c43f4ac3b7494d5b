"""Text cast to DATE, DATETIME and TIMESTAMP in BigQuery's canonical form only
(rules/civil_text.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from wbcore.errors import UserError


@pytest.mark.parametrize(
    "sql",
    [
        "CAST(' 2024-02-29 ' AS DATE)",  # spaces around the text
        "CAST('2024/02/29' AS DATE)",  # '/' between the parts
        "CAST('2024-02-29 12:34:56' AS DATE)",  # a datetime's text
        "CAST('2024-02-29 12:34' AS DATETIME)",  # no seconds
        "CAST('2024-02-29T12:34:56Z' AS DATETIME)",  # a zone
        "CAST('2024/02/29' AS TIMESTAMP)",
    ],
)
def test_text_outside_the_canonical_form_is_an_error(check, sql) -> None:
    # https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#cast_as_date
    # (the text must be in the canonical date format, [Y]YYY-[M]M-[D]D; #cast_as_datetime,
    # #cast_as_timestamp likewise); GoogleSQL's reference evaluator refuses each, DuckDB
    # read them
    with pytest.raises(UserError, match=r"invalid|CAST failed"):
        check.value(f"SELECT {sql}")
    value_sql = sql.replace("CAST(", "SAFE_CAST(", 1)
    assert check.value(f"SELECT {value_sql}") is None


def test_text_of_a_column_is_checked_at_run_time(check) -> None:
    with pytest.raises(UserError, match="CAST failed"):
        check.value("SELECT CAST(x AS DATE) FROM UNNEST([' 2024-02-29']) AS x")
    assert check.value("SELECT SAFE_CAST(x AS DATE) FROM UNNEST(['2024/02/29']) AS x") is None
    assert check.value("SELECT CAST(x AS DATE) FROM UNNEST(['2024-2-9']) AS x") == dt.date(
        2024, 2, 9
    )


def test_canonical_text_is_read(check) -> None:
    assert check.value("SELECT CAST('2024-2-9 1:2:3.5' AS DATETIME)") == dt.datetime(
        2024, 2, 9, 1, 2, 3, 500000
    )
    assert check.value("SELECT CAST('2024-02-29T12:34:56Z' AS TIMESTAMP)") == dt.datetime(
        2024, 2, 29, 12, 34, 56, tzinfo=dt.UTC
    )
    assert check.value("SELECT CAST('2024-02-29 12:34:56+05:30' AS TIMESTAMP)") == dt.datetime(
        2024, 2, 29, 7, 4, 56, tzinfo=dt.UTC
    )
    assert check.value("SELECT CAST('2024-02-29' AS DATETIME)") == dt.datetime(2024, 2, 29)


def test_a_checked_call_in_select_and_group_by_on_other_lines_is_one_key(check) -> None:
    # BigQuery groups by the expression and lets the SELECT list repeat it
    # (query-syntax#group_by_clause); the run-time checks must not make the two copies differ
    # (a message naming each copy's line made DuckDB's binder refuse the SELECT item)
    sql = (
        "SELECT DATE(x) AS d, COUNT(*) AS n\n"
        "FROM UNNEST(['2026-11-15 10:00:00', '2026-11-15 11:00:00', '2026-11-16 00:00:00']) AS x\n"
        "GROUP BY DATE(x)\nORDER BY d"
    )
    assert check.rows(sql) == [(dt.date(2026, 11, 15), 2), (dt.date(2026, 11, 16), 1)]
    shifted = (
        "SELECT DATE_ADD(d, INTERVAL 1 DAY) AS e, COUNT(*) AS n\n"
        "FROM UNNEST([DATE '2026-11-15', DATE '2026-11-15']) AS d\n"
        "GROUP BY DATE_ADD(d, INTERVAL 1 DAY)"
    )
    assert check.rows(shifted) == [(dt.date(2026, 11, 16), 2)]
