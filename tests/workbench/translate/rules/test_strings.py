import pytest

from wbcore.errors import UserError
from workbench.translate import UnsupportedError


def test_format_is_printf(check) -> None:
    assert "printf" in check.sql("SELECT FORMAT('%s-%d', 'a', 3)").lower()
    assert check.value("SELECT FORMAT('%s-%d', 'a', 3)") == "a-3"
    assert check.value('SELECT FORMAT("%\'d", 1234567)') == "1,234,567"
    assert check.value("SELECT FORMAT('%d', NULL)") is None
    with pytest.raises(UnsupportedError, match="is not supported offline"):
        check.sql("SELECT FORMAT('%T', 1.5)")


def test_substr_positions(check) -> None:
    assert check.value("SELECT SUBSTR('apple', 0, 2)") == "ap"
    assert check.value("SELECT SUBSTR('apple', -10, 3)") == "app"
    assert check.value("SELECT SUBSTR('apple', -2)") == "le"
    with pytest.raises(UserError, match="length must not be negative"):
        check.value("SELECT SUBSTR('apple', 2, -1)")
    assert check.value("SELECT SAFE.SUBSTR('apple', 2, -1)") is None


def test_code_points(check) -> None:
    assert check.value("SELECT TO_CODE_POINTS('ab')") == [97, 98]
    assert check.value("SELECT CODE_POINTS_TO_STRING([65, 98])") == "Ab"


def test_like_backslash_escapes_wildcards(check) -> None:
    assert check.value(r"SELECT 'a_c' LIKE 'a\\_c'") is True
    assert check.value(r"SELECT 'abc' LIKE 'a\\_c'") is False
    assert check.value(r"SELECT '50%' LIKE '%\\%'") is True
    assert check.value("SELECT 'abc' LIKE 'a%'") is True


def test_substr_of_null_is_null_before_the_length_check(check) -> None:
    """A NULL argument makes SUBSTR NULL; GoogleSQL's reference evaluator returns NULL for
    SUBSTR(NULL, 10, -2) rather than the negative-length error
    (https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#substr).
    Found by the zetasql oracle."""
    assert check.value("SELECT SUBSTR(CAST(NULL AS STRING), 10, -2)") is None
    assert check.value("SELECT SUBSTR('abc', CAST(NULL AS INT64), -1)") is None
    with pytest.raises(UserError, match="must not be negative"):
        check.value("SELECT SUBSTR('abc', 1, -1)")


def test_substr_with_a_huge_position_or_length(check) -> None:
    """A position past the end gives '' and a length past the end reads to the end
    (https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#substr);
    DuckDB's substring overflowed on positions near 2^63, and SAFE.SUBSTR made that NULL.
    Found by the zetasql oracle (the reference gives '' for SUBSTR('abc', 2^62))."""
    assert check.value("SELECT SUBSTR('abc', 4611686018427387904)") == ""
    assert check.value("SELECT SAFE.SUBSTR('abc', 4611686018427387904)") == ""
    assert check.value("SELECT SUBSTR('abc', 2, 9223372036854775807)") == "bc"
    assert check.value("SELECT SUBSTR('abc', 1, CAST(NULL AS INT64))") is None


def test_format_f_of_a_huge_value_prints_the_exact_digits(check) -> None:
    # https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#format_string
    # (%f: decimal notation, [-](integer part).(fractional part)); FORMAT('%f', -1e308) prints
    # the double's exact 309 digits, -1000000000000000010979063629..., and DuckDB's printf
    # printed ...1091393642127513885498046875000... from about 1e60 on (oracle round 4: the
    # reference evaluator prints the exact digits, with the flags and the width)
    exact = str(int(-1e308))  # the double's value, every digit
    assert check.value("SELECT FORMAT('%f', -1e308)") == exact + ".000000"
    assert check.value("SELECT FORMAT('%+.1f', 1e100)") == "+" + str(int(1e100)) + ".0"
    assert check.value("SELECT FORMAT('%-64.0f|', 1e61)") == str(int(1e61)).ljust(64) + "|"
    assert check.value("SELECT FORMAT('%f', 1e22)") == "10000000000000000000000.000000"
    assert check.value("SELECT FORMAT('%f', CAST('nan' AS FLOAT64))") == "nan"
    assert check.value("SELECT FORMAT('%F', CAST('-inf' AS FLOAT64))") == "-INF"


