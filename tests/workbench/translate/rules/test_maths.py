import math
from decimal import Decimal

import pytest

from wbcore.errors import UserError
from workbench.translate import UnsupportedError


def test_integer_division_is_float64_and_zero_raises(check) -> None:
    assert check.value("SELECT 5 / 2") == 2.5
    assert check.type("SELECT 6 / 3") == "FLOAT64"
    with pytest.raises(UserError, match="division by zero"):
        check.value("SELECT 1 / 0")
    with pytest.raises(UserError, match="division by zero"):
        check.value("SELECT MOD(1, 0)")


def test_number_literals(check) -> None:
    assert "CAST(0.1 AS DOUBLE)" in check.sql("SELECT 0.1 + 0.2")
    assert check.value("SELECT 0.1 + 0.2") == 0.30000000000000004
    assert check.value("SELECT 2147483647 + 1") == 2147483648
    with pytest.raises(UserError):
        check.value("SELECT 9223372036854775807 + 1")


def test_rounding_and_casts(check) -> None:
    assert check.value("SELECT ROUND(-2.5)") == -3.0
    assert check.type("SELECT ROUND(5)") == "FLOAT64"
    assert check.value("SELECT CAST(2.5 AS INT64)") == 3
    assert check.value("SELECT CAST(-2.5 AS INT64)") == -3
    with pytest.raises(UserError, match="CAST failed: the value cannot be converted to INT64"):
        check.value("SELECT CAST('1.5' AS INT64)")
    assert check.value("SELECT SAFE_CAST('1.5' AS INT64)") is None


def test_sum_is_int64(check) -> None:
    assert check.type("SELECT SUM(x) FROM UNNEST([1, 2]) AS x") == "INT64"
    assert "integer-results" in check.rules("SELECT COUNTIF(x > 1) FROM UNNEST([1, 2]) AS x")


def test_ieee_safe_and_range_bucket(check) -> None:
    assert check.value("SELECT IEEE_DIVIDE(-25.0, 0.0)") == float("-inf")
    assert check.value("SELECT SAFE_ADD(9223372036854775807, 1)") is None
    assert check.value("SELECT SAFE.DIV(1, 0)") is None
    assert check.value("SELECT RANGE_BUCKET(25, [0, 10, 20, 30])") == 3


def test_numeric_is_38_9_and_bignumeric_refused(check) -> None:
    assert "DECIMAL(38, 9)" in check.sql("SELECT NUMERIC '1.5'")
    with pytest.raises(UnsupportedError, match="BIGNUMERIC is not supported offline"):
        check.sql("SELECT BIGNUMERIC '1.5'")


def test_div_keeps_the_grouping_of_its_arguments(check) -> None:
    # DIV(10 - 4, 2) divides the difference; without parentheses DuckDB computed 10 - 4 // 2
    assert check.value("SELECT DIV(10 - 4, 2)") == 3
    assert check.value("SELECT DIV(12, 1 + 1)") == 6
    assert check.value("SELECT MOD(10 - 4, 4)") == 2


def test_unix_seconds_and_millis_round_down(check) -> None:
    assert check.value("SELECT UNIX_SECONDS(TIMESTAMP '1969-12-31 23:59:59.5+00')") == -1
    assert check.value("SELECT UNIX_MILLIS(TIMESTAMP '1970-01-01 00:00:00.0018+00')") == 1


def test_right_shift_fills_with_zeros(check) -> None:
    assert check.value("SELECT -8 >> 1") == 9223372036854775804
    assert check.value("SELECT -1 >> 63") == 1
    assert check.value("SELECT 8 >> 1") == 4
    assert check.value("SELECT 1 << 64") == 0
    assert check.value("SELECT -8 >> 64") == 0
    with pytest.raises(Exception, match="shift count must be non-negative"):
        check.value("SELECT 1 >> -1")


