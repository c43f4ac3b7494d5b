"""Side channels: a query that fails or not depending on the data tells one bit per run.

GoogleSQL's ``/`` raises a division-by-zero error, which SAFE_DIVIDE turns into NULL
(https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#safe_divide;
DIV and MOD likewise: "Generates an error if Y is 0",
https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#div).
"""

from __future__ import annotations

import pytest

from fakedata.source import load_source
from tests.conftest import ROOT
from workbench.privacy import analyze

T = "`bto-dataops-datalake-prod.dujour.community_metrics`"
P = "`pace-telemetry-prod.cli.pace_telemetry`"


@pytest.fixture(scope="module")
def sources():
    return {n: load_source(ROOT / "schemas" / n) for n in ("dropsonde", "pace")}


def rules(sql: str, source) -> set[str]:
    return {f.rule for f in analyze(sql, source).findings}


@pytest.mark.parametrize(
    "cell",
    [
        "SUM(1 / (environment_count - 568))",
        "AVG(100 / ARRAY_LENGTH(modules))",
        "COUNT(DISTINCT site_id) / COUNTIF(environment_count = 568)",
        "DIV(COUNT(*), MIN(environment_count) - 3)",
        "MOD(COUNT(*), SUM(environment_count) - 12345)",
        f"COUNT(*) / (SELECT COUNT(*) FROM {T} WHERE environment_count = 568)",
    ],
)
def test_a_division_by_a_private_value_is_a_side_channel(sources, cell):
    sql = f"SELECT version, {cell} AS x, COUNT(DISTINCT site_id) AS sites FROM {T} GROUP BY version"
    findings = [f for f in analyze(sql, sources["dropsonde"]).findings if f.rule == "side-channel"]
    assert len(findings) == 1, cell
    assert "SAFE_DIVIDE" in findings[0].message and findings[0].line == 1


def test_a_division_through_a_with_query_is_followed(sources):
    sql = (
        f"WITH e AS (SELECT site_id, environment_count - 568 AS d FROM {T})\n"
        "SELECT COUNT(DISTINCT site_id) AS sites,\n  SUM(1 / d) AS x\nFROM e"
    )
    (finding,) = [
        f for f in analyze(sql, sources["dropsonde"]).findings if f.rule == "side-channel"
    ]
    assert finding.line == 3


@pytest.mark.parametrize(
    "cell",
    [
        "SAFE_DIVIDE(1, environment_count - 568)",
        "DIV(MAX(environment_count), 100)",
        "COUNT(DISTINCT site_id) / -2.5",
        f"COUNT(DISTINCT site_id) / (SELECT COUNT(DISTINCT site_id) FROM {T} "
        "WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 7 DAY))",
        "COUNT(*) / COUNT(DISTINCT site_id)",
        f"COUNT(*) / NULLIF((SELECT COUNT(*) FROM {T} WHERE version = '1.0'), 0)",
        # NULLIF "returns NULL if expression = expression_to_match"
        # (https://cloud.google.com/bigquery/docs/reference/standard-sql/conditional_expressions#nullif):
        # the division is NULL, not an error; GREATEST(d, 1) is never 0.
        "SUM(environment_count) / NULLIF(COUNT(DISTINCT IF(environment_count > 5, site_id, NULL)), 0)",
        "1 / NULLIF(MAX(environment_count) - 568, 0)",
        "COUNT(*) / GREATEST(COUNT(DISTINCT site_id) - 1, 1)",
    ],
)
def test_a_division_by_a_count_public_value_or_literal_is_fine(sources, cell):
    sql = f"SELECT version, {cell} AS x, COUNT(DISTINCT site_id) AS sites FROM {T} GROUP BY version"
    assert "side-channel" not in rules(sql, sources["dropsonde"]), cell


