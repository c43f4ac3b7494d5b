"""partition-batches keeps the one pass when a condition of ``batch_chain`` fails.

One statement per condition, each over the crafted table of ``test_batches`` with enough
rows for 8 batches, each failing that one condition (the statements that meet them all run
in batches there). Why each condition matters is in ``workbench/translate/rules/batch_chain.py``.
"""

from __future__ import annotations

import pytest

from tests.workbench.translate.rules.test_batches import (
    COLUMNS,
    DELTAS,
    EVERY_AGGREGATE,
    NOW,
    RULE,
    _context,
)
from workbench.translate import Context, TableInfo, translate
from workbench.translate.rules import batches

NOT_BATCHED = {
    "no GROUP BY": DELTAS + "SELECT SUM(delta) AS total FROM d",
    "ROLLUP": DELTAS + "SELECT g, SUM(delta) AS total FROM d GROUP BY ROLLUP(g)",
    "a window at the top": DELTAS
    + "SELECT g, SUM(delta) AS total, RANK() OVER (ORDER BY SUM(delta)) AS r FROM d GROUP BY g",
    "no window": "WITH d AS (SELECT id, g, n FROM t) SELECT g, SUM(n) AS s FROM d GROUP BY g",
    "a window not partitioned by a carried column": (
        "WITH d AS (SELECT id, g, n - LAG(n) OVER (PARTITION BY SUBSTR(id, 1, 1) ORDER BY ts)"
        " AS delta FROM t) SELECT g, SUM(delta) AS s FROM d GROUP BY g"
    ),
    "a window without PARTITION BY": (
        "WITH d AS (SELECT id, g, n - LAG(n) OVER (ORDER BY ts) AS delta FROM t)"
        " SELECT g, SUM(delta) AS s FROM d GROUP BY g"
    ),
    "a second window partitioned otherwise": (
        DELTAS[:-2]
        + "),\ne AS (SELECT g, delta, LAG(delta) OVER (PARTITION BY g ORDER BY ts) AS p FROM d)\n"
        + "SELECT g, SUM(delta) AS s FROM e GROUP BY g"
    ),
    "the column changed on the way": (
        "WITH d AS (SELECT LOWER(id) AS id, g, ts, n FROM t), "
        "e AS (SELECT id, g, n - LAG(n) OVER (PARTITION BY id ORDER BY ts) AS delta FROM d) "
        "SELECT g, SUM(delta) AS s FROM e GROUP BY g"
    ),
    "a join of two levels": DELTAS
    + "SELECT d.g, SUM(d.delta) AS s FROM d JOIN d AS e ON d.id = e.id GROUP BY d.g",
    "a join below the top": (
        "WITH d AS (SELECT t.id, t.g, t.n - LAG(t.n) OVER (PARTITION BY t.id ORDER BY t.ts) "
        "AS delta FROM t JOIN t AS u ON t.id = u.id) SELECT g, SUM(delta) AS s FROM d GROUP BY g"
    ),
    "an aggregation below the top": (
        "WITH d AS (SELECT id, g, SUM(n) AS n FROM t GROUP BY id, g), "
        "e AS (SELECT id, g, n - LAG(n) OVER (PARTITION BY id ORDER BY g) AS delta FROM d) "
        "SELECT g, SUM(delta) AS s FROM e GROUP BY g"
    ),
    "DISTINCT below the top": DELTAS.replace("SELECT id,", "SELECT DISTINCT id,")
    + "SELECT g, SUM(delta) AS s FROM d GROUP BY g",
    "LIMIT below the top": DELTAS.replace("FROM t)", "FROM t LIMIT 5)")
    + "SELECT g, SUM(delta) AS s FROM d GROUP BY g",
    "a subquery in WHERE": DELTAS
    + "SELECT g, SUM(delta) AS s FROM d WHERE n > (SELECT MIN(n) FROM t) GROUP BY g",
    "a UNION below the top": (
        "WITH d AS (SELECT id, ts, n FROM t UNION ALL SELECT id, ts, n FROM t), "
        "e AS (SELECT id, n - LAG(n) OVER (PARTITION BY id ORDER BY ts) AS delta FROM d) "
        "SELECT 'k' AS k, SUM(delta) AS s FROM e GROUP BY k"
    ),
    "a FLOAT64 group key": (
        "WITH d AS (SELECT id, f, LAG(f) OVER (PARTITION BY id ORDER BY ts) AS p FROM t) "
        "SELECT f, COUNT(*) AS c FROM d GROUP BY f"
    ),
    "a FLOAT64 partition column": (
        "WITH d AS (SELECT f, n, LAG(n) OVER (PARTITION BY f ORDER BY ts) AS p FROM t) "
        "SELECT 'k' AS k, SUM(n) AS s FROM d GROUP BY k"
    ),
    "AVG": DELTAS + "SELECT g, AVG(delta) AS m FROM d GROUP BY g",
    "SUM of FLOAT64": (
        "WITH d AS (SELECT id, g, f, LAG(f) OVER (PARTITION BY id ORDER BY ts) AS p FROM t) "
        "SELECT g, SUM(f) AS s FROM d GROUP BY g"
    ),
    "MIN of FLOAT64": DELTAS + "SELECT g, MIN(delta * 0.5) AS m FROM d GROUP BY g",
    "COUNT(DISTINCT) of another column": DELTAS
    + "SELECT g, COUNT(DISTINCT n) AS c FROM d GROUP BY g",
    "SUM(DISTINCT)": DELTAS + "SELECT g, SUM(DISTINCT delta) AS s FROM d GROUP BY g",
    "STRING_AGG": DELTAS + "SELECT g, STRING_AGG(id) AS ids FROM d GROUP BY g",
    "ARRAY_AGG": DELTAS + "SELECT g, ARRAY_AGG(n ORDER BY n) AS ns FROM d GROUP BY g",
    "RAND()": DELTAS + "SELECT g, SUM(delta) AS s FROM d WHERE RAND() < 2 GROUP BY g",
    # QUALIFY below the top: only over windows that have the batching column as a key
    "a QUALIFY window not partitioned by the column": (
        "WITH d AS (SELECT id, g, ts, n FROM t WHERE TRUE "
        "QUALIFY ROW_NUMBER() OVER (PARTITION BY g ORDER BY ts) <= 2), "
        "e AS (SELECT id, g, n - LAG(n) OVER (PARTITION BY id ORDER BY ts) AS delta FROM d) "
        "SELECT g, SUM(delta) AS s FROM e GROUP BY g"
    ),
    "a QUALIFY window without PARTITION BY": DELTAS.replace(
        "FROM t)", "FROM t WHERE TRUE QUALIFY ROW_NUMBER() OVER (ORDER BY ts) <= 5)"
    )
    + "SELECT g, SUM(delta) AS s FROM d GROUP BY g",
    "a QUALIFY window partitioned by an expression of the column": DELTAS.replace(
        "FROM t)",
        "FROM t WHERE TRUE QUALIFY ROW_NUMBER() OVER (PARTITION BY SUBSTR(id, 1, 1) ORDER BY ts)"
        " = 1)",
    )
    + "SELECT g, SUM(delta) AS s FROM d GROUP BY g",
    "a QUALIFY with a subquery": DELTAS.replace(
        "FROM t)",
        "FROM t WHERE TRUE QUALIFY ROW_NUMBER() OVER (PARTITION BY id ORDER BY ts) = 1 "
        "AND n > (SELECT MIN(n) FROM t))",
    )
    + "SELECT g, SUM(delta) AS s FROM d GROUP BY g",
    "a QUALIFY with RAND()": DELTAS.replace(
        "FROM t)",
        "FROM t WHERE TRUE QUALIFY ROW_NUMBER() OVER (PARTITION BY id ORDER BY ts) = 1 "
        "AND RAND() < 2)",
    )
    + "SELECT g, SUM(delta) AS s FROM d GROUP BY g",
    "a QUALIFY at the top": DELTAS
    + "SELECT g, SUM(delta) AS s FROM d GROUP BY g "
    + "QUALIFY ROW_NUMBER() OVER (PARTITION BY g ORDER BY SUM(delta)) = 1",
    "a QUALIFY over a named window": (
        # a named window is not looked into (its PARTITION BY is the column, yet no batches)
        "WITH d AS (SELECT id, g, ts, n FROM t WHERE TRUE QUALIFY ROW_NUMBER() OVER w = 1 "
        "WINDOW w AS (PARTITION BY id ORDER BY ts)), "
        "e AS (SELECT id, g, n - LAG(n) OVER (PARTITION BY id ORDER BY n) AS delta FROM d) "
        "SELECT g, SUM(delta) AS s FROM e GROUP BY g"
    ),
}
# the statements above with the one thing changed that makes them batch (each shows the
# statement above fails on that one condition, not on another)
BATCHED = {
    "a QUALIFY window not partitioned by the column": (
        "WITH d AS (SELECT id, g, ts, n FROM t WHERE TRUE "
        "QUALIFY ROW_NUMBER() OVER (PARTITION BY g, id ORDER BY ts) <= 2), "
        "e AS (SELECT id, g, n - LAG(n) OVER (PARTITION BY id ORDER BY ts) AS delta FROM d) "
        "SELECT g, SUM(delta) AS s FROM e GROUP BY g"
    ),
    "a QUALIFY window without PARTITION BY": DELTAS.replace(
        "FROM t)",
        "FROM t WHERE TRUE QUALIFY ROW_NUMBER() OVER (PARTITION BY id ORDER BY ts) <= 5)",
    )
    + "SELECT g, SUM(delta) AS s FROM d GROUP BY g",
    "a QUALIFY with a subquery": DELTAS.replace(
        "FROM t)",
        "FROM t WHERE TRUE QUALIFY ROW_NUMBER() OVER (PARTITION BY id ORDER BY ts) = 1 AND n > 0)",
    )
    + "SELECT g, SUM(delta) AS s FROM d GROUP BY g",
}


@pytest.mark.parametrize("sql", NOT_BATCHED.values(), ids=NOT_BATCHED.keys())
def test_the_rule_does_not_fire(sql: str) -> None:
    tr = translate(sql, _context(8))
    assert RULE not in tr.rules


@pytest.mark.parametrize("sql", BATCHED.values(), ids=BATCHED.keys())
def test_the_same_statement_meeting_the_condition_batches(sql: str) -> None:
    tr = translate(sql, _context(8))
    assert RULE in tr.rules


def test_a_small_table_keeps_the_one_pass() -> None:
    table = TableInfo(local="t", columns=COLUMNS, names=("t",), rows=batches.ROWS_PER_BATCH)
    tr = translate(EVERY_AGGREGATE, Context(tables=(table,), now=NOW))
    assert RULE not in tr.rules
    assert "RECURSIVE" not in tr.duckdb


def test_a_table_of_unknown_size_keeps_the_one_pass() -> None:
    tr = translate(EVERY_AGGREGATE, Context(tables=(TableInfo("t", COLUMNS, ("t",)),), now=NOW))
    assert RULE not in tr.rules
