"""The safety net: functions the translation does not know are refused, never passed through.

sqlglot keeps a function it does not recognise as-is; DuckDB might then run a function of
the same name with different semantics, or fail with an unhelpful message. Only the
functions some rule says it ``handles`` (``registry.HANDLED_FUNCTIONS``) may remain unrecognised.
"""

from __future__ import annotations

from sqlglot import exp

from workbench.translate.context import UnsupportedError, line_of


def unknown_functions(tree: exp.Expression, handled: frozenset[str]) -> bool:
    """Refuse any function call neither sqlglot nor a workbench rule (``handled``) translates.

    The ``NET.`` functions are refused by their family: sqlglot knows some of them
    (NET.HOST, NET.REG_DOMAIN), but DuckDB has none (its ``host()`` reads an INET value, from
    an extension the sandbox never loads), so a known name is no translation either.
    """

    for node in tree.find_all(exp.NetFunc):
        inner = node.this
        name = inner.name.upper() if isinstance(inner, exp.Anonymous) else inner.sql_name()
        raise UnsupportedError(
            f"function NET.{name}",
            "DuckDB has no NET functions; the workbench has no translation of them",
            line_of(node),
        )
    for node in tree.find_all(exp.Anonymous):
        name = written_name(node)
        if name not in handled:
            raise UnsupportedError(
                f"function {name}",
                "the workbench has no translation for it that is known to match BigQuery",
                line_of(node),
            )
    return False


def written_name(node: exp.Anonymous) -> str:
    """A call's name as written: ``HLL_COUNT.MERGE`` for a dotted function, not ``MERGE``."""
    parent = node.parent
    if (
        isinstance(parent, exp.Dot)
        and parent.expression is node
        and isinstance(parent.this, exp.Identifier | exp.Column)
    ):
        return f"{parent.this.name.upper()}.{node.name.upper()}"
    return node.name.upper()
