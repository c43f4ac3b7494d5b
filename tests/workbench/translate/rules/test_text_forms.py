"""SHA512 and TO_JSON_STRING (rules/text_forms.py), and FORMAT's %f of NUMERIC
(rules/strings.py with the runtime function of translate/text_forms.py)."""

from __future__ import annotations

import hashlib
from decimal import Decimal

import pytest

from wbcore.errors import UnsupportedError
from workbench.translate import text_forms


def test_sha512_is_the_64_byte_digest(check) -> None:
    # https://cloud.google.com/bigquery/docs/reference/standard-sql/hash_functions#sha512
    # (the SHA-512 hash, 64 bytes; a STRING is hashed as its UTF-8 bytes); sqlglot wrote
    # DuckDB's sha256 (32 bytes). The digest of 'abc' is FIPS 180-2's test vector.
    abc = check.value("SELECT TO_HEX(SHA512('abc'))")
    assert abc.startswith("ddaf35a193617aba") and len(abc) == 128
    assert check.value("SELECT BYTE_LENGTH(SHA512(b'\\x00a'))") == 64
    assert check.value("SELECT SHA512('é€')") == hashlib.sha512("é€".encode()).digest()
    assert check.value("SELECT SHA512(CAST(NULL AS STRING))") is None
    assert check.value("SELECT BYTE_LENGTH(SHA256('abc'))") == 32


def test_to_json_string_of_null_and_large_integers(check) -> None:
    # https://cloud.google.com/bigquery/docs/reference/standard-sql/json_functions#to_json_string
    # (JSON encodings: NULL is null; an INT64 outside [-2^53, 2^53] is a quoted string)
    assert check.value("SELECT TO_JSON_STRING(CAST(NULL AS INT64))") == "null"
    assert check.value("SELECT TO_JSON_STRING(CAST(NULL AS STRUCT<a INT64>))") == "null"
    assert check.value("SELECT TO_JSON_STRING(9007199254740993)") == '"9007199254740993"'
    assert check.value("SELECT TO_JSON_STRING(-9007199254740993)") == '"-9007199254740993"'
    assert check.value("SELECT TO_JSON_STRING(9007199254740992)") == "9007199254740992"
    assert check.value("SELECT TO_JSON_STRING(STRUCT(1 AS a, 'x' AS b))") == '{"a":1,"b":"x"}'


@pytest.mark.parametrize(
    "sql",
    [
        "TO_JSON_STRING(1.0)",  # BigQuery writes 1
        "TO_JSON_STRING(NUMERIC '1.5')",  # a quoted "1.5"
        "TO_JSON_STRING(TIMESTAMP '2024-02-29 12:34:56.5+00')",  # with T and Z
        "TO_JSON_STRING(STRUCT(1, 2))",  # anonymous fields are ""
        "TO_JSON_STRING(TRUE, TRUE)",  # pretty_print (was a raw Binder Error)
    ],
)
def test_to_json_string_text_forms_not_reproduced_are_refused(check, sql) -> None:
    with pytest.raises(UnsupportedError, match="not supported offline"):
        check.value(f"SELECT {sql}")


def test_format_f_of_numeric_from_the_exact_decimal(check) -> None:
    # https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#format_string
    # (%f: decimal notation); GoogleSQL formats a NUMERIC from its digits, half away from
    # zero: FORMAT('%.0f', NUMERIC '2.5') is '3' in its reference evaluator (DuckDB's printf
    # of the nearest DOUBLE: '2'), '%.2f' of 2.675 is '2.68'
    assert check.value("SELECT FORMAT('%.0f', NUMERIC '2.5')") == "3"
    assert check.value("SELECT FORMAT('%.2f', NUMERIC '2.675')") == "2.68"
    assert check.value("SELECT FORMAT('%f', NUMERIC '0.0000005')") == "0.000001"
    assert check.value("SELECT FORMAT('%-8.2f|', NUMERIC '1.5')") == "1.50    |"
    assert check.value("SELECT FORMAT('%08.2f', NUMERIC '-1.5')") == "-0001.50"
    assert check.value("SELECT FORMAT('%f', CAST(NULL AS NUMERIC))") is None
    big = "NUMERIC '-99999999999999999999999999999.999999999'"
    assert check.value(f"SELECT FORMAT('%.3f', {big})") == "-100000000000000000000000000000.000"
    with pytest.raises(UnsupportedError, match="not supported offline"):
        check.value("SELECT FORMAT('%.1e', NUMERIC '2.25')")
    with pytest.raises(UnsupportedError, match="not supported offline"):
        check.value("SELECT FORMAT('%#.0f', 2.5)")


def test_numeric_fixed_runtime_function() -> None:
    assert text_forms.numeric_fixed(Decimal("2.5"), 0, 0, "") == "3"
    assert text_forms.numeric_fixed(Decimal("-2.5"), 0, 0, "") == "-3"
    assert text_forms.numeric_fixed(Decimal("1.25"), 1, 0, "+") == "+1.3"


def test_format_t_of_a_string_is_googlesql_s_literal(check) -> None:
    # https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#format_string
    # (%T: a literal of the value's type); GoogleSQL's reference evaluator quotes 'a"b' in
    # single quotes, escapes \n and \t, writes control characters as \xHH and a hex digit
    # right after one as \xHH too
    assert check.value("SELECT FORMAT('%T', 'a\"b')") == "'a\"b'"
    assert check.value("SELECT FORMAT('%T', \"it's\")") == '"it\'s"'
    assert check.value("SELECT FORMAT('%T', 'a\"b\\'c')") == '"a\\"b\'c"'
    assert check.value("SELECT FORMAT('%T', 'a\\nb\\tc\\\\d')") == '"a\\nb\\tc\\\\d"'
    assert check.value("SELECT FORMAT('%T', 'a\\x01b')") == '"a\\x01\\x62"'
    assert check.value("SELECT FORMAT('%T', 'é')") == '"é"'
    assert check.value("SELECT FORMAT('%T', CAST(NULL AS STRING))") == "NULL"
    assert text_forms.string_literal("x\x7f") == '"x\\x7f"'


@pytest.mark.parametrize("sql", ["SELECT b'ab' || 'cd'", "SELECT CONCAT('cd', b'ab', b'e')"])
def test_bytes_beside_a_string_literal_is_refused(check, sql) -> None:
    # GoogleSQL reads the literal as BYTES (b'abcd'); offline it was the STRING 'abcd'
    with pytest.raises(UnsupportedError, match="BYTES and a STRING literal"):
        check.value(sql)
    assert check.value("SELECT b'ab' || b'cd'") == b"abcd"
