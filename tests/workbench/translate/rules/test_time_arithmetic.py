"""Rule time-wraparound: TIME_ADD/TIME_SUB are modulo one day for any INT64 count.

https://cloud.google.com/bigquery/docs/reference/standard-sql/time_functions#time_add
("this function wraps around when the value is outside of the 00:00:00 to 24:00:00
boundary"); the answers for counts near 2^63 are GoogleSQL's reference evaluator's
(zetasql 0.1.5), which are the counts modulo a day.
"""

from __future__ import annotations

import datetime as dt

import pytest


@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        # 9223372036854775807 s = 55807 s (15:30:07) modulo 86400
        ("TIME_ADD(TIME '00:00:00', INTERVAL 9223372036854775807 SECOND)", dt.time(15, 30, 7)),
        # -2^63 min modulo 1440 min = 352 min (05:52)
        ("TIME_ADD(TIME '00:00:00', INTERVAL (-9223372036854775807 - 1) MINUTE)", dt.time(5, 52)),
        # 2^62 h modulo 24 h = 16 h, subtracted from midnight: 08:00
        ("TIME_SUB(TIME '00:00:00', INTERVAL 4611686018427387904 HOUR)", dt.time(8)),
        (
            "TIME_ADD(TIME '23:59:59.999999', INTERVAL 9223372036854775807 MICROSECOND)",
            dt.time(4, 0, 54, 775806),
        ),
        ("TIME_ADD(TIME '23:59:59.999999', INTERVAL 1 MICROSECOND)", dt.time(0)),
        ("TIME_SUB(TIME '00:00:00', INTERVAL 1 MILLISECOND)", dt.time(23, 59, 59, 999000)),
        ("TIME_ADD(TIME '10:00:00', INTERVAL -25 HOUR)", dt.time(9)),
        ("TIME_ADD(CAST(NULL AS TIME), INTERVAL 1 HOUR)", None),
        ("TIME_ADD(TIME '01:00:00', INTERVAL CAST(NULL AS INT64) HOUR)", None),
    ],
)
def test_time_arithmetic_wraps_around(check, sql: str, expected: dt.time | None) -> None:
    assert check.value(f"SELECT {sql}") == expected
    assert "time-wraparound" in check.rules(f"SELECT {sql}")


def test_time_wraparound_over_columns(check) -> None:
    rows = check.rows(
        "SELECT TIME_ADD(t, INTERVAL n MINUTE) FROM UNNEST([STRUCT(TIME '23:30:00' AS t, "
        "90 AS n), (TIME '00:10:00', -20)]) ORDER BY 1"
    )
    assert rows == [(dt.time(1, 0),), (dt.time(23, 50),)]
