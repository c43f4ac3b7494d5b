"""GROUPING SETS, ROLLUP and CUBE: ordinals inside them, and keys computed from other keys;
GROUP BY a range variable (the whole row).

- BigQuery reads an integer literal anywhere in a grouping list as a SELECT-list ordinal,
  also inside a grouping set's parentheses and inside ROLLUP/CUBE in GROUPING SETS
  (``GROUPING SETS(x, (2, c))`` groups by the second item and ``c``). DuckDB reads an
  ordinal only as a whole key, so ``(2, c)`` grouped by the constant 2; each such literal
  becomes the item's expression.
- When a column and an expression of it are both keys (``GROUPING SETS(a, a + 1)``), the
  SELECT item ``a + 1`` is computed from the grouped ``a`` (NULL in the sets without ``a``),
  as GoogleSQL's reference evaluator gives; DuckDB reads it as the key ``a + 1``. The item
  reads its columns through ``COALESCE`` (``grouped_columns``); where the items could not be
  told apart (``SELECT *``) that mix is refused.
- ``GROUP BY t``, ``t`` a FROM subquery's range variable, groups by its columns.
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
        if not isinstance(select, exp.Select) or not multis or select.meta.get("grouped_columns"):
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


def _all_keys(group: exp.Group) -> list[exp.Expression]:
    keys = [k for m in _multi_keys(group) for k in _keys(m)]
    return keys + [e for e in group.expressions if not isinstance(e, _MULTI)]


def mark_item_keys(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """Before the qualifier expands them: which SELECT items a GROUPING SETS/ROLLUP/CUBE
    names by alias or ordinal (those items are keys themselves; see ``grouped_columns``)."""
    for select in tree.find_all(exp.Select):
        group = select.args.get("group")
        if group is None or not _multi_keys(group):
            continue
        if any(isinstance(e, exp.Star) or isinstance(e.this, exp.Star) for e in select.expressions):
            continue
        aliases = {
            item.alias.lower(): i
            for i, item in enumerate(select.expressions)
            if isinstance(item, exp.Alias) and item.alias
        }
        named: set[int] = set()
        for key in _all_keys(group):
            if isinstance(key, exp.Literal) and key.is_int:
                named.add(int(key.this) - 1)
            elif isinstance(key, exp.Column) and not key.table and key.name.lower() in aliases:
                named.add(aliases[key.name.lower()])
        select.meta["grouping_item_keys"] = named
    return False


def _outside(part: exp.Expression, term: exp.Expression) -> bool:
    """``part`` is a grouped value of ``term``: not inside an aggregate, window or subquery."""
    node = part
    while node is not None and node is not term:
        if isinstance(node, (exp.AggFunc, exp.Window, exp.Subquery)):
            return False
        node = node.parent
    return not isinstance(term, (exp.AggFunc, exp.Window, exp.Subquery))


def _hide_columns(term: exp.Expression, columns: set[str], expressions: set[str]) -> bool:
    """Each part of ``term`` that is an expression key whose columns are all column keys reads
    them as ``COALESCE(col)``; False when there is no such part."""
    parts = []
    for part in term.walk():
        if isinstance(part, exp.Column) or part.sql() not in expressions:
            continue
        cols = {c.sql() for c in part.find_all(exp.Column)}
        if cols and cols <= columns and _outside(part, term):
            parts.append(part)
    hidden = False
    for part in parts:
        for col in list(part.find_all(exp.Column)):
            if col.sql() in columns and not isinstance(col.parent, exp.Coalesce):
                col.replace(exp.Coalesce(this=col.copy()))
                hidden = True
    return hidden


def grouped_columns(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """With GROUPING SETS/ROLLUP/CUBE, a SELECT item (or HAVING, QUALIFY, ORDER BY term)
    computes from the grouped columns it reads: ``SELECT a + 1 ... GROUPING SETS(a, a + 1)``
    is NULL in the set ``(a + 1)``, where ``a`` is not grouped (GoogleSQL's reference
    evaluator: it resolves columns to column keys first, and matches an expression key only
    for what those leave unresolved). DuckDB matches the expression key first. Each such
    part reads its columns through ``COALESCE(col)``, which DuckDB does not match to the
    expression key. An item the grouping list names by alias or ordinal is that key itself,
    as in DuckDB, and is left alone.
    """
    changed = False
    for select in nodes(tree, exp.Select):
        group = select.args.get("group")
        named = select.meta.get("grouping_item_keys")
        if group is None or named is None or not _multi_keys(group):
            continue
        keys = _all_keys(group)
        columns = {k.sql() for k in keys if isinstance(k, exp.Column)}
        expressions = {
            k.sql() for k in keys if not isinstance(k, (exp.Column, exp.Literal, exp.Tuple))
        }
        select.meta["grouped_columns"] = True  # the refusal below has nothing left to refuse
        if not columns or not expressions:
            continue
        terms = [e for i, e in enumerate(select.expressions) if i not in named]
        for arg in ("having", "qualify"):
            if select.args.get(arg) is not None:
                terms.append(select.args[arg].this)
        order = select.args.get("order")
        terms += [o.this for o in (order.expressions if order else [])]
        for term in terms:
            changed |= _hide_columns(term, columns, expressions)
    return changed
