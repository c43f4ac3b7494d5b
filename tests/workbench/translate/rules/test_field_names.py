"""STRUCT field names (rules/field_names.py): two fields of one name are refused.

BigQuery allows a STRUCT with two fields of the same name (``STRUCT(k, k)`` infers both
names from the expression: data-types#constructing_a_struct); DuckDB's STRUCT cannot hold
them, which was a raw Binder Error.
https://cloud.google.com/bigquery/docs/reference/standard-sql/data-types#constructing_a_struct
"""

from __future__ import annotations

import pytest

from workbench.translate import UnsupportedError


@pytest.mark.parametrize(
    "sql",
    [
        "SELECT STRUCT(k, k) AS s FROM UNNEST([1]) AS k",
        "SELECT [STRUCT(1 AS a, 2 AS A)] AS s",
    ],
)
def test_duplicate_field_names_are_refused(check, sql: str) -> None:
    with pytest.raises(UnsupportedError, match="STRUCT with two fields of the same name"):
        check.sql(sql)


def test_distinct_and_typed_fields_are_kept(check) -> None:
    assert check.rows("SELECT STRUCT(1 AS a, 2 AS b) AS s") == [({"a": 1, "b": 2},)]
    assert "duplicate-field-names" not in check.rules("SELECT STRUCT(1 AS a, 2 AS b) AS s")
