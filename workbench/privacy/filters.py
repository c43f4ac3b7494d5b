"""Filters of a query, as the small-group rule sees them.

A filter that narrows rows by a private value (``users > 1000``) or by a report time finer
than a day (``times``: a window of seconds is one report), or a LIMIT below the output,
takes the public-key allowance away (the groups left may be one site's); a count filter that
keeps small groups (``HAVING COUNT(DISTINCT site_id) = 1``) singles them out;
``HAVING COUNT(DISTINCT site_id) >= k`` on the rows' own path enforces the minimum.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlglot import exp

from workbench.privacy.facts import COUNTS, Facts, Finding, derived, output_cells, short
from workbench.privacy.resolve import condition_roots, field_of, fields, unparen
from workbench.privacy.times import fine_times
from workbench.translate import line_of

if TYPE_CHECKING:
    from sqlglot.optimizer.scope import Scope

# Window functions that number rows (positions, no values).
RANKS = (exp.RowNumber, exp.Rank, exp.DenseRank, exp.Ntile, exp.PercentRank, exp.CumeDist)


class Filters(Facts):
    def conditions(self) -> list[tuple[exp.Expression, Scope]]:
        """Every leaf of every WHERE, HAVING, QUALIFY and JOIN ON condition, with its scope."""
        out = []
        for scope in self.r.scopes:
            node = scope.expression
            if not isinstance(node, exp.Select):
                continue
            for root in condition_roots(node):
                out.extend((leaf, scope) for leaf in _leaves(root))
        return out

    def selective_filter(self) -> tuple[str, int] | None:
        """A filter leaf that narrows rows by a private value (``users > 1000``), or a LIMIT
        below the output (``ORDER BY users DESC LIMIT 1`` keeps the largest site), if any."""
        for scope in self.r.scopes:
            limit = scope.expression.args.get("limit")
            if scope is not self.r.root and limit is not None:
                return "LIMIT in a subquery", line_of(limit) or line_of(scope.expression) or 1
        for leaf, scope in self.conditions():
            core = unparen(leaf.this) if isinstance(leaf, exp.Not) else leaf
            if isinstance(core, exp.Is) or _against_zero(core):
                continue
            expanded = self.r.expand(leaf, scope)
            counted = {id(n) for c in expanded.find_all(*COUNTS) for n in c.walk()}
            # A subquery in the filter has its own conditions, checked as leaves of its scope.
            paths = {p for p, n in fields(expanded) if id(n) not in counted and p != "?subquery"}
            paths = (paths - self.per_report) | fine_times(expanded, self.per_report)
            if paths - self.public - self.identifiers:
                return short(leaf), line_of(leaf) or 1
        return None

    def _picks_rows(self, expanded: exp.Expression) -> bool:
        """A filter on a rank of single reports across sites (``QUALIFY ROW_NUMBER() OVER
        (ORDER BY timestamp DESC) = 1``: the latest report, one site's): it keeps rows by
        their position, whatever they hold. A rank within each entity (its latest report)
        or of aggregated groups (the top ten modules by sites) picks no site."""
        for window in expanded.find_all(exp.Window):
            if not isinstance(window.this, RANKS):
                continue
            partition = window.args.get("partition_by") or []
            order = window.args.get("order")
            if any(e.find(exp.AggFunc) for e in [*partition, *([order] if order else [])]):
                continue  # ranks of aggregated groups
            if not any(field_of(unparen(e)) == self.entity for e in partition):
                return True
        return False

    def conditional_cells(self, scopes: list[Scope]) -> list[Finding]:
        """An output aggregate conditioned on a private value (``COUNTIF(environment_count =
        568)``, ``SUM(IF(users > 1000, ...))``): a filter moved into the cell, over a subgroup
        the small-group rule never counts, so one site's attribute shows in a large group."""
        problems = []
        for scope in scopes:
            for proj in output_cells(scope.expression):
                for agg in proj.find_all(exp.AggFunc):
                    for cond in conditions_of(agg):
                        if self._picks_rows(self.r.expand(cond, scope)):
                            # COUNTIF(rn = 1) of a rank over all sites' reports: the
                            # first report of each day, one site's, counted per release
                            problems.append(
                                Finding(
                                    line_of(cond) or line_of(agg) or 1,
                                    "targeted-filter",
                                    f"{short(agg)} aggregates only the rows where "
                                    f"{short(cond)}, a rank among the reports of all sites "
                                    "(the first or latest report is one site's): rank within "
                                    f"each site (PARTITION BY {self.entity}), or make the "
                                    "condition a time window",
                                )
                            )
                            break
                        private = self._private_paths(cond, scope)
                        if not private:
                            continue
                        problems.append(
                            Finding(
                                line_of(cond) or line_of(agg) or 1,
                                "targeted-filter",
                                f"{short(agg)} aggregates only the rows where {short(cond)}, a "
                                "condition on a value that is not public: a subgroup the "
                                f"k-anonymity rule does not count; make the condition a group "
                                "key (then HAVING COUNT(DISTINCT ...) >= k counts its entities)",
                            )
                        )
                        break
        return problems

    def _private_paths(self, node: exp.Expression, scope: Scope) -> set[str]:
        expanded = self.r.expand(node, scope)
        counted = {id(n) for c in expanded.find_all(*COUNTS) for n in c.walk()}
        paths = {p for p, n in fields(expanded) if id(n) not in counted and p != "?subquery"}
        paths = (paths - self.per_report) | fine_times(expanded, self.per_report)
        return paths - self.public - self.identifiers

    def targeted_filters(self) -> list[Finding]:
        """Count filters that keep small groups: ``HAVING COUNT(DISTINCT site_id) = 1``."""
        problems = []
        for leaf, scope in self.conditions():
            if self._picks_rows(self.r.expand(leaf, scope)):
                problems.append(
                    Finding(
                        line_of(leaf) or 1,
                        "targeted-filter",
                        f"the filter {short(leaf)} keeps rows by their rank among the reports "
                        "of all sites (the latest report is one site's): rank within each "
                        f"site (PARTITION BY {self.entity}), or filter by a time window",
                    )
                )
                continue
            bound = _count_bound(leaf, lambda n, s=scope: self._is_count(n, s))
            if bound is not None and bound[0] == "upper":
                problems.append(
                    Finding(
                        line_of(leaf) or 1,
                        "targeted-filter",
                        f"the filter {short(leaf)} keeps only groups with few rows or "
                        "entities, which singles them out: filter with a lower bound "
                        f"(>= {self.k}) instead",
                    )
                )
        return problems

    def misplaced_thresholds(self, scopes: list[Scope]) -> list[Finding]:
        """A threshold on the output's groups that does not keep k entities whatever data the
        query meets: one bound to a query parameter (the check binds 5, production any value)
        or one counting something else (``HAVING COUNT(DISTINCT m.version) >= 5``,
        ``COUNT(*) >= 5``: five releases or reports may be one site's). Without a threshold
        the groups are measured; a wrong one only hides that the query relies on that."""
        problems = []
        for scope in scopes:
            leaves = []
            having = scope.expression.args.get("having")
            if having is not None:
                leaves.extend((leaf, scope) for leaf in _leaves(having.this))
            for outer in self._outer_chain(scope):
                where = outer.expression.args.get("where")
                if where is not None:
                    leaves.extend((leaf, outer) for leaf in _leaves(where.this))
            enforced = self.enforces_k(scope)
            for leaf, at in leaves:
                leaf = unparen(leaf)
                if not isinstance(leaf, exp.GT | exp.GTE | exp.LT | exp.LTE):
                    continue
                sides = [(leaf.left, leaf.right), (leaf.right, leaf.left)]
                count = next(
                    ((c, other) for c, other in sides if self._is_count(c, at) is not None), None
                )
                if count is None:
                    continue
                counted, bound = count
                if bound.find(exp.Parameter, exp.Placeholder) is not None:
                    problems.append(
                        Finding(
                            line_of(leaf) or 1,
                            "k-anonymity",
                            f"the threshold {short(leaf)} is a query parameter: the check "
                            "binds one value, production any other; write the number "
                            f"(HAVING COUNT(DISTINCT {self.entity}) >= {self.k})",
                        )
                    )
                    continue
                low = _count_bound(leaf, lambda n, s=at: self._is_count(n, s))
                if enforced or low is None or low[0] != "lower" or low[1] < 2:
                    continue
                if self._counts_entity(self._is_count(counted, at), at):
                    continue
                problems.append(
                    Finding(
                        line_of(leaf) or 1,
                        "k-anonymity",
                        f"the threshold {short(leaf)} counts something else than "
                        f"{self.entity}: that many rows or values may all be one "
                        f"{self.entity}'s; count HAVING COUNT(DISTINCT {self.entity}) >= {self.k}",
                    )
                )
        return problems

    def _counts_entity(self, count: exp.Expression | None, scope: Scope) -> bool:
        """Whether a count aggregate is COUNT(DISTINCT entity), read through derived tables."""
        if not isinstance(count, exp.Count) or not isinstance(count.this, exp.Distinct):
            return False
        args = count.this.expressions
        if len(args) != 1:
            return False
        return {p for p, _ in fields(self.r.expand(args[0], scope))} == {self.entity}

    def _is_count(self, node: exp.Expression, scope: Scope) -> exp.Expression | None:
        """The count aggregate ``node`` is (through aliases of derived tables), or None."""
        node = unparen(node)
        if isinstance(node, exp.Window) and isinstance(node.this, COUNTS):
            return node.this  # QUALIFY COUNT(*) OVER (PARTITION BY slug) = 1
        if isinstance(node, COUNTS):
            return node
        if isinstance(node, exp.Column):
            expanded = self.r.expand(node, scope)
            expanded = unparen(expanded)
            if isinstance(expanded, COUNTS):
                return expanded
        return None

    def enforces_k(self, scope: Scope) -> bool:
        """Whether the groups of ``scope`` keep only those of at least k entities, counted
        on the one path the rows come from (no other entity-bearing source joined in)."""
        if self._paths(scope) != 1:
            return False
        select = scope.expression
        leaves = []
        having = select.args.get("having")
        if having is not None:
            leaves.extend((leaf, scope) for leaf in _conjuncts(having.this))
        for outer in self._outer_chain(scope):
            where = outer.expression.args.get("where")
            if where is not None:
                leaves.extend((leaf, outer) for leaf in _conjuncts(where.this))
        for leaf, at in leaves:
            bound = _count_bound(leaf, lambda n, s=at: self._entity_count(n, s))
            if bound is not None and bound[0] == "lower" and bound[1] >= self.k:
                return True
        return False

    def _entity_count(self, node: exp.Expression, scope: Scope) -> exp.Expression | None:
        node = unparen(node)
        if isinstance(node, exp.Column):
            src = self.r.find_source(scope, node.table) if node.table else None
            if src is None or isinstance(src, exp.Table):
                return None
            for proj in getattr(src.expression, "expressions", []):
                if proj.alias_or_name.lower() == node.name.lower():
                    return self._entity_count(proj.unalias(), src)
            return None
        if isinstance(node, exp.Count) and isinstance(node.this, exp.Distinct):
            args = node.this.expressions
            if len(args) == 1 and self.r.kind(args[0], scope) == self.entity:
                return node
        return None

    def _outer_chain(self, scope: Scope) -> list[Scope]:
        """The pass-through scopes above ``scope`` up to the output."""
        chain = []
        current = self.r.root
        while current is not None and current is not scope:
            chain.append(current)
            derived = self._derived_sources(current)
            current = derived[0] if len(derived) == 1 else None
        return chain if current is scope else []

    def _paths(self, scope: Scope, depth: int = 0) -> int:
        """How many references to the source table feed the rows of ``scope``."""
        if depth > 50:
            return 99
        total = 0
        node = scope.expression
        if isinstance(node, exp.SetOperation):
            return sum(self._paths(b, depth + 1) for b in scope.set_operation_scopes)
        for name in scope.selected_sources:
            src = scope.sources.get(name)
            if self.r.is_source_table(src):
                total += 1
            elif derived(src):
                total += self._paths(src, depth + 1)
        return total


def _leaves(node: exp.Expression) -> list[exp.Expression]:
    """The comparisons of a condition (a NOT stays on its comparison: it flips a bound)."""
    node = unparen(node)
    if isinstance(node, exp.And | exp.Or):
        return _leaves(node.left) + _leaves(node.right)
    if isinstance(node, exp.Not) and isinstance(unparen(node.this), exp.And | exp.Or | exp.Not):
        return _leaves(unparen(node.this))
    return [node]


def _conjuncts(node: exp.Expression) -> list[exp.Expression]:
    node = unparen(node)
    if isinstance(node, exp.And):
        return _conjuncts(node.left) + _conjuncts(node.right)
    return [node]


def _int(node: exp.Expression) -> int | None:
    node = unparen(node)
    if isinstance(node, exp.Literal) and not node.is_string:
        try:
            return int(float(node.this))
        except ValueError:
            return None
    return None


def _count_bound(leaf: exp.Expression, is_count) -> tuple[str, int] | None:
    """("lower", n) for count >= n, ("upper", n) for a filter admitting small counts."""
    leaf = unparen(leaf)
    if isinstance(leaf, exp.Not):  # NOT (count >= k) keeps exactly the small groups
        inner = _count_bound(leaf.this, is_count)
        return ("upper", inner[1]) if inner is not None else None
    if isinstance(leaf, exp.Between) and is_count(leaf.this) is not None:
        return "upper", _int(leaf.args.get("high")) or 0
    if isinstance(leaf, exp.In) and is_count(leaf.this) is not None:
        return "upper", 0
    if not isinstance(leaf, exp.EQ | exp.GT | exp.GTE | exp.LT | exp.LTE):
        return None
    left, right = leaf.left, leaf.right
    flipped = False
    if is_count(left) is None:
        if is_count(right) is None:
            return None
        left, right, flipped = right, left, True
    n = _int(right)
    op = type(leaf)
    if flipped:
        op = {exp.GT: exp.LT, exp.GTE: exp.LTE, exp.LT: exp.GT, exp.LTE: exp.GTE}.get(op, op)
    if op is exp.GTE and n is not None:
        return "lower", n
    if op is exp.GT and n is not None:
        return "lower", n + 1
    if op in (exp.GTE, exp.GT):
        return None  # compared with another value: neither
    return "upper", n or 0


def _against_zero(leaf: exp.Expression) -> bool:
    """``x > 0``, ``x != 0``, ``x >= 0``: drops empty values, selects nobody."""
    leaf = unparen(leaf)
    if isinstance(leaf, exp.GT | exp.GTE | exp.NEQ):
        return _int(leaf.right) == 0 and (isinstance(unparen(leaf.right), exp.Literal))
    return False


# Inside an aggregate, a comparison used as a value (SUM(CAST(x = 568 AS INT64))) and a
# function that clamps or steps a number (SUM(LEAST(GREATEST(users - 999, 0), 1)) counts the
# systems above 999 users; SUM(DIV(x, 4711)), AVG(SIGN(x - 560)), SUM(GREATEST(x, 560)),
# NULLIF(x, 17), ABS(x - 568)) single out the rows on one side of a constant, as IF does.
_COMPARISONS = (
    exp.EQ, exp.NEQ, exp.GT, exp.GTE, exp.LT, exp.LTE, exp.In, exp.Between, exp.Like,
    exp.ILike, exp.NullSafeEQ, exp.NullSafeNEQ, exp.RegexpLike,
)  # fmt: skip
_STEPS = (
    exp.Greatest, exp.Least, exp.Sign, exp.IntDiv, exp.Mod, exp.Floor, exp.Ceil, exp.Round,
    exp.Nullif, exp.Abs,
)  # fmt: skip


def _steps_or_comparisons(node: exp.Expression) -> bool:
    """A step function at a constant, or a comparison used as a value (not IF's or CASE's own
    condition). A step at zero only (``GREATEST(count - previous, 0)``, a counter reset
    clamped; ``SIGN(x)``, ``ABS(x)``) picks no constant the query's author chose."""
    if isinstance(node, _STEPS):
        decimals = node.args.get("decimals")
        constants = [
            n
            for n in node.walk()
            if isinstance(n, exp.Literal) and n is not decimals and n.parent is not decimals
        ]
        return any(n.is_string or _int(n) != 0 for n in constants)
    return isinstance(node, _COMPARISONS) and not isinstance(node.parent, exp.If | exp.Case)


def conditions_of(agg: exp.Expression) -> list[exp.Expression]:
    """The row conditions inside an aggregate: COUNTIF's and LOGICAL_OR's argument, the
    conditions of IF and CASE (a simple CASE's operand), comparisons used as values and the
    operands of step functions in its argument (not of a subquery's own scope)."""
    found = []
    if isinstance(agg, exp.CountIf | exp.LogicalOr | exp.LogicalAnd):
        found.append(agg.this)
    for node in agg.walk(prune=lambda n: isinstance(n, exp.Query)):
        if isinstance(node, exp.Query):
            continue
        if isinstance(node, exp.If):
            found.append(node.this)
        elif isinstance(node, exp.Case):
            found.extend(i.this for i in node.args.get("ifs") or [])
            if node.this is not None:
                found.append(node.this)
        elif _steps_or_comparisons(node):
            found.append(node)
    return [c for c in found if not isinstance(unparen(c), exp.Is)]