@pytest.mark.parametrize(
    "cell",
    [
        # whether any site runs a release (or a release with a module) is the reports' fact:
        # the query fails exactly when none does
        f"COUNT(*) / (SELECT COUNT(*) FROM {T} WHERE version = '1.0')",
        f"COUNT(*) / (SELECT COUNT(*) FROM {T} AS x, UNNEST(x.modules) AS m "
        "WHERE x.version = '0.8.0' AND m.slug = 'acme-billing')",
        "DIV(COUNT(*), COUNTIF(version = '9.9'))",
    ],
)
def test_a_division_by_a_count_a_public_filter_can_empty_is_a_side_channel(sources, cell):
    sql = f"SELECT version, {cell} AS x, COUNT(DISTINCT site_id) AS sites FROM {T} GROUP BY version"
    (finding,) = [
        f for f in analyze(sql, sources["dropsonde"]).findings if f.rule == "side-channel"
    ]
    assert "SAFE_DIVIDE" in finding.message and "1.0" not in finding.message.split(":")[-1]


def test_pace_mod_by_a_private_counter(sources):
    sql = (
        f"SELECT mp.command_path, MOD(COUNT(*), MAX(mp.cumulative_count)) AS r FROM {P}, "
        "UNNEST(metric_points) AS mp GROUP BY mp.command_path"
    )
    assert "side-channel" in rules(sql, sources["pace"])
    # a public catalogue's value is the reports' too (MAX(exit_code) + 1 is 0 when every
    # failure is -1): only a constant divisor is sure
    assert "side-channel" in rules(sql.replace("cumulative_count", "exit_code"), sources["pace"])
    constant = sql.replace("MAX(mp.cumulative_count)", "7")
    assert "side-channel" not in rules(constant, sources["pace"])


# A CAST of text, PARSE_DATE and an array subscript raise errors where their SAFE forms
# return NULL ("SAFE_CAST ... returns NULL instead of raising an error",
# https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#safe_casting;
# OFFSET "produces an error if the index is out of range", SAFE_OFFSET NULL,
# https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#array_subscript_operator).
JOINED = f"{T} AS t, UNNEST(t.dependencies) AS d, UNNEST(t.modules) AS m"


@pytest.mark.parametrize(
    "cell",
    [
        "SUM(CAST(IF(environment_count = 568, 'x', '1') AS INT64))",
        "SUM(CAST(d.version_requirement AS INT64))",
        "COUNTIF(PARSE_DATE('%Y', d.name) IS NULL)",
        "COUNTIF(t.modules[OFFSET(40)].slug IS NULL)",
        "COUNTIF(t.modules[ORDINAL(environment_count - 567)].slug IS NULL)",
        "COUNT(DISTINCT SPLIT(d.version_requirement, ' ')[OFFSET(1)])",
        # a public catalogue's text: whether some site runs a release that is no number
        "SUM(CAST(SPLIT(m.version, '.')[SAFE_OFFSET(0)] AS INT64))",
        "SUM(IF(t.version = '0.8.0', CAST(m.slug AS INT64), 0))",
    ],
)
def test_a_conversion_that_fails_on_private_values_is_a_side_channel(sources, cell):
    sql = f"SELECT t.version, {cell} AS x FROM {JOINED} GROUP BY t.version"
    findings = [f for f in analyze(sql, sources["dropsonde"]).findings if f.rule == "side-channel"]
    assert len(findings) == 1, cell
    assert "SAFE" in findings[0].message


@pytest.mark.parametrize(
    "cell",
    [
        "SUM(SAFE_CAST(SPLIT(m.version, '.')[SAFE_OFFSET(0)] AS INT64))",
        "SUM(SAFE_CAST(d.version_requirement AS INT64))",
        "COUNTIF(t.modules[SAFE_OFFSET(40)].slug IS NULL)",
        "SUM(CAST(environment_count AS FLOAT64))",
        "COUNT(DISTINCT CAST(environment_count AS STRING))",
        "COUNTIF(SAFE.PARSE_DATE('%Y', d.name) IS NULL)",
        "COUNT(DISTINCT SPLIT(d.version_requirement, ' ')[OFFSET(0)])",
        "COUNT(DISTINCT SPLIT(d.version_requirement, ' ')[ORDINAL(1)])",
    ],
)
def test_safe_or_public_conversions_are_fine(sources, cell):
    sql = f"SELECT t.version, {cell} AS x FROM {JOINED} GROUP BY t.version"
    assert "side-channel" not in rules(sql, sources["dropsonde"]), cell