def test_string_to_bool_accepts_only_true_false(check) -> None:
    assert check.value("SELECT CAST('TRUE' AS BOOL)") is True
    assert check.value("SELECT CAST('false' AS BOOL)") is False
    assert check.value("SELECT SAFE_CAST('yes' AS BOOL)") is None
    assert check.value("SELECT CAST(CAST(NULL AS STRING) AS BOOL)") is None
    with pytest.raises(UserError, match="CAST failed: the value cannot be converted to BOOL"):
        check.value("SELECT CAST('yes' AS BOOL)")


def test_float_to_string_is_refused(check) -> None:
    with pytest.raises(
        UnsupportedError, match=r"CAST\(FLOAT64 AS STRING\) is not supported offline"
    ):
        check.sql("SELECT CAST(1.0 AS STRING)")
    assert check.value("SELECT CAST(12 AS STRING)") == "12"


def test_safe_inside_safe_is_translated_inside_out(check) -> None:
    # the outer call's rewrite copied the inner SAFE. before it was translated
    sql = check.sql("SELECT SAFE.ABS(SAFE.SQRT(-1.0))")
    assert "SAFE." not in sql and "TRY(ABS(" in sql
    assert check.value("SELECT SAFE.ABS(SAFE.SQRT(-1.0))") is None
    assert check.value("SELECT SAFE.CONCAT(SAFE.SUBSTR('a', 1, -1), 'x')") is None
    assert check.value("SELECT SAFE.CONCAT(SAFE.SUBSTR('ab', 1, 1), 'x')") == "ax"


def test_safe_cast_of_integer_text_beyond_int64_is_null(check) -> None:
    assert check.value("SELECT SAFE_CAST('99999999999999999999' AS INT64)") is None
    assert check.value("SELECT SAFE_CAST('-9223372036854775808' AS INT64)") == -(2**63)
    with pytest.raises(UserError):
        check.value("SELECT CAST('99999999999999999999' AS INT64)")


def test_a_checks_only_safe_wrapper_nulls_the_checks_without_try(check) -> None:
    """The engine's probes mark a SAFE. around a call with an aggregate inside (DuckDB's TRY
    refuses those): only the translation's own checks become NULL."""
    from sqlglot import exp

    from workbench.translate import CHECKS_ONLY, Context, parse, translate

    sql = "SELECT SUM(x) / COUNTIF(x > 5) AS r FROM UNNEST([1, 2]) AS x"
    tree = parse(sql)
    division = tree.find(exp.Div)
    wrapper = exp.SafeFunc()
    wrapper.meta[CHECKS_ONLY] = True
    division.replace(wrapper)
    wrapper.set("this", division)
    out = translate(sql, Context(), tree=tree).duckdb
    assert "TRY(" not in out and "error(" not in out.lower()
    assert check.wb.engine.connection.sql(out).fetchall() == [(None,)]
    with pytest.raises(UserError, match="division by zero"):
        check.value(sql)


def test_round_numeric_to_null_digits_is_null(check) -> None:
    """A NULL argument makes ROUND/TRUNC NULL (mathematical functions: "If any argument is
    NULL, returns NULL" is the general rule for them,
    https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#round);
    DuckDB's DECIMAL round() raised a raw Binder Error. Found by the zetasql oracle."""
    assert check.value("SELECT ROUND(NUMERIC '1.5', CAST(NULL AS INT64))") is None
    assert check.value("SELECT TRUNC(NUMERIC '1.5', NULL)") is None
    assert check.type("SELECT ROUND(NUMERIC '1.5', CAST(NULL AS INT64))") in ("NUMERIC", "NULL")
    assert check.value("SELECT ROUND(NUMERIC '1.25', 1)") == Decimal("1.3")


