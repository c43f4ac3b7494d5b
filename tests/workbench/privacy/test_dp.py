"""The gate and differential privacy: within the source's budget, with the entity as privacy
unit, a ``SELECT WITH DIFFERENTIAL_PRIVACY`` query meets the small-group rules by construction
(BigQuery drops the groups whose noisy unit count is below the threshold delta sets:
https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#dp_clause); the
identifier rules still apply. Budget: ``[differential_privacy]`` of schemas/dropsonde/source.toml
(max_epsilon 4, max_delta 1e-5).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from fakedata.source import DPBudget
from tests.workbench.test_check import HEADER, TABLE, write
from workbench.privacy import analyze


def dp_query(options: str, keys: str, group: str) -> str:
    return HEADER + (
        f"SELECT WITH DIFFERENTIAL_PRIVACY OPTIONS ({options})\n"
        f"  {keys}, COUNT(*, contribution_bounds_per_group => (0, 1)) AS n\n"
        f"FROM {TABLE}\nGROUP BY {group}\n"
    )


# the query of test_check.test_k_anonymity_is_measured_on_the_fake_data, made DP: its plain
# form has output groups of fewer than k sites on the fake data
KEYS = "environment_count, ARRAY_LENGTH(modules) AS m"
GROUP = "environment_count, ARRAY_LENGTH(modules)"
WITHIN = "epsilon = 2, delta = 1e-6, max_groups_contributed = 1, privacy_unit_column = site_id"


def rules(findings) -> set[tuple[str, str]]:
    return {(f.rule, f.severity) for f in findings}


def test_within_the_budget_small_groups_are_met_by_construction(tmp_path: Path, wb):
    found = wb.check([write(tmp_path, "dp.sql", dp_query(WITHIN, KEYS, GROUP))]).findings
    assert rules(found) == {("differential-privacy", "info")}
    assert "met by construction" in found[0].message and found[0].line == 5


def test_above_the_budget_the_query_fails_and_is_not_covered(tmp_path: Path, wb):
    options = WITHIN.replace("epsilon = 2", "epsilon = 8")
    sql = dp_query(options, KEYS, GROUP)
    found = wb.check([write(tmp_path, "dp.sql", sql)]).findings
    assert rules(found) == {("differential-privacy", "error")}
    assert "epsilon 8 is above the source's budget (max_epsilon = 4" in found[0].message
    assert not analyze(sql, wb.source("dropsonde")).dp.covered


def test_delta_above_the_budget_is_an_error(tmp_path: Path, wb):
    options = WITHIN.replace("delta = 1e-6", "delta = 0.01")
    found = wb.check([write(tmp_path, "dp.sql", dp_query(options, KEYS, GROUP))]).findings
    assert any(f.rule == "differential-privacy" and "delta 0.01" in f.message for f in found)


def test_the_privacy_unit_must_be_the_entity(tmp_path: Path, wb):
    options = WITHIN.replace("site_id", "message_id")
    report = wb.check([write(tmp_path, "dp.sql", dp_query(options, KEYS, GROUP))])
    assert report.failed
    assert any(
        f.rule == "differential-privacy" and "must be the source's entity (site_id)" in f.message
        for f in report.findings
    )


def test_the_identifier_rules_still_apply(tmp_path: Path, wb):
    found = wb.check([write(tmp_path, "dp.sql", dp_query(WITHIN, "ip", "ip"))]).findings
    assert ("identifier-output", "error") in rules(found)


def test_without_a_budget_a_dp_query_is_like_any_other(wb):
    source = dataclasses.replace(wb.source("dropsonde"), differential_privacy=DPBudget())
    analysis = analyze(dp_query(WITHIN, KEYS, GROUP), source)
    assert not analysis.dp.covered
    assert any("no [differential_privacy] budget" in f.message for f in analysis.findings)


def test_a_dp_subquery_under_a_plain_query_is_not_covered(wb):
    inner = dp_query(WITHIN, KEYS, GROUP).split("SELECT", 1)[1]
    sql = f"SELECT environment_count, SUM(n) AS n FROM (SELECT{inner}) GROUP BY environment_count"
    analysis = analyze(sql, wb.source("dropsonde"))
    assert not analysis.dp.covered
    assert any("is not the query's output" in f.message for f in analysis.findings)


def test_unlimited_groups_are_not_covered(tmp_path: Path, wb):
    # query-syntax#dp_max_groups: with max_groups_contributed = NULL "the language can't
    # guarantee that the results will be differentially private"
    options = WITHIN.replace("max_groups_contributed = 1", "max_groups_contributed = NULL")
    sql = dp_query(options, KEYS, GROUP)
    found = wb.check([write(tmp_path, "dp.sql", sql)]).findings
    assert any(
        f.rule == "differential-privacy" and f.severity == "error" and "NULL" in f.message
        for f in found
    )
    assert not analyze(sql, wb.source("dropsonde")).dp.covered


def test_a_privacy_unit_renamed_from_another_column_is_no_guarantee(tmp_path: Path, wb):
    """BigQuery bounds each privacy unit's contribution; a column named site_id that holds
    message_id (one unit per report) or ip bounds a site's contribution no more than no unit
    at all (https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#dp_clause)."""
    source = wb.source("dropsonde")
    for inner in (
        f"SELECT message_id AS site_id, environment_count, modules FROM {TABLE}",
        f"SELECT ip AS site_id, environment_count, modules FROM {TABLE}",
        f"SELECT site_id, environment_count, modules FROM {TABLE} UNION ALL "
        f"SELECT CAST(message_id AS BYTES), environment_count, modules FROM {TABLE}",
    ):
        sql = dp_query(WITHIN, KEYS, GROUP).replace(f"FROM {TABLE}", f"FROM ({inner})")
        analysis = analyze(sql, source)
        assert not analysis.dp.covered, inner
        found = [f for f in analysis.findings if f.rule == "differential-privacy"]
        assert [f.severity for f in found] == ["error"], inner
        assert "does not pass on the source's site_id column unchanged" in found[0].message
    # the entity itself, through a subquery or a set operation of the table, is the unit
    for inner in (
        f"SELECT site_id, environment_count, modules FROM {TABLE}",
        f"SELECT site_id, environment_count, modules FROM {TABLE} WHERE version IS NOT NULL "
        f"UNION ALL SELECT site_id, environment_count, modules FROM {TABLE} WHERE version IS NULL",
    ):
        sql = dp_query(WITHIN, KEYS, GROUP).replace(f"FROM {TABLE}", f"FROM ({inner})")
        assert analyze(sql, source).dp.covered, inner
