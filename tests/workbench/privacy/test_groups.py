"""Output keys, packed cells and filters: the static facts the small-group rule decides with.

Expected classes follow the issue's rules: public dimensions are what source.toml declares
(values of a public catalogue), a time is public once coarsened to a day or more, a histogram
is one number per entity (alone, or a number of the same repeated record as the public keys,
as Dropsonde's published class usage is), anything else is private.
"""

from __future__ import annotations

import pytest

from fakedata.source import load_source
from tests.conftest import ROOT
from workbench.privacy import analyze
from workbench.privacy.groups import HISTOGRAM, PER_REPORT, PRIVATE, PUBLIC, TIME

T = "`bto-dataops-datalake-prod.dujour.community_metrics`"
P = "`pace-telemetry-prod.cli.pace_telemetry`"


@pytest.fixture(scope="module")
def sources():
    return {n: load_source(ROOT / "schemas" / n) for n in ("dropsonde", "pace")}


def groups(sql, sources, name="dropsonde"):
    analysis = analyze(sql, sources[name])
    assert analysis.groups is not None
    return analysis


@pytest.mark.parametrize(
    ("key", "cls"),
    [
        ("m.slug", PUBLIC),
        ("SPLIT(m.version, '.')[SAFE_OFFSET(0)]", PUBLIC),
        ("DATE_TRUNC(DATE(timestamp), WEEK)", TIME),
        ("EXTRACT(DAYOFWEEK FROM timestamp)", TIME),
        ("TIMESTAMP_TRUNC(timestamp, HOUR)", TIME),
        # WEEK and WEEK(<WEEKDAY>) are granularities of TIMESTAMP_TRUNC (GoogleSQL timestamp
        # functions: https://cloud.google.com/bigquery/docs/reference/standard-sql/timestamp_functions#timestamp_trunc)
        ("TIMESTAMP_TRUNC(timestamp, WEEK)", TIME),
        ("TIMESTAMP_TRUNC(timestamp, WEEK(MONDAY))", TIME),
        ("DATE(TIMESTAMP_TRUNC(timestamp, WEEK))", TIME),
        ("EXTRACT(WEEK FROM timestamp)", TIME),
        ("timestamp", PER_REPORT),
        ("TIMESTAMP_TRUNC(timestamp, SECOND)", PER_REPORT),
        ("UNIX_MICROS(timestamp)", PER_REPORT),
        ("CAST(timestamp AS STRING)", PER_REPORT),
        ("environment_count", HISTOGRAM),
        ("ARRAY_LENGTH(modules)", HISTOGRAM),
        ("DIV(environment_count, 10)", HISTOGRAM),
        ("CONCAT(m.slug, CAST(environment_count AS STRING))", PRIVATE),
        ("m.slug || t.version", PUBLIC),
    ],
)
def test_key_classes(sources, key, cls):
    sql = f"SELECT {key} AS k, COUNT(*) AS n FROM {T} AS t, UNNEST(modules) AS m GROUP BY 1"
    (found,) = groups(sql, sources).groups.keys
    assert found.cls == cls


@pytest.mark.parametrize(
    ("keys", "allowed"),
    [
        ("m.slug, m.version", PUBLIC),
        ("DATE_TRUNC(DATE(timestamp), WEEK), m.slug", PUBLIC),
        ("environment_count", HISTOGRAM),
        ("DATE(timestamp), environment_count", HISTOGRAM),
        ("c.name, c.count", HISTOGRAM),  # classes.count per classes.name: Dropsonde's class usage
        ("m.slug, environment_count", None),  # a site-level number crossed with a module
        ("environment_count, ARRAY_LENGTH(modules)", None),
        ("environment_count, t.version", None),
    ],
)
def test_which_small_groups_are_allowed(sources, keys, allowed):
    sql = (
        f"SELECT {keys}, COUNT(*) AS n FROM {T} AS t, UNNEST(modules) AS m, UNNEST(classes) AS c "
        f"GROUP BY {keys}"
    )
    assert groups(sql, sources).groups.small_groups_allowed == allowed


