"""The adversarial corpus: leaky queries written to get past the gate, and real analysts' statistics.

Every file of ``adversarial/leaky/<source>/`` must fail `workbench check` in its default mode
(what `promote` runs) with a privacy finding that names the construct, and no message may
print a value from the dataset; every file of ``adversarial/safe/<source>/`` must pass it
(a false positive is a bug too). The corpus was written against the issue's list of leak
classes, not against the gate's code (see adversarial/README.md).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import ROOT
from workbench.privacy import CHECKS
from workbench.workbench import Workbench

CORPUS = Path(__file__).parent / "adversarial"
LEAKY = sorted((CORPUS / "leaky").rglob("*.sql"))
SAFE = sorted((CORPUS / "safe").rglob("*.sql"))
SOURCES = ("dropsonde", "pulp", "pace")
# Findings that say the query is broken, not how it leaks: a leak must be caught by a rule.
NOT_PRIVACY = {"file", "syntax", "columns", "run", "metadata", "bigquery"}
IDENTIFIER_VALUES = {
    "dropsonde": (
        "SELECT DISTINCT TO_HEX(site_id) FROM community_metrics",
        "SELECT DISTINCT ip FROM community_metrics WHERE ip IS NOT NULL",
        "SELECT DISTINCT message_id FROM community_metrics WHERE message_id IS NOT NULL",
    ),
    "pulp": ("SELECT DISTINCT system_id FROM pulp_analytics",),
    "pace": ("SELECT DISTINCT id FROM pace_telemetry",),
}


def test_corpus_is_large_and_covers_every_source():
    assert len(LEAKY) >= 150 and len(SAFE) >= 40
    for source in SOURCES:
        assert len([p for p in LEAKY if p.parent.name == source]) >= 40, source
        assert len([p for p in SAFE if p.parent.name == source]) >= 12, source


def test_every_file_says_what_it_is():
    for path in LEAKY:
        assert re.match(r"-- leak: [a-z-]+: \S", path.read_text()), path
    for path in SAFE:
        assert re.match(r"-- safe: \S", path.read_text()), path


@pytest.fixture(scope="module")
def wb():
    """The default dataset (`make fake-data`): the one contributors check their queries on."""
    bench = Workbench(root=ROOT)
    yield bench
    bench.close()


@pytest.fixture(scope="module")
def identifier_values(wb) -> set[str]:
    values: set[str] = set()
    for queries in IDENTIFIER_VALUES.values():
        for sql in queries:
            values.update(str(v) for v in wb.arrow(sql).column(0).to_pylist())
    assert len(values) > 300
    return values


@pytest.mark.parametrize("path", LEAKY, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_leaky_query_is_refused_without_printing_data(path: Path, wb, identifier_values):
    report = wb.check([path])
    assert report.failed, f"{path.name} passed the gate"
    errors = [f for f in report.findings if f.severity == "error" and f.allowed is None]
    privacy = [f for f in errors if f.rule not in NOT_PRIVACY]
    assert privacy, [f.format() for f in errors]
    assert all(f.rule in CHECKS for f in privacy)
    text = "\n".join(f.format() for f in report.findings)
    assert [v for v in identifier_values if v in text] == []


@pytest.mark.parametrize("path", SAFE, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_safe_statistic_passes(path: Path, wb):
    report = wb.check([path])
    errors = [f.format() for f in report.findings if f.severity == "error"]
    assert errors == []
    assert report.files[0].source.name == path.parent.name
