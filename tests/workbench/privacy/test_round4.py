"""Attacker round 4: leaky queries in classes the earlier corpora did not cover.

Every file of ``leaky_round4/<source>/`` must fail `workbench check` in its default mode with
a privacy finding, and no message may print a value from the dataset (see
leaky_round4/README.md for the classes; before the round's rules 27 of its 96 files passed or
were refused only because they did not run offline).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.workbench.privacy.test_adversarial import NOT_PRIVACY, SAFE, SOURCES
from workbench.privacy import CHECKS

CORPUS = Path(__file__).parent / "leaky_round4"
LEAKY = sorted(CORPUS.rglob("*.sql"))

# the fixtures of the adversarial corpus: the default dataset and its identifier values
from tests.workbench.privacy.test_adversarial import identifier_values, wb  # noqa: E402, F401


def test_round_is_large_and_covers_every_source():
    assert len(LEAKY) >= 90
    for source in SOURCES:
        assert len([p for p in LEAKY if p.parent.name == source]) >= 15, source


@pytest.mark.parametrize("path", LEAKY, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_round4_leak_is_refused_without_printing_data(path: Path, wb, identifier_values):  # noqa: F811
    assert path.read_text().startswith(f"-- leak: {path.stem.split('_', 1)[0]}: ")
    report = wb.check([path])
    errors = [f for f in report.findings if f.severity == "error" and f.allowed is None]
    privacy = [f for f in errors if f.rule not in NOT_PRIVACY]
    assert privacy, f"{path.name} passed the gate: {[f.format() for f in errors]}"
    assert all(f.rule in CHECKS for f in privacy)
    text = "\n".join(f.format() for f in report.findings)
    assert [v for v in identifier_values if v in text] == []


@pytest.mark.parametrize(
    ("name", "params"),
    [
        ("dropsonde/wrong-threshold_parameter", {"min_sites": 5}),
        ("pulp/wrong-threshold_parameter", {"k": 5}),
    ],
)
def test_a_parameter_threshold_is_refused_even_when_bound(name: str, params, wb):  # noqa: F811
    """`check --param min_sites=5` measured groups of 5; production binds any value."""
    report = wb.check([CORPUS / f"{name}.sql"], params=params)
    rules = {f.rule for f in report.findings if f.severity == "error"}
    assert "k-anonymity" in rules and "run" not in rules


def test_the_safe_twins_still_pass(wb):  # noqa: F811
    """The round's rules keep the honest forms: box-plot quartiles, a median beside a 0.9
    percentile, PERCENTILE_DISC at 0.5, windows ranked within each entity, DP queries."""
    twins = [
        p
        for p in SAFE
        if any(w in p.stem for w in ("percentile", "dp_", "median", "latest", "window", "rank"))
    ]
    assert len(twins) >= 5
    for path in twins:
        report = wb.check([path])
        assert [f.format() for f in report.findings if f.severity == "error"] == [], path
