"""The output's groups: what keys them, and whether small ones may be published.

A published row describes the entities behind its group. ``GroupAnalysis`` reads, from the
qualified query alone, the facts the gate needs about the outermost aggregation: its keys,
each classed as *public* (values of a public catalogue declared in source.toml, or a report
time coarsened to a day or more), a *histogram* of one per-entity number
(``environment_count``, ``ARRAY_LENGTH(modules)``), *per-report* (a full-precision time, a
message id: one group per report), or *private*; what fills its cells (``cells``); and
what its filters select (``filters``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlglot import exp

from workbench.privacy.catalogues import Catalogues, catalogue
from workbench.privacy.cells import NUMERIC, Cells
from workbench.privacy.complements import Complement, Complements
from workbench.privacy.differencing import Differencing
from workbench.privacy.extremes import Extremes
from workbench.privacy.facts import Finding, short
from workbench.privacy.lineage import aggregates, window_aggregation
from workbench.privacy.resolve import fields
from workbench.privacy.times import time_reader
from workbench.privacy.units import Units
from workbench.translate import line_of

if TYPE_CHECKING:
    from sqlglot.optimizer.scope import Scope


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
    # the catalogues whose public values a filter narrows rows by (crossed with the keys')
    filtered: set[str] = field(default_factory=set)
    # reads narrowed by a private value beside another read: their left-out rows need k too
    complements: list[Complement] = field(default_factory=list)
    problems: list[Finding] = field(default_factory=list)
    line: int = 1

    @property
    def small_groups_allowed(self) -> str | None:
        """PUBLIC or HISTOGRAM when small groups describe a catalogue or one number."""
        if not self.keys or self.selective or self.private_values:
            return None
        if all(k.cls in (PUBLIC, TIME) for k in self.keys):
            # One catalogue's entries, per period: the fields of one repeated record (a
            # module release: slug and version), or the report's own public columns (CLI
            # release and operating system). Fields of two repeated records (module slug x
            # class platform), or of a record and the report's columns (CLI version x
            # operating system x command x exit code), pair one site's elements with its
            # attributes: their combinations are the site's, not a catalogue's.
            # A filter on another catalogue's value crosses it with the keys just as well.
            return PUBLIC if len(_catalogues(self.keys) | self.filtered) <= 1 else None
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


class GroupAnalysis(Differencing, Catalogues, Complements, Cells, Extremes, Units):
    """The facts of the outermost aggregation(s), for ``analysis`` and ``group_size``."""

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
        if not scope.selected_sources:
            # SELECT (SELECT AVG(x) FROM t WHERE ...) AS a, ARRAY(SELECT AS STRUCT ...): no
            # FROM, each value a subquery's groups, which the small-group rules judge too.
            return [
                s
                for query in node.find_all(exp.Query)
                if query is not node
                and (sub := self.r.by_node.get(id(query))) is not None
                and sub.parent is scope
                for s in self.group_scopes(sub)
            ]
        return []

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
                text = short(key)
                line = line_of(key) or result.line
                result.keys.append(Key(cls, text, line, paths))
                if cls == PER_REPORT:
                    result.problems.append(
                        Finding(
                            line,
                            "per-report-key",
                            f"the output key {text} has one value per report: coarsen it "
                            "(DATE(timestamp), TIMESTAMP_TRUNC(timestamp, WEEK)) or count it",
                        )
                    )
            result.problems.extend(self.value_aggregates(scope, self._keys(select)))
            result.enforced = result.enforced or self.enforces_k(scope)
        if result.scopes:
            result.enforced = result.enforced and all(self.enforces_k(s) for s in result.scopes)
        result.problems.extend(self.subquery_cells(root))
        result.problems.extend(self.inner_cells(result.scopes))
        result.problems.extend(self.targeted_filters())
        result.problems.extend(self.misplaced_thresholds(result.scopes))
        result.problems.extend(self.conditional_cells(result.scopes))
        periods = all(k.cls in (PUBLIC, TIME) for k in result.keys)
        result.problems.extend(
            self.crossed_cells(result.scopes, _catalogues(result.keys) if periods else None)
        )
        result.filtered = self.filter_catalogues()
        result.complements = self.complements()
        result.problems.extend(self.foreign_units())
        result.problems.extend(self.differencing(result.scopes))
        result.problems.extend(self.extremes(result.scopes))
        result.selective = self.selective_filter()
        records = {p.rsplit(".", 1)[0] for k in result.keys for p in k.paths if "." in p}
        result.private_values = self.private_values(result.scopes, records)
        return result

    def inner_cells(self, outputs: list[Scope]) -> list[Finding]:
        """Value cells of inner aggregations whose groups span entities: ``MAX(x)`` per
        release in a subquery, summed or averaged outside, is still the largest site's
        number (an output cell one scope removed). Grouped by the entity, each is a site's
        own value, which the outer aggregate then combines."""
        found = []
        done = {id(s) for s in outputs}
        for scope in self.r.scopes:
            select = scope.expression
            if id(scope) in done or not isinstance(select, exp.Select) or not aggregates(select):
                continue
            keys = self._keys(select)
            if any(self.r.kind(k, scope) == self.entity for k in keys):
                continue
            found.extend(self.value_aggregates(scope, keys, inner=True))
        return found

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
            numeric = f is not None and f.sql_type().upper() in NUMERIC
            length = (
                any(isinstance(leaf.parent, exp.ArraySize) for _, leaf in leaves)
                or path in self.per_report
            )
            if numeric or length:
                return HISTOGRAM
        return PRIVATE

    # -- packed cells ------------------------------------------------------------------------


def _catalogues(keys: list[Key]) -> set[str]:
    """The catalogues public keys read: each repeated record, and the report's own columns
    (one catalogue, which "" stands for)."""
    return {catalogue(p) for k in keys if k.cls == PUBLIC for p in k.paths}


def _record(paths: frozenset[str]) -> str | None:
    """The repeated record all ``paths`` are fields of (``classes`` for ``classes.count``)."""
    parents = {p.rsplit(".", 1)[0] for p in paths if "." in p}
    if len(parents) != 1 or any("." not in p for p in paths):
        return None
    return parents.pop()


def _coarsened(leaf: exp.Expression) -> bool:
    """Whether a per-report field is used only through a function that keeps a day or less
    (or an hour) of it: the first call the time reaches as it is (``times.time_reader``),
    not one of a number computed from it (``DATE(TIMESTAMP_SECONDS(MOD(UNIX_SECONDS(t),
    86400) * 86400))`` is a day per second of the day)."""
    node, child = time_reader(leaf)
    if isinstance(node, exp.Date | exp.TsOrDsToDate):
        return child is node.this
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
        if isinstance(node, exp.Extract) and child is not node.expression:
            return False
        if isinstance(node, exp.TimestampTrunc | exp.DateTrunc | exp.DatetimeTrunc) and (
            child is not node.this
        ):
            return False
        part = node.this if isinstance(node, exp.Extract) else node.args.get("unit")
        if isinstance(part, exp.WeekStart):  # sqlglot reads WEEK as WEEK(SUNDAY)
            return True
        name = (part.name if isinstance(part, exp.Expression) else str(part or "")).upper()
        return name.split("(")[0] in _COARSE_PARTS
    return False