# A count is zero exactly when no row is left: under a WHERE on a private value, `1 / COUNT(*)`
# fails exactly when no site matches ("Generates an error if Y is 0" for / and DIV,
# https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#arithmetic_operators).
@pytest.mark.parametrize(
    "sql",
    [
        f"SELECT 1 / COUNT(*) AS r FROM {T} WHERE environment_count = 568",
        f"SELECT DIV(100, COUNT(DISTINCT site_id)) AS r FROM {T} WHERE environment_count > 560",
        f"SELECT version, SUM(1) / (COUNT(DISTINCT site_id) - 1) AS r FROM {T} GROUP BY version",
        f"WITH c AS (SELECT COUNT(*) AS n FROM {T} WHERE environment_count = 568)\n"
        f"SELECT t.version, MAX(1 / c.n) AS r FROM {T} AS t CROSS JOIN c GROUP BY t.version",
        f"SELECT COUNT(*) / (SELECT COUNT(*) FROM (SELECT site_id FROM {T} "
        "WHERE environment_count = 568)) AS r FROM " + T,
    ],
)
def test_a_division_by_a_count_that_a_private_filter_can_empty_is_a_side_channel(sources, sql):
    findings = [f for f in analyze(sql, sources["dropsonde"]).findings if f.rule == "side-channel"]
    assert findings and "SAFE_DIVIDE" in findings[0].message, sql


# Calls that raise on some argument values: LN/LOG "Generates an error if X is less than or
# equal to zero", SQRT "if X is less than 0", ACOS "if X is outside [-1, 1]"
# (https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions),
# REPEAT / LEFT "an error if repetitions / length is negative", REGEXP_CONTAINS "an error if the
# regular expression is invalid" (.../string_functions), DATE(y, m, d) and DATE_ADD out of
# range (.../date_functions); the arithmetic operators raise on INT64 overflow (.../operators).
@pytest.mark.parametrize(
    "cell",
    [
        "AVG(LN(ABS(environment_count - 568)))",
        "AVG(SQRT(16 - environment_count))",
        "AVG(ACOS(environment_count))",
        "AVG(POW(environment_count, 0.5))",  # a negative base with a fraction raises
        "AVG(POW(2, environment_count))",
        "MAX(LENGTH(REPEAT('x', 568 - environment_count)))",
        "MAX(LENGTH(LEFT('abc', 568 - environment_count)))",
        "COUNTIF(REGEXP_CONTAINS('x', CONCAT('(', d.version_requirement)))",
        "COUNTIF(DATE(2020, environment_count, 1) IS NULL)",
        "COUNTIF(DATE_ADD(DATE '9999-12-01', INTERVAL environment_count DAY) IS NULL)",
        "SUM(environment_count * 4611686018427387904)",
        "SUM(environment_count + 9223372036854775800)",
        "SUM(IF(environment_count > 4, 4611686018427387904, 0))",
        "SUM(environment_count * environment_count * environment_count)",
        "AVG(SAFE.ROUND(LN(environment_count)))",  # SAFE. covers ROUND's errors, not LN's
        "COUNTIF('a' LIKE d.version_requirement)",
        "COUNTIF(FROM_BASE64(d.version_requirement) IS NULL)",
        f"MAX((SELECT environment_count FROM {T} WHERE environment_count = 568))",
        "COUNTIF(NET.IP_FROM_STRING(d.version_requirement) IS NULL)",
        # a public catalogue's value as the pattern: the error tells whether a site runs it
        "COUNTIF(REGEXP_CONTAINS('x', CONCAT('(', m.version)))",
        "COUNTIF(REGEXP_CONTAINS('x', IF(t.version = '0.8.0' AND m.slug = 'acme-x', '(', 'x')))",
    ],
)
def test_a_call_that_raises_on_private_values_is_a_side_channel(sources, cell):
    sql = (
        f"SELECT t.version, {cell} AS x, COUNT(DISTINCT site_id) AS sites "
        f"FROM {JOINED} GROUP BY t.version"
    )
    findings = [f for f in analyze(sql, sources["dropsonde"]).findings if f.rule == "side-channel"]
    assert findings, cell


