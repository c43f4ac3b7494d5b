"""JSON functions of STRING values (rules/json_paths.py, translate/json_text.py)."""

from __future__ import annotations

import pytest

from wbcore.errors import UserError
from workbench.translate import json_text

DOC = '\'{"a": [1, {"b": 2.50}], "c": -0, "d": "x\\\\"y", "e": null}\''


def test_numbers_keep_the_text_they_are_written_with(check) -> None:
    # https://cloud.google.com/bigquery/docs/reference/standard-sql/json_functions#json_value
    # (the scalar value as a STRING); GoogleSQL's reference evaluator keeps a number's text:
    # '1.50' stays '1.50', '-0' stays '-0' (DuckDB's JSON wrote 1.5 and 0)
    assert check.value("SELECT JSON_VALUE('{\"a\": 1.50}', '$.a')") == "1.50"
    assert check.value("SELECT JSON_EXTRACT_SCALAR('{\"a\": 1e2}', '$.a')") == "1e2"
    assert check.value(f"SELECT JSON_VALUE({DOC}, '$.c')") == "-0"
    assert check.value(f"SELECT JSON_QUERY({DOC}, '$')") == (
        '{"a":[1,{"b":2.50}],"c":-0,"d":"x\\"y","e":null}'
    )
    assert check.value(f"SELECT JSON_EXTRACT({DOC}, '$.a[1]')") == '{"b":2.50}'


def test_paths_walk_as_googlesql_walks_them(check) -> None:
    # json_functions#JSONPath_format: [index] of an array, '.0' reads element 0 too; a
    # negative index matches nothing (DuckDB counted from the end)
    assert check.value("SELECT JSON_VALUE('[1, 2]', '$[-1]')") is None
    assert check.value("SELECT JSON_VALUE('{\"a\": [1, 2]}', '$.a.0')") == "1"
    assert check.value(f"SELECT JSON_VALUE({DOC}, '$.a')") is None  # an array: no scalar
    assert check.value(f"SELECT JSON_VALUE({DOC}, '$.e')") is None
    assert check.value(f"SELECT JSON_VALUE({DOC}, '$.d')") == 'x"y'
    assert check.value("SELECT JSON_VALUE('{\"a b\": 1}', '$.\"a b\"')") == "1"
    assert check.value("SELECT JSON_EXTRACT('{\"a b\": 1}', \"$['a b']\")") == "1"


def test_text_that_is_no_json_is_null(check) -> None:
    # the reference evaluator: NULL for text that is no JSON (DuckDB raised an error)
    assert check.value("SELECT JSON_VALUE('not json', '$.a')") is None
    assert check.value("SELECT JSON_QUERY('', '$')") is None
    assert check.value("SELECT JSON_QUERY_ARRAY('not json', '$')") == []
    assert check.value("SELECT JSON_VALUE(CAST(NULL AS STRING), '$')") is None


def test_arrays(check) -> None:
    # json_functions#json_value_array: an array of scalars; an array holding an array has
    # none (the reference evaluator: NULL, written [] in a result)
    assert check.value("SELECT JSON_VALUE_ARRAY('{\"a\": [1, \"x\", 1.50]}', '$.a')") == [
        "1",
        "x",
        "1.50",
    ]
    assert check.value("SELECT JSON_VALUE_ARRAY('{\"a\": [1, [2]]}', '$.a')") == []
    assert check.value("SELECT JSON_QUERY_ARRAY('{\"a\": [1, {\"b\": 1}]}', '$.a')") == [
        "1",
        '{"b":1}',
    ]
    assert check.value("SELECT JSON_QUERY_ARRAY('{\"a\": 1}', '$.a')") == []


@pytest.mark.parametrize(
    "sql",
    [
        "JSON_VALUE('{\"a\": 1}', 'a')",  # no '$'
        "JSON_VALUE('{\"a\": 1}', '$a')",
        "JSON_VALUE('{\"a b\": 1}', \"$['a b']\")",  # the legacy functions' quoting
        "JSON_EXTRACT('{\"a b\": 1}', '$.\"a b\"')",  # the standard functions' quoting
    ],
)
def test_invalid_paths_are_errors(check, sql) -> None:
    # the reference evaluator: "JSONPath must start with '$'", "Invalid token in JSONPath"
    with pytest.raises(UserError, match="invalid JSONPath"):
        check.value(f"SELECT {sql}")


