"""The fields of a value table of STRUCTs are columns; a name two FROM items provide is ambiguous."""

from __future__ import annotations

import pytest

from wbcore.errors import UserError
from workbench.translate import Context, TableInfo, translate

T = TableInfo(
    "t",
    {"id": "INT64", "slug": "STRING", "modules": "ARRAY<STRUCT<slug STRING, version STRING>>"},
    ("t",),
)
U = TableInfo("u", {"id": "INT64", "modules": "ARRAY<STRUCT<name STRING, version STRING>>"}, ("u",))


def duckdb(sql: str, table: TableInfo = U) -> str:
    return translate(sql, Context(tables=(table,))).duckdb


@pytest.mark.parametrize(
    "sql",
    [
        "SELECT name FROM u, UNNEST(u.modules) AS m",
        "SELECT name FROM u, UNNEST(modules) AS m",
        "SELECT name FROM u CROSS JOIN UNNEST(u.modules) AS m WHERE version = '1'",
    ],
)
def test_a_field_of_the_unnested_struct_is_a_column(sql: str) -> None:
    assert ".m.name" in duckdb(sql)  # the field of m, whatever m's FROM item is called


def test_an_unaliased_unnest_names_its_element_after_the_array() -> None:
    assert ".modules.name" in duckdb("SELECT name FROM u, UNNEST(u.modules)")


def test_a_table_column_and_a_field_of_the_same_name_are_ambiguous() -> None:
    with pytest.raises(UserError, match="column name slug is ambiguous") as info:
        duckdb("SELECT\n  slug FROM t, UNNEST(t.modules) AS m", T)
    assert info.value.line == 2
    # qualified, each is fine
    assert ".m.slug" in duckdb("SELECT m.slug, t.slug AS s FROM t, UNNEST(t.modules) AS m", T)


def test_two_value_tables_with_the_field_are_ambiguous() -> None:
    with pytest.raises(UserError, match="column name version is ambiguous"):
        duckdb("SELECT version FROM u, UNNEST(u.modules) AS m, UNNEST(u.modules) AS n")


def test_order_by_a_select_alias_is_not_ambiguous() -> None:
    # version is a column of t's table, a field of m and the name of an output column
    table = TableInfo("t", {**T.columns, "version": "STRING"}, ("t",))
    sql = (
        "SELECT m.version, COUNT(*) AS n FROM t, UNNEST(t.modules) AS m GROUP BY 1 ORDER BY version"
    )
    assert "ORDER BY" in duckdb(sql, table)


def test_a_path_through_a_struct_field_of_a_value_table(check) -> None:
    """``s.b`` where ``s`` is a field of an unnamed value table of STRUCTs (a column in
    BigQuery, query-syntax#unnest_operator): offline it was a raw Binder Error or 'unknown
    column s'."""
    rows = "FROM UNNEST([STRUCT(STRUCT(1 AS b) AS s), STRUCT(STRUCT(1))])"
    assert check.rows(f"SELECT s.b {rows}") == [(1,), (1,)]
    assert check.rows(f"SELECT s.b, COUNT(*) AS n {rows} GROUP BY s.b") == [(1, 2)]
    assert check.rows(f"SELECT COUNT(*) AS n {rows} WHERE s.b = 1") == [(2,)]
    deep = "SELECT s.x.y FROM UNNEST([STRUCT(STRUCT(STRUCT(5 AS y) AS x) AS s)])"
    assert check.rows(deep) == [(5,)]


def test_star_over_a_value_table_with_offset_has_the_offset_column(check) -> None:
    """``SELECT *`` of ``UNNEST(structs) WITH OFFSET AS o``: the fields, then ``o``
    (query-syntax#unnest_operator, WITH OFFSET adds a column; GoogleSQL's reference
    evaluator gives ``a, o``). It was the fields alone.
    https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#unnest_operator
    """
    sql = "SELECT * FROM UNNEST([STRUCT(1 AS a, 'x' AS b), STRUCT(2, 'y')]) WITH OFFSET AS o"
    assert check.wb.arrow(sql).column_names == ["a", "b", "o"]
    assert sorted(check.rows(sql)) == [(1, "x", 0), (2, "y", 1)]
    bare = "SELECT * FROM UNNEST([STRUCT(1 AS a)]) WITH OFFSET"
    assert check.wb.arrow(bare).column_names == ["a", "offset"]


