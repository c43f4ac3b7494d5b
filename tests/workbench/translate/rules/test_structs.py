import pytest

from workbench.translate import UnsupportedError, UserError

NULL_B = "STRUCT(1 AS a, CAST(NULL AS INT64) AS b)"


def test_struct_equality_with_null_field_is_null(check) -> None:
    assert check.value(f"SELECT {NULL_B} = {NULL_B}") is None
    assert check.value(f"SELECT {NULL_B} = STRUCT(2 AS a, CAST(NULL AS INT64) AS b)") is False
    assert check.value("SELECT STRUCT(1 AS a, 2 AS b) != STRUCT(1 AS a, 3 AS b)") is True
    assert "struct-comparisons" in check.rules("SELECT STRUCT(1 AS a) = STRUCT(1 AS a)")


def test_struct_fields_compare_by_position(check) -> None:
    assert check.value("SELECT STRUCT(1, 2) = STRUCT(1, 2)") is True
    assert check.value("SELECT STRUCT(1 AS x, 2 AS y) = STRUCT(1 AS p, 3 AS q)") is False
    nested = "STRUCT(1 AS a, STRUCT(CAST(NULL AS INT64) AS c) AS n)"
    assert check.value(f"SELECT {nested} = {nested}") is None


def test_case_on_a_struct_does_not_match_null_fields(check) -> None:
    sql = f"SELECT CASE {NULL_B} WHEN {NULL_B} THEN 'same' ELSE 'other' END"
    assert check.value(sql) == "other"
    ok = "SELECT CASE STRUCT(1 AS a) WHEN STRUCT(2 AS a) THEN 'x' WHEN STRUCT(1 AS a) THEN 'y' END"
    assert check.value(ok) == "y"


def test_struct_in_list_and_in_unnest(check) -> None:
    assert check.value(f"SELECT {NULL_B} IN ({NULL_B})") is None
    assert check.value(f"SELECT {NULL_B} IN (STRUCT(2, 3), {NULL_B})") is None
    assert check.value(f"SELECT {NULL_B} IN (STRUCT(2, 3))") is False
    assert check.value(f"SELECT {NULL_B} IN UNNEST([{NULL_B}])") is None
    assert check.value("SELECT STRUCT(1 AS a) IN UNNEST([STRUCT(1 AS a)])") is True
    assert check.value("SELECT STRUCT(1 AS a) IN UNNEST([STRUCT(2 AS a)])") is False
    assert check.value("SELECT STRUCT(1 AS a) NOT IN UNNEST([STRUCT(2 AS a)])") is True
    assert (
        check.value("SELECT STRUCT(1 AS a) IN UNNEST(CAST([] AS ARRAY<STRUCT<a INT64>>))") is False
    )


def test_tuple_in_subquery_is_refused(check) -> None:
    """``(a, b) IN (SELECT (x, y) ...)`` compares STRUCTs (data-types#tuple_syntax) with NULL
    fields giving NULL; DuckDB's row comparison gave FALSE (query oracle): refused."""
    sql = "SELECT (1, NULL) IN (SELECT (1, 2)) AS i"
    with pytest.raises(UnsupportedError, match="IN \\(subquery\\) with STRUCT values"):
        check.sql(sql)


def test_struct_with_array_field_is_not_compared(check) -> None:
    with pytest.raises(UnsupportedError, match="ARRAY field is not supported offline"):
        check.sql("SELECT STRUCT([1] AS a) = STRUCT([1] AS a)")


def test_null_element_inside_a_result_struct_is_an_error(check) -> None:
    with pytest.raises(UserError, match="Array cannot have a null element"):
        check.value("SELECT STRUCT([1, CAST(NULL AS INT64)] AS a)")
    with pytest.raises(UserError, match="Array cannot have a null element"):
        check.value("SELECT [STRUCT([CAST(NULL AS STRING)] AS a)]")
    with pytest.raises(UserError, match="Array cannot have a null element"):
        check.value("SELECT s FROM (SELECT STRUCT(STRUCT([1, NULL] AS b) AS a) AS s)")
    assert check.value("SELECT STRUCT([1, 2] AS a)") == {"a": [1, 2]}
    assert "nested-result-arrays" in check.rules("SELECT STRUCT([1] AS a)")
    # inside the query a NULL element is allowed; only the result is checked
    assert check.value("SELECT ARRAY_LENGTH(s.a) FROM (SELECT STRUCT([1, NULL] AS a) AS s)") == 2


def test_structs_have_no_order(check) -> None:
    for sql in (
        "SELECT STRUCT(1 AS a) < STRUCT(2 AS a)",
        "SELECT s FROM UNNEST([STRUCT(1 AS a)]) AS s ORDER BY s",
        "SELECT MAX(s) FROM UNNEST([STRUCT(1 AS a)]) AS s",
    ):
        with pytest.raises(UserError, match="STRUCT values cannot be ordered"):
            check.sql(sql)
    assert check.rows("SELECT s.a FROM UNNEST([STRUCT(2 AS a), STRUCT(1)]) AS s ORDER BY s.a") == [
        (1,),
        (2,),
    ]


def test_only_the_result_is_checked_for_null_elements(check) -> None:
    cte = "WITH t AS (SELECT [1, NULL] AS a) SELECT ARRAY_LENGTH(a) AS n FROM t UNION ALL SELECT 5"
    assert check.rows(cte) == [(2,), (5,)]
    nested = "(SELECT [1] AS a UNION ALL SELECT [2]) UNION ALL SELECT [CAST(NULL AS INT64)]"
    with pytest.raises(UserError, match="Array cannot have a null element"):
        check.rows(nested)


