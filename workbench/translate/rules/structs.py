"""STRUCT values: equality with NULL fields everywhere it is used, and arrays inside results.

- BigQuery compares structs field by field, by position, with three-valued logic: a NULL
  field makes ``=`` NULL unless another field differs. DuckDB compares structs as whole
  values (NULL fields equal), so ``CASE s WHEN ...``, ``s IN (...)`` and ``s IN UNNEST(arr)``
  would match offline where BigQuery does not. Each becomes the field-wise comparison, and
  ``NULLIF(s, t)`` the CASE of that comparison (DuckDB's NULLIF matched ``(NULL, 2)`` itself).
- An ARRAY with a NULL element anywhere in the result is an error in BigQuery, also inside
  a STRUCT column (``STRUCT([1, NULL] AS a)``) or an ARRAY of STRUCTs.
"""

from __future__ import annotations

from sqlglot import exp

from workbench.translate.context import (
    Context,
    Translation,
    UnsupportedError,
    UserError,
    line_of,
)
from workbench.translate.rules._sql import (
    bottom_up,
    case,
    element_type,
    fail,
    fn,
    is_type,
    nodes,
    num,
    paren,
    struct_fields,
)
from workbench.translate.rules.arrays import result_selects

_STRUCT = exp.DataType.Type.STRUCT
_ARRAY = exp.DataType.Type.ARRAY


def _field_types(t: exp.DataType) -> list[exp.DataType | None]:
    return [kind for _, kind in struct_fields(t)]


def _equal(a: exp.Expression, b: exp.Expression, t: exp.DataType | None, node: exp.Expression):
    """a = b with BigQuery's semantics for type ``t``: field-wise for structs, recursively."""

    if t is None or t.this != _STRUCT:
        if t is not None and t.this == _ARRAY:
            raise UnsupportedError(
                "STRUCT comparison with an ARRAY field",
                "BigQuery does not define equality for ARRAY values",
                line_of(node),
            )
        return exp.EQ(this=a, expression=b)
    fields = _field_types(t)
    if not fields:
        raise UnsupportedError(
            "STRUCT comparison", "the struct's field types are not known", line_of(node)
        )
    parts = [_equal(_field(a, i, ft), _field(b, i, ft), ft, node) for i, ft in enumerate(fields)]
    combined = parts[0]
    for p in parts[1:]:
        combined = exp.And(this=combined, expression=p)
    return paren(combined)


def _field(value: exp.Expression, i: int, t: exp.DataType | None) -> exp.Expression:
    """Field ``i`` of a STRUCT value, typed: a FLOAT64 field's equality is then NaN-aware
    (``nan-comparisons``: a NaN field makes the STRUCTs unequal)."""
    field = fn("struct_extract_at", value.copy(), num(i + 1))
    if t is not None:
        field.type = t.copy()
    return field


def _tuple_type(n: exp.Expression) -> exp.DataType | None:
    """The STRUCT type of a tuple constructor ``(1, ('a', NULL))``, which sqlglot leaves
    UNKNOWN: its fields' types, a NULL or unknown field as NULL (compared with plain =)."""
    if not isinstance(n, exp.Tuple) or not n.expressions:
        return None
    fields = []
    for e in n.expressions:
        t = _tuple_type(e) or e.type
        known = t is not None and t.this not in (exp.DataType.Type.UNKNOWN, exp.DataType.Type.NULL)
        fields.append(t.copy() if known else exp.DataType.build("NULL"))
    return exp.DataType(this=_STRUCT, expressions=fields, nested=True)


def _struct_type(*nodes: exp.Expression) -> exp.DataType | None:
    for n in nodes:
        t = n.type
        if t is not None and t.this == _STRUCT and t.expressions:
            return t
    for n in nodes:
        t = _tuple_type(n)
        if t is not None:
            return t
    return None


_ORDERING = (exp.LT, exp.LTE, exp.GT, exp.GTE)


def _refuse_ordering(tree: exp.Expression) -> None:
    """STRUCTs have no order in BigQuery (<, ORDER BY, MIN/MAX are errors); DuckDB orders them."""

    for node in nodes(tree, *_ORDERING, exp.Ordered, exp.Min, exp.Max):
        operands = [node.this] + ([node.expression] if isinstance(node, _ORDERING) else [])
        if any(_struct_type(o) is not None for o in operands):
            raise UserError(
                "STRUCT values cannot be ordered or compared with <, >, MIN or MAX",
                line=line_of(node),
                construct="STRUCT",
            )


