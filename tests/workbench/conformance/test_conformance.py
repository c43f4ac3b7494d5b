"""Every documented BigQuery case runs offline: BigQuery's result with BigQuery's type, or
a clean refusal. A case marked correct must match; a case marked refused must refuse."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from tests.workbench.conformance.harness import REFUSAL, load_cases, offline_workbench, run_offline

CASES = load_cases()


@pytest.fixture(scope="module")
def wb(tmp_path_factory: pytest.TempPathFactory):
    bench = offline_workbench(Path(tmp_path_factory.mktemp("conformance")))
    yield bench
    bench.close()


def test_suite_is_large_and_sourced() -> None:
    assert len(CASES) >= 200
    areas = Counter(c.area for c in CASES)
    assert len(areas) >= 10
    assert all(c.source.startswith("https://cloud.google.com/bigquery/docs/") for c in CASES)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_case(case, wb) -> None:
    outcome = run_offline(case, wb)
    if case.offline == "refused":
        assert outcome.kind == "refused", f"{case.sql}\n→ {outcome.kind}: {outcome.detail}"
        assert REFUSAL.match(outcome.detail)
    else:
        assert outcome.kind == "correct", f"{case.sql}\n→ {outcome.kind}: {outcome.detail}"
