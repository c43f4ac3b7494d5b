"""String edge cases of round 6 (issue 15): LIKE's trailing backslash, TO_JSON_STRING's
escapes, SOUNDEX, FORMAT's specifiers. Expected values are GoogleSQL's reference evaluator's
(the answers BigQuery documents for these functions)."""

from __future__ import annotations

import pytest

from wbcore.errors import UserError
from workbench.translate import UnsupportedError, text_forms

BACKSLASH = "LIKE pattern ends with a backslash"


@pytest.mark.parametrize(
    "sql",
    [
        "SELECT 'abc' LIKE 'a\\\\'",
        # a literal pattern is rejected even over no rows, and where another pattern decided
        "SELECT x LIKE 'a\\\\' FROM UNNEST(CAST([] AS ARRAY<STRING>)) x",
        "SELECT 'abc' LIKE ANY ('%', 'a\\\\')",
        "SELECT 'abc' LIKE ALL ('x%', 'a\\\\')",
        "SELECT 'abc' NOT LIKE 'a\\\\\\\\\\\\'",
        "SELECT x LIKE b'a\\\\' FROM UNNEST(CAST([] AS ARRAY<BYTES>)) x",
    ],
)
def test_a_literal_pattern_ending_in_an_escape_is_rejected(check, sql: str) -> None:
    with pytest.raises(UserError, match=BACKSLASH):
        check.sql(sql)


def test_a_computed_pattern_ending_in_an_escape_fails_when_evaluated(check) -> None:
    with pytest.raises(UserError, match=BACKSLASH):
        check.rows("SELECT x LIKE CONCAT(x, '\\\\') FROM UNNEST(['a']) x")
    with pytest.raises(UserError, match=BACKSLASH):
        check.rows("SELECT 'a' LIKE ANY UNNEST(['\\\\'])")
    rows = check.rows(
        "SELECT x LIKE y FROM UNNEST([STRUCT('a\\\\' AS x, 'a\\\\\\\\' AS y), ('ab', 'a_'), "
        "('a', NULL)]) WITH OFFSET o ORDER BY o"
    )
    assert rows == [(True,), (True,), (None,)]


def test_an_escaped_backslash_at_the_end_is_a_backslash(check) -> None:
    assert check.value("SELECT 'a\\\\' LIKE 'a\\\\\\\\'") is True
    assert check.value("SELECT 'a%' LIKE 'a\\\\%'") is True


def test_to_json_string_escapes_as_googlesql(check) -> None:
    assert check.value("SELECT TO_JSON_STRING('a\\x01\\x1Fb')") == '"a\\u0001\\u001fb"'
    assert check.value("SELECT TO_JSON_STRING(STRUCT('\\x1a' AS s))") == '{"s":"\\u001a"}'
    assert check.value("SELECT TO_JSON_STRING(['\\u2028', '\\u2029', '\\x7f'])") == (
        '["\\u2028","\\u2029","\x7f"]'
    )
    # an escaped backslash before the text u001A is not an escape
    assert check.value("SELECT TO_JSON_STRING('\\\\u001A')") == '"\\\\u001A"'
    assert check.value("SELECT TO_JSON_STRING(STRUCT<`\\x1F` INT64>(1))") == '{"\\u001f":1}'
    assert check.value("SELECT TO_JSON_STRING(CAST(NULL AS STRING))") == "null"


def test_to_json_string_of_numbers_needs_no_escapes(check) -> None:
    assert text_forms.JSON_ESCAPES not in check.sql("SELECT TO_JSON_STRING([1, 2])").lower()
    sql = check.sql("SELECT TO_JSON_STRING(STRUCT(1 AS a, 'x' AS b))")
    assert text_forms.JSON_ESCAPES in sql.lower()


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("", ""),
        (" I LOVE YOU TOO", "I413"),
        ("Ashcraft", "A261"),
        ("zr", "z600"),  # the first letter as written
        ("Tymczak", "T520"),  # a vowel does not separate two equal codes
        ("123", ""),
        ("éa", "a000"),  # only ASCII letters count
        ("wwhh", "w000"),
    ],
)
def test_soundex(check, text: str, want: str) -> None:
    assert check.value(f"SELECT SOUNDEX('{text}')") == want
    assert check.value("SELECT SOUNDEX(CAST(NULL AS STRING))") is None


