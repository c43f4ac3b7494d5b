import pytest

from wbcore.errors import UserError


def test_offset_out_of_bounds_raises(check) -> None:
    with pytest.raises(UserError, match="out of bounds"):
        check.value("SELECT [1, 2, 3][OFFSET(5)]")
    assert check.value("SELECT [1, 2, 3][SAFE_OFFSET(5)]") is None


def test_result_arrays(check) -> None:
    assert check.value("SELECT ARRAY_CONCAT([1], CAST(NULL AS ARRAY<INT64>))") == []
    with pytest.raises(UserError, match="null element"):
        check.value("SELECT [1, NULL]")
    assert check.value("SELECT ARRAY_LENGTH([1, NULL])") == 2


def test_struct_unnest_and_first_last(check) -> None:
    assert check.rows(
        "SELECT s.x FROM UNNEST([STRUCT(1 AS x), STRUCT(2 AS x)]) AS s ORDER BY s.x"
    ) == [(1,), (2,)]
    assert check.value("SELECT ARRAY_LAST(['a', 'b'])") == "b"


def test_unnest_of_structs_with_offset(check) -> None:
    """UNNEST(array of STRUCT) AS s WITH OFFSET o: s stays a STRUCT and o is the element's
    zero-based position (query syntax, UNNEST operator, WITH OFFSET:
    https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#unnest_operator;
    the arrays page's examples agree: OFFSET(index) is zero-based)."""
    sql = (
        "SELECT s.x, o FROM UNNEST([STRUCT(10 AS x), STRUCT(20 AS x), STRUCT(30 AS x)]) AS s "
        "WITH OFFSET o ORDER BY o DESC"
    )
    assert check.rows(sql) == [(30, 2), (20, 1), (10, 0)]
    where = (
        "SELECT s.x FROM UNNEST([STRUCT(1 AS x), STRUCT(2 AS x)]) AS s WITH OFFSET o WHERE o = 1"
    )
    assert check.rows(where) == [(2,)]


def test_correlated_unnest_of_structs_with_offset(check) -> None:
    sql = (
        "SELECT t.id, e.v, pos FROM UNNEST([STRUCT(1 AS id, [STRUCT('a' AS v), STRUCT('b' AS v)] "
        "AS items), STRUCT(2 AS id, [STRUCT('c' AS v)] AS items)]) AS t, "
        "UNNEST(t.items) AS e WITH OFFSET pos ORDER BY t.id, pos"
    )
    assert check.rows(sql) == [(1, "a", 0), (1, "b", 1), (2, "c", 0)]


def test_array_slice_offsets(check) -> None:
    """ARRAY_SLICE(array, start_offset, end_offset): zero-based, both ends included, a negative
    offset counts from the end, offsets past either end are clamped, NULL if any argument is
    NULL (https://cloud.google.com/bigquery/docs/reference/standard-sql/array_functions#array_slice).
    Found by the zetasql oracle: DuckDB's 1-based array_slice gave [1] for [2]."""
    assert check.value("SELECT ARRAY_SLICE(['a', 'b', 'c', 'd'], 1, 1)") == ["b"]
    assert check.value("SELECT ARRAY_SLICE(['a', 'b', 'c', 'd'], -2, -1)") == ["c", "d"]
    assert check.value("SELECT ARRAY_SLICE(['a', 'b', 'c', 'd'], -10, 1)") == ["a", "b"]
    assert check.value("SELECT ARRAY_SLICE(['a', 'b', 'c', 'd'], 2, 10)") == ["c", "d"]
    assert check.value("SELECT ARRAY_SLICE(['a', 'b', 'c', 'd'], 3, 1)") == []
    assert check.value("SELECT ARRAY_LENGTH(ARRAY_SLICE([1, 2, 3], 0, NULL)) IS NULL") is True
    assert "array-functions" in check.rules("SELECT ARRAY_SLICE([1, 2], 0, 0)")


def test_array_to_string_of_null_elements(check) -> None:
    """NULL elements are left out without null_text, so only NULLs join to '' (not NULL); a
    NULL array or delimiter gives NULL
    (https://cloud.google.com/bigquery/docs/reference/standard-sql/array_functions#array_to_string)."""
    assert check.value("SELECT ARRAY_TO_STRING([CAST(NULL AS STRING)], 'x')") == ""
    assert check.value("SELECT ARRAY_TO_STRING(['a', NULL, 'b'], ',')") == "a,b"
    assert check.value("SELECT ARRAY_TO_STRING([CAST(NULL AS STRING)], ',', 'n')") == "n"
    assert check.value("SELECT ARRAY_TO_STRING(['a'], CAST(NULL AS STRING))") is None


