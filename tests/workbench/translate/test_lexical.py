"""Raw bytes literals on the token stream (workbench/translate/lexical.py).

BigQuery combines the r and b prefixes in any order and case, and a raw literal keeps its
backslashes: https://cloud.google.com/bigquery/docs/reference/standard-sql/lexical
(string_and_bytes_literals)."""

from __future__ import annotations

import pytest
from sqlglot import exp

from wbcore.errors import UserError
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
