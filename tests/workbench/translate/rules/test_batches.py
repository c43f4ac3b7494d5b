"""partition-batches: an aggregation over windows runs in batches of partitions, same rows.

The batched statement must give the rows of the one pass. What the rows are comes from
BigQuery's reference: a window's PARTITION BY splits the rows into partitions the function
sees separately, and LAG reads the preceding row of the row's own partition
(https://cloud.google.com/bigquery/docs/reference/standard-sql/window-function-calls,
https://cloud.google.com/bigquery/docs/reference/standard-sql/navigation_functions#lag);
GROUP BY puts NULL keys in one group and COUNT(DISTINCT x) ignores NULL
(https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#group_by_clause,
https://cloud.google.com/bigquery/docs/reference/standard-sql/aggregate_functions#count);
SUM of INT64 raises "int64 overflow" when the sum leaves the INT64 range
(https://cloud.google.com/bigquery/docs/reference/standard-sql/aggregate_functions#sum),
checked on the whole group's sum as the one-pass translation does (``int64-sum-overflow``).
"""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest

from workbench.translate import Context, TableInfo, registry, translate
from workbench.translate.rules import batches

RULE = "partition-batches"
COLUMNS = {"id": "STRING", "ts": "TIMESTAMP", "g": "STRING", "n": "INT64", "f": "FLOAT64"}
NOW = dt.datetime(2026, 11, 15, tzinfo=dt.UTC)

# Per id, its rows (ts day, group, n). LAG(n) by id ordered by ts; the NULL id is one
# partition of its own (two rows), "c" has one row.
ROWS = {
    "a": [(1, "x", 1), (2, "x", 4), (3, "y", 6)],
    "b": [(1, "x", 2), (2, "y", 2), (3, "y", 1)],
    None: [(1, "x", 5), (2, "y", 7)],
    "c": [(1, "z", 3)],
}
# the windows under an aggregation, as the PACE queries hold them
DELTAS = """WITH d AS (
  SELECT id, g, ts, n, n - COALESCE(LAG(n) OVER (PARTITION BY id ORDER BY ts), 0) AS delta
  FROM t)
"""


def _context(batches_wanted: int, columns: dict[str, str] = COLUMNS) -> Context:
    rows = batches_wanted * batches.ROWS_PER_BATCH
    table = TableInfo(local="t", columns=columns, names=("t",), rows=rows)
    return Context(tables=(table,), now=NOW)


def _table(conn: duckdb.DuckDBPyConnection, rows: dict) -> None:
    conn.execute("CREATE TABLE t (id VARCHAR, ts TIMESTAMPTZ, g VARCHAR, n BIGINT, f DOUBLE)")
    for id_, items in rows.items():
        for day, g, n in items:
            conn.execute(
                "INSERT INTO t VALUES (?, TIMESTAMPTZ '2026-11-01 00:00:00+00' + ?::INTEGER "
                "* INTERVAL 1 DAY, ?, ?, ?)",
                [id_, day, g, n, float(n)],
            )


@pytest.fixture()
def conn():
    c = duckdb.connect()
    _table(c, ROWS)
    yield c
    c.close()


def _run(conn: duckdb.DuckDBPyConnection, sql: str, n: int = 8) -> tuple[list[str], list]:
    tr = translate(sql, _context(n))
    return tr.rules, conn.execute(tr.duckdb).fetchall()


def _one_pass(conn: duckdb.DuckDBPyConnection, sql: str, monkeypatch) -> list:
    with monkeypatch.context() as m:
        m.setattr(registry, "RULES", tuple(r for r in registry.RULES if r.name != RULE))
        tr = translate(sql, _context(8))
    assert RULE not in tr.rules
    return conn.execute(tr.duckdb).fetchall()


# -- semantics: the same rows, on crafted tables ------------------------------------------

EVERY_AGGREGATE = (
    DELTAS
    + """SELECT g, SUM(delta) AS total, COUNT(*) AS n_rows, COUNT(delta) AS n_deltas,
  COUNT(DISTINCT id) AS ids, MIN(n) AS lo, MAX(n) AS hi, COUNTIF(delta > 0) AS ups,
  LOGICAL_AND(delta >= 0) AS never_down, LOGICAL_OR(id IS NULL) AS has_null_id,
  MIN(id) AS first_id
FROM d GROUP BY g ORDER BY g"""
)