def test_a_filter_on_a_private_value_takes_the_allowance_away(sources):
    base = f"SELECT m.slug, COUNT(*) AS n FROM {T}, UNNEST(modules) AS m WHERE {{}} GROUP BY 1"
    for harmless in (
        "m.version = '1.0.0'",
        "timestamp > TIMESTAMP '2026-01-01'",
        "site_id IS NOT NULL",
        "environment_count IS NOT NULL",
        "environment_count > 0",
    ):
        assert groups(base.format(harmless), sources).groups.small_groups_allowed == PUBLIC
    for narrowing in (
        "environment_count > 100",
        "environment_count = 17",
        "ip IS NULL AND environment_count < 3",
    ):
        g = groups(base.format(narrowing), sources).groups
        assert g.small_groups_allowed is None and g.selective is not None


def test_a_list_of_public_values_or_of_one_number_is_not_row_level(sources):
    for sql in (
        f"SELECT DISTINCT m.slug FROM {T}, UNNEST(modules) AS m",
        f"SELECT c.name, c.count FROM {T}, UNNEST(classes) AS c GROUP BY c.name, c.count",
    ):
        assert {f.rule for f in groups(sql, sources).findings} == set()
    for sql in (
        f"SELECT DISTINCT environment_count, version FROM {T}",
        f"SELECT users FROM (SELECT environment_count AS users FROM {T}) GROUP BY users, users + 1",
    ):
        assert "row-level" in {f.rule for f in groups(sql, sources).findings}


@pytest.mark.parametrize(
    "cell",
    [
        "ARRAY_AGG(m.slug)",
        "STRING_AGG(DISTINCT m.slug)",
        "ANY_VALUE(TO_JSON_STRING(modules))",
        "ARRAY_CONCAT_AGG(modules)",
        "MAX(m.version)",
        "MIN(timestamp)",
        "APPROX_TOP_COUNT(m.slug, 3)",
    ],
)
def test_a_packed_cell_is_refused(sources, cell):
    sql = (
        f"SELECT t.version, {cell} AS c, COUNT(*) AS n FROM {T} AS t, UNNEST(modules) AS m "
        "GROUP BY t.version"
    )
    assert "value-aggregate" in {f.rule for f in groups(sql, sources).findings}


def test_numbers_and_aggregates_of_aggregates_are_not_packed_cells(sources):
    for sql in (
        f"SELECT version, AVG(environment_count) AS mean, SUM(ARRAY_LENGTH(modules)) AS total FROM {T} GROUP BY version",
        f"SELECT ARRAY_AGG(STRUCT(version, n)) AS v FROM (SELECT version, COUNT(*) AS n FROM {T} GROUP BY version)",
        f"SELECT APPROX_QUANTILES(environment_count, 4)[SAFE_OFFSET(2)] AS q FROM {T}",
    ):
        assert {f.rule for f in groups(sql, sources).findings} == set(), sql
    # The whole array holds "the approximate minimum" and "the approximate maximum" as its
    # first and last elements (https://cloud.google.com/bigquery/docs/reference/standard-sql/
    # approximate_aggregate_functions#approx_quantiles): the edge sites' values.
    whole = f"SELECT APPROX_QUANTILES(environment_count, 4) AS q FROM {T}"
    assert "value-aggregate" in {f.rule for f in groups(whole, sources).findings}


def test_a_subquery_over_reports_in_an_output_cell_is_refused(sources):
    for sql in (
        f"SELECT ARRAY(SELECT TO_JSON_STRING(STRUCT(environment_count, version)) FROM {T}) AS all_reports",
        f"SELECT (SELECT environment_count FROM {T} LIMIT 1) AS one",
        f"SELECT EXISTS(SELECT 1 FROM {T} WHERE environment_count = 523) AS there",
    ):
        assert "value-aggregate" in {f.rule for f in groups(sql, sources).findings}, sql
    fine = f"SELECT (SELECT COUNT(DISTINCT site_id) FROM {T}) AS sites"
    assert {f.rule for f in groups(fine, sources).findings} == set()


