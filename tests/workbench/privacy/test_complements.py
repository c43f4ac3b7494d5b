"""Complement sizes: two reads of the table, one narrowed by a private value (measured).

The count of the week's sites beside the count of those below a cut publishes the size of
the sites at or above it; that left-out group must be empty or hold k entities, like any
output group (``workbench/privacy/complements.py``).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ROOT
from workbench.workbench import Workbench

D = "`bto-dataops-datalake-prod.dujour.community_metrics`"
WEEK = "timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 7 DAY)"


@pytest.fixture(scope="module")
def wb():
    bench = Workbench(root=ROOT)
    yield bench
    bench.close()


def check(wb, tmp_path: Path, sql: str):
    path = tmp_path / "q.sql"
    path.write_text(f"-- the week's sites beside a narrowed count\n{sql}\n")
    return [f for f in wb.check([path]).findings if f.rule == "k-anonymity"]


def nested(cut: str) -> str:
    return (
        f"SELECT 'all' AS population, COUNT(DISTINCT site_id) AS sites FROM {D} WHERE {WEEK}\n"
        f"UNION ALL\nSELECT 'below', COUNT(DISTINCT site_id) FROM {D} WHERE {WEEK} AND {cut}"
    )


def test_a_small_complement_is_refused(wb, tmp_path: Path) -> None:
    (top,) = wb.arrow(f"SELECT MAX(environment_count) AS m FROM community_metrics WHERE {WEEK}")[
        "m"
    ].to_pylist()
    found = check(wb, tmp_path, nested(f"environment_count < {top}"))
    assert len(found) == 1
    assert "leaves out" in found[0].message and "environment_count <" in found[0].message


def test_a_large_complement_and_a_single_read_pass(wb, tmp_path: Path) -> None:
    assert check(wb, tmp_path, nested("environment_count > 1")) == []
    single = (
        f"SELECT COUNT(DISTINCT site_id) AS sites FROM {D} WHERE {WEEK} AND environment_count < 10"
    )
    assert check(wb, tmp_path, single) == []
