"""Differencing inside one query: a total beside parts that a threshold or a private filter
trimmed shows, by subtraction, the value of the few sites left out.

GROUPING SETS / ROLLUP / CUBE output one row per grouping set, the grand total `()` among
them (https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#group_by_grouping_sets),
and HAVING filters those rows after grouping
(https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#having_clause).
"""

from __future__ import annotations

import pytest

from fakedata.source import load_source
from tests.conftest import ROOT
from workbench.privacy import analyze

T = "`bto-dataops-datalake-prod.dujour.community_metrics`"
HAVING = "HAVING COUNT(DISTINCT site_id) >= 5"


@pytest.fixture(scope="module")
def dropsonde():
    return load_source(ROOT / "schemas" / "dropsonde")


def differencing(sql: str, source) -> list:
    return [f for f in analyze(sql, source).findings if f.rule == "differencing"]


@pytest.mark.parametrize(
    "sql",
    [
        f"SELECT version, SUM(environment_count) AS e, COUNT(DISTINCT site_id) AS n FROM {T}\n"
        f"GROUP BY GROUPING SETS ((version), ()) {HAVING}",
        f"SELECT version, product, SUM(environment_count) AS e FROM {T}\n"
        f"GROUP BY ROLLUP (version, product) {HAVING}",
        f"SELECT version, product, AVG(environment_count) AS e FROM {T}\n"
        f"GROUP BY CUBE (version, product) {HAVING}",
        f"SELECT SUM(environment_count) AS e FROM {T} {HAVING}\nUNION ALL\n"
        f"SELECT SUM(environment_count) AS e FROM {T} WHERE environment_count < 560 {HAVING}",
        f"SELECT (SELECT SUM(environment_count) FROM {T}) - (SELECT SUM(environment_count) "
        f"FROM {T} WHERE environment_count < 560) AS top",
        f"SELECT version, SUM(environment_count) AS e, (SELECT SUM(environment_count) FROM {T}) "
        f"AS total FROM {T} GROUP BY version {HAVING}",
    ],
)
def test_a_total_beside_trimmed_parts_is_differencing(dropsonde, sql):
    (finding,) = differencing(sql, dropsonde)
    assert "minus" in finding.message


@pytest.mark.parametrize(
    "sql",
    [
        # Every grouping level shown (no threshold): each row is measured by k on its own.
        f"SELECT version, COUNT(DISTINCT site_id) AS n FROM {T} GROUP BY ROLLUP (version)",
        # A share of sites: counts on both paths, no site's value.
        f"SELECT version, COUNT(DISTINCT site_id) / (SELECT COUNT(DISTINCT site_id) FROM {T} "
        f"WHERE environment_count > 1) AS share FROM {T} WHERE environment_count > 1 "
        f"GROUP BY version {HAVING}",
        # One read, one grouping level, a threshold.
        f"SELECT version, SUM(environment_count) AS e FROM {T} GROUP BY version {HAVING}",
        # A thresholded average beside a count of all sites: no second sum to subtract.
        f"SELECT version, AVG(environment_count) AS e, (SELECT COUNT(DISTINCT site_id) FROM {T}) "
        f"AS all_sites FROM {T} GROUP BY version {HAVING}",
    ],
)
def test_one_level_or_counts_only_is_no_differencing(dropsonde, sql):
    assert differencing(sql, dropsonde) == []


# A LEFT JOIN keeps every left row and NULL-fills the right side where no row matches
# (https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#left_join), so
# COUNT of a right-side column counts the rows the right side's own WHERE picked.
LEFT = (
    f"FROM {T} AS t LEFT JOIN (SELECT site_id AS s, environment_count AS e FROM {T} "
    "WHERE {where}) AS c ON c.s = t.site_id"
)


@pytest.mark.parametrize(
    "cell", ["COUNTIF(c.s IS NOT NULL)", "COUNT(c.s)", "COUNT(DISTINCT c.s)", "SUM(c.e)"]
)
def test_a_cell_over_an_outer_joined_read_picked_by_a_private_value_is_targeted(dropsonde, cell):
    sql = (
        f"SELECT t.version, {cell} AS x, COUNT(DISTINCT t.site_id) AS n "
        + LEFT.format(where="environment_count = 568")
        + " GROUP BY t.version HAVING COUNT(DISTINCT t.site_id) >= 5"
    )
    found = [f for f in analyze(sql, dropsonde).findings if f.rule == "targeted-filter"]
    assert found and "another read" in found[0].message, cell


def test_a_scalar_subquery_picked_by_a_private_value_beside_groups_is_targeted(dropsonde):
    sql = (
        f"SELECT version, (SELECT SUM(environment_count) FROM {T} WHERE environment_count > 560) "
        f"AS top, COUNT(DISTINCT site_id) AS n FROM {T} GROUP BY version {HAVING}"
    )
    assert "targeted-filter" in {f.rule for f in analyze(sql, dropsonde).findings}


def test_membership_in_a_read_picked_by_a_private_value_is_targeted(dropsonde):
    picked = f"(SELECT site_id FROM {T} WHERE environment_count = 568)"
    sql = (
        f"SELECT version, COUNTIF(site_id IN {picked}) AS x, COUNT(DISTINCT site_id) AS n "
        f"FROM {T} GROUP BY version HAVING COUNT(DISTINCT site_id) >= 5"
    )
    assert "targeted-filter" in {f.rule for f in analyze(sql, dropsonde).findings}
    weekly = picked.replace("environment_count = 568", "DATE(timestamp) >= CURRENT_DATE() - 7")
    assert "targeted-filter" not in {
        f.rule for f in analyze(sql.replace(picked, weekly), dropsonde).findings
    }


def test_an_outer_joined_read_narrowed_by_time_only_is_fine(dropsonde):
    sql = (
        "SELECT t.version, COUNT(DISTINCT c.s) AS returning, COUNT(DISTINCT t.site_id) AS n "
        + LEFT.format(where="timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 7 DAY)")
        + " GROUP BY t.version HAVING COUNT(DISTINCT t.site_id) >= 5"
    )
    assert "targeted-filter" not in {f.rule for f in analyze(sql, dropsonde).findings}
