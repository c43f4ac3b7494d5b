"""partition-batches over levels that filter with QUALIFY: the same rows, on crafted tables.

QUALIFY keeps the rows of its SELECT for which its condition, evaluated after the window
functions, is TRUE
(https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#qualify_clause).
A window's PARTITION BY splits the rows into partitions the function sees separately, NULL
keys in one partition; a RANGE frame holds the rows of the partition whose ORDER BY value is
within the offsets of the current row's, its peers included
(https://cloud.google.com/bigquery/docs/reference/standard-sql/window-function-calls#def_window_frame);
ROW_NUMBER numbers the rows of each partition from 1 in the window's order
(https://cloud.google.com/bigquery/docs/reference/standard-sql/numbering_functions#row_number);
UNIX_DATE is the days since 1970-01-01
(https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#unix_date).
When every window is partitioned by the batching column, a QUALIFY keeps in a batch exactly
the rows it keeps in one pass, so the pulp component queries' shape runs in batches.
"""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest

from tests.workbench.translate.rules.test_batches import NOW, ROWS, RULE, _one_pass, _run, _table
from workbench.translate import Context, TableInfo, translate
from workbench.translate.rules import batches


@pytest.fixture()
def conn():
    c = duckdb.connect()
    _table(c, ROWS)
    yield c
    c.close()


# the last row of each (id, g) by ts, as pulp's ``posts`` keeps a system's last post a day
LAST_PER_GROUP = """WITH last AS (
  SELECT id, g, n FROM t WHERE TRUE
  QUALIFY ROW_NUMBER() OVER (PARTITION BY id, g ORDER BY ts DESC) = 1)
SELECT g, COUNT(DISTINCT id) AS ids, SUM(n) AS total, COUNT(*) AS n_rows
FROM last GROUP BY g ORDER BY g"""


def test_row_number_in_qualify_keeps_the_same_rows_in_batches(conn, monkeypatch) -> None:
    # the last of each (id, g): a x 4, a y 6, b x 2, b y 1, NULL x 5, NULL y 7, c z 3
    # x: a, b, NULL (2 ids: NULL is not counted), 4 + 2 + 5; y: 6 + 1 + 7; z: 3
    expected = [("x", 2, 11, 3), ("y", 2, 14, 3), ("z", 1, 3, 1)]
    rules, rows = _run(conn, LAST_PER_GROUP)
    assert RULE in rules
    assert rows == expected
    assert _one_pass(conn, LAST_PER_GROUP, monkeypatch) == expected


# pulp's component queries in small: a system's last post a day, persistent when it posted
# on at least 2 days of the 3 ending that day (a RANGE frame over UNIX_DATE), then the
# elements of its list counted by day
PERSISTENT = """WITH posts AS (
  SELECT id, DATE(ts) AS day, xs FROM t
  WHERE ts >= TIMESTAMP '2026-10-01 00:00:00+00'
  QUALIFY ROW_NUMBER() OVER (PARTITION BY id, DATE(ts) ORDER BY ts DESC) = 1),
persistent AS (
  SELECT id, day, xs FROM posts WHERE TRUE
  QUALIFY COUNT(*) OVER (
    PARTITION BY id ORDER BY UNIX_DATE(day) RANGE BETWEEN 2 PRECEDING AND CURRENT ROW) >= 2)
SELECT day, x, COUNT(DISTINCT id) AS ids, COUNT(*) AS n
FROM persistent, UNNEST(xs) AS x
WHERE day >= DATE '2026-11-01'
GROUP BY day, x ORDER BY day, x"""
# id: (day of November, hour, list); p posts twice on day 1, q twice on day 4
POSTS = {
    "p": [(1, 10, ["a"]), (1, 12, ["a", "b"]), (3, 8, ["a"]), (4, 8, ["b"]), (8, 8, ["a"])],
    "q": [(3, 8, ["a"]), (4, 9, ["z"]), (4, 18, ["a"])],
    None: [(1, 8, ["a"]), (2, 8, ["a"])],
    "r": [(4, 8, ["b"])],
    "s": [(2, 8, []), (3, 8, ["c"])],
}
DAY = dt.date(2026, 11, 1)


