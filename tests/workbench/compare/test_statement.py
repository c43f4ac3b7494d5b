"""The query BigQuery runs for a comparison, and the ORDER BY keys of a result.

BigQuery's clock cannot be set, so the comparison pins it in the text: CURRENT_DATE(tz)
is DATE(CURRENT_TIMESTAMP(), tz), and the same for DATETIME and TIME
(https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#current_date:
"the current date as of the specified or default time zone"; the default is UTC), so
each becomes the function of the pinned TIMESTAMP literal. ORDER BY may name an output
column by alias or position, or repeat a selected expression
(https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#order_by_clause).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlglot import exp

from tests.conftest import ROOT
from wbcore.errors import UserError
from workbench.compare.statement import instant_literal, order_keys, published_sql
from workbench.publish import parse_table_id
from workbench.translate import parse

PROD = "bto-dataops-datalake-prod.dujour.community_metrics"
PUBLIC = "dataops-puppet-public-data.community.community_metrics"
NOW = dt.datetime(2026, 11, 15, tzinfo=dt.UTC)
TS = "TIMESTAMP '2026-11-15 00:00:00+00'"


@pytest.fixture(scope="module")
def source(dropsonde):
    return dropsonde


def published(sql, source, table="my-project.examples.metrics", now=NOW):
    return published_sql(sql, source, parse_table_id(table), now)


def test_instant_literal():
    assert instant_literal(NOW) == TS
    assert instant_literal(dt.datetime(2026, 1, 2, 3, 4, 5, 6, tzinfo=dt.UTC)) == (
        "TIMESTAMP '2026-01-02 03:04:05.000006+00'"
    )
    later = dt.datetime(2026, 1, 2, 3, 0, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    assert instant_literal(later) == "TIMESTAMP '2026-01-02 01:00:00+00'"


def test_the_table_reference_changes_and_nothing_else(source):
    sql = (
        "-- question: sites per product\n"
        f"SELECT m.product, COUNT(DISTINCT site_id) AS sites  -- counted\n"
        f"FROM `{PROD}` AS m\nGROUP BY m.product\n"
    )
    assert published(sql, source) == sql.replace(f"`{PROD}`", "`my-project.examples.metrics`")


def test_a_reference_without_alias_keeps_its_name_for_the_columns(source):
    sql = f"SELECT community_metrics.product FROM `{PROD}` GROUP BY 1"
    assert published(sql, source) == (
        "SELECT community_metrics.product FROM `my-project.examples.metrics` AS "
        "community_metrics GROUP BY 1"
    )
    # the published table's own short name needs no alias
    assert published(sql, source, PUBLIC) == sql.replace(PROD, PUBLIC)


def test_every_name_of_the_source_table(source):
    for name in ("community_metrics", PUBLIC, f"`{PROD}`"):
        sql = f"SELECT COUNT(*) AS n FROM {name} AS t"
        assert published(sql, source) == (
            "SELECT COUNT(*) AS n FROM `my-project.examples.metrics` AS t"
        )


def test_another_table_is_refused(source):
    with pytest.raises(
        UserError, match=r"reads table 'other-project\.x\.secrets', not a dropsonde"
    ):
        published("SELECT 1 AS x FROM `other-project.x.secrets`", source)


@pytest.mark.parametrize(
    ("call", "pinned"),
    [
        ("CURRENT_DATE()", f"DATE({TS})"),
        ("CURRENT_DATE", f"DATE({TS})"),
        ("current_date('America/New_York')", f"DATE({TS}, 'America/New_York')"),
        ("CURRENT_TIMESTAMP()", TS),
        ("CURRENT_TIMESTAMP", TS),
        ("CURRENT_DATETIME()", f"DATETIME({TS})"),
        ("CURRENT_DATETIME('Europe/Paris')", f"DATETIME({TS}, 'Europe/Paris')"),
        ("CURRENT_TIME()", f"TIME({TS})"),
    ],
)
def test_the_clock_reads_the_pinned_instant(source, call, pinned):
    sql = f"SELECT {call} AS now FROM `{PROD}` AS t GROUP BY 1"
    assert published(sql, source) == (
        f"SELECT {pinned} AS now FROM `my-project.examples.metrics` AS t GROUP BY 1"
    )


def test_the_real_clock_stays_when_nothing_is_pinned(source):
    sql = f"SELECT CURRENT_DATE() AS d FROM `{PROD}` AS t GROUP BY 1"
    assert "CURRENT_DATE()" in published(sql, source, now=None)


def test_a_clock_word_in_a_string_or_comment_stays(source):
    sql = f"SELECT 'CURRENT_DATE()' AS s -- CURRENT_DATE\nFROM `{PROD}` AS t GROUP BY 1"
    assert published(sql, source, PUBLIC) == sql.replace(PROD, PUBLIC)


@pytest.mark.parametrize(
    ("sql", "keys"),
    [
        ("SELECT a, b FROM t", None),
        ("SELECT a, b FROM t ORDER BY b DESC, a", [1, 0]),
        ("SELECT a, b FROM t ORDER BY 2", [1]),
        (
            "SELECT m.slug, COUNT(*) AS n FROM t, UNNEST(modules) AS m GROUP BY 1 ORDER BY m.slug",
            [0],
        ),
        ("SELECT a, b FROM t ORDER BY LENGTH(a)", [0, 1]),  # not in the output: positions
        ("SELECT a, b FROM (SELECT a, b FROM t ORDER BY a)", None),  # only the outermost counts
        ("WITH w AS (SELECT 1 AS a, 2 AS b) SELECT a, b FROM w ORDER BY B", [1]),
        ("SELECT a, b FROM t UNION ALL SELECT a, b FROM u ORDER BY a", [0]),
    ],
)
def test_order_keys(sql, keys):
    assert order_keys(sql, ["a", "b"] if "slug" not in sql else ["slug", "n"]) == keys


QUERIES = sorted((ROOT / "queries").glob("*/*.sql"))


@pytest.mark.parametrize("path", QUERIES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_the_pinned_query_gives_the_offline_result(wb, path: Path):
    """Offline, the query as BigQuery gets it (the clock as a literal) gives the very rows of
    the query as written: the literal is the offline engine's pinned clock."""
    from workbench.check import source_for

    sql = path.read_text()
    source = source_for(wb.project, path, sql)
    # the production name: a table the local engine reads too
    pinned = published_sql(sql, source, parse_table_id(source.production_table), wb.engine.now())
    clocks = (exp.CurrentDate, exp.CurrentTimestamp, exp.CurrentDatetime, exp.CurrentTime)
    assert parse(sql).find(*clocks) is not None and parse(pinned).find(*clocks) is None
    offline = wb.arrow(path)
    assert offline.num_rows > 0
    assert wb.arrow(pinned).equals(offline)


@pytest.mark.parametrize(
    "name",
    [
        "`bto-dataops-datalake-prod`.dujour.community_metrics",
        "`bto-dataops-datalake-prod`.`dujour`.`community_metrics`",
    ],
)
def test_a_name_written_in_parts_is_replaced_whole(source, name):
    assert published(f"SELECT COUNT(*) AS n FROM {name}", source) == (
        "SELECT COUNT(*) AS n FROM `my-project.examples.metrics` AS community_metrics"
    )


def test_a_with_query_of_the_same_name_is_not_the_table(source):
    sql = "WITH community_metrics AS (SELECT 1 AS x) SELECT x FROM community_metrics"
    assert published(sql, source) == sql