def test_safe_offset_outside_the_array_is_null(check) -> None:
    # https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#array_subscript_operator
    # (SAFE_OFFSET/SAFE_ORDINAL: NULL if the index is out of range; DuckDB counts a
    # negative index from the end)
    assert check.value("SELECT [1, 2, 3][SAFE_OFFSET(-2)]") is None
    assert check.value("SELECT [1, 2, 3][SAFE_ORDINAL(-1)]") is None
    assert check.value("SELECT [1, 2, 3][SAFE_OFFSET(3)]") is None
    assert check.value("SELECT [1, 2, 3][SAFE_OFFSET(1)]") == 2
    assert check.value("SELECT [1, 2, 3][SAFE_ORDINAL(3)]") == 3


def test_array_to_string_null_text_null_is_null(check) -> None:
    # https://cloud.google.com/bigquery/docs/reference/standard-sql/array_functions#array_to_string
    # (NULL if any argument is NULL; zetasql's reference evaluator agrees for null_text)
    assert check.value("SELECT ARRAY_TO_STRING(['a', NULL, ''], ',', CAST(NULL AS STRING))") is None
    assert check.value("SELECT ARRAY_TO_STRING(['a', 'b'], ',', CAST(NULL AS STRING))") is None
    assert check.value("SELECT ARRAY_TO_STRING(['a', NULL], CAST(NULL AS STRING), 'x')") is None
    assert check.value("SELECT ARRAY_TO_STRING(['a', NULL], ',', 'x')") == "a,x"


# GENERATE_ARRAY of FLOAT64 (float-generate-array). Expected values: GoogleSQL's reference
# evaluator (zetasql 0.1.5); element i is start + i * step, not a running sum
# (https://cloud.google.com/bigquery/docs/reference/standard-sql/array_functions#generate_array).
@pytest.mark.parametrize(
    ("call", "expected"),
    [
        (
            "GENERATE_ARRAY(0, 1, 0.1)",
            [
                0.0,
                0.1,
                0.2,
                0.30000000000000004,
                0.4,
                0.5,
                0.6000000000000001,
                0.7000000000000001,
                0.8,
                0.9,
                1.0,
            ],
        ),
        (
            "GENERATE_ARRAY(0.1, 0.35, 0.05)",
            [0.1, 0.15000000000000002, 0.2, 0.25, 0.30000000000000004, 0.35],
        ),
        ("GENERATE_ARRAY(0, 0.3, 0.1)", [0.0, 0.1, 0.2]),
        ("GENERATE_ARRAY(1.0, 0, -0.5)", [1.0, 0.5, 0.0]),
        ("GENERATE_ARRAY(1.0, 0, 0.5)", []),
        ("GENERATE_ARRAY(1.5, 1.5, 1.0)", [1.5]),
        ("GENERATE_ARRAY(-2.5, 2.5)", [-2.5, -1.5, -0.5, 0.5, 1.5, 2.5]),
        ("GENERATE_ARRAY(1, CAST(NULL AS FLOAT64), 1)", []),
        ("SAFE.GENERATE_ARRAY(0, 1, 0.0)", []),
    ],
)
def test_generate_array_of_float64(check, call, expected) -> None:
    assert check.value(f"SELECT {call} AS v") == expected


@pytest.mark.parametrize(
    ("call", "message"),
    [
        ("GENERATE_ARRAY(0, 1, 0.0)", "step must not be 0"),
        ("GENERATE_ARRAY(0, 1, CAST('NaN' AS FLOAT64))", "cannot be NaN"),
        ("GENERATE_ARRAY(0, 1, CAST('inf' AS FLOAT64))", "step cannot be"),
        ("GENERATE_ARRAY(0, CAST('inf' AS FLOAT64), 1.0)", "no end"),
    ],
)
def test_generate_array_of_float64_errors(check, call, message) -> None:
    with pytest.raises(UserError, match=message):
        check.value(f"SELECT {call} AS v")


def test_a_null_array_is_null_at_any_index(check) -> None:
    # https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#array_subscript_operator
    # (an index out of range is an error); a NULL array has no range: the reference evaluator
    # gives NULL for NULL[OFFSET(-1)] and NULL[ORDINAL(0)]
    assert check.value("SELECT CAST(NULL AS ARRAY<STRING>)[ORDINAL(0)]") is None
    assert check.value("SELECT CAST(NULL AS ARRAY<INT64>)[OFFSET(-1)]") is None
    with pytest.raises(UserError, match="out of bounds"):
        check.value("SELECT ['a'][OFFSET(1)]")


