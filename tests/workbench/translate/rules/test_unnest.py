"""streamed-unnest: a correlated UNNEST in FROM keeps BigQuery's rows and streams in DuckDB.

Expected rows come from BigQuery's documentation of the UNNEST operator and of correlated
joins (https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#unnest_operator,
https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#correlated_join):
an empty or NULL array gives no row, so a CROSS JOIN (comma, implicit ``FROM t, t.arr``) drops
the row of ``t`` and a LEFT JOIN keeps it once with NULL; a NULL element is a row; WITH OFFSET
counts from zero; UNNEST of an array of STRUCTs is a value table whose fields are columns.
And from https://cloud.google.com/bigquery/docs/arrays (Querying nested and repeated fields):
an UNNESTed struct's array field is UNNESTed in turn in the same FROM clause.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from workbench import Workbench
from workbench.translate import Translation, registry

RULE = "streamed-unnest"

# id 1: [1, 2]; id 2: []; id 3: NULL; id 4: [NULL, 5]
T = """WITH t AS (
  SELECT 1 AS id, [1, 2] AS arr UNION ALL
  SELECT 2, ARRAY<INT64>[] UNION ALL
  SELECT 3, CAST(NULL AS ARRAY<INT64>) UNION ALL
  SELECT 4, [NULL, 5])
"""
# an array of STRUCTs whose elements hold an array
M = """WITH t AS (
  SELECT 1 AS id, [STRUCT('a' AS name, '1.0' AS version, [10, 11] AS vs),
                   STRUCT('b' AS name, '2.0' AS version, ARRAY<INT64>[] AS vs)] AS mods UNION ALL
  SELECT 2, [STRUCT('a' AS name, '2.0' AS version, [12] AS vs)])