@pytest.fixture()
def posts():
    c = duckdb.connect()
    c.execute("CREATE TABLE t (id VARCHAR, ts TIMESTAMPTZ, xs VARCHAR[])")
    for id_, items in POSTS.items():
        for day, hour, xs in items:
            c.execute(
                "INSERT INTO t VALUES (?, TIMESTAMPTZ '2026-10-31 00:00:00+00' "
                "+ ?::INTEGER * INTERVAL 1 DAY + ?::INTEGER * INTERVAL 1 HOUR, ?)",
                [id_, day, hour, xs],
            )
    yield c
    c.close()


def _posts_context(batches_wanted: int) -> Context:
    columns = {"id": "STRING", "ts": "TIMESTAMP", "xs": "ARRAY<STRING>"}
    rows = batches_wanted * batches.ROWS_PER_BATCH
    return Context(tables=(TableInfo("t", columns, ("t",), rows=rows),), now=NOW)


# last post a day: p d1 [a, b], d3 [a], d4 [b], d8 [a]; q d3 [a], d4 [a] (not [z], earlier);
# NULL d1 [a], d2 [a]; r d4 [b]; s d2 [], d3 [c]. Days posted in the 3 ending each day:
# p d1 1, d3 2, d4 2 (d3, d4; d1 is 3 days before), d8 1; q d3 1, d4 2; NULL d1 1, d2 2;
# r d4 1; s d2 1, d3 2. Kept: p d3 [a], p d4 [b], q d4 [a], NULL d2 [a], s d3 [c].
PERSISTENT_ROWS = [
    (DAY + dt.timedelta(days=1), "a", 0, 1),  # the NULL id: a row, no id counted
    (DAY + dt.timedelta(days=2), "a", 1, 1),
    (DAY + dt.timedelta(days=2), "c", 1, 1),
    (DAY + dt.timedelta(days=3), "a", 1, 1),
    (DAY + dt.timedelta(days=3), "b", 1, 1),
]


@pytest.mark.parametrize("n", [2, 3, 8])
def test_two_qualify_levels_and_a_range_frame_in_batches(posts, n: int) -> None:
    tr = translate(PERSISTENT, _posts_context(n))
    assert RULE in tr.rules
    assert f"% CAST({n} AS UBIGINT)" in tr.duckdb
    assert posts.execute(tr.duckdb).fetchall() == PERSISTENT_ROWS


def test_two_qualify_levels_in_one_pass_give_the_same_rows(posts) -> None:
    tr = translate(PERSISTENT, _posts_context(1))
    assert RULE not in tr.rules
    assert posts.execute(tr.duckdb).fetchall() == PERSISTENT_ROWS


@pytest.mark.parametrize("n", [2, 3, 8])
def test_the_rows_come_from_more_than_one_batch(posts, n: int) -> None:
    # the ids that keep rows (p, q, s, NULL) land in more than one batch: the rows above
    # are combined from several batches, not one batch holding every id
    buckets = posts.execute(
        f"SELECT DISTINCT COALESCE(hash(id) % {n}, 0) FROM t "
        "WHERE id IN ('p', 'q', 's') OR id IS NULL"
    ).fetchall()
    assert len(buckets) >= 2


def test_order_by_the_totals_and_limit_after_qualify_levels(conn) -> None:
    # totals from the test above: y 14, x 11, z 3; the distinct ids break no tie here
    sql = LAST_PER_GROUP.replace("ORDER BY g", "ORDER BY total DESC, ids LIMIT 2")
    rules, rows = _run(conn, sql)
    assert RULE in rules
    assert rows == [("y", 2, 14, 3), ("x", 2, 11, 3)]
