"""An aggregation over windows, run in batches of partitions one after the other.

A DuckDB window is a blocking operator: it holds all of its input before it emits a row.
``pace/command_runs`` holds 8.1M metric points in its second window at 64,000 installs and
peaks at 1.4 GB (docs/performance.md, "Why the PACE window queries peak over 600 MB").
When every window is partitioned by one column ``c`` of the source table and the aggregates
above add up (``batch_chain`` proves both), the statement is the sum of the same statement
on the rows with ``hash(c) % N = k``, for k = 0 .. N-1. DuckDB runs the branches of a UNION
ALL at the same time, but the steps of a recursive CTE one after the other, so:

    WITH RECURSIVE _batches AS (
      SELECT -1 AS _batch, _c.* FROM (SELECT 1) AS _one
        LEFT JOIN (SELECT * FROM (<step> with k = 0) WHERE FALSE) AS _c ON TRUE  -- types only
      UNION ALL
      SELECT _todo._batch, _c.*
      FROM (SELECT DISTINCT _batch + 1 AS _batch FROM _batches WHERE _batch + 1 < N) AS _todo
      LEFT JOIN LATERAL (<step>: the statement's WITH and FROM on batch _todo._batch,
                        grouped by its keys, its aggregates as columns) AS _c ON TRUE)
    SELECT <the select list on the combined aggregates> FROM _batches WHERE _present
    GROUP BY <keys> HAVING ... ORDER BY ... LIMIT ...

The LEFT JOIN keeps a row for a batch without rows (``_present`` NULL), so the recursion goes
on to the next batch; the anchor row (from a step DuckDB's optimiser folds away) fixes the
columns' types. ``COALESCE(hash(c) % N, 0)`` puts each row in exactly one batch, a NULL
``c`` too (DuckDB hashes NULL to a constant; the COALESCE holds if that ever changes).

N comes from the table's size, without a scan: the rows the dataset's manifest counts, the
share of its days the base level's lower bound on a TIMESTAMP column keeps (when it is a
constant instant), divided by ``ROWS_PER_BATCH``. N = 1 leaves the statement as it was: data
that fits runs in one pass, as before.
"""

from __future__ import annotations

import datetime as dt
import math

import sqlglot
from sqlglot import exp

from workbench.translate.context import DP_RULE, Context, Translation
from workbench.translate.rules._sql import fn, nodes, num, unused_name
from workbench.translate.rules.batch_chain import Chain, chain_of

# Rows of the source table (after the period filter) per batch: at 64,000 PACE installs,
# command_runs (63 of 84 days, ~812,000 uploads) runs in 4 batches and command_error_share
# (35 days, ~451,000) in 2, the counts bench/pace_memory.py found under 600 MB at the
# lowest CPU (bench/scale.py measures the translation).
ROWS_PER_BATCH = 250_000
MAX_BATCHES = 64

_SKELETON = """
WITH RECURSIVE {b} AS (
  SELECT -1 AS {batch}, {c}.* FROM (SELECT 1) AS {one}
  LEFT JOIN (SELECT * FROM {anchor} AS {anchor} WHERE FALSE) AS {c} ON TRUE
  UNION ALL
  SELECT {todo}.{batch}, {c}.*
  FROM (SELECT DISTINCT {b}.{batch} + 1 AS {batch} FROM {b} AS {b} WHERE {b}.{batch} + 1 < {n})
    AS {todo}
  LEFT JOIN LATERAL (SELECT 1) AS {c} ON TRUE
)
SELECT 1 FROM {b} AS {b} WHERE {b}.{present}
"""


