import pytest

from workbench.translate import UnsupportedError


def test_tablesample_is_refused(check) -> None:
    with pytest.raises(UnsupportedError, match="TABLESAMPLE is not supported offline"):
        check.sql("SELECT x FROM UNNEST([1, 2]) AS x TABLESAMPLE SYSTEM (10 PERCENT)")


def test_group_by_all_without_keys_is_one_group(check) -> None:
    assert check.rows("SELECT 'a' AS k FROM UNNEST([1, 2, 3]) GROUP BY ALL") == [("a",)]
    assert check.rows(
        "SELECT COUNT(*) AS n FROM UNNEST(CAST([] AS ARRAY<INT64>)) GROUP BY ALL"
    ) == [(0,)]
    assert "group-by-all" in check.rules("SELECT 1 AS k FROM UNNEST([1]) GROUP BY ALL")


def test_group_by_all_groups_by_from_columns(check) -> None:
    sql = "SELECT x, 'c' AS k, COUNT(*) AS n FROM UNNEST([1, 1, 2]) AS x GROUP BY ALL ORDER BY x"
    assert check.rows(sql) == [(1, "c", 2), (2, "c", 1)]
    window = "SELECT x, COUNT(*) OVER () AS n FROM UNNEST([1, 1, 2]) AS x GROUP BY ALL ORDER BY x"
    assert check.rows(window) == [(1, 2), (2, 2)]


# https://cloud.google.com/bigquery/docs/reference/standard-sql/data-types#groupable_data_types:
# "An ARRAY type is only groupable in a GROUP BY clause or in a SELECT DISTINCT clause" (and
# the same for STRUCT); DuckDB partitions by both.
@pytest.mark.parametrize(
    ("key", "shown"),
    [("a", "ARRAY<INT64>"), ("s", "STRUCT"), ("[1, 2]", "ARRAY<INT64>")],
)
def test_partition_by_an_array_or_struct_is_an_error(check, key, shown) -> None:
    from wbcore.errors import UserError

    sql = (
        f"SELECT ROW_NUMBER() OVER (PARTITION BY {key}) AS r "
        "FROM UNNEST([STRUCT([1] AS a, STRUCT(1 AS b) AS s)])"
    )
    with pytest.raises(UserError, match=f"Partitioning by expressions of type {shown}"):
        check.sql(sql)


def test_grouping_by_an_array_or_struct_stays_allowed(check) -> None:
    rows = "FROM UNNEST([STRUCT([1] AS a, STRUCT(1 AS b) AS s), STRUCT([1], STRUCT(1))])"
    assert check.rows(f"SELECT COUNT(*) AS n {rows} GROUP BY a") == [(2,)]
    assert check.rows(f"SELECT COUNT(*) AS n {rows} GROUP BY s") == [(2,)]
    assert len(check.rows(f"SELECT DISTINCT a {rows}")) == 1
    # a field of the struct, or a number computed from the array, partitions as usual
    assert check.rows(f"SELECT COUNT(*) OVER (PARTITION BY s.b) AS n {rows}") == [(2,), (2,)]


# LIMIT/OFFSET take a non-negative INT64 constant (query-syntax#limit_and_offset_clause:
# "count is a constant expression of type INT64"; GoogleSQL's reference evaluator raises
# "Limit requires non-negative count and offset" / "non-null count and offset").
# https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#limit_and_offset_clause
@pytest.mark.parametrize(
    ("clause", "message"),
    [
        ("LIMIT -3", "Limit requires non-negative count and offset"),
        ("LIMIT 2 OFFSET -1", "Limit requires non-negative count and offset"),
        ("LIMIT NULL", "Limit requires non-null count and offset"),
        ("LIMIT 1 OFFSET NULL", "Limit requires non-null count and offset"),
        ("LIMIT CAST(-1 AS INT64)", "Limit requires non-negative count and offset"),
        ("LIMIT 1 OFFSET CAST(-2 AS INT64)", "Limit requires non-negative count and offset"),
    ],
)
def test_limit_of_null_or_negative_raises(check, clause: str, message: str) -> None:
    from wbcore.errors import UserError

    with pytest.raises(UserError, match=message):
        check.rows(f"SELECT x FROM UNNEST([5, 6, 7]) AS x ORDER BY x {clause}")


def test_limit_parameter_is_checked_when_run(check) -> None:
    from wbcore.errors import UserError

    sql = "SELECT x FROM UNNEST([5, 6, 7]) AS x ORDER BY x LIMIT @n"
    assert check.wb.arrow(sql, {"n": 2}).column(0).to_pylist() == [5, 6]
    with pytest.raises(UserError, match="Limit requires non-negative count and offset"):
        check.wb.arrow(sql, {"n": -2})
    assert check.rows("SELECT x FROM UNNEST([5, 6, 7]) AS x ORDER BY x LIMIT 1 OFFSET 2") == [(7,)]


def test_aggregate_limit_of_null_or_negative_raises(check) -> None:
    # ARRAY_AGG/STRING_AGG(... LIMIT n): the same condition, "count" only
    # (aggregate_functions#array_agg: LIMIT "must be a constant INT64").
    # https://cloud.google.com/bigquery/docs/reference/standard-sql/aggregate_functions#array_agg
    from wbcore.errors import UserError

    with pytest.raises(UserError, match="Limit requires non-negative count"):
        check.rows("SELECT ARRAY_AGG(x LIMIT -1) FROM UNNEST([1]) AS x")
    with pytest.raises(UserError, match="Limit requires non-null count"):
        check.rows("SELECT STRING_AGG(x LIMIT NULL) FROM UNNEST(['a']) AS x")