def test_result_array_from_a_scalar_subquery(check) -> None:
    # A scalar subquery "returns the single value of its one column"; an ARRAY result column
    # with a NULL element is still an error (arrays#constructing_arrays: "Array cannot have a
    # null element" when writing the result).
    # https://cloud.google.com/bigquery/docs/reference/standard-sql/subqueries#scalar_subquery_concepts
    sql = "SELECT (SELECT ARRAY_AGG(x ORDER BY x DESC) FROM UNNEST([4, 9]) AS x) AS s"
    assert check.rows(sql) == [([9, 4],)]
    assert check.rows("SELECT (SELECT [7, 8])") == [([7, 8],)]
    from wbcore.errors import UserError

    with pytest.raises(UserError, match="Array cannot have a null element"):
        check.rows("SELECT (SELECT [7, NULL]) AS s")


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        # array_functions#generate_array: NUMERIC bounds give ARRAY<NUMERIC>, exactly
        (
            "GENERATE_ARRAY(NUMERIC '1.5', NUMERIC '2.5', NUMERIC '0.3')",
            ["1.5", "1.8", "2.1", "2.4"],
        ),
        # INT64 values and a FLOAT64 literal beside a NUMERIC are NUMERIC (GoogleSQL's
        # reference evaluator: GENERATE_ARRAY(NUMERIC '1', 3, 1.5) is [1, 2.5], NUMERIC)
        ("GENERATE_ARRAY(NUMERIC '1', 3, 1.5)", ["1", "2.5"]),
        ("GENERATE_ARRAY(NUMERIC '3', 1, -1)", ["3", "2", "1"]),
        ("GENERATE_ARRAY(NUMERIC '3', 1, 1)", []),
        (
            "GENERATE_ARRAY(NUMERIC '-99999999999999999999999999999', "
            "NUMERIC '99999999999999999999999999999', NUMERIC '99999999999999999999999999999')",
            ["-99999999999999999999999999999", "0", "99999999999999999999999999999"],
        ),
    ],
)
def test_generate_array_of_numeric(check, call, expected) -> None:
    from decimal import Decimal

    assert check.value(f"SELECT {call}") == [Decimal(v) for v in expected]
    assert check.type(f"SELECT {call}") == "ARRAY<NUMERIC>"
    assert "numeric-generate-array" in check.rules(f"SELECT {call}")


def test_generate_array_of_numeric_errors_and_nulls(check) -> None:
    with pytest.raises(UserError, match="the step must not be 0"):
        check.value("SELECT GENERATE_ARRAY(NUMERIC '1', 3, 0)")
    assert check.value("SELECT GENERATE_ARRAY(NUMERIC '1', CAST(NULL AS NUMERIC), 1) IS NULL")
    got = check.value(
        "SELECT (SELECT SUM(x) FROM UNNEST(GENERATE_ARRAY(NUMERIC '0.1', 1, 0.1)) AS x)"
    )
    assert str(got.normalize()) == "5.5"


def test_an_index_of_no_known_type_is_still_moved_to_duckdbs_position(check) -> None:
    """``arr[OFFSET(@i)]`` is the element at zero-based @i (operators#array_subscript_operator):
    sqlglot adds DuckDB's one only to an index it types as an integer, so a query parameter
    read the next element. The parameter's value and the literal must agree."""
    arr = ["a", "b", "c"]
    for form, i, want in (
        ("OFFSET(@i)", 1, "b"),
        ("@i", 0, "a"),
        ("ORDINAL(@i)", 1, "a"),
        ("SAFE_OFFSET(@i)", 2, "c"),
        ("SAFE_OFFSET(@i)", 3, None),
        ("SAFE_ORDINAL(@i + 1)", 2, "c"),
    ):
        assert check.value(f"SELECT @arr[{form}]", arr=arr, i=i) == want, form
        assert check.value(f"SELECT ['a', 'b', 'c'][{form}]", i=i) == want, form
    with pytest.raises(UserError, match="out of bounds"):
        check.value("SELECT ['a'][OFFSET(@i)]", i=1)


def test_an_array_parameter_is_an_array_to_the_reference_analyzer(check) -> None:
    # undeclared, the analyzer typed @ids INT64 from its use and refused UNNEST(@ids)
    assert check.value("SELECT ARRAY_LENGTH(@ids) + @ids[OFFSET(1)]", ids=[4, 5]) == 7
    assert check.value("SELECT SUM(x) FROM UNNEST(@ids) AS x", ids=[4, 5, 6]) == 15
    assert check.value("SELECT 5 IN UNNEST(@ids)", ids=[4, 5]) is True
    with pytest.raises(UserError, match="out of bounds"):
        check.value("SELECT @ids[OFFSET(2)]", ids=[4, 5])
