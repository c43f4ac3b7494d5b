"""Field access on an array of STRUCTs: ``[STRUCT(1 AS x), STRUCT(2)].x`` is ``[1, 2]``.

BigQuery's array elements field access operator reads the field of every element, in order;
a field that is itself an array is flattened into the result, a NULL element gives a NULL
value and a NULL array field adds nothing (GoogleSQL's reference evaluator;
https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#array_el_field_operator).
DuckDB has no such operator (a raw "Cannot extract field" Binder Error): each step is a
``list_transform`` over the elements, and ``flatten`` when the field is an array. An array
of JSON values is refused: a JSON field there is read by JSON's rules, not translated; so
is a subscript inside the path (``path.a[OFFSET(0)]``, one per element in BigQuery).

``UNNEST(path) AS v``: the qualifier could not type ``v`` (it knows no such operator), so
the rules that read its type (``SUM(v)`` of INT64 is INT64, not DuckDB's HUGEINT) passed it
by; the element type is given to every reference to ``v`` once the path is rewritten.
"""

from __future__ import annotations

from sqlglot import exp

from workbench.translate.context import Context, Translation, UnsupportedError, line_of
from workbench.translate.rules._sql import bottom_up, fn, struct_fields

_ARRAY = exp.DataType.Type.ARRAY
_STRUCT = exp.DataType.Type.STRUCT


def _element(t: exp.DataType | None) -> exp.DataType | None:
    if t is None or t.this != _ARRAY or not t.expressions:
        return None
    inner = t.expressions[0]
    return inner if isinstance(inner, exp.DataType) else None


def array_field_access(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """``array_of_structs.field``: the field of every element (see the module)."""

    changed = False
    for node in bottom_up(tree, exp.Dot):
        element = _element(node.this.type)
        if element is None:
            continue
        name = node.expression.name if isinstance(node.expression, exp.Identifier) else ""
        if element.this == exp.DataType.Type.JSON:
            raise UnsupportedError(
                "field access on an ARRAY of JSON values",
                "each element's field would be read by JSON's rules, which are not translated "
                "here; UNNEST the array and read the field of each element",
                line_of(node),
            )
        if element.this != _STRUCT or not name:
            continue
        kind = next((k for n, k in struct_fields(element) if n and n.lower() == name.lower()), None)
        if kind is None:
            continue  # no such field: GoogleSQL's analyzer has refused the statement
        if isinstance(node.parent, exp.Bracket) and node.arg_key == "this":
            raise UnsupportedError(
                "a subscript inside an array path",
                "BigQuery applies it to each element's array (path.a[OFFSET(0)] is every "
                "first element), which is not translated; UNNEST the array first",
                line_of(node),
            )
        e = exp.to_identifier("_wb_e")
        body = exp.Dot(this=exp.column("_wb_e"), expression=node.expression.copy())
        new = fn("list_transform", node.this.copy(), exp.Lambda(this=body, expressions=[e]))
        if kind.this == _ARRAY:
            new = fn("flatten", new)
            new.type = kind.copy()
        else:
            new.type = exp.DataType(this=_ARRAY, expressions=[kind.copy()], nested=True)
        node.replace(new)
        if isinstance(new.parent, exp.Unnest):
            _type_element_columns(tree, new.parent, new.type)
        changed = True
    return changed


def _type_element_columns(tree: exp.Expression, unnest: exp.Unnest, t: exp.DataType) -> None:
    """The untyped references ``alias.v`` to the element of ``UNNEST(path) AS alias(v)``."""
    alias = unnest.args.get("alias")
    element = _element(t)
    if not isinstance(alias, exp.TableAlias) or element is None or len(alias.columns) != 1:
        return
    table, name = alias.name, alias.columns[0].name
    for column in tree.find_all(exp.Column):
        if column.table != table or column.name != name:
            continue
        if column.type is None or column.type.this == exp.DataType.Type.UNKNOWN:
            column.type = element.copy()
