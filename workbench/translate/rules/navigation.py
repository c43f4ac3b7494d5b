"""Navigation functions (PERCENTILE_CONT/DISC) whose offline form would differ (LAG/LEAD's
arguments: rule navigation-arguments in windows.py).

- ``PERCENTILE_CONT``/``PERCENTILE_DISC`` with ``IGNORE NULLS`` (the default, so dropped:
  the NaN rule then sees the call under its OVER) or ``RESPECT NULLS``: NULLs take part (sorted
  first), but sqlglot's DuckDB form drops the modifier ("RESPECT NULLS is not supported"),
  which would silently give the IGNORE NULLS answer (found by the query oracle); refused.
- A literal percentile outside [0, 1] (or NaN) is BigQuery's analysis error; DuckDB takes
  -1 to 1 (a negative one counts from the end) and words its own error past that.
https://cloud.google.com/bigquery/docs/reference/standard-sql/navigation_functions
"""

from __future__ import annotations

from sqlglot import exp

from wbcore.errors import UserError
from workbench.translate.context import Context, Translation, UnsupportedError, line_of
from workbench.translate.rules._sql import nodes


def _literal_value(node: exp.Expression) -> float | None:
    """The number a constant percentile is written as (``0.5``, ``-0.1``, ``NUMERIC '1.5'``,
    ``CAST('nan' AS FLOAT64)``); None for anything else (a parameter, NULL)."""
    sign = 1.0
    while isinstance(node, exp.Neg | exp.Paren):
        if isinstance(node, exp.Neg):
            sign = -sign
        node = node.this
    if isinstance(node, exp.Cast):
        node = node.this
    if not isinstance(node, exp.Literal):
        return None
    try:
        return sign * float(node.this)
    except ValueError:
        return None


def percentile_range(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """PERCENTILE_CONT/DISC(x, p) with a constant p outside [0, 1]: BigQuery's analysis
    error (navigation_functions#percentile_cont: "percentile must be a literal in the
    range [0, 1]"), raised here; DuckDB reads a negative one from the other end."""
    for node in nodes(tree, exp.PercentileCont, exp.PercentileDisc):
        p = node.args.get("expression")
        value = _literal_value(p) if p is not None else None
        if value is None or 0 <= value <= 1:
            continue
        name = "PERCENTILE_CONT" if isinstance(node, exp.PercentileCont) else "PERCENTILE_DISC"
        raise UserError(
            f"Argument 2 to {name} must be between 0 and 1",
            line=line_of(node),
            construct=name,
        )
    return False


def percentile_null_modifiers(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """PERCENTILE_CONT/DISC(... IGNORE NULLS) is the default form: the modifier goes, so the
    rules that read the call under its OVER (nan-percentile) see it. RESPECT NULLS is
    refused: DuckDB's form would ignore the NULLs."""
    changed = False
    for node in nodes(tree, exp.IgnoreNulls):
        if isinstance(node.this, exp.PercentileCont | exp.PercentileDisc):
            node.replace(node.this)
            changed = True
    for node in nodes(tree, exp.RespectNulls):
        inner = node.this
        if isinstance(inner, exp.PercentileCont | exp.PercentileDisc):
            name = "PERCENTILE_CONT" if isinstance(inner, exp.PercentileCont) else "PERCENTILE_DISC"
            raise UnsupportedError(
                f"{name} with RESPECT NULLS",
                "DuckDB's quantiles skip NULLs; the default (IGNORE NULLS) is supported",
                line_of(node),
            )
    return changed
