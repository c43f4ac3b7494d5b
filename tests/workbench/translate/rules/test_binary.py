"""BYTES are bytes (issue 15): casts, string functions on BYTES, and the string edge cases."""

from __future__ import annotations

import pytest

from wbcore.errors import UserError
from workbench.translate import UnsupportedError
from workbench.translate import functions as f


def test_bytes_never_reach_duckdb_as_text(check) -> None:
    """The root cause: no BYTES value goes through DuckDB's CAST(BLOB AS VARCHAR)."""
    for sql in (
        "SELECT TRIM(b'xax', b'x')",
        "SELECT REVERSE(b'ab')",
        "SELECT REPLACE(b'ab', b'a', b'c')",
        "SELECT UPPER(b'ab')",
        "SELECT STARTS_WITH(b'ab', b'a')",
        "SELECT CAST(b'ab' AS STRING)",
    ):
        assert "AS TEXT)" not in check.sql(sql), sql


def test_casts_are_utf8(check) -> None:
    assert check.value(r"SELECT CAST(b'\xE2\x82\xAC' AS STRING)") == "€"
    assert check.value("SELECT CAST('€' AS BYTES)") == b"\xe2\x82\xac"
    assert check.value(r"SELECT SAFE_CAST(b'\xff' AS STRING)") is None
    with pytest.raises(UserError, match="CAST failed"):
        check.value(r"SELECT CAST(b'\xff' AS STRING)")
    assert check.rules(r"SELECT CAST(b'\xff' AS STRING)").count("bytes-casts") == 1


def test_functions_on_bytes_work_on_bytes(check) -> None:
    assert check.value(r"SELECT TRIM(b'\xe2\x82\xacab\xac', b'\xac\xe2')") == b"\x82\xacab"
    assert check.value(r"SELECT LPAD(b'\xab', 3, b'\x00')") == b"\x00\x00\xab"
    assert check.value(r"SELECT SUBSTR(b'\xe2\x82\xac', -1)") == b"\xac"
    assert check.value(r"SELECT b'\xe2\x82\xac' LIKE b'_'") is False
    assert check.value(r"SELECT SPLIT(b'a\xffb', b'')") == [b"a", b"\xff", b"b"]
    assert check.value(r"SELECT TO_CODE_POINTS(b'\x00\xff')") == [0, 255]
    assert check.value(r"SELECT SAFE_CONVERT_BYTES_TO_STRING(b'a\xe2\x82')") == "a\ufffd\ufffd"
    assert "bytes-functions" in check.rules("SELECT REVERSE(b'ab')")


def test_string_agg_of_bytes_keeps_byte_order(check) -> None:
    sql = r"SELECT STRING_AGG(x, b'' ORDER BY x) FROM UNNEST([b'\xff', b'\x00', b'a']) AS x"
    assert check.value(sql) == b"\x00a\xff"


def test_bytes_errors(check) -> None:
    with pytest.raises(UserError, match="needs its second argument"):
        check.sql("SELECT TRIM(b'abc')")
    with pytest.raises(UserError, match="needs a delimiter"):
        check.sql("SELECT SPLIT(b'a,b')")
    assert check.value("SELECT REGEXP_CONTAINS(b'abc', b'b')") is True  # bytes-regexps
    assert check.value("SELECT INSTR(b'abc', b'a', -1)") == 1
    assert check.value("SELECT INSTR('banana', 'an', -1, 2)") == 2
    for sql in ("SELECT LEFT(b'a', -1)", "SELECT REPEAT(b'a', -1)", "SELECT RPAD(b'a', 2, b'')"):
        with pytest.raises(UserError, match="failed"):
            check.value(sql)
    assert check.value("SELECT SAFE.REPEAT(b'a', -1)") is None


