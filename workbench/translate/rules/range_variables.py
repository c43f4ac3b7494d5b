"""A bare name that is both a column and a FROM item's name: BigQuery reads the whole row.

In GoogleSQL a range variable (the alias of a FROM item, or a table's or WITH query's name)
comes before a column of the same name: ``SELECT runs FROM runs`` where the WITH query
``runs`` has a column ``runs`` is the row, ``STRUCT<runs INT64>``, and ``SUM(runs)`` a
signature error (query-syntax#range_variables; GoogleSQL's reference evaluator agrees).
sqlglot's qualifier reads the column, a silent difference; the construct is refused, with the
fix (qualify the column: ``runs.runs``). The element of an UNNEST is the range variable's
value itself, so those names are left alone.
"""

from __future__ import annotations

from sqlglot import exp

from workbench.translate.context import (
    Context,
    Translation,
    UnsupportedError,
    line_of,
    table_name,
)
from workbench.translate.rules._sql import nodes


def _outputs(query: exp.Expression) -> set[str] | None:
    """The column names a query gives, lower case (None when a ``*`` hides them)."""
    if not isinstance(query, exp.Query) or any(
        isinstance(e, exp.Star) or (isinstance(e, exp.Column) and e.is_star)
        for s in query.find_all(exp.Select)
        for e in s.expressions
    ):
        return None
    return {n.lower() for n in query.named_selects}


def _row_columns(select: exp.Select, ctx: Context) -> dict[str, set[str] | None]:
    """Each whole-row FROM item's name → its column names (None: not known)."""
    from_ = select.args.get("from_")
    items = [from_.this] if isinstance(from_, exp.From) else []
    items += [j.this for j in select.args.get("joins") or []]
    rows: dict[str, set[str] | None] = {}
    for item in items:
        if isinstance(item, exp.Subquery) and item.alias:
            if isinstance(item.this, exp.Select) and item.this.args.get("kind") == "VALUE":
                continue  # a value table: its range variable is the value, not a row
            rows[item.alias.lower()] = _outputs(item.this)
        elif isinstance(item, exp.Table) and not isinstance(item.this, exp.Unnest | exp.Func):
            rows[(item.alias or item.name).lower()] = _table_columns(item, ctx)
    return rows


def _table_columns(table: exp.Table, ctx: Context) -> set[str] | None:
    """A WITH query's or a source table's column names."""
    scope: exp.Expression | None = table
    while scope is not None:
        with_ = scope.args.get("with_") if isinstance(scope, exp.Query) else None
        if isinstance(with_, exp.With):
            for cte in with_.expressions:
                if cte.alias.lower() == table.name.lower():
                    if isinstance(cte.this, exp.Select) and cte.this.args.get("kind") == "VALUE":
                        return set()  # a value table: the range variable is the value
                    return _outputs(cte.this)
        scope = scope.parent
    info = ctx.lookup(table_name(table))
    return {c.lower() for c in info.columns} if info is not None else None


def _own_columns(select: exp.Select) -> list[exp.Column]:
    """The columns ``select`` itself reads (not those of a query nested in it)."""
    return [
        c
        for c in select.find_all(exp.Column)
        if c.find_ancestor(exp.Select) is select and not c.table
    ]


def _in_alias_clause(column: exp.Column, select: exp.Select) -> bool:
    """Whether ``column`` is in a clause where a SELECT-list alias comes first."""
    clauses = [select.args.get(k) for k in ("group", "having", "qualify", "order")]
    node: exp.Expression | None = column
    while node is not None and node is not select:
        if any(node is c for c in clauses if c is not None):
            return True
        node = node.parent
    return False


def range_variable_names(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """Refuse a bare name that is the name of a whole-row FROM item of its query."""
    for select in nodes(tree, exp.Select):
        rows = _row_columns(select, ctx)
        if not rows:
            continue
        aliases = {e.alias.lower() for e in select.expressions if e.alias}
        for column in _own_columns(select):
            name = column.name.lower()
            if name not in rows or (name in aliases and _in_alias_clause(column, select)):
                continue
            if not any(name in (cols or set()) for cols in rows.values()):
                continue  # no column of that name: the row itself, which the rules read
            raise UnsupportedError(
                f"the name {column.name}, both a FROM item and a column",
                "BigQuery reads the FROM item's whole row (a STRUCT) where sqlglot reads "
                f"the column; write {column.name}.{column.name} for the column",
                line_of(column),
            )
    return False