def test_struct_equality_with_a_nan_field(check) -> None:
    # STRUCTs are equal when each field is; a FLOAT64 field holding NaN equals nothing
    # (data-types#floating_point_semantics: NaN = NaN is FALSE), so neither do the STRUCTs.
    # https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#comparison_operators
    # https://cloud.google.com/bigquery/docs/reference/standard-sql/data-types#floating_point_semantics
    nan = "CAST('NaN' AS FLOAT64)"
    assert check.value(f"SELECT STRUCT({nan} AS v, 2 AS w) = STRUCT({nan} AS v, 2 AS w)") is False
    assert check.value(f"SELECT STRUCT({nan} AS v) != STRUCT({nan} AS v)") is True
    assert check.value("SELECT STRUCT(0.5 AS v, 'q' AS w) = STRUCT(0.5, 'q')") is True
    inside = f"SELECT STRUCT({nan} AS v) IN UNNEST([STRUCT({nan} AS v), STRUCT(1.0)])"
    assert check.value(inside) is False


def test_struct_column_not_in_a_list_of_tuples_with_a_null_field(check) -> None:
    """(5, 6) NOT IN ((1, 2), (5, NULL)): the second comparison is NULL, so NOT IN is NULL
    and the row is filtered out (operators#in_operators; GoogleSQL's reference evaluator
    gives only the first row). The column's type comes from a CTE of tuples, unknown to the
    rule before; the list's tuples give it."""
    sql = (
        "WITH t AS (SELECT 1 AS id, (7, 8) AS s UNION ALL SELECT 2, (5, 6)) "
        "SELECT id FROM t WHERE s NOT IN ((1, 2), (5, NULL)) ORDER BY id"
    )
    assert check.rows(sql) == [(1,)]
    assert "struct-comparisons" in check.rules(sql)


def test_star_of_a_struct_expression_is_a_column_per_field(check) -> None:
    # query-syntax#select_modifiers (SELECT expression.*, EXCEPT, REPLACE); GoogleSQL's
    # reference evaluator. DuckDB expands a column's s.* only: a raw Parser Error before.
    assert check.rows("SELECT STRUCT(1 AS a, 'x' AS b).*") == [(1, "x")]
    assert check.rows("SELECT CAST(NULL AS STRUCT<a INT64, b STRING>).*") == [(None, None)]
    assert check.rows("SELECT 0 AS z, (SELECT AS STRUCT 1 AS a, 2 AS b).*, 3 AS y") == [
        (0, 1, 2, 3)
    ]
    assert check.rows("SELECT STRUCT(1 AS a, 2 AS b).* EXCEPT (a)") == [(2,)]
    assert check.rows("SELECT STRUCT(1 AS a, 2 AS b).* REPLACE (5 AS a)") == [(5, 2)]
    assert "struct-star" in check.rules("SELECT STRUCT(1 AS a).*")
    grouped = "SELECT k, STRUCT(k AS a, COUNT(*) AS c).* FROM UNNEST([1, 1, 2]) AS k GROUP BY k"
    assert sorted(check.rows(grouped)) == [(1, 1, 2), (2, 2, 1)]


def test_a_position_after_a_struct_star_is_refused(check) -> None:
    # ORDER BY 2 counts the STRUCT's fields in BigQuery; sqlglot counted the .* as one item
    with pytest.raises(UnsupportedError, match="position with expression"):
        check.sql("SELECT STRUCT(x AS a, 3 AS c).*, 2 AS b FROM UNNEST([1]) x ORDER BY 2")
def test_nullif_of_structs_compares_field_by_field(check) -> None:
    """NULLIF(s, t) is NULL only where s = t is TRUE: a NULL field keeps s (DuckDB's NULLIF
    matched (NULL, 2) with itself)."""
    s = "STRUCT(CAST(NULL AS INT64) AS x, 2 AS y)"
    assert check.value(f"SELECT NULLIF({s}, (NULL, 2))") == {"x": None, "y": 2}
    assert check.value("SELECT NULLIF(STRUCT(1 AS x, 2 AS y), (1, 2))") is None
    assert check.value("SELECT NULLIF(STRUCT(1 AS x, 2 AS y), (1, 3))") == {"x": 1, "y": 2}
    assert "struct-comparisons" in check.rules(f"SELECT NULLIF({s}, (NULL, 2))")


def test_star_of_a_struct_expression_is_one_column_per_field(check) -> None:
    """query-syntax#select_expression_star: ``expr.*`` of any STRUCT expression (DuckDB's
    parser stopped at the star: a raw Parser Error)."""
    assert check.rows("SELECT STRUCT<x INT64, y STRING>(1, 'a').*, 5 AS c") == [(1, "a", 5)]
    assert check.rows("SELECT (SELECT AS STRUCT 1 a, 2 b).*") == [(1, 2)]
    arr = "WITH t AS (SELECT [STRUCT(1 AS a, 3 AS b), STRUCT(2, 4)] AS arr, 9 AS k)"
    assert check.rows(f"{arr} SELECT arr[OFFSET(1)].* EXCEPT (a) FROM t") == [(4,)]
    assert check.rows(f"{arr} SELECT arr[OFFSET(1)].* REPLACE (k AS a) FROM t") == [(9, 4)]
    assert check.rows("SELECT CAST(NULL AS STRUCT<a INT64, b STRING>).*") == [(None, None)]
    assert "struct-star" in check.rules("SELECT STRUCT(1 AS a).*")


def test_star_of_a_value_that_is_no_struct_is_bigquerys_error(check) -> None:
    with pytest.raises(UserError, match="Dot-star is not supported for type INT64"):
        check.sql("SELECT (1).*")
    with pytest.raises(UserError, match="Column z in SELECT \\* EXCEPT list does not exist"):
        check.sql("SELECT STRUCT(1 AS a, 2 AS b).* EXCEPT (z)")
