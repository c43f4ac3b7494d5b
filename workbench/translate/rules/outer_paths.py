"""``FROM t.arr`` in a subquery, where ``t`` names a FROM item of an enclosing query: an
implicit UNNEST of the outer row's array, as BigQuery reads it
(https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#correlated_join;
``EXISTS(SELECT * FROM t.arr)``, ``(SELECT COUNT(*) FROM t.arr)``). sqlglot's parser turns a
path into an UNNEST only beside its item in the same FROM, so ``t.arr`` was looked up as a
table ("unknown table"). A path of more parts (``s.rec.arr``) is the array field of a STRUCT
column. The element is named after the path's last part unless the path has an alias.
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
