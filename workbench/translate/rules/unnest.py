"""Correlated UNNEST in FROM as DuckDB streams it: the UNNEST in a subquery's select list.

``FROM t, UNNEST(t.list) AS x`` (or ``CROSS JOIN``, ``JOIN``, ``LEFT JOIN ... ON TRUE``, the
implicit ``FROM t, t.list``, with or without ``WITH OFFSET``) is a lateral join. DuckDB
decorrelates its own ``CROSS JOIN UNNEST(t.list)`` into a delim join: it groups the whole
input by the list column (and a row index), unnests the distinct lists and joins the
elements back by hash, holding every row and list in memory (2.4 GB at 100,000 Dropsonde
sites). ``FROM (SELECT t.a, UNNEST(t.list) AS x FROM t)`` is one streaming Unnest operator
over the scan, filters pushed into the scan, no join.

BigQuery's semantics, kept exactly:
- CROSS JOIN (comma, ``JOIN`` without a condition): an empty or NULL array gives no row;
  DuckDB's select-list UNNEST gives none either. A NULL element is a row.
- LEFT JOIN ... ON TRUE: such a row stays, once, with a NULL element and a NULL offset
  (the select-list UNNEST of ``[NULL]`` in place of an empty or NULL array).
- WITH OFFSET: the element's position from 0, a second set-returning call in the same
  select list, which DuckDB zips with the first (both have the array's length).
- An array of STRUCTs stays one STRUCT column (its fields are read as ``x.f``; value-table
  fields were qualified as such by ``qualify-columns``), so a later ``UNNEST(x.inner)``
  folds the same way, over the subquery.
Only the columns the query reads go through the subquery, each under a fresh name, and the
query's references are renamed in place (their BigQuery types stay on them). A FROM clause
the rewrite cannot prove equivalent (a star, a whole-row reference, an alias a nested query
reuses, a join with a condition) keeps DuckDB's own form: slower, never different.
"""

from __future__ import annotations

from sqlglot import exp

from workbench.translate.context import Context, Translation
from workbench.translate.rules._sql import case, fn, num, unused_name


