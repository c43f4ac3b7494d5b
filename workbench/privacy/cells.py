"""What fills the output cells: counts, numbers, or single reports' values.

Value-returning aggregates (ARRAY_AGG, STRING_AGG, ANY_VALUE, MIN/MAX of non-numbers...)
or subqueries over rows still one per report or per entity pack a site into a cell; an
aggregate of a private attribute (``AVG(environment_count)``) is, in a group of one site,
that site's value, so public keys no longer protect it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlglot import exp

from workbench.privacy.facts import COUNTS, Facts, Finding, output_cells, short
from workbench.privacy.lineage import AGGREGATE
from workbench.privacy.resolve import field_of, fields, unparen, written_name
from workbench.translate import line_of

if TYPE_CHECKING:
    from sqlglot.optimizer.scope import Scope

VALUE_AGGREGATES = (
    exp.ArrayAgg, exp.ArrayConcatAgg, exp.ArrayUniqueAgg, exp.GroupConcat, exp.AnyValue,
    exp.ApproxTopK, exp.ApproxTopSum, exp.FirstValue, exp.LastValue, exp.NthValue, exp.ArgMax,
    exp.ArgMin, exp.BitwiseOrAgg, exp.BitwiseAndAgg, exp.BitwiseXorAgg,
)  # fmt: skip
# (BIT_OR / BIT_AND / BIT_XOR fold the rows' bits: BIT_OR(1 << x) is the set of the values
# present, the top bit of BIT_OR(x) bounds the largest, BIT_AND(~x) is the smallest's
# complement: each packs single values, not a sum of them.)
# Aggregates that return one input value as it is: the extremes (MIN, MAX) and the
# percentiles at a fraction of 0 or 1 are the value of the one site at the edge.
EXTREMES = (exp.Max, exp.Min, exp.PercentileCont, exp.PercentileDisc)
NUMBER_FUNCTIONS = (
    exp.AggFunc, exp.ArraySize, exp.Abs, exp.Round, exp.Floor, exp.Ceil, exp.Sqrt, exp.Ln,
    exp.Log, exp.Pow, exp.SafeDivide, exp.Coalesce, exp.Greatest, exp.Least, exp.Sign,
)  # fmt: skip
NUMERIC = {"INT64", "FLOAT64", "NUMERIC", "BIGNUMERIC", "INTEGER", "FLOAT", "BOOL", "BOOLEAN"}


class Cells(Facts):
    def private_values(self, scopes: list[Scope], records: set[str]) -> tuple[str, int] | None:
        """An output value aggregating a private attribute (``AVG(environment_count)``):
        in a group of one site it is that site's value, whatever the keys. Counts, and
        numbers of the keys' own record (``SUM(classes.count)`` per class), are not."""
        allowed = self.public | self.per_report | self.identifiers
        for scope in scopes:
            for proj in output_cells(scope.expression):
                for agg in proj.find_all(exp.AggFunc):
                    if isinstance(agg, COUNTS):
                        continue
                    expanded = self.r.expand(agg, scope)
                    counted = {id(n) for c in expanded.find_all(*COUNTS) for n in c.walk()}
                    for path, leaf in fields(expanded):
                        if id(leaf) in counted or path in allowed:
                            continue
                        if "." in path and path.rsplit(".", 1)[0] in records:
                            continue
                        return short(agg), line_of(agg) or line_of(proj) or 1
        return None

    def value_aggregates(
        self, scope: Scope, keys: list[exp.Expression], inner: bool = False
    ) -> list[Finding]:
        """ARRAY_AGG & co. in the output over rows still per report or per entity.

        ``inner``: an inner aggregation whose values are aggregated again outside: only the
        cells over private values count (an array of public products, unnested and counted
        outside, packs no site's value)."""
        if self.lineage.input_grain(scope) <= AGGREGATE:
            return self._edges_of_groups(scope)
        problems = []
        bucketed = self._key_parts(keys, scope)
        open_top = self._key_parts(keys, scope, open_above=True)
        problems.extend(self._edge_keys(keys, scope))
        for proj in output_cells(scope.expression):
            for node in proj.walk():
                if isinstance(node, exp.Query):
                    continue
                if inner and not (
                    isinstance(node, exp.AggFunc) and self._private_paths(node, scope)
                ):
                    continue
                name = None
                if isinstance(node, VALUE_AGGREGATES):
                    name = written_name(node)
                elif isinstance(node, EXTREMES) and not self._numeric(node.this, scope):
                    name = f"{written_name(node)} of a value that is not a number"
                elif isinstance(node, EXTREMES) and self._edge_value(
                    node, scope, bucketed, open_top
                ):
                    problems.append(self._edge_finding(node, proj))
                    continue
                if name:
                    problems.append(
                        Finding(
                            line_of(node) or line_of(proj) or 1,
                            "value-aggregate",
                            f"{name} puts values of single reports or sites into an output "
                            "cell: output counts, sums or averages instead",
                        )
                    )
        return problems

    def _edges_of_groups(self, scope: Scope) -> list[Finding]:
        """MIN / MAX over the rows of inner groups that no threshold keeps large: ``MIN(s)``
        of ``SUM(environment_count)`` per release is the sum of the smallest release, one
        site's number when one site runs it. Over inner groups of at least k entities
        (``HAVING COUNT(DISTINCT site_id) >= 5``) the edge is a large group's."""
        inner = [s for s in self._derived_sources(scope) if self.lineage.grain(s) == AGGREGATE]
        if not inner or all(self.enforces_k(s) for s in inner):
            return []
        problems = []
        for proj in output_cells(scope.expression):
            for node in proj.find_all(*EXTREMES):
                if isinstance(node, exp.PercentileCont | exp.PercentileDisc) and (
                    inside_unit_interval(node.expression)
                ):
                    continue
                expanded = self.r.expand(node.this, scope)
                sums = [
                    a
                    for a in expanded.find_all(exp.AggFunc)
                    if not isinstance(a, COUNTS)
                    and {p for p, _ in fields(a)} - self.public - self.per_report - self.identifiers
                ]
                if sums:
                    problems.append(self._edge_finding(node, proj))
        return problems

    def _key_parts(
        self, keys: list[exp.Expression], scope: Scope, open_above: bool = False
    ) -> set[str]:
        """Every subexpression of the group keys, over the source's fields: the values
        a key buckets (``module_count`` of ``CASE WHEN module_count < 10 ...``).

        ``open_above``: only those a key puts into a bucket without an upper end. A CASE or IF
        over a number always has one (its ELSE, or NULL, takes every larger value: ``'500+'``)
        and so has LEAST(x, c); DIV, FLOOR or the number itself bucket it into closed ranges."""
        parts = set()
        for key in keys:
            for node in self.r.expand(key, scope).walk():
                if not open_above:
                    parts.add(node.sql())
                elif isinstance(node, exp.Case | exp.If | exp.Least):
                    parts.update(n.sql() for n in node.walk())
        return parts

    def _edge_value(
        self, node: exp.Expression, scope: Scope, bucketed: set[str], open_top: set[str]
    ) -> bool:
        """MIN / MAX, or a percentile at 0 or 1, of a number from the reports: the exact
        value of the one site at the edge (its 568 environments), whatever the group's
        size. Not when the number is what a key buckets (the lowest value of a histogram
        bucket) or a percentile strictly inside (0, 1) computed in an inner scope; but the
        MAX of a bucket open above (``'500+'``) is the largest site's number all the same
        (the counts these sources hold start at 0: every bucket's lowest value is bounded)."""
        percentile = isinstance(node, exp.PercentileCont | exp.PercentileDisc)
        if percentile and inside_unit_interval(node.expression):
            return False
        expanded = unparen(self.r.expand(node.this, scope))
        if expanded.sql() in bucketed:
            top = isinstance(node, exp.Max) or (percentile and not _below_half(node.expression))
            return top and expanded.sql() in open_top
        if isinstance(expanded, exp.Window) and isinstance(
            expanded.this, exp.PercentileCont | exp.PercentileDisc
        ):
            return not inside_unit_interval(expanded.this.expression)
        paths = {p for p, _ in fields(expanded)}
        if paths and paths <= self.public:
            return False  # a catalogue's number (the highest exit code): no site's own
        return bool(paths) or bool(expanded.find(exp.AggFunc))

    def _edge_keys(self, keys: list[exp.Expression], scope: Scope) -> list[Finding]:
        """A group key that is a window's edge value over many entities (``MAX(x) OVER ()``
        in a WITH query, then GROUP BY it): the one site's value as the key of a large group.
        Partitioned by an identifier it is each entity's own value (a histogram of it)."""
        found = []
        for key in keys:
            for node in self.r.expand(key, scope).walk():
                if not isinstance(node, exp.Window) or not isinstance(node.this, EXTREMES):
                    continue
                agg = node.this
                if isinstance(agg, exp.PercentileCont | exp.PercentileDisc) and (
                    inside_unit_interval(agg.expression)
                ):
                    continue
                partition = {p for e in node.args.get("partition_by") or [] for p, _ in fields(e)}
                if partition & self.identifiers:
                    continue
                paths = {p for p, _ in fields(agg.this)}
                if paths and not paths <= self.public:
                    found.append(self._edge_finding(agg, key))
                    break
        return found

    @staticmethod
    def _edge_finding(node: exp.Expression, proj: exp.Expression) -> Finding:
        return Finding(
            line_of(node) or line_of(proj) or 1,
            "value-aggregate",
            f"{written_name(node)} of a number from the reports is the exact value of the one "
            "site at the edge (the largest or smallest), however large the group: output a "
            "percentile between 0.05 and 0.95, an average, or a histogram of the number instead",
        )

    def subquery_cells(self, scope: Scope | None) -> list[Finding]:
        """A subquery in an output column over rows still per report or per entity
        (``ARRAY(SELECT TO_JSON_STRING(t) FROM t)``, ``(SELECT users ... LIMIT 1)``,
        ``EXISTS(SELECT 1 ... WHERE users = 5)``): values or facts of single reports."""
        if scope is None:
            return []
        node = scope.expression
        if isinstance(node, exp.SetOperation):
            return [p for b in scope.set_operation_scopes for p in self.subquery_cells(b)]
        if not isinstance(node, exp.Select):
            return []
        problems = []
        for proj in node.expressions:
            for sub in proj.find_all(exp.Query):
                inner = self.r.expression_subquery(sub)
                if inner is None or self.lineage.grain(inner) <= AGGREGATE:
                    continue
                if isinstance(sub.find_ancestor(exp.AggFunc, exp.Select), exp.AggFunc):
                    continue  # COUNTIF(site_id IN (SELECT ...)): only counted
                problems.append(
                    Finding(
                        line_of(sub) or line_of(proj) or 1,
                        "value-aggregate",
                        f"the subquery in output column {proj.alias_or_name!r} reads single "
                        "reports or sites, not an aggregate of them: aggregate it (COUNT, SUM, "
                        "AVG) or join its result",
                    )
                )
        return problems

    def _numeric(self, node: exp.Expression | None, scope: Scope) -> bool:
        """Whether ``node`` is a number: numeric fields through arithmetic and aggregates."""
        if node is None:
            return False
        typed = node.type
        if typed is not None and not typed.is_type(exp.DataType.Type.UNKNOWN):
            return typed.is_type(*exp.DataType.NUMERIC_TYPES, exp.DataType.Type.BOOLEAN)
        for n in self.r.expand(node, scope).walk():
            path = field_of(n)
            if path:
                f = self.types.get(path)
                numeric = f is not None and f.sql_type().upper() in NUMERIC
                if not numeric and not isinstance(n.parent, exp.ArraySize | exp.Count):
                    return False
            elif isinstance(n, exp.Literal) and n.is_string:
                return False
            elif isinstance(n, exp.Cast):
                if not n.to.is_type(*exp.DataType.NUMERIC_TYPES):
                    return False
            elif isinstance(n, exp.Func) and not isinstance(n, NUMBER_FUNCTIONS):
                return False
        return True

    # -- filters -----------------------------------------------------------------------------


