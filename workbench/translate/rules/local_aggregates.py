"""Aggregates of outer columns only, in a subquery: aggregated by the subquery, as in BigQuery.

In BigQuery an aggregate belongs to the query whose SELECT it is written in, whatever columns
it reads: ``(SELECT SUM(o.x) FROM UNNEST([1, 2]))`` sums ``o.x`` twice for each outer row
(aggregate-function-calls). DuckDB follows the SQL standard instead: an aggregate whose every
column is an outer one is evaluated by that outer query, which then became an aggregate query
(one row for the whole table: a silent difference, or a raw "must appear in the GROUP BY
clause" error; query oracle). The outer columns are read through a one-row derived table
joined to the subquery's FROM, so that the aggregate's columns are the subquery's own.
"""

from __future__ import annotations

from sqlglot import exp
from sqlglot.optimizer.scope import Scope, traverse_scope

from workbench.translate.context import Context, Translation
from workbench.translate.rules._sql import unused_name


def _own(node: exp.Expression, select: exp.Select) -> bool:
    """``node`` is read by ``select`` itself, not by a subquery nested in it."""
    return node.find_ancestor(exp.Select) is select


def _outer_only(agg: exp.Expression, scope: Scope) -> list[exp.Column] | None:
    """The columns of ``agg`` when every one of them is an outer query's; else None."""
    if any(_own(q, scope.expression) for q in agg.find_all(exp.Subquery)):
        return None  # a nested query inside the aggregate: left as it was
    columns = [c for c in agg.find_all(exp.Column) if _own(c, scope.expression)]
    if not columns or any(not c.table or c.table in scope.sources for c in columns):
        return None
    return columns


def _aggregates(select: exp.Select) -> list[exp.Expression]:
    """The aggregate calls ``select`` computes (not windows, not a nested query's)."""
    found = []
    for agg in select.find_all(exp.AggFunc):
        if not _own(agg, select) or isinstance(agg.parent, exp.Window):
            continue
        if agg.find_ancestor(exp.AggFunc) is not None:
            continue  # the outermost aggregate call holds the columns
        found.append(agg)
    return found


def outer_column_aggregates(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """``agg(outer columns)`` in a subquery reads them from ``CROSS JOIN (SELECT o.x AS c0)``."""
    changed = False
    for scope in traverse_scope(tree):
        select = scope.expression
        if not isinstance(select, exp.Select) or scope.parent is None:
            continue
        if not select.args.get("from_"):
            continue  # BigQuery rejects an aggregate without FROM (the analyzer's gate)
        targets = [(agg, cols) for agg in _aggregates(select) if (cols := _outer_only(agg, scope))]
        if not targets:
            continue
        alias = unused_name("_wb_outer", set(scope.sources))
        names: dict[str, str] = {}
        items: list[exp.Expression] = []
        for _, columns in targets:
            for col in columns:
                key = col.sql()
                if key not in names:
                    names[key] = f"c{len(names)}"
                    items.append(exp.alias_(col.copy(), names[key]))
                local = exp.column(names[key], table=alias)
                local.type = col.type
                col.replace(local)
        derived = exp.Subquery(
            this=exp.Select(expressions=items), alias=exp.TableAlias(this=exp.to_identifier(alias))
        )
        select.append("joins", exp.Join(this=derived, kind="CROSS"))
        changed = True
    return changed