@pytest.mark.parametrize(
    "cell",
    [
        "AVG(SAFE.LN(environment_count))",
        "AVG(SAFE.SQRT(16 - environment_count))",
        "SUM(environment_count * 100)",
        "SUM(DIV(environment_count, 100) * 100 - 1)",
        "AVG(ROUND(environment_count / 3, 2))",
        "COUNTIF(REGEXP_CONTAINS(d.version_requirement, r'^1\\.'))",
        "COUNTIF(SAFE.REGEXP_CONTAINS('x', CONCAT('(', m.version)))",  # NULL on a bad one
        "MAX(LENGTH(SUBSTR(m.version, 1, 3)))",
        "COUNTIF(STARTS_WITH(LOWER(m.version), '1.'))",
        "COUNTIF(DATE(timestamp) >= DATE_SUB(CURRENT_DATE(), INTERVAL 7 DAY))",
        "COUNT(DISTINCT CONCAT(m.slug, '@', SPLIT(m.version, '.')[SAFE_OFFSET(0)]))",
        "SUM(SAFE_MULTIPLY(environment_count, 4611686018427387904))",
        f"MAX((SELECT COUNT(*) FROM {T} WHERE environment_count = 568))",
        f"MAX((SELECT environment_count FROM {T} LIMIT 1))",
        "SUM(IF(environment_count > 4, 1, 0))",
        "SUM(CASE WHEN environment_count > 4 THEN 1 ELSE 0 END)",
        "SUM(POW(environment_count, 2))",  # no overflow below 1e154, no domain error
        "COUNT(DISTINCT FORMAT('%d-%d', DIV(environment_count, 10), environment_count))",
    ],
)
def test_total_or_safe_calls_are_fine(sources, cell):
    sql = (
        f"SELECT t.version, {cell} AS x, COUNT(DISTINCT site_id) AS sites "
        f"FROM {JOINED} GROUP BY t.version"
    )
    assert [
        f.message for f in analyze(sql, sources["dropsonde"]).findings if f.rule == "side-channel"
    ] == [], cell


def test_an_unknown_function_of_a_private_value_is_refused_by_default(sources):
    sql = f"SELECT version, AVG(SINH(environment_count)) AS x FROM {T} GROUP BY version"
    (finding,) = [
        f for f in analyze(sql, sources["dropsonde"]).findings if f.rule == "side-channel"
    ]
    assert "SAFE.SINH" in finding.message


# IF "evaluates and returns true_result" only when the condition is TRUE, CASE likewise, and
# COALESCE "does not evaluate input expressions after the first non-NULL"
# (https://cloud.google.com/bigquery/docs/reference/standard-sql/conditional_expressions):
# a call that always raises, in a branch a private value chooses, raises for that value only.
@pytest.mark.parametrize(
    "condition",
    [
        "IF(environment_count = 568, 1 / 0, 1) = 1",
        "(CASE WHEN environment_count = 568 THEN [1][OFFSET(5)] ELSE 1 END) = 1",
        "COALESCE(NULLIF(environment_count, 568), LN(0)) IS NOT NULL",
        "(environment_count = 568 AND CAST('x' AS INT64) = 1)",
    ],
)
def test_a_failing_call_in_a_branch_a_private_value_chooses_is_a_side_channel(sources, condition):
    sql = (
        f"SELECT version, COUNT(DISTINCT site_id) AS sites FROM {T} WHERE {condition} OR TRUE "
        "GROUP BY version"
    )
    assert "side-channel" in rules(sql, sources["dropsonde"]), condition
    public = sql.replace("environment_count = 568", "version = '1.0'").replace(
        "NULLIF(environment_count, 568)", "NULLIF(version, '1.0')"
    )
    assert "side-channel" not in rules(public, sources["dropsonde"]), condition