def test_pace_histogram_per_command(sources):
    per_command = (
        f"SELECT p.command_path, p.exit_code, p.cumulative_count, COUNT(*) AS n FROM {P}, "
        "UNNEST(metric_points) AS p GROUP BY 1, 2, 3"
    )
    assert groups(per_command, sources, "pace").groups.small_groups_allowed == HISTOGRAM
    crossed = per_command.replace(
        "SELECT p.command_path", "SELECT cli_version, p.command_path"
    ).replace("GROUP BY 1, 2, 3", "GROUP BY 1, 2, 3, 4")
    assert groups(crossed, sources, "pace").groups.small_groups_allowed is None


def test_public_fields_of_two_records_pair_up_one_site(sources):
    sql = (
        f"SELECT m.slug, cp.platform, COUNT(*) AS n FROM {T}, UNNEST(modules) AS m, "
        "UNNEST(class_platforms) AS cp GROUP BY 1, 2"
    )
    assert groups(sql, sources).groups.small_groups_allowed is None


def test_error_is_a_side_channel(sources):
    sql = f"SELECT COUNT(*) AS n FROM {T} WHERE IF(environment_count = 568, ERROR('x'), TRUE)"
    assert "side-channel" in {f.rule for f in groups(sql, sources).findings}


def test_a_private_value_in_the_cells_takes_the_allowance_away(sources):
    """Public keys protect counts; in a one-site group an average of a private number is
    that site's number. The keys' own record's numbers (classes.count per class) are fine."""
    base = f"SELECT m.slug, {{}} AS v FROM {T} AS t, UNNEST(modules) AS m, UNNEST(classes) AS c GROUP BY 1"
    for value in ("COUNT(DISTINCT site_id)", "COUNTIF(environment_count > 3)", "COUNT(*)"):
        assert groups(base.format(value), sources).groups.small_groups_allowed == PUBLIC, value
    for value in ("AVG(environment_count)", "MAX(ARRAY_LENGTH(modules))", "SUM(c.count)"):
        g = groups(base.format(value), sources).groups
        assert g.small_groups_allowed is None and g.private_values is not None, value
    own = f"SELECT c.name, SUM(c.count) AS nodes FROM {T}, UNNEST(classes) AS c GROUP BY 1"
    assert groups(own, sources).groups.small_groups_allowed == PUBLIC


@pytest.mark.parametrize(
    "narrowing",
    [
        f"(SELECT modules FROM {T} QUALIFY environment_count = MAX(environment_count) OVER ())",
        f"(SELECT modules FROM {T} ORDER BY environment_count DESC LIMIT 1)",
        f"(SELECT modules FROM {T} QUALIFY ROW_NUMBER() OVER (ORDER BY environment_count DESC) = 1)",
    ],
)
def test_picking_one_site_by_a_private_order_takes_the_allowance_away(sources, narrowing):
    sql = f"SELECT m.slug, COUNT(*) AS n FROM {narrowing}, UNNEST(modules) AS m GROUP BY 1"
    g = groups(sql, sources).groups
    assert g.small_groups_allowed is None and g.selective is not None


def test_keeping_each_site_latest_report_is_not_narrowing(sources):
    latest = (
        f"(SELECT modules FROM {T} QUALIFY ROW_NUMBER() OVER "
        "(PARTITION BY site_id ORDER BY timestamp DESC) = 1)"
    )
    sql = f"SELECT m.slug, COUNT(*) AS n FROM {latest}, UNNEST(modules) AS m GROUP BY 1"
    assert groups(sql, sources).groups.small_groups_allowed == PUBLIC


def test_the_documented_median_idiom_is_an_aggregation(sources, wb, tmp_path):
    """BigQuery's PERCENTILE_CONT examples write `SELECT DISTINCT PERCENTILE_CONT(x, 0.5)
    OVER ()`: one row per partition, as GROUP BY the partition keys gives, and measured so."""
    median = f"SELECT DISTINCT PERCENTILE_CONT(environment_count, 0.5) OVER () AS median FROM {T}"
    assert {f.rule for f in groups(median, sources).findings} == set()
    path = tmp_path / "median.sql"
    path.write_text(median)
    assert not wb.check([path]).failed
    per_pair = (
        "SELECT DISTINCT environment_count, PERCENTILE_CONT(ARRAY_LENGTH(modules), 0.5) "
        f"OVER (PARTITION BY environment_count, version) AS m FROM {T}"
    )
    path.write_text(per_pair)
    assert "k-anonymity" in {f.rule for f in wb.check([path]).findings if f.severity == "error"}
    listing = f"SELECT DISTINCT environment_count, ip IS NULL AS x, COUNT(*) OVER () AS n FROM {T}"
    assert "row-level" in {f.rule for f in groups(listing, sources).findings}