def struct_comparisons(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """STRUCT in =, !=, IN (list), IN UNNEST(array), CASE s WHEN and NULLIF: compared field by
    field."""

    _refuse_ordering(tree)
    changed = False
    for node in nodes(tree, exp.Nullif):  # NULLIF(s, t): CASE WHEN s = t THEN NULL ELSE s END
        if _struct_type(node.this, node.expression) is None:
            continue
        test = exp.EQ(this=node.this.copy(), expression=node.expression.copy())
        test.type = exp.DataType.build("BOOLEAN")
        replacement = paren(case(test, exp.Null(), node.this.copy()))
        replacement.type = node.this.type
        node.replace(replacement)
        changed = True
    for node in nodes(tree, exp.Case):
        operand = node.this
        if operand is None or _struct_type(operand) is None:
            continue
        for branch in node.args.get("ifs") or []:
            branch.set("this", exp.EQ(this=operand.copy(), expression=branch.this.copy()))
            branch.this.type = exp.DataType.build("BOOLEAN")
        node.set("this", None)
        changed = True
    for node in bottom_up(tree, exp.EQ, exp.NEQ, exp.In):
        if isinstance(node, exp.In):
            t = _struct_type(node.this)
            if t is None and node.expressions:
                # s IN ((1, 2), (3, NULL)): a column of unknown type, the list's tuples typed
                t = _struct_type(*node.expressions)
            if t is None and isinstance(node.this, exp.Tuple) and node.args.get("query"):
                # (a, b) IN (SELECT (x, y) ...): the tuple is a STRUCT (data-types#tuple_syntax)
                t = exp.DataType.build("STRUCT")
            if t is None:
                continue
            if node.args.get("query") is not None:
                raise UnsupportedError(
                    "IN (subquery) with STRUCT values",
                    "DuckDB treats NULL fields as equal where BigQuery gives NULL",
                    line_of(node),
                )
            unnest = node.args.get("unnest")
            if unnest is not None:
                node.replace(paren(_in_array(node.this, unnest.expressions[0], t, node)))
            else:
                tests = [_equal(node.this.copy(), v.copy(), t, node) for v in node.expressions]
                combined = tests[0]
                for test in tests[1:]:
                    combined = exp.Or(this=combined, expression=test)
                node.replace(paren(combined))
            changed = True
            continue
        t = _struct_type(node.this, node.expression)
        if t is None:
            continue
        eq = _equal(node.this.copy(), node.expression.copy(), t, node)
        node.replace(paren(exp.Not(this=eq)) if isinstance(node, exp.NEQ) else eq)
        changed = True
    return changed


def _in_array(
    value: exp.Expression, array: exp.Expression, t: exp.DataType, node: exp.Expression
) -> exp.Expression:
    """value IN UNNEST(array): TRUE on a match, NULL if some comparison is NULL, else FALSE."""

    e = exp.to_identifier("_e")
    eq = _equal(value.copy(), exp.column("_e"), t, node)
    tests = fn("list_transform", array.copy(), exp.Lambda(this=eq, expressions=[e]))
    unknown = fn(
        "list_transform",
        array.copy(),
        exp.Lambda(this=exp.Is(this=eq.copy(), expression=exp.Null()), expressions=[e.copy()]),
    )
    return exp.Case(
        ifs=[
            exp.If(this=fn("list_contains", tests, exp.true()), true=exp.true()),
            exp.If(this=fn("list_contains", unknown, exp.true()), true=exp.Null()),
        ],
        default=exp.false(),
    )


def _has_array(t: exp.DataType | None) -> bool:
    if t is None:
        return False
    if t.this == _ARRAY:
        return True
    return t.this == _STRUCT and any(_has_array(f) for f in _field_types(t))


def _null_inside(value: exp.Expression, t: exp.DataType, depth: int = 0) -> exp.Expression | None:
    """An expression TRUE when an ARRAY inside ``value`` (of type ``t``) has a NULL element."""

    if t.this == _ARRAY:
        inner = t.expressions[0] if t.expressions else None
        name = f"_a{depth}"
        e = exp.to_identifier(name)
        checks: list[exp.Expression] = [exp.Is(this=exp.column(name), expression=exp.Null())]
        if isinstance(inner, exp.DataType) and _has_array(inner):
            deeper = _null_inside(exp.column(name), inner, depth + 1)
            if deeper is not None:
                checks.append(fn("coalesce", deeper, exp.false()))
        test = checks[0] if len(checks) == 1 else exp.Or(this=checks[0], expression=checks[1])
        return fn(
            "list_contains",
            fn("list_transform", value.copy(), exp.Lambda(this=test, expressions=[e])),
            exp.true(),
        )
    found = [
        _null_inside(fn("struct_extract_at", value.copy(), num(i + 1)), ft, depth)
        for i, ft in enumerate(_field_types(t))
        if ft is not None and _has_array(ft)
    ]
    found = [f for f in found if f is not None]
    if not found:
        return None
    combined = fn("coalesce", found[0], exp.false())
    for f in found[1:]:
        combined = exp.Or(this=combined, expression=fn("coalesce", f, exp.false()))
    return combined


def nested_result_arrays(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """Result columns: a NULL element of an ARRAY inside a STRUCT or ARRAY<STRUCT> is an error."""

    changed = False
    for select in result_selects(tree):
        for proj in list(select.expressions):
            target = proj.this if isinstance(proj, exp.Alias) else proj
            t = target.type
            if t is None or not (is_type(target, "STRUCT") or is_type(target, "ARRAY")):
                continue
            if t.this == _ARRAY and not _has_array(element_type(target)):
                continue  # a flat array: the result-arrays rule checks it
            if not _has_array(t) or (t.this == _STRUCT and not t.expressions):
                continue
            bad = _null_inside(target, t)
            if bad is None:
                continue
            new = paren(
                case(
                    fn("coalesce", bad, exp.false()),
                    fail("Array cannot have a null element; error in writing field"),
                    target.copy(),
                )
            )
            new.type = t
            target.replace(new)
            changed = True
    return changed


_VOLATILE = (exp.Rand, exp.Uuid)


def struct_star(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """``expr.*`` of a STRUCT expression in a SELECT list: one column per field
    (query-syntax#select_expression_star), EXCEPT and REPLACE applied.

    sqlglot's qualifier expands ``s.*`` of a STRUCT column; of any other expression
    (``STRUCT(1 AS a).*``, ``(SELECT AS STRUCT ...).*``, ``arr[OFFSET(0)].*``, ``(t.s).*``)
    it left the star for DuckDB, whose parser stopped at it (a raw Parser Error). Each field
    reads the value by position (two fields may share a name).
    """
    changed = False
    for select in nodes(tree, exp.Select):
        for proj in list(select.expressions):
            if not (isinstance(proj, exp.Dot) and isinstance(proj.expression, exp.Star)):
                continue
            value, star = proj.this, proj.expression
            t = value.type
            if t is None or t.this != _STRUCT or not t.expressions:
                if t is not None and t.this not in (_STRUCT, exp.DataType.Type.UNKNOWN):
                    raise UserError(
                        f"Dot-star is not supported for type {t.sql('bigquery')}",
                        line=line_of(proj),
                        construct=".*",
                    )
                raise UnsupportedError(
                    "expression.*", "the STRUCT's fields are not known here", line_of(proj)
                )
            if value.find(*_VOLATILE):
                raise UnsupportedError(
                    "expression.* of a random value",
                    "each field would read its own evaluation",
                    line_of(proj),
                )
            fields = struct_fields(t)
            names = {(n or "").lower() for n, _ in fields}
            dropped = {c.name.lower() for c in star.args.get("except_") or []}
            replaced = {a.alias.lower(): a.this for a in star.args.get("replace") or []}
            for name in (*dropped, *replaced):
                if name not in names:
                    raise UserError(
                        f"Column {name} in SELECT * {'EXCEPT' if name in dropped else 'REPLACE'}"
                        " list does not exist",
                        line=line_of(proj),
                        construct=name,
                    )
            columns: list[exp.Expression] = []
            for i, (name, kind) in enumerate(fields):
                if name is not None and name.lower() in dropped:
                    continue
                if name is not None and name.lower() in replaced:
                    column = replaced[name.lower()].copy()
                else:
                    column = _field(value, i, kind)
                alias = name if name is not None else f"_field_{i + 1}"
                columns.append(exp.Alias(this=column, alias=exp.to_identifier(alias)))
            if not columns:
                raise UserError(
                    "SELECT * expands to zero columns after applying EXCEPT",
                    line=line_of(proj),
                    construct=".*",
                )
            i = select.expressions.index(proj)
            kept = select.expressions
            select.set("expressions", [*kept[:i], *columns, *kept[i + 1 :]])
            changed = True
    return changed
