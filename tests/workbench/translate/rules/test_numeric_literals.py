"""Rule numeric-literal-coercion: a FLOAT64 literal beside a NUMERIC value is NUMERIC.

GoogleSQL coerces a literal to the supertype of the values it is grouped with ("Literal
coercion", conversion_rules#coercion; supertypes, conversion_rules#supertypes): the
elements of an array literal, the fields of its STRUCT elements, the values of a
comparison (=, <, BETWEEN, IN, IN UNNEST, IS DISTINCT FROM, a simple CASE) and the result
of NULLIF. DuckDB's supertype of DECIMAL and DOUBLE is DOUBLE, so ``[NUMERIC '2.5', 1.125]``
was ARRAY<FLOAT64> and a NUMERIC compared with a literal was compared as doubles. A FLOAT64
value (not a literal) makes the supertype FLOAT64, and the literal stays a double.
Expected values: GoogleSQL's reference evaluator.
https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_rules#coercion
https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_rules#supertypes
"""

from __future__ import annotations

from decimal import Decimal

# 123456789012 and 123456789012.000000001 are one double, two NUMERIC values
_N = "(SELECT NUMERIC '123456789012.000000001' AS n)"


def test_an_array_literal_with_a_numeric_element_is_array_of_numeric(check) -> None:
    sql = "SELECT [NUMERIC '2.5', 1.125, 3]"
    assert check.value(sql) == [Decimal("2.5"), Decimal("1.125"), Decimal("3")]
    assert check.type(sql) == "ARRAY<NUMERIC>"
    assert "numeric-literal-coercion" in check.rules(sql)
    # the literal converts from its text: rounded half away from zero to 9 digits
    assert check.value("SELECT [NUMERIC '1', 1.0000000005]") == [
        Decimal("1"),
        Decimal("1.000000001"),
    ]


def test_an_element_that_is_a_float_value_keeps_the_array_float(check) -> None:
    sql = "SELECT [n, 0.5, f] FROM (SELECT NUMERIC '1' AS n, 2.5 AS f)"
    assert check.value(sql) == [1.0, 0.5, 2.5]
    assert check.type(sql) == "ARRAY<FLOAT64>"


def test_struct_elements_are_coerced_field_by_field(check) -> None:
    sql = "SELECT [STRUCT(NUMERIC '1.5' AS x, 'a' AS y), STRUCT(2.25, 'b')]"
    assert check.value(sql) == [
        {"x": Decimal("1.5"), "y": "a"},
        {"x": Decimal("2.25"), "y": "b"},
    ]
    assert check.type(sql) == "ARRAY<STRUCT<x NUMERIC, y STRING>>"
    # a STRUCT value's NUMERIC field types the literal of a constructor beside it
    value = "SELECT [s, STRUCT(0.5)] FROM (SELECT STRUCT(NUMERIC '1' AS x) AS s)"
    assert check.value(value) == [{"x": Decimal("1")}, {"x": Decimal("0.5")}]


def test_array_concat_and_unnest_of_numeric_arrays(check) -> None:
    concat = "SELECT ARRAY_CONCAT(a, [0.1, 2.5]) FROM (SELECT [NUMERIC '1'] AS a)"
    assert check.value(concat) == [Decimal("1"), Decimal("0.1"), Decimal("2.5")]
    assert check.type(concat) == "ARRAY<NUMERIC>"
    unnest = "SELECT x FROM UNNEST([NUMERIC '1.5', 0.1]) AS x ORDER BY x"
    assert check.rows(unnest) == [(Decimal("0.1"),), (Decimal("1.5"),)]
    assert check.type(unnest) == "NUMERIC"


def test_comparisons_with_a_literal_are_exact(check) -> None:
    sql = (
        "SELECT n = 123456789012.0, n > 123456789012.0, n IN (123456789012.0, 1.5), "
        "n BETWEEN 0.5 AND 123456789012.0, n IS DISTINCT FROM 123456789012.0, "
        f"n IN UNNEST([123456789012.0]), (n, 1) = (123456789012.0, 1) FROM {_N}"
    )
    assert check.rows(sql) == [(False, True, False, False, True, False, False)]
    assert "numeric-literal-coercion" in check.rules(sql)