def test_star_except_replace_over_a_value_table(check) -> None:
    """``* EXCEPT``/``* REPLACE`` over a value table of STRUCTs act on its fields (and its
    offset column): query-syntax#select_except, #select_replace. ``* EXCEPT (o)`` was a raw
    DuckDB Binder Error.
    https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#select_except
    """
    rows = "FROM UNNEST([STRUCT(1 AS a, 'x' AS b)]) WITH OFFSET AS o"
    assert check.rows(f"SELECT * EXCEPT (o) {rows}") == [(1, "x")]
    replaced = check.wb.arrow(f"SELECT * EXCEPT (A) REPLACE (UPPER(b) AS b) {rows}")
    assert replaced.column_names == ["b", "o"]
    assert check.rows(f"SELECT * EXCEPT (A) REPLACE (UPPER(b) AS b) {rows}") == [("X", 0)]


def test_star_over_a_value_table_beside_an_unnest_of_scalars(check) -> None:
    """``SELECT *`` of a value table of STRUCTs joined with ``UNNEST([5]) AS y``: the fields,
    then ``y`` (query-syntax#select_list; GoogleSQL's reference evaluator gives ``a, y``).
    It was a raw DuckDB Binder Error."""
    sql = (
        "SELECT * FROM UNNEST([STRUCT(1 AS a)]) AS s WITH OFFSET AS o, "
        "UNNEST([5, 6]) AS y WITH OFFSET AS p ORDER BY p"
    )
    assert check.wb.arrow(sql).column_names == ["a", "o", "y", "p"]
    assert check.rows(sql) == [(1, 0, 5, 0), (1, 0, 6, 1)]


def test_select_as_value_subquery_puts_its_fields_in_scope(check) -> None:
    """A value table of STRUCTs (``SELECT AS VALUE STRUCT(...)`` in FROM or WITH) has its
    fields as columns: ``SELECT *`` gives one column per field, the range variable is the
    row (query-syntax#value_tables)."""
    star = "SELECT * FROM (SELECT AS VALUE STRUCT(1 AS a, 'q' AS b))"
    assert check.wb.arrow(star).column_names == ["a", "b"]
    assert check.rows(star) == [(1, "q")]
    assert "struct-value-subqueries" in check.rules(star)
    cte = "WITH v AS (SELECT AS VALUE STRUCT(1 AS a, 'q' AS b)) SELECT v, a FROM v"
    assert check.rows(cte) == [({"a": 1, "b": "q"}, 1)]
    scalar = "SELECT (SELECT AS VALUE STRUCT(1 AS a, 2 AS b)) AS s"
    assert check.rows(scalar) == [({"a": 1, "b": 2},)]
    assert "struct-value-subqueries" not in check.rules(scalar)


P = "WITH p AS (SELECT * FROM UNNEST([STRUCT(1 AS id, [STRUCT(1 AS a, 'p' AS b), STRUCT(2, 'q')] AS e)])) "


