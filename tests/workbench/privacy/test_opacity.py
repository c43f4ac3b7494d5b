"""Identifiers are opaque: each allowed use passes, every other use is refused by construct.

The allowed uses are the issue's list (COUNT(DISTINCT id), IS [NOT] NULL, equality joins
between identifiers of the same kind, PARTITION BY / GROUP BY keys); a property test
composes allowed constructs at random, then inserts one forbidden use anywhere.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fakedata.source import load_source
from tests.conftest import ROOT
from workbench.privacy import analyze

T = "`bto-dataops-datalake-prod.dujour.community_metrics`"


@pytest.fixture(scope="module")
def source():
    return load_source(ROOT / "schemas" / "dropsonde")


def uses(sql: str, source) -> list[str]:
    """The constructs identifier-use findings name, in line order."""
    found = analyze(sql, source).findings
    return [
        f.message.split(" is used in ")[1].split(";")[0]
        for f in found
        if f.rule == "identifier-use"
    ]


ALLOWED = [
    f"SELECT COUNT(DISTINCT site_id) AS n FROM {T}",
    f"SELECT COUNT(ip) AS n, COUNTIF(message_id IS NULL) AS m FROM {T}",
    f"SELECT COUNT(*) AS n FROM {T} WHERE ip IS NOT NULL",
    f"SELECT COUNT(*) AS n FROM {T} a JOIN {T} b ON a.site_id = b.site_id",
    f"SELECT COUNT(*) AS n FROM {T} a JOIN {T} b USING (site_id)",
    f"SELECT COUNT(*) AS n FROM {T} WHERE site_id IN (SELECT site_id FROM {T} WHERE version = '0.0.8')",
    f"SELECT COUNT(*) AS n FROM {T} WHERE site_id NOT IN (SELECT site_id FROM {T})",
    f"SELECT COUNTIF(site_id IN (SELECT site_id FROM {T} WHERE version = '0.0.8')) AS n FROM {T}",
    f"SELECT COUNT(*) AS n FROM {T} a WHERE EXISTS (SELECT 1 FROM {T} b WHERE b.site_id = a.site_id)",
    f"SELECT COUNT(DISTINCT IF(version = '0.0.8', site_id, NULL)) AS n FROM {T}",
    f"SELECT COUNT(DISTINCT CASE WHEN version = '0.0.8' THEN site_id END) AS n FROM {T}",
    f"WITH l AS (SELECT site_id, environment_count FROM {T} QUALIFY ROW_NUMBER() OVER "
    "(PARTITION BY site_id ORDER BY timestamp DESC) = 1) SELECT COUNT(DISTINCT site_id) AS n FROM l",
    f"WITH s AS (SELECT site_id AS who, COUNT(*) AS r FROM {T} GROUP BY site_id) "
    "SELECT COUNT(DISTINCT who) AS n, AVG(r) AS mean FROM s",
    f"SELECT COUNT(DISTINCT site_id) OVER (PARTITION BY version) AS n FROM {T} LIMIT 1",
]


@pytest.mark.parametrize("sql", ALLOWED)
def test_allowed_uses_pass(sql, source):
    assert uses(sql, source) == []


REFUSED = [
    (f"SELECT COUNTIF(TO_HEX(site_id) LIKE '5a01%') AS n FROM {T}", "TO_HEX"),
    (f"SELECT LOGICAL_OR(ip = '10.0.0.1') AS seen FROM {T}", "a comparison with a literal"),
    (f"SELECT COUNT(*) AS n FROM {T} WHERE ip LIKE '10.%'", "LIKE"),
    (f"SELECT COUNT(*) AS n FROM {T} WHERE message_id IN ('a', 'b')", "IN"),
    (f"SELECT COUNT(*) AS n FROM {T} WHERE ip BETWEEN '1' AND '2'", "BETWEEN"),
    (f"SELECT COUNT(*) AS n FROM {T} WHERE ip > '1'", "an ordering comparison (<, >)"),
    (f"SELECT DENSE_RANK() OVER (ORDER BY site_id) AS r FROM {T}", "ORDER BY of a window"),
    (f"SELECT FIRST_VALUE(version) OVER (ORDER BY ip) AS v FROM {T}", "ORDER BY of a window"),
    (f"SELECT COUNT(*) AS n FROM {T} GROUP BY version ORDER BY MAX(ip)", "MAX"),
    (f"SELECT STRING_AGG(CASE SUBSTR(ip, 1, 1) WHEN '1' THEN '1' END) AS s FROM {T}", "SUBSTR"),
    (
        f"SELECT COUNT(*) AS n FROM {T} WHERE CASE ip WHEN '1' THEN TRUE END",
        "the condition of a CASE/IF",
    ),
    (
        f"SELECT SUM(IF(ip IS NULL, 0, 1)) AS n, MAX(IF(version = 'x', ip, '')) AS m FROM {T}",
        "a CASE/IF value",
    ),
    (
        f"SELECT COUNT(*) AS n FROM {T} a JOIN {T} b ON a.ip = b.message_id",
        "a comparison with a value that is not the same identifier",
    ),
    (
        f"SELECT ARRAY_LENGTH(GENERATE_ARRAY(1, CAST(SPLIT(ip, '.')[SAFE_OFFSET(0)] AS INT64))) AS n FROM {T}",
        "SPLIT",
    ),
    (f"SELECT ANY_VALUE(TO_JSON_STRING(t)) AS r FROM {T} AS t", "TO_JSON_STRING"),
    (f"SELECT ARRAY_LENGTH(ARRAY(SELECT DISTINCT site_id FROM {T})) AS n", "an ARRAY"),
    (
        f"WITH c AS (SELECT site_id AS s FROM {T}) SELECT COUNT(*) AS n FROM c WHERE LENGTH(s) > 3",
        "LENGTH",
    ),
    (
        f"SELECT COUNT(*) AS n FROM (SELECT ip FROM {T} UNION ALL SELECT ip FROM {T}) WHERE ip = '1'",
        "a comparison with a literal",
    ),
    (f"SELECT COUNT(DISTINCT CONCAT(ip, 'x')) AS n FROM {T}", "CONCAT"),
    (f"SELECT COUNT(*) AS n FROM {T} WHERE CAST(site_id AS STRING) IS NULL", "CAST"),
    (f"SELECT COUNT(*) AS n FROM {T} WHERE ip IN UNNEST(['10.0.0.1'])", "IN"),
    (
        f"SELECT COUNT(*) AS n FROM {T} WHERE ip IS DISTINCT FROM '10.0.0.1'",
        "IS [NOT] DISTINCT FROM",
    ),
    (f"SELECT COUNT(*) AS n FROM {T} WHERE STARTS_WITH(ip, '10.')", "STARTS_WITH"),
    (
        f"SELECT COUNT(*) AS n FROM {T} a JOIN {T} b ON a.site_id < b.site_id",
        "an ordering comparison (<, >)",
    ),
]


@pytest.mark.parametrize(("sql", "construct"), REFUSED)
def test_every_other_use_is_refused_by_name(sql, construct, source):
    assert construct in uses(sql, source)


# -- property: random compositions of allowed constructs; one forbidden use breaks them ------

IDS = ("site_id", "ip", "message_id")
allowed_measure = st.sampled_from(
    [
        "COUNT(DISTINCT {i})",
        "COUNT({i})",
        "COUNTIF({i} IS NOT NULL)",
        "COUNT(DISTINCT IF(version = '0.0.8', {i}, NULL))",
        "COUNTIF({i} IN (SELECT {i} FROM " + T + "))",
    ]
)
allowed_filter = st.sampled_from(
    [
        "{i} IS NOT NULL",
        "{i} IN (SELECT {i} FROM " + T + " WHERE environment_count > 2)",
        "EXISTS (SELECT 1 FROM " + T + " AS x WHERE x.{i} = base.{i})",
        "TRUE",
    ]
)
forbidden = st.sampled_from(
    [
        "TO_HEX(CAST({i} AS BYTES))",
        "LENGTH({i})",
        "{i} = 'a'",
        "{i} LIKE '1%'",
        "CAST({i} AS STRING)",
        "CONCAT({i}, '.')",
        "IF({i} = 'z', 1, 0)",
        "MAX({i}) OVER ()",
        "FARM_FINGERPRINT({i})",
    ]
)
wrapper = st.sampled_from(["none", "cte", "subquery"])


def compose(measures, filters, wrap, ident):
    inner = f"SELECT version, site_id, ip, message_id, environment_count FROM {T}"
    src = {"none": f"{T} AS base", "cte": "base", "subquery": f"({inner}) AS base"}[wrap]
    with_ = f"WITH base AS ({inner}) " if wrap == "cte" else ""
    cols = ", ".join(f"{m.format(i=ident)} AS m{n}" for n, m in enumerate(measures))
    where = " AND ".join(f.format(i=ident) for f in filters)
    return f"{with_}SELECT version, {cols} FROM {src} WHERE {where} GROUP BY version"


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    measures=st.lists(allowed_measure, min_size=1, max_size=3),
    filters=st.lists(allowed_filter, min_size=1, max_size=3),
    wrap=wrapper,
    ident=st.sampled_from(IDS),
    bad=forbidden,
    where=st.sampled_from(["select", "where", "having"]),
)
def test_allowed_compositions_pass_and_one_forbidden_use_fails(
    source, measures, filters, wrap, ident, bad, where
):
    sql = compose(measures, filters, wrap, ident)
    assert [f.rule for f in analyze(sql, source).findings] == [], sql
    bad = bad.format(i=ident)
    if where == "select":
        broken = sql.replace(" FROM ", f", COUNTIF(({bad}) IS NOT NULL) AS leak FROM ", 1)
    elif where == "where":
        broken = sql.replace(" GROUP BY ", f" AND ({bad}) IS NOT NULL GROUP BY ")
    else:
        broken = sql + f" HAVING COUNTIF(({bad}) IS NULL) >= 0"
    found = {f.rule for f in analyze(broken, source).findings}
    assert "identifier-use" in found, broken
