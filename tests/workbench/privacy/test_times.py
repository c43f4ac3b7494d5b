"""Report times in conditions: whole days are public, a window of seconds is one report.

One report per site per week (Dropsonde's cron job, /work/shared/reference/README.md): a
one-second window of `timestamp` keeps one site's report, and inside a conditional aggregate
of a large group (`SUM(IF(<window>, environment_count, 0))`) it shows that site's number.
TIMESTAMP_SUB / DATE_SUB move a time by an INTERVAL of a date part
(https://cloud.google.com/bigquery/docs/reference/standard-sql/timestamp_functions#timestamp_sub).
"""

from __future__ import annotations

import pytest

from fakedata.source import load_source
from tests.conftest import ROOT
from workbench.privacy import analyze

T = "`bto-dataops-datalake-prod.dujour.community_metrics`"


@pytest.fixture(scope="module")
def dropsonde():
    return load_source(ROOT / "schemas" / "dropsonde")


def targeted(condition: str, source) -> list[str]:
    sql = (
        f"SELECT version, SUM(IF({condition}, environment_count, 0)) AS picked,\n"
        f"  COUNT(DISTINCT site_id) AS sites FROM {T} GROUP BY version\n"
        "HAVING COUNT(DISTINCT site_id) >= 5"
    )
    return [f.message for f in analyze(sql, source).findings if f.rule == "targeted-filter"]


@pytest.mark.parametrize(
    "condition",
    [
        "timestamp BETWEEN TIMESTAMP '2026-11-14 10:00:00' AND TIMESTAMP '2026-11-14 10:00:01'",
        "timestamp >= TIMESTAMP '2026-11-14 10:00:00' AND timestamp < '2026-11-14 10:00:01'",
        "timestamp > TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 90 SECOND)",
        "timestamp > TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 1 HOUR)",
        # each bound a day or more back, but 30 seconds apart
        "timestamp BETWEEN TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 86430 SECOND) "
        "AND TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 1 DAY)",
        "timestamp = TIMESTAMP '2026-11-14 00:00:00'",
        "timestamp IN (TIMESTAMP '2026-11-14 00:00:00')",
        "timestamp < TIMESTAMP_SECONDS(1763114400)",
        "EXTRACT(MINUTE FROM timestamp) = 3",
        "UNIX_MICROS(timestamp) > 1763114400000000",
    ],
)
def test_a_condition_on_a_report_time_finer_than_a_day_is_targeted(dropsonde, condition):
    assert targeted(condition, dropsonde), condition


@pytest.mark.parametrize(
    "condition",
    [
        "timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 7 DAY)",
        "timestamp < CURRENT_TIMESTAMP()",
        "DATE(timestamp) = DATE_SUB(CURRENT_DATE(), INTERVAL 1 DAY)",
        "timestamp >= TIMESTAMP(DATE_SUB(DATE_TRUNC(CURRENT_DATE(), WEEK), INTERVAL 7 DAY))",
        "timestamp BETWEEN TIMESTAMP '2026-11-01' AND TIMESTAMP '2026-11-08 00:00:00'",
        "TIMESTAMP_TRUNC(timestamp, MONTH) = TIMESTAMP '2026-11-01'",
        "EXTRACT(DAYOFWEEK FROM timestamp) = 2",
        "timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 24 HOUR)",
        "timestamp < TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 2880 MINUTE)",
    ],
)
def test_a_window_of_whole_days_is_public(dropsonde, condition):
    assert targeted(condition, dropsonde) == [], condition
