"""The output's groups: what keys them, what fills their cells, what filters select them.

A published row describes the entities behind its group. This module reads, from the
qualified query alone, the facts the gate needs about the outermost aggregation:
- its keys, each classed as *public* (values of a public catalogue declared in source.toml,
  or a report time coarsened to a day or more), a *histogram* of one per-entity number
  (``environment_count``, ``ARRAY_LENGTH(modules)``), *per-report* (a full-precision time,
  a message id: one group per report), or *private*;
- value-returning aggregates (ARRAY_AGG, STRING_AGG, ANY_VALUE, MIN/MAX of non-numbers...)
  over rows that are still one per report or per entity: they pack a site into a cell;
- filters that narrow rows by a private value (then a public key no longer protects);
- whether the query enforces the minimum group size itself (``HAVING COUNT(DISTINCT
  site_id) >= k``), and count filters that select small groups (``= 1``, ``< k``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlglot import exp

from workbench.privacy.lineage import AGGREGATE, aggregates, window_aggregation
from workbench.privacy.resolve import Resolver, field_of, fields, unparen, written_name
from workbench.translate import line_of

if TYPE_CHECKING:
    from sqlglot.optimizer.scope import Scope

    from workbench.privacy.lineage import Lineage

PUBLIC, TIME, HISTOGRAM, PER_REPORT, PRIVATE = (
    "public",
    "time",
    "histogram",
    "per-report",
    "private",
)
# Functions that keep a full-precision time only to a day, week, month... (or an hour).
_COARSE_PARTS = {
    "HOUR", "DAY", "WEEK", "ISOWEEK", "MONTH", "QUARTER", "YEAR", "ISOYEAR", "DATE",
    "DAYOFWEEK", "DAYOFYEAR",
}  # fmt: skip
_VALUE_AGGREGATES = (
    exp.ArrayAgg, exp.ArrayConcatAgg, exp.ArrayUniqueAgg, exp.GroupConcat, exp.AnyValue,
    exp.ApproxTopK, exp.FirstValue, exp.LastValue, exp.NthValue,
)  # fmt: skip
_COUNTS = (exp.Count, exp.CountIf, exp.ApproxDistinct)
_NUMBER_FUNCTIONS = (
    exp.AggFunc, exp.ArraySize, exp.Abs, exp.Round, exp.Floor, exp.Ceil, exp.Sqrt, exp.Ln,
    exp.Log, exp.Pow, exp.SafeDivide, exp.Coalesce, exp.Greatest, exp.Least, exp.Sign,
)  # fmt: skip
_NUMERIC = {"INT64", "FLOAT64", "NUMERIC", "BIGNUMERIC", "INTEGER", "FLOAT", "BOOL", "BOOLEAN"}


@dataclass(frozen=True)
class Problem:
    line: int
    rule: str
    message: str


@dataclass(frozen=True)
class Key:
    """One output key: its class, its text (for messages), line and the fields it reads."""

    cls: str
    text: str
    line: int
    paths: frozenset[str] = frozenset()


@dataclass
class Groups:
    """What the outermost aggregation(s) of a query look like."""

    scopes: list[Scope] = field(default_factory=list)  # the scopes that form output groups
    keys: list[Key] = field(default_factory=list)
    selective: tuple[str, int] | None = None  # a filter on a private value: (text, line)
    private_values: tuple[str, int] | None = None  # an aggregate of a private attribute
    enforced: bool = False  # HAVING COUNT(DISTINCT entity) >= k (or equivalent)
    problems: list[Problem] = field(default_factory=list)
    line: int = 1

    @property
    def small_groups_allowed(self) -> str | None:
        """PUBLIC or HISTOGRAM when small groups describe a catalogue or one number."""
        if not self.keys or self.selective or self.private_values:
            return None
        if all(k.cls in (PUBLIC, TIME) for k in self.keys):
            # Fields of two repeated records (module slug x class platform) pair up one
            # site's elements: their combinations are the site's, not the catalogue's.
            records = {p.rsplit(".", 1)[0] for k in self.keys for p in k.paths if "." in p}
            return PUBLIC if len(records) <= 1 else None
        histograms = [k for k in self.keys if k.cls == HISTOGRAM]
        others = [k for k in self.keys if k.cls not in (TIME, HISTOGRAM) and k.paths]
        if len(histograms) != 1 or any(k.cls != PUBLIC for k in others):
            return None
        # One number, alone (or per period), or a number of the same repeated record as the
        # public keys (classes.count per classes.name: a histogram per public value). A
        # site-level number crossed with other keys partitions the sites far more finely.
        record = _record(histograms[0].paths)
        if not others or (record and all(_record(k.paths) == record for k in others)):
            return HISTOGRAM
        return None


class GroupAnalysis:
    def __init__(self, resolver: Resolver, lineage: Lineage) -> None:
        self.r = resolver
        self.lineage = lineage
        source = resolver.source
        self.k = source.k_anonymity
        self.entity = (source.entity or "").lower()
        self.public = {p.lower() for p in source.public_dimensions}
        self.per_report = {p.lower() for p in source.per_report}
        self.identifiers = resolver.identifiers
        self.types = {path.lower(): f for path, f in source.schema.walk()}

    # -- which scopes form the output groups -----------------------------------------------

    def group_scopes(self, scope: Scope | None) -> list[Scope]:
        """The aggregating scopes whose groups become output rows, through pass-through
        scopes (a SELECT over one derived table) and set operations."""
        if scope is None:
            return []
        node = scope.expression
        if isinstance(node, exp.SetOperation):
            return [s for b in scope.set_operation_scopes for s in self.group_scopes(b)]
        if not isinstance(node, exp.Select):
            return []
        if aggregates(node):
            return [scope]
        derived = self._derived_sources(scope)
        if len(derived) == 1 and not self._reads_table(scope):
            return self.group_scopes(derived[0])
        return []

    def _derived_sources(self, scope: Scope) -> list[Scope]:
        out = []
        for name in scope.selected_sources:
            src = scope.sources.get(name)
            if _derived(src):
                out.append(src)
        return out

    def _reads_table(self, scope: Scope) -> bool:
        return any(isinstance(scope.sources.get(n), exp.Table) for n in scope.selected_sources)

    # -- the analysis -----------------------------------------------------------------------

    def run(self) -> Groups:
        result = Groups()
        root = self.r.root
        result.scopes = self.group_scopes(root)
        result.line = line_of(self.r.tree) or 1
        for scope in result.scopes:
            select = scope.expression
            result.line = line_of(select.args.get("group") or select) or result.line
            for key in self._keys(select):
                cls, paths = self.key_class(key, scope)
                text = _short(key)
                line = line_of(key) or result.line
                result.keys.append(Key(cls, text, line, paths))
                if cls == PER_REPORT:
                    result.problems.append(
                        Problem(
                            line,
                            "per-report-key",
                            f"the output key {text} has one value per report: coarsen it "
                            "(DATE(timestamp), TIMESTAMP_TRUNC(timestamp, WEEK)) or count it",
                        )
                    )
            result.problems.extend(self.value_aggregates(scope))
            result.enforced = result.enforced or self.enforces_k(scope)
        if result.scopes:
            result.enforced = result.enforced and all(self.enforces_k(s) for s in result.scopes)
        result.problems.extend(self.subquery_cells(root))
        result.problems.extend(self.targeted_filters())
        result.selective = self.selective_filter()
        records = {p.rsplit(".", 1)[0] for k in result.keys for p in k.paths if "." in p}
        result.private_values = self.private_values(result.scopes, records)
        return result

    def private_values(self, scopes: list[Scope], records: set[str]) -> tuple[str, int] | None:
        """An output value aggregating a private attribute (``AVG(environment_count)``):
        in a group of one site it is that site's value, whatever the keys. Counts, and
        numbers of the keys' own record (``SUM(classes.count)`` per class), are not."""
        allowed = self.public | self.per_report | self.identifiers
        for scope in scopes:
            for proj in scope.expression.expressions:
                for agg in proj.find_all(exp.AggFunc):
                    if isinstance(agg, _COUNTS):
                        continue
                    expanded = self.r.expand(agg, scope)
                    counted = {id(n) for c in expanded.find_all(*_COUNTS) for n in c.walk()}
                    for path, leaf in fields(expanded):
                        if id(leaf) in counted or path in allowed:
                            continue
                        if "." in path and path.rsplit(".", 1)[0] in records:
                            continue
                        return _short(agg), line_of(agg) or line_of(proj) or 1
        return None

    @staticmethod
    def _keys(select: exp.Select) -> list[exp.Expression]:
        group = select.args.get("group")
        if group is not None and group.args.get("all"):  # GROUP BY ALL: the plain columns
            return [p.unalias() for p in select.expressions if not p.find(exp.AggFunc)]
        if group is not None:
            keys: list[exp.Expression] = []
            pending = list(group.iter_expressions())
            while pending:
                node = pending.pop(0)
                if isinstance(node, exp.Rollup | exp.Cube | exp.GroupingSets | exp.Tuple):
                    pending.extend(node.iter_expressions())
                else:
                    keys.append(node)
            return keys
        windowed = window_aggregation(select)
        if windowed is not None:
            return windowed
        if select.args.get("distinct"):
            return [p.unalias() for p in select.expressions]
        return []

    # -- keys --------------------------------------------------------------------------------

    def key_class(self, key: exp.Expression, scope: Scope) -> tuple[str, frozenset[str]]:
        """The key's class, and the source fields it reads."""
        expanded = self.r.expand(key, scope)
        paths = frozenset(p for p, _ in fields(expanded))
        return self._class(expanded), paths

    def _class(self, expanded: exp.Expression) -> str:
        leaves = fields(expanded)
        if not leaves:
            return PUBLIC  # a constant
        paths = {p for p, _ in leaves}
        through_aggregate = any(leaf.find_ancestor(exp.AggFunc) for _, leaf in leaves)
        report = [leaf for p, leaf in leaves if p in self.per_report]
        if any(not _coarsened(leaf) for leaf in report):
            return PER_REPORT
        if paths <= self.public and not through_aggregate:
            return PUBLIC
        if paths <= self.per_report and not through_aggregate:
            return TIME
        if len(paths) == 1 and not (paths & self.identifiers):
            (path,) = paths
            f = self.types.get(path)
            numeric = f is not None and f.sql_type().upper() in _NUMERIC
            length = (
                any(isinstance(leaf.parent, exp.ArraySize) for _, leaf in leaves)
                or path in self.per_report
            )
            if numeric or length:
                return HISTOGRAM
        return PRIVATE

    # -- packed cells ------------------------------------------------------------------------

    def value_aggregates(self, scope: Scope) -> list[Problem]:
        """ARRAY_AGG & co. in the output over rows still per report or per entity."""
        if self._input_grain(scope) <= AGGREGATE:
            return []
        problems = []
        for proj in scope.expression.expressions:
            for node in proj.walk():
                if isinstance(node, exp.Query):
                    continue
                name = None
                if isinstance(node, _VALUE_AGGREGATES):
                    name = written_name(node)
                elif isinstance(node, exp.Max | exp.Min) and not self._numeric(node.this, scope):
                    name = f"{written_name(node)} of a value that is not a number"
                if name:
                    problems.append(
                        Problem(
                            line_of(node) or line_of(proj) or 1,
                            "value-aggregate",
                            f"{name} puts values of single reports or sites into an output "
                            "cell: output counts, sums or averages instead",
                        )
                    )
        return problems

    def subquery_cells(self, scope: Scope | None) -> list[Problem]:
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
                    Problem(
                        line_of(sub) or line_of(proj) or 1,
                        "value-aggregate",
                        f"the subquery in output column {proj.alias_or_name!r} reads single "
                        "reports or sites, not an aggregate of them: aggregate it (COUNT, SUM, "
                        "AVG) or join its result",
                    )
                )
        return problems

    def _input_grain(self, scope: Scope) -> int:
        finest = 0
        for name in scope.selected_sources:
            src = scope.sources.get(name)
            if isinstance(src, exp.Table):
                return 3
            if src is None:
                continue
            if not isinstance(src.expression, exp.Query):
                continue  # UNNEST: as fine as the row it belongs to
            finest = max(finest, self.lineage.grain(src))
        return finest

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
                numeric = f is not None and f.sql_type().upper() in _NUMERIC
                if not numeric and not isinstance(n.parent, exp.ArraySize | exp.Count):
                    return False
            elif isinstance(n, exp.Literal) and n.is_string:
                return False
            elif isinstance(n, exp.Cast):
                if not n.to.is_type(*exp.DataType.NUMERIC_TYPES):
                    return False
            elif isinstance(n, exp.Func) and not isinstance(n, _NUMBER_FUNCTIONS):
                return False
        return True

    # -- filters -----------------------------------------------------------------------------

    def conditions(self) -> list[tuple[exp.Expression, Scope]]:
        """Every leaf of every WHERE, HAVING, QUALIFY and JOIN ON condition, with its scope."""
        out = []
        for scope in self.r.scopes:
            node = scope.expression
            if not isinstance(node, exp.Select):
                continue
            roots = [node.args.get(k) for k in ("where", "having", "qualify")]
            roots = [r.this for r in roots if r is not None]
            roots.extend(j.args["on"] for j in node.args.get("joins") or [] if j.args.get("on"))
            for root in roots:
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
            counted = {id(n) for c in expanded.find_all(*_COUNTS) for n in c.walk()}
            # A subquery in the filter has its own conditions, checked as leaves of its scope.
            paths = {p for p, n in fields(expanded) if id(n) not in counted and p != "?subquery"}
            if paths - self.public - self.per_report - self.identifiers:
                return _short(leaf), line_of(leaf) or 1
        return None

    def targeted_filters(self) -> list[Problem]:
        """Count filters that keep small groups: ``HAVING COUNT(DISTINCT site_id) = 1``."""
        problems = []
        for leaf, scope in self.conditions():
            bound = _count_bound(leaf, lambda n, s=scope: self._is_count(n, s))
            if bound is not None and bound[0] == "upper":
                problems.append(
                    Problem(
                        line_of(leaf) or 1,
                        "targeted-filter",
                        f"the filter {_short(leaf)} keeps only groups with few rows or "
                        "entities, which singles them out: filter with a lower bound "
                        f"(>= {self.k}) instead",
                    )
                )
        return problems

    def _is_count(self, node: exp.Expression, scope: Scope) -> exp.Expression | None:
        """The count aggregate ``node`` is (through aliases of derived tables), or None."""
        node = unparen(node)
        if isinstance(node, exp.Window) and isinstance(node.this, _COUNTS):
            return node.this  # QUALIFY COUNT(*) OVER (PARTITION BY slug) = 1
        if isinstance(node, _COUNTS):
            return node
        if isinstance(node, exp.Column):
            expanded = self.r.expand(node, scope)
            expanded = unparen(expanded)
            if isinstance(expanded, _COUNTS):
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
            elif _derived(src):
                total += self._paths(src, depth + 1)
        return total


