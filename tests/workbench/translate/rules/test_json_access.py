"""JSON subscripts (rules/json_access.py): zero-based positions of arrays, keys of objects,
NULL outside. Expected values: GoogleSQL's reference evaluator (the `zetasql` package), as
operators#json_subscript_operator describes them ("If the JSON array index is out of range
or the JSON object does not have the key, NULL").
https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#json_subscript_operator
"""

from __future__ import annotations

import pytest

DOC = """(SELECT JSON '{"arr": [5, 6], "o": {"arr": [7]}, "a/b": 1, "~": 2}' AS j)"""


@pytest.mark.parametrize(
    ("access", "want"),
    [
        ("j.arr[0]", "5"),  # sqlglot's DuckDB offset made it the second element
        ("j.arr[1]", "6"),
        ("j.o.arr[0]", "7"),
        ("j.arr[-1]", "null"),  # DuckDB counts a negative position from the end
        ("j.arr[2]", "null"),
        ("j['arr'][1]", "6"),
        ("j.arr['0']", "null"),  # DuckDB read a STRING subscript of an array as a position
        ("j[0]", "null"),  # a position into an object
        ("j['a/b']", "1"),  # a key with the pointer's separator
        ("j['~']", "2"),
        ("j['nope']", "null"),
    ],
)
def test_json_subscripts(check, access: str, want: str) -> None:
    assert check.value(f"SELECT TO_JSON_STRING({access}) FROM {DOC}") == want


def test_computed_positions_and_keys(check) -> None:
    positions = check.rows(
        "SELECT i, TO_JSON_STRING(j[i]) FROM (SELECT JSON '[5, 6]' AS j), "
        "UNNEST([-1, 0, 1, 2, NULL]) AS i ORDER BY i"
    )
    assert positions == [(None, "null"), (-1, "null"), (0, "5"), (1, "6"), (2, "null")]
    keys = check.rows(
        """SELECT k, TO_JSON_STRING(j[k]) FROM (SELECT JSON '{"a/b": 1, "~": 2}' AS j), """
        "UNNEST(['a/b', '~', 'y', NULL]) AS k ORDER BY k"
    )
    assert keys == [(None, "null"), ("a/b", "1"), ("y", "null"), ("~", "2")]


def test_the_result_is_json(check) -> None:
    assert check.type(f"SELECT j.arr[0] FROM {DOC}") == "JSON"
    assert (
        check.value("""SELECT JSON_VALUE(j.a[0]) FROM (SELECT JSON '{"a": ["x"]}' AS j)""") == "x"
    )
    assert "json-subscripts" in check.rules(f"SELECT j.arr[0] FROM {DOC}")


def test_paths_the_parser_read_otherwise(check) -> None:
    """translate/path_syntax.py and lexical.names_after_dots: ``j.array[1]`` was the array
    literal ``[1]``, ``j.`a.b``` the path ``j.a.b``, ``j.select`` a syntax error."""
    doc = """(SELECT JSON '{"array": [5, 8], "a.b": 1, "a": {"b": 2}, "select": 3}' AS j)"""
    assert check.value(f"SELECT TO_JSON_STRING(j.array[1]) FROM {doc}") == "8"
    assert check.value(f"SELECT TO_JSON_STRING(j.`a.b`) FROM {doc}") == "1"
    assert check.value(f"SELECT TO_JSON_STRING(j.a.b) FROM {doc}") == "2"
    assert check.value(f"SELECT TO_JSON_STRING(j.select) FROM {doc}") == "3"
    # LIST is the other name sqlglot takes for an array constructor
    listed = """(SELECT JSON '{"list": [5, 6]}' AS j)"""
    assert check.value(f"SELECT TO_JSON_STRING(j.list[1]) FROM {listed}") == "6"