def test_every_additive_aggregate_over_batches(conn, monkeypatch) -> None:
    # deltas: a 1, 3, 2; b 2, 0, -1; NULL 5, 2; c 3
    # x: a1 a2 b1 N1 (n 1 4 2 5, deltas 1 3 2 5); y: a3 b2 b3 N2 (n 6 2 1 7, deltas 2 0 -1 2)
    expected = [
        ("x", 11, 4, 4, 2, 1, 5, 4, True, True, "a"),
        ("y", 3, 4, 4, 2, 1, 7, 2, False, True, "a"),
        ("z", 3, 1, 1, 1, 3, 3, 1, True, False, "c"),
    ]
    rules, rows = _run(conn, EVERY_AGGREGATE)
    assert RULE in rules
    assert rows == expected
    assert _one_pass(conn, EVERY_AGGREGATE, monkeypatch) == expected


def test_empty_batches_and_an_id_alone_in_its_batch(conn) -> None:
    # 4 partitions (a, b, c, NULL) in 8 batches: some batches hold nothing
    buckets = conn.execute("SELECT hash(id) % 8, count(DISTINCT id) FROM t GROUP BY 1").fetchall()
    assert len(buckets) < 8 and any(count == 1 for _, count in buckets)
    rules, rows = _run(conn, EVERY_AGGREGATE)
    assert RULE in rules
    assert [r[:3] for r in rows] == [("x", 11, 4), ("y", 3, 4), ("z", 3, 1)]


@pytest.mark.parametrize("n", [2, 3, 5, 16])
def test_any_number_of_batches_gives_the_same_rows(conn, n: int) -> None:
    expected = _run(conn, EVERY_AGGREGATE, 1)
    assert RULE not in expected[0]  # one batch: the statement as it was
    rules, rows = _run(conn, EVERY_AGGREGATE, n)
    assert RULE in rules
    assert rows == expected[1]


def test_rows_with_a_null_id_are_in_exactly_one_batch(conn) -> None:
    sql = DELTAS + "SELECT g, SUM(delta) AS total, COUNT(*) AS n FROM d WHERE id IS NULL GROUP BY g"
    rules, rows = _run(conn, sql + " ORDER BY g")
    assert RULE in rules
    # the NULL id's partition: n 5 then 7, deltas 5 and 2
    assert rows == [("x", 5, 1), ("y", 2, 1)]


def test_a_null_group_key_stays_one_group(conn) -> None:
    sql = DELTAS + "SELECT id, SUM(delta) AS total FROM d GROUP BY id ORDER BY id NULLS FIRST"
    rules, rows = _run(conn, sql)
    assert RULE in rules
    assert rows == [(None, 7), ("a", 6), ("b", 1), ("c", 3)]


BIG = 9_000_000_000_000_000_000  # 9e18, under INT64's 9.22e18
OVERFLOW = (
    "WITH d AS (SELECT id, n, LAG(n) OVER (PARTITION BY id ORDER BY ts) AS previous FROM t)\n"
    "SELECT 'all' AS k, SUM(n) AS total FROM d GROUP BY k"
)


def _spread(conn: duckdb.DuckDBPyConnection, ids: list[str], n: int) -> list[str]:
    """Ids that land in different batches of ``n`` (the test needs two batches' sums)."""
    seen: dict[int, str] = {}
    for i in ids:
        seen.setdefault(conn.execute("SELECT hash(?) % ?", [i, n]).fetchone()[0], i)
    return list(seen.values())


def test_sum_overflow_only_in_the_total_raises(monkeypatch) -> None:
    conn = duckdb.connect()
    first, second = _spread(conn, [f"i{k}" for k in range(20)], 4)[:2]
    # each batch's sum (9e18) fits INT64; the total (1.8e19) does not
    _table(conn, {first: [(1, "x", BIG)], second: [(1, "x", BIG)]})
    tr = translate(OVERFLOW, _context(4))
    assert RULE in tr.rules
    with pytest.raises(duckdb.Error, match="int64 overflow"):
        conn.execute(tr.duckdb).fetchall()