# The fractions a percentile may take: PERCENTILE_CONT(x, 0.999) interpolates between the two
# largest values of 300 sites (the edge, nearly), so a percentile must leave a share of the
# entities beyond it on both sides, not only be inside (0, 1).
PERCENTILE_RANGE = (0.05, 0.95)
# PERCENTILE_DISC returns the first value whose cumulative share reaches the fraction: in a
# group of k = 5 sites any fraction above 0.8 is the largest value itself (below 0.2, the
# smallest), so its fraction stays within the middle half.
DISC_RANGE = (0.25, 0.75)


def _below_half(fraction: exp.Expression | None) -> bool:
    """A percentile's fraction written as a number below 0.5 (nearer the lowest value)."""
    if not isinstance(fraction, exp.Literal) or fraction.is_string:
        return False
    try:
        return float(fraction.this) < 0.5
    except ValueError:
        return False


def inside_unit_interval(fraction: exp.Expression | None) -> bool:
    """A percentile's fraction written as a number within ``PERCENTILE_RANGE`` (within
    ``DISC_RANGE`` for PERCENTILE_DISC)."""
    if not isinstance(fraction, exp.Literal) or fraction.is_string:
        return False
    try:
        disc = isinstance(fraction.parent, exp.PercentileDisc)
        low, high = DISC_RANGE if disc else PERCENTILE_RANGE
        return low <= float(fraction.this) <= high
    except ValueError:
        return False
