"""Offline runs refuse what BigQuery refuses (``Workbench.refuse_what_bigquery_rejects``).

The attacks: every statement of tests/workbench/translate/rejected/statements.toml (each
written from a GoogleSQL reference page as one BigQuery rejects; many of them sqlglot parses
and DuckDB would answer) run the way a user runs it — ``Workbench.arrow`` (the magic and
``workbench.query``), ``Workbench.rows`` (``workbench run``) — must end in an error, never
rows. And valid statements that only differ in spelling BigQuery allows must still run.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from tests.conftest import ROOT
from wbcore.errors import UserError

CORPUS = ROOT / "tests" / "workbench" / "translate" / "rejected" / "statements.toml"
CASES = tomllib.loads(CORPUS.read_text(encoding="utf-8"))["case"]


@pytest.fixture(scope="module")
def wb(small_data: Path):
    from workbench import Workbench

    bench = Workbench(root=ROOT, db=small_data / "workbench.duckdb")
    yield bench
    bench.close()


@pytest.mark.parametrize("case", CASES, ids=[c["title"] for c in CASES])
def test_a_statement_bigquery_rejects_gets_no_answer(wb, case) -> None:
    for run in (wb.arrow, wb.rows):
        with pytest.raises(UserError):
            run(case["sql"])


@pytest.mark.parametrize(
    ("sql", "line", "column"),
    [
        (
            "SELECT 1 AS",
            1,
            12,
        ),  # https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax
        # https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#comparison_operators
        ("SELECT x FROM UNNEST([1]) AS x\nWHERE NULL = NULL", 2, 7),
    ],
)
def test_the_refusal_is_bigquerys_message_where_it_stands(wb, sql, line, column) -> None:
    with pytest.raises(UserError) as info:
        wb.rows(sql)
    assert info.value.message.startswith("BigQuery rejects this query: ")
    assert (info.value.line, info.value.column) == (line, column)


@pytest.mark.parametrize(
    "sql",
    [
        # BigQuery's implicit alias of a path is its last name (query-syntax#implicit_aliases)
        "SELECT community_metrics.site_id FROM "
        "`bto-dataops-datalake-prod.dujour.community_metrics` LIMIT 1",
        "SELECT community_metrics.site_id FROM "
        "`bto-dataops-datalake-prod`.dujour.community_metrics LIMIT 1",
        "SELECT c.site_id FROM `bto-dataops-datalake-prod.dujour.community_metrics` AS c LIMIT 1",
    ],
)
def test_valid_spellings_of_a_table_path_still_run(wb, sql) -> None:
    names, rows = wb.rows(sql)
    assert names == ["site_id"] and len(rows) == 1


def test_a_query_of_two_sources_is_not_refused_for_the_catalog_of_one(wb) -> None:
    # the analyzer's catalog holds one source's table; a valid join of two sources must run
    names, rows = wb.rows(
        "SELECT COUNT(*) AS n FROM community_metrics AS c "
        "CROSS JOIN (SELECT 1 AS one FROM pace_telemetry LIMIT 1) AS p"
    )
    assert names == ["n"] and rows[0][0] > 0


def test_a_query_of_two_sources_is_vetted_against_both_tables(wb) -> None:
    # both tables are in the analyzer's catalog: a STRING column of the second source compared
    # with an INT64 is BigQuery's rejection where it stands (operators#comparison_operators)
    sql = (
        "SELECT COUNT(*) AS n FROM community_metrics AS c\n"
        "CROSS JOIN pace_telemetry AS p WHERE p.cli_version = 1"
    )
    for run in (wb.arrow, wb.rows):
        with pytest.raises(UserError) as info:
            run(sql)
        assert info.value.message.startswith(
            "BigQuery rejects this query: No matching signature for operator = "
        )
        assert (info.value.line, info.value.column) == (2, 38)


# A name or syntax error the translation finds first is worded as BigQuery words it when
# GoogleSQL's analyzer rejects the statement too (query-syntax#with_clause: a recursive
# reference only in the recursive term; lexical: LIMIT takes an integer literal).
# https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#with_clause
@pytest.mark.parametrize(
    ("sql", "message"),
    [
        (
            "WITH RECURSIVE t AS (SELECT n + 1 AS n FROM t UNION ALL SELECT 1) SELECT * FROM t",
            "Recursive reference is not allowed in non-recursive UNION term",
        ),
        (
            "WITH RECURSIVE t AS (SELECT 1 AS n UNION ALL SELECT n + 1 FROM t, t u) SELECT 1",
            "Column name n is ambiguous",
        ),
        ("SELECT x FROM UNNEST([1]) AS x LIMIT LIMIT", "Syntax error"),
        (
            "SELECT x FROM UNNEST([1, 2]) x JOIN UNNEST([1, 3]) y USING (x)",
            "Column x in USING clause not found on right side of join",
        ),
    ],
)
def test_a_translation_error_takes_bigquerys_wording(wb, sql: str, message: str) -> None:
    with pytest.raises(UserError) as info:
        wb.rows(sql)
    assert info.value.message.startswith(f"BigQuery rejects this query: {message}")


def test_an_unknown_table_keeps_the_workbench_hint(wb) -> None:
    with pytest.raises(UserError, match="unknown table"):
        wb.rows("SELECT * FROM nowhere_table")
