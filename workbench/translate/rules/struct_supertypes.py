"""STRUCT supertypes: the first operand's field names, fields matched by position.

GoogleSQL's supertype of ``STRUCT<a INT64>`` and ``STRUCT<b INT64>`` is ``STRUCT<a INT64>``:
fields match by position and the names are the first operand's
(https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_rules#supertypes;
GoogleSQL's reference evaluator: ``[STRUCT(1 AS a), STRUCT(2 AS b)]`` is ``[{a: 1}, {a: 2}]``,
``IF(FALSE, STRUCT(1 AS a), STRUCT(2 AS b))`` is ``{a: 2}``, and so for CASE, COALESCE,
ARRAY_CONCAT and the columns of UNION/INTERSECT/EXCEPT; IS [NOT] DISTINCT FROM compares
the fields by position as well). DuckDB unifies STRUCTs by name: the
union of the fields, the others NULL (``[{a: 1, b: NULL}, {a: NULL, b: 2}]``), a silent
difference in every value and in GROUP BY/DISTINCT of them.

Each later operand whose field names differ from the first's is given the first's names: a
``STRUCT(...)`` constructor (or a tuple) by renaming its fields, nested ones too; any other
struct value by re-packing it field by field (``struct_extract_at``), a NULL struct kept NULL;
an array of structs element by element.
"""

from __future__ import annotations

from sqlglot import exp

from workbench.translate.context import Context, Translation
from workbench.translate.rules._sql import case, fn, nodes, num, struct_fields, struct_items

_STRUCT = exp.DataType.Type.STRUCT
_ARRAY = exp.DataType.Type.ARRAY


def _type(node: exp.Expression) -> exp.DataType | None:
    t = node.type
    if t is None or t.this not in (_STRUCT, _ARRAY) or not t.expressions:
        return None
    return t


def _shape(t: exp.DataType | None) -> object:
    """The names a value of type ``t`` has offline, at every level (None: nothing to match)."""
    if t is None:
        return None
    if t.this == _ARRAY and t.expressions:
        inner = t.expressions[0]
        return ("array", _shape(inner if isinstance(inner, exp.DataType) else None))
    if t.this != _STRUCT or not t.expressions:
        return None
    return tuple((name or f"_{i}", _shape(kind)) for i, (name, kind) in enumerate(struct_fields(t)))


def _coerce(node: exp.Expression, target: exp.DataType) -> exp.Expression:
    """``node`` with the field names of ``target`` (a STRUCT or ARRAY<STRUCT> type)."""
    want = _shape(target)
    if want is None or _shape(_type(node)) == want or isinstance(node, exp.Null):
        return node
    if target.this == _ARRAY:
        element = target.expressions[0]
        if isinstance(node, exp.Array):
            node.set("expressions", [_coerce(e.copy(), element) for e in node.expressions])
            return node
        x = exp.to_identifier("_wb_s")
        inner = exp.column("_wb_s")
        inner.type = _type(node).expressions[0].copy() if _type(node) else None
        body = _coerce(inner, element)
        return fn("list_transform", node, exp.Lambda(this=body, expressions=[x]))
    fields = struct_fields(target)
    items = struct_items(node)
    if items is not None and len(items) == len(fields):
        built = []
        for i, ((name, kind), (_, value)) in enumerate(zip(fields, items, strict=True)):
            value = _coerce(value.copy(), kind) if kind is not None else value.copy()
            built.append(exp.PropertyEQ(this=exp.to_identifier(name or f"_{i}"), expression=value))
        out = exp.Struct(expressions=built)
        out.type = target.copy()
        return out
    source = _type(node)
    if source is None or source.this != _STRUCT or len(struct_fields(source)) != len(fields):
        return node  # not a struct of the same arity: GoogleSQL's analyzer has refused it
    packed = []
    for i, (name, kind) in enumerate(fields):
        value = fn("struct_extract_at", node.copy(), num(i + 1))
        value.type = struct_fields(source)[i][1]
        if kind is not None:
            value = _coerce(value, kind)
        packed.append(exp.PropertyEQ(this=exp.to_identifier(name or f"_{i}"), expression=value))
    out = case(
        exp.Is(this=node.copy(), expression=exp.Null()), exp.Null(), exp.Struct(expressions=packed)
    )
    out.type = target.copy()
    return out


