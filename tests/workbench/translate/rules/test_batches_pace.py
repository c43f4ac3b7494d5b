"""partition-batches on the PACE window queries: the same rows, and the plan at scale.

The rows of the batched translation are the one pass's (whose rows the PACE query tests and
the conformance suite pin against BigQuery's semantics); at the size of bench/scale.py's
64,000 installs the plan is one recursive CTE with both windows in its step.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest

from workbench import Workbench
from workbench.translate import Context
from workbench.translate.rules import batches

RULE = "partition-batches"
QUERIES = Path(__file__).resolve().parents[4] / "queries"
PACE = ["pace/command_runs.sql", "pace/command_error_share.sql"]
# the 64,000-install dataset of bench/scale.py: 1,082,656 uploads over 84 days
SCALE_ROWS = 1_082_656


def _scaled(wb: Workbench, rows: int, local: str = "pace_telemetry") -> Context:
    """The engine's context with table ``local`` as large as ``rows`` over bench/scale.py's
    84 days (what partition-batches reads to choose its number of batches)."""
    ctx = wb.engine.context()
    tables = []
    for table in ctx.tables:
        if table.local == local:
            last = dt.date(2026, 11, 15)
            table = dataclasses.replace(
                table, rows=rows, first_day=last - dt.timedelta(days=84), last_day=last
            )
        tables.append(table)
    return dataclasses.replace(ctx, tables=tuple(tables))


@pytest.mark.parametrize("name", PACE)
def test_the_pace_queries_give_the_same_rows_in_batches(
    wb: Workbench, name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    sql = (QUERIES / name).read_text()
    one_pass = wb.engine.rows(sql)
    assert RULE not in wb.engine.last_translation.rules  # the small data fits: one pass
    monkeypatch.setattr(batches, "ROWS_PER_BATCH", 50)
    batched = wb.engine.rows(sql)
    assert RULE in wb.engine.last_translation.rules
    assert "% CAST(" in wb.engine.last_translation.duckdb
    assert batched == one_pass
    assert len(one_pass[1]) > 0


def _nodes(plan: list | dict) -> list[dict]:
    found = []
    for node in plan if isinstance(plan, list) else [plan]:
        found.append(node)
        found.extend(_nodes(node.get("children", [])))
    return found


@pytest.mark.parametrize(
    ("name", "rows", "n"),
    [(PACE[0], SCALE_ROWS, 4), (PACE[1], SCALE_ROWS, 2), (PACE[0], 1_689_682, 6)],
)
def test_the_pace_queries_at_scale_run_their_windows_in_a_recursive_step(
    wb: Workbench, name: str, rows: int, n: int
) -> None:
    # command_runs reads 63 of the 84 days (~812,000 uploads at 64,000 installs; 1,267,000
    # at 100,000), command_error_share 35 days (~451,000): 250,000 rows a batch
    tr = wb.engine.translate((QUERIES / name).read_text(), context=_scaled(wb, rows))
    assert RULE in tr.rules
    assert f"% CAST({n} AS UBIGINT)" in tr.duckdb
    wb.engine.register_functions(tr)
    plan = wb.engine.connection.execute(f"EXPLAIN (FORMAT json) {tr.duckdb}").fetchall()
    recursive = [n for n in _nodes(json.loads(plan[0][1])) if n["name"] == "REC_CTE"]
    assert len(recursive) == 1
    anchor, step = recursive[0]["children"]
    # the anchor (types only) is folded away; both windows run in the step, batch by batch
    assert "EMPTY_RESULT" in {m["name"] for m in _nodes(anchor)}
    assert "WINDOW" not in {m["name"] for m in _nodes(anchor)}
    assert [m["name"] for m in _nodes(step)].count("WINDOW") == 2
    assert "READ_PARQUET" in {m["name"] for m in _nodes(step)}


def test_the_pace_query_at_the_small_size_keeps_the_one_pass(wb: Workbench) -> None:
    tr = wb.engine.translate((QUERIES / PACE[0]).read_text(), context=_scaled(wb, 100_000))
    assert RULE not in tr.rules