def _record(paths: frozenset[str]) -> str | None:
    """The repeated record all ``paths`` are fields of (``classes`` for ``classes.count``)."""
    parents = {p.rsplit(".", 1)[0] for p in paths if "." in p}
    if len(parents) != 1 or any("." not in p for p in paths):
        return None
    return parents.pop()


def _derived(src) -> bool:
    """A CTE, subquery or set operation source (not a table, not UNNEST)."""
    return (
        src is not None and not isinstance(src, exp.Table) and isinstance(src.expression, exp.Query)
    )


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


def _coarsened(leaf: exp.Expression) -> bool:
    """Whether a per-report field is used only through a function that keeps a day or less."""
    node = leaf.parent
    while node is not None:
        if isinstance(node, exp.Date | exp.TsOrDsToDate | exp.DateFromParts):
            return True
        if isinstance(node, exp.Cast) and node.to.this in (exp.DataType.Type.DATE,):
            return True
        if isinstance(
            node,
            exp.Extract
            | exp.TimestampTrunc
            | exp.DateTrunc
            | exp.DatetimeTrunc
            | exp.TimestampDiff
            | exp.DateDiff
            | exp.DatetimeDiff,
        ):
            part = node.this if isinstance(node, exp.Extract) else node.args.get("unit")
            name = (part.name if isinstance(part, exp.Expression) else str(part or "")).upper()
            return name.split("(")[0] in _COARSE_PARTS
        node = node.parent
    return False


def _short(node: exp.Expression) -> str:
    """The query text of a node, shortened for a message (query text only, never data)."""
    bare = node.copy()
    for column in bare.find_all(exp.Column):
        column.set("table", None)  # the qualifier qualification added (`_0.`), not the user
    text = bare.sql(dialect="bigquery")
    return text if len(text) <= 60 else text[:57] + "..."
