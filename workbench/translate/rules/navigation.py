"""Navigation functions (PERCENTILE_CONT/DISC) whose offline form would differ (LAG/LEAD's
arguments: rule navigation-arguments in windows.py).

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
