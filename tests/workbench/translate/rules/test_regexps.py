"""REGEXP_INSTR with a capturing group is the position of the group's match (issue 15).

GoogleSQL's string functions reference (string_functions#regexp_instr): with a capturing
group the position is the group's. Expected values are GoogleSQL's reference evaluator's.
"""

from __future__ import annotations

import pytest

from wbcore.errors import UnsupportedError
from workbench.translate.rules.regexps import split_at_group


@pytest.mark.parametrize(
    ("sql", "want"),
    [
        ("SELECT REGEXP_INSTR('xaby', 'a(b)')", 3),
        ("SELECT REGEXP_INSTR('xaby', 'a(b)', 1, 1, 1)", 4),
        ("SELECT REGEXP_INSTR('zzqwqw', 'q(w)', 3, 2)", 6),
        ("SELECT REGEXP_INSTR('zzqwqw', 'q(w)', 3, 1, 1)", 5),
        ("SELECT REGEXP_INSTR('добрый день', 'р(ы)й')", 5),  # characters, not bytes
        ("SELECT REGEXP_INSTR('ab12cd12', '[a-z]+(\\\\d+)', 1, 2)", 7),
        ("SELECT REGEXP_INSTR('aXbX', '(?:a|b)(X)', 1, 2)", 4),
        ("SELECT REGEXP_INSTR('ab', 'a()b')", 2),
        ("SELECT REGEXP_INSTR('abc', 'z(b)')", 0),
        ("SELECT REGEXP_INSTR('xaby', 'ab')", 2),  # no group: the match's position
    ],
)
def test_the_group_position(check, sql: str, want: int) -> None:
    assert check.value(sql) == want


def test_a_null_source_is_null(check) -> None:
    got = check.rows("SELECT REGEXP_INSTR(x, 'a(b)') FROM UNNEST(['ab', NULL, 'cab']) x")
    assert sorted(got, key=str) == sorted([(2,), (None,), (3,)], key=str)


@pytest.mark.parametrize("pattern", ["a|(b)", "a(b)+", "a(b)?c", "(?i)a(b)", "x(?:(b))"])
def test_a_group_without_a_fixed_prefix_is_refused(check, pattern: str) -> None:
    with pytest.raises(UnsupportedError, match="REGEXP_INSTR with a capturing group"):
        check.value(f"SELECT REGEXP_INSTR('ab', '{pattern}')")


def test_the_split() -> None:
    assert split_at_group("a[(]x(b)c") == ("a[(]x", "(b)c")
    assert split_at_group("\\(a(b)") == ("\\(a", "(b)")
    assert split_at_group("(?:x|y)(b)") == ("(?:x|y)", "(b)")
    assert split_at_group("(b)|c") is None