def test_simple_case_and_nullif_compare_as_numeric(check) -> None:
    case = f"SELECT CASE n WHEN 123456789012.0 THEN 'eq' ELSE 'ne' END FROM {_N}"
    assert check.value(case) == "ne"
    nullif = f"SELECT NULLIF(n, 123456789012.0) FROM {_N}"
    assert check.value(nullif) == Decimal("123456789012.000000001")
    assert check.type(nullif) == "NUMERIC"


def test_a_float_value_in_a_comparison_keeps_it_float(check) -> None:
    # NUMERIC against a FLOAT64 value compares as FLOAT64: equal doubles
    sql = "SELECT n = f FROM (SELECT NUMERIC '123456789012.000000001' AS n, 123456789012.0 AS f)"
    assert check.value(sql) is True
    assert check.value(
        "SELECT COALESCE(NULL, 0.1234567891, NUMERIC '1', f) FROM (SELECT 2.5 f)"
    ) == (0.1234567891)


def test_cast_of_a_literal_past_numeric_range_converts_its_double(check) -> None:
    # the text 1e29 is no NUMERIC; its double, 99999999999999991433150857216, is
    assert check.value("SELECT CAST(1e29 AS NUMERIC)") == Decimal("99999999999999991433150857216")
    assert check.value("SELECT CAST(-1e29 AS NUMERIC)") == Decimal("-99999999999999991433150857216")
    assert check.value("SELECT SAFE_CAST(1e29 AS NUMERIC)") == Decimal(
        "99999999999999991433150857216"
    )
    # within range the text converts exactly
    assert check.value("SELECT CAST(99999999999999999999999999999.4 AS NUMERIC)") == Decimal(
        "99999999999999999999999999999.4"
    )
    assert check.value("SELECT SAFE_CAST(1e40 AS NUMERIC)") is None


def test_function_arguments_beside_a_numeric_are_numeric(check) -> None:
    # SAFE_ADD & co., DIV, MOD, POW and LOG have a NUMERIC signature: the literal is
    # coerced to it (mathematical_functions; reference evaluator: 1.1, 0.15, 0.333333333,
    # 3, 1.414213562, 2)
    sql = (
        "SELECT SAFE_ADD(NUMERIC '1', 0.1), SAFE_MULTIPLY(NUMERIC '1.5', 0.1), "
        "SAFE_DIVIDE(NUMERIC '1', 3.0), DIV(NUMERIC '7', 2.0), POW(NUMERIC '2', 0.5), "
        "LOG(NUMERIC '100', 10.0)"
    )
    assert check.rows(sql) == [
        tuple(Decimal(v) for v in ("1.1", "0.15", "0.333333333", "3", "1.414213562", "2"))
    ]
    assert check.value("SELECT SAFE_ADD(NUMERIC '99999999999999999999999999999', 1.5)") is None
    # a FLOAT64 argument beside an INT64 stays FLOAT64
    assert check.type("SELECT SAFE_ADD(2, 0.1)") == "FLOAT64"


def test_array_concatenation_and_set_operations_of_arrays_and_structs(check) -> None:
    concat = "SELECT [NUMERIC '1'] || [0.5]"
    assert check.value(concat) == [Decimal("1"), Decimal("0.5")]
    union = "SELECT s FROM (SELECT STRUCT(NUMERIC '1' AS a) AS s UNION ALL SELECT STRUCT(0.5))"
    assert sorted(r[0]["a"] for r in check.rows(union)) == [Decimal("0.5"), Decimal("1")]
    arrays = "SELECT [NUMERIC '1'] AS a UNION ALL SELECT [0.5]"
    assert check.type(arrays) == "ARRAY<NUMERIC>"
    # a FLOAT64 value in another branch: the column is FLOAT64, the literal keeps its digits
    floats = (
        "SELECT v FROM (SELECT NUMERIC '1' AS v UNION ALL SELECT 0.1234567891 "
        "UNION ALL SELECT f FROM (SELECT 2.5 AS f)) ORDER BY v"
    )
    assert check.rows(floats) == [(0.1234567891,), (1.0,), (2.5,)]
