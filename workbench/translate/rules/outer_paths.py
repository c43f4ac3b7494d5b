"""``FROM t.arr`` in a subquery, where ``t`` names a FROM item of an enclosing query: an
implicit UNNEST of the outer row's array, as BigQuery reads it
(https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#correlated_join;
``EXISTS(SELECT * FROM t.arr)``, ``(SELECT COUNT(*) FROM t.arr)``). sqlglot's parser turns a
path into an UNNEST only beside its item in the same FROM, so ``t.arr`` was looked up as a
table ("unknown table"). A path of more parts (``s.rec.arr``) is the array field of a STRUCT
column. The element is named after the path's last part unless the path has an alias.

``UNNEST(arr)`` of a bare column, alone in a subquery's FROM, also reads an enclosing row:
where sqlglot's qualifier cannot place ``arr`` ("Cannot resolve 'arr' due to missing source
schemas") and the query around the subquery has one named FROM item, the column is written
as that item's (``UNNEST(t.arr)``) and the qualifier tried again (``bare_unnests``).
"""

from __future__ import annotations

from sqlglot import exp

from workbench.translate.context import Context, Translation
from workbench.translate.rules._sql import nodes


def _item_names(select: exp.Select) -> set[str]:
    """The names the FROM items of ``select`` go by (alias, else table name), lower case."""
    from_ = select.args.get("from_")
    items = [from_.this] if isinstance(from_, exp.From) else []
    items += [j.this for j in select.args.get("joins") or []]
    names: set[str] = set()
    for item in items:
        alias = item.args.get("alias")
        if isinstance(alias, exp.TableAlias):
            if alias.name:
                names.add(alias.name.lower())
            elif isinstance(item, exp.Unnest) and alias.columns:
                names.add(alias.columns[0].name.lower())
        elif isinstance(item, exp.Table) and item.name:
            names.add(item.name.lower())
    return names


def _outer_names(table: exp.Table) -> set[str]:
    """The FROM item names of every query enclosing the one ``table`` is read in."""
    names: set[str] = set()
    own = table.find_ancestor(exp.Select)
    node = own.parent if own is not None else None
    while node is not None:
        if isinstance(node, exp.Select):
            names |= _item_names(node)
        node = node.parent
    return names


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


def outer_alias_paths(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """``FROM t.arr`` of an enclosing query's ``t``: ``UNNEST(t.arr) AS arr`` (see the module)."""

    changed = False
    for table in nodes(tree, exp.Table):
        if not isinstance(table.parent, exp.From | exp.Join) or not table.args.get("db"):
            continue
        if isinstance(table.this, exp.Unnest | exp.Func):
            continue
        parts = [p.name for p in table.parts]
        if len(parts) < 2 or parts[0].lower() not in _outer_names(table):
            continue
        path: exp.Expression = exp.column(parts[1], table=parts[0])
        for part in parts[2:]:
            path = exp.Dot(this=path, expression=exp.to_identifier(part))
        unnest = exp.Unnest(expressions=[path])
        name = table.alias or parts[-1]
        unnest.set("alias", exp.TableAlias(columns=[exp.to_identifier(name)]))
        table.replace(unnest)
        changed = True
    return changed
