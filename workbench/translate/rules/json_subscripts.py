"""JSON subscripts (``json[0]``, ``json['key']``) and field access under them, as BigQuery's.

BigQuery's ``json_expr[i]`` is the i-th element (from 0) of a JSON array, NULL for a negative
or too large index, for a NULL index, and when the value is no array; ``json_expr['k']`` the
member ``k`` of an object, NULL when there is none
(https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#json_subscript_operator).
DuckDB counts a negative index from the end (``JSON '[1, 2]'[-1]`` was 2), and when the
subscripted value is a field of a JSON value (``j.arr[1]``) sqlglot does not know it is JSON
and moves the index to DuckDB's 1-based arrays (the element after the one asked for). Each
subscript of a JSON value is written as ``json_extract``: an integer index kept from 0 and
NULL when negative, a key read as a member name (a key that starts with ``$``, which DuckDB
would read as a path, as the quoted path of that one member).
"""

from __future__ import annotations

from sqlglot import exp

from workbench.translate.context import Context, Translation
from workbench.translate.rules._sql import bottom_up, case, fn, is_type, num, paren


def _json_rooted(node: exp.Expression | None) -> bool:
    """A JSON value: typed so, or a field or subscript of one (the annotator types neither)."""
    while node is not None:
        if is_type(node, "JSON"):
            return True
        if isinstance(node, exp.Paren):
            node = node.this
        elif isinstance(node, exp.Dot | exp.Bracket) or (
            isinstance(node, exp.Anonymous) and node.name.lower() == "json_extract"
        ):
            node = node.this if not isinstance(node, exp.Anonymous) else node.expressions[0]
        else:
            return False
    return False


def _member(base: exp.Expression, key: exp.Expression) -> exp.Expression:
    quoted = exp.DPipe(
        this=exp.DPipe(
            this=exp.Literal.string('$."'),
            expression=fn(
                "replace", key.copy(), exp.Literal.string('"'), exp.Literal.string('\\"')
            ),
        ),
        expression=exp.Literal.string('"'),
    )
    dollar = fn("starts_with", key.copy(), exp.Literal.string("$"))
    return paren(
        case(dollar, fn("json_extract", base.copy(), quoted), fn("json_extract", base, key))
    )


def json_subscripts(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """``json[i]`` / ``json['k']``: from 0, NULL for a negative index (see the module)."""

    changed = False
    for node in bottom_up(tree, exp.Bracket):
        if len(node.expressions) != 1 or node.args.get("safe"):
            continue
        if not _json_rooted(node.this):
            continue
        base, key = node.this.copy(), node.expressions[0].copy()
        if is_type(key, "STRING") or (isinstance(key, exp.Literal) and key.is_string):
            new = _member(base, key)
        else:
            negative = exp.LT(this=key.copy(), expression=num(0))
            new = paren(case(negative, exp.Null(), fn("json_extract", base, key)))
        new.type = exp.DataType.build("JSON")
        node.replace(new)
        changed = True
    return changed