@pytest.mark.parametrize(
    ("sql", "want"),
    [
        ("SELECT FORMAT('%T', b'ab\\xff\"')", "b'ab\\xff\"'"),  # single quotes around a "
        ("SELECT FORMAT('%T', b\"'\")", 'b"\'"'),
        ("SELECT FORMAT('%t', b'ab\\x00')", "ab\\x00"),
        ("SELECT FORMAT('%t', b'\"\\'`\\\\')", "\\\"\\'\\`\\\\"),  # %t escapes both quotes
        ("SELECT FORMAT('%T', CAST(NULL AS BYTES))", "NULL"),
        ("SELECT FORMAT('%5T|', b'a')", ' b"a"|'),
        ("SELECT FORMAT('%T', true)", "true"),
        ("SELECT FORMAT('%T', DATE '0001-02-03')", 'DATE "0001-02-03"'),
        ("SELECT FORMAT('%T', CAST(NULL AS DATE))", "NULL"),
        ("SELECT FORMAT('%#x', 150)", "0x96"),
        ("SELECT FORMAT('%#X', 150)", "0X96"),
        ("SELECT FORMAT('%#o', 150)", "0226"),
        ("SELECT FORMAT('%#x', 0)", "0x0"),  # DuckDB's printf: '0'
        ("SELECT FORMAT('%#o', 0)", "00"),
    ],
)
def test_format_specifiers(check, sql: str, want: str) -> None:
    assert check.value(sql) == want


def test_bytes_literal_text_of_every_byte() -> None:
    every = bytes(range(256))
    literal = text_forms.bytes_literal(every)
    assert literal.startswith('b"\\x00\\x01') and literal.endswith('\\xfe\\xff"')
    assert " !\\\"#$%&'()" in literal and "[\\\\]^_`a" in literal and "~\\x7f\\x80" in literal
    assert " !\\\"#$%&\\'()" in text_forms.bytes_text(every)
    assert "_\\`a" in text_forms.bytes_text(every)


@pytest.mark.parametrize(
    ("fmt", "message"),
    [
        ("%y", 'Invalid format specifier character "y" in FORMAT string: "%y"'),
        ("%!", 'Invalid format specifier character "!" in FORMAT string: "%!"'),
        ("%5!", 'Invalid format specifier character "!" in FORMAT string: "%5!"'),
        ("%lld", 'Invalid format specifier character "l" in FORMAT string: "%lld"'),
        ("abc%", 'Invalid FORMAT string: "abc%"'),
    ],
)
def test_format_string_errors(check, fmt: str, message: str) -> None:
    with pytest.raises(UserError) as caught:
        check.sql(f"SELECT FORMAT('{fmt}', 1)" if fmt != "abc%" else "SELECT FORMAT('abc%')")
    assert message in str(caught.value)


def test_regexp_extract_all_of_a_group_that_matched_nothing_is_empty(check) -> None:
    assert check.value("SELECT REGEXP_EXTRACT_ALL('acabc', r'a(b)?c')") == ["", "b"]
    assert check.value("SELECT REGEXP_EXTRACT_ALL('ac', 'a(b)?c')") == [""]
    assert check.value("SELECT REGEXP_EXTRACT('ac', 'a(b)?c')") is None  # one match: NULL


def test_a_raw_string_is_a_literal_to_the_rules(check) -> None:
    # the group's position, not the match's (raw patterns were read as computed ones)
    assert check.value("SELECT REGEXP_INSTR('xaby', r'a(b)')") == 3
    with pytest.raises(UserError, match="more than one capturing group"):
        check.value("SELECT REGEXP_EXTRACT('abc', r'(a)(b)')")
    assert check.value("SELECT FORMAT(r'%d|%s', 1, 'x')") == "1|x"
    assert check.value("SELECT REGEXP_CONTAINS('a.c', r'a\\.c')") is True
    assert check.value("SELECT REGEXP_CONTAINS('abc', r'a\\.c')") is False
    assert check.value("SELECT 'a_b' LIKE r'a\\_b'") is True
    assert check.value("SELECT r'a\\b'") == "a\\b"


def test_a_computed_pattern_returns_its_groups_match(check) -> None:
    rows = check.rows(
        "SELECT REGEXP_EXTRACT(s, p), REGEXP_EXTRACT_ALL(s, p) FROM UNNEST(["
        "STRUCT('xabcyabc' AS s, 'a(b)c' AS p), ('xabcy', 'b'), ('ac', 'a(b)?c'), "
        "('a(b', '[(](b)')]) WITH OFFSET o ORDER BY o"
    )
    assert rows == [("b", ["b", "b"]), ("b", ["b"]), (None, [""]), ("b", ["b"])]
    with pytest.raises(UserError, match="more than one capturing group"):
        check.rows("SELECT REGEXP_EXTRACT(s, p) FROM UNNEST([STRUCT('ab' AS s, '(a)(b)' AS p)])")


def test_regexp_instr_of_a_computed_pattern_with_a_group_is_refused(check) -> None:
    sql = "SELECT REGEXP_INSTR(s, p) FROM UNNEST([STRUCT('xaby' AS s, '{}' AS p)])"
    assert check.rows(sql.format("b")) == [(3,)]
    with pytest.raises(UserError, match="not supported offline"):
        check.rows(sql.format("a(b)"))
    with pytest.raises(UnsupportedError, match="not supported offline"):
        check.sql(sql.format("b").replace("REGEXP_INSTR", "SAFE.REGEXP_INSTR"))


