"""Rule interval-aggregates: SUM and AVG of INTERVAL values, part by part.

https://cloud.google.com/bigquery/docs/reference/standard-sql/aggregate_functions#sum (and
#avg: INTERVAL inputs). The values are GoogleSQL's reference evaluator's (zetasql 0.1.5): the
months, days and time summed apart, a sum past INTERVAL's range an error (sums on the way may
pass it), AVG dividing the sums as INTERVAL / INT64 does.
"""

from __future__ import annotations

import pytest

from wbcore.errors import UnsupportedError, UserError


def _text(check, aggregate: str, values: str) -> str | None:
    return check.value(f"SELECT CAST({aggregate}(i) AS STRING) FROM UNNEST([{values}]) AS i")


@pytest.mark.parametrize(
    ("aggregate", "values", "expected"),
    [
        (
            "SUM",
            "INTERVAL 1 YEAR, INTERVAL 2 MONTH, INTERVAL 3 DAY, NULL, INTERVAL 4 HOUR, "
            "INTERVAL 5 MINUTE, INTERVAL '6.789' SECOND",
            "1-2 3 4:5:6.789",
        ),
        # 30000 years on the way, 10000 at the end
        (
            "SUM",
            "INTERVAL 10000 YEAR, INTERVAL 10000 YEAR, INTERVAL 10000 YEAR, "
            "INTERVAL -120000 MONTH, INTERVAL -120000 MONTH",
            "10000-0 0 0:0:0",
        ),
        ("SUM", "CAST(NULL AS INTERVAL), NULL", None),
        (
            "AVG",
            "INTERVAL 1 YEAR, INTERVAL 1 MONTH, INTERVAL 1 DAY, NULL, INTERVAL 1 HOUR, "
            "INTERVAL 1 SECOND, NULL",
            "0-2 18 5:0:0.200",
        ),
        (
            "AVG",
            "INTERVAL 10000 YEAR, INTERVAL 8000 YEAR, INTERVAL 3660000 DAY, INTERVAL 366000 DAY",
            "4500-0 1006500 0:0:0",
        ),
        (
            "AVG",
            "INTERVAL -1 YEAR, INTERVAL -5 DAY, INTERVAL -1 HOUR, INTERVAL -1 MINUTE, "
            "INTERVAL 12 MONTH, INTERVAL 5 DAY, INTERVAL 60 MINUTE, INTERVAL 60 SECOND",
            "0-0 0 0:0:0",
        ),
        # -30 days + 1 µs over 4, each part truncated toward zero
        (
            "AVG",
            "INTERVAL -1 MONTH, INTERVAL 0 DAY, INTERVAL 0 DAY, INTERVAL 1 MICROSECOND",
            "0-0 -7 -11:59:59.999999",
        ),
        ("AVG", "CAST(NULL AS INTERVAL)", None),
    ],
)
def test_interval_sums_and_means(check, aggregate: str, values: str, expected) -> None:
    assert _text(check, aggregate, values) == expected


def test_interval_sum_by_group(check) -> None:
    rows = check.rows(
        "SELECT g, CAST(SUM(i) AS STRING), CAST(AVG(i) AS STRING) FROM UNNEST(["
        "STRUCT(1 AS g, INTERVAL 1 DAY AS i), (1, INTERVAL -3 HOUR), "
        "(2, INTERVAL '1-1' YEAR TO MONTH), (2, INTERVAL -7 DAY)]) GROUP BY g ORDER BY g"
    )
    assert rows == [(1, "0-0 1 -3:0:0", "0-0 0 10:30:0"), (2, "1-1 -7 0:0:0", "0-6 11 12:0:0")]


def test_interval_sum_past_the_range_is_an_error(check) -> None:
    with pytest.raises(UserError, match="Interval field days is out of range"):
        check.value(
            "SELECT SUM(i) > INTERVAL 1 DAY FROM UNNEST([INTERVAL 3000000 DAY, "
            "INTERVAL 3000000 DAY]) AS i"
        )


def test_interval_sum_in_a_window_is_refused(check) -> None:
    with pytest.raises(UnsupportedError, match="in a window or with DISTINCT"):
        check.sql("SELECT SUM(i) OVER () FROM UNNEST([INTERVAL 1 DAY]) AS i")
