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
from workbench.privacy.facts import COUNTS, Facts, Finding, output_cells, short
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
            + self._interpolated_pairs()
        )

    def _carried_values(self) -> list[Finding]:
        """Navigation windows over a private value whose partition is not one entity."""
        found = []
        for scope in self.r.scopes:
            for window in scope.expression.find_all(exp.Window):
                func = window.this.this if isinstance(window.this, exp.IgnoreNulls) else window.this
                carries = self._carries(func) or (
                    _bounded_frame(window)
                    and isinstance(func, exp.AggFunc)
                    and not isinstance(func, COUNTS)
                )
                if not carries or self.r.scope_of(window) is not scope:
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
        """Aggregates of a power, an exponential or a product of three or more private
        numbers (``SUM(x * x * x * x)``, ``SUM(SAFE.POW(2.0, x))``), read through the WITH
        queries and derived tables they come from; an aggregation grouped by the entity is
        one site's own, judged where it is aggregated again."""
        found = []
        judged = list(scopes) + [
            s
            for s in self.r.scopes
            if s not in scopes
            and isinstance(s.expression, exp.Select)
            and not any(self.r.kind(k, s) == self.entity for k in self._group_keys(s))
        ]
        for scope in judged:
            for proj in output_cells(scope.expression):
                for agg in proj.find_all(exp.AggFunc):
                    if self.r.scope_of(agg) is not scope:
                        continue
                    expanded = self.r.expand(agg, scope)
                    private = {
                        id(leaf)
                        for path, leaf in fields(expanded)
                        if path not in self.public | self.per_report | self.identifiers
                    }
                    if not private:
                        continue
                    for node in expanded.walk(prune=lambda n: isinstance(n, exp.Query)):
                        amplifies = _amplifies(node) and any(id(n) in private for n in node.walk())
                        if not amplifies and _degree(node, private) <= 2:
                            continue
                        found.append(
                            Finding(
                                line_of(agg) or 1,
                                "value-aggregate",
                                f"{short(agg)} adds up {short(node)}, which the largest value "
                                "dominates (a soft maximum: the edge site's number, nearly): "
                                "aggregate the number itself, or its square at most",
                            )
                        )
                        break
        # an inner scope's soft maximum is found again where it is aggregated: once each
        return list({(f.line, f.message): f for f in found}.values())

    @staticmethod
    def _group_keys(scope: Scope) -> list[exp.Expression]:
        group = scope.expression.args.get("group")
        return list(group.expressions) if group is not None else []

    def _interpolated_pairs(self) -> list[Finding]:
        """Two PERCENTILE_CONT fractions of one number that both lie in its top (or bottom)
        quarter: PERCENTILE_CONT interpolates linearly between neighbouring values, and in a
        group of k = 5..20 sites the 0.9 and the 0.95 percentile both fall between the two
        largest values (the 0.75 one on the second largest), so the two results solve for
        both: the largest site's exact number. A box plot (0.25, 0.5, 0.75) or a median
        beside a 0.9 percentile keeps at most one fraction in each end quarter."""
        # by the private fields the number reads (x and x + 0 are one number)
        by_value: dict[frozenset[str], list[tuple[float, exp.Expression]]] = {}
        for node in self.r.tree.find_all(exp.PercentileCont):
            scope = self.r.scope_of(node)
            fraction = _fraction(node.expression)
            paths = self._private_paths(node.this, scope) if scope is not None else set()
            if fraction is None or not paths:
                continue
            by_value.setdefault(frozenset(paths), []).append((fraction, node))
        found = []
        for pairs in by_value.values():
            for end in (lambda f: f >= 1 - _END_QUARTER, lambda f: f <= _END_QUARTER):
                near = sorted({f for f, _ in pairs if end(f)})
                if len(near) < 2:
                    continue
                node = next(n for f, n in pairs if f == near[1])
                found.append(
                    Finding(
                        line_of(node) or 1,
                        "value-aggregate",
                        f"{written_name(node)} at {near[0]:g} and at {near[1]:g} of the same "
                        "number interpolate between the same two edge values of a small group "
                        "(their difference solves for the largest or smallest site's number): "
                        "keep one percentile in each end quarter (0.25, 0.5, 0.75, or 0.5 and "
                        "0.9)",
                    )
                )
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


# The end quarters of a percentile's fraction: in a group of k = 5 the 0.75 percentile is the
# second largest value and any fraction above it interpolates towards the largest.
_END_QUARTER = 0.25


def _fraction(node: exp.Expression | None) -> float | None:
    if not isinstance(node, exp.Literal) or node.is_string:
        return None
    try:
        return float(node.this)
    except ValueError:
        return None


def _bounded_frame(window: exp.Window) -> bool:
    """A frame of a few neighbouring rows (``ROWS BETWEEN 1 FOLLOWING AND 1 FOLLOWING``:
    the next row alone, LEAD in disguise; ``1 PRECEDING AND CURRENT ROW``: the row plus its
    predecessor, whose difference is the predecessor's value). A frame open at one end (a
    running total) or the whole partition is no neighbour's value."""
    spec = window.args.get("spec")
    if spec is None:
        return False
    ends = [spec.args.get("start"), spec.args.get("end")]
    words = [str(e.name if isinstance(e, exp.Expression) else e or "").upper() for e in ends]
    if any(w == "UNBOUNDED" for w in words):
        return False
    return any(w not in ("", "CURRENT ROW") for w in words)


def _degree(node: exp.Expression, private: set[int]) -> int:
    """The degree of ``node`` as a polynomial in the private leaves (ids in ``private``):
    ``x * x * x`` is 3, ``SAFE_MULTIPLY(x, y)`` 2, ``x + 1`` 1; other calls keep their
    arguments' highest degree."""
    if id(node) in private:
        return 1
    if isinstance(node, exp.Mul | exp.SafeMultiply):
        return _degree(node.this, private) + _degree(node.expression, private)
    if isinstance(node, exp.Div | exp.SafeDivide | exp.IntDiv):
        return _degree(node.this, private)
    if isinstance(node, exp.Pow):
        base = _degree(node.this, private)
        power = _fraction(node.expression)
        return base * (int(power) if power is not None and power >= 1 else 1)
    if isinstance(node, exp.Query):
        return 0
    return max((_degree(c, private) for c in node.iter_expressions()), default=0)


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