def test_range_bucket_null_and_nan(check) -> None:
    """RANGE_BUCKET: a NULL or NaN point gives NULL; an array holding NULL or NaN is an
    error (https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#range_bucket).
    The reference evaluator returns NULL for a NULL point before looking at the array.
    Found by the zetasql oracle (the workbench gave 0 for NaN and for [NULL])."""
    assert check.value("SELECT RANGE_BUCKET(CAST('NaN' AS FLOAT64), [1.0, 2.0])") is None
    assert check.value("SELECT RANGE_BUCKET(CAST(NULL AS INT64), [3, 1])") is None
    with pytest.raises(UserError, match="NULL or NaN element"):
        check.value("SELECT RANGE_BUCKET(1, [CAST(NULL AS INT64)])")
    with pytest.raises(UserError, match="NULL or NaN element"):
        check.value("SELECT RANGE_BUCKET(1.0, [0.5, CAST('NaN' AS FLOAT64)])")
    assert check.value("SELECT RANGE_BUCKET(25, [0, 10, 20, 30, 40])") == 3


def test_pow_overflow_is_an_error(check) -> None:
    """POW of finite arguments past FLOAT64's range raises ("Floating point error in
    function: POW" in GoogleSQL's reference evaluator; the POW page documents the error
    cases and that an underflow gives 0,
    https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#pow);
    DuckDB returned inf. An infinite argument still gives inf. Found by the zetasql oracle."""
    with pytest.raises(UserError, match="POW"):
        check.value("SELECT POW(10.0, 400)")
    with pytest.raises(UserError, match="POW"):
        check.value("SELECT POW(2, 4611686018427387904)")
    assert check.value("SELECT POW(CAST('inf' AS FLOAT64), 2)") == float("inf")
    assert check.value("SELECT POW(0.5, 2000)") == 0.0


def test_sign_of_nan_is_nan(check) -> None:
    # https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#sign
    # (the table: SIGN(NaN) is NaN; DuckDB's sign() gives 0)
    got = check.value("SELECT SIGN(CAST('NaN' AS FLOAT64))")
    assert got != got  # NaN
    assert check.value("SELECT SIGN(CAST('-inf' AS FLOAT64))") == -1.0
    assert check.value("SELECT SIGN(CAST(NULL AS FLOAT64))") is None
    assert check.type("SELECT SIGN(CAST('NaN' AS FLOAT64))") == "FLOAT64"


def test_negating_int64_min_is_an_overflow(check) -> None:
    # https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#arithmetic_operators
    # (INT64 arithmetic that overflows is an error; zetasql: "int64 overflow"); DuckDB folded
    # -(-9223372036854775807 - 1) to a HUGEINT 9223372036854775808
    with pytest.raises(UserError):
        check.value("SELECT -(-9223372036854775807 - 1)")
    assert check.value("SELECT -(2 + 3)") == -5
    assert check.type("SELECT -(2 + 3)") == "INT64"


def test_safe_arithmetic_keeps_its_arguments_whole(check) -> None:
    # https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#safe_multiply
    # (SAFE_MULTIPLY(X, Y) is X * Y, NULL on overflow; likewise safe_add, safe_subtract,
    # safe_negate); the arguments were written unparenthesised: 2 + 1 * 3
    assert check.value("SELECT SAFE_MULTIPLY(2 + 1, 3)") == 9
    assert check.value("SELECT SAFE_MULTIPLY(2, 3 + 1)") == 8
    assert check.value("SELECT SAFE_SUBTRACT(5, 2 - 1)") == 4
    assert check.value("SELECT SAFE_NEGATE(2 - 1)") == -1
    assert check.value("SELECT SAFE_NEGATE(-9223372036854775807 - 1)") is None
    assert check.type("SELECT SAFE_NEGATE(-9223372036854775807 - 1)") == "INT64"


