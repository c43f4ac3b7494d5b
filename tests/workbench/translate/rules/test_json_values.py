"""parse-json: PARSE_JSON and JSON literals as BigQuery's JSON reader reads them. Expected
values from GoogleSQL's reference evaluator and
https://cloud.google.com/bigquery/docs/reference/standard-sql/json_functions#parse_json
(DuckDB's json() kept repeated names and every number's text, and read 1e400).
"""

from __future__ import annotations

import json

import pytest

from wbcore.errors import UserError


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ('PARSE_JSON(\'{"k": 4, "k": 5}\')', {"k": 4}),
        ('JSON \'{"k": 4, "m": {"z": 1, "z": 2}, "k": 5}\'', {"k": 4, "m": {"z": 1}}),
        ("PARSE_JSON('0.1')", 0.1),
        ("PARSE_JSON('18446744073709551615')", 18446744073709551615),
        ("PARSE_JSON('2.71828182845904523536', wide_number_mode=>'round')", 2.718281828459045),
        ("PARSE_JSON('1e-400', wide_number_mode=>'round')", 0.0),
        ("PARSE_JSON('[2.5, -0, 7]', wide_number_mode=>CONCAT('ex', 'act'))", [2.5, 0, 7]),
        ("SAFE.PARSE_JSON('2.71828182845904523536')", None),
        ("PARSE_JSON(CAST(NULL AS STRING))", None),
    ],
)
def test_parse_json(check, expression, expected) -> None:
    got = check.value(f"SELECT {expression} AS v")
    assert (json.loads(got) if got is not None else None) == expected


@pytest.mark.parametrize(
    ("expression", "message"),
    [
        ("PARSE_JSON('2.71828182845904523536')", "cannot round-trip through FLOAT64"),
        ("PARSE_JSON('[1, 18446744073709551616]')", "cannot round-trip through FLOAT64"),
        ("PARSE_JSON('1e400', wide_number_mode=>'round')", "beyond FLOAT64's range"),
        ("PARSE_JSON('1', wide_number_mode=>'rounded')", "wide_number_mode is 'exact' or 'round'"),
        ("PARSE_JSON('{nope')", "not valid JSON"),
    ],
)
def test_parse_json_errors(check, expression, message) -> None:
    with pytest.raises(UserError, match=message):
        check.value(f"SELECT {expression} AS v")
