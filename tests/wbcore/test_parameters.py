"""Query parameter types (wbcore/parameters.py) are the BigQuery engine's: the same values
typed as google-cloud-bigquery's DB-API helper types them when the query runs on BigQuery
(workbench/engines/bigquery.query_parameters), so the offline translation types ``@name`` as
BigQuery will."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from google.cloud.bigquery.dbapi import _helpers

from wbcore.parameters import parameter_types, value_type

VALUES = [
    True,
    0,
    -(2**63),
    1.5,
    float("nan"),
    "text",
    b"\x00",
    Decimal("1.25"),
    Decimal("-99999999999999999999999999999.999999999"),
    dt.date(2026, 11, 15),
    dt.datetime(2026, 11, 15, 12, 30),
    dt.datetime(2026, 11, 15, 12, 30, tzinfo=dt.UTC),
    dt.time(23, 59, 59),
    [1, 2],
    ["a", None, "b"],
    [dt.date(2026, 1, 1)],
]


@pytest.mark.parametrize("value", VALUES, ids=repr)
def test_the_type_is_the_bigquery_clients(value) -> None:
    (param,) = _helpers.to_query_parameters({"p": value}, {})
    api = param.to_api_repr()["parameterType"]
    expected = api["type"] if api["type"] != "ARRAY" else f"ARRAY<{api['arrayType']['type']}>"
    assert value_type(value) == expected


@pytest.mark.parametrize(
    "value",
    [Decimal("1e30"), Decimal("0.0000000001"), None, [], [1, "a"], {"a": 1}, object()],
    ids=["1e30", "scale-10", "None", "empty", "mixed", "struct", "object"],
)
def test_what_cannot_be_typed_offline_stays_untyped(value) -> None:
    # BIGNUMERIC (past NUMERIC's range or scale), NULL, empty/mixed lists, STRUCTs: no type,
    # the parameter is left untyped as before (the value is still bound as given)
    assert value_type(value) is None


def test_parameter_types_are_sorted_and_skip_the_untyped() -> None:
    assert parameter_types({"b": 1.0, "a": "x", "c": None}) == (("a", "STRING"), ("b", "FLOAT64"))
    assert parameter_types(None) == ()