# Set operations BY NAME / CORRESPONDING match columns by name: INNER (CORRESPONDING) keeps
# the shared names in the first input's order, FULL every name, LEFT the first's, BY (...) /
# ON (...) the listed ones; a missing column is NULL; plain BY NAME needs the same names.
# Results as GoogleSQL's reference evaluator gives them.
# https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#union
@pytest.mark.parametrize(
    ("sql", "names", "rows"),
    [
        (
            "SELECT 5 AS p, 6 AS q UNION ALL CORRESPONDING SELECT 7 AS r, 8 AS p",
            ["p"],
            [(5,), (8,)],
        ),
        (
            "SELECT 5 AS p, 6 AS q FULL UNION ALL CORRESPONDING SELECT 7 AS r, 8 AS p",
            ["p", "q", "r"],
            [(5, 6, None), (8, None, 7)],
        ),
        (
            "SELECT 5 AS p, 6 AS q LEFT UNION ALL BY NAME SELECT 7 AS q",
            ["p", "q"],
            [(5, 6), (None, 7)],
        ),
        (
            "SELECT 5 AS p, 6 AS q UNION ALL BY NAME SELECT 7 AS q, 8 AS p",
            ["p", "q"],
            [(5, 6), (8, 7)],
        ),
        (
            "SELECT 5 AS p, 6 AS q UNION ALL CORRESPONDING BY (q) SELECT 7 AS q, 8 AS p",
            ["q"],
            [(6,), (7,)],
        ),
        (
            "SELECT 5 AS p, 6 AS q EXCEPT DISTINCT CORRESPONDING SELECT 6 AS q, 5 AS p",
            ["p", "q"],
            [],
        ),
    ],
)
def test_set_operations_by_name(check, sql: str, names: list[str], rows: list[tuple]) -> None:
    table = check.wb.arrow(sql)
    assert table.column_names == names
    assert sorted(check.rows(sql), key=str) == sorted(rows, key=str)
    assert "set-operations-by-name" in check.rules(sql)


def test_by_name_needs_the_same_names(check) -> None:
    from wbcore.errors import UserError

    with pytest.raises(UserError, match="BY NAME requires all input queries to have identical"):
        check.rows("SELECT 5 AS p, 6 AS q UNION ALL BY NAME SELECT 7 AS r")


def test_recursive_base_term_integer_literals_are_int64(check) -> None:
    """BigQuery's integer literals are INT64
    (https://cloud.google.com/bigquery/docs/reference/standard-sql/data-types#integer_types);
    DuckDB typed the base term's ``3`` as INTEGER and the recursion failed past 2^31. The
    expected row is GoogleSQL's reference evaluator's answer."""
    sql = (
        "WITH RECURSIVE t AS (SELECT 3 AS n, -1 AS m UNION ALL "
        "SELECT n * 1000, m - 1 FROM t WHERE n < 3000000000000) "
        "SELECT MAX(n), MIN(m), COUNT(*) FROM t"
    )
    assert check.rows(sql) == [(3000000000000, -5, 5)]
    assert "recursive-anchor-types" in check.rules(sql)
    assert check.type(sql) == "INT64"


def test_group_by_all_groups_by_the_columns_a_subquery_item_reads(check) -> None:
    """``(SELECT t.e)`` groups by ``t.e`` (GoogleSQL's reference evaluator); it was no key,
    and DuckDB then refused the ungrouped ``t.e`` (a raw Binder Error)."""
    rows = (
        "(SELECT 1 AS e, 1 AS a, 1 AS b UNION ALL SELECT 1, 2, 2 UNION ALL SELECT 2, 2, 2 "
        "UNION ALL SELECT 2, 2, 3) AS t"
    )
    sql = f"SELECT (SELECT t.e) AS x, a, SUM(b) AS s FROM {rows} GROUP BY ALL ORDER BY 1, 2"
    assert check.rows(sql) == [(1, 1, 1), (1, 2, 2), (2, 2, 5)]
    shadowed = (
        "SELECT (SELECT MAX(t.v) FROM (SELECT 9 AS v) AS t) AS x, a, SUM(b) AS s FROM "
        "(SELECT 1 AS v, 1 AS a, 1 AS b UNION ALL SELECT 2, 2, 2) AS t GROUP BY ALL ORDER BY 2"
    )
    assert check.rows(shadowed) == [(9, 1, 1), (9, 2, 2)]


def test_an_array_subquery_orders_by_a_checked_column(check) -> None:
    """``ARRAY(SELECT DISTINCT MOD(x, 2) ... ORDER BY 1)``: the column holds a division check,
    and DuckDB's binder refused ORDER BY its alias inside ARRAY (a raw Binder Error)."""
    sql = "SELECT ARRAY(SELECT DISTINCT MOD(x, 2) FROM UNNEST([1, 2, 3]) x ORDER BY 1)"
    assert check.value(sql) == [0, 1]
    named = "SELECT ARRAY(SELECT MOD(x, 2) AS m FROM UNNEST([1, 2, 3]) x ORDER BY m DESC, x)"
    assert check.value(named) == [1, 1, 0]
    assert "array-subquery-order-ordinals" in check.rules(sql)