def test_format_of_negative_zero_has_no_sign(check) -> None:
    # https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#format_string
    # (%f, %e, %g: decimal, scientific, shortest); GoogleSQL's reference evaluator prints -0.0
    # as '0.000000', '0.000000e+00', '0'; a negative value that rounds to zero keeps its sign
    assert check.value("SELECT FORMAT('%f|%g|%e', -0.0, -0.0, -0.0)") == "0.000000|0|0.000000e+00"
    assert check.value("SELECT FORMAT('%5.1f', -0.0)") == "  0.0"
    assert check.value("SELECT FORMAT('%f', -1e-10)") == "-0.000000"
    assert check.value("SELECT FORMAT('%E', -2.5)") == "-2.500000E+00"


def test_chr_of_an_int64_expression(check) -> None:
    # https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#chr
    # (CHR(value INT64): the character of a Unicode code point; an invalid code point is an
    # error); DuckDB's chr takes an INTEGER: a BIGINT argument was a raw Binder Error
    assert check.value("SELECT CHR(CAST(65 AS INT64))") == "A"
    assert check.value("SELECT CHR(x) FROM UNNEST([233]) AS x") == "é"
    assert check.value("SELECT CHR(CAST(NULL AS INT64))") is None
    for bad in ("-1", "55296", "1114112", "9223372036854775807"):
        with pytest.raises(UserError, match="invalid code point"):
            check.value(f"SELECT CHR({bad})")


def test_regexp_extract_all_looks_for_no_match_at_the_end(check) -> None:
    # https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#regexp_extract_all
    # (all the non-overlapping matches); GoogleSQL's search stops once a match reaches the
    # end: REGEXP_EXTRACT_ALL('abc', '') is three empty strings in its reference evaluator
    # (DuckDB: four), 'aa' with 'a*' is ['aa']
    assert check.value("SELECT REGEXP_EXTRACT_ALL('abc', '')") == ["", "", ""]
    assert check.value("SELECT REGEXP_EXTRACT_ALL('abc', 'b*')") == ["", "b", ""]
    assert check.value("SELECT REGEXP_EXTRACT_ALL('aXbX', '[^X]*')") == ["a", "", "b", ""]
    assert check.value("SELECT REGEXP_EXTRACT_ALL('aa', 'a*')") == ["aa"]
    assert check.value("SELECT REGEXP_EXTRACT_ALL('', '')") == [""]
    assert check.value("SELECT REGEXP_EXTRACT_ALL('abcb', '(b)')") == ["b", "b"]
    assert check.value("SELECT REGEXP_EXTRACT_ALL('ab', '^')") == [""]
    with pytest.raises(UserError, match="not supported offline"):
        check.value("SELECT REGEXP_EXTRACT_ALL('ab', 'b|$')")


def test_regexp_extract_of_null_before_the_group_check(check) -> None:
    # string_functions#regexp_extract: more than one capturing group is an error; a NULL
    # value is NULL first (the reference evaluator: NULL, and [] for REGEXP_EXTRACT_ALL)
    assert check.value("SELECT REGEXP_EXTRACT(CAST(NULL AS STRING), '(a)|(b)')") is None
    assert check.value("SELECT REGEXP_EXTRACT_ALL(CAST(NULL AS STRING), '(a)|(b)')") == []
    with pytest.raises(UserError, match="capturing group"):
        check.value("SELECT REGEXP_EXTRACT('ab', '(a)|(b)')")
