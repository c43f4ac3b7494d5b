"""Column lineage of identifiers, and the row grain of each scope of a query.

For every output column of every scope (CTE, subquery, set operation branch, UNNEST), the
identifier columns whose values can flow into it, with a short path for messages
("via MAX → CTE latest"). Counting functions, predicates, window PARTITION BY/ORDER BY
and CASE conditions stop the flow: they never put an identifier's value in a row. The
grain says whether a scope's rows are aggregates, one per identifier, or one per report.
Works on a tree qualified with the source schema (every column names its source).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlglot import exp
from sqlglot.optimizer.scope import ScopeType, build_scope

from workbench.privacy.resolve import Resolver, written_name
from workbench.translate import line_of

if TYPE_CHECKING:
    from sqlglot import exp
    from sqlglot.optimizer.scope import Scope

    from fakedata.source import Source

# Functions whose result is a count, whatever they count: an identifier inside is safe.
_COUNTING = ("Count", "ApproxDistinct", "CountIf", "ArraySize", "RegrCount")
# Row grain of a scope's output, from safest to most identifying.
NONE, AGGREGATE, ENTITY, ROW = 0, 1, 2, 3

Taint = dict[str, str]  # identifier column → how it got here ("via ...")


class Lineage:
    """Which identifier columns can flow into each output column of each scope."""

    def __init__(self, tree: exp.Expression, source: Source, root: Scope | None = None) -> None:

        self.tree = tree
        self.source = source
        self.identifiers = {c.lower() for c in source.identifiers}
        self.root = root if root is not None else build_scope(tree)
        self.by_node: dict[int, Scope] = {}
        if self.root is not None:
            for scope in self.root.traverse():
                self.by_node[id(scope.expression)] = scope
        self._outputs: dict[int, list[tuple[str, Taint, exp.Expression]]] = {}
        self._grain: dict[int, int] = {}
        self.entity_line: int | None = None  # where the output became one row per identifier

    # -- outputs of a scope ------------------------------------------------------------------

    def outputs(self, scope: Scope) -> list[tuple[str, Taint, exp.Expression]]:
        """(name, taint, node) for each output column of ``scope``, in order."""
        key = id(scope)
        if key not in self._outputs:
            self._outputs[key] = []  # cycles (recursive CTEs) resolve to "nothing yet"
            self._outputs[key] = self._compute_outputs(scope)
        return self._outputs[key]

    def _compute_outputs(self, scope: Scope) -> list[tuple[str, Taint, exp.Expression]]:

        node = scope.expression
        if isinstance(node, exp.SetOperation):
            left, right = scope.set_operation_scopes[0], scope.set_operation_scopes[1]
            out = []
            for (name, lt, ln), (_, rt, _) in zip(
                self.outputs(left), self.outputs(right), strict=False
            ):
                out.append((name, {**rt, **lt}, ln))
            return out
        if isinstance(node, exp.Select):
            return [(p.alias_or_name, self.taint(p, scope), p) for p in node.expressions]
        # UNNEST and other table functions: every column carries what their arguments carry.
        taint = self.taint(node, scope, skip_self=True)
        names = _udtf_columns(node)
        return [(n, dict(taint), node) for n in names] or [("", taint, node)]

    def column_taint(self, scope: Scope, table: str, name: str) -> Taint:
        """Taint of column ``table.name`` as seen from ``scope`` (or an enclosing scope)."""

        current: Scope | None = scope
        while current is not None:
            src = current.sources.get(table)
            if src is not None:
                if isinstance(src, exp.Table):
                    if name == "" or name.lower() == "*":
                        return {i: "" for i in self.identifiers}
                    return {name.lower(): ""} if name.lower() in self.identifiers else {}
                outs = self.outputs(src)
                label = _scope_label(src, table)
                matches = [t for n, t, _ in outs if n.lower() == name.lower()] if name else []
                if not matches:  # the whole row of a derived table, or unknown: be conservative
                    matches = [t for _, t, _ in outs]
                merged: Taint = {}
                for t in matches:
                    for ident, via in t.items():
                        merged.setdefault(ident, _join(label, via))
                return merged
            current = current.parent
        return {}

    def taint(self, node: exp.Expression, scope: Scope, skip_self: bool = False) -> Taint:
        """Identifier columns whose values can flow into the value of ``node``."""

        if not skip_self:
            if isinstance(node, exp.Column):
                if isinstance(node.this, exp.Star):
                    return self.column_taint(scope, node.table, "*")
                if node.table:
                    return self.column_taint(scope, node.table, node.name)
                # An unqualified name left by qualification: a table used as a value.
                return self.column_taint(scope, node.name, "")
            if isinstance(node, exp.TableColumn):
                return self.column_taint(scope, node.name, "")
            if isinstance(node, exp.Star):
                merged: Taint = {}
                for name in scope.sources:
                    merged.update(self.column_taint(scope, name, "*"))
                return merged
            if type(node).__name__ in _COUNTING:
                return {}
            if isinstance(node, exp.Predicate | exp.Connector | exp.Not):
                return {}  # a yes/no answer about a value, as in WHERE
            if isinstance(node, exp.Window):
                return self.taint(node.this, scope)  # PARTITION BY/ORDER BY are not output
            if isinstance(node, exp.If):
                return {**self.taint(node.args["true"], scope), **self._opt(node, "false", scope)}
            if isinstance(node, exp.Case):
                merged = self._opt(node, "default", scope)
                for branch in node.args.get("ifs") or []:
                    merged.update(self.taint(branch.args["true"], scope))
                return merged
            if isinstance(node, exp.Query):
                inner = self.by_node.get(id(node))
                if inner is not None:
                    merged = {}
                    for _, t, _ in self.outputs(inner):
                        for ident, via in t.items():
                            merged.setdefault(ident, _join("subquery", via))
                    return merged
        merged = {}
        for child in node.iter_expressions():
            for ident, via in self.taint(child, scope).items():
                if ident not in merged:
                    merged[ident] = _join(written_name(node), via)
        return merged

    def _opt(self, node: exp.Expression, arg: str, scope: Scope) -> Taint:
        value = node.args.get(arg)
        return self.taint(value, scope) if value is not None else {}

    # -- grain --------------------------------------------------------------------------------

    def grain(self, scope: Scope) -> int:
        """How fine the rows of ``scope`` are: NONE, AGGREGATE, ENTITY or ROW."""
        key = id(scope)
        if key not in self._grain:
            self._grain[key] = AGGREGATE  # recursive CTEs: assume the base case
            self._grain[key] = self._compute_grain(scope)
        return self._grain[key]

    def _compute_grain(self, scope: Scope) -> int:

        node = scope.expression
        if isinstance(node, exp.SetOperation):
            # UNION DISTINCT of report rows is a list of report values, still one per report.
            return max((self.grain(s) for s in scope.set_operation_scopes), default=NONE)
        if not isinstance(node, exp.Select):  # UNNEST etc.: as fine as what they unnest
            return max(
                (self.grain(s) for s in self._inner_scopes(node)),
                default=NONE,
            )
        finest = self.input_grain(scope)
        if not aggregates(node):
            return finest
        group = node.args.get("group")
        # Plain keys and ROLLUP/CUBE/GROUPING SETS alike.
        keys = list(group.iter_expressions()) if group else []
        if node.args.get("distinct") and not keys:
            keys = list(node.expressions)
        for key_node in keys:
            if self.taint(key_node, scope):
                self.entity_line = self.entity_line or line_of(key_node)
                return ENTITY
        return AGGREGATE if finest != NONE else NONE

    def input_grain(self, scope: Scope) -> int:
        """How fine the rows a SELECT reads are, before it aggregates: the finest of its
        FROM sources (a table's rows are reports)."""
        finest = NONE
        for name in scope.selected_sources:
            src = scope.sources.get(name)
            if src is None:
                continue
            finest = max(finest, ROW if isinstance(src, exp.Table) else self.grain(src))
            # UNNEST of an aggregated array brings back one row per aggregated row.
            udtf = not isinstance(src, exp.Table) and not isinstance(src.expression, exp.Query)
            if udtf and self.expands_rows(src.expression, src):
                finest = ROW
        return finest

    def expands_rows(self, node: exp.Expression, scope: Scope) -> bool:
        """Whether an array value holds one element per row of a finer scope (ARRAY_AGG...)."""

        for sub in node.walk():
            if isinstance(sub, exp.ArrayAgg | exp.ArrayConcatAgg | exp.ArrayUniqueAgg):
                return True
            if isinstance(sub, exp.Query) and sub is not node:
                inner = self.by_node.get(id(sub))
                if inner is not None and self.grain(inner) == ROW:
                    return True
            if isinstance(sub, exp.Column) and sub.table:
                src = Resolver.find_source(scope, sub.table)
                if src is None or isinstance(src, exp.Table):
                    continue
                if isinstance(src.expression, exp.Select):
                    for proj in src.expression.expressions:
                        if proj.alias_or_name == sub.name and self.expands_rows(proj, src):
                            return True
        return False

    def _inner_scopes(self, node: exp.Expression) -> list[Scope]:

        return [
            self.by_node[id(q)]
            for q in node.find_all(exp.Query)
            if q is not node and id(q) in self.by_node
        ]


def aggregates(select: exp.Select) -> bool:
    """Whether a SELECT collapses rows: GROUP BY, DISTINCT, or an aggregate in its own level."""

    if select.args.get("group") or select.args.get("distinct"):
        return True
    return has_aggregate(select)


def window_aggregation(select: exp.Select) -> list[exp.Expression] | None:
    """The partition keys of ``SELECT DISTINCT PERCENTILE_CONT(x, 0.5) OVER (PARTITION BY k), k``
    (BigQuery's documented median idiom): one row per partition, as GROUP BY k would give.
    None for any other SELECT."""
    if not select.args.get("distinct") or select.args.get("group"):
        return None
    partitions: str | None = None
    keys: list[exp.Expression] = []
    plain: list[exp.Expression] = []
    for proj in select.expressions:
        node = proj.unalias()
        if isinstance(node, exp.Window):
            if (
                not isinstance(node.this, exp.AggFunc)
                or node.args.get("order")
                or node.args.get("spec")
            ):
                return None
            parts = node.args.get("partition_by") or []
            text = "|".join(p.sql() for p in parts)
            if partitions is not None and text != partitions:
                return None
            partitions, keys = text, list(parts)
        else:
            plain.append(node)
    if partitions is None:
        return None
    key_text = {k.sql() for k in keys}
    for node in plain:
        if node.sql() not in key_text and any(True for _ in node.find_all(exp.Column)):
            return None
    return keys


def has_aggregate(select: exp.Select) -> bool:
    """Whether an aggregate function (not a window, not in a subquery) is in the SELECT's
    own list or HAVING."""

    def walk(node: exp.Expression) -> bool:
        if isinstance(node, exp.Window | exp.Query):
            return False
        if isinstance(node, exp.AggFunc):
            return True
        return any(walk(c) for c in node.iter_expressions())

    having = select.args.get("having")
    return any(walk(p) for p in select.expressions) or bool(having and walk(having))


def first_line(node: exp.Expression) -> int:
    """The earliest source line recorded anywhere under ``node`` (0: none)."""
    lines = [n.meta_get("line") for n in node.walk() if n.meta_get("line")]
    return min(lines, default=0)


def _udtf_columns(node: exp.Expression) -> list[str]:

    alias = node.args.get("alias")
    if isinstance(alias, exp.TableAlias) and alias.columns:
        return [c.name for c in alias.columns]
    if alias is not None and alias.name:
        return [alias.name]
    return []


def _scope_label(scope: Scope, alias: str) -> str:

    if scope.scope_type == ScopeType.CTE:
        return f"CTE {scope.expression.parent.alias_or_name}"
    if scope.scope_type == ScopeType.UDTF:
        return "UNNEST"
    return f"subquery {alias}" if alias and not alias.startswith("_") else "subquery"


def _join(step: str, via: str) -> str:
    """'via A → B' chains, outermost step first, repeated steps folded."""
    if not step:
        return via
    rest = via.removeprefix("via ")
    if rest.split(" → ")[0] == step:
        return via
    return f"via {step}" + (f" → {rest}" if rest else "")