# MIN, MAX and the percentiles at 0 or 1 return one input value as it is: the one site at the
# edge (GoogleSQL: MAX "returns the maximum non-NULL value in an aggregated group",
# https://cloud.google.com/bigquery/docs/reference/standard-sql/aggregate_functions#max;
# PERCENTILE_CONT(x, 1) is the maximum and PERCENTILE_DISC "returns the first value ... whose
# cumulative distribution is >= the percentile",
# https://cloud.google.com/bigquery/docs/reference/standard-sql/navigation_functions).
@pytest.mark.parametrize(
    "cell",
    [
        "MAX(environment_count)",
        "MIN(ARRAY_LENGTH(modules))",
        "MAX(environment_count + 0)",
        "MAX_BY(product, environment_count)",
        "MIN_BY(product, timestamp)",
    ],
)
def test_the_edge_value_of_a_number_is_a_packed_cell(sources, cell):
    sql = f"SELECT version, {cell} AS v, COUNT(DISTINCT site_id) AS sites FROM {T} GROUP BY version"
    assert "value-aggregate" in {f.rule for f in groups(sql, sources).findings}, cell


@pytest.mark.parametrize(
    "cell",
    [
        "PERCENTILE_CONT(environment_count, 1) OVER (PARTITION BY version)",
        "PERCENTILE_CONT(environment_count, 0) OVER (PARTITION BY version)",
        "PERCENTILE_DISC(environment_count, 1) OVER (PARTITION BY version)",
        "PERCENTILE_DISC(timestamp, 0.5) OVER (PARTITION BY version)",
        "MAX(environment_count) OVER (PARTITION BY version)",
    ],
)
def test_a_window_at_the_edge_is_a_packed_cell(sources, cell):
    sql = f"SELECT DISTINCT version, {cell} AS v FROM {T}"
    assert "value-aggregate" in {f.rule for f in groups(sql, sources).findings}, cell


def test_the_edge_of_a_bucket_or_of_an_inner_percentile_is_no_packed_cell(sources):
    bucket = (
        f"SELECT DIV(environment_count, 100) AS hundreds, MIN(environment_count) AS lowest, "
        f"COUNT(DISTINCT site_id) AS sites FROM {T} GROUP BY hundreds"
    )
    assert groups(bucket, sources).findings == []
    inner = (
        "SELECT MAX(p50) AS median FROM (SELECT site_id, "
        f"PERCENTILE_CONT(environment_count, 0.5) OVER () AS p50 FROM {T})"
    )
    assert groups(inner, sources).findings == []
    inner_max = inner.replace("0.5", "1")
    assert "value-aggregate" in {f.rule for f in groups(inner_max, sources).findings}
    # At 0.999 of 300 sites PERCENTILE_CONT interpolates between the two largest values
    # ("linear interpolation", .../navigation_functions#percentile_cont): the edge, nearly.
    for near_edge in ("0.999", "0.001"):
        near = inner.replace("0.5", near_edge)
        assert "value-aggregate" in {f.rule for f in groups(near, sources).findings}, near_edge
    median = f"SELECT DISTINCT PERCENTILE_DISC(environment_count, 0.5) OVER () AS m FROM {T}"
    assert groups(median, sources).findings == []


