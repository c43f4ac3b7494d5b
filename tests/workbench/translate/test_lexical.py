"""Raw bytes literals on the token stream (workbench/translate/lexical.py).

BigQuery combines the r and b prefixes in any order and case, and a raw literal keeps its
backslashes: https://cloud.google.com/bigquery/docs/reference/standard-sql/lexical
(string_and_bytes_literals)."""

from __future__ import annotations

import pytest
from sqlglot import exp

from wbcore.errors import UnsupportedError, UserError
from workbench.translate.context import parse


@pytest.mark.parametrize("prefix", ["rb", "br", "RB", "bR", "Rb"])
@pytest.mark.parametrize("quoted", ["'a\\x41'", '"a\\x41"', "'''a\\x41'''", '"""a\\x41"""'])
def test_every_spelling_is_one_raw_bytes_literal(prefix: str, quoted: str) -> None:
    tree = parse(f"SELECT {prefix}{quoted}")
    (literal,) = tree.expressions
    assert isinstance(literal, exp.ByteString)
    assert literal.this == "a\\x41"  # five bytes: the escape is not decoded


def test_non_ascii_text_is_its_utf8_bytes() -> None:
    (literal,) = parse("SELECT rb'é'").expressions
    assert literal.this.encode("latin-1") == "é".encode()


def test_a_prefix_apart_from_its_string_is_a_name_and_a_string() -> None:
    with pytest.raises(UserError, match="syntax error"):
        parse("SELECT rb 'x'")  # BigQuery reads `rb` as a column and then a stray string


def test_a_column_named_rb_still_works() -> None:
    tree = parse("SELECT rb, br FROM t")
    assert [c.name for c in tree.expressions] == ["rb", "br"]


def test_the_escaped_literal_is_unchanged() -> None:
    (literal,) = parse("SELECT b'a\\x41'").expressions
    assert literal.this == "aA"


@pytest.mark.parametrize(
    "sql",
    [
        "SELECT CAST(b'xy' AS STRING FORMAT CAST(NULL AS STRING))",
        "SELECT SAFE_CAST('7' AS BYTES FORMAT 'BA' || CAST(NULL AS STRING))",
        "SELECT CAST(v AS STRING FORMAT f) FROM (SELECT b'q' AS v, 'HEX' AS f)",
        "SELECT CAST(DATE '2020-01-02' AS STRING FORMAT @fmt)",
    ],
)
def test_a_cast_format_that_is_no_literal_is_refused(sql: str) -> None:
    # https://cloud.google.com/bigquery/docs/reference/standard-sql/format-elements (the
    # format is a STRING expression); sqlglot's parser reads only a literal: a raw syntax error
    with pytest.raises(
        UnsupportedError, match=r"CAST\(\.\.\. FORMAT expression\) is not supported"
    ):
        parse(sql)


def test_a_literal_cast_format_and_the_format_function_still_parse() -> None:
    parse(
        "SELECT CAST(TIMESTAMP '2020-01-02 00:00:00+00' AS STRING FORMAT 'YYYY' AT TIME ZONE 'UTC')"
    )
    parse("SELECT FORMAT('%d', 3), CAST(NUMERIC '1.5' AS STRING)")


def test_literals_joined_with_pipes_are_one_format() -> None:
    tree = parse("SELECT CAST(b'xy' AS STRING FORMAT 'UT' || 'F-' || '8')")
    assert tree.find(exp.Cast).args["format"].name == "UTF-8"


# -- a sign after an exponent's digits (lexical#floating_point_literals) -----------------


@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        ("SELECT 1e3+1e3", "SELECT 1e3 + 1e3"),
        ("SELECT 2*1e1-1", "SELECT 2 * 1e1 - 1"),
        ("SELECT 1.5E2+3, x", "SELECT 1.5E2 + 3, x"),
        ("SELECT 1e3+1e3-1e-2", "SELECT 1e3 + 1e3 - 1e-2"),
    ],
)
def test_a_sign_after_an_exponent_starts_the_next_token(sql: str, expected: str) -> None:
    assert parse(sql).sql("bigquery") == expected


def test_an_exponent_sign_is_still_the_exponent_s() -> None:
    (literal,) = parse("SELECT 1e-3").expressions
    assert isinstance(literal, exp.Literal) and literal.name == "1e-3"


def test_a_split_number_keeps_the_columns_of_what_follows() -> None:
    from workbench.translate.context import checked_tokens

    tokens = checked_tokens("SELECT 1e3+1e3 AS a", "query")
    assert [(t.text, t.start, t.end, t.col) for t in tokens[1:5]] == [
        ("1e3", 7, 9, 10),
        ("+", 10, 10, 11),
        ("1e3", 11, 13, 14),
        ("AS", 15, 16, 17),
    ]
def test_the_empty_struct_constructor_is_no_not_equal() -> None:
    """data-types#struct_type: ``STRUCT<>()`` is the empty STRUCT (was an incomplete '!=')."""
    tree = parse("SELECT STRUCT<>() = STRUCT<>(), 1 <> 2")
    first, second = tree.expressions
    assert isinstance(first, exp.EQ) and isinstance(first.this, exp.Struct)
    assert not first.this.expressions
    assert isinstance(second, exp.NEQ)
