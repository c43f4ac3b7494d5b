"""Casts BigQuery refuses: the pairs of types its conversion rules do not allow.

DuckDB casts BOOL to FLOAT64, FLOAT64 to BOOL, BYTES to INT64, DATE to INT64 and more; BigQuery
rejects each such statement ("Invalid cast from BOOL to FLOAT64"), CAST and SAFE_CAST alike
(https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_rules#conversion_overview).
The table is the conversion-rules page's, and GoogleSQL's reference evaluator (zetasql)
rejects exactly the other pairs of these scalar types.
"""

from __future__ import annotations

from sqlglot import exp

from workbench.translate.context import Context, Translation, UserError, line_of
from workbench.translate.rules._sql import (
    bottom_up,
    bq_type,
    case,
    fn,
    nodes,
    num,
    paren,
    struct_fields,
)

_NUMBERS = ("INT64", "FLOAT64", "NUMERIC", "BIGNUMERIC")
_CIVIL = ("DATE", "DATETIME", "TIMESTAMP")
# source type -> the types it may be cast to (besides STRING, and itself)
ALLOWED: dict[str, frozenset[str]] = {
    "INT64": frozenset({*_NUMBERS, "BOOL"}),
    "FLOAT64": frozenset(_NUMBERS),
    "NUMERIC": frozenset(_NUMBERS),
    "BIGNUMERIC": frozenset(_NUMBERS),
    "BOOL": frozenset({"INT64", "BOOL"}),
    "BYTES": frozenset({"BYTES"}),
    "DATE": frozenset(_CIVIL),
    "DATETIME": frozenset({*_CIVIL, "TIME"}),
    "TIMESTAMP": frozenset({*_CIVIL, "TIME"}),
    "TIME": frozenset({"TIME"}),
}


def invalid_casts(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """CAST/SAFE_CAST between scalar types BigQuery does not convert is an error."""
    for node in nodes(tree, exp.Cast):
        inner = node.this
        while isinstance(inner, exp.Paren):
            inner = inner.this
        if isinstance(inner, exp.Null):
            continue  # an untyped NULL casts to any type
        source, target = bq_type(node.this), bq_type(node.to)
        if source not in ALLOWED or target not in (*ALLOWED, "STRING") or target == "STRING":
            continue  # STRING, arrays, structs, unknown types: their own rules
        if target != source and target not in ALLOWED[source]:
            raise UserError(
                f"Invalid cast from {source} to {target}",
                line=line_of(node),
                construct="SAFE_CAST" if isinstance(node, exp.TryCast) else "CAST",
                hint="BigQuery's conversion rules do not allow it (conversion_rules)",
            )
    return False


def _fields(t: exp.DataType | None) -> list[tuple[str | None, exp.DataType | None]] | None:
    if t is None or t.this != exp.DataType.Type.STRUCT or not t.expressions:
        return None
    return struct_fields(t)


def struct_casts(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """CAST(struct AS STRUCT<...>) converts field by field, by position, and takes the
    target's field names (conversion_rules#casting_structs); DuckDB matches fields by name
    and refuses a cast with none in common ("must have at least one matching member"). The
    cast becomes a STRUCT of each field cast to its type (NULL stays NULL)."""
    changed = False
    for node in bottom_up(tree, exp.Cast):
        target, source = _fields(node.to), _fields(node.this.type)
        if target is None or source is None or isinstance(node.this, exp.Null):
            continue
        if len(target) != len(source) or any(name is None for name, _ in target):
            continue  # a different count is BigQuery's error (the analyzer's gate says so)
        if [n for n, _ in target] == [n for n, _ in source]:
            continue  # same names: DuckDB's cast by name is the cast by position
        if any(kind is None for _, kind in target):
            continue
        value = node.this
        items = [
            exp.PropertyEQ(
                this=exp.to_identifier(name),
                expression=exp.Cast(
                    this=fn("struct_extract_at", value.copy(), num(i + 1)), to=kind.copy()
                ),
            )
            for i, (name, kind) in enumerate(target)
        ]
        built = exp.Struct(expressions=items)
        new = paren(case(exp.Is(this=value.copy(), expression=exp.Null()), exp.Null(), built))
        new.type = node.to.copy()
        node.replace(new)
        changed = True
    return changed