def test_public_keys_of_a_record_and_of_the_report_are_not_a_catalogue(sources):
    """CLI version x operating system (the report's columns) is one catalogue, command x exit
    code (one record) another; crossed, they pair one install's usage with its platform."""
    report = f"SELECT cli_version, operating_system, COUNT(DISTINCT id) AS n FROM {P} GROUP BY 1, 2"
    assert groups(report, sources, "pace").groups.small_groups_allowed == PUBLIC
    record = (
        f"SELECT p.command_path, p.exit_code, COUNT(DISTINCT id) AS n FROM {P}, "
        "UNNEST(metric_points) AS p GROUP BY 1, 2"
    )
    assert groups(record, sources, "pace").groups.small_groups_allowed == PUBLIC
    crossed = record.replace("SELECT p.command_path", "SELECT cli_version, p.command_path")
    crossed = crossed.replace("GROUP BY 1, 2", "GROUP BY 1, 2, 3")
    assert groups(crossed, sources, "pace").groups.small_groups_allowed is None


def test_the_edge_of_a_public_number_is_no_packed_cell(sources):
    sql = (
        f"SELECT p.command_path, MAX(p.exit_code) AS worst, COUNT(DISTINCT id) AS n FROM {P}, "
        "UNNEST(metric_points) AS p GROUP BY 1"
    )
    assert "value-aggregate" not in {f.rule for f in groups(sql, sources, "pace").findings}
    private = sql.replace("MAX(p.exit_code)", "MAX(p.cumulative_count)")
    assert "value-aggregate" in {f.rule for f in groups(private, sources, "pace").findings}


# A condition inside an aggregate is a filter over a subgroup the group's k does not count:
# COUNTIF "returns the count of TRUE values for expression"
# (https://cloud.google.com/bigquery/docs/reference/standard-sql/aggregate_functions#countif).
@pytest.mark.parametrize(
    "cell",
    [
        "COUNTIF(environment_count = 568)",
        "LOGICAL_OR(environment_count = 568)",
        "COUNT(DISTINCT IF(environment_count > 560, site_id, NULL))",
        "AVG(IF(environment_count > 560, environment_count, NULL))",
        "SUM(environment_count) - SUM(IF(environment_count < 560, environment_count, 0))",
        "SUM(CASE WHEN ARRAY_LENGTH(modules) = 77 THEN 1 ELSE 0 END)",
        # Conditions without IF: a simple CASE's operand, a comparison cast to a number, and
        # numbers clamped or stepped at a constant (GREATEST / LEAST "returns the greatest /
        # least value", DIV the quotient, SIGN -1, 0 or +1, NULLIF NULL when equal:
        # https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions,
        # .../conditional_expressions#nullif): each is 1 (or NULL) on one side of 568 only.
        "SUM(CASE environment_count WHEN 568 THEN 1 ELSE 0 END)",
        "SUM(CAST(environment_count = 568 AS INT64))",
        "SUM(LEAST(GREATEST(environment_count - 567, 0), 1))",
        "SUM(DIV(environment_count, 568))",
        "AVG(SIGN(environment_count - 568))",
        "COUNT(*) - COUNT(NULLIF(environment_count, 568))",
        "SUM(GREATEST(environment_count, 568)) - 568 * COUNT(*)",
    ],
)
def test_an_aggregate_conditioned_on_a_private_value_is_a_targeted_filter(sources, cell):
    sql = (
        f"SELECT version, {cell} AS x, COUNT(DISTINCT site_id) AS sites FROM {T} "
        "GROUP BY version HAVING COUNT(DISTINCT site_id) >= 5"
    )
    found = [f for f in groups(sql, sources).findings if f.rule == "targeted-filter"]
    assert len(found) == 1, cell
    assert "group key" in found[0].message


@pytest.mark.parametrize(
    "cell",
    [
        "COUNTIF(ip IS NULL)",
        "COUNTIF(product = 'puppet')",
        "COUNTIF(timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 7 DAY))",
        "COUNT(DISTINCT IF(DATE(timestamp) = CURRENT_DATE(), site_id, NULL))",
        "ROUND(AVG(environment_count), 2)",  # rounds the average, not each site's number
        "SUM(GREATEST(environment_count - ARRAY_LENGTH(modules), 0))",  # clamped at zero
        "AVG(ABS(environment_count - ARRAY_LENGTH(modules)))",
        "SUM(environment_count * 2 - 1)",
    ],
)
def test_an_aggregate_conditioned_on_public_values_or_time_is_fine(sources, cell):
    sql = f"SELECT version, {cell} AS x, COUNT(DISTINCT site_id) AS sites FROM {T} GROUP BY version"
    assert "targeted-filter" not in {f.rule for f in groups(sql, sources).findings}, cell


