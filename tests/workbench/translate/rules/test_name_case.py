"""Names keep the case they are written in; STRUCT fields are named from their expressions.

BigQuery names a result column by its alias as written (``SELECT 1 AS Ab`` → ``Ab``) and
infers a STRUCT field's name from a column or path argument (``STRUCT(a, s.b)`` → fields
``a`` and ``b``), data-types#constructing_a_struct; GoogleSQL's reference evaluator (zetasql
0.1.5) gives the same names. Offline they were lowercased, and fields read from a value
table were ``_0``, ``_1``.
https://cloud.google.com/bigquery/docs/reference/standard-sql/data-types#constructing_a_struct
https://cloud.google.com/bigquery/docs/reference/standard-sql/lexical#case_sensitivity
"""

from __future__ import annotations


def test_output_alias_keeps_its_case(check) -> None:
    table = check.wb.arrow("SELECT 1 AS Ab, 2 AS cd, STRUCT(3 AS Ef) AS S")
    assert table.column_names == ["Ab", "cd", "S"]
    assert table.schema.field("S").type.field(0).name == "Ef"
    assert "written-name-case" in check.rules("SELECT 1 AS Ab")


def test_star_takes_the_case_of_the_definition_and_a_reference_its_own(check) -> None:
    cte = "WITH t AS (SELECT 1 AS Ab) "
    assert check.wb.arrow(cte + "SELECT * FROM t").column_names == ["Ab"]
    assert check.wb.arrow(cte + "SELECT ab FROM t").column_names == ["ab"]
    grouped = cte + "SELECT Ab, COUNT(*) AS N FROM t GROUP BY ab ORDER BY n"
    assert check.wb.arrow(grouped).column_names == ["Ab", "N"]
    assert check.rows(grouped) == [(1, 1)]


def test_set_operation_names_come_from_the_first_branch(check) -> None:
    sql = "SELECT 1 AS Xy UNION ALL SELECT 2 AS q ORDER BY xy"
    assert check.wb.arrow(sql).column_names == ["Xy"]
    assert check.rows(sql) == [(1,), (2,)]


def test_struct_fields_are_named_from_columns_of_a_value_table(check) -> None:
    sql = "SELECT STRUCT(a, s.b) AS v FROM UNNEST([STRUCT(1 AS a, 'x' AS b)]) AS s"
    assert check.value(sql) == {"a": 1, "b": "x"}
    agg = "SELECT ARRAY_AGG(STRUCT(a, b) ORDER BY a) AS v FROM UNNEST([STRUCT(2 AS a, 'y' AS b)])"
    assert check.value(agg) == [{"a": 2, "b": "y"}]
    assert "struct-field-names" in check.rules(sql)


def test_typed_struct_and_computed_fields_are_left_alone(check) -> None:
    typed = "SELECT STRUCT<x INT64>(a) AS v FROM UNNEST([STRUCT(1 AS a)])"
    assert check.value(typed) == {"x": 1}
    assert "struct-field-names" not in check.rules("SELECT STRUCT(1 + 1) AS v")


def test_a_tuple_element_of_an_array_is_a_struct(check) -> None:
    """``(x, y)`` in an array literal of STRUCTs is a STRUCT (data-types#tuple_syntax): the
    array is typed, so SUM of its INT64 field is INT64 and DATE_TRUNC of its DATE a DATE.
    https://cloud.google.com/bigquery/docs/reference/standard-sql/data-types#tuple_syntax
    """
    rows = "FROM UNNEST([STRUCT('a' AS g, 1 AS n, DATE '2024-01-03' AS d), ('a', 2, NULL)])"
    assert check.type(f"SELECT SUM(n) AS s {rows}") == "INT64"
    assert check.value(f"SELECT SUM(n) AS s {rows}") == 3
    assert check.type(f"SELECT DATE_TRUNC(d, ISOWEEK) AS w {rows}") == "DATE"
    assert "array-tuples" in check.rules(f"SELECT g {rows}")
    assert "array-tuples" not in check.rules("SELECT (1, 2) = (1, 2) AS e")


def test_a_table_name_with_capitals_does_not_respell_its_columns(check) -> None:
    # WITH D AS (SELECT 1 AS d): the column is d; D names the WITH query, not a column
    assert check.wb.arrow("WITH D AS (SELECT 1 AS d, 2 AS e) SELECT * FROM D").column_names == [
        "d",
        "e",
    ]


def test_select_as_struct_fields_keep_their_case(check) -> None:
    # (SELECT AS STRUCT 1 A, 2 B) is STRUCT<A INT64, B INT64> (reference evaluator)
    assert check.value("SELECT (SELECT AS STRUCT 1 A, 2 b) AS s") == {"A": 1, "b": 2}
