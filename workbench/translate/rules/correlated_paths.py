"""``ARRAY(SELECT v FROM t.arr v)``: a FROM path from an outer query's range variable is a
correlated implicit UNNEST (query-syntax#correlated_join, #unnest_operator).

sqlglot's parser turns ``t.arr`` into an UNNEST only when ``t`` is a FROM item of the same
SELECT; in a subquery whose ``t`` is the outer query's, ``t.arr`` was looked up as a table
(offline: "unknown table 't.arr'"). BigQuery resolves the path's first name as the range
variable in scope before any table name.
"""

from __future__ import annotations

from sqlglot import exp

from workbench.translate.context import Context, Translation, UnsupportedError, line_of
from workbench.translate.rules._sql import nodes


def _range_variables(select: exp.Select) -> set[str]:
    """The names a SELECT's FROM clause gives its items (lowercase)."""
    names: set[str] = set()
    from_ = select.args.get("from_")
    items = [from_.this] if isinstance(from_, exp.From) else []
    for item in items + [j.this for j in select.args.get("joins") or []]:
        alias = item.args.get("alias")
        if isinstance(item, exp.Unnest):
            if isinstance(alias, exp.TableAlias) and alias.columns and not alias.name:
                names.add(alias.columns[0].name.lower())
            elif alias is not None and alias.name:
                names.add(alias.name.lower())
        elif item.alias_or_name:
            names.add(item.alias_or_name.lower())
    return names


def _outer_names(select: exp.Select) -> set[str]:
    names: set[str] = set()
    node = select.parent
    while node is not None:
        if isinstance(node, exp.Select):
            names |= _range_variables(node)
        node = node.parent
    return names


def correlated_array_paths(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """``FROM t.arr AS v`` (or ``t.field.arr``) in a subquery of the query that names ``t``:
    ``UNNEST(t.arr) AS v``."""
    changed = False
    for select in nodes(tree, exp.Select):
        from_ = select.args.get("from_")
        items = [from_.this] if isinstance(from_, exp.From) else []
        items += [j.this for j in select.args.get("joins") or [] if not j.args.get("on")]
        candidates = [
            t
            for t in items
            if isinstance(t, exp.Table)
            and isinstance(t.args.get("db"), exp.Identifier)
            and not isinstance(t.this, exp.Func)
            and (t.args.get("catalog") is None or isinstance(t.args["catalog"], exp.Identifier))
        ]
        if not candidates:
            continue
        outer = _outer_names(select) - _range_variables(select)
        for table in candidates:
            catalog = table.args.get("catalog")
            ref = (catalog or table.args["db"]).name
            if ref.lower() not in outer:
                continue
            path: exp.Expression = exp.column(table.name, table=ref)
            if catalog is not None:  # t.field.arr: a path through a STRUCT column
                path = exp.Dot(
                    this=exp.column(table.args["db"].name, table=ref),
                    expression=exp.to_identifier(table.name),
                )
            unnest = exp.Unnest(expressions=[path])
            alias = table.alias or table.name
            unnest.set("alias", exp.TableAlias(columns=[exp.to_identifier(alias)]))
            table.replace(unnest)
            changed = True
    return changed


def multi_array_unnest(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """``UNNEST(a, b)`` in FROM (BigQuery zips the arrays, padding the shorter with NULLs):
    DuckDB's UNNEST of two lists in FROM failed with a raw binder error; refused."""
    for unnest in nodes(tree, exp.Unnest):
        if len(unnest.expressions) > 1 and isinstance(unnest.parent, exp.From | exp.Join):
            raise UnsupportedError(
                "UNNEST of several arrays",
                "the zipped rows are not translated; UNNEST each array WITH OFFSET and join "
                "on the offsets",
                line_of(unnest),
            )
    return False
