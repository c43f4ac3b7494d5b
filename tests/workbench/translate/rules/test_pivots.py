"""UNPIVOT's output columns: the value column(s) before the name column, as in BigQuery.

GoogleSQL's reference (query-syntax.md#unpivot_operator): ``UNPIVOT(sales FOR quarter IN
(Q1, Q2, Q3, Q4))`` over ``product, Q1..Q4`` gives ``product | sales | quarter``.
https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#unpivot_operator
"""

from __future__ import annotations

import pytest

from workbench.translate import UnsupportedError

PRODUCE = "WITH p AS (SELECT 'Kale' AS product, 51 AS Q1, 23 AS Q2) "


def test_unpivot_star_lists_the_value_column_before_the_name_column(check) -> None:
    sql = PRODUCE + "SELECT * FROM p UNPIVOT(sales FOR quarter IN (Q1, Q2)) ORDER BY quarter"
    table = check.wb.arrow(sql)
    assert table.column_names == ["product", "sales", "quarter"]
    assert check.rows(sql) == [("Kale", 51, "Q1"), ("Kale", 23, "Q2")]
    assert "unpivot-column-order" in check.rules(sql)


def test_unpivot_of_several_value_columns_keeps_them_first_in_order(check) -> None:
    sql = (
        "WITH p AS (SELECT 'Kale' AS product, 1 AS a1, 2 AS b1, 3 AS a2, 4 AS b2) "
        "SELECT * FROM p UNPIVOT((a, b) FOR half IN ((a1, b1) AS 'H1', (a2, b2) AS 'H2')) "
        "ORDER BY half"
    )
    assert check.wb.arrow(sql).column_names == ["product", "a", "b", "half"]
    assert check.rows(sql) == [("Kale", 1, 2, "H1"), ("Kale", 3, 4, "H2")]


def test_named_columns_are_unchanged(check) -> None:
    sql = PRODUCE + "SELECT quarter, sales FROM p UNPIVOT(sales FOR quarter IN (Q1)) "
    assert check.rows(sql) == [("Q1", 51)]


def test_labels_are_the_names_as_written_in_the_in_list(check) -> None:
    """GoogleSQL's reference evaluator (zetasql 0.1.5) labels ``q1`` for a column ``Q1``
    named ``q1`` in the IN list, and a group ``(A1, b1)`` ``A1_b1``."""
    sql = PRODUCE + "SELECT quarter, sales FROM p UNPIVOT(sales FOR quarter IN (q1, Q2)) "
    assert sorted(check.rows(sql)) == [("Q2", 23), ("q1", 51)]
    group = (
        "WITH p AS (SELECT 1 AS A1, 2 AS b1, 3 AS a2, 4 AS b2) SELECT half, a FROM p "
        "UNPIVOT((a, b) FOR half IN ((A1, b1), (a2, b2) AS 'H2')) ORDER BY a"
    )
    assert check.rows(group) == [("A1_b1", 1), ("H2", 3)]


def test_pivot_columns_of_aliased_aggregates(check) -> None:
    # "If an aggregate has an alias, the pivot column is named <alias>_<value alias>"
    # (query-syntax#pivot_operator; GoogleSQL's reference evaluator: g, s_p, c_p, s_q, c_q).
    # https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#pivot_operator
    sql = (
        "SELECT * FROM (SELECT 1 AS g, 'p' AS k, 5 AS v UNION ALL SELECT 1, 'q', 7 "
        "UNION ALL SELECT 2, 'p', 9) PIVOT (SUM(v) s, COUNT(*) c FOR k IN ('p', 'q' AS q)) "
        "ORDER BY g"
    )
    table = check.wb.arrow(sql)
    assert table.column_names == ["g", "s_p", "c_p", "s_q", "c_q"]
    assert check.rows(sql) == [(1, 5, 1, 7, 1), (2, 9, 1, None, 0)]
    assert "pivot-column-names" in check.rules(sql)


# -- PIVOT forms DuckDB's PIVOT cannot run: clean refusals, not raw binder errors.
# https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#pivot_operator
SALES = "WITH s AS (SELECT 'n' AS region, 1 AS q, 10 AS amount UNION ALL SELECT 'n', 2, 7) "


def test_pivot_value_listed_twice_reads_the_same_rows(check) -> None:
    """BigQuery computes both columns of a repeated value from the same rows (reference
    evaluator: 10, 10); DuckDB's PIVOT takes each value once, so the repeat reads the first."""
    sql = SALES + "SELECT * FROM s PIVOT(SUM(amount) FOR q IN (1, 1 AS again))"
    assert check.wb.arrow(sql).column_names == ["region", "_1", "again"]
    assert check.rows(sql) == [("n", 10, 10)]


