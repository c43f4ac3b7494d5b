"""The safety net: functions the translation does not know are refused, never passed through.

sqlglot keeps a function it does not recognise as-is; DuckDB might then run a function of
the same name with different semantics, or fail with an unhelpful message. Only the
functions some rule rewrites (listed here) may remain unrecognised.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from workbench.translate import Context, Translation, UnsupportedError, line_of

if TYPE_CHECKING:
    from sqlglot import exp

HANDLED = {
    "IEEE_DIVIDE",
    "SAFE_ADD",
    "SAFE_SUBTRACT",
    "SAFE_MULTIPLY",
    "SAFE_NEGATE",
    "RANGE_BUCKET",
    "TO_CODE_POINTS",
    "CODE_POINTS_TO_STRING",
    "ARRAY_FIRST",
    "ARRAY_LAST",
    "APPROX_TOP_COUNT",
    "APPROX_TOP_SUM",
}


def unknown_functions(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """Refuse any function call neither sqlglot nor a workbench rule translates."""
    from sqlglot import exp

    for node in tree.find_all(exp.Anonymous):
        name = node.name.upper()
        if name not in HANDLED:
            raise UnsupportedError(
                f"function {name}",
                "the workbench has no translation for it that is known to match BigQuery",
                line_of(node),
            )
    return False
