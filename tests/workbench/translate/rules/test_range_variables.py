"""A bare name that is both a FROM item's and a column's (rules/range_variables.py).

GoogleSQL reads the range variable first (query-syntax#range_variables): ``SELECT t FROM
(SELECT 1 AS t) t`` is the row ``STRUCT<t INT64>`` in GoogleSQL's reference evaluator, where
sqlglot read the column 1, a silent difference. Refused, with the qualified form as the fix.
"""

from __future__ import annotations

import pytest

from workbench.translate import UnsupportedError


@pytest.mark.parametrize(
    "sql",
    [
        "SELECT t FROM (SELECT 1 AS t) t",
        "SELECT runs FROM (SELECT 1 AS runs, 2 AS x) AS runs",
        "WITH runs AS (SELECT 1 AS runs) SELECT SUM(runs) AS s FROM runs",
        "WITH runs AS (SELECT 1 AS runs) SELECT x FROM runs, UNNEST([1]) AS x WHERE runs > 0",
        # the column is another FROM item's: still the row k (reference: STRUCT<x INT64>)
        "SELECT k FROM (SELECT 1 AS x) AS k, (SELECT 2 AS k) AS z",
    ],
)
def test_the_ambiguous_name_is_refused(check, sql: str) -> None:
    with pytest.raises(UnsupportedError, match="both a FROM item and a column"):
        check.sql(sql)


def test_qualified_columns_rows_and_aliases_are_left_alone(check) -> None:
    assert check.rows("WITH runs AS (SELECT 1 AS runs) SELECT runs.runs FROM runs") == [(1,)]
    assert check.rows("SELECT t FROM (SELECT 1 AS x) t") == [({"x": 1},)]  # the row itself
    assert check.rows("SELECT m FROM UNNEST([1, 2]) AS m ORDER BY m") == [(1,), (2,)]
    # ORDER BY a SELECT-list alias: the alias comes first (query-syntax#order_by_clause)
    assert check.rows("SELECT x AS t FROM (SELECT 1 AS t, 2 AS x) t ORDER BY t") == [(2,)]
