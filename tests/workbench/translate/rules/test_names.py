import pytest

from wbcore.errors import UserError
from workbench.translate import UnsupportedError


def test_with_offset_counts_from_zero(check) -> None:
    sql = "SELECT x, o FROM UNNEST(['a', 'b']) AS x WITH OFFSET AS o ORDER BY o"
    assert check.rows(sql) == [("a", 0), ("b", 1)]
    assert "offset-from-zero" in check.rules(sql)


def test_unnest_alias_equal_to_column_and_implicit_unnest(check) -> None:
    base = "WITH t AS (SELECT 1 AS id, [STRUCT('a' AS slug)] AS modules) "
    assert check.rows(base + "SELECT modules.slug FROM t, UNNEST(modules) AS modules") == [("a",)]
    assert check.rows(base + "SELECT modules.slug FROM t, t.modules") == [("a",)]


def test_output_names_count_only_anonymous_columns(check) -> None:
    table = check.wb.arrow("SELECT 1, 'x' AS name, 2")
    assert table.column_names == ["f0_", "name", "f1_"]


def test_query_parameters_and_unknown_functions(check) -> None:
    assert check.value("SELECT @x * 2", x=21) == 42
    # not a BigQuery function: BigQuery's own error (functions-all lists BigQuery's functions)
    with pytest.raises(UserError, match=r"Function not found: NO_SUCH_FN$"):
        check.sql("SELECT NO_SUCH_FN(1)")


def test_every_project_query_translates() -> None:
    from pathlib import Path

    from workbench.workbench import Workbench

    root = Path(__file__).resolve().parents[3]
    wb = Workbench(root=root, db=root / "no-such-dir" / "none.duckdb")
    for path in sorted((root / "queries").glob("*/*.sql")):
        tr = wb.translate(path)
        assert tr.tables == [wb.source(path.parent.name).table], path
        assert "qualify-columns" in tr.rules


def test_group_by_names_the_select_alias_of_an_unnest_field(check) -> None:
    base = (
        "WITH t AS (SELECT 1 AS id, [STRUCT('a' AS slug), STRUCT('b' AS slug), STRUCT('a' AS slug)]"
        " AS modules) "
    )
    sql = (
        base
        + "SELECT m.slug, COUNT(*) AS n FROM t, UNNEST(modules) AS m GROUP BY slug ORDER BY slug"
    )
    assert check.rows(sql) == [("a", 2), ("b", 1)]
    assert "select-alias-references" in check.rules(sql)
    renamed = base + (
        "SELECT m.slug AS s, COUNT(*) AS n FROM t, UNNEST(modules) AS m "
        "GROUP BY s HAVING n > 1 ORDER BY s"
    )
    assert check.rows(renamed) == [("a", 2)]


# GROUP BY may name a select-list alias, whatever the item is (GoogleSQL's query syntax, GROUP
# BY clause: "group by ... a SELECT list alias"); a correlated scalar subquery was "unknown
# column" offline, while GoogleSQL's analyzer accepts it.
# https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#group_by_clause
CORRELATED = (
    "SELECT (SELECT MAX(y) FROM UNNEST(t.ys) AS y) AS top, COUNT(*) AS n "
    "FROM UNNEST([STRUCT([1, 2] AS ys), STRUCT([3] AS ys), STRUCT([2, 1] AS ys)]) AS t "
)


def test_group_by_the_alias_of_a_correlated_subquery(check) -> None:
    assert check.rows(CORRELATED + "GROUP BY top ORDER BY top") == [(2, 2), (3, 1)]
    assert "group-by-subquery-alias" in check.rules(CORRELATED + "GROUP BY top")
    # the alias is a name: BigQuery matches it in any case; the ordinal means the same
    assert check.rows(CORRELATED + "GROUP BY TOP ORDER BY 1") == [(2, 2), (3, 1)]
    assert check.rows(CORRELATED + "GROUP BY 1 ORDER BY 1") == [(2, 2), (3, 1)]


def test_group_by_the_alias_of_an_exists_subquery(check) -> None:
    sql = (
        "SELECT EXISTS(SELECT 1 FROM UNNEST(t.ys) AS y WHERE y > 2) AS big, COUNT(*) AS n "
        "FROM UNNEST([STRUCT([1, 2] AS ys), STRUCT([3] AS ys), STRUCT([2, 1] AS ys)]) AS t "
        "GROUP BY big ORDER BY big"
    )
    assert check.rows(sql) == [(False, 2), (True, 1)]


