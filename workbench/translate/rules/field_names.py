"""STRUCT field names BigQuery infers from the expressions written (query oracle, issue 15).

``STRUCT(a, s.b)`` names its fields ``a`` and ``b``: a field without ``AS`` takes the name of
a column or path expression (data-types#constructing_a_struct: "the field name is inferred
from the expression"). sqlglot names a field only when the argument stays a plain column;
once the qualifier has made ``a`` a path into a value table (``FROM UNNEST([STRUCT(...)])``,
``_wb_value0.a``), DuckDB's struct got ``_0``, ``_1``. The names are written out first.

An array element written as a tuple, ``[STRUCT('a' AS g, 1 AS n), ('b', 2)]``, is a STRUCT
(data-types#tuple_syntax); sqlglot kept it a tuple, so the array had no type: the struct
rules did not see it and ``SUM(n)`` over it was DuckDB's HUGEINT (DECIMAL(38, 0)),
``DATE_TRUNC(d, ISOWEEK)`` a DATETIME. It becomes a ``STRUCT(...)`` constructor first.
"""

from __future__ import annotations

from sqlglot import exp

from workbench.translate.context import Context, Translation, UnsupportedError, line_of
from workbench.translate.rules._sql import nodes


def _inferred(arg: exp.Expression) -> exp.Identifier | None:
    """The field name a STRUCT argument without AS gets: a column's or a path's last name."""
    if isinstance(arg, exp.Column) and isinstance(arg.this, exp.Identifier):
        return arg.this
    if isinstance(arg, exp.Dot) and isinstance(arg.expression, exp.Identifier):
        return arg.expression
    return None