def test_string_edge_cases(check) -> None:
    assert check.value("SELECT SPLIT('', '')") == [""]
    assert check.value("SELECT SPLIT('ab', '')") == ["a", "b"]
    assert check.value("SELECT UNICODE('')") == 0
    assert check.value("SELECT LPAD(x, n) FROM UNNEST([STRUCT('ab' AS x, 4 AS n)])") == "  ab"
    for sql in (
        "SELECT LEFT('abc', -1)",
        "SELECT RIGHT('abc', -1)",
        "SELECT REPEAT('abc', -1)",
        "SELECT LPAD('abc', -1)",
        "SELECT RPAD('abc', 2, '')",
    ):
        with pytest.raises(UserError, match=r"failed: .*(negative|empty)"):
            check.value(sql)
    assert check.value("SELECT SAFE.LEFT('abc', -1)") is None


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        (lambda: f._pad(b"abc", 8, b"def", True), b"defdeabc"),
        (lambda: f._pad(b"abc", 2, b"x", False), b"ab"),
        (lambda: f._substr(b"abc", -10, 2), b"ab"),
        (lambda: f._substr(b"abc", 0), b"abc"),
        (lambda: f._right(b"abc", 0), b""),
        # string_functions#right: a length past the value's returns the value (oracle round
        # 4: RIGHT(b'\x00a', 3) gave b'a')
        (lambda: f._right(b"\x00a", 3), b"\x00a"),
        (lambda: f._right(b"abc", 2**62), b"abc"),
        (lambda: f._instr(b"aaa", b"aa", 1, 2), 2),
        (lambda: f._instr("banana", "an", -1, 1), 4),
        (lambda: f._instr("a", "", -2, 1), 1),
        (lambda: f._split(b"", b""), [b""]),
        (lambda: f._like(b"a%", b"a\\%"), True),
        (lambda: f._like(b"ab", b"a\\%"), False),
        (lambda: f._safe_convert(b"\xe2\x82"), "\ufffd\ufffd"),
        (lambda: f._code_points_to_bytes([1, None]), None),
        (lambda: f._from_base64("YQ"), b"a"),
    ],
)
def test_runtime_functions(call, expected) -> None:
    assert call() == expected


def test_runtime_function_errors() -> None:
    for call in (
        lambda: f._pad(b"a", -1, b"x", True),
        lambda: f._pad(b"a", 3, b"", True),
        lambda: f._repeat(b"a", -1),
        lambda: f._left(b"a", -1),
        lambda: f._substr(b"a", 1, -1),
        lambda: f._code_points_to_bytes([256]),
        lambda: f._like(b"a", b"a\\"),
        lambda: f._from_base32("!"),
        lambda: f._from_base64("YWJj="),
        lambda: f._from_base64("Y"),
    ):
        with pytest.raises(f.BytesError):
            call()


def test_from_base64_skips_ascii_white_space(check) -> None:
    """FROM_BASE64 decodes the text as absl::Base64Unescape (GoogleSQL's reference evaluator,
    zetasql 0.1.5): ASCII white space anywhere is skipped, the padding rules still hold.
    https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#from_base64
    """
    assert check.value("SELECT FROM_BASE64('YW Jj')") == b"abc"
    assert check.value("SELECT FROM_BASE64('\\tYWI =\\n')") == b"ab"
    assert check.value("SELECT FROM_BASE64('   ')") == b""
    assert f._from_base64("YQ= =") == b"a"
    for text in ("Y ", "YWJ j=", "Y\u00a0Q==", "YQ== YQ=="):
        with pytest.raises(f.BytesError):
            f._from_base64(text)


def test_trim_removes_unicode_white_space(check) -> None:
    assert check.value("SELECT TRIM(' \\ta\\n ')") == "a"
    assert check.value("SELECT LTRIM('\\u3000\\u00a0a ')") == "a "
    assert check.value("SELECT TRIM('xax', 'x')") == "a"
    assert "trim-whitespace" in check.rules("SELECT RTRIM('a\\n')")


def test_reverse_reverses_code_points(check) -> None:
    assert check.value("SELECT TO_CODE_POINTS(REVERSE('a\\u0303b'))") == [98, 771, 97]
    assert check.value("SELECT REVERSE(b'\\x01\\x02')") == b"\x02\x01"


def test_upper_lower_map_case_fully(check) -> None:
    assert check.value("SELECT UPPER('straße')") == "STRASSE"
    assert check.value("SELECT LOWER('ΟΔΟΣ')") == "οδος"
    assert "upper(" in check.sql("SELECT UPPER('abc')").lower()  # ASCII keeps DuckDB's