def partition_batches(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """Run an aggregation over windows partitioned by a source column in N batches."""
    if DP_RULE in out.rules or not isinstance(tree, exp.Select) or not tree.args.get("group"):
        return False
    if not nodes(tree, exp.Window):  # most statements: no window, nothing to split
        return False
    chain = chain_of(tree)
    if chain is None:
        return False
    n = batch_count(chain, ctx)
    if n <= 1:
        return False
    return _rewrite(chain, n)


def batch_count(chain: Chain, ctx: Context) -> int:
    """N for the source table's size: its rows in the period read, per ROWS_PER_BATCH."""
    table = ctx.lookup(chain.table)
    if table is None or not table.rows:
        return 1
    rows = table.rows * _share_read(chain.base, table.first_day, table.last_day)
    return max(1, min(MAX_BATCHES, math.ceil(rows / ROWS_PER_BATCH)))


def _share_read(base: exp.Select, first: dt.date | None, last: dt.date | None) -> float:
    """The share of the dataset's days after the base level's constant lower bound (1.0
    when there is none): ``ts >= <instant>`` as the translation writes it."""
    where = base.args.get("where")
    if where is None or first is None or last is None or last <= first:
        return 1.0
    span = (last - first).days * 86400.0
    end = dt.datetime.combine(last, dt.time(), tzinfo=dt.UTC)
    share = 1.0
    for cond in where.this.flatten() if isinstance(where.this, exp.And) else [where.this]:
        if isinstance(cond, exp.GTE | exp.GT) and isinstance(cond.this, exp.Column):
            bound = _instant(cond.expression)
            if bound is not None:
                share = min(share, max(0.0, (end - bound).total_seconds() / span))
    return share


def _instant(node: exp.Expression) -> dt.datetime | None:
    """A constant ``CAST('...' AS TIMESTAMPTZ) - INTERVAL 'n' DAY`` (the translation's range
    check around it: its ELSE branch), else None."""
    while isinstance(node, exp.Paren | exp.Case):
        node = node.this if isinstance(node, exp.Paren) else node.args.get("default")
    days = 0.0
    amount, unit = None, ""
    if isinstance(node, exp.TimestampSub):  # the tree's form of ``ts - INTERVAL 'n' DAY``
        amount, unit, node = node.expression, node.text("unit"), node.this
    elif isinstance(node, exp.Sub) and isinstance(node.expression, exp.Interval):
        amount, unit, node = node.expression.this, node.expression.text("unit"), node.this
    if amount is not None:
        scale = {"DAY": 1.0, "WEEK": 7.0, "HOUR": 1 / 24}.get(unit.upper())
        if scale is None or not isinstance(amount, exp.Literal):
            return None
        try:
            days = float(amount.name) * scale
        except ValueError:
            return None
    if not (isinstance(node, exp.Cast) and node.this.is_string):
        return None
    try:
        start = dt.datetime.fromisoformat(node.this.name)
    except ValueError:
        return None
    if start.tzinfo is None:
        return None
    return start - dt.timedelta(days=days)


def _rewrite(chain: Chain, n: int) -> bool:
    top = chain.top
    used = {i.name.lower() for i in top.find_all(exp.Identifier)}
    names = {
        k: unused_name(f"_{k}", used) for k in ("b", "batch", "c", "one", "anchor", "todo", "present")
    }
    keys = [unused_name("_k", used) for _ in chain.keys]
    parts = [unused_name("_a", used) for _ in chain.aggregates]

    # the top: the select list, HAVING and ORDER BY on the combined aggregates and keys
    b = names["b"]
    combined = {
        sql: _combined(agg, how, exp.column(name, b))
        for (sql, (agg, how)), name in zip(chain.aggregates.items(), parts, strict=True)
    }
    key_columns = {
        k.sql(dialect="duckdb"): exp.column(name, b)
        for k, name in zip(chain.keys, keys, strict=True)
    }
    key_kinds = tuple({type(k) for k in chain.keys})

    def swap(node: exp.Expression) -> exp.Expression:
        if isinstance(node, exp.AggFunc) and node.sql(dialect="duckdb") in combined:
            return combined[node.sql(dialect="duckdb")].copy()
        if isinstance(node, key_kinds) and node.sql(dialect="duckdb") in key_columns:
            return key_columns[node.sql(dialect="duckdb")].copy()
        return node

    items = [exp.alias_(e.unalias().transform(swap), e.alias_or_name) for e in top.expressions]
    having, order = (top.args.get(k) for k in ("having", "order"))
    having = having.transform(swap) if having is not None else None
    order = order.transform(swap) if order is not None else None
    from_alias = top.args["from_"].this.alias_or_name.lower()
    outputs = {e.alias_or_name.lower() for e in top.expressions}
    for part in (*items, having, order):
        for col in part.find_all(exp.Column, exp.Star) if part is not None else ():
            if isinstance(col, exp.Star):
                return False  # every column of the FROM item: not ours to move
            table = col.table.lower()
            if table == from_alias or (not table and col.name.lower() not in outputs):
                return False  # a column neither a key nor in an aggregate: not ours to move

    # the step: the batch predicate at the base, then the top's FROM grouped by its keys
    # hash() is a UBIGINT: a UBIGINT N keeps the modulo in 64 bits (a BIGINT N, as the
    # number-literals rule would type a bare literal, makes it HUGEINT: 1.1 s more CPU for
    # pulp/component_versions at 24,000 systems, a third of the query)
    modulus = exp.cast(num(n), exp.DataType.build("UBIGINT", dialect="duckdb"))
    bucket = fn("coalesce", exp.Mod(this=fn("hash", chain.column.copy()), expression=modulus))
    bucket.append("expressions", num(0))
    predicate = exp.EQ(this=bucket, expression=exp.column(names["batch"], names["todo"]))
    chain.base.where(predicate, copy=False)
    step = exp.Select(
        expressions=[
            exp.alias_(exp.true(), names["present"]),
            *(exp.alias_(k.copy(), name) for k, name in zip(chain.keys, keys, strict=True)),
            *(
                exp.alias_(agg.copy(), name)
                for (agg, _), name in zip(chain.aggregates.values(), parts, strict=True)
            ),
        ]
    )
    for key in ("with_", "from_", "where"):
        if top.args.get(key) is not None:
            step.set(key, top.args[key].copy())
    for node in step.walk():
        node.comments = None  # the header's comments stay at the top, once
    step.set("group", exp.Group(expressions=[k.copy() for k in chain.keys]))
    anchor = step.copy()
    for col in list(anchor.find_all(exp.Column)):
        if col.table == names["todo"] and col.name == names["batch"]:
            col.replace(num(0))

    new = sqlglot.parse_one(_SKELETON.format(n=n, **names), read="duckdb")
    first, second = (lambda u: (u.this, u.expression))(new.args["with_"].expressions[0].this)
    first.args["joins"][0].this.this.args["from_"].this.replace(
        exp.Subquery(this=anchor, alias=exp.TableAlias(this=exp.to_identifier(names["anchor"])))
    )
    second.args["joins"][0].this.this.replace(exp.Subquery(this=step))
    new.set("expressions", items)
    new.set("group", exp.Group(expressions=list(key_columns.values())))
    for key, value in (("having", having), ("order", order)):
        if value is not None:
            new.set(key, value)
    for key in ("limit", "offset", "distinct"):
        if top.args.get(key) is not None:
            new.set(key, top.args[key].copy())
    old_with = top.args.get("with_")
    comments = (old_with.comments or []) if old_with is not None else []
    for key in list(top.args):
        top.set(key, None)
    for key, value in list(new.args.items()):
        top.set(key, value)
    new_with = top.args["with_"]
    new_with.comments = comments + (new_with.comments or [])
    return True


def _combined(agg: exp.AggFunc, how: str, partial: exp.Column) -> exp.Expression:
    """The aggregate of the whole from its batches' partial aggregates."""
    if how == "sum":
        return exp.Sum(this=partial)  # HUGEINT partials: the total is checked as before
    if how == "count":
        return exp.Cast(this=exp.Sum(this=partial), to=exp.DataType.build("BIGINT"))
    return type(agg)(this=partial)  # MIN, MAX, LOGICAL_AND/OR of the batches'
