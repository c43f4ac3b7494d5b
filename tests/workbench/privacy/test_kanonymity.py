"""The group-size measure: counts that cannot be diluted, shadowed or emptied.

The expected counts come from a plain ``COUNT(DISTINCT site_id)`` per group of the same
query's keys (an independent oracle), not from the carrier rewrite under test.
"""

from __future__ import annotations

import pytest

from workbench.privacy import analyze, k_query, measure

T = "`bto-dataops-datalake-prod.dujour.community_metrics`"
K = 5


@pytest.fixture
def source(wb):
    return wb.project.source("dropsonde")


def measured(wb, source, sql: str):
    analysis = analyze(sql, source, "q.sql")
    assert analysis.ok, analysis.findings
    return measure(wb.engine, analysis.tree, source, "q.sql")


def oracle(wb, keys: str, where: str = "TRUE", frm: str = T) -> tuple[int, int, int]:
    """(groups, small, smallest) by plain COUNT(DISTINCT site_id) per group of ``keys``
    (on the engine: some FROM clauses here use a QUALIFY BigQuery's analyzer would refuse)."""
    table = wb.engine.run(
        f"SELECT COUNT(*) AS g, COUNTIF(n < {K}) AS s, IFNULL(MIN(IF(n < {K}, n, NULL)), 0) AS m "
        f"FROM (SELECT {keys}, COUNT(DISTINCT site_id) AS n FROM {frm} WHERE {where} GROUP BY {keys})"
    )
    return tuple(table.column(i)[0].as_py() for i in range(3))


def counts(result) -> tuple[int, int, int]:
    return result.groups, result.small, result.smallest


def test_plain_groups_match_the_oracle(wb, source):
    got = measured(
        wb, source, f"SELECT environment_count, version, COUNT(*) AS n FROM {T} GROUP BY 1, 2"
    )
    assert counts(got) == oracle(wb, "environment_count, version")
    assert got.small > 0 and got.unknown == 0


def test_entities_are_carried_through_ctes_subqueries_and_unnest(wb, source):
    latest = (
        f"(SELECT site_id, environment_count, modules FROM {T} "
        "QUALIFY ROW_NUMBER() OVER (PARTITION BY site_id ORDER BY timestamp DESC) = 1)"
    )
    sql = (
        f"WITH l AS {latest} "
        "SELECT environment_count, COUNT(*) AS n FROM (SELECT * FROM l), UNNEST(modules) AS m "
        "GROUP BY environment_count"
    )
    expected = oracle(wb, "environment_count", frm=f"{latest} AS l, UNNEST(l.modules) AS m")
    assert counts(measured(wb, source, sql)) == expected


def test_a_cross_joined_population_does_not_dilute(wb, source):
    sql = (
        "SELECT env, COUNT(*) AS n FROM (SELECT environment_count AS env FROM "
        f"{T}) AS mine CROSS JOIN (SELECT DISTINCT site_id FROM {T}) AS everyone GROUP BY env"
    )
    got = measured(wb, source, sql)
    assert counts(got) == oracle(wb, "environment_count")
    assert got.small > 0


def test_a_column_named_like_the_checker_cannot_shadow_it(wb, source):
    sql = (
        "SELECT environment_count, version, COUNT(*) + 1000 AS _wb_k, 1000 AS _wb_entity, "
        f"1000 AS k, 1000 AS k0 FROM {T} GROUP BY 1, 2"
    )
    assert counts(measured(wb, source, sql)) == oracle(wb, "environment_count, version")
    a, b = (k_query(analyze(sql, source).tree, source).sql() for _ in range(2))
    assert a != b  # the checker's names are new on every run


def test_union_branches_are_each_counted(wb, source):
    sql = (
        f"SELECT version AS v, COUNT(*) AS n FROM {T} GROUP BY 1 UNION ALL "
        f"SELECT CAST(environment_count AS STRING) AS v, COUNT(*) AS n FROM {T} GROUP BY 1"
    )
    a, b = oracle(wb, "version"), oracle(wb, "environment_count")
    got = measured(wb, source, sql)
    assert counts(got)[:2] == (a[0] + b[0], a[1] + b[1])


def test_union_by_name_with_a_column_one_side_lacks_is_counted(wb, source):
    sql = (
        f"SELECT version, COUNT(*) AS n FROM {T} GROUP BY version FULL UNION ALL BY NAME "
        f"SELECT environment_count, COUNT(*) AS n FROM {T} GROUP BY environment_count"
    )
    a, b = oracle(wb, "version"), oracle(wb, "environment_count")
    assert counts(measured(wb, source, sql))[:2] == (a[0] + b[0], a[1] + b[1])


def finding(wb, tmp_path, sql: str):
    path = tmp_path / "q.sql"
    path.write_text(sql)
    return [f for f in wb.check([path]).findings if f.rule in ("k-anonymity", "targeted-filter")]


def test_null_entities_are_unknown_not_zero(wb, tmp_path):
    sql = (
        "SELECT x, COUNT(t.environment_count) AS n FROM UNNEST([1, 2, 3]) AS x "
        f"LEFT JOIN {T} AS t ON t.environment_count = x + 100000 GROUP BY x"
    )
    (f,) = finding(wb, tmp_path, sql)
    assert f.severity == "error"
    assert "3 of 3 output rows come from reports without a site_id (NULL)" in f.message


def test_a_filter_empty_on_the_fake_data_is_refused(wb, tmp_path):
    sql = f"SELECT environment_count, COUNT(*) AS n FROM {T} WHERE version = '9.9.9' GROUP BY 1"
    (f,) = finding(wb, tmp_path, sql)
    assert f.severity == "error" and "returns no rows backed by any site_id" in f.message


def test_a_having_threshold_on_the_query_own_path_is_enforcement(wb, tmp_path):
    sql = (
        f"SELECT environment_count, version, COUNT(*) AS n FROM {T} GROUP BY 1, 2 "
        "HAVING COUNT(DISTINCT site_id) >= 5"
    )
    assert finding(wb, tmp_path, sql) == []


def test_a_threshold_on_a_cross_joined_population_is_not(wb, tmp_path):
    sql = (
        "SELECT mine.environment_count, COUNT(*) AS n FROM "
        f"(SELECT environment_count, version FROM {T}) AS mine CROSS JOIN "
        f"(SELECT site_id FROM {T}) AS everyone GROUP BY 1, mine.version "
        "HAVING COUNT(DISTINCT everyone.site_id) >= 5"
    )
    (f,) = finding(wb, tmp_path, sql)
    assert f.severity == "error" and "backed by fewer than k=5" in f.message


@pytest.mark.parametrize(
    "having",
    [
        "COUNT(DISTINCT site_id) = 1",
        "COUNT(DISTINCT site_id) < 5",
        "COUNT(*) <= 2",
        "NOT (COUNT(DISTINCT site_id) >= 5)",
        "COUNT(DISTINCT site_id) BETWEEN 1 AND 3",
        "3 > COUNT(DISTINCT site_id)",
    ],
)
def test_a_filter_keeping_small_groups_is_targeted(wb, tmp_path, having):
    sql = f"SELECT version, COUNT(*) AS n FROM {T} GROUP BY version HAVING {having}"
    rules = {f.rule for f in analyze(sql, wb.project.source("dropsonde")).findings}
    assert rules == {"targeted-filter"}