def test_an_invalid_path_of_null_text_is_null(check) -> None:
    # json_functions: a NULL argument gives NULL; GoogleSQL's reference evaluator (zetasql
    # 0.1.5) returns NULL for JSON_EXTRACT(NULL, '$."a.b"') before it reads the path
    assert check.value("SELECT JSON_EXTRACT(CAST(NULL AS STRING), '$.\"a.b\"')") is None
    assert check.value("SELECT JSON_VALUE(CAST(NULL AS STRING), '$.a[')") is None
    got = check.value("SELECT JSON_EXTRACT_ARRAY(CAST(NULL AS STRING), '$.a[') IS NULL")
    assert got is True
    with pytest.raises(UserError, match="invalid JSONPath"):
        check.value("SELECT JSON_EXTRACT('{\"a\": 1}', '$.a[')")


def test_slices_are_errors_computed_paths_left_to_duckdb(check) -> None:
    # the reference evaluator: "Invalid token in JSONPath at: [0:1]"
    with pytest.raises(UserError, match="invalid JSONPath"):
        check.value("SELECT JSON_QUERY('{\"a\": [1, 2]}', '$.a[0:1]')")
    assert "bq_json" not in check.sql(
        "SELECT JSON_VALUE('{\"a\": 1}', p) FROM UNNEST(['$.a']) AS p"
    )


def test_lenient_text_is_not_guessed() -> None:
    # GoogleSQL's reader accepts single quotes and text after the value; not emulated
    for text in ("{'a': 1}", '{"a": 1} x', '{"a": 01}'):
        with pytest.raises(json_text.JSONTextError):
            json_text.json_value(text, '["a"]')
    assert json_text.json_value("nope", '["a"]') is None


def test_a_json_null_element_of_a_json_array_stays_json_null(check) -> None:
    # https://cloud.google.com/bigquery/docs/reference/standard-sql/json_functions#json_query_array
    # (an ARRAY<JSON> of the array's elements; NULL when the value is no array), checked with
    # GoogleSQL's reference evaluator; DuckDB's cast to JSON[] made the element SQL NULL, so
    # the result array raised "Array cannot have a null element", and a non-array raised
    doc = 'JSON \'{"k": ["x", null, {"m": null}]}\''
    assert check.value(f"SELECT JSON_QUERY_ARRAY({doc}, '$.k')") == ['"x"', "null", '{"m":null}']
    assert check.value(f"SELECT JSON_TYPE(JSON_EXTRACT_ARRAY({doc}, '$.k')[OFFSET(1)])") == "null"
    assert check.value("SELECT ARRAY_LENGTH(JSON_QUERY_ARRAY(JSON '[null, null, null]'))") == 3
    assert check.value(f"SELECT ARRAY_LENGTH(JSON_QUERY_ARRAY({doc}, '$.k[0]'))") is None
    assert check.value("SELECT ARRAY_LENGTH(JSON_EXTRACT_ARRAY(JSON 'null'))") is None
    assert "json-array-null-elements" in check.rules(f"SELECT JSON_QUERY_ARRAY({doc}, '$.k')")


def test_a_legacy_path_may_leave_a_bracketed_name_unquoted(check) -> None:
    # https://cloud.google.com/bigquery/docs/reference/standard-sql/json_functions#JSONPath_format
    # (the legacy functions read a child in brackets); GoogleSQL's reference evaluator reads
    # $[k] and $[ k ] as $['k'], and rejects $[k m]; sqlglot left the path as text, so the
    # call failed as an invalid JSONPath
    doc = '\'{"k": {"m": [8, 9]}, "k m": 1}\''
    assert check.value(f"SELECT JSON_EXTRACT_SCALAR({doc}, '$[k][m][1]')") == "9"
    assert check.value(f"SELECT JSON_EXTRACT({doc}, '$[ k ].m')") == "[8,9]"
    assert check.value(f"SELECT JSON_EXTRACT_SCALAR(PARSE_JSON({doc}), '$[k].m[0]')") == "8"
    with pytest.raises(UserError, match="invalid JSONPath"):
        check.value(f"SELECT JSON_EXTRACT({doc}, '$[k m]')")
    with pytest.raises(UserError, match="invalid JSONPath"):
        check.value(f"SELECT JSON_QUERY({doc}, '$[k]')")
