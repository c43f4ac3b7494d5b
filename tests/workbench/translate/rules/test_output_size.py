"""REPEAT, LPAD and RPAD raise when their output would pass 1MB (issue 15).

BigQuery's string functions stop at 1MB of output ("Output of REPEAT exceeds max allowed
output size of 1MB"); DuckDB built the value, 3 GB for ``REPEAT('abc', 1000000000)``. The
limit is 2^20 bytes of the result, checked before it is built. Expected values and the
boundaries are those of GoogleSQL's reference evaluator (zetasql 0.1.5 reference_impl,
string_functions#repeat, #lpad, #rpad).
"""

from __future__ import annotations

import pytest

from wbcore.errors import UnsupportedError, UserError


def fails(check, sql: str, text: str) -> None:
    with pytest.raises(UserError) as info:
        check.value(sql)
    assert not isinstance(info.value, UnsupportedError), str(info.value)
    assert text in str(info.value)


@pytest.mark.parametrize(
    "sql",
    [
        "SELECT REPEAT('xyz', 400000000)",
        "SELECT REPEAT('ab', 524289)",  # 1048578 bytes
        "SELECT REPEAT('é', 524289)",  # two bytes a character
        "SELECT REPEAT(b'ab', 524289)",
    ],
)
def test_repeat_past_one_megabyte_is_an_error(check, sql: str) -> None:
    fails(check, sql, "Output of REPEAT exceeds max allowed output size of 1MB")


@pytest.mark.parametrize(
    "sql",
    [
        "SELECT LPAD('q', 900000000)",
        "SELECT RPAD('q', 1048577, '-')",
        "SELECT RPAD('a', 524289, 'é')",  # 1 + 2 * 524288 bytes
        "SELECT LPAD('', 1048577, 'xy')",
        "SELECT LPAD(b'q', 1048577)",
        "SELECT RPAD(b'q', 2000000, b'.')",
    ],
)
def test_padding_past_one_megabyte_is_an_error(check, sql: str) -> None:
    fails(check, sql, "Output of LPAD/RPAD exceeds max allowed output size of 1MB")


def test_exactly_one_megabyte_is_a_value(check) -> None:
    assert check.value("SELECT LENGTH(REPEAT('ab', 524288))") == 1 << 20
    assert check.value("SELECT LENGTH(LPAD('q', 1048576, 'x'))") == 1 << 20
    assert check.value("SELECT BYTE_LENGTH(RPAD('a', 524288, 'é'))") == (1 << 20) - 1
    assert check.value("SELECT LENGTH(RPAD(b'q', 1048576, b'.'))") == 1 << 20


def test_truncating_a_long_value_is_no_error(check) -> None:
    # the output is return_length characters, however long the pattern or the value
    assert check.value("SELECT LPAD(REPEAT('ab', 500000), 3)") == "aba"
    assert check.value("SELECT RPAD('abc', 2, REPEAT('z', 10))") == "ab"


def test_safe_makes_the_limit_null(check) -> None:
    assert check.value("SELECT SAFE.REPEAT('abc', 1000000000)") is None
    assert check.value("SELECT SAFE.LPAD('abc', 1000000000)") is None


def test_a_null_argument_is_null_before_the_limit(check) -> None:
    assert check.value("SELECT REPEAT(CAST(NULL AS STRING), 1000000000)") is None
    assert check.value("SELECT LPAD('abc', 1000000000, CAST(NULL AS STRING))") is None


def test_repeat_of_null_is_a_string(check) -> None:
    # REPEAT(NULL, n) resolves to REPEAT(STRING, INT64) (GoogleSQL's reference evaluator:
    # type STRING); DuckDB's repeat of a NULL was a BLOB
    assert check.type("SELECT REPEAT(NULL, 4)") == "STRING"
    assert check.value("SELECT REPEAT(NULL, 4)") is None
