"""Quantified LIKE: BYTES pattern lists and pattern arrays, ANY and ALL (issue 15).

BigQuery's operators reference (operators#like_operator_quantified): ``x LIKE ANY (p, ...)``
or ``UNNEST(array)`` is TRUE when some pattern matches, ALL when every one does, NULL when
no pattern decides and a comparison is NULL; ``NOT LIKE`` negates each comparison; an empty
or NULL array is FALSE for ANY, TRUE for ALL. Expected values are GoogleSQL's reference
evaluator's. sqlglot wrote ``bq_bytes_like(x, ANY (...))`` for BYTES (a Parser Error), did
not parse ``LIKE ALL UNNEST``, and the analyzer gate refused the array form.
"""

from __future__ import annotations

import pytest

from workbench.translate.context import parse


@pytest.mark.parametrize(
    ("sql", "want"),
    [
        ("SELECT b'xyz' LIKE ANY (b'%z', NULL)", True),
        ("SELECT b'xyz' LIKE ALL (b'x%', b'%q')", False),
        ("SELECT b'xyz' NOT LIKE ANY (b'xyz', b'%y%')", False),
        ("SELECT b'xyz' LIKE ALL (b'x%', NULL)", None),
        ("SELECT b'kiwi' LIKE SOME (b'k%')", True),
        ("SELECT 'kiwi' LIKE ANY UNNEST(['%w%', NULL])", True),
        ("SELECT 'kiwi' LIKE ANY UNNEST(ARRAY<STRING>[])", False),
        ("SELECT 'kiwi' LIKE ALL UNNEST(ARRAY<STRING>[])", True),
        ("SELECT 'kiwi' LIKE ALL UNNEST(CAST(NULL AS ARRAY<STRING>))", True),
        ("SELECT 'kiwi' LIKE ANY UNNEST(CAST(NULL AS ARRAY<STRING>))", False),
        ("SELECT CAST(NULL AS STRING) LIKE ANY UNNEST(ARRAY<STRING>[])", False),
        ("SELECT CAST(NULL AS STRING) LIKE ALL UNNEST(['k%'])", None),
        ("SELECT 'kiwi' LIKE ALL UNNEST(['k%', NULL])", None),
        ("SELECT 'kiwi' LIKE ALL UNNEST(['q%', NULL])", False),
        ("SELECT 'kiwi' NOT LIKE ALL UNNEST(['k%', '%i'])", False),
        ("SELECT 'kiwi' NOT LIKE ANY UNNEST(['k%', '%z'])", True),
        ("SELECT b'kiwi' LIKE ANY UNNEST([b'%wi', b'z'])", True),
        ("SELECT 'abc' LIKE ANY UNNEST(['a\\\\_c'])", False),  # the backslash escapes _
        ("SELECT 'a_c' LIKE ALL UNNEST(['a\\\\_c', 'a%'])", True),
    ],
)
def test_quantified_like(check, sql: str, want: bool | None) -> None:
    assert check.value(sql) is want


def test_a_column_against_a_column_of_patterns(check) -> None:
    rows = check.rows(
        "SELECT v, v LIKE ALL UNNEST(ps) FROM UNNEST(["
        "STRUCT('fig' AS v, ['f%', '%g'] AS ps), ('fig', ['f%', 'z']), ('fig', ARRAY<STRING>[])]) "
        "WITH OFFSET o ORDER BY o"
    )
    assert rows == [("fig", True), ("fig", False), ("fig", True)]


def test_like_all_unnest_parses_and_others_keep_their_meaning(check) -> None:
    tree = parse("SELECT x LIKE ALL UNNEST(['a']) FROM t")
    assert "ALL" in tree.sql("bigquery").upper()
    got = check.rows("SELECT x, COUNT(*) FROM UNNEST([1, 1, 2]) x GROUP BY ALL ORDER BY x")
    assert got == [(1, 2), (2, 1)]
    assert check.rows("SELECT 1 UNION ALL SELECT 2 ORDER BY 1") == [(1,), (2,)]
