"""Attacker round 3's rules, each with a leaky query and its honest twin (static analysis).

Values carried across sites by windows, rank filters that pick one report, the output's
ORDER BY as a cell, the MAX of a bucket open above, public catalogues crossed by filters
and conditioned cells, value cells of inner aggregations, and groups keyed by an identifier
an organisation shares. The measured rule (complement sizes) is tested in
``test_complements.py`` against a dataset.
"""

from __future__ import annotations

import pytest

from fakedata.source import load_source
from tests.conftest import ROOT
from workbench.privacy import analyze

D = "`bto-dataops-datalake-prod.dujour.community_metrics`"
P = "`pulp-analytics-prod.analytics.pulp_analytics`"
C = "`pace-telemetry-prod.cli.pace_telemetry`"


@pytest.fixture(scope="module")
def sources():
    return {n: load_source(ROOT / "schemas" / n) for n in ("dropsonde", "pulp", "pace")}


def findings(sql: str, source) -> list[tuple[str, str]]:
    return [(f.rule, f.message) for f in analyze(sql, source).findings if f.severity == "error"]


def source_of(sql: str, sources):
    return sources["pulp" if P in sql else "pace" if C in sql else "dropsonde"]


# (leaky, rule, a word of the message, honest twin)
PAIRS = [
    pytest.param(
        f"SELECT version, AVG(f) AS a, COUNT(DISTINCT site_id) AS n FROM (SELECT site_id, version, "
        f"FIRST_VALUE(environment_count) OVER (PARTITION BY version ORDER BY timestamp) AS f "
        f"FROM {D}) GROUP BY version HAVING COUNT(DISTINCT site_id) >= 5",
        "value-aggregate",
        "PARTITION BY",
        f"SELECT version, AVG(f) AS a, COUNT(DISTINCT site_id) AS n FROM (SELECT site_id, version, "
        f"FIRST_VALUE(environment_count) OVER (PARTITION BY site_id ORDER BY timestamp) AS f "
        f"FROM {D}) GROUP BY version HAVING COUNT(DISTINCT site_id) >= 5",
        id="first-value-across-sites",
    ),
    pytest.param(
        f"SELECT AVG(low) AS a, COUNT(DISTINCT system_id) AS n FROM (SELECT system_id, "
        f"MIN(rbac_stats.users) OVER () AS low FROM {P}) HAVING COUNT(DISTINCT system_id) >= 5",
        "value-aggregate",
        "carries",
        f"SELECT AVG(low) AS a, COUNT(DISTINCT system_id) AS n FROM (SELECT system_id, "
        f"MIN(rbac_stats.users) OVER (PARTITION BY system_id) AS low FROM {P}) "
        "HAVING COUNT(DISTINCT system_id) >= 5",
        id="window-min-across-sites",
    ),
    pytest.param(
        f"WITH last AS (SELECT metric_points FROM {C} WHERE TRUE QUALIFY ROW_NUMBER() OVER "
        "(ORDER BY timestamp DESC) = 1) SELECT p.command_path, COUNT(*) AS n FROM last, "
        "UNNEST(metric_points) AS p GROUP BY p.command_path",
        "targeted-filter",
        "rank",
        f"WITH last AS (SELECT id, metric_points FROM {C} WHERE TRUE QUALIFY ROW_NUMBER() OVER "
        "(PARTITION BY id ORDER BY timestamp DESC) = 1) SELECT p.command_path, "
        "COUNT(DISTINCT id) AS n FROM last, UNNEST(metric_points) AS p GROUP BY p.command_path "
        "HAVING COUNT(DISTINCT id) >= 5",
        id="rank-filter-across-sites",
    ),
    pytest.param(
        f"SELECT postgresql_version, COUNT(DISTINCT system_id) AS n FROM {P} GROUP BY "
        "postgresql_version HAVING COUNT(DISTINCT system_id) >= 5 ORDER BY MAX(rbac_stats.users) "
        "DESC LIMIT 1",
        "value-aggregate",
        "MAX",
        f"SELECT postgresql_version, COUNT(DISTINCT system_id) AS n FROM {P} GROUP BY "
        "postgresql_version HAVING COUNT(DISTINCT system_id) >= 5 ORDER BY n DESC LIMIT 1",
        id="order-by-max",
    ),
    pytest.param(
        f"SELECT IF(p.cumulative_count >= 1000, 'big', 'small') AS b, MAX(p.cumulative_count) AS "
        f"top, COUNT(DISTINCT id) AS n FROM {C}, UNNEST(metric_points) AS p GROUP BY b "
        "HAVING COUNT(DISTINCT id) >= 5",
        "value-aggregate",
        "MAX",
        f"SELECT DIV(p.cumulative_count, 1000) AS b, MAX(p.cumulative_count) AS top, "
        f"COUNT(DISTINCT id) AS n FROM {C}, UNNEST(metric_points) AS p GROUP BY b "
        "HAVING COUNT(DISTINCT id) >= 5",
        id="max-of-open-bucket",
    ),
    pytest.param(
        f"SELECT p.command_path, COUNTIF(operating_system = 'windows') AS w, COUNT(DISTINCT id) "
        f"AS n FROM {C}, UNNEST(metric_points) AS p GROUP BY p.command_path "
        "HAVING COUNT(DISTINCT id) >= 5",
        "targeted-filter",
        "subgroup",
        f"SELECT p.command_path, COUNTIF(p.exit_code != 0) AS failed, COUNT(DISTINCT id) "
        f"AS n FROM {C}, UNNEST(metric_points) AS p GROUP BY p.command_path "
        "HAVING COUNT(DISTINCT id) >= 5",
        id="cell-of-another-catalogue",
    ),
    pytest.param(
        f"SELECT DIV(rbac_stats.users, 50) AS u, COUNTIF(DATE(timestamp) = DATE '2026-11-14') AS d, "
        f"COUNT(DISTINCT system_id) AS n FROM {P} GROUP BY u HAVING COUNT(DISTINCT system_id) >= 5",
        "targeted-filter",
        "subgroup",
        f"SELECT DATE(timestamp) AS day, COUNTIF(postgresql_version >= 160000) AS pg16, "
        f"COUNT(DISTINCT system_id) AS n FROM {P} GROUP BY day HAVING COUNT(DISTINCT system_id) >= 5",
        id="day-cell-in-private-bucket",
    ),
    pytest.param(
        f"SELECT operating_system, SUM(top) AS s FROM (SELECT operating_system, cli_version, "
        f"MAX(p.cumulative_count) AS top FROM {C}, UNNEST(metric_points) AS p GROUP BY "
        "operating_system, cli_version) GROUP BY operating_system",
        "value-aggregate",
        "MAX",
        f"SELECT operating_system, AVG(top) AS s, COUNT(DISTINCT id) AS n FROM (SELECT id, "
        f"operating_system, MAX(p.cumulative_count) AS top FROM {C}, UNNEST(metric_points) AS p "
        "GROUP BY id, operating_system) GROUP BY operating_system HAVING COUNT(DISTINCT id) >= 5",
        id="inner-max-across-sites",
    ),
    pytest.param(
        f"SELECT product, MIN(s) AS low FROM (SELECT product, version, SUM(environment_count) "
        f"AS s FROM {D} GROUP BY product, version) GROUP BY product",
        "value-aggregate",
        "MIN",
        f"SELECT product, MIN(s) AS low FROM (SELECT product, version, SUM(environment_count) "
        f"AS s FROM {D} GROUP BY product, version HAVING COUNT(DISTINCT site_id) >= 5) "
        "GROUP BY product",
        id="min-of-small-inner-groups",
    ),
    pytest.param(
        f"SELECT sites, COUNT(*) AS addresses FROM (SELECT ip, COUNT(DISTINCT site_id) AS sites "
        f"FROM {D} GROUP BY ip) GROUP BY sites",
        "identifier-groups",
        "organisation",
        f"SELECT modules, COUNT(*) AS sites FROM (SELECT site_id, MAX(ARRAY_LENGTH(modules)) AS "
        f"modules FROM {D} GROUP BY site_id) GROUP BY modules",
        id="groups-of-an-organisation",
    ),
    pytest.param(
        f"SELECT COUNT(*) / (SELECT COUNT(*) FROM {C} WHERE cli_version = 'v1.5.0' AND "
        f"operating_system = 'windows') AS r, COUNT(DISTINCT id) AS n FROM {C}",
        "side-channel",
        "SAFE_DIVIDE",
        f"SELECT SAFE_DIVIDE(COUNT(*), (SELECT COUNT(*) FROM {C} WHERE cli_version = 'v1.5.0' AND "
        f"operating_system = 'windows')) AS r, COUNT(DISTINCT id) AS n FROM {C}",
        id="divisor-a-public-filter-empties",
    ),
    pytest.param(
        f"SELECT COUNT(DISTINCT system_id) AS n FROM {P}, UNNEST(components) AS c WHERE "
        "REGEXP_CONTAINS(c.name, IF(postgresql_version = 90000, '[', c.name))",
        "side-channel",
        "SAFE.REGEXP_CONTAINS",
        f"SELECT COUNT(DISTINCT system_id) AS n FROM {P}, UNNEST(components) AS c WHERE "
        "SAFE.REGEXP_CONTAINS(c.name, IF(postgresql_version = 90000, '[', c.name))",
        id="catalogue-value-as-pattern",
    ),
    pytest.param(
        f"SELECT APPROX_TOP_SUM(version, environment_count, 1) AS top FROM {D}",
        "value-aggregate",
        "APPROX_TOP_SUM",
        f"SELECT version, SUM(environment_count) AS envs, COUNT(DISTINCT site_id) AS n FROM {D} "
        "GROUP BY version HAVING COUNT(DISTINCT site_id) >= 5",
        id="approx-top-sum",
    ),
]