def test_only_a_subquery_alias_becomes_an_ordinal(check) -> None:
    sql = "SELECT t + 1 AS x, COUNT(*) AS n FROM UNNEST([1, 2, 2]) AS t GROUP BY x ORDER BY x"
    assert check.rows(sql) == [(2, 1), (3, 2)]
    assert "group-by-subquery-alias" not in check.rules(sql)


def test_a_name_two_from_items_provide_is_ambiguous(check) -> None:
    """sqlglot leaves such a column unqualified; BigQuery: "Column name x is ambiguous"
    (GoogleSQL's analyzer, the same message), not an unknown column."""
    from wbcore.errors import UserError

    with pytest.raises(UserError, match="column name version is ambiguous"):
        check.sql("SELECT version FROM (SELECT 1 AS version) AS x, (SELECT 2 AS version) AS y")
    with pytest.raises(UserError, match="unknown column 'nope'"):
        check.sql("SELECT nope FROM (SELECT 1 AS a) AS x, (SELECT 2 AS a) AS y")
    assert check.rows("SELECT a FROM (SELECT 1 AS a), (SELECT 2 AS b)") == [(1,)]


def test_a_qualified_name_the_item_lacks_is_not_found_inside_it(check) -> None:
    """GoogleSQL's analyzer: "Name nope not found inside x" at the column (sqlglot's
    qualifier said "Unknown column: nope", with no line)."""
    from wbcore.errors import UserError

    for sql, item in [
        ("SELECT x.k,\n  x.nope FROM (SELECT 1 AS k) AS x", "x"),
        ("WITH a AS (SELECT 1 AS k)\nSELECT a.k,\n  a.nope FROM a", "a"),
    ]:
        with pytest.raises(UserError, match=f"name nope not found inside {item}") as err:
            check.sql(sql)
        assert err.value.line == sql.count("\n") + 1
        assert err.value.construct == f"{item}.nope"
    assert check.rows("WITH a AS (SELECT 1 AS k) SELECT a.k FROM a") == [(1,)]


def test_a_using_column_missing_on_the_right_is_bigquerys_error(check) -> None:
    from wbcore.errors import UserError

    with pytest.raises(UserError, match="column a in USING clause not found on right side"):
        check.sql("SELECT * FROM (SELECT 1 AS a) AS l JOIN (SELECT 1 AS b) AS r USING (a)")
    both = "SELECT * FROM (SELECT 1 AS a) AS l JOIN (SELECT 1 AS a, 2 AS c) AS r USING (a)"
    assert check.rows(both) == [(1, 2)]


def test_order_by_ordinal_of_an_unnamed_scalar_subquery(check) -> None:
    # ORDER BY 2 names the second select-list item (query-syntax#order_by_clause), here a
    # scalar subquery BigQuery names f0_ (query-syntax#implicit_aliases: unnamed columns).
    # https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#order_by_clause
    sql = (
        "SELECT k, (SELECT MAX(e) FROM UNNEST(t.a) AS e) FROM "
        "(SELECT 1 AS k, [5, 2] AS a UNION ALL SELECT 2, [3]) AS t ORDER BY 2"
    )
    assert check.rows(sql) == [(2, 3), (1, 5)]
    assert check.wb.arrow(sql).column_names == ["k", "f0_"]


def test_offset_of_an_unaliased_unnest(check) -> None:
    # "WITH OFFSET ... a column containing the offset value (counting starts at zero)";
    # the unnamed element stays a column of SELECT * (query-syntax#unnest_operator).
    # https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#unnest_operator
    assert check.rows("SELECT offset FROM UNNEST([40, 50, 60]) WITH OFFSET ORDER BY 1") == [
        (0,),
        (1,),
        (2,),
    ]
    assert check.rows("SELECT * FROM UNNEST(['p', 'q']) WITH OFFSET ORDER BY offset") == [
        ("p", 0),
        ("q", 1),
    ]
    generated = "SELECT SUM(offset) FROM UNNEST(GENERATE_ARRAY(7, 9)) WITH OFFSET"
    assert check.rows(generated) == [(3,)]
    assert "anonymous-unnest-offset" in check.rules(generated)