def test_log_of_null_with_an_infinite_base_is_null(check) -> None:
    # https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#log
    # (LOG(X, +inf) is NaN, but a NULL argument gives NULL, as for every function here)
    assert check.value("SELECT LOG(CAST(NULL AS FLOAT64), CAST('inf' AS FLOAT64))") is None
    assert check.value("SELECT LOG(CAST('-inf' AS FLOAT64), CAST(NULL AS FLOAT64))") is None
    got = check.value("SELECT LOG(2, CAST('inf' AS FLOAT64))")
    assert got != got  # NaN


def test_cot_overflowing_to_inf_is_an_error(check) -> None:
    # https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions
    # ("For all floating point operations, +/-inf and NaN may only be returned if one of the
    # operands is +/-inf or NaN. In other cases, an error is returned."); DuckDB: inf
    with pytest.raises(UserError, match="COT"):
        check.value("SELECT COT(5e-324)")
    assert check.value("SELECT SAFE.COT(5e-324)") is None
    assert check.value("SELECT COT(1e-300)") == pytest.approx(1e300)


def test_left_shift_drops_the_bits_shifted_out(check) -> None:
    # https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#bitwise_operators
    # (<< shifts the first operand left; the bits shifted out are lost, a negative shift is
    # an error); GoogleSQL's reference evaluator: -1 << 1 = -2, 1 << 63 the INT64 minimum.
    # DuckDB's << raised "Cannot left-shift negative number" and overflows.
    assert check.value("SELECT (-1) << 1") == -2
    assert check.value("SELECT 9223372036854775807 << 2") == -4
    assert check.value("SELECT 1 << 63") == -(2**63)
    assert check.value("SELECT 4611686018427387904 << 5") == 0
    assert check.value("SELECT 5 << 3") == 40
    assert check.value("SELECT CAST(NULL AS INT64) << -2") is None
    with pytest.raises(UserError, match="non-negative"):
        check.value("SELECT 1 << -1")


def test_null_dividend_is_null_before_the_zero_check(check) -> None:
    # https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#arithmetic_operators
    # (all operators return NULL when an operand is NULL); the reference evaluator gives NULL
    # for NULL / 0, DIV(NULL, 0), MOD(NULL, 0) and NULL NUMERIC / 0
    assert check.value("SELECT CAST(NULL AS INT64) / 0") is None
    assert check.value("SELECT DIV(CAST(NULL AS INT64), 0)") is None
    assert check.value("SELECT MOD(CAST(NULL AS INT64), 0)") is None
    assert check.value("SELECT CAST(NULL AS NUMERIC) / NUMERIC '0'") is None
    with pytest.raises(UserError, match="division by zero"):
        check.value("SELECT NUMERIC '1' / NUMERIC '0'")


def test_domain_functions_of_nan_and_infinities(check) -> None:
    # https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#acos
    # (ACOS/ASIN of ±inf or NaN: NaN; of a finite |X| > 1: an error), #ln (LN(-inf): NaN),
    # #log (LOG of a NaN or -inf argument: NaN); the reference evaluator agrees
    for sql in (
        "ACOS(CAST('inf' AS FLOAT64))",
        "ASIN(CAST('-inf' AS FLOAT64))",
        "ACOS(CAST('NaN' AS FLOAT64))",
        "LN(CAST('-inf' AS FLOAT64))",
        "LOG(2.0, CAST('-inf' AS FLOAT64))",
        "LOG(CAST('NaN' AS FLOAT64), -1.0)",
        "LOG(-1.0, CAST('NaN' AS FLOAT64))",
        "LOG(-0.5, CAST('inf' AS FLOAT64))",
    ):
        assert math.isnan(check.value(f"SELECT {sql}")), sql
    assert check.value("SELECT LOG(-1e308, CAST(NULL AS FLOAT64))") is None
    assert check.value("SELECT LOG(100.0, 10.0)") == 2.0
    for sql in ("ACOS(2.0)", "LN(0.0)", "LOG(2.0, 1.0)", "LOG(-8.0)"):
        with pytest.raises(UserError, match="out of range"):
            check.value(f"SELECT {sql}")


