"""Bit operators on BYTES (issue 15, oracle round 4): ``~``, ``&``, ``|``, ``^``, ``<<``, ``>>``.

sqlglot writes them over DuckDB's BIT type, which has no empty value (``~b''`` and
``b'' ^ b''`` failed with a conversion error, BigQuery gives ``b''``) and whose shifts take
no BIGINT count (``b'a' << CAST(NULL AS INT64)`` was a raw Binder Error; BigQuery: NULL,
and a negative count is an error). Here they are GoogleSQL's byte operations
(``translate.functions``: ``bq_bytes_bitwise``, ``bq_bytes_not``, ``bq_bytes_shift``).
"""

from __future__ import annotations

from sqlglot import exp

from workbench.translate.context import Context, Translation, UnsupportedError, line_of
from workbench.translate.rules._sql import (
    bottom_up,
    bq_type,
    cast,
    fn,
    is_type,
    nodes,
    typed,
)

_BINARY = {exp.BitwiseAnd: "&", exp.BitwiseOr: "|", exp.BitwiseXor: "^"}


def bytes_bit_operators(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """~x, x & y, x | y, x ^ y, x << n and x >> n of BYTES, byte by byte."""
    changed = False
    kinds = (*_BINARY, exp.BitwiseNot, exp.BitwiseLeftShift, exp.BitwiseRightShift)
    for node in bottom_up(tree, *kinds):
        if not is_type(node.this, "BYTES"):
            continue
        value = node.this.copy()
        if isinstance(node, exp.BitwiseNot):
            new = fn("bq_bytes_not", value)
        elif isinstance(node, (exp.BitwiseLeftShift, exp.BitwiseRightShift)):
            left = exp.true() if isinstance(node, exp.BitwiseLeftShift) else exp.false()
            new = fn("bq_bytes_shift", value, cast(node.expression.copy(), "BIGINT"), left)
        else:
            op = exp.Literal.string(_BINARY[type(node)])
            new = fn("bq_bytes_bitwise", value, node.expression.copy(), op)
        node.replace(typed(new, "BLOB"))
        changed = True
    return changed


_AGGREGATES = {
    exp.BitwiseAndAgg: "BIT_AND",
    exp.BitwiseOrAgg: "BIT_OR",
    exp.BitwiseXorAgg: "BIT_XOR",
}


def bit_aggregate_types(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """BIT_AND/BIT_OR/BIT_XOR of BYTES (as an aggregate or over a window) is refused:
    BigQuery documents INT64 only (GoogleSQL's analyzer takes BYTES, so the gate would let
    it through), and DuckDB's bit aggregates of BLOB were a raw Binder Error. Other types
    are the analyzer gate's signature error."""
    for node in nodes(tree, *_AGGREGATES):
        if is_type(node.this, "BYTES"):
            name = _AGGREGATES[type(node)]
            raise UnsupportedError(
                f"{name} of {bq_type(node.this)}",
                f"BigQuery documents {name} of INT64 only",
                line_of(node),
            )
    return False
