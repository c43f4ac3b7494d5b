"""``UNNEST(arr)`` of a bare column, alone in a subquery's FROM, reads an enclosing row
(https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#correlated_join).
Where sqlglot's qualifier cannot place ``arr`` and the query around the subquery has one named
FROM item, the column is written as that item's (``UNNEST(t.arr)``) and the qualifier tried
again (``bare_unnests``, called by ``names.qualify_bigquery``). ``FROM t.arr`` of an enclosing
query's ``t`` is the ``correlated-array-paths`` rule's (rules/correlated_paths.py).
"""

from __future__ import annotations

from sqlglot import exp

from workbench.translate.rules._sql import nodes


def _only_item_name(select: exp.Select) -> str | None:
    """The name of the one FROM item of ``select``, if it has exactly one and it is named."""
    from_ = select.args.get("from_")
    if not isinstance(from_, exp.From) or select.args.get("joins"):
        return None
    item = from_.this
    if isinstance(item, exp.Table) and not isinstance(item.this, exp.Unnest | exp.Func):
        return item.alias or item.name or None
    if isinstance(item, exp.Subquery):
        return item.alias or None
    return None


def bare_unnests(tree: exp.Expression, apply: bool = True) -> bool:
    """Qualify the bare column of each unaliased ``UNNEST(arr)`` alone in a subquery's FROM
    with the one named FROM item of the query around it; whether any changed. Called by the
    qualifier (``names.qualify_bigquery``) only when it cannot place such a column."""
    changed = False
    for unnest in nodes(tree, exp.Unnest):
        if unnest.args.get("alias") is not None or not isinstance(unnest.parent, exp.From):
            continue
        select = unnest.parent.parent
        if not isinstance(select, exp.Select) or select.args.get("joins"):
            continue
        arg = unnest.expressions[0] if len(unnest.expressions) == 1 else None
        if not isinstance(arg, exp.Column) or arg.table:
            continue
        outer = select.parent
        while outer is not None and not isinstance(outer, exp.Select):
            if isinstance(outer, exp.CTE | exp.From | exp.Join):
                outer = None  # a WITH query or a FROM item: no enclosing row to read
                break
            outer = outer.parent
        name = _only_item_name(outer) if isinstance(outer, exp.Select) else None
        if name is None:
            continue
        if not apply:
            return True  # (only asked whether there is one)
        arg.set("table", exp.to_identifier(name))
        changed = True
    return changed