"""


def _sort(rows: list[tuple]) -> list[tuple]:
    return sorted(rows, key=lambda r: tuple((v is not None, v) for v in r))


@pytest.mark.parametrize(
    "join",
    [
        "FROM t, UNNEST(t.arr) AS x",
        "FROM t CROSS JOIN UNNEST(t.arr) AS x",
        "FROM t JOIN UNNEST(t.arr) AS x",
        "FROM t INNER JOIN UNNEST(arr) AS x",
    ],
)
def test_a_cross_join_drops_empty_and_null_arrays(check, join: str) -> None:
    sql = f"{T}SELECT t.id, x {join}"
    assert RULE in check.rules(sql)
    assert _sort(check.rows(sql)) == [(1, 1), (1, 2), (4, None), (4, 5)]


def test_implicit_unnest_is_a_cross_join(check) -> None:
    sql = f"{T}SELECT t.id, arr FROM t, t.arr"
    assert RULE in check.rules(sql)
    assert _sort(check.rows(sql)) == [(1, 1), (1, 2), (4, None), (4, 5)]


@pytest.mark.parametrize("join", ["LEFT JOIN UNNEST(t.arr) AS x ON TRUE", "LEFT JOIN t.arr AS x"])
def test_a_left_join_keeps_empty_and_null_arrays_once(check, join: str) -> None:
    sql = f"{T}SELECT t.id, x FROM t {join}"
    assert RULE in check.rules(sql)
    assert _sort(check.rows(sql)) == [(1, 1), (1, 2), (2, None), (3, None), (4, None), (4, 5)]


def test_with_offset_counts_from_zero(check) -> None:
    sql = f"{T}SELECT t.id, x, o FROM t, UNNEST(t.arr) AS x WITH OFFSET AS o"
    assert RULE in check.rules(sql)
    assert _sort(check.rows(sql)) == [(1, 1, 0), (1, 2, 1), (4, None, 0), (4, 5, 1)]


def test_with_offset_default_name(check) -> None:
    sql = f"{T}SELECT t.id, offset FROM t CROSS JOIN UNNEST(t.arr) WITH OFFSET"
    assert RULE in check.rules(sql)
    assert _sort(check.rows(sql)) == [(1, 0), (1, 1), (4, 0), (4, 1)]


def test_left_join_with_offset_has_a_null_offset_for_an_empty_array(check) -> None:
    sql = f"{T}SELECT t.id, x, o FROM t LEFT JOIN UNNEST(t.arr) AS x WITH OFFSET o ON TRUE"
    assert RULE in check.rules(sql)
    assert _sort(check.rows(sql)) == [
        (1, 1, 0),
        (1, 2, 1),
        (2, None, None),
        (3, None, None),
        (4, None, 0),
        (4, 5, 1),
    ]


def test_struct_fields_are_columns_and_the_alias_works_in_where_and_group_by(check) -> None:
    sql = (
        f"{M}SELECT name, COUNT(*) AS n, MIN(t.id) AS first FROM t, UNNEST(t.mods) AS m "
        "WHERE m.version != '9' GROUP BY m.name ORDER BY name"
    )
    assert RULE in check.rules(sql)
    assert check.rows(sql) == [("a", 2, 1), ("b", 1, 1)]


def test_an_unnamed_unnest_of_structs(check) -> None:
    sql = f"{M}SELECT t.id, name, version FROM t, UNNEST(t.mods)"
    assert RULE in check.rules(sql)
    assert _sort(check.rows(sql)) == [(1, "a", "1.0"), (1, "b", "2.0"), (2, "a", "2.0")]


def test_the_alias_may_be_the_column_name(check) -> None:
    # the Dropsonde style, FROM t, UNNEST(modules) AS modules
    sql = f"{M}SELECT modules.name, t.id FROM t, UNNEST(mods) AS modules WHERE modules.name = 'a'"
    assert RULE in check.rules(sql)
    assert _sort(check.rows(sql)) == [("a", 1), ("a", 2)]


def test_nested_unnest_of_an_unnested_structs_array(check) -> None:
    sql = (
        f"{M}SELECT t.id, m.name, v, o FROM t, UNNEST(t.mods) AS m, UNNEST(m.vs) AS v WITH OFFSET o"
    )
    assert RULE in check.rules(sql)
    # b's empty vs drops it (a CROSS JOIN)
    assert _sort(check.rows(sql)) == [(1, "a", 10, 0), (1, "a", 11, 1), (2, "a", 12, 0)]


def test_nested_left_join_keeps_the_struct_with_an_empty_array(check) -> None:
    sql = f"{M}SELECT t.id, m.name, v FROM t, UNNEST(t.mods) AS m LEFT JOIN UNNEST(m.vs) AS v"
    assert RULE in check.rules(sql)
    assert _sort(check.rows(sql)) == [(1, "a", 10), (1, "a", 11), (1, "b", None), (2, "a", 12)]


def test_a_join_before_the_unnest_keeps_its_condition(check) -> None:
    sql = (
        f"{T}, u AS (SELECT 1 AS id, 'one' AS label UNION ALL SELECT 4, 'four') "
        "SELECT t.id, u.label, x FROM t JOIN u ON t.id = u.id, UNNEST(t.arr) AS x"
    )
    assert RULE in check.rules(sql)
    assert _sort(check.rows(sql)) == [
        (1, "one", 1),
        (1, "one", 2),
        (4, "four", None),
        (4, "four", 5),
    ]


def test_two_arrays_of_one_row_multiply(check) -> None:
    sql = (
        "WITH t AS (SELECT 1 AS id, [1, 2] AS a, ['x', 'y', 'z'] AS b) "
        "SELECT COUNT(*), COUNT(DISTINCT x), COUNT(DISTINCT y) FROM t, UNNEST(t.a) AS x, "
        "UNNEST(t.b) AS y"
    )
    assert RULE in check.rules(sql)
    assert check.rows(sql) == [(6, 2, 3)]


def test_a_table_column_read_beside_the_element(check) -> None:
    # the array column is read again after the UNNEST (and the element named like it)
    sql = f"{T}SELECT t.id, ARRAY_LENGTH(t.arr) AS n, arr FROM t, UNNEST(t.arr) AS arr"
    assert RULE in check.rules(sql)
    assert _sort(check.rows(sql)) == [(1, 2, 1), (1, 2, 2), (4, 2, None), (4, 2, 5)]


def test_a_correlated_subquery_may_read_the_element(check) -> None:
    sql = (
        f"{T}SELECT t.id, x, (SELECT COUNT(*) FROM UNNEST(t.arr) AS y WHERE y <= x) AS below "
        "FROM t, UNNEST(t.arr) AS x WHERE x IS NOT NULL"
    )
    assert RULE in check.rules(sql)
    assert _sort(check.rows(sql)) == [(1, 1, 1), (1, 2, 2), (4, 5, 1)]


@pytest.mark.parametrize(
    "sql, rows",
    [
        # a nested query names its own t: DuckDB's own form, not a guess which t a name means
        (
            f"{T}SELECT t.id, x, (SELECT COUNT(*) FROM t AS t WHERE t.id < 3) AS n "
            "FROM t, UNNEST(t.arr) AS x",
            [(1, 1, 2), (1, 2, 2), (4, None, 2), (4, 5, 2)],
        ),
        # a LEFT JOIN with a condition is not a plain lateral UNNEST
        (
            f"{T}SELECT t.id, x FROM t LEFT JOIN UNNEST(t.arr) AS x ON x > 1",
            [(1, 2), (2, None), (3, None), (4, 5)],
        ),
    ],
)
def test_what_the_rule_leaves_alone_is_still_right(check, sql: str, rows: list[tuple]) -> None:
    assert RULE not in check.rules(sql)
    assert _sort(check.rows(sql)) == rows


# -- plan shape: the translated Dropsonde queries stream (no hash join back on the list)

QUERIES = Path(__file__).resolve().parents[4] / "queries"
# what DuckDB's decorrelated lateral UNNEST puts under the Unnest operator: the input rows
# grouped by the list column (a HASH_GROUP_BY over a CTE_SCAN of the delim CTE), joined back
BLOCKING = {"HASH_GROUP_BY", "CTE_SCAN", "HASH_JOIN", "DELIM_JOIN", "LEFT_DELIM_JOIN", "ORDER_BY"}


def _nodes(plan: list | dict) -> list[dict]:
    found = []
    for node in plan if isinstance(plan, list) else [plan]:
        found.append(node)
        found.extend(_nodes(node.get("children", [])))
    return found


def _plan(wb: Workbench, tr: Translation) -> list[dict]:
    wb.engine.register_functions(tr)  # BigQuery's ROUND, which the engine defines as it runs
    rows = wb.engine.connection.execute(f"EXPLAIN (FORMAT json) {tr.duckdb}").fetchall()
    return _nodes(json.loads(rows[0][1]))


def _delim(nodes: list[dict]) -> bool:
    """Whether the plan decorrelates a lateral join (a ``__duckdb_delim`` CTE)."""
    return any(
        str(n.get("extra_info", {}).get("CTE Name", "")).startswith("__duckdb_delim") for n in nodes
    )


def _below_unnest(nodes: list[dict]) -> set[str]:
    """The operators under every unnest (the Unnest operator, or the unnest table function of
    a decorrelated lateral join): what its input rows pass through."""
    unnests = [
        n
        for n in nodes
        if n["name"] in ("UNNEST", "INOUT_FUNCTION", "TABLE_FUNCTION")
        and (n["name"] == "UNNEST" or n.get("extra_info", {}).get("Name") == "unnest")
    ]
    return {m["name"] for n in unnests for m in _nodes(n["children"])}


def _without_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(registry, "RULES", tuple(r for r in registry.RULES if r.name != RULE))


UNNEST_QUERIES = [
    "dropsonde/stdlib_version_adoption.sql",
    "dropsonde/module_usage.sql",
    "dropsonde/class_usage.sql",
    "dropsonde/puppetfile_ruby_methods.sql",
    "dropsonde/site_count.sql",
    "pace/command_error_share.sql",
    "pace/command_runs.sql",
    "pulp/component_versions.sql",
    "pulp/component_minor_versions.sql",
    "pulp/rbac_counts.sql",
]


@pytest.mark.parametrize("name", UNNEST_QUERIES)
def test_the_translated_query_unnests_in_a_stream(wb: Workbench, name: str) -> None:
    tr = wb.translate((QUERIES / name).read_text())
    assert RULE in tr.rules
    nodes = _plan(wb, tr)
    assert "UNNEST" in {n["name"] for n in nodes}
    assert not _delim(nodes)
    # the Unnest reads the scan's stream: filters, projections, windows, never a group or join
    assert not _below_unnest(nodes) & BLOCKING, sorted(_below_unnest(nodes))


def test_without_the_rule_duckdb_joins_back_on_the_list(
    wb: Workbench, monkeypatch: pytest.MonkeyPatch
) -> None:
    # what the rule is for: DuckDB's own lateral UNNEST groups by the list and joins back
    _without_rule(monkeypatch)
    tr = wb.translate((QUERIES / "dropsonde/stdlib_version_adoption.sql").read_text())
    assert RULE not in tr.rules
    nodes = _plan(wb, tr)
    assert _delim(nodes)
    assert {"HASH_GROUP_BY", "CTE_SCAN"} <= _below_unnest(nodes)


@pytest.mark.parametrize(
    "name", sorted(str(p.relative_to(QUERIES)) for p in QUERIES.glob("*/*.sql"))
)
def test_every_query_returns_the_same_rows_with_and_without_the_rule(
    wb: Workbench, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    sql = (QUERIES / name).read_text()
    streamed = wb.arrow(sql)
    # module_usage_dp's groups need 67 units (its threshold) and the test dataset's 120
    # sites give fewer to every slug: no row passes, noise or not (test_cli says the same)
    assert streamed.num_rows > 0 or name == "dropsonde/module_usage_dp.sql"
    _without_rule(monkeypatch)
    joined = wb.arrow(sql)
    assert streamed.schema == joined.schema
    assert _sort([tuple(r.values()) for r in streamed.to_pylist()]) == _sort(
        [tuple(r.values()) for r in joined.to_pylist()]
    )