def struct_field_names(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """Name every STRUCT field BigQuery names from its expression (``STRUCT(a)`` → ``a AS a``)."""
    changed = False
    for struct in nodes(tree, exp.Struct):
        if isinstance(struct.parent, exp.Cast):  # STRUCT<a INT64>(x): the type names fields
            continue
        args = list(struct.expressions)
        names = [a.this.name.lower() if isinstance(a, exp.PropertyEQ) else _name(a) for a in args]
        known = [n for n in names if n]
        if len(known) != len(set(known)):  # duplicate names: DuckDB's struct cannot hold them
            continue
        for arg in args:
            name = _inferred(arg)
            if name is None:
                continue
            field = exp.to_identifier(name.name, quoted=True)  # the case written, kept
            arg.replace(exp.PropertyEQ(this=field, expression=arg.copy()))
            changed = True
    return changed


def duplicate_field_names(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """Refuse ``STRUCT(k, k)`` / ``STRUCT(1 AS a, 2 AS a)`` / ``SELECT AS STRUCT 1 a, 2 a``:
    BigQuery keeps both fields, DuckDB's STRUCT cannot hold two fields of one name (a raw
    Binder Error before)."""
    for select in nodes(tree, exp.Select):
        if select.args.get("kind") != "STRUCT":
            continue
        named = [n for n in map(_field_name, select.expressions) if n]
        if len(named) != len(set(named)):
            raise UnsupportedError(
                "SELECT AS STRUCT with two fields of the same name",
                "DuckDB's STRUCT needs distinct field names; name the columns apart (AS)",
                line_of(select),
            )
    for struct in nodes(tree, exp.Struct):
        if isinstance(struct.parent, exp.Cast):
            continue
        args = list(struct.expressions)
        names = [a.this.name.lower() if isinstance(a, exp.PropertyEQ) else _name(a) for a in args]
        known = [n for n in names if n]
        if len(known) != len(set(known)):
            raise UnsupportedError(
                "STRUCT with two fields of the same name",
                "DuckDB's STRUCT needs distinct field names; name the fields apart (AS)",
                line_of(struct),
            )
    return False


def _typed_field_names(array: exp.Array) -> list[str] | None:
    """The field names of ``ARRAY<STRUCT<k ..., a ...>>[...]``'s element type, if it names them."""
    cast = array.parent
    if not isinstance(cast, exp.Cast) or cast.this is not array:
        return None
    to = cast.args.get("to")
    if not isinstance(to, exp.DataType) or to.this != exp.DataType.Type.ARRAY or not to.expressions:
        return None
    element = to.expressions[0]
    if not isinstance(element, exp.DataType) or element.this != exp.DataType.Type.STRUCT:
        return None
    names = [f.name for f in element.expressions if isinstance(f, exp.ColumnDef)]
    return names if len(names) == len(element.expressions) else None


def array_tuples(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """A tuple element of an array literal is a STRUCT constructor: ``[(1, 'a')]``; under a
    typed literal, ``ARRAY<STRUCT<k INT64, a STRING>>[(1, 'a')]``, with the type's field
    names (DuckDB cannot cast a STRUCT of unnamed fields to named ones: a raw Binder Error)."""
    changed = False
    for array in nodes(tree, exp.Array):
        names = _typed_field_names(array)
        for element in list(array.expressions):
            if isinstance(element, exp.Tuple) and len(element.expressions) > 1:
                fields: list[exp.Expression] = [e.copy() for e in element.expressions]
                if names is not None and len(names) == len(fields):
                    fields = [
                        exp.PropertyEQ(this=exp.to_identifier(n, quoted=True), expression=f)
                        for n, f in zip(names, fields, strict=True)
                    ]
                element.replace(exp.Struct(expressions=fields))
                changed = True
    return changed


def select_tuples(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """A tuple in a SELECT list is an anonymous STRUCT, as in an array (``array-tuples``):
    ``SELECT (1, 2) AS x``. DuckDB's row value compared as two columns in
    ``x IN (SELECT s ...)`` ("Subquery returns 1 columns - expected 2", a raw Binder Error).
    https://cloud.google.com/bigquery/docs/reference/standard-sql/data-types#constructing_a_struct
    """
    changed = False
    for select in nodes(tree, exp.Select):
        for item in select.expressions:
            value = item.this if isinstance(item, exp.Alias) else item
            if isinstance(value, exp.Tuple) and len(value.expressions) > 1:
                value.replace(exp.Struct(expressions=[e.copy() for e in value.expressions]))
                changed = True
    return changed


def anonymous_struct_types(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """A STRUCT type with fields of no name (``CAST(x AS STRUCT<INT64, STRING>)``) names
    them by position, ``_0``, ``_1``, as DuckDB names a STRUCT constructor's unnamed fields
    (``array-tuples``): DuckDB's type syntax has no unnamed field (a raw Parser Error)."""
    changed = False
    for node in reversed(nodes(tree, exp.DataType)):  # inner types first: outer ones copy
        if node.this != exp.DataType.Type.STRUCT:
            continue
        for i, field in enumerate(list(node.expressions)):
            if isinstance(field, exp.DataType):
                field.replace(exp.ColumnDef(this=exp.to_identifier(f"_{i}"), kind=field.copy()))
                changed = True
    return changed


def _field_name(item: exp.Expression) -> str:
    """The field a SELECT AS STRUCT item makes: its alias, else a column's or path's name."""
    return item.alias.lower() if item.alias else _name(item)


def _name(arg: exp.Expression) -> str:
    name = _inferred(arg)
    return name.name.lower() if name is not None else ""


def _projection_of(node: exp.Expression) -> exp.Select | None:
    """The SELECT whose list holds ``node`` (itself or aliased), if any."""
    parent = node.parent
    if isinstance(parent, exp.Alias):
        node, parent = parent, parent.parent
    if isinstance(parent, exp.Select) and node.arg_key == "expressions":
        return parent
    return None


def _alone(select: exp.Select) -> bool:
    """Not a branch of a set operation (whose supertypes a NULL field would take)."""
    parent = select.parent
    while isinstance(parent, exp.Subquery) and not parent.alias:
        parent = parent.parent
    return not isinstance(parent, exp.SetOperation)


def _int64_null() -> exp.Expression:
    return exp.Cast(this=exp.Null(), to=exp.DataType.build("INT64", dialect="bigquery"))


def null_struct_fields(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """A STRUCT field given as a bare NULL is INT64 (data-types: "NULL ... has the type
    INT64" where nothing else types it); DuckDB leaves it of type NULL, which the result's
    STRUCT type shows. Only a STRUCT that is itself a select-list item (``SELECT STRUCT(1
    AS a, NULL AS b)``, ``SELECT AS STRUCT 1 a, NULL b``) outside set operations: elsewhere
    (array elements, CASE branches) the NULL takes the other values' supertype."""
    changed = False
    for struct in nodes(tree, exp.Struct):
        select = _projection_of(struct)
        if select is None or not _alone(select):
            continue
        for arg in struct.expressions:
            value = arg.expression if isinstance(arg, exp.PropertyEQ) else arg
            value = value.this if isinstance(value, exp.Alias) else value
            if isinstance(value, exp.Null):
                value.replace(_int64_null())
                changed = True
    for select in nodes(tree, exp.Select):
        if str(select.args.get("kind") or "").upper() != "STRUCT" or not _alone(select):
            continue
        for item in select.expressions:
            value = item.this if isinstance(item, exp.Alias) else item
            if isinstance(value, exp.Null):
                value.replace(_int64_null())
                changed = True
    return changed