@pytest.mark.parametrize(
    ("sql", "want"),
    [
        # the fields of a correlated UNNEST of STRUCTs are columns, aliased or not
        (
            P
            + "SELECT (SELECT STRING_AGG(b, '-' ORDER BY o) FROM UNNEST(e) AS s WITH OFFSET o) FROM p",
            "p-q",
        ),
        (P + "SELECT (SELECT STRING_AGG(b, '-') FROM UNNEST(e) AS s) FROM p", "p-q"),
        (
            P + "SELECT ARRAY(SELECT b FROM UNNEST(e) WITH OFFSET o WHERE o > 0 ORDER BY o) FROM p",
            ["q"],
        ),
        # an empty typed WITH query: the fields come from its type
        (
            "WITH p AS (SELECT * FROM UNNEST(ARRAY<STRUCT<id INT64, e ARRAY<STRUCT<a INT64, "
            "b STRING>>>>[])) SELECT COUNT(*) FROM p WHERE (SELECT MAX(b) FROM UNNEST(e) AS s) "
            "IS NULL",
            0,
        ),
        # ORDER BY a select-list alias of SELECT AS STRUCT
        (
            P + "SELECT ARRAY(SELECT AS STRUCT a, b FROM UNNEST(e) ORDER BY a DESC) FROM p",
            [{"a": 2, "b": "q"}, {"a": 1, "b": "p"}],
        ),
    ],
)
def test_correlated_value_tables_and_struct_order(check, sql: str, want) -> None:
    """A value table's fields are in scope as columns (query-syntax#value_tables) also in a
    correlated subquery; ORDER BY may name a select-list alias (query-syntax#order_by_clause).
    Each was a raw DuckDB Binder Error (query oracle)."""
    assert check.value(sql) == want


def test_select_as_struct_as_a_from_item(check) -> None:
    # SELECT AS STRUCT "produces a value table of STRUCT type"; in FROM, its fields are
    # columns and the range variable is the whole STRUCT (query-syntax#value_tables).
    # https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#select_as_struct
    # https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#value_tables
    assert check.rows("SELECT * FROM (SELECT AS STRUCT 5 AS p, 'k' AS q)") == [(5, "k")]
    sql = "SELECT v.p, q, v FROM (SELECT AS STRUCT 6 AS p, 'm' AS q) AS v"
    assert check.rows(sql) == [(6, "m", {"p": 6, "q": "m"})]
    assert "struct-value-subqueries" in check.rules(sql)
    cased = "SELECT CASE v WHEN (6, 'm') THEN 'hit' ELSE 'miss' END FROM (SELECT AS STRUCT 6 p, 'm' q) v"
    assert check.value(cased) == "hit"
    assert check.value("WITH w AS (SELECT AS STRUCT 7 AS p) SELECT w.p FROM w") == 7


def test_select_as_value_of_a_struct_as_a_from_item(check) -> None:
    # SELECT AS VALUE STRUCT(...) is a value table of that STRUCT: SELECT * gives its fields
    # (query-syntax#select_as_value; GoogleSQL's reference evaluator: columns p, q).
    # https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#select_as_value
    sql = "SELECT * FROM (SELECT AS VALUE STRUCT(8 AS p, 'n' AS q))"
    assert check.wb.arrow(sql).column_names == ["p", "q"]
    assert check.rows(sql) == [(8, "n")]
    assert check.value("SELECT (SELECT AS VALUE STRUCT(8 AS p, 'n' AS q)).q") == "n"


def test_range_variable_of_a_scalar_value_table_is_the_value(check) -> None:
    """``FROM (SELECT AS VALUE ...) AS v``: ``v`` is the value, not a row of it
    (https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#value_tables;
    GoogleSQL's reference evaluator gives 3 and 8, column ``v``). DuckDB read ``v`` as a
    STRUCT of the subquery's column."""
    sql = "SELECT v + 1 AS w FROM (SELECT AS VALUE 2 UNION ALL SELECT AS VALUE 7) AS v ORDER BY w"
    assert check.rows(sql) == [(3,), (8,)]
    assert check.rows("SELECT * FROM (SELECT AS VALUE 'k') AS v") == [("k",)]
    assert check.wb.arrow("SELECT * FROM (SELECT AS VALUE 'k') AS v").column_names == ["v"]


def test_union_of_struct_value_tables_in_with_reads_its_fields(check) -> None:
    """``WITH q AS (SELECT AS STRUCT ... UNION ALL SELECT AS STRUCT ...)``: the fields are the
    columns of ``q`` (reference evaluator: rows (4, 'd') and (9, 'n')); a raw binder error
    before."""
    sql = (
        "WITH q AS (SELECT AS STRUCT 4 AS p, 'd' AS r UNION ALL SELECT AS STRUCT 9, 'n') "
        "SELECT p, r FROM q ORDER BY p"
    )
    assert check.rows(sql) == [(4, "d"), (9, "n")]
