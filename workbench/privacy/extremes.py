"""Edge values reached without MIN or MAX: neighbours in an order, soft maxima, sketches.

- A window ordered by a private number pairs each site with its neighbours in that order:
  ``x - LAG(x) OVER (ORDER BY x)`` telescopes, so its SUM is the largest value minus the
  smallest, and ``LEAD(x)``, ``FIRST_VALUE(x)`` or a running ``SUM(x) OVER (ORDER BY x)``
  carry the edge sites' values into averages. Ranks (ROW_NUMBER, RANK, NTILE...) carry no
  value and stay allowed; a filter on them is a filter on a private value.
- A power or exponential inside an aggregate is dominated by the largest value:
  ``POWER(SUM(POWER(users, 50)), 0.02)`` is the largest system's count within 2%, and
  ``LN(SUM(EXP(x)))`` nearly the maximum (a soft maximum).
- A navigation window (FIRST_VALUE, LAST_VALUE, NTH_VALUE, LAG, LEAD) whose partition spans
  several entities carries one row's value into the rows of others, in whatever order:
  ``AVG(FIRST_VALUE(users) OVER (PARTITION BY major ORDER BY timestamp))`` is the first
  system's user count, however large the group. Partitioned by the entity (each site's own
  previous report) it stays within one site.
- ``APPROX_QUANTILES(x, n)`` returns the minimum and maximum as its first and last
  elements (https://cloud.google.com/bigquery/docs/reference/standard-sql/approximate_aggregate_functions#approx_quantiles):
  only an element within the percentile range is no edge value.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlglot import exp

from workbench.privacy.cells import PERCENTILE_RANGE, VALUE_AGGREGATES, inside_unit_interval
from workbench.privacy.facts import Facts, Finding, output_cells, short
from workbench.privacy.filters import RANKS
from workbench.privacy.resolve import fields, written_name
from workbench.translate import line_of

if TYPE_CHECKING:
    from sqlglot.optimizer.scope import Scope

NAVIGATION = (exp.FirstValue, exp.LastValue, exp.NthValue, exp.Lag, exp.Lead)


class Extremes(Facts):
    def extremes(self, scopes: list[Scope]) -> list[Finding]:
        return (
            self._ordered_windows()
            + self._carried_values()
            + self._soft_maxima(scopes)
            + self._sketch_edges()
        )

    def _carried_values(self) -> list[Finding]:
        """Navigation windows over a private value whose partition is not one entity."""
        found = []
        for scope in self.r.scopes:
            for window in scope.expression.find_all(exp.Window):
                func = window.this.this if isinstance(window.this, exp.IgnoreNulls) else window.this
                if not self._carries(func) or self.r.scope_of(window) is not scope:
                    continue
                if self.within_entity(window, scope) or not self._private_paths(func.this, scope):
                    continue
                found.append(
                    Finding(
                        line_of(window) or 1,
                        "value-aggregate",
                        f"{short(window)} carries one row's private value into the rows of "
                        "other sites (its partition spans many of them), so any aggregate of "
                        f"it is that row's value: add {self.entity} to the PARTITION BY (each "
                        "site's own reports), or aggregate the value itself",
                    )
                )
        return found

    @staticmethod
    def _carries(func: exp.Expression) -> bool:
        """A window function that returns one row's value: a navigation function, MIN or MAX
        (``MAX(x) OVER (PARTITION BY product)``, averaged, is the largest site's number), a
        value aggregate (ANY_VALUE, ARRAY_AGG, STRING_AGG OVER ...), a percentile outside
        5%..95%."""
        if isinstance(func, exp.PercentileCont | exp.PercentileDisc):
            return not inside_unit_interval(func.expression)
        return isinstance(func, (*NAVIGATION, *VALUE_AGGREGATES, exp.Max, exp.Min))

    def within_entity(self, window: exp.Window, scope: Scope) -> bool:
        """Whether a window's PARTITION BY includes the entity (it never spans two sites)."""
        return any(
            self.r.kind(e, scope) == self.entity for e in window.args.get("partition_by") or []
        )

    def _ordered_windows(self) -> list[Finding]:
        found = []
        for scope in self.r.scopes:
            for window in scope.expression.find_all(exp.Window):
                if self.r.scope_of(window) is not scope or _is_rank(window.this):
                    continue
                order = window.args.get("order")
                if order is None:
                    continue
                if not self._orders_by_private(order, scope):
                    continue
                found.append(
                    Finding(
                        line_of(window) or 1,
                        "value-aggregate",
                        f"{short(window)} is ordered by a private value, so it reads each "
                        "site's neighbours in that order (differences to them telescope to the "
                        "largest minus the smallest): order windows by time, or use ranks",
                    )
                )
        return found

    def _orders_by_private(self, order: exp.Expression, scope: Scope) -> bool:
        """Whether an ORDER BY reads a value that is neither public, a report time (ordering
        by time at any precision selects nothing) nor an identifier."""
        paths = {p for p, _ in fields(self.r.expand(order, scope))}
        return bool(paths - self.public - self.per_report - self.identifiers)

    def _soft_maxima(self, scopes: list[Scope]) -> list[Finding]:
        found = []
        for scope in scopes:
            for proj in output_cells(scope.expression):
                for agg in proj.find_all(exp.AggFunc):
                    for node in agg.walk(prune=lambda n: isinstance(n, exp.Query)):
                        if not _amplifies(node) or not self._private_paths(node.this, scope):
                            continue
                        found.append(
                            Finding(
                                line_of(node) or line_of(agg) or 1,
                                "value-aggregate",
                                f"{short(agg)} adds up {short(node)}, which the largest value "
                                "dominates (a soft maximum: the edge site's number, nearly): "
                                "aggregate the number itself, or its square at most",
                            )
                        )
                        break
        return found

    def _sketch_edges(self) -> list[Finding]:
        found = []
        for node in self.r.tree.find_all(exp.ApproxQuantiles):
            scope = self.r.scope_of(node)
            if not self._private_paths(node.this, scope):
                continue
            if _interior_element(node):
                continue
            found.append(
                Finding(
                    line_of(node) or 1,
                    "value-aggregate",
                    f"{written_name(node)} returns the smallest and largest value as its first "
                    "and last elements: take one element within 5%..95% of them "
                    "(APPROX_QUANTILES(x, 100)[OFFSET(50)])",
                )
            )
        return found


def _is_rank(node: exp.Expression) -> bool:
    """ROW_NUMBER, RANK, DENSE_RANK, NTILE, PERCENT_RANK, CUME_DIST: positions, no values."""
    return isinstance(node, RANKS)


def _amplifies(node: exp.Expression) -> bool:
    """EXP, or POWER with an exponent above 2 (or one the data decides)."""
    if isinstance(node, exp.Exp):
        return True
    if not isinstance(node, exp.Pow):
        return False
    power = node.expression
    if isinstance(power, exp.Literal) and not power.is_string:
        try:
            return float(power.this) > 2
        except ValueError:
            return True
    return True


def _interior_element(node: exp.Expression) -> bool:
    """``APPROX_QUANTILES(x, n)[OFFSET(i)]`` with i / n within ``PERCENTILE_RANGE``."""
    bracket = node.parent
    if not isinstance(bracket, exp.Bracket) or len(bracket.expressions) != 1:
        return False
    index, buckets = bracket.expressions[0], node.expression
    if not all(isinstance(v, exp.Literal) and not v.is_string for v in (index, buckets)):
        return False
    position = int(index.this) - int(bracket.args.get("offset") or 0)
    low, high = PERCENTILE_RANGE
    return int(buckets.this) > 0 and low <= position / int(buckets.this) <= high