def test_regexp_groups_counts_capturing_groups() -> None:
    from workbench.translate.functions import regexp_groups

    assert [regexp_groups(p) for p in ("a(b)c", "(a)(b)", "a[(]b", "a\\(b", "(?:a)(b)")] == [
        1, 2, 0, 0, 1,
    ]  # fmt: skip
    assert [regexp_groups(p) for p in ("(?P<x>a)", "(?i)a", "[]()]", "((a))")] == [1, 0, 0, 2]


@pytest.mark.parametrize(
    ("sql", "want"),
    [
        ("SELECT REGEXP_CONTAINS(b'\\xff\\x00', b'^\\xff.$')", True),
        ("SELECT REGEXP_CONTAINS(b'\\xe2\\x82\\xac', b'^.$')", False),  # a byte, not a character
        ("SELECT REGEXP_CONTAINS(b'\\xe2\\x82\\xac', b'^...$')", True),
        ("SELECT REGEXP_EXTRACT(b'a\\xffb', b'[\\x80-\\xff]')", b"\xff"),
        ("SELECT REGEXP_EXTRACT(b'a\\xffb', rb'[\\x80-\\xff]')", b"\xff"),
        ("SELECT REGEXP_REPLACE(b'a\\xffb', b'\\xff', b'\\x00\\x01')", b"a\x00\x01b"),
        ("SELECT REGEXP_REPLACE(b'abc', b'(b)', rb'<\\1>')", b"a<b>c"),
        ("SELECT REGEXP_INSTR(b'\\xe2\\x82\\xacz', b'z')", 4),  # positions count bytes
        ("SELECT REGEXP_INSTR(b'xaby', b'a(b)')", 3),
        ("SELECT REGEXP_EXTRACT_ALL(b'ac', b'a(b)?c')", [b""]),
        ("SELECT REGEXP_EXTRACT_ALL(b'abc', b'')", [b"", b"", b""]),
        ("SELECT REGEXP_EXTRACT(NULL, b'a')", None),
    ],
)
def test_regular_expressions_on_bytes_match_bytes(check, sql: str, want) -> None:
    assert check.value(sql) == want


def test_a_computed_bytes_pattern(check) -> None:
    rows = check.rows(
        "SELECT REGEXP_EXTRACT(x, p), REGEXP_CONTAINS(x, p) FROM UNNEST(["
        "STRUCT(b'\\xffab' AS x, b'.(b)' AS p), (b'zz', b'b')]) WITH OFFSET o ORDER BY o"
    )
    assert rows == [(b"b", True), (None, False)]
    with pytest.raises(UserError, match="more than one capturing group"):
        check.value("SELECT REGEXP_EXTRACT(b'ab', b'(a)(b)')")


@pytest.mark.parametrize(
    ("sql", "want"),
    [
        ("SELECT CAST('6A6b' AS BYTES FORMAT 'HEX')", b"jk"),
        ("SELECT CAST('abc' AS BYTES FORMAT 'HEX')", b"\n\xbc"),  # an odd count: a leading 0
        ("SELECT SAFE_CAST('zz' AS BYTES FORMAT 'HEX')", None),
        ("SELECT CAST(b'\\xab\\x01' AS STRING FORMAT 'hex')", "ab01"),
        ("SELECT CAST(b'\\xff\\xfe' AS STRING FORMAT 'BASE64')", "//4="),
        ("SELECT CAST('YW Jj' AS BYTES FORMAT 'BASE64')", b"abc"),  # white space is skipped
        ("SELECT CAST('//4' AS BYTES FORMAT 'BASE64')", b"\xff\xfe"),
        ("SELECT CAST(b'abc' AS STRING FORMAT 'ASCII')", "abc"),
        ("SELECT SAFE_CAST('é' AS BYTES FORMAT 'ASCII')", None),
        ("SELECT CAST(CAST(NULL AS BYTES) AS STRING FORMAT 'HEX')", None),
    ],
)
def test_cast_between_string_and_bytes_with_a_format(check, sql: str, want) -> None:
    assert check.value(sql) == want


@pytest.mark.parametrize(
    "sql",
    [
        "SELECT CAST('zz' AS BYTES FORMAT 'HEX')",
        "SELECT CAST('-_4=' AS BYTES FORMAT 'BASE64')",
        "SELECT CAST(b'\\xff' AS STRING FORMAT 'ASCII')",
    ],
)
def test_cast_with_a_format_fails_on_bad_input(check, sql: str) -> None:
    with pytest.raises(UserError, match="CAST failed"):
        check.value(sql)
