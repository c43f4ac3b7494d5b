"""``USING (k)``: the merged ``k`` is the left side's for INNER/LEFT, the right side's for
RIGHT and COALESCE of both for FULL, and a later ``USING (k)`` joins on that merged ``k``
(query-syntax#using_clause). sqlglot's qualifier wrote COALESCE of every source's ``k``
(INT64 USING FLOAT64 read as FLOAT64) and joined a later USING on the first source's ``k``
(after a RIGHT or FULL join: a cross product of the unmatched rows).
https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#using_clause
"""

from __future__ import annotations

import pytest

X = "(SELECT * FROM UNNEST([STRUCT(1 AS a, 'x1' AS xv), STRUCT(2, 'x2')])) x"
Y = "(SELECT * FROM UNNEST([STRUCT(2 AS a, 'y2' AS yv), STRUCT(3, 'y3')])) y"
Z = "(SELECT * FROM UNNEST([STRUCT(3 AS a, 'z3' AS zv), STRUCT(1, 'z1'), STRUCT(4, 'z4')])) z"


def test_a_chain_after_a_full_join_joins_on_the_merged_key(check) -> None:
    sql = f"SELECT a, xv, yv, zv FROM {X} FULL JOIN {Y} USING (a) JOIN {Z} USING (a)"
    # z joins on COALESCE(x.a, y.a): 1 (x's row) and 3 (y's row), never on x.a alone
    assert sorted(check.rows(sql)) == [(1, "x1", None, "z1"), (3, None, "y3", "z3")]


def test_a_chain_after_a_right_join_joins_on_the_right_key(check) -> None:
    sql = f"SELECT a, y.a AS ya, xv, zv FROM {X} RIGHT JOIN {Y} USING (a) LEFT JOIN {Z} USING (a)"
    assert sorted(check.rows(sql), key=str) == [(2, 2, "x2", None), (3, 3, None, "z3")]


@pytest.mark.parametrize(
    ("join", "kind"),
    [
        ("JOIN", "INT64"),
        ("LEFT JOIN", "INT64"),
        ("RIGHT JOIN", "FLOAT64"),
        ("FULL JOIN", "FLOAT64"),
    ],
)
def test_the_merged_key_has_its_side_type(check, join: str, kind: str) -> None:
    sql = f"SELECT k FROM (SELECT 3 AS k) a {join} (SELECT 3.0 AS k) b USING (k)"
    assert check.type(sql) == kind
    assert check.value(sql) == 3


def test_a_coalesce_the_query_writes_is_kept(check) -> None:
    sql = "SELECT COALESCE(a.k, b.k) AS c FROM (SELECT 3 AS k) a JOIN (SELECT 3.0 AS k) b USING (k)"
    assert check.type(sql) == "FLOAT64"


def test_star_replace_of_a_using_key_replaces_the_merged_column(check) -> None:
    """query-syntax#select_replace on ``l JOIN r USING (k)``: sqlglot's expansion dropped the
    REPLACE of the merged key (the query answered k, not k + 1)."""
    a = "WITH a AS (SELECT 1 AS k, 'a' AS v UNION ALL SELECT 2, 'c'), "
    b = "b AS (SELECT 1 AS k, 'b' AS w UNION ALL SELECT 3, 'd') "
    rows = check.rows(a + b + "SELECT * REPLACE (k + 1 AS k) FROM a JOIN b USING (k)")
    assert rows == [(2, "a", "b")]
    full = a + b + "SELECT * REPLACE (k * 10 AS k, 'z' AS w) FROM a FULL JOIN b USING (k)"
    assert sorted(check.rows(full)) == [(10, "a", "z"), (20, "c", "z"), (30, None, "z")]
    two = a + b + "SELECT 0 AS z, * REPLACE (k - 5 AS k) FROM a JOIN b USING (k) ORDER BY z"
    assert check.rows(two) == [(0, -4, "a", "b")]
