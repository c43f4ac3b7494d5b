"""GROUPING SETS, ROLLUP and CUBE: ordinals inside them, and keys computed from other keys;
GROUP BY a range variable (the whole row).

- BigQuery reads an integer literal anywhere in a grouping list as a SELECT-list ordinal,
  also inside a grouping set's parentheses and inside ROLLUP/CUBE in GROUPING SETS
  (``GROUPING SETS(x, (2, c))`` groups by the second item and ``c``). DuckDB reads an
  ordinal only as a whole key, so ``(2, c)`` grouped by the constant 2; each such literal
  becomes the item's expression.
- When a column and an expression of it are both keys (``GROUPING SETS(a, a + 1)``), the
  SELECT item ``a + 1`` is computed from the grouped ``a`` (NULL in the sets without ``a``),
  as GoogleSQL's reference evaluator gives; DuckDB reads it as the key ``a + 1``. That mix
  is refused.
"""

from __future__ import annotations

from sqlglot import exp
from sqlglot.optimizer.scope import Scope, traverse_scope

from workbench.translate.context import Context, Translation, UnsupportedError, line_of
from workbench.translate.rules._sql import nodes

_MULTI = (exp.GroupingSets, exp.Rollup, exp.Cube)


def _multi_keys(group: exp.Group) -> list[exp.Expression]:
    """The GROUPING SETS / ROLLUP / CUBE nodes of a GROUP BY (those sqlglot keeps apart)."""
    found: list[exp.Expression] = []
    for arg in ("grouping_sets", "rollup", "cube", "expressions"):
        value = group.args.get(arg)
        for item in value if isinstance(value, list) else [value] if value is not None else []:
            if isinstance(item, _MULTI):
                found.append(item)
    return found


def _item(select: exp.Select, ordinal: int) -> exp.Expression | None:
    items = select.expressions
    if not 1 <= ordinal <= len(items):
        return None
    item = items[ordinal - 1]
    inner = item.this if isinstance(item, exp.Alias) else item
    if inner.find(exp.AggFunc, exp.Window) is not None or isinstance(inner, exp.Star):
        return None
    return inner


def grouping_ordinals(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """An integer literal inside GROUPING SETS/ROLLUP/CUBE (at any depth) → the SELECT item."""
    changed = False
    for group in nodes(tree, exp.Group):
        select = group.parent
        if not isinstance(select, exp.Select):
            continue
        for multi in _multi_keys(group):
            for literal in list(multi.find_all(exp.Literal)):
                if literal.is_string or not literal.is_int:
                    continue
                parent = literal.parent
                if not isinstance(parent, (*_MULTI, exp.Tuple, exp.Paren)):
                    continue  # a literal inside an expression key (a + 1): not an ordinal
                item = _item(select, int(literal.this))
                if item is None:
                    continue
                literal.replace(item.copy())
                changed = True
    return changed


def _keys(multi: exp.Expression) -> list[exp.Expression]:
    """The key expressions of a GROUPING SETS/ROLLUP/CUBE node, tuples opened."""
    keys: list[exp.Expression] = []
    for e in multi.expressions:
        if isinstance(e, _MULTI):
            keys += _keys(e)
        elif isinstance(e, (exp.Tuple, exp.Paren)):
            inner = e.expressions if isinstance(e, exp.Tuple) else [e.this]
            for i in inner:
                keys += _keys(i) if isinstance(i, _MULTI) else [i]
        else:
            keys.append(e)
    return keys


def grouping_derived_keys(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """Refuse a grouping list with a column and an expression of it as keys, the expression
    also a SELECT item: BigQuery computes the item from the column's key, DuckDB from its own."""
    for group in nodes(tree, exp.Group):
        select = group.parent
        multis = _multi_keys(group)
        if not isinstance(select, exp.Select) or not multis:
            continue
        keys = [k for m in multis for k in _keys(m)]
        keys += [e for e in group.expressions if not isinstance(e, _MULTI)]
        columns = {k.sql() for k in keys if isinstance(k, exp.Column)}
        items = {(i.this if isinstance(i, exp.Alias) else i).sql() for i in select.expressions}
        for key in keys:
            if isinstance(key, (exp.Column, exp.Literal)) or key.sql() not in items:
                continue
            if any(c.sql() in columns for c in key.find_all(exp.Column)):
                raise UnsupportedError(
                    "GROUPING SETS, ROLLUP or CUBE with both a column and an expression of it "
                    "as keys",
                    "BigQuery computes the SELECT item from the column's key (NULL in the sets "
                    "without the column), DuckDB from the expression's own key; group by the "
                    "column alone",
                    line_of(key),
                )
    return False


def _row_columns(key: exp.Expression, scope: Scope) -> list[exp.Expression] | None:
    """The columns of the FROM subquery whose range variable ``key`` names, else None."""
    row = isinstance(key, exp.TableColumn) or (isinstance(key, exp.Column) and not key.table)
    if not row or key.name not in scope.sources:
        return None
    source = scope.sources[key.name]
    if not isinstance(source, Scope) or not isinstance(source.expression, exp.Query):
        return None
    names = source.expression.named_selects
    if not names or any(not n for n in names) or key.name in names:
        return None  # unnamed columns, or a column of the range variable's own name
    return [exp.column(n, table=key.name, quoted=True) for n in names]


def _group_lists(group: exp.Group) -> list[tuple[exp.Expression, str, bool]]:
    """(node, arg, spliced) of every key list of a GROUP BY: its own keys and the
    GROUPING SETS/ROLLUP/CUBE lists (``spliced``: a row becomes several keys, not one tuple)."""
    lists: list[tuple[exp.Expression, str, bool]] = [(group, "expressions", True)]
    for multi in _multi_keys(group):
        for node in [multi, *multi.find_all(*_MULTI, exp.Tuple)]:
            if node is not multi and node.find_ancestor(exp.Group) is not group:
                continue
            lists.append((node, "expressions", isinstance(node, exp.Tuple)))
    return lists


def row_group_keys(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """``GROUP BY t``, ``t`` a FROM subquery's range variable (its row as a STRUCT, as for
    ``FROM (SELECT AS STRUCT ...) t``): grouped by its columns (in ROLLUP/CUBE/GROUPING SETS
    as one composite key).

    Grouping by a STRUCT groups by its fields (data-types#groupable_data_types), and a row is
    never NULL, so the two are the same groups. DuckDB groups by the row too but then reads
    ``t.p`` as a column that is not grouped (a raw Binder Error, query oracle).
    """
    changed = False
    for scope in traverse_scope(tree):
        select = scope.expression
        group = select.args.get("group") if isinstance(select, exp.Select) else None
        if group is None:
            continue
        for node, arg, spliced in _group_lists(group):
            keys = list(node.args.get(arg) or [])
            new: list[exp.Expression] = []
            for key in keys:
                columns = _row_columns(key, scope)
                if columns is None:
                    new.append(key)
                elif spliced:
                    new.extend(columns)
                else:
                    new.append(exp.Tuple(expressions=columns))
            if len(new) != len(keys) or any(a is not b for a, b in zip(new, keys, strict=False)):
                node.set(arg, new)
                changed = True
    return changed