def test_log_of_positive_infinity_for_every_base(check) -> None:
    # https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#log
    # (LOG(+inf, Y): -inf for 0 < Y < 1, +inf for Y > 1); for the bases the page leaves out
    # GoogleSQL's reference evaluator (zetasql 0.1.5) divides ln(+inf) by ln(Y): NaN for
    # Y <= 0, +inf for Y = 1, with no error (a finite X to base 1 is still one)
    inf = "CAST('inf' AS FLOAT64)"
    assert check.value(f"SELECT LOG({inf}, 0.5)") == -math.inf
    assert check.value(f"SELECT LOG({inf}, 2.0)") == math.inf
    assert check.value(f"SELECT LOG({inf}, 1.0)") == math.inf
    for base in ("-2.0", "0.0", "-0.0", "-1e308"):
        assert math.isnan(check.value(f"SELECT LOG({inf}, {base})")), base
    assert check.value(f"SELECT LOG({inf}, CAST(NULL AS FLOAT64))") is None
    with pytest.raises(UserError, match="out of range"):
        check.value("SELECT LOG(3.0, 1.0)")


def test_round_numeric_with_a_huge_digit_count(check) -> None:
    # https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#round
    # (digits past the value's own keep it; far left of the point round to 0); the count
    # near 2^63 fit no INTEGER offline. The reference evaluator: 1.5 and 0.
    assert check.value("SELECT ROUND(NUMERIC '1.5', 9223372036854775807)") == Decimal("1.5")
    assert check.value("SELECT TRUNC(NUMERIC '1.5', -9223372036854775807)") == Decimal("0")
    assert check.value("SELECT ROUND(NUMERIC '2.775', 2)") == Decimal("2.78")


def test_int64_minimum_literal(check) -> None:
    # INT64 ranges from -9,223,372,036,854,775,808 (data-types#integer_types); the literal
    # is that value, not a negation that overflows.
    # https://cloud.google.com/bigquery/docs/reference/standard-sql/data-types#integer_types
    assert check.value("SELECT -9223372036854775808") == -9223372036854775808
    assert check.type("SELECT -9223372036854775808") == "INT64"
    assert check.value("SELECT -9223372036854775808 + 1") == -9223372036854775807


def test_text_casts_to_float64_and_numeric_read_bigquery_number_text(check) -> None:
    # conversion_functions#casting_to_floating_point: text in the form of a float literal
    # (or inf, infinity, nan in any case); GoogleSQL's reference evaluator: "Bad double
    # value: 1_000", "Invalid NUMERIC value: 1_000". DuckDB read '1_000' as 1000 and
    # '+-1' as -1.
    # https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions
    floats = (
        "SELECT SAFE_CAST(s AS FLOAT64) FROM UNNEST(['1_000', '+-1', ' 1.5 ', '-Inf', 'NaN(1)', '.5', "
        "'5.', '1.5e+3', NULL]) AS s WITH OFFSET o ORDER BY o"
    )
    values = [r[0] for r in check.rows(floats)]
    assert math.isnan(values.pop(4))  # strtod's nan(chars): the reference evaluator's NaN
    assert values == [
        None,
        None,
        1.5,
        float("-inf"),
        0.5,
        5.0,
        1500.0,
        None,
    ]
    numerics = (
        "SELECT SAFE_CAST(s AS NUMERIC) FROM UNNEST(['1_000', '1.5_5', ' 1.5 ', 'nan']) AS s "
        "WITH OFFSET o ORDER BY o"
    )
    assert [r[0] for r in check.rows(numerics)] == [None, None, Decimal("1.5"), None]
    assert "text-number-casts" in check.rules("SELECT CAST(s AS FLOAT64) FROM (SELECT 'x' s)")
    with pytest.raises(UserError, match="cannot be converted to NUMERIC"):
        check.value("SELECT CAST(s AS NUMERIC) FROM UNNEST(['1_000']) AS s")
