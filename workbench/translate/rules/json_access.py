"""JSON subscripts, ``json[0]`` and ``json['key']``, as BigQuery reads them.

BigQuery's JSON subscript operator (operators#json_subscript_operator) takes an INT64
position, zero-based, into a JSON array, or a STRING key of a JSON object; a negative or
past-the-end position, a position into an object, a key of an array and a missing key are
all NULL. DuckDB's ``json[i]`` counts a negative position from the end and takes a STRING
subscript of an array as a position (``JSON '[1,2]'['0']`` was 1); and sqlglot added DuckDB's
array offset one to a literal position whenever it could not type the base (``j.arr[0]``
read the second element). Each subscript becomes one JSON-pointer lookup (RFC 6901: the key
as written, ``~`` and ``/`` escaped), guarded by the kind of the value it reads.
https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#json_subscript_operator
"""

from __future__ import annotations

from sqlglot import exp

from workbench.translate.context import Context, Translation
from workbench.translate.rules._sql import bottom_up, case, fn, is_type, paren


def _on_json(node: exp.Expression) -> bool:
    """Whether ``node`` is a JSON value, or a path of fields and subscripts into one."""
    while not is_type(node, "JSON") and isinstance(node, exp.Dot | exp.Bracket):
        node = node.this
    return is_type(node, "JSON")


def _pointer_step(key: exp.Expression) -> exp.Expression:
    """``'/' || key`` with RFC 6901's escapes (``~`` → ``~0``, ``/`` → ``~1``)."""
    if isinstance(key, exp.Literal) and key.is_string:
        return exp.Literal.string("/" + key.this.replace("~", "~0").replace("/", "~1"))
    tilde = fn("replace", key.copy(), exp.Literal.string("~"), exp.Literal.string("~0"))
    escaped = fn("replace", tilde, exp.Literal.string("/"), exp.Literal.string("~1"))
    return exp.DPipe(this=exp.Literal.string("/"), expression=escaped, safe=True)


def _lookup(base: exp.Expression, index: exp.Expression) -> exp.Expression:
    """The element ``index`` of ``base``: a key of an object or a position in an array."""
    kind = fn("json_type", base.copy())
    null_json = exp.Cast(this=exp.Null(), to=exp.DataType.build("JSON"))
    if is_type(index, "STRING") or (isinstance(index, exp.Literal) and index.is_string):
        is_object = exp.EQ(this=kind, expression=exp.Literal.string("OBJECT"))
        found = fn("json_extract", base.copy(), _pointer_step(index))
        return paren(case(is_object, found, null_json))
    if isinstance(index, exp.Literal) and index.is_int:
        if int(index.this) < 0:
            return null_json
        step: exp.Expression = exp.Literal.string(f"/{int(index.this)}")
        in_range: exp.Expression = exp.EQ(this=kind, expression=exp.Literal.string("ARRAY"))
    else:
        text = exp.Cast(this=index.copy(), to=exp.DataType.build("VARCHAR"))
        step = exp.DPipe(this=exp.Literal.string("/"), expression=text, safe=True)
        in_range = exp.and_(
            exp.EQ(this=kind, expression=exp.Literal.string("ARRAY")),
            exp.GTE(this=index.copy(), expression=exp.Literal.number(0)),
        )
    return paren(case(in_range, fn("json_extract", base.copy(), step), null_json))


def json_subscripts(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """``json[i]`` / ``json['k']`` as BigQuery's JSON subscript operator: NULL outside."""
    changed = False
    for node in bottom_up(tree, exp.Bracket):
        if len(node.expressions) != 1 or not _on_json(node.this):
            continue
        new = _lookup(node.this, node.expressions[0])
        new.type = exp.DataType.build("JSON")
        node.replace(new)
        changed = True
    return changed