def _first_type(operands: list[exp.Expression]) -> exp.DataType | None:
    return next((t for t in (_type(o) for o in operands) if t is not None), None)


def _unify(operands: list[exp.Expression]) -> bool:
    """Give every operand after the first typed one that one's names; whether any changed."""
    target = _first_type(operands)
    want = _shape(target)
    if target is None or want is None:
        return False
    changed = False
    for operand in operands:
        have = _shape(_type(operand))
        if have == want or (have is None and not isinstance(operand, exp.Struct | exp.Tuple)):
            continue
        new = _coerce(operand.copy(), target)
        if new.sql() != operand.sql():
            operand.replace(new)
            changed = True
    return changed


def _branches(node: exp.Expression) -> list[exp.Expression]:
    if isinstance(node, exp.If):
        return [b for b in (node.args.get("true"), node.args.get("false")) if b is not None]
    if isinstance(node, exp.Case):
        out = [i.args["true"] for i in node.args.get("ifs") or []]
        default = node.args.get("default")
        return out + ([default] if default is not None else [])
    if isinstance(node, exp.Coalesce):
        return [node.this, *node.expressions]
    if isinstance(node, exp.Array):
        return list(node.expressions)
    return []


def _set_branches(node: exp.SetOperation) -> list[exp.Select]:
    """The SELECTs a set operation combines, leftmost first ([] when a branch is another
    kind of query)."""
    branches: list[exp.Expression] = []
    stack: list[exp.Expression] = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, exp.SetOperation):
            stack.extend([item.expression, item.this])
        elif isinstance(item, exp.Subquery):
            stack.append(item.this)
        else:
            branches.append(item)
    selects = [b for b in branches if isinstance(b, exp.Select)]
    return selects if len(selects) == len(branches) else []


def set_columns(node: exp.SetOperation) -> list[list[exp.Expression]]:
    """The projections of each branch of a set operation, by position (leftmost first)."""
    selects = _set_branches(node)
    if not selects:
        return []
    width = len(selects[0].expressions)
    if any(len(s.expressions) != width for s in selects):
        return []
    return [[s.expressions[i] for s in selects] for i in range(width)]


def _struct_rows(node: exp.SetOperation) -> bool:
    """``SELECT AS STRUCT 1 AS x UNION ALL SELECT AS STRUCT 2 AS y``: each row is a STRUCT,
    named after the first branch's select list (by position)."""
    branches = _set_branches(node)
    if not branches or any(s.args.get("kind") != "STRUCT" for s in branches):
        return False
    names = [e.alias_or_name for e in branches[0].expressions]
    changed = False
    for select in branches[1:]:
        if len(select.expressions) != len(names):
            return changed
        for name, item in zip(names, select.expressions, strict=True):
            if name and item.alias_or_name != name:
                value = item.this if isinstance(item, exp.Alias) else item
                item.replace(exp.alias_(value.copy(), name))
                changed = True
    return changed


def struct_supertypes(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """Later STRUCT operands take the first's field names (by position), as in GoogleSQL."""

    changed = False
    # innermost first: an outer operand's copy then holds its inner ones already renamed
    for node in reversed(nodes(tree, exp.Array, exp.If, exp.Case, exp.Coalesce, bfs=False)):
        changed |= _unify(_branches(node))
    for node in nodes(tree, exp.ArrayConcat):
        arrays = [node.this, *node.expressions]
        changed |= _unify(arrays)
    # IS [NOT] DISTINCT FROM compares by position too; DuckDB's matches fields by name
    # (``STRUCT(1 AS a, 2 AS b) IS NOT DISTINCT FROM STRUCT(2 AS b, 1 AS a)`` was TRUE)
    for node in nodes(tree, exp.NullSafeEQ, exp.NullSafeNEQ):
        changed |= _unify([node.this, node.expression])
    for node in nodes(tree, exp.SetOperation):
        changed |= _struct_rows(node)
        for column in set_columns(node):
            values = [c.this if isinstance(c, exp.Alias) else c for c in column]
            changed |= _unify(values)
    return changed
