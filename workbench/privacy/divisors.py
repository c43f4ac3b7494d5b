"""Divisors the data can make zero: counts of rows a private filter narrows.

``1 / COUNT(*)`` under ``WHERE environment_count = 568`` fails exactly when no site has 568
environments, and ``1 / (COUNT(DISTINCT site_id) - 1)`` when a group has one site. A bare
count of rows that only public values and report times narrow is allowed (a share over the
week's sites fails only when nobody reported), and so are ``NULLIF(d, 0)`` and
``GREATEST(d, 1)``, which can never be zero.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlglot import exp

from workbench.privacy.facts import COUNTS, short
from workbench.privacy.private_reads import reads_private
from workbench.privacy.resolve import condition_roots, unparen

if TYPE_CHECKING:
    from workbench.privacy.resolve import Resolver

# Aggregates that return one of the values they read (of public values: a catalogue's entry),
# whose size no count of rows decides.
EDGES = (exp.Min, exp.Max, exp.AnyValue)


class ZeroCounts:
    """Whether a divisor built from aggregates can be zero depending on the data: anything
    but one bare count (``COUNT(*)``, ``COUNT(DISTINCT id)``) of rows that no private value
    narrows. ``1 / COUNT(*)`` under ``WHERE environment_count = 568`` fails exactly when no
    site has 568 environments; ``1 / (COUNT(DISTINCT site_id) - 1)`` when a group has one
    site; a share over the week's count of sites fails only when nobody reported."""

    def __init__(self, resolver: Resolver, known: set[str]) -> None:
        self.r = resolver
        self.known = known

    def reason(self, divisor: exp.Expression, depth: int = 0) -> str | None:
        return self._value(divisor, self.r.scope_of(divisor), depth)

    def _value(self, node: exp.Expression, scope, depth: int) -> str | None:
        node = unparen(node)
        if depth > 30:
            return "a value that cannot be followed"
        if isinstance(node, exp.Subquery) and isinstance(node.this, exp.Select):
            inner = self.r.by_node.get(id(node.this))
            projections = node.this.expressions
            if inner is None or len(projections) != 1:
                return "a subquery that cannot be followed"
            return self._value(projections[0].unalias(), inner, depth + 1)
        if isinstance(node, exp.Column) and node.table:
            src = self.r.find_source(scope, node.table)
            if (
                src is None
                or isinstance(src, exp.Table)
                or not isinstance(src.expression, exp.Select)
            ):
                return None  # a column of the table: judged by reads_private
            for proj in src.expression.expressions:
                if proj.alias_or_name.lower() == node.name.lower():
                    return self._value(proj.unalias(), src, depth + 1)
            return None
        if isinstance(node, COUNTS):
            return self._count(node, scope)
        for part in node.walk():
            if isinstance(part, exp.AggFunc) and not isinstance(part, EDGES):
                return "an expression over aggregates (a count minus 1, a sum) that can be zero"
            nested = isinstance(part, exp.Subquery | exp.Column) and part is not node
            if nested and self._value(part, scope, depth + 1):
                return "an expression over aggregates (a count minus 1, a sum) that can be zero"
        return None

    def _count(self, count: exp.Expression, scope) -> str | None:
        if isinstance(count, exp.CountIf) and reads_private(count.this, self.r, self.known):
            return f"{short(count)}, a count of rows picked by a value from the reports"
        for inner in scope.traverse() if scope is not None else []:
            select = inner.expression
            if not isinstance(select, exp.Select):
                continue
            for condition in condition_roots(select):
                if reads_private(condition, self.r, self.known):
                    return (
                        f"{short(count)}, a count of rows narrowed by a value from the reports "
                        f"({short(condition)})"
                    )
        return None


def never_zero(node: exp.Expression) -> bool:
    """``NULLIF(d, 0)`` (NULL where d is 0: the division is NULL, no error) and
    ``GREATEST(d, 1)`` (at least a positive constant) can never be zero."""
    if isinstance(node, exp.Nullif):
        return _is_zero(unparen(node.expression))
    if isinstance(node, exp.Greatest):
        return any(_positive_literal(unparen(a)) for a in [node.this, *node.expressions])
    return False


def _is_zero(node: exp.Expression) -> bool:
    return isinstance(node, exp.Literal) and not node.is_string and _number(node) == 0


def _positive_literal(node: exp.Expression) -> bool:
    return isinstance(node, exp.Literal) and not node.is_string and (_number(node) or 0) > 0


def _number(node: exp.Literal) -> float | None:
    try:
        return float(node.this)
    except ValueError:
        return None


def nonzero_literal(node: exp.Expression) -> bool:
    if isinstance(node, exp.Neg):
        node = unparen(node.this)
    if not isinstance(node, exp.Literal) or node.is_string:
        return False
    try:
        return float(node.this) != 0
    except ValueError:
        return False