def test_a_batch_sum_past_int64_is_no_error_when_the_total_fits(monkeypatch) -> None:
    conn = duckdb.connect()
    first, second = _spread(conn, [f"i{k}" for k in range(20)], 4)[:2]
    # one batch sums to 1.8e19 (past INT64), the other to -1.8e19: the total is 0
    _table(conn, {first: [(1, "x", BIG), (2, "x", BIG)], second: [(1, "x", -BIG), (2, "x", -BIG)]})
    tr = translate(OVERFLOW, _context(4))
    assert RULE in tr.rules
    assert conn.execute(tr.duckdb).fetchall() == [("all", 0)]
    assert _one_pass(conn, OVERFLOW, monkeypatch) == [("all", 0)]


def test_ties_in_order_by_keep_the_second_key_and_limit(conn) -> None:
    # y and z both total 3: ORDER BY total DESC, g; LIMIT 2 keeps x and y
    sql = DELTAS + "SELECT g, SUM(delta) AS total FROM d GROUP BY g ORDER BY total DESC, g LIMIT 2"
    rules, rows = _run(conn, sql)
    assert RULE in rules
    assert rows == [("x", 11), ("y", 3)]


def test_having_and_expressions_apply_to_the_totals(conn) -> None:
    # x: 4 rows of 2 ids, total 11; y: 4 rows of 2 ids, total 3; z: 1 id
    sql = (
        DELTAS
        + "SELECT g, SUM(delta) * 10 + COUNT(*) AS score FROM d GROUP BY g "
        + "HAVING COUNT(DISTINCT id) >= 2 ORDER BY g"
    )
    rules, rows = _run(conn, sql)
    assert RULE in rules
    assert rows == [("x", 114), ("y", 34)]


def test_a_window_over_an_unnest_of_the_same_row(monkeypatch) -> None:
    columns = {"id": "STRING", "ts": "TIMESTAMP", "xs": "ARRAY<INT64>"}
    conn = duckdb.connect()
    conn.execute("CREATE TABLE t (id VARCHAR, ts TIMESTAMPTZ, xs BIGINT[])")
    conn.execute(
        "INSERT INTO t VALUES ('a', TIMESTAMPTZ '2026-11-01 00:00:00+00', [1, 2]), "
        "('a', TIMESTAMPTZ '2026-11-02 00:00:00+00', [5]), "
        "('b', TIMESTAMPTZ '2026-11-01 00:00:00+00', []), "
        "(NULL, TIMESTAMPTZ '2026-11-01 00:00:00+00', [7])"
    )
    sql = """WITH u AS (
  SELECT id, ts, xs, LAG(ts) OVER (PARTITION BY id ORDER BY ts) AS previous FROM t),
e AS (
  SELECT id, x, x - COALESCE(LAG(x) OVER (PARTITION BY id ORDER BY ts, x), 0) AS step
  FROM u, UNNEST(xs) AS x)
SELECT id, SUM(step) AS steps, COUNT(*) AS n FROM e GROUP BY id ORDER BY id NULLS FIRST"""
    table = TableInfo(local="t", columns=columns, names=("t",), rows=4 * batches.ROWS_PER_BATCH)
    tr = translate(sql, Context(tables=(table,), now=NOW))
    assert RULE in tr.rules
    # a: elements 1, 2, 5 in order, steps 1, 1, 3; b: no element; NULL: 7
    assert conn.execute(tr.duckdb).fetchall() == [(None, 7, 1), ("a", 5, 3)]


def test_any_carried_column_the_windows_partition_by(conn) -> None:
    # partitions by g: x holds n 1 4 2 5 by ts (ties on day 1: a 1, b 2, NULL 5 in some
    # order, then a 4), so only the sums of whole partitions are fixed: SUM(n) per g
    sql = (
        "WITH d AS (SELECT g, n, COUNT(*) OVER (PARTITION BY g) AS size FROM t)\n"
        "SELECT g, SUM(n) AS total, MAX(size) AS size FROM d GROUP BY g ORDER BY g"
    )
    rules, rows = _run(conn, sql)
    assert RULE in rules
    assert rows == [("x", 12, 4), ("y", 16, 4), ("z", 3, 1)]