def test_pivot_null_listed_twice_with_aggregate_aliases(check) -> None:
    sql = (
        "WITH t AS (SELECT 1 AS x, CAST(NULL AS INT64) AS y, 5 AS z UNION ALL SELECT 1, 3, 6) "
        "SELECT * FROM t PIVOT(SUM(z) AS s, COUNT(*) AS c FOR y IN (3, NULL, NULL AS none))"
    )
    names = ["x", "s_3", "c_3", "s_NULL", "c_NULL", "s_none", "c_none"]
    assert check.wb.arrow(sql).column_names == names
    assert check.rows(sql) == [(1, 6, 1, 5, 1, 5, 1)]


def test_pivot_output_name_twice_is_refused(check) -> None:
    """The reference evaluator names both columns ``t_a``; DuckDB kept one of them."""
    sql = SALES + "SELECT * FROM s PIVOT(SUM(amount) AS t FOR q IN (1 AS a, 2 AS a))"
    with pytest.raises(UnsupportedError, match="two output columns of one name"):
        check.rows(sql)


def test_pivot_for_an_expression_is_refused(check) -> None:
    sql = SALES + "SELECT * FROM s PIVOT(SUM(amount) FOR (q > 1) IN (TRUE, FALSE))"
    with pytest.raises(UnsupportedError, match=r"PIVOT \.\.\. FOR an expression"):
        check.rows(sql)


def test_pivot_subquery_in_the_aggregate_is_refused(check) -> None:
    sql = SALES + "SELECT * FROM s PIVOT(SUM((SELECT MAX(amount) FROM s)) FOR q IN (1))"
    with pytest.raises(UnsupportedError, match="subquery in its aggregate"):
        check.rows(sql)


def test_pivot_distinct_values_still_run(check) -> None:
    sql = SALES + "SELECT * FROM s PIVOT(SUM(amount) AS t FOR q IN (1 AS a, 2 AS b))"
    assert check.rows(sql) == [("n", 10, 7)]


def test_pivot_on_null_with_an_aggregate_alias_reads_bigquerys_names(check) -> None:
    """GoogleSQL's reference evaluator names the columns ``x, s_100, c_100, s_NULL, c_NULL``
    and matches NULL with the NULL value; a raw binder error before (DuckDB's ``NULL_s``)."""
    sql = (
        "WITH t AS (SELECT 1 AS x, 100 AS y, 5 AS z UNION ALL SELECT 2, NULL, 6) "
        "SELECT * FROM (SELECT x, y, z FROM t) "
        "PIVOT(SUM(z) AS s, COUNT(*) AS c FOR y IN (100, NULL)) ORDER BY x"
    )
    assert check.wb.arrow(sql).column_names == ["x", "s_100", "c_100", "s_NULL", "c_NULL"]
    assert check.rows(sql) == [(1, 5, 1, None, 0), (2, None, 0, 6, 1)]


def test_pivot_integer_value_read_as_underscore_name(check) -> None:
    """``_100`` is BigQuery's name of the column of the value 100 (reference evaluator: 5)."""
    sql = (
        "WITH t AS (SELECT 1 AS x, 100 AS y, 5 AS z) "
        "SELECT _100 + 1 AS w FROM (SELECT y, z FROM t) PIVOT(SUM(z) FOR y IN (100))"
    )
    assert check.rows(sql) == [(6,)]
    assert "pivot-column-names" in check.rules(sql)


def test_select_star_names_an_integer_value_column_as_bigquery(check) -> None:
    """``SELECT *`` over a PIVOT on integers: BigQuery's columns are ``_100``, ``_101``
    (reference evaluator); offline the star kept DuckDB's ``100``, ``101``."""
    sql = (
        "WITH t AS (SELECT 1 AS x, 100 AS y, 5 AS z UNION ALL SELECT 1, 101, 7) "
        "SELECT * FROM (SELECT x, y, z FROM t) PIVOT(SUM(z) FOR y IN (100, 101 AS b, 102))"
    )
    assert check.wb.arrow(sql).column_names == ["x", "_100", "b", "_102"]
    assert check.rows(sql) == [(1, 5, 7, None)]


@pytest.mark.parametrize(
    ("key", "value"),
    [("q > 1", "TRUE"), ("q", "-3"), ("DATE '2020-01-01' + q", "DATE '2020-01-02'")],
)
def test_a_value_bigquery_names_and_duckdb_cannot_is_refused(check, key: str, value: str) -> None:
    sql = (
        SALES
        + f"SELECT * FROM (SELECT amount, {key} AS k FROM s) PIVOT(SUM(amount) FOR k IN ({value}))"
    )
    with pytest.raises(UnsupportedError, match="without an alias"):
        check.rows(sql)
