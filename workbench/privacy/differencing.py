"""Differencing inside one query: two published aggregates over sets that differ by a few sites.

Each group may be large while the difference of two is one site. Two shapes:

- Overlapping grouping levels with a threshold: ``GROUP BY GROUPING SETS ((version), ())``
  (or ROLLUP, CUBE) ``HAVING COUNT(DISTINCT site_id) >= 5`` shows the total and every large
  version; the total minus the versions shown is the sum of those HAVING dropped, a group of
  one site. Without the threshold every group is shown and measured, so nothing is hidden.
- Nested populations on several paths: the source table read twice (set-operation branches,
  scalar subqueries, joined derived tables), one read narrowed by a private value (``WHERE
  environment_count < 560``) or by a count threshold (``HAVING COUNT(DISTINCT site_id) >=
  5`` beside an unthresholded total), and a private value aggregated in two scopes: ``total
  - most`` is the top site's number. Counting entities on both paths only (a share of sites, as
  ``COUNT(DISTINCT system_id) / (SELECT COUNT(DISTINCT system_id) ...)``) shows no site's
  value and stays allowed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlglot import exp

from workbench.privacy.facts import COUNTS, Finding, output_cells, short
from workbench.privacy.filters import Filters, _against_zero, _count_bound, _leaves
from workbench.privacy.resolve import condition_roots, unparen
from workbench.translate import line_of

if TYPE_CHECKING:
    from sqlglot.optimizer.scope import Scope

_LEVELS = (exp.Rollup, exp.Cube, exp.GroupingSets)


class Differencing(Filters):
    def differencing(self, scopes: list[Scope]) -> list[Finding]:
        return (
            self._thresholded_levels(scopes)
            + self._nested_populations()
            + self._picked_through_reads(scopes)
        )

    def _picked_through_reads(self, scopes: list[Scope]) -> list[Finding]:
        """An output aggregate that reads a column of an outer-joined table narrowed by a
        private value (``COUNT(c.s)``, ``COUNTIF(c.s IS NOT NULL)`` over ``LEFT JOIN (SELECT
        site_id AS s ... WHERE environment_count = 568)``), or tests membership in such a
        read (``COUNTIF(site_id IN (SELECT site_id ... WHERE environment_count = 568))``):
        a conditional cell whose condition sits in the other read."""
        found = []
        for scope in scopes:
            for proj in output_cells(scope.expression):
                cells = list(proj.find_all(exp.AggFunc)) + [
                    q for q in proj.find_all(exp.Query) if q.find_ancestor(exp.AggFunc) is None
                ]
                for cell in cells:
                    narrowed = self._narrowed_read(cell, scope)
                    if narrowed is None:
                        continue
                    found.append(
                        Finding(
                            line_of(cell) or 1,
                            "targeted-filter",
                            f"{short(cell)} reads rows another read of the table picked by a "
                            f"private value ({narrowed}): a subgroup the k-anonymity rule does "
                            "not count; make the condition a group key (then HAVING "
                            "COUNT(DISTINCT ...) >= k counts its entities)",
                        )
                    )
                    break
        return found

    def _narrowed_read(self, agg: exp.Expression, scope: Scope) -> str | None:
        outer = {
            (j.alias_or_name or "").lower()
            for j in scope.expression.args.get("joins") or []
            if (j.side or "").upper() in ("LEFT", "RIGHT", "FULL")
        }
        for node in agg.walk():
            inner = None
            if isinstance(node, exp.Column) and node.table and node.table.lower() in outer:
                inner = scope.sources.get(node.table)
            elif isinstance(node, exp.Query):
                inner = self.r.by_node.get(id(node))
            if inner is None or isinstance(inner, exp.Table):
                continue
            picked = self._private_leaf(inner)
            if picked is not None:
                return picked[0]
        return None

    def _private_leaf(self, top: Scope, thresholds: bool = False) -> tuple[str, int] | None:
        """A WHERE, JOIN ON or HAVING leaf on a private value (or, with ``thresholds``, a
        count lower bound) in a scope or those under it: its text and line."""
        for scope in top.traverse():
            select = scope.expression
            if not isinstance(select, exp.Select):
                continue
            for root in condition_roots(select):
                for leaf in _leaves(root):
                    core = unparen(leaf.this) if isinstance(leaf, exp.Not) else leaf
                    if isinstance(core, exp.Is) or _against_zero(core):
                        continue
                    counted = thresholds and (
                        _count_bound(leaf, lambda n, s=scope: self._is_count(n, s)) is not None
                    )
                    if counted or self._private_paths(leaf, scope):
                        return short(leaf), line_of(leaf) or 1
        return None

    def _thresholded_levels(self, scopes: list[Scope]) -> list[Finding]:
        found = []
        for scope in scopes:
            select = scope.expression
            group = select.args.get("group")
            levels = group is not None and any(group.find_all(*_LEVELS))
            if levels and (select.args.get("having") is not None or self._filtered_above(scope)):
                found.append(
                    Finding(
                        line_of(group) or line_of(select) or 1,
                        "differencing",
                        "GROUPING SETS / ROLLUP / CUBE publish a total beside its parts, and the "
                        "threshold drops some parts: the total minus the parts shown is the "
                        "dropped groups' value (a few sites'); publish one grouping level per "
                        "query",
                    )
                )
        return found

    def _filtered_above(self, scope: Scope) -> bool:
        chain = self._outer_chain(scope)
        return any(s.expression.args.get("where") is not None for s in chain)

    def _nested_populations(self) -> list[Finding]:
        reads = [t for t in self.r.tree.find_all(exp.Table) if self.r.is_source_table(t)]
        if len(reads) < 2:
            return []
        narrowed = self._private_narrowing()
        values = self._private_value_aggregates()
        if narrowed is None or len(values) < 2:
            return []  # a private value aggregated on one read only: no total to subtract
        value = next(iter(values.values()))
        return [
            Finding(
                narrowed[1],
                "differencing",
                f"the query reads the table {len(reads)} times and narrows one read by a private "
                f"value or a threshold ({narrowed[0]}) while aggregating {value}: the aggregate over all rows "
                "minus the one over the narrowed rows is the value of the few sites left out; "
                "make the condition a group key (then HAVING COUNT(DISTINCT ...) >= k counts "
                "its entities)",
            )
        ]

    def _private_narrowing(self) -> tuple[str, int] | None:
        """A WHERE, JOIN ON or HAVING leaf on a private value, or a count threshold (which
        drops the small groups), anywhere."""
        return self._private_leaf(self.r.root, thresholds=True) if self.r.root else None

    def _private_value_aggregates(self) -> dict[int, str]:
        """The scopes that aggregate a private value (not a count), with one such aggregate."""
        found: dict[int, str] = {}
        for scope in self.r.scopes:
            for agg in scope.expression.find_all(exp.AggFunc):
                if isinstance(agg, COUNTS) or self.r.scope_of(agg) is not scope:
                    continue
                if self._private_paths(agg, scope):
                    found.setdefault(id(scope), short(agg))
        return found