def streamed_unnest(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """Every correlated UNNEST join becomes a select-list UNNEST over its preceding FROM items."""

    selects = [
        s
        for s in tree.find_all(exp.Select)
        if any(isinstance(j.this, exp.Unnest) for j in s.args.get("joins") or [])
    ]
    if not selects:  # most statements: nothing to walk
        return False
    changed = False
    used = {i.name.lower() for i in tree.find_all(exp.Identifier)}
    for select in selects:
        while _fold(select, used):
            changed = True
    return changed


def _join_kind(join: exp.Join) -> str | None:
    """'cross' or 'left' for the joins the rewrite keeps exact; None for any other join."""
    if join.args.get("method") or join.args.get("using"):
        return None
    side, kind, on = join.side.upper(), join.kind.upper(), join.args.get("on")
    true_on = on is None or (isinstance(on, exp.Boolean) and on.this is True)
    if side == "LEFT" and kind in ("", "OUTER") and true_on:
        return "left"
    if not side and kind in ("", "CROSS", "INNER") and on is None:
        return "cross"
    return None


def _alias(item: exp.Expression) -> str | None:
    """The name a prefix FROM item is referenced by (a table or a subquery), else None."""
    if isinstance(item, exp.Table) and isinstance(item.this, exp.Identifier):
        return item.alias_or_name or None
    if isinstance(item, exp.Subquery) and item.alias:
        return item.alias
    return None


def _fold(select: exp.Select, used: set[str]) -> bool:
    """Fold the FROM items before the first correlated UNNEST join, and that join, into one
    subquery; False when there is none or the rewrite could change the result."""

    from_ = select.args.get("from_")
    joins = list(select.args.get("joins") or [])
    if from_ is None or not joins:
        return False
    i = next((k for k, join in enumerate(joins) if isinstance(join.this, exp.Unnest)), None)
    if i is None:
        return False
    prefix = [from_.this, *(join.this for join in joins[:i])]
    aliases = [_alias(item) for item in prefix]
    if None in aliases:
        return False
    names = {a.lower() for a in aliases if a}
    join, unnest = joins[i], joins[i].this
    kind = _join_kind(join)
    if kind is None or len(unnest.expressions) != 1:
        return False
    array = unnest.expressions[0]
    array_columns = list(array.find_all(exp.Column))
    if (
        not array_columns
        or any(c.table.lower() not in names for c in array_columns)
        or array.find(exp.Query) is not None
    ):
        return False  # uncorrelated, or correlated with an outer query: DuckDB's form is fine
    alias = unnest.args.get("alias")
    unnest_name = (alias.name if alias else "").lower()
    alias_columns = alias.columns if alias else []
    if len(alias_columns) > 1 or not unnest_name or unnest_name in names:
        return False
    offset = unnest.args.get("offset")
    offset_name = (
        offset.name if isinstance(offset, exp.Identifier) else ("offset" if offset else "")
    )

    # what the rewrite moves, and the statement's WITH queries (defined before this FROM)
    moved = {id(n) for node in (from_, *joins[: i + 1]) for n in node.walk()}
    with_ = select.args.get("with_")
    if with_ is not None:
        moved |= {id(n) for n in with_.walk()}
    outside = [n for n in select.walk() if id(n) not in moved]
    scope_names = names | {unnest_name}
    for node in outside:
        if (isinstance(node, exp.Star) and isinstance(node.parent, exp.Select)) or (
            isinstance(node, exp.Column) and node.is_star
        ):
            return False  # every column of a FROM item (COUNT(*) reads none)
        if isinstance(node, exp.Column) and not node.table and node.name.lower() in scope_names:
            return False  # a whole-row reference
        if (
            node is not select
            and isinstance(node, exp.TableAlias)
            and node.name.lower() in (scope_names)
        ):
            return False  # a nested query reuses the name: its columns are not ours
    references = [n for n in outside if isinstance(n, exp.Column) and n.table]

    # The subquery's columns: each (source, column) the rest of the query reads, the element
    # and the offset, under fresh names.
    taken: set[str] = set()

    def fresh(base: str) -> str:
        name, n = base, 1
        while name.lower() in taken:
            n += 1
            name = f"{base}_{n}"
        taken.add(name.lower())
        return name

    element = alias_columns[0].name if alias_columns else unnest_name
    element_out = fresh(element)
    offset_out = fresh(offset_name) if offset_name else ""
    outputs: dict[tuple[str, str], str] = {}
    sources: dict[tuple[str, str], exp.Column] = {}
    for col in references:
        key = (col.table.lower(), col.name.lower())
        if key[0] in names and key not in outputs:
            outputs[key] = fresh(col.name)
            sources[key] = exp.Column(this=col.this.copy(), table=col.args["table"].copy())
    sub_name = unused_name("_u", used)

    items = [exp.alias_(sources[key], out) for key, out in outputs.items()]
    items.append(exp.alias_(fn("unnest", _rows(array, kind)), element_out))
    if offset_out:
        items.append(exp.alias_(fn("unnest", _positions(array, kind)), offset_out))
    inner = exp.Select(expressions=items)
    inner.set("from_", exp.From(this=prefix[0]))
    if len(prefix) > 1:
        inner.set("joins", joins[:i])

    for col in references:
        table, name = col.table.lower(), col.name.lower()
        if table in names:
            col.set("this", exp.to_identifier(outputs[(table, name)]))
        elif table == unnest_name and offset_out and name == offset_name.lower():
            col.set("this", exp.to_identifier(offset_out))
        elif table == unnest_name and alias_columns and name == element.lower():
            col.set("this", exp.to_identifier(element_out))
        elif table == unnest_name:
            # a field of a value table of STRUCTs, qualified with the table (sqlglot does so
            # when it knows no type for the element): the element's field
            field = exp.Dot(
                this=exp.column(element_out, sub_name), expression=exp.to_identifier(col.name)
            )
            field.type = col.type.copy() if col.type else None
            col.replace(field)
            continue
        else:
            continue
        col.set("table", exp.to_identifier(sub_name))
    select.set(
        "from_",
        exp.From(
            this=exp.Subquery(this=inner, alias=exp.TableAlias(this=exp.to_identifier(sub_name)))
        ),
    )
    select.set("joins", joins[i + 1 :] or None)
    return True


def _rows(array: exp.Expression, kind: str) -> exp.Expression:
    """What the select-list UNNEST reads: the array, or for LEFT JOIN ``[NULL]`` in place of an
    empty or NULL array, so the row stays once with a NULL element."""
    if kind == "cross":
        return array
    return case(_non_empty(array), array, exp.Array(expressions=[exp.Null()]))


def _positions(array: exp.Expression, kind: str) -> exp.Expression:
    """The offsets 0..n-1 as a list, zipped with the elements (LEFT JOIN: ``[NULL]`` too)."""
    positions = fn("range", fn("len", array.copy()))
    if kind == "cross":
        return positions
    return case(_non_empty(array), positions, exp.Array(expressions=[exp.Null()]))


def _non_empty(array: exp.Expression) -> exp.Expression:
    return exp.GT(this=fn("len", array.copy()), expression=num(0))