@pytest.mark.parametrize(("leaky", "rule", "word", "honest"), PAIRS)
def test_each_rule_refuses_the_leak_and_keeps_its_honest_twin(sources, leaky, rule, word, honest):
    found = findings(leaky, source_of(leaky, sources))
    assert any(r == rule and word in m for r, m in found), found
    assert findings(honest, source_of(honest, sources)) == []


def test_a_filter_of_another_catalogue_takes_the_public_allowance_away(sources):
    """``WHERE version = ... GROUP BY m.slug``: two catalogues, as two keys would be."""
    from workbench.privacy.groups import PUBLIC

    crossed = f"SELECT m.slug, COUNT(DISTINCT site_id) AS n FROM {D} AS t, UNNEST(t.modules) AS m"
    one = analyze(f"{crossed} WHERE m.version = '1.0.0' GROUP BY m.slug", sources["dropsonde"])
    two = analyze(f"{crossed} WHERE t.version = '0.0.6' GROUP BY m.slug", sources["dropsonde"])
    assert one.groups.small_groups_allowed == PUBLIC
    assert two.groups.small_groups_allowed is None
    nulls = analyze(f"{crossed} WHERE t.version IS NOT NULL GROUP BY m.slug", sources["dropsonde"])
    assert nulls.groups.small_groups_allowed == PUBLIC  # IS NOT NULL picks no entry
