"""WITH RECURSIVE queries may read a later query of the clause (query-syntax#with_clause);
offline the later one was an unknown table.
https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#with_clause
"""

from __future__ import annotations


def test_a_recursive_with_reads_a_later_query(check) -> None:
    sql = "WITH RECURSIVE p AS (SELECT a + 1 AS b FROM q), q AS (SELECT 4 a) SELECT b FROM p"
    assert check.rows(sql) == [(5,)]
    assert "recursive-with-order" in check.rules(sql)


def test_a_recursive_term_after_its_input(check) -> None:
    sql = (
        "WITH RECURSIVE r AS (SELECT s AS n FROM base UNION ALL SELECT n + 1 FROM r WHERE n < 3),"
        " base AS (SELECT 1 AS s) SELECT n FROM r ORDER BY n"
    )
    assert check.rows(sql) == [(1,), (2,), (3,)]


def test_queries_in_order_are_left_alone(check) -> None:
    sql = "WITH RECURSIVE q AS (SELECT 4 a), p AS (SELECT a FROM q) SELECT a FROM p"
    assert "recursive-with-order" not in check.rules(sql)