def test_path_from_an_unnest_element_is_an_implicit_unnest(check) -> None:
    # "FROM t, t.arr" flattens t.arr for any range variable t, an UNNEST's element included
    # (query-syntax#correlated_join: implicit UNNEST of a path).
    # https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#unnest_operator
    sql = "SELECT e FROM UNNEST([STRUCT([3, 4] AS arr), STRUCT([5] AS arr)]) AS t, t.arr AS e"
    assert sorted(check.rows(sql)) == [(3,), (4,), (5,)]
    assert "unnest-alias-paths" in check.rules(sql)
    named = "SELECT arr FROM UNNEST([STRUCT([6] AS arr)]) AS t, t.arr"
    assert check.rows(named) == [(6,)]


def test_time_travel_is_refused_never_dropped(check) -> None:
    """query-syntax#for_system_time_as_of: the table as it was at a time; the local table has
    no history, and the clause was silently dropped (every row counted)."""

    sql = (
        "WITH t AS (SELECT 1 AS a)\nSELECT COUNT(*) FROM `bto-dataops-datalake-prod.dujour."
        "community_metrics`\n  FOR SYSTEM_TIME AS OF TIMESTAMP '2026-11-01'"
    )
    with pytest.raises(UnsupportedError, match="FOR SYSTEM_TIME AS OF is not supported offline"):
        check.sql(sql)


def test_dataset_and_table_names_are_case_sensitive() -> None:
    """BigQuery's dataset and table names are case-sensitive (datasets#dataset-naming,
    tables#table_naming): another case names another table, not the source's."""
    from wbcore.errors import UserError
    from workbench.translate import translate
    from workbench.translate.context import Context, TableInfo

    prod = "bto-dataops-datalake-prod.dujour.community_metrics"
    ctx = Context(tables=(TableInfo("community_metrics", {"n": "INT64"}, (prod,)),))
    for name in ("dujour.Community_Metrics", "DUJOUR.community_metrics"):
        with pytest.raises(UserError, match="unknown table") as err:
            translate(f"SELECT COUNT(*) FROM `bto-dataops-datalake-prod.{name}`", ctx)
        assert "case-sensitive" in str(err.value)
    same = translate(
        "SELECT COUNT(*) AS n FROM `BTO-dataops-datalake-prod.dujour.community_metrics`", ctx
    )
    assert same.tables == ["community_metrics"]


def test_a_numeric_parameter_is_numeric(check) -> None:
    # bound as it came, a Decimal was DuckDB's DECIMAL of its own digits: DECIMAL(3, 2)
    from decimal import Decimal

    table = check.wb.arrow("SELECT @n AS v, @l AS w", {"n": Decimal("1.25"), "l": [Decimal("-3")]})
    from tests.workbench.conformance.harness import bigquery_type

    assert [bigquery_type(f.type) for f in table.schema] == ["NUMERIC", "ARRAY<NUMERIC>"]
    assert table.to_pylist() == [{"v": Decimal("1.25"), "w": [Decimal("-3")]}]


def test_sql_errors_state_their_condition_as_data() -> None:
    """The engine hands a translation error to GoogleSQL's analyzer (for BigQuery's wording)
    by its ``condition``, never by its text: name errors and syntax errors say so; the
    workbench's own checks (an unknown table) and refusals carry none."""
    from wbcore.errors import NAME, SYNTAX, UNKNOWN_NAME
    from workbench.translate import translate
    from workbench.translate.context import Context, TableInfo

    ctx = Context(tables=(TableInfo("t", {"n": "INT64"}, ("t",)),))
    for sql, condition in [
        ("SELECT nope FROM t", UNKNOWN_NAME),
        ("SELECT t.nope FROM t", UNKNOWN_NAME),
        ("SELECT n FROM t AS a, t AS b", NAME),
        ("SELECT n FROM t WHERE", SYNTAX),
        ("SELECT 'unterminated FROM t", SYNTAX),
        ("SELECT n FROM elsewhere", None),
        ("SELECT n FROM t FOR SYSTEM_TIME AS OF TIMESTAMP '2026-01-01'", None),
    ]:
        with pytest.raises(UserError) as err:
            translate(sql, ctx)
        assert err.value.condition == condition, (sql, str(err.value))
def test_a_system_variable_is_refused_by_name(check) -> None:
    """``@@dataset_id`` is a system variable (a script's or session's), not a positional
    parameter ``?`` (the refusal said so)."""
    with pytest.raises(UnsupportedError, match="system variable @@dataset_id"):
        check.sql("SELECT @@dataset_id")
