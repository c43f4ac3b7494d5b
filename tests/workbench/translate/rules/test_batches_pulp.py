"""partition-batches on the Pulp component queries: the same rows, and the plan at scale.

Both levels below the top filter with QUALIFY over windows partitioned by ``system_id`` (a
system's last post a day, then persistent systems by a RANGE frame over UNIX_DATE), the top
counts ``COUNT(DISTINCT system_id)`` by ``DATE(timestamp)`` and the UNNEST of the components.
The rows of the batched translation are the one pass's (whose rows the Pulp query tests and
the conformance suite pin against BigQuery's semantics); at the size of bench/scale.py's
24,000 systems the plan is one recursive CTE with both windows in its step.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.workbench.translate.rules.test_batches_pace import _nodes
from tests.workbench.translate.rules.test_batches_pace import _scaled as _pace_scaled
from workbench import Workbench
from workbench.translate import Context
from workbench.translate.rules import batches

RULE = "partition-batches"
QUERIES = Path(__file__).resolve().parents[4] / "queries"
PULP = ["pulp/component_versions.sql", "pulp/component_minor_versions.sql"]
# the 24,000-system dataset of bench/scale.py: 1,090,480 posts over 84 days
SCALE_ROWS = 1_090_480


def _scaled(wb: Workbench, rows: int) -> Context:
    return _pace_scaled(wb, rows, "pulp_analytics")


@pytest.mark.parametrize("name", PULP)
def test_the_pulp_queries_give_the_same_rows_in_batches(
    wb: Workbench, name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    sql = (QUERIES / name).read_text()
    one_pass = wb.engine.rows(sql)
    assert RULE not in wb.engine.last_translation.rules  # the small data fits: one pass
    monkeypatch.setattr(batches, "ROWS_PER_BATCH", 1_000)
    batched = wb.engine.rows(sql)
    assert RULE in wb.engine.last_translation.rules
    assert "% CAST(" in wb.engine.last_translation.duckdb
    assert batched == one_pass
    assert len(one_pass[1]) > 100


@pytest.mark.parametrize(
    ("name", "rows", "n"),
    [(PULP[0], SCALE_ROWS, 4), (PULP[1], SCALE_ROWS, 4), (PULP[0], 4_507_913, 16)],
)
def test_the_pulp_queries_at_scale_run_their_windows_in_a_recursive_step(
    wb: Workbench, name: str, rows: int, n: int
) -> None:
    # both read 70 of the 84 days (~909,000 posts at 24,000 systems, 3.76M at 100,000 systems):
    # 250,000 rows a batch
    tr = wb.engine.translate((QUERIES / name).read_text(), context=_scaled(wb, rows))
    assert RULE in tr.rules
    assert f"% CAST({n} AS UBIGINT)" in tr.duckdb
    wb.engine.register_functions(tr)
    plan = wb.engine.connection.execute(f"EXPLAIN (FORMAT json) {tr.duckdb}").fetchall()
    recursive = [m for m in _nodes(json.loads(plan[0][1])) if m["name"] == "REC_CTE"]
    assert len(recursive) == 1
    anchor, step = recursive[0]["children"]
    # the anchor (types only) is folded away; both QUALIFY windows run in the step
    assert "EMPTY_RESULT" in {m["name"] for m in _nodes(anchor)}
    assert "WINDOW" not in {m["name"] for m in _nodes(anchor)}
    assert [m["name"] for m in _nodes(step)].count("WINDOW") == 2
    assert "READ_PARQUET" in {m["name"] for m in _nodes(step)}
    # the batch of a row: hash() % N in 64 bits (a HUGEINT modulo of every row read cost a
    # third of the query's CPU at 24,000 systems)
    joins = [m for m in _nodes(step) if m["name"] == "HASH_JOIN" and "hash(" in str(m)]
    assert joins and all("AS HUGEINT) %" not in str(m["extra_info"]) for m in joins)


def test_the_pulp_query_at_the_small_size_keeps_the_one_pass(wb: Workbench) -> None:
    # 250,000 rows, 70 of 84 days read: one batch
    tr = wb.engine.translate((QUERIES / PULP[0]).read_text(), context=_scaled(wb, 250_000))
    assert RULE not in tr.rules
