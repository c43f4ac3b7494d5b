"""json-subscripts (rules/json_access.py): ``json[i]`` from 0 and NULL when negative, ``json['k']`` a member, also
under a field of a JSON value. Expected values from GoogleSQL's reference evaluator and
https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#json_subscript_operator
(DuckDB counted a negative index from the end, and ``j.arr[1]`` read the element after).
"""

from __future__ import annotations

import pytest

DOC = 'JSON \'{"n": 3, "items": [{"k": 10}, {"k": 20}], "$": 7, "a.b": 8}\''


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("(JSON '[5, 6, 7]')[0]", "5"),
        ("(JSON '[5, 6, 7]')[2]", "7"),
        ("(JSON '[5, 6, 7]')[3]", None),
        ("(JSON '[5, 6, 7]')[-1]", None),
        ("(JSON '[5, 6, 7]')[CAST(NULL AS INT64)]", None),
        ("(JSON '{\"n\": 1}')[0]", None),
        ("(JSON '[1]')['n']", None),
        (f"({DOC}).items[1]", '{"k":20}'),
        (f"({DOC}).items[1]['k']", "20"),
        (f"({DOC}).items[-1]", None),
        (f"({DOC})['items'][0].k", "10"),
        (f"({DOC})['$']", "7"),
        (f"({DOC})['a.b']", "8"),
        (f"({DOC})[CONCAT('it', 'ems')][0]['k']", "10"),
    ],
)
def test_json_subscript(check, expression, expected) -> None:
    assert check.value(f"SELECT {expression} AS v") == expected


def test_a_computed_index_from_a_column(check) -> None:
    rows = check.rows(
        "SELECT j[i] AS v FROM (SELECT JSON '[4, 5]' AS j) CROSS JOIN UNNEST([-2, 0, 1, 2]) AS i "
        "ORDER BY i"
    )
    assert rows == [(None,), ("4",), ("5",), (None,)]
