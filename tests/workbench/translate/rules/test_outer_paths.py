"""``FROM t.arr`` in a subquery reads the enclosing query's row ``t`` (the correlated-array-paths rule),

Expected values from GoogleSQL's reference evaluator and
https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#correlated_join
(``t.arr`` was looked up as a table: "unknown table 't.arr'").
"""

from __future__ import annotations

T = "(SELECT 1 AS k, [2, 3] AS arr UNION ALL SELECT 2, [] UNION ALL SELECT 3, [5, 6, 7])"


def test_exists_over_the_outer_rows_array(check) -> None:
    rows = check.rows(f"SELECT k FROM {T} AS t WHERE EXISTS (SELECT * FROM t.arr) ORDER BY k")
    assert rows == [(1,), (3,)]


def test_a_scalar_subquery_and_the_elements_name(check) -> None:
    rows = check.rows(
        f"SELECT k, (SELECT SUM(arr) FROM t.arr) AS s, (SELECT MAX(e) FROM t.arr AS e) AS m "
        f"FROM {T} AS t ORDER BY k"
    )
    assert rows == [(1, 5, 3), (2, None, None), (3, 18, 7)]


def test_a_path_through_a_struct_column(check) -> None:
    rows = check.rows(
        "SELECT (SELECT COUNT(*) FROM s.rec.items) AS n "
        "FROM (SELECT STRUCT([4, 5, 6] AS items) AS rec) AS s"
    )
    assert rows == [(3,)]


def test_a_table_path_is_still_a_table(check) -> None:
    # no enclosing FROM item named `nowhere`: still an unknown table, not an UNNEST
    import pytest

    from wbcore.errors import UserError

    with pytest.raises(UserError, match="unknown table"):
        check.rows("SELECT 1 FROM (SELECT 1 AS x) AS t WHERE EXISTS (SELECT * FROM nowhere.arr)")


def test_unnest_of_a_bare_column_reads_the_enclosing_row(check) -> None:
    rows = check.rows(
        f"SELECT k, (SELECT COUNT(*) FROM UNNEST(arr)) AS n FROM {T} AS t "
        "WHERE EXISTS (SELECT * FROM UNNEST(arr) AS e WHERE e > 4) OR k = 1 ORDER BY k"
    )
    assert rows == [(1, 2), (3, 3)]


def test_a_with_query_has_no_enclosing_row(check) -> None:
    import pytest

    from wbcore.errors import UserError

    with pytest.raises(UserError):
        check.rows(f"WITH w AS (SELECT * FROM UNNEST(arr)) SELECT k FROM {T} AS t, w")