def test_normalize_translate_soundex(check) -> None:
    assert check.value("SELECT NORMALIZE('\\u2168', NFKD)") == "IX"
    assert check.value("SELECT NORMALIZE_AND_CASEFOLD('Straße', NFC)") == "strasse"
    assert check.value("SELECT TRANSLATE('abc', 'ab', 'x')") == "xc"
    with pytest.raises(UserError, match="TRANSLATE failed"):
        check.value("SELECT TRANSLATE('abc', 'aa', 'xy')")
    assert check.value("SELECT SOUNDEX('Ashcraft')") == "A261"


def test_ascii_of_a_non_ascii_first_character_is_an_error(check) -> None:
    """ASCII returns the ASCII code of the first character
    (https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#ascii);
    GoogleSQL's reference evaluator raises when that character is not ASCII and reads only
    the first one (ASCII('aé') is 97). DuckDB gave 233 for 'é'. Found by the zetasql oracle."""
    with pytest.raises(UserError, match="not ASCII"):
        check.value("SELECT ASCII('é')")
    assert check.value("SELECT ASCII('aé')") == 97
    assert check.value("SELECT ASCII('')") == 0
    assert check.value("SELECT ASCII(b'\\xff')") == 255
    assert "ascii-first-character" in check.rules("SELECT ASCII('x')")


def test_code_points_to_bytes_with_a_null_element_is_null(check) -> None:
    # https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#code_points_to_bytes
    # the reference evaluator gives NULL for an array holding a NULL (a runtime function may
    # not return NULL under DuckDB's default NULL handling: it was an error)
    assert check.value("SELECT CODE_POINTS_TO_BYTES([65, NULL])") is None
    assert check.value("SELECT CODE_POINTS_TO_BYTES([65, 66])") == b"AB"


def test_left_right_with_a_length_past_the_string(check) -> None:
    # https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#left
    # (a length past the string returns it whole); DuckDB's left() overflowed near 2^63
    assert check.value("SELECT LEFT('abc', 9223372036854775807)") == "abc"
    assert check.value("SELECT RIGHT('abc', 9223372036854775807)") == "abc"
    assert check.value("SELECT LEFT('é€😀', 2)") == "é€"
    assert check.value("SELECT LEFT('abc', CAST(NULL AS INT64))") is None
    with pytest.raises(UserError, match="negative"):
        check.value("SELECT LEFT('abc', -1)")


def test_analytic_string_agg_of_bytes(check) -> None:
    # STRING_AGG takes BYTES, "as an aggregate or a window function" with an OVER clause.
    # https://cloud.google.com/bigquery/docs/reference/standard-sql/aggregate_functions#string_agg
    sql = (
        "SELECT b, STRING_AGG(b, b'+') OVER (ORDER BY b) AS s "
        "FROM UNNEST([b'y', b'x', b'z']) AS b ORDER BY b"
    )
    assert check.rows(sql) == [(b"x", b"x"), (b"y", b"x+y"), (b"z", b"x+y+z")]
    assert check.type(f"SELECT s FROM ({sql})") == "BYTES"


def test_a_bytes_cast_format_bigquery_does_not_know_fails_where_it_runs(check) -> None:
    # https://cloud.google.com/bigquery/docs/reference/standard-sql/format-elements#format_string_as_bytes
    # (the formats: HEX, BASE2, BASE8, BASE64, ASCII, UTF-8); GoogleSQL's reference evaluator:
    # "Invalid format" when the cast runs, NULL for NULL and for SAFE_CAST; it was refused
    with pytest.raises(UserError, match="CAST failed"):
        check.value("SELECT CAST(b'pq' AS STRING FORMAT 'ZED')")
    with pytest.raises(UserError, match="CAST failed"):
        check.value("SELECT CAST('pq' AS BYTES FORMAT 'he' || 'xx')")
    assert check.value("SELECT SAFE_CAST(b'pq' AS STRING FORMAT 'ZED')") is None
    assert check.value("SELECT CAST(CAST(NULL AS STRING) AS BYTES FORMAT 'ZED')") is None
    with pytest.raises(UnsupportedError):  # a BASE<n> name may be a format: refused
        check.value("SELECT CAST(b'pq' AS STRING FORMAT 'BASE32')")
