"""How many distinct entities (sites) stand behind each output group, on the fake data.

A group counted from one or two sites describes those sites, even with no identifier in
it. The query is rewritten on its qualified syntax tree so that every scope carries the
entity column down to the outermost aggregation, which then also computes
``COUNT(DISTINCT entity)`` per group; the rewritten query runs offline like any other.
Only counts are reported, never the groups themselves.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlglot import exp
from sqlglot.optimizer.scope import build_scope

from workbench.privacy.lineage import aggregates

if TYPE_CHECKING:
    from sqlglot import exp
    from sqlglot.optimizer.scope import Scope

    from fakedata.source import Source
    from workbench.engines.base import Engine

ENTITY = "_wb_entity"
K = "_wb_k"


@dataclass(frozen=True)
class KResult:
    groups: int  # output rows
    small: int  # rows backed by 1 to k-1 entities
    smallest: int  # fewest entities behind one such row


def k_query(tree: exp.Expression, source: Source) -> exp.Expression | None:
    """A copy of the qualified ``tree`` whose last output column counts entities per row.

    None when the entity cannot be carried to the output (then nothing is claimed).
    """

    if not source.entity:
        return None
    tree = tree.copy()
    root = build_scope(tree)
    if root is None:
        return None
    rewriter = _Rewriter(source.table, source.entity)
    return tree if rewriter.k_column(root) else None


def measure(engine: Engine, tree: exp.Expression, source: Source, where: str) -> KResult | None:
    """Run the entity-counting query on the fake data (None: not measurable)."""
    query = k_query(tree, source)
    if query is None:
        return None
    table = engine.run(query.sql(dialect="bigquery"))
    if table.num_rows == 0:
        return KResult(0, 0, 0)
    counts = [c or 0 for c in table.column(table.num_columns - 1).to_pylist()]
    # 0 entities: a global aggregate over no rows, which describes nobody.
    small = [c for c in counts if 0 < c < source.k_anonymity]
    return KResult(len(counts), len(small), min(small or counts))


class _Rewriter:
    def __init__(self, table: str, entity: str) -> None:
        self.table = table
        self.entity = entity
        self._carriers: dict[int, str | None] = {}

    # -- the entity value of each row -------------------------------------------------------

    def source_entity(self, scope: Scope) -> exp.Expression | None:
        """An expression for the entity of each input row of ``scope`` (from its sources)."""

        for name in scope.selected_sources:
            src = scope.sources.get(name)
            if isinstance(src, exp.Table):
                if src.name == self.table:
                    return exp.column(self.entity, table=name)
                continue
            if src is None:
                continue
            carried = self.carrier(src)
            if carried:
                return exp.column(carried, table=name)
        return None

    def carrier(self, scope: Scope) -> str | None:
        """Add a column holding the row's entity to ``scope``'s output; its name, or None."""
        key = id(scope)
        if key not in self._carriers:
            self._carriers[key] = None
            self._carriers[key] = self._add_carrier(scope)
        return self._carriers[key]

    def _add_carrier(self, scope: Scope) -> str | None:

        node = scope.expression
        if isinstance(node, exp.SetOperation):
            branches = scope.set_operation_scopes
            return ENTITY if all(self.carrier(b) for b in branches) else None
        if not isinstance(node, exp.Select):
            return None
        # An aggregating scope keeps the entity only as a group key; others pass it through.
        value = self._grouped_entity(scope, node) if aggregates(node) else self.source_entity(scope)
        if value is None:
            return None
        node.select(exp.alias_(value, ENTITY), copy=False)
        return ENTITY

    def _grouped_entity(self, scope: Scope, select: exp.Select) -> exp.Expression | None:
        """In an aggregating scope, the entity survives only as one of its group keys."""

        group = select.args.get("group")
        keys = list(group.expressions) if group else []
        if select.args.get("distinct") and not keys:
            keys = [p.unalias() for p in select.expressions]
        aliases = {p.alias: p.unalias() for p in select.expressions if p.alias}
        for key in keys:
            if isinstance(key, exp.Column) and not key.table and key.name in aliases:
                key = aliases[key.name]
            if self.is_entity(key, scope):
                return key.copy()
        return None

    def is_entity(self, node: exp.Expression, scope: Scope) -> bool:

        if not isinstance(node, exp.Column) or not node.table:
            return False
        src = scope.sources.get(node.table)
        if isinstance(src, exp.Table):
            return src.name == self.table and node.name.lower() == self.entity.lower()
        if src is None or not isinstance(src.expression, exp.Select):
            return False
        for proj in src.expression.expressions:
            if proj.alias_or_name == node.name:
                return self.is_entity(proj.unalias(), src)
        return False

    # -- the count at the output -------------------------------------------------------------

    def k_column(self, scope: Scope) -> bool:
        """Add COUNT(DISTINCT entity) as the last output column of ``scope``'s rows."""

        node = scope.expression
        if isinstance(node, exp.SetOperation):
            return all(self.k_column(b) for b in scope.set_operation_scopes)
        if not isinstance(node, exp.Select):
            return False
        if aggregates(node):
            value = self.source_entity(scope)
            if value is None:
                return False
            if node.args.get("distinct") and not node.args.get("group"):
                node.set("distinct", None)
                node.group_by(*[p.unalias().copy() for p in node.expressions], copy=False)
            count = exp.Count(this=exp.Distinct(expressions=[value]))
            node.select(exp.alias_(count, K), copy=False)
            return True
        sources = [scope.sources.get(n) for n in scope.selected_sources]
        derived = [s for s in sources if s is not None and not isinstance(s, exp.Table)]
        if len(sources) != 1 or len(derived) != 1:
            return False
        if not self.k_column(derived[0]):
            return False
        alias = next(iter(scope.selected_sources))
        node.select(exp.alias_(exp.column(K, table=alias), K), copy=False)
        return True