def test_a_window_edge_value_as_a_group_key_is_a_packed_cell(sources):
    over_all = (
        f"WITH r AS (SELECT site_id, MAX(environment_count) OVER () AS top FROM {T}) "
        "SELECT top, COUNT(DISTINCT site_id) AS sites FROM r GROUP BY top"
    )
    assert "value-aggregate" in {f.rule for f in groups(over_all, sources).findings}
    per_site = over_all.replace("OVER ()", "OVER (PARTITION BY site_id)")
    assert "value-aggregate" not in {f.rule for f in groups(per_site, sources).findings}


def test_an_output_of_scalar_subqueries_has_their_groups(sources):
    """`SELECT (SELECT AVG(x) FROM t WHERE ...)` has no FROM: its one row is the subquery's
    group (a scalar subquery "returns exactly one value",
    https://cloud.google.com/bigquery/docs/reference/standard-sql/subqueries#scalar_subquery_concepts),
    so the small-group rules judge that group; a subquery that keeps itself to k passes."""
    inner = f"SELECT AVG(environment_count) FROM {T} WHERE environment_count > 560"
    found = groups(f"SELECT CURRENT_DATE() AS d, ({inner}) AS top", sources).groups
    assert len(found.scopes) == 1 and found.selective and not found.enforced
    kept = f"SELECT ({inner} HAVING COUNT(DISTINCT site_id) >= 5) AS top"
    assert groups(kept, sources).groups.enforced


# LAG "returns the value of the value_expression on a preceding row" of the window's order
# (https://cloud.google.com/bigquery/docs/reference/standard-sql/navigation_functions#lag):
# ordered by the number itself, x - LAG(x) telescopes to the largest minus the smallest.
@pytest.mark.parametrize(
    "sql",
    [
        "WITH g AS (SELECT site_id, environment_count - LAG(environment_count) OVER "
        f"(ORDER BY environment_count) AS gap FROM {T}) SELECT SUM(gap) AS s FROM g",
        "WITH g AS (SELECT site_id, SUM(environment_count) OVER (ORDER BY environment_count "
        f"ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS pair FROM {T}) SELECT AVG(pair) AS a FROM g",
        f"SELECT version, SAFE.POWER(SUM(SAFE.POWER(environment_count, 50)), 0.02) AS top "
        f"FROM {T} GROUP BY version",
        f"SELECT version, SAFE.LN(SUM(SAFE.EXP(environment_count))) AS top FROM {T} GROUP BY 1",
        f"SELECT version, APPROX_QUANTILES(environment_count, 4)[OFFSET(4)] AS top FROM {T} "
        "GROUP BY version",
    ],
)
def test_neighbours_soft_maxima_and_sketch_edges_are_edge_values(sources, sql):
    assert "value-aggregate" in {f.rule for f in groups(sql, sources).findings}, sql


@pytest.mark.parametrize(
    "sql",
    [
        "WITH r AS (SELECT site_id, ROW_NUMBER() OVER (ORDER BY environment_count) AS n "
        f"FROM {T}) SELECT COUNT(DISTINCT site_id) AS sites, AVG(n) AS a FROM r",
        "WITH d AS (SELECT site_id, environment_count - LAG(environment_count) OVER "
        f"(PARTITION BY site_id ORDER BY timestamp) AS change FROM {T}) "
        "SELECT AVG(change) AS a FROM d",
        f"SELECT version, SUM(POWER(environment_count, 2)) AS squares FROM {T} GROUP BY 1",
        f"SELECT version, APPROX_QUANTILES(environment_count, 100)[SAFE_OFFSET(50)] AS median "
        f"FROM {T} GROUP BY version",
    ],
)
def test_ranks_time_orders_squares_and_inner_quantiles_are_no_edge_values(sources, sql):
    found = [f.message for f in groups(sql, sources).findings if f.rule == "value-aggregate"]
    assert found == [], sql
