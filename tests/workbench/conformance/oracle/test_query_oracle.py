"""The offline workbench against GoogleSQL's reference evaluator on generated whole queries.

One query per template of queries.py (window functions, grouping sets, joins, set
operations, ORDER BY, subqueries, PIVOT, ... over small literal tables) and queries_more.py
(aggregate modifiers, named windows and peers, ROLLUP/CUBE over expressions, CORRESPONDING,
WITH RECURSIVE, NULLs in IN subqueries, typed and empty tables, SELECT AS VALUE);
``python -m tests.workbench.conformance.oracle.run_queries N`` runs thousands. A difference
not listed in known_query_differences.toml fails: a new silent difference. A listed one that
now agrees only needs its entry removed (the list is what is left to fix).
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from tests.workbench.conformance.harness import offline_workbench
from tests.workbench.conformance.oracle.query_differ import Query, judge_query, same_rows
from tests.workbench.conformance.oracle.query_reference import evaluate_query
from tests.workbench.conformance.oracle.query_set import TEMPLATES, queries

KNOWN_FILE = Path(__file__).with_name("known_query_differences.toml")
KNOWN: dict[str, dict[str, str]] = {
    d["sql"]: d for d in tomllib.loads(KNOWN_FILE.read_text("utf-8")).get("difference", [])
}
SAMPLE = queries(len(TEMPLATES), seed=15)


@pytest.fixture(scope="module")
def wb(tmp_path_factory: pytest.TempPathFactory):
    bench = offline_workbench(Path(tmp_path_factory.mktemp("query-oracle")))
    yield bench
    bench.close()


def test_reference_evaluates_documented_queries() -> None:
    """The query evaluator itself, on answers the reference text states.

    ORDER BY puts NULLs first in ascending order and last in descending order, NULLS LAST
    overrides it (query-syntax#order_by_clause); COUNT(*) of an empty input is 0 and SUM NULL
    (aggregate_functions#count, #sum); UNION DISTINCT removes duplicates (query-syntax#union);
    an integer division by zero is an error (operators#arithmetic_operators).
    https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#order_by_clause
    https://cloud.google.com/bigquery/docs/reference/standard-sql/aggregate_functions#count
    """
    asc = evaluate_query("SELECT x FROM UNNEST([2, NULL, 1]) AS x ORDER BY x")
    assert asc.types == ["INT64"] and asc.rows == [[None], [1], [2]]
    desc = evaluate_query("SELECT x FROM UNNEST([2, NULL, 1]) AS x ORDER BY x DESC")
    assert desc.rows == [[2], [1], [None]]
    last = evaluate_query("SELECT x FROM UNNEST([2, NULL, 1]) AS x ORDER BY x NULLS LAST")
    assert last.rows == [[1], [2], [None]]
    empty = evaluate_query("SELECT COUNT(*) AS c, SUM(x) AS s FROM UNNEST(ARRAY<INT64>[]) AS x")
    assert empty.types == ["INT64", "INT64"] and empty.rows == [[0, None]]
    union = evaluate_query("SELECT 1 AS a UNION DISTINCT SELECT 1 UNION DISTINCT SELECT 2")
    assert sorted(union.rows) == [[1], [2]]
    assert evaluate_query("SELECT 1 / 0 AS v").error == "division by zero: 1 / 0"
    assert evaluate_query("SELECT x FROM UNNEST([1]) AS x GROUP BY y").analysis


def test_rows_compare_as_far_as_order_by_determines() -> None:
    """Unordered results are multisets; ordered ones keep ties free but not the key order."""
    unordered = Query("t", "t", "q")
    assert same_rows(unordered, [[1], [2], [2]], [[2], [1], [2]])
    assert not same_rows(unordered, [[1], [2], [2]], [[1], [1], [2]])
    ordered = Query("t", "t", "q", order=(0,))
    assert same_rows(ordered, [[1, "a"], [1, "b"], [2, "c"]], [[1, "b"], [1, "a"], [2, "c"]])
    assert not same_rows(ordered, [[1, "a"], [2, "c"]], [[2, "c"], [1, "a"]])
    assert not same_rows(ordered, [[1, "a"], [1, "b"]], [[1, "a"], [1, "a"]])
    cut = Query("t", "t", "q", order=(0,), limited=True)  # which tie LIMIT keeps is open
    assert same_rows(cut, [[1, "a"], [2, "b"]], [[1, "z"], [2, "y"]])
    assert same_rows(unordered, [["NaN", 0.1 + 0.2]], [["NaN", 0.3]])


def test_sample_covers_every_template() -> None:
    assert {q.template for q in SAMPLE} == {t.name for t in TEMPLATES}
    assert len({t.family for t in TEMPLATES}) >= 10


@pytest.mark.parametrize("query", SAMPLE, ids=[q.template for q in SAMPLE])
def test_no_new_silent_difference(query: Query, wb) -> None:
    verdict = judge_query(query, wb)
    if verdict.kind == "different" and query.sql not in KNOWN:
        pytest.fail(
            f"silent difference ({verdict.how}): {query.sql}\n  reference: {verdict.reference}"
            f"\n  workbench: {verdict.workbench}"
        )
