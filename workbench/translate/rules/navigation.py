"""Navigation functions (LAG, LEAD, PERCENTILE_CONT/DISC) whose offline form would differ.

- ``LAG``/``LEAD`` with a default that is not a constant: GoogleSQL's reference
  implementation requires the default to be constant ("The third argument (the default
  expression) to LEAD must be constant"), DuckDB takes a column and answers; refused, so
  no answer BigQuery does not give is shown.
- ``PERCENTILE_CONT``/``PERCENTILE_DISC`` with ``IGNORE NULLS`` (the default, so dropped:
  the NaN rule then sees the call under its OVER) or ``RESPECT NULLS``: NULLs take part (sorted
  first), but sqlglot's DuckDB form drops the modifier ("RESPECT NULLS is not supported"),
  which would silently give the IGNORE NULLS answer (found by the query oracle); refused.
https://cloud.google.com/bigquery/docs/reference/standard-sql/navigation_functions
"""

from __future__ import annotations

from sqlglot import exp

from workbench.translate.context import Context, Translation, UnsupportedError, line_of
from workbench.translate.rules._sql import nodes


def _constant(node: exp.Expression) -> bool:
    """No column, subquery or function of rows: a literal, a parameter, or built from them."""
    if isinstance(node, exp.Column | exp.Subquery | exp.Select | exp.AggFunc | exp.Window):
        return False
    return not any(
        isinstance(n, exp.Column | exp.Subquery | exp.Select | exp.AggFunc | exp.Window)
        for n in node.walk()
        if n is not node
    )


def constant_lag_default(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """Refuse LAG/LEAD whose default (third argument) reads a column or a subquery."""
    for node in nodes(tree, exp.Lag, exp.Lead):
        default = node.args.get("default")
        if default is not None and not _constant(default):
            name = "LAG" if isinstance(node, exp.Lag) else "LEAD"
            raise UnsupportedError(
                f"{name} with a default that is not a constant",
                "GoogleSQL requires the default expression (the third argument) to be a "
                "constant; use IFNULL/COALESCE around the call for a per-row default",
                line_of(node),
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
