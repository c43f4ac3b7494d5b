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
from workbench.translate.rules._sql import bq_type, nodes

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
